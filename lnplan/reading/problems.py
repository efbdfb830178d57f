"""What is wrong with a plan, and where: every problem is one line, `file:line:column: path: message`."""

from __future__ import annotations

import difflib
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .checks import reserved_id


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.path or '(document)'}: {self.message}"


class PlanError(Exception):
    """The plan is invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def format_path(path: tuple) -> str:
    """('sections', 0, 'items', 1, 'id') -> 'sections[0].items[1].id'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


MAX_SUGGEST_CHOICES = (
    5000  # difflib compares the value with each: no suggestion among more (the 10x plan has 3,000 ids)
)
MAX_PROBLEMS = 200  # then the check stops: a file of 40,000 wrong ids gets 200 lines, not 40,000 (nor their cost)


def suggest(value: str, choices: Iterable[str]) -> str:
    """'; did you mean 'commerce'?' for the closest choice, or ''."""
    choices = list(choices)
    if len(choices) > MAX_SUGGEST_CHOICES:
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


class TooMany(Exception):
    """MAX_PROBLEMS problems were found: the check stops (Report.stopping)."""


class Report:
    """Collects the problems of one plan directory. Files are named as the reader sees them (relative to the
    working directory when inside it); a problem inside a file is placed at the nearest node the reader marked."""

    def __init__(self, plan_dir: Path):
        self.plan_dir = plan_dir
        self.problems: list[Problem] = []
        self.marks: dict[str, dict] = {}  # file -> path -> mark (line, column), from lnplan.yamlio

    def display(self, rel: str) -> str:
        full = self.plan_dir / rel
        try:
            shown = os.path.relpath(full)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(full)
        return str(full) if shown.startswith("..") else shown

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooMany

    @contextmanager
    def stopping(self) -> Iterator[None]:
        """Checks inside stop at MAX_PROBLEMS problems, and the last line says so."""
        try:
            yield
        except TooMany:
            self.problems.append(
                Problem(
                    self.display(""),
                    None,
                    None,
                    "",
                    f"the check stopped after {MAX_PROBLEMS} problems; fix these and run it again",
                )
            )

    def file(self, rel: str, message: str) -> None:
        """A problem with a whole file (missing, unreadable, unexpected)."""
        self.report(Problem(self.display(rel), None, None, "", message))

    def at(self, rel: str, line: int | None, column: int | None, message: str) -> None:
        """A problem at a position the YAML reader gave (a syntax error)."""
        self.report(Problem(self.display(rel), line, column, "", message))

    def add(self, rel: str, path: tuple, message: str) -> None:
        """A problem at a path inside a file's data."""
        marks = self.marks.get(rel, {})
        p = tuple(path)
        while p not in marks and p:
            p = p[:-1]
        mark = marks.get(p)
        self.report(
            Problem(
                self.display(rel),
                mark.line if mark else None,
                mark.column if mark else None,
                format_path(tuple(path)),
                message,
            )
        )

    def unique(self, rel: str, entries: Iterable[tuple[str, tuple]], what: str) -> None:
        """Each id once, and none reserved (lnplan.reading.checks.reserved_id)."""
        seen: dict[str, tuple] = {}
        for ident, path in entries:
            if reserved_id(ident, what):
                self.add(rel, path + ("id",), reserved_id(ident, what))
            if ident in seen:
                self.add(
                    rel,
                    path + ("id",),
                    f"duplicate {what} id '{ident}' (first used at {format_path(seen[ident])}); give each {what} its "
                    "own id",
                )
            else:
                seen[ident] = path
