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

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from . import safefiles
from .model import Change, Plan, Release, Text, text_record
from .reading import checks
from .reading.files import SEMVER, SNAPSHOT_DIR
from .schema import SCHEMA_VERSION

RELEASES_FILE = "releases.yaml"
MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024  # the real plan's snapshot is 171 KB; the 10x synthetic plan's about 1.7 MB
SNAPSHOT_FORMAT = 1
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


def snapshot(plan: Plan, version: str, schema_version: str) -> dict:
    """What a release records of the model: every measure, unit, place and target by id, in document order."""
    return {
        "format": SNAPSHOT_FORMAT,
        "version": version,
        "schema_version": schema_version,
        "measures": {
            m.id: {
                "title": text_record(m.title),
                "text": text_record(m.text),
                "responsibility": {
                    "raw": m.responsibility.raw,
                    "groups": [{"units": list(g.units), "etc": g.etc} for g in m.responsibility.groups],
                },
                "places": list(m.places),
                "targets": [t.id for t in plan.targets_of(m.id)],
            }
            for m in plan.measures.values()
        },
        "units": {
            u.id: {"name": text_record(u.name), "full_name": text_record(u.full_name), "kind": u.kind, "place": u.place}
            for u in plan.units.values()
        },
        "places": {
            p.id: {
                "kind": p.kind,
                "name": text_record(p.name),
                "full_name": text_record(p.full_name),
                "names": list(p.names),
            }
            for p in plan.places.values()
        },
        "targets": {
            t.id: {
                "source": t.source,
                "scope": list(t.scope),
                "metric": text_record(t.metric),
                "comparator": t.comparator,
                "value": t.value,
                "unit": t.unit,
                "benchmark": text_record(t.benchmark),
                "aspirational": t.aspirational,
                "annual": t.annual,
                "text": text_record(t.text),
            }
            for t in plan.targets.values()
        },
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
    changed_targets = {
        tid for tid, rec in new["targets"].items() if tid in old["targets"] and rec != old["targets"][tid]
    }
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
        return (
            "major",
            f"records were removed ({', '.join(f'{c.record} {c.id}' for c in removed[:5])}): their stable ids stop "
            "resolving",
        )
    if d.schema and parse_version(d.schema[1])[1] != parse_version(d.schema[0])[1]:
        return "minor", f"the schema's minor version changed ({d.schema[0]} → {d.schema[1]}): fields were added"
    added = [c for c in d.changes if c.change == "added"]
    if added:
        return "minor", f"records were added ({', '.join(f'{c.record} {c.id}' for c in added[:5])})"
    return "patch", "existing records were corrected"


def change_entries(d: Diff) -> list[dict]:
    """The changes as releases.yaml records them."""
    return [
        {"record": c.record, "id": c.id, "change": c.change, **({"fields": list(c.fields)} if c.fields else {})}
        for c in d.changes
    ]


def correction_ids(plan: Plan) -> set[str]:
    """Ids of the records in plan/corrections.yaml, which a release may name."""
    return {r.id for r in plan.corrections}


# ---- loading and checking plan/releases.yaml (called by the loader) -------------------------------


def _load_snapshot(c, rel: str, path: tuple, plan_dir: Path, version: str, schema: dict) -> dict | None:
    sp = snapshot_path(plan_dir, version)
    shown = c.display(f"{SNAPSHOT_DIR}/{version}.json")

    def refuse_constant(name: str):
        raise ValueError(f"{name} is not a number a snapshot can hold")

    try:
        snap = json.loads(
            safefiles.read_text(sp, plan_dir, MAX_SNAPSHOT_BYTES, "snapshots"), parse_constant=refuse_constant
        )
    except FileNotFoundError:
        c.add(
            rel,
            path,
            f"no snapshot {shown} for release {version}; releases are cut with 'python -m lnplan release', which "
            "writes it",
        )
        return None
    except safefiles.Refused as exc:  # a link, a FIFO, a device, too large, not UTF-8: never read, never shown
        c.add(rel, path, f"snapshot {shown} {exc}")
        return None
    except json.JSONDecodeError as exc:
        c.add(
            rel,
            path,
            f"snapshot {shown}:{exc.lineno}:{exc.colno} is not valid JSON ({exc.msg}); snapshots are written by the "
            "release command, never by hand",
        )
        return None
    except (ValueError, RecursionError) as exc:  # NaN or Infinity, or nesting too deep to read
        c.add(
            rel,
            path,
            f"snapshot {shown} cannot be read ({exc}); snapshots are written by the release command, never by hand",
        )
        return None
    errors = list(checks.validator("releaseSnapshot", schema).iter_errors(snap))
    for err in errors[:5]:
        where = "".join(f"[{p!r}]" for p in err.absolute_path)
        c.add(
            rel,
            path,
            f"snapshot {shown}{where}: {err.message}; snapshots are written by the release command, never by hand",
        )
    if errors:
        return None
    if snap["version"] != version:
        c.add(rel, path, f"snapshot {shown} is of version {snap['version']}, not {version}")
        return None
    return snap


def read_releases(
    c, data: dict, plan_dir: Path, schema: dict, known_corrections: set[str]
) -> tuple[tuple[Release, ...], dict[str, dict]]:
    """plan/releases.yaml checked against its snapshots and the corrections: the releases, oldest first, and each
    release's snapshot by version."""
    entries = data["releases"]
    snapshots: dict[str, dict] = {}
    prev: dict | None = None
    for i, r in enumerate(entries):
        path = ("releases", i)
        if i:
            _check_order(c, path, entries[i - 1], r)
        for k, cid in enumerate(r["corrections"]):
            if cid not in known_corrections:
                c.add(
                    RELEASES_FILE,
                    path + ("corrections", k),
                    f"unknown correction '{cid}'; expected the id of a record in plan/corrections.yaml",
                )
        snap = _load_snapshot(c, RELEASES_FILE, path + ("version",), plan_dir, r["version"], schema)
        if snap is not None:
            _check_snapshot(c, path, r, snap, prev)
            snapshots[r["version"]] = prev = snap
    _stray_snapshots(c, plan_dir, {r["version"] for r in entries})
    return tuple(_release(r) for r in entries), snapshots


def _release(r: dict) -> Release:
    changes = tuple(Change(x["record"], x["id"], x["change"], tuple(x.get("fields", ()))) for x in r["changes"])
    summary = Text(r["summary"]["zh"], r["summary"]["en"])
    return Release(r["version"], r["date"], r["schema_version"], summary, tuple(r["corrections"]), changes)


def _check_order(c, path: tuple, before: dict, r: dict) -> None:
    """A release comes after the one listed before it: a higher version, a date not earlier."""
    if parse_version(r["version"]) <= parse_version(before["version"]):
        c.add(
            RELEASES_FILE,
            path + ("version",),
            f"version {r['version']} is not greater than the previous release's {before['version']}; "
            "list releases oldest first, each with a higher version",
        )
    if r["date"] < before["date"]:
        c.add(
            RELEASES_FILE,
            path + ("date",),
            f"date {r['date']} is before the previous release's {before['date']}; releases are listed oldest first",
        )


def _check_snapshot(c, path: tuple, r: dict, snap: dict, prev: dict | None) -> None:
    """A release's entry agrees with its snapshot: the schema version, and the changes and the version bump that
    the difference from the previous snapshot calls for."""
    version = r["version"]
    if snap["schema_version"] != r["schema_version"]:
        c.add(
            RELEASES_FILE,
            path + ("schema_version",),
            f"the snapshot of {version} records schema_version {snap['schema_version']}, not {r['schema_version']}",
        )
    if prev is None:
        if r["changes"] and path[-1] == 0:
            c.add(
                RELEASES_FILE,
                path + ("changes",),
                "the first release has no earlier version to differ from; its changes list is empty",
            )
        return
    d = diff(prev, snap)
    if change_entries(d) != r["changes"]:
        c.add(
            RELEASES_FILE,
            path + ("changes",),
            f"the changes listed for {version} are not the difference between the snapshots of "
            f"{prev['version']} and {version}; they are written by 'python -m lnplan release', never by hand",
        )
    need, why = required_bump(d)
    bump = bump_between(prev["version"], version)
    if parse_version(version) > parse_version(prev["version"]) and BUMPS.index(bump) < BUMPS.index(need):
        c.add(
            RELEASES_FILE,
            path + ("version",),
            f"{version} is a {bump} release, but {why}; that needs a {need} version",
        )


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
        version = name[: -len(".json")]
        if name.endswith(".json") and SEMVER.fullmatch(version) and version not in listed:
            what = "a snapshot" if kind == "regular file" else f"a {kind} named as the snapshot"
            c.add(
                f"{SNAPSHOT_DIR}/{name}",
                (),
                f"{what} of version {version}, which plan/{RELEASES_FILE} does not list; "
                "snapshots are written by 'python -m lnplan release' with their release: remove this file",
            )


# ---- what the site and the downloads ask -------------------------------------------------------------


@lru_cache(maxsize=4)
def unreleased(plan: Plan) -> Diff:
    """What changed in the model since the latest release (empty when the plan is as released)."""
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
