"""The code passes the linter and is in the formatter's layout (ruff, pinned in requirements-dev.txt; settings in
ruff.toml: pycodestyle errors and warnings, pyflakes, lines of at most 120 characters)."""

import subprocess
import sys

from conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    found = ruff("check", "--output-format", "concise", ".")
    assert found.returncode == 0, found.stdout + found.stderr


def test_code_is_in_ruff_format():
    found = ruff("format", "--check", ".")
    assert found.returncode == 0, found.stdout + found.stderr
