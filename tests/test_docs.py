"""The README tells the truth (as sqlite-utils' test_docs.py keeps its docs true): every command it lists exists and
every command that exists is listed, and its example of an error is the error the validator prints."""

import contextlib
import io
import re

import pytest

from conftest import ROOT
from lnplan import __main__ as cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def documented_targets() -> set[str]:
    """Makefile targets with a '##' line saying what they do (the ones a user runs)."""
    return set(re.findall(r"^##[^\n]*\n(?:##[^\n]*\n)*([a-z][a-z-]*):", MAKEFILE, re.M))


def readme_targets() -> set[str]:
    """`make x` in the text, or a line of a code block that begins with make x."""
    return set(re.findall(r"(?:`|^)make ([a-z][a-z-]*)", README, re.M))


def test_every_make_target_in_the_readme_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))
    assert readme_targets() - targets == set()


def test_every_documented_make_target_is_in_the_readme():
    assert documented_targets() - readme_targets() == set()


def subcommands() -> set[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main(["--help"])
    return set(re.search(r"\{([a-z,]+)\}", out.getvalue()).group(1).split(","))


def test_every_subcommand_of_python_m_lnplan_is_in_the_readme():
    assert {"validate", "fmt", "punctuation", "release", "synth"} <= subcommands()
    missing = [c for c in subcommands() if not re.search(rf"python -m lnplan[^`\n]*\b{c}\b|make {c}\b", README)]
    assert missing == []


def test_the_readme_example_error_is_what_validate_prints(plan_copy, capsys):
    example = re.search(r"^(plan/chapters/(\d+)\.yaml:\d+:\d+: (\S+): unknown unit '(\w+)'.*)$", README, re.M)
    assert example, "the README's example error is gone"
    line, chapter, path, typo = example.groups()
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[a-z_]+|\d+", path)]

    def introduce_typo(data):
        node = data
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = typo

    plan_copy.edit(f"chapters/{chapter}.yaml", introduce_typo)
    assert cli.main(["validate", "--plan", str(plan_copy.dir)]) == 1
    printed = capsys.readouterr().err
    shown = line.replace("plan/", f"{plan_copy.dir}/", 1)
    assert shown.split(": ", 1)[0] in printed and line.split(": ", 1)[1] in printed, printed
