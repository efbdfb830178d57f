"""Which browser the tests, axe and Lighthouse use: lnplan.browser with fake executables on a temporary PATH."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from lnplan import browser
from lnplan.browser import BrowserNotFound, find_browser

ORDER = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
SLEEP = shutil.which("sleep")
WORKS = 'echo "Chromium 120.0.6099.224"'
# Ubuntu's transitional chromium-browser package: a script that hands over to the snap, or fails without it.
UBUNTU_WRAPPER = (
    'if [ -x /snap/bin/chromium ]; then exec /snap/bin/chromium "$@"; fi\n'
    "echo \"Command '$0' requires the chromium snap to be installed.\" >&2; exit 1"
)


@pytest.fixture
def bin_dir(tmp_path, monkeypatch):
    """An empty directory that is the whole PATH, with CHROMIUM unset; `add` puts a fake command in it."""
    d = tmp_path / "bin"
    d.mkdir()
    monkeypatch.setenv("PATH", str(d))
    monkeypatch.delenv("CHROMIUM", raising=False)

    class Bin(type(d)):
        def add(self, name: str, body: str = WORKS, where=d) -> str:
            path = where / name
            path.write_text(f"#!/bin/sh\n{body}\n")
            path.chmod(0o755)
            return str(path)

    return Bin(d)


@pytest.mark.parametrize("first", range(len(ORDER)))
def test_names_are_tried_in_order(bin_dir, first):
    for name in ORDER[first:]:
        bin_dir.add(name)
    assert find_browser() == str(bin_dir / ORDER[first])


def test_the_chromium_setting_wins_over_path(bin_dir, tmp_path, monkeypatch):
    for name in ORDER:
        bin_dir.add(name)
    mine = bin_dir.add("my-chrome", where=tmp_path)
    monkeypatch.setenv("CHROMIUM", mine)
    assert find_browser() == mine


@pytest.mark.parametrize("setting", ["missing", "not-executable", "broken", "dir"])
def test_a_bad_chromium_setting_fails_clearly_instead_of_falling_back(bin_dir, tmp_path, monkeypatch, setting):
    bin_dir.add("chromium")
    path = tmp_path / setting
    if setting == "not-executable":
        path.write_text(f"#!/bin/sh\n{WORKS}\n")
    elif setting == "broken":
        bin_dir.add(setting, "exit 3", where=tmp_path)
    elif setting == "dir":
        path.mkdir()
    monkeypatch.setenv("CHROMIUM", str(path))
    with pytest.raises(BrowserNotFound, match=f"^CHROMIUM={path}: .*set CHROMIUM to a Chromium or Chrome executable"):
        find_browser()


def test_snap_wrappers_and_broken_commands_are_skipped(bin_dir, tmp_path, monkeypatch):
    snap = bin_dir.add("snap", 'echo "snap 2.63"')  # the snap launcher answers --version itself
    (bin_dir / "chromium").symlink_to(snap)  # what /snap/bin/chromium is
    bin_dir.add("chromium-browser", UBUNTU_WRAPPER)
    bin_dir.add("google-chrome", 'echo "chrome: error while loading shared libraries: libnss3.so" >&2; exit 127')
    monkeypatch.setattr(browser, "PROBE_TIMEOUT", 1)
    bin_dir.add("google-chrome-stable", f"exec {SLEEP} 30")
    with pytest.raises(BrowserNotFound) as e:
        find_browser()
    message = str(e.value)
    assert "\n" not in message
    assert f"{bin_dir}/chromium (the snap launcher)" in message
    assert f"{bin_dir}/chromium-browser (a wrapper that hands over to a snap)" in message
    assert f"{bin_dir}/google-chrome (`--version` exited with status 127)" in message
    assert f"{bin_dir}/google-chrome-stable (`--version` did not answer in 1 s)" in message
    working = bin_dir.add("google-chrome-stable")
    assert find_browser() == working


def test_the_command_line_prints_the_browser_or_one_line_saying_what_to_do(bin_dir):
    def run():
        return subprocess.run([sys.executable, "-m", "lnplan.browser"], cwd=ROOT, capture_output=True, text=True)

    r = run()
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == (
        "error: no Chromium or Chrome found: none of chromium, chromium-browser, google-chrome, "
        "google-chrome-stable on PATH works; install Chromium or Google Chrome, or set "
        "CHROMIUM=/path/to/chromium\n"
    )
    chrome = bin_dir.add("google-chrome")
    r = run()
    assert (r.returncode, r.stdout, r.stderr) == (0, chrome + "\n", "")
