"""The files of a plan: which there are, reading each as YAML with positions, and checking it against its part of
the JSON Schema."""

from __future__ import annotations

import copy
import functools
import itertools
import re
from pathlib import Path
from typing import Any

import jsonschema

from .. import safefiles, yamlio
from ..schema import ROOT, SCHEMA_PATH, load_schema
from . import checks
from .problems import MAX_PROBLEMS, Report

PLAN_DIR = ROOT / "plan"
# file (relative to plan/) -> the $defs entry that describes it
SINGLE_FILES = {
    "edition.yaml": "editionFile",
    "document.yaml": "documentFile",
    "units.yaml": "unitsFile",
    "places.yaml": "placesFile",
    "place_names.yaml": "placeNamesFile",
    "targets.yaml": "targetsFile",
    "glossary.yaml": "glossaryFile",
    "vocabularies.yaml": "vocabulariesFile",
    "corrections.yaml": "correctionsFile",
    "releases.yaml": "releasesFile",
}
CHAPTER_DEF = "chapter"
PROSE_FILES = ("about.zh.md", "about.en.md")  # the edition's prose, read by lnplan.reading.prose
SNAPSHOT_DIR = "releases"  # plan/releases/<version>.json, written by the release command
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
MAX_FILE_BYTES = safefiles.MAX_FILE_BYTES


def chapter_files(plan_dir: Path) -> list[str]:
    files = sorted((plan_dir / "chapters").glob("*.yaml"), key=lambda p: (len(p.stem), p.stem))
    return [f"chapters/{p.name}" for p in files]


def plan_files(plan_dir: Path) -> list[Path]:
    """Every YAML file of the plan, in reading order."""
    return [plan_dir / f for f in [*SINGLE_FILES, *chapter_files(plan_dir)]]


MAX_LISTED = 20  # unexpected files named one by one; more are counted


def unexpected_files(report: Report, plan_dir: Path, expected: list[str]) -> None:
    """Files in plan/ that no part of the plan reads would be silently ignored: refuse them. Links are not followed
    and only chapters/ and releases/ are looked into."""
    found = []
    for name, kind in safefiles.entries(plan_dir):
        if name in ("chapters", SNAPSHOT_DIR) and kind == "directory":
            found += [(f"{name}/{sub}", k) for sub, k in safefiles.entries(plan_dir / name)]
        else:
            found.append((name, kind))
    snapshot = re.compile(re.escape(SNAPSHOT_DIR) + "/" + SEMVER.pattern + r"\.json")
    # An expected name that is a link, a FIFO or a device is refused by its reader, with what is wrong with it.
    unexpected = [
        (rel, kind)
        for rel, kind in found
        if not (rel in expected or (rel == "chapters" and kind == "directory") or snapshot.fullmatch(rel))
    ]
    for rel, kind in unexpected[:MAX_LISTED]:
        if rel.endswith(".yml"):
            hint = f"plan files end in .yaml: rename it to {rel[:-4].split('/')[-1]}.yaml"
        elif rel.startswith("chapters/"):
            hint = "chapter files are named 1.yaml, 2.yaml, … after their chapter id"
        else:
            hint = (
                f"plan/ holds only {', '.join([*SINGLE_FILES, *PROSE_FILES])}, chapters/N.yaml and "
                "releases/VERSION.json; move it elsewhere"
            )
        what = "file" if kind == "regular file" else kind
        report.file(rel, f"unexpected {what}, not part of the plan; {hint}")
    if len(unexpected) > MAX_LISTED:
        report.file("", f"{len(unexpected) - MAX_LISTED:,} more unexpected files; plan/ holds only the plan's files")


def read_text(report: Report, rel: str) -> str | None:
    """A plan file's text, or None with the reason reported (missing; a link, a FIFO or a device, too large, not
    UTF-8: such a file is never read, and its contents are never shown)."""
    try:
        return safefiles.read_text(report.plan_dir / rel, report.plan_dir)
    except FileNotFoundError:
        report.file(rel, "file is missing; every plan has this file")
    except safefiles.Refused as exc:
        report.file(rel, str(exc))
    return None


def read_yaml(report: Report, rel: str, defname: str, schema_path: Path) -> tuple[Any, list[tuple[tuple, str]]]:
    """A plan file's data and what $defs/defname of the schema refuses in it ((None, []) when it cannot be read or
    parsed: the reason is reported); its positions go into the report, so that later problems are placed at
    file:line:column."""
    text = read_text(report, rel)
    if text is None:
        return None, []
    left = min(yamlio.MAX_NODES, yamlio.MAX_PLAN_VALUES - sum(map(len, report.marks.values())))  # of all files' values
    try:
        if left < yamlio.MAX_NODES:  # a plan near its limit: counted against what is left
            data, marks = yamlio.load(text, left)
            problems = schema_problems(defname, data, load_schema(schema_path))
        else:
            data, marks, problems = _checked(text, defname, schema_path)
            data, marks = copy.deepcopy(data), dict(marks)
    except yamlio.YamlSyntaxError as exc:
        m = exc.mark
        report.at(rel, m.line if m else None, m.column if m else None, exc.message)
        return None, []
    report.marks[rel] = marks
    return data, problems


@functools.lru_cache(maxsize=64)
def _checked(text: str, defname: str, schema_path: Path) -> tuple[Any, dict, list[tuple[tuple, str]]]:
    """A file's text read and checked once per process: a process that reads the plan again and again (the live
    preview as files are edited, the tests) parses and checks again only the files whose text changed. A file that
    cannot be parsed raises, and is not kept."""
    data, marks = yamlio.load(text)
    return data, marks, schema_problems(defname, data, load_schema(schema_path))  # the schema read once per path


def schema_message(err: jsonschema.ValidationError) -> str:
    """A schema error in the words of someone editing the file: what is wrong and what would be right."""
    v = err.validator
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        return f"missing field '{missing.group(1)}'; add it" if missing else err.message
    if v == "type":
        return (
            f"wrong type: got {type(err.instance).__name__} {checks.shown(err.instance)}; expected "
            f"{err.validator_value}"
        )
    if v == "additionalProperties":
        allowed = err.schema.get("properties", {})
        extra = [k for k in err.instance if k not in allowed]
        more = f" and {len(extra) - 3:,} more" if len(extra) > 3 else ""
        return (
            f"field(s) not allowed here: {', '.join(checks.shown(k) for k in extra[:3])}{more}; allowed fields: "
            f"{', '.join(sorted(allowed))}"
        )
    if v == "minLength":
        return "empty text; write the text here" if err.validator_value == 1 else err.message
    if v == "maxLength":
        return (
            f"text of {len(err.instance):,} characters; the limit for this field is {err.validator_value:,}: shorten it"
        )
    if v == "maxItems":
        return f"{len(err.instance):,} items; at most {err.validator_value:,} here"
    if v in ("maximum", "minimum"):
        shown = str(err.instance) if len(str(err.instance)) <= 20 else f"a number of {len(str(err.instance))} digits"
        bound = "at most" if v == "maximum" else "at least"
        return f"{shown} is out of range; expected a number {bound} {err.validator_value:,}"
    if v == "pattern":
        return f"{checks.shown(err.instance)} does not have the expected form (pattern {err.validator_value})"
    if v == "format" and err.validator_value == "uri":
        return (
            f"{checks.shown(err.instance)} is not a web address the site can link to: "
            f"{checks.url_problem(err.instance)}; "
            "write an address that begins with https:// (or http://) and its host, e.g. https://www.ln.gov.cn/"
        )
    if v == "format" and err.validator_value == "date":
        return f"{checks.shown(err.instance)} is not a date; write a day of the calendar as YYYY-MM-DD"
    if v == "oneOf" and isinstance(err.instance, dict) and "title" in err.instance:
        return (
            "an item needs either its own 'text', 'responsibility' and 'places', or 'paragraphs' "
            "(paragraphs with their own clauses), not both and not neither"
        )
    if v == "anyOf" and isinstance(err.instance, dict) and "comparator" in err.instance:
        return "a target needs a 'value' (with 'unit') or a 'benchmark'"
    if v == "dependentRequired":
        return err.message.replace("is a dependency of", "is required together with")
    return checks.cut(err.message)


def schema_problems(defname: str, data: Any, schema: dict | None = None) -> list[tuple[tuple, str]]:
    """(path, message) of everything in data that $defs/defname of the schema refuses, in document order."""
    found = itertools.islice(checks.validator(defname, schema or load_schema()).iter_errors(data), MAX_PROBLEMS)
    errors = sorted(found, key=lambda e: [(0, x, "") if isinstance(x, int) else (1, 0, x) for x in e.absolute_path])
    return [(tuple(err.absolute_path), schema_message(err)) for err in errors]


def read_sources(plan_dir: Path = PLAN_DIR, schema_path: Path = SCHEMA_PATH) -> tuple[dict[str, Any], Report]:
    """Parse and schema-check every file; return the data by file and the report of problems."""
    report = Report(plan_dir)
    sources: dict[str, Any] = {}
    with report.stopping():
        _read_all(report, sources, schema_path)
    return sources, report


def _read_all(report: Report, sources: dict[str, Any], schema_path: Path) -> None:
    try:
        safefiles.check_directory(report.plan_dir)
    except (OSError, safefiles.Refused) as exc:
        report.file(
            "",
            str(exc)
            if isinstance(exc, safefiles.Refused)
            else f"no plan directory here ({exc.strerror}); expected a directory of plan files",
        )
        return
    chapters = chapter_files(report.plan_dir)
    unexpected_files(report, report.plan_dir, [*SINGLE_FILES, *PROSE_FILES, *chapters])
    if not chapters:
        report.file("chapters", "no chapter files; expected plan/chapters/1.yaml, 2.yaml, …")
    for rel, defname in [*SINGLE_FILES.items(), *((f, CHAPTER_DEF) for f in chapters)]:
        data, problems = read_yaml(report, rel, defname, schema_path)
        for path, message in problems:  # every schema error of the file, in document order
            report.add(rel, path, message)
        if rel in report.marks and not problems:
            sources[rel] = data
