"""Command line: python -m lnplan {validate,fmt,synth}.

  validate [--plan DIR]     check plan/ against schema/ and every cross-file rule; reproduce the source text
  fmt [--check] [--plan DIR] rewrite plan files in canonical form (--check: print a diff and exit 1 instead)
  synth N OUT               write a synthetic plan N times the size of the real one (for benchmarks)
  punctuation [--check] [--plan DIR]
                            full-width punctuation in every Chinese field, as officially published
                            (--check: list what would change and exit 1 instead)
  release VERSION --summary-zh TEXT --summary-en TEXT [--date YYYY-MM-DD] [--correction ID ...] [--plan DIR]
                            record a release: snapshot the data into plan/releases/VERSION.json and add the
                            release, with the changes since the previous one, to plan/releases.yaml
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from pathlib import Path

from . import punctuation, releases, yamlio
from .cli import run_cli
from .loader import load_plan
from .model import Release, Text
from .schema import SCHEMA_VERSION
from .validate import fidelity_source, validated
from .reading.files import PLAN_DIR, plan_files
from .reading.problems import PlanError, format_path


def cmd_validate(plan_dir: Path, source: Path | None) -> int:
    return 0 if validated(plan_dir, source) else 1


def syntax_error(path: Path, exc: yamlio.YamlSyntaxError) -> str:
    """file:line:column: message, for a plan file the YAML reader refused."""
    where = f":{exc.mark.line}:{exc.mark.column}" if exc.mark else ""
    return f"{path}{where}: {exc.message}"


def cmd_fmt(plan_dir: Path, check: bool) -> int:
    """Rewrite every plan file in canonical form. Every file is read and checked first; if any cannot be rewritten
    without losing something (a syntax error, a duplicate key, a comment), none is written."""
    pending, errors = [], []
    for path in plan_files(plan_dir):
        text = path.read_text(encoding="utf-8-sig")
        try:
            data, _ = yamlio.load(text)  # refuses duplicate keys, which a rewrite would silently merge
        except yamlio.YamlSyntaxError as exc:
            errors.append(syntax_error(path, exc))
            continue
        notes = yamlio.comments(text)
        if notes:
            errors.append(f"{path}:{notes[0].line}:{notes[0].column}: a comment; the canonical form has none and formatting "
                          f"would drop it: move what it says into the data or delete it ({len(notes)} in this file)")
            continue
        canonical = yamlio.dump(data)
        if canonical != path.read_text(encoding="utf-8"):
            pending.append((path, text, canonical))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print("nothing was formatted", file=sys.stderr)
        return 1
    for path, text, canonical in pending:
        if check:
            sys.stderr.writelines(difflib.unified_diff(text.splitlines(True), canonical.splitlines(True),
                                                       f"{path} (as written)", f"{path} (canonical)"))
        else:
            path.write_text(canonical, encoding="utf-8")
            print(f"formatted {path}")
    if check and pending:
        print(f"{len(pending)} file(s) not in canonical form; run: make fmt", file=sys.stderr)
        return 1
    return 0


def cmd_punctuation(plan_dir: Path, check: bool) -> int:
    total = 0
    for path in plan_files(plan_dir):
        try:
            changes = punctuation.convert_file(path, write=not check)
        except yamlio.YamlSyntaxError as exc:
            print(syntax_error(path, exc), file=sys.stderr)
            return 1
        total += len(changes)
        if check:
            for p, before, _ in changes:
                print(f"{path}: {format_path(p)}: ASCII punctuation in Chinese text: {before[:60]}", file=sys.stderr)
        elif changes:
            print(f"converted {len(changes)} value(s) in {path}")
    if check and total:
        print(f"{total} Chinese value(s) not in published punctuation; run: python -m lnplan punctuation", file=sys.stderr)
        return 1
    return 0


class ReleaseError(Exception):
    pass


def cut_release(plan_dir: Path, version: str, date: str, summary: Text, corrections: tuple[str, ...] = ()) -> tuple[Release, releases.Diff]:
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
        raise ReleaseError(f"unknown correction id(s): {', '.join(unknown)}; expected ids of records in plan/corrections.yaml")
    path = releases.snapshot_path(plan_dir, version)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(releases.snapshot_bytes(snap))
    releases_path = plan_dir / releases.RELEASES_FILE
    before = releases_path.read_text(encoding="utf-8")
    data, _ = yamlio.load(before)
    entry = {"version": version, "date": date, "schema_version": SCHEMA_VERSION, "summary": {"zh": summary.zh, "en": summary.en},
             "corrections": list(corrections), "changes": releases.change_entries(d)}
    data["releases"].append(entry)
    releases_path.write_text(yamlio.dump(data), encoding="utf-8")
    try:
        load_plan(plan_dir)  # the recorded release must pass the same checks as every other
    except BaseException:  # not recorded after all: put both files back as they were
        releases_path.write_text(before, encoding="utf-8")
        path.unlink(missing_ok=True)
        raise
    return Release(version, date, SCHEMA_VERSION, summary, tuple(corrections), d.changes), d


def cmd_release(plan_dir: Path, version: str, date: str, summary_zh: str, summary_en: str, corrections: list[str]) -> int:
    try:
        release, d = cut_release(plan_dir, version, date, Text(summary_zh, summary_en), tuple(corrections))
    except PlanError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {plan_dir}; fix them before releasing.", file=sys.stderr)
        return 1
    except ReleaseError as exc:
        print(f"release {version}: {exc}", file=sys.stderr)
        return 1
    counts = {k: sum(1 for c in d.changes if c.change == k) for k in ("added", "changed", "removed")}
    schema = f"; schema {d.schema[0]} → {d.schema[1]}" if d.schema else ""
    print(f"released {release.version} ({release.date}): {counts['added']} added, {counts['changed']} changed, "
          f"{counts['removed']} removed{schema}; wrote {plan_dir / 'releases' / (version + '.json')} and {plan_dir / 'releases.yaml'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lnplan", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate")
    v.add_argument("--plan", type=Path, default=PLAN_DIR)
    v.add_argument("--source", type=Path, default=None, help="source text to compare with (default: source/plan.zh.txt for the real plan)")
    f = sub.add_parser("fmt")
    f.add_argument("--check", action="store_true")
    f.add_argument("--plan", type=Path, default=PLAN_DIR)
    pu = sub.add_parser("punctuation")
    pu.add_argument("--check", action="store_true")
    pu.add_argument("--plan", type=Path, default=PLAN_DIR)
    s = sub.add_parser("synth")
    s.add_argument("factor", type=int)
    s.add_argument("out", type=Path)
    r = sub.add_parser("release", help="record a release of the dataset")
    r.add_argument("version", help="semantic version MAJOR.MINOR.PATCH, higher than the latest release")
    r.add_argument("--summary-zh", required=True, help="what the release contains, in Chinese")
    r.add_argument("--summary-en", required=True, help="what the release contains, in English")
    r.add_argument("--date", default=dt.date.today().isoformat(), help="release date YYYY-MM-DD (default: today)")
    r.add_argument("--correction", action="append", default=[], metavar="ID", help="id of a correction in plan/corrections.yaml this release contains (repeatable)")
    r.add_argument("--plan", type=Path, default=PLAN_DIR)
    args = ap.parse_args(argv)
    if args.cmd == "release":
        return cmd_release(args.plan, args.version, args.date, args.summary_zh, args.summary_en, args.correction)
    if args.cmd == "validate":
        source, note = fidelity_source(args.plan, args.source)
        if note:
            print(note, file=sys.stderr)
        return cmd_validate(args.plan, source)
    if args.cmd == "fmt":
        return cmd_fmt(args.plan, args.check)
    if args.cmd == "punctuation":
        return cmd_punctuation(args.plan, args.check)
    from .synth import write_synthetic
    write_synthetic(args.factor, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(run_cli(main))
