"""The files of a plan: which there are, reading each as YAML with positions, and checking it against its part of
the JSON Schema."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from .. import yamlio
from ..schema import ROOT, SCHEMA_PATH, load_schema
from .problems import Report

PLAN_DIR = ROOT / "plan"
# file (relative to plan/) -> the $defs entry that describes it
SINGLE_FILES = {
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
SNAPSHOT_DIR = "releases"  # plan/releases/<version>.json, written by the release command
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
MAX_FILE_BYTES = 2 * 1024 * 1024  # the largest real plan file is 43 KB; the 10x synthetic plan's is 430 KB


def chapter_files(plan_dir: Path) -> list[str]:
    files = sorted((plan_dir / "chapters").glob("*.yaml"), key=lambda p: (len(p.stem), p.stem))
    return [f"chapters/{p.name}" for p in files]


def plan_files(plan_dir: Path) -> list[Path]:
    """Every YAML file of the plan, in reading order."""
    return [plan_dir / f for f in [*SINGLE_FILES, *chapter_files(plan_dir)]]


def unexpected_files(report: Report, plan_dir: Path, expected: list[str]) -> None:
    """Files in plan/ that no part of the plan reads would be silently ignored: refuse them."""
    known = set(expected) | {"chapters"}
    for path in sorted(plan_dir.rglob("*")):
        rel = path.relative_to(plan_dir).as_posix()
        if rel in known or rel == SNAPSHOT_DIR or (
                rel.startswith(SNAPSHOT_DIR + "/") and path.suffix == ".json" and SEMVER.fullmatch(path.stem)):
            continue  # release snapshots: plan/releases/<version>.json
        if path.suffix == ".yml":
            hint = f"plan files end in .yaml: rename it to {path.with_suffix('.yaml').name}"
        elif rel.startswith("chapters/"):
            hint = "chapter files are named 1.yaml, 2.yaml, … after their chapter id"
        else:
            hint = f"plan/ holds only {', '.join(SINGLE_FILES)}, chapters/N.yaml and releases/VERSION.json; move it elsewhere"
        report.file(rel, f"unexpected file, not part of the plan; {hint}")


def read_text(report: Report, rel: str) -> str | None:
    """A plan file's text, or None with the reason reported (missing, a directory, too large, not UTF-8)."""
    path = report.plan_dir / rel
    try:
        if path.is_dir():
            report.file(rel, "is a directory; expected a YAML file")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.file(rel, f"file is {size:,} bytes; plan files are limited to {MAX_FILE_BYTES:,} bytes")
            return None
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        report.file(rel, "file is missing; every plan has this file")
    except UnicodeDecodeError as exc:
        report.file(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8")
    except OSError as exc:
        report.file(rel, f"cannot be read: {exc.strerror}")
    return None


def read_yaml(report: Report, rel: str) -> Any:
    """A plan file's data (None when it cannot be read or parsed: the reason is reported); its positions go into
    the report, so that later problems are placed at file:line:column."""
    text = read_text(report, rel)
    if text is None:
        return None
    try:
        data, marks = yamlio.load(text)
    except yamlio.YamlSyntaxError as exc:
        m = exc.mark
        report.at(rel, m.line if m else None, m.column if m else None, exc.message)
        return None
    report.marks[rel] = marks
    return data


def validator(defname: str, schema: dict) -> jsonschema.Draft202012Validator:
    """A validator of one $defs entry of the plan's schema."""
    sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{defname}"}
    return jsonschema.Draft202012Validator(sub, format_checker=jsonschema.FormatChecker())


def schema_message(err: jsonschema.ValidationError) -> str:
    """A schema error in the words of someone editing the file: what is wrong and what would be right."""
    v = err.validator
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        return f"missing field '{missing.group(1)}'; add it" if missing else err.message
    if v == "type":
        return f"wrong type: got {type(err.instance).__name__} {json.dumps(err.instance, ensure_ascii=False)[:60]}; expected {err.validator_value}"
    if v == "additionalProperties":
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return f"{err.message}; allowed fields: {allowed}"
    if v == "minLength":
        return "empty text; write the text here" if err.validator_value == 1 else err.message
    if v == "maxLength":
        return f"text of {len(err.instance):,} characters; the limit for this field is {err.validator_value:,}: shorten it"
    if v in ("maximum", "minimum"):
        shown = str(err.instance) if len(str(err.instance)) <= 20 else f"a number of {len(str(err.instance))} digits"
        bound = "at most" if v == "maximum" else "at least"
        return f"{shown} is out of range; expected a number {bound} {err.validator_value:,}"
    if v == "pattern":
        return f"{json.dumps(err.instance, ensure_ascii=False)[:60]} does not have the expected form (pattern {err.validator_value})"
    if v == "oneOf" and isinstance(err.instance, dict) and "title" in err.instance:
        return ("an item needs either its own 'text', 'responsibility' and 'places', or 'paragraphs' "
                "(paragraphs with their own clauses), not both and not neither")
    if v == "anyOf" and isinstance(err.instance, dict) and "comparator" in err.instance:
        return "a target needs a 'value' (with 'unit') or a 'benchmark'"
    if v == "dependentRequired":
        return err.message.replace("is a dependency of", "is required together with")
    return err.message


def schema_check(report: Report, rel: str, data: Any, defname: str, schema: dict) -> bool:
    """Every schema error of one file, in document order; True when there is none."""
    errors = sorted(validator(defname, schema).iter_errors(data),
                    key=lambda e: [(0, x, "") if isinstance(x, int) else (1, 0, x) for x in e.absolute_path])
    for err in errors:
        report.add(rel, tuple(err.absolute_path), schema_message(err))
    return not errors


def read_sources(plan_dir: Path = PLAN_DIR, schema_path: Path = SCHEMA_PATH) -> tuple[dict[str, Any], Report]:
    """Parse and schema-check every file; return the data by file and the report of problems."""
    report = Report(plan_dir)
    schema = load_schema(schema_path)
    sources: dict[str, Any] = {}
    chapters = chapter_files(plan_dir)
    unexpected_files(report, plan_dir, [*SINGLE_FILES, *chapters])
    if not chapters:
        report.file("chapters", "no chapter files; expected plan/chapters/1.yaml … 8.yaml")
    for rel, defname in [*SINGLE_FILES.items(), *((f, CHAPTER_DEF) for f in chapters)]:
        data = read_yaml(report, rel)
        if data is not None or rel in report.marks:
            if schema_check(report, rel, data, defname, schema):
                sources[rel] = data
    return sources, report
