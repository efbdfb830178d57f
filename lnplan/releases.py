"""Versions of the dataset.

A release is recorded in plan/releases.yaml (version, date, summary in both languages, the corrections and the
changes it contains) and by a snapshot of its data, plan/releases/<version>.json, written by the release command.
The difference between two versions is computed from the model (measures, units, places and targets by id),
never from YAML lines or git history, so it is right by construction and a shallow clone has all it needs.

Versions are semantic: MAJOR for a breaking change (the schema's major version, or records removed: their
stable ids stop resolving), MINOR for added records or fields (the schema's minor version), PATCH for
corrections of existing records. `schema_version` (the shape of plan.json) is versioned separately.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from . import checks, safefiles, yamlio
from .model import Change, Plan, Release, Text
from .urls import page

RELEASES_FILE = "releases.yaml"
SNAPSHOT_DIR = "releases"
MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024  # the real plan's snapshot is 171 KB; the 10x synthetic plan's about 1.7 MB
SNAPSHOT_FORMAT = 1
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
RECORDS = ("measure", "unit", "place", "target")
COLLECTION = {"measure": "measures", "unit": "units", "place": "places", "target": "targets"}
MEASURE_ASPECTS = ("text", "translation", "responsibility", "places", "targets")
BUMPS = ("patch", "minor", "major")


def parse_version(version: str) -> tuple[int, int, int] | None:
    m = SEMVER.fullmatch(version)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def bump_between(old: str, new: str) -> str:
    """'major', 'minor' or 'patch': which part of the version went up from old to new (new > old)."""
    o, n = parse_version(old), parse_version(new)
    return "major" if n[0] > o[0] else "minor" if n[1] > o[1] else "patch"


def snapshot_path(plan_dir: Path, version: str) -> Path:
    return plan_dir / SNAPSHOT_DIR / f"{version}.json"


# ---- snapshots: the comparable data of one version ----------------------------------------------

def _t(text: Text | None) -> dict | None:
    return {"zh": text.zh, "en": text.en} if text is not None else None


def snapshot(plan: Plan, version: str, schema_version: str) -> dict:
    """What a release records of the model: every measure, unit, place and target by id, in document order."""
    return {
        "format": SNAPSHOT_FORMAT, "version": version, "schema_version": schema_version,
        "measures": {m.id: {"title": _t(m.title), "text": _t(m.text),
                            "responsibility": {"raw": m.responsibility.raw,
                                               "groups": [{"units": list(g.units), "etc": g.etc} for g in m.responsibility.groups]},
                            "places": list(m.places), "targets": [t.id for t in plan.targets_of(m.id)]}
                     for m in plan.measures.values()},
        "units": {u.id: {"name": _t(u.name), "full_name": _t(u.full_name), "kind": u.kind, "place": u.place} for u in plan.units.values()},
        "places": {p.id: {"kind": p.kind, "name": _t(p.name), "full_name": _t(p.full_name), "names": list(p.names)}
                   for p in plan.places.values()},
        "targets": {t.id: {"source": t.source, "scope": list(t.scope), "metric": _t(t.metric), "comparator": t.comparator,
                           "value": t.value, "unit": t.unit, "benchmark": _t(t.benchmark), "aspirational": t.aspirational,
                           "annual": t.annual, "text": _t(t.text)} for t in plan.targets.values()},
    }


def snapshot_bytes(snap: dict) -> bytes:
    """Compact, line-per-record JSON: small in the repository and readable in a diff."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    head = ", ".join(f"{one(k)}: {one(snap[k])}" for k in ("format", "version", "schema_version"))
    parts = [head]
    for name in COLLECTION.values():
        body = ",\n".join(f"{one(k)}: {one(v)}" for k, v in snap[name].items())
        parts.append(f"{one(name)}: {{\n{body}\n}}")
    return ("{" + ",\n".join(parts) + "}\n").encode("utf-8")


# ---- the structural difference of two versions --------------------------------------------------

@dataclass(frozen=True)
class Diff:
    changes: tuple[Change, ...]
    schema: tuple[str, str] | None  # (old, new) schema_version when it changed

    def __bool__(self) -> bool:
        return bool(self.changes or self.schema)

    def of(self, record: str, change: str) -> list[Change]:
        return [c for c in self.changes if c.record == record and c.change == change]


def _field_changes(old: dict, new: dict) -> list[str]:
    """Names of the fields that differ; bilingual fields by language (name.zh, name.en)."""
    out = []
    for key in new:
        if key not in old:
            continue  # a field the old snapshot did not record: not a change of this record
        a, b = old[key], new[key]
        if isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b) == {"zh", "en"}:
            out += [f"{key}.{lang}" for lang in ("zh", "en") if a[lang] != b[lang]]
        elif a != b:
            out.append(key)
    return out


def _measure_aspects(old: dict, new: dict, changed_targets: set[str]) -> list[str]:
    lang_of = {"zh": "text", "en": "translation"}
    aspects = {lang_of[lang] for key in ("title", "text") for lang in ("zh", "en") if old[key][lang] != new[key][lang]}
    if old["responsibility"] != new["responsibility"]:
        aspects.add("responsibility")
    if old["places"] != new["places"]:
        aspects.add("places")
    if old["targets"] != new["targets"] or changed_targets & set(new["targets"]):
        aspects.add("targets")
    return [a for a in MEASURE_ASPECTS if a in aspects]


def diff(old: dict, new: dict) -> Diff:
    """What changed from one snapshot to the next: records added, removed and changed, by kind and id."""
    changes: list[Change] = []
    changed_targets = {tid for tid, rec in new["targets"].items() if tid in old["targets"] and rec != old["targets"][tid]}
    for record in RECORDS:
        a, b = old[COLLECTION[record]], new[COLLECTION[record]]
        for ident in b:
            if ident not in a:
                changes.append(Change(record, ident, "added"))
            elif record == "measure":
                aspects = _measure_aspects(a[ident], b[ident], changed_targets)
                if aspects:
                    changes.append(Change(record, ident, "changed", tuple(aspects)))
            else:
                fields = _field_changes(a[ident], b[ident])
                if fields:
                    changes.append(Change(record, ident, "changed", tuple(fields)))
        changes += [Change(record, ident, "removed") for ident in a if ident not in b]
    schema = (old["schema_version"], new["schema_version"]) if old["schema_version"] != new["schema_version"] else None
    return Diff(tuple(changes), schema)


def required_bump(d: Diff) -> tuple[str, str]:
    """The smallest version bump the difference needs, and why."""
    if d.schema and parse_version(d.schema[1])[0] != parse_version(d.schema[0])[0]:
        return "major", f"the schema's major version changed ({d.schema[0]} → {d.schema[1]})"
    removed = [c for c in d.changes if c.change == "removed"]
    if removed:
        return "major", f"records were removed ({', '.join(f'{c.record} {c.id}' for c in removed[:5])}): their stable ids stop resolving"
    if d.schema and parse_version(d.schema[1])[1] != parse_version(d.schema[0])[1]:
        return "minor", f"the schema's minor version changed ({d.schema[0]} → {d.schema[1]}): fields were added"
    added = [c for c in d.changes if c.change == "added"]
    if added:
        return "minor", f"records were added ({', '.join(f'{c.record} {c.id}' for c in added[:5])})"
    return "patch", "existing records were corrected"


def change_entries(d: Diff) -> list[dict]:
    """The changes as releases.yaml records them."""
    return [{"record": c.record, "id": c.id, "change": c.change, **({"fields": list(c.fields)} if c.fields else {})} for c in d.changes]


# ---- corrections: integration point with plan/corrections.yaml ------------------------------------

def correction_ids(plan: Plan) -> set[str]:
    """Ids of the corrections the model knows. plan/corrections.yaml (records with a stable `id`) is added
    on another branch; once the model carries them as `plan.corrections` (a dict by id, or records with
    an `id`), a release's correction ids are checked against them. Until then no id is known."""
    records = getattr(plan, "corrections", None) or ()
    return set(records) if isinstance(records, dict) else {r.id for r in records}


def correction_href(correction_id: str) -> str | None:
    """Where a correction is shown (relative to a language root): the corrections page, once urls.page knows
    that page kind (branch `text`), with the record's id as its anchor; until then a correction has no link."""
    try:
        return page("corrections") + "#" + correction_id
    except KeyError:
        return None


# ---- loading and checking plan/releases.yaml (called by the loader) -------------------------------

def _load_snapshot(c, rel: str, path: tuple, plan_dir: Path, version: str, schema: dict) -> dict | None:
    sp = snapshot_path(plan_dir, version)
    shown = c.display(f"{SNAPSHOT_DIR}/{version}.json")

    def refuse_constant(name: str):
        raise ValueError(f"{name} is not a number a snapshot can hold")
    try:
        snap = json.loads(safefiles.read_text(sp, plan_dir, MAX_SNAPSHOT_BYTES, "snapshots"), parse_constant=refuse_constant)
    except FileNotFoundError:
        c.add(rel, path, f"no snapshot {shown} for release {version}; releases are cut with 'python -m lnplan release', which writes it")
        return None
    except safefiles.Refused as exc:  # a link, a FIFO, a device, too large, not UTF-8: never read, never shown
        c.add(rel, path, f"snapshot {shown} {exc}")
        return None
    except json.JSONDecodeError as exc:
        c.add(rel, path, f"snapshot {shown}:{exc.lineno}:{exc.colno} is not valid JSON ({exc.msg}); snapshots are written by the release command, never by hand")
        return None
    except (ValueError, RecursionError) as exc:  # NaN or Infinity, or nesting too deep to read
        c.add(rel, path, f"snapshot {shown} cannot be read ({exc}); snapshots are written by the release command, never by hand")
        return None
    errors = list(checks.validator("releaseSnapshot", schema).iter_errors(snap))
    for err in errors[:5]:
        where = "".join(f"[{p!r}]" for p in err.absolute_path)
        c.add(rel, path, f"snapshot {shown}{where}: {err.message}; snapshots are written by the release command, never by hand")
    if errors:
        return None
    if snap["version"] != version:
        c.add(rel, path, f"snapshot {shown} is of version {snap['version']}, not {version}")
        return None
    return snap


def attach(plan: Plan, data: dict, c, plan_dir: Path, schema: dict) -> None:
    """Check plan/releases.yaml against its snapshots and the model; give the plan its releases."""
    entries = data["releases"]
    known_corrections = correction_ids(plan)
    releases: list[Release] = []
    snapshots: dict[str, dict] = {}
    prev: dict | None = None
    prev_entry: dict | None = None
    for i, r in enumerate(entries):
        path = ("releases", i)
        version, date = r["version"], r["date"]
        if prev_entry is not None:
            if parse_version(version) <= parse_version(prev_entry["version"]):
                c.add(RELEASES_FILE, path + ("version",), f"version {version} is not greater than the previous release's {prev_entry['version']}; "
                      "list releases oldest first, each with a higher version")
            if date < prev_entry["date"]:
                c.add(RELEASES_FILE, path + ("date",), f"date {date} is before the previous release's {prev_entry['date']}; releases are listed oldest first")
        for k, cid in enumerate(r["corrections"]):
            if cid not in known_corrections:
                c.add(RELEASES_FILE, path + ("corrections", k), f"unknown correction '{cid}'; expected the id of a record in plan/corrections.yaml")
        snap = _load_snapshot(c, RELEASES_FILE, path + ("version",), plan_dir, version, schema)
        if snap is not None:
            if snap["schema_version"] != r["schema_version"]:
                c.add(RELEASES_FILE, path + ("schema_version",), f"the snapshot of {version} records schema_version {snap['schema_version']}, not {r['schema_version']}")
            if prev is not None:
                d = diff(prev, snap)
                if change_entries(d) != r["changes"]:
                    c.add(RELEASES_FILE, path + ("changes",), f"the changes listed for {version} are not the difference between the snapshots of "
                          f"{prev['version']} and {version}; they are written by 'python -m lnplan release', never by hand")
                need, why = required_bump(d)
                if parse_version(version) > parse_version(prev["version"]) and BUMPS.index(bump_between(prev["version"], version)) < BUMPS.index(need):
                    c.add(RELEASES_FILE, path + ("version",), f"{version} is a {bump_between(prev['version'], version)} release, but {why}; that needs a {need} version")
            elif r["changes"] and i == 0:
                c.add(RELEASES_FILE, path + ("changes",), "the first release has no earlier version to differ from; its changes list is empty")
            snapshots[version] = snap
            prev = snap
        prev_entry = r
        releases.append(Release(version, date, r["schema_version"], Text(r["summary"]["zh"], r["summary"]["en"]),
                                tuple(r["corrections"]), tuple(Change(x["record"], x["id"], x["change"], tuple(x.get("fields", ())))
                                                               for x in r["changes"])))
    plan.releases = tuple(releases)
    plan.snapshots = snapshots
    _stray_snapshots(c, plan_dir, {r["version"] for r in entries})


def _stray_snapshots(c, plan_dir: Path, listed: set[str]) -> None:
    """A snapshot that no release lists is not part of the plan: nothing reads it, and the release of its version
    would have to replace it. (Other files in plan/releases/ are refused by the loader.)"""
    d = plan_dir / SNAPSHOT_DIR
    try:
        safefiles.check_directory(d)
        found = safefiles.entries(d)
    except (OSError, safefiles.Refused):
        return  # no snapshots at all, or a link the loader refuses
    for name, kind in found:
        version = name[:-len(".json")]
        if name.endswith(".json") and SEMVER.fullmatch(version) and version not in listed:
            what = "a snapshot" if kind == "regular file" else f"a {kind} named as the snapshot"
            c.add(f"{SNAPSHOT_DIR}/{name}", (), f"{what} of version {version}, which plan/{RELEASES_FILE} does not list; "
                  "snapshots are written by 'python -m lnplan release' with their release: remove this file")


# ---- what the site and the downloads ask -------------------------------------------------------------

@lru_cache(maxsize=4)
def unreleased(plan: Plan) -> Diff:
    """What changed in the model since the latest release (empty when the plan is as released)."""
    from .export import SCHEMA_VERSION  # export imports the loader, which imports this module
    if not plan.releases:
        return Diff((), None)
    latest = plan.releases[-1].version
    return diff(plan.snapshots[latest], snapshot(plan, "", SCHEMA_VERSION))


@dataclass(frozen=True)
class Entry:
    """One change of one record, in a release (release None: not yet released)."""
    release: Release | None
    change: Change


@lru_cache(maxsize=4)
def history(plan: Plan) -> dict[tuple[str, str], list[Entry]]:
    """Every change of every record, oldest first, by (record, id); the first release counts as 'added'."""
    out: dict[tuple[str, str], list[Entry]] = {}
    if plan.releases:
        first = plan.releases[0]
        for record in RECORDS:
            for ident in plan.snapshots[first.version][COLLECTION[record]]:
                out.setdefault((record, ident), []).append(Entry(first, Change(record, ident, "added")))
    for r in plan.releases[1:]:
        for ch in r.changes:
            out.setdefault((ch.record, ch.id), []).append(Entry(r, ch))
    for ch in unreleased(plan).changes:
        out.setdefault((ch.record, ch.id), []).append(Entry(None, ch))
    return out


def version(plan: Plan) -> tuple[str | None, str | None]:
    """The dataset's version and release date: the latest release's."""
    return (plan.releases[-1].version, plan.releases[-1].date) if plan.releases else (None, None)


# ---- the release command ---------------------------------------------------------------------------

class ReleaseError(Exception):
    pass


# What the maintainer typed each field of a release as (make release / python -m lnplan release).
ENTRY_FIELDS = {"version": "VERSION", "date": "DATE (--date)", "summary": "the summary", "summary.zh": "SUMMARY_ZH (--summary-zh)",
                "summary.en": "SUMMARY_EN (--summary-en)", "corrections": "CORRECTIONS (--correction)"}


def _entry_problems(entry: dict) -> list[str]:
    """What is wrong with a new release's entry, checked as the loader checks releases.yaml, before anything is
    written (a refusal then names what the maintainer typed, not a line of a file that was put back)."""
    from .loader import format_path, schema_problems

    out = []
    for lang in ("zh", "en"):
        problem = yamlio.value_problem(entry["summary"][lang])
        if problem:
            out.append(f"{ENTRY_FIELDS['summary.' + lang]}: {problem}")
    for path, message in schema_problems("release", entry):
        shown = format_path(path)
        out.append(f"{ENTRY_FIELDS.get(shown, ENTRY_FIELDS.get(shown.split('[')[0], shown))}: {message}")
    return out


def cut(plan_dir: Path, version: str, date: str, summary: Text, corrections: tuple[str, ...] = ()) -> tuple[Release, Diff]:
    """Record a release of the plan in plan_dir: write its snapshot and append it to releases.yaml.
    Raises ReleaseError (with what to do) when the release would be wrong, PlanError when the plan is invalid."""
    from .export import SCHEMA_VERSION
    from .loader import load_plan

    plan = load_plan(plan_dir)
    if parse_version(version) is None:
        raise ReleaseError(f"'{version}' is not a semantic version; write MAJOR.MINOR.PATCH, e.g. 1.1.0")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ReleaseError(f"'{date}' is not a date; write YYYY-MM-DD") from None
    if not summary.zh.strip() or not summary.en.strip():
        raise ReleaseError("a release needs a summary in both languages (--summary-zh and --summary-en)")
    snap = snapshot(plan, version, SCHEMA_VERSION)
    if plan.releases:
        last = plan.releases[-1]
        if parse_version(version) <= parse_version(last.version):
            raise ReleaseError(f"version {version} is not greater than the latest release, {last.version}")
        if date < last.date:
            raise ReleaseError(f"date {date} is before the latest release's date, {last.date}")
        d = diff(plan.snapshots[last.version], snap)
        if not d:
            raise ReleaseError(f"nothing changed since {last.version}; there is nothing to release")
        need, why = required_bump(d)
        got = bump_between(last.version, version)
        if BUMPS.index(got) < BUMPS.index(need):
            raise ReleaseError(f"{version} would be a {got} release, but {why}; release it as a {need} version")
    else:
        d = Diff((), None)
    unknown = [x for x in corrections if x not in correction_ids(plan)]
    if unknown:
        raise ReleaseError(f"unknown correction id(s): {', '.join(unknown)}; expected ids of records in plan/corrections.yaml")
    path = snapshot_path(plan_dir, version)
    releases_path = plan_dir / RELEASES_FILE
    before = safefiles.read_bytes(releases_path, plan_dir)
    data, _ = yamlio.load(safefiles.decode(before))
    entry = {"version": version, "date": date, "schema_version": SCHEMA_VERSION, "summary": {"zh": summary.zh, "en": summary.en},
             "corrections": list(corrections), "changes": change_entries(d)}
    refused = _entry_problems(entry)
    if refused:
        raise ReleaseError("; ".join(refused))
    data["releases"].append(entry)
    path.parent.mkdir(exist_ok=True)
    try:
        safefiles.write_bytes(path, snapshot_bytes(snap), plan_dir, new=True)  # never replaces a file that was there
    except safefiles.Refused as exc:
        raise ReleaseError(f"{path}: {exc}") from None
    try:
        safefiles.write_text(releases_path, yamlio.dump(data), plan_dir)
        load_plan(plan_dir)  # the recorded release must pass the same checks as every other
    except BaseException:  # not recorded after all: releases.yaml back as it was, and the snapshot this call wrote removed
        safefiles.write_bytes(releases_path, before, plan_dir)
        path.unlink(missing_ok=True)
        raise
    return Release(version, date, SCHEMA_VERSION, summary, tuple(corrections), d.changes), d
