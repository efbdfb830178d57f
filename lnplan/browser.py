"""Find the Chromium or Chrome that the browser tests, the axe checks and Lighthouse (`make bench`) use.

Order: the CHROMIUM environment variable when it is set (a value that is not a working executable is an error,
never silently replaced); otherwise the first of chromium, chromium-browser, google-chrome, google-chrome-stable
on PATH that works. A command is skipped when it is the snap launcher or a script that hands over to a snap
(Ubuntu's transitional chromium packages: a confined snap browser does not run in CI containers and cannot read
the profile Playwright makes in /tmp), or when its `--version` fails or does not answer.

    python -m lnplan.browser            print the path of the browser found; one line saying what to do if none
    python -m lnplan.browser --install  on Debian, first install what is missing from Debian's packages:
                                        chromium and chromium-driver when no browser is found (and CHROMIUM is
                                        unset), npm (for axe-core) when it is not on PATH, and
                                        fonts-noto-cjk when fontconfig knows no Chinese font (the site names
                                        system fonts only; without one, Chromium and LibreOffice draw Chinese
                                        as empty boxes and the font, layout and workbook tests fail)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ENV = "CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HINT = f"install Chromium or Google Chrome, or set {ENV}=/path/to/chromium"
PROBE_TIMEOUT = 15  # seconds for `--version`; Chromium answers in well under one


class BrowserNotFound(Exception):
    """No usable browser; the message is one line that says what to do."""


def problem(command: str) -> str | None:
    """Why the executable `command` cannot be the browser, or None when it can."""
    real = Path(command).resolve()
    if real.name == "snap":
        return "the snap launcher"
    try:
        with open(real, "rb") as f:
            head = f.read(4096)
    except OSError:
        head = b""
    if head.startswith(b"#!") and b"/snap/" in head:
        return "a wrapper that hands over to a snap"
    try:
        rc = subprocess.run(
            [command, "--version"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=PROBE_TIMEOUT,
        ).returncode
    except subprocess.TimeoutExpired:
        return f"`--version` did not answer in {PROBE_TIMEOUT} s"
    except OSError as exc:
        return f"cannot run it: {exc.strerror}"
    return f"`--version` exited with status {rc}" if rc else None


def find_browser() -> str:
    """The path of the browser to use; raises BrowserNotFound with a one-line message."""
    explicit = os.environ.get(ENV)
    if explicit:
        found = shutil.which(explicit)
        why = "not an executable file" if found is None else problem(found)
        if why:
            raise BrowserNotFound(
                f"{ENV}={explicit}: {why}; set {ENV} to a Chromium or Chrome executable, or unset it to search PATH"
            )
        return found
    skipped = []
    for name in NAMES:
        found = shutil.which(name)
        if found is None:
            continue
        why = problem(found)
        if why is None:
            return found
        skipped.append(f"{found} ({why})")
    searched = f"none of {', '.join(NAMES)} on PATH works"
    if skipped:
        searched += f"; skipped {'; '.join(skipped)}"
    raise BrowserNotFound(f"no Chromium or Chrome found: {searched}; {HINT}")


def is_debian(os_release: Path = Path("/etc/os-release")) -> bool:
    try:
        lines = os_release.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(line.strip() in ("ID=debian", 'ID="debian"') for line in lines)


def has_chinese_font() -> bool:
    """Whether fontconfig (which Chromium and LibreOffice use to find fonts) knows a font that covers Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return found.returncode == 0 and bool(found.stdout.strip())


def install_missing() -> None:
    """On Debian, install chromium + chromium-driver when no browser is found, npm when it is missing and a
    Chinese font (fonts-noto-cjk) when there is none."""
    if not is_debian():
        return
    packages = [] if shutil.which("npm") else ["npm"]
    if not os.environ.get(ENV):
        try:
            find_browser()
        except BrowserNotFound:
            packages += ["chromium", "chromium-driver"]
    if not has_chinese_font():
        packages.append("fonts-noto-cjk")
    apt_install(packages)


def apt_install(packages: list[str]) -> None:
    """Install Debian packages (nothing when the list is empty); apt's output goes to stderr."""
    if not packages:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing {' '.join(packages)} from Debian's packages", file=sys.stderr)
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        subprocess.run([*sudo, *command], check=True, env=env, stdout=sys.stderr)  # stdout is for the path only


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m lnplan.browser", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--install", action="store_true", help="on Debian, install what is missing first")
    args = ap.parse_args(argv)
    if args.install:
        try:
            install_missing()
        except subprocess.CalledProcessError as exc:
            print(f"error: `{' '.join(exc.cmd)}` failed with status {exc.returncode}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"error: cannot install from Debian's packages: {exc}", file=sys.stderr)
            return 1
    try:
        print(find_browser())
    except BrowserNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
