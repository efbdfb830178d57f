"""The edition's prose (plan/about.zh.md, plan/about.en.md): the About page's sections, written as a small, strict
Markdown — a section begins with `## Title {#anchor}`, paragraphs are separated by a blank line, and everything is
plain text (the page escapes it: no HTML, no links, no emphasis, so nothing in these files can become markup).
Both languages have the same sections in the same order, and the sections the site links to are there."""

from __future__ import annotations

import re

from .. import safefiles, yamlio
from ..model import ProseSection
from .files import PROSE_FILES
from .problems import Problem, Report

FILES = dict(zip(("zh", "en"), PROSE_FILES))
HEADING = re.compile(r"## (?P<title>\S.*?) \{#(?P<anchor>[a-z][a-z0-9-]*)\}")
REQUIRED = ("method", "report")  # every responsibility clause links to #method; the footer's report link to #report


def read_about(report: Report) -> dict[str, tuple[ProseSection, ...]]:
    out = {lang: _read(report, rel) for lang, rel in FILES.items()}
    anchors = {lang: [s.anchor for s in sections] for lang, sections in out.items()}
    if not report.problems and anchors["zh"] != anchors["en"]:
        report.file(
            FILES["en"],
            f"sections {anchors['en']} are not those of {FILES['zh']} ({anchors['zh']}); "
            "both languages have the same sections, with the same anchors, in the same order",
        )
    for anchor in REQUIRED:
        if not report.problems and anchor not in anchors["zh"]:
            report.file(
                FILES["zh"], f"no section {{#{anchor}}}; the site links to it: add a section '## Title {{#{anchor}}}'"
            )
    return out


def _read(report: Report, rel: str) -> tuple[ProseSection, ...]:
    try:
        text = safefiles.read_text(report.plan_dir / rel, report.plan_dir)
    except FileNotFoundError:
        report.file(rel, "file is missing; every plan has this file (the About page's sections)")
        return ()
    except safefiles.Refused as exc:
        report.file(rel, str(exc))
        return ()
    sections: list[ProseSection] = []
    for n, block in _blocks(text):
        heading = HEADING.fullmatch(block)
        problem = yamlio.value_problem(block)
        if problem:
            _at(report, rel, n, problem)
        elif block.startswith("#") and not heading:
            _at(
                report,
                rel,
                n,
                "a heading is written '## Title {#anchor}' (two #, a title, an anchor of a-z, 0-9 and -)",
            )
        elif heading:
            sections.append(ProseSection(heading["anchor"], heading["title"], ()))
        elif not sections:
            _at(report, rel, n, "text before the first section; begin the file with '## Title {#anchor}'")
        else:
            last = sections[-1]
            sections[-1] = ProseSection(last.anchor, last.title, (*last.paragraphs, block))
    seen = set()
    for s in sections:
        if s.anchor in seen:
            report.file(rel, f"two sections have the anchor '{s.anchor}'; give each its own")
        seen.add(s.anchor)
        if not s.paragraphs:
            report.file(rel, f"section '{s.anchor}' has no text; write a paragraph under its heading or remove it")
    return tuple(sections)


def _blocks(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block: lines joined, blocks separated by blank lines."""
    out, lines, start = [], [], 0
    for n, line in enumerate(text.splitlines() + [""], start=1):
        if line.strip():
            if not lines:
                start = n
            lines.append(line.strip())
        elif lines:
            out.append((start, " ".join(lines) if not lines[0].startswith("#") else lines[0]))
            lines = []
    return out


def _at(report: Report, rel: str, line: int, message: str) -> None:
    report.report(Problem(report.display(rel), line, 1, "", message))
