"""Cutting a release of the dataset (python -m lnplan release, make release): check the version, the date, the
summary and the corrections it names, write the snapshot (never over one that exists) and the changelog entry, and
check the plan again, putting everything back if it fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import releases, safefiles, yamlio
from .loader import load_plan
from .model import Release, Text
from .reading.files import schema_problems
from .reading.problems import format_path
from .schema import SCHEMA_VERSION


class ReleaseError(Exception):
    pass


# What the maintainer typed each field of a release as (make release / python -m lnplan release).
ENTRY_FIELDS = {
    "version": "VERSION",
    "date": "DATE (--date)",
    "summary": "the summary",
    "summary.zh": "SUMMARY_ZH (--summary-zh)",
    "summary.en": "SUMMARY_EN (--summary-en)",
    "corrections": "CORRECTIONS (--correction)",
}


def _entry_problems(entry: dict) -> list[str]:
    """What is wrong with a new release's entry, checked as the loader checks releases.yaml, before anything is
    written (a refusal then names what the maintainer typed, not a line of a file that was put back)."""
    out = []
    for lang in ("zh", "en"):
        problem = yamlio.value_problem(entry["summary"][lang])
        if problem:
            out.append(f"{ENTRY_FIELDS['summary.' + lang]}: {problem}")
    for path, message in schema_problems("release", entry):
        shown = format_path(path)
        out.append(f"{ENTRY_FIELDS.get(shown, ENTRY_FIELDS.get(shown.split('[')[0], shown))}: {message}")
    return out


def cut_release(
    plan_dir: Path, version: str, date: str, summary: Text, corrections: tuple[str, ...] = ()
) -> tuple[Release, releases.Diff]:
    """Record a release of the plan in plan_dir: write its snapshot and append it to releases.yaml.
    Raises ReleaseError (with what to do) when the release would be wrong, PlanError when the plan is invalid."""
    plan = load_plan(plan_dir)
    if releases.parse_version(version) is None:
        raise ReleaseError(f"'{version}' is not a semantic version; write MAJOR.MINOR.PATCH, e.g. 1.1.0")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ReleaseError(f"'{date}' is not a date; write YYYY-MM-DD") from None
    if not summary.zh.strip() or not summary.en.strip():
        raise ReleaseError("a release needs a summary in both languages (--summary-zh and --summary-en)")
    snap = releases.snapshot(plan, version, SCHEMA_VERSION)
    if plan.releases:
        last = plan.releases[-1]
        if releases.parse_version(version) <= releases.parse_version(last.version):
            raise ReleaseError(f"version {version} is not greater than the latest release, {last.version}")
        if date < last.date:
            raise ReleaseError(f"date {date} is before the latest release's date, {last.date}")
        d = releases.diff(plan.snapshots[last.version], snap)
        if not d:
            raise ReleaseError(f"nothing changed since {last.version}; there is nothing to release")
        need, why = releases.required_bump(d)
        got = releases.bump_between(last.version, version)
        if releases.BUMPS.index(got) < releases.BUMPS.index(need):
            raise ReleaseError(f"{version} would be a {got} release, but {why}; release it as a {need} version")
    else:
        d = releases.Diff((), None)
    unknown = [x for x in corrections if x not in releases.correction_ids(plan)]
    if unknown:
        raise ReleaseError(
            f"unknown correction id(s): {', '.join(unknown)}; expected ids of records in plan/corrections.yaml"
        )
    path = releases.snapshot_path(plan_dir, version)
    releases_path = plan_dir / releases.RELEASES_FILE
    before = safefiles.read_bytes(releases_path, plan_dir)
    data, _ = yamlio.load(safefiles.decode(before))
    entry = {
        "version": version,
        "date": date,
        "schema_version": SCHEMA_VERSION,
        "summary": {"zh": summary.zh, "en": summary.en},
        "corrections": list(corrections),
        "changes": releases.change_entries(d),
    }
    refused = _entry_problems(entry)
    if refused:
        raise ReleaseError("; ".join(refused))
    data["releases"].append(entry)
    path.parent.mkdir(exist_ok=True)
    try:
        safefiles.write_bytes(
            path, releases.snapshot_bytes(snap), plan_dir, new=True
        )  # never replaces a file that was there
    except safefiles.Refused as exc:
        raise ReleaseError(f"{path}: {exc}") from None
    try:
        safefiles.write_text(releases_path, yamlio.dump(data), plan_dir)
        load_plan(plan_dir)  # the recorded release must pass the same checks as every other
    except (
        BaseException
    ):  # not recorded after all: releases.yaml back as it was, and the snapshot this call wrote removed
        safefiles.write_bytes(releases_path, before, plan_dir)
        path.unlink(missing_ok=True)
        raise
    return Release(version, date, SCHEMA_VERSION, summary, tuple(corrections), d.changes), d
