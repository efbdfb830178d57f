"""Command line: python -m lnplan {validate,fmt,synth}.

  validate [--plan DIR]     check plan/ against schema/ and every cross-file rule; reproduce the source text
  fmt [--check] [--plan DIR] rewrite plan files in canonical form (--check: print a diff and exit 1 instead)
  synth N OUT               write a synthetic plan N times the size of the real one (for benchmarks)
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

from . import fidelity, yamlio
from .loader import PLAN_DIR, PlanError, chapter_files, load_plan, SINGLE_FILES


def cmd_validate(plan_dir: Path, source: Path | None) -> int:
    try:
        plan = load_plan(plan_dir)
    except PlanError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {plan_dir}.", file=sys.stderr)
        return 1
    if source is not None:
        report = fidelity.compare(plan.raw, source.read_text(encoding="utf-8"))
        if report:
            print(report, file=sys.stderr)
            print("plan/ does not reproduce the source text.", file=sys.stderr)
            return 1
    print(f"ok: {len(plan.chapters)} chapters, {len(plan.measures)} measures, {len(plan.units)} units, "
          f"{len(plan.places)} places, {len(plan.targets)} targets, {len(plan.glossary)} glossary terms")
    from .releases import unreleased, version
    pending = unreleased(plan)
    if pending:
        schema = f", schema {pending.schema[0]} → {pending.schema[1]}" if pending.schema else ""
        print(f"note: {len(pending.changes)} record(s) changed since release {version(plan)[0]}{schema} (not yet released); "
              "record a release with: make release VERSION=… SUMMARY_ZH=… SUMMARY_EN=…")
    return 0


def plan_files(plan_dir: Path) -> list[Path]:
    return [plan_dir / f for f in [*SINGLE_FILES, *chapter_files(plan_dir)]]


def cmd_fmt(plan_dir: Path, check: bool) -> int:
    changed = 0
    for path in plan_files(plan_dir):
        text = path.read_text(encoding="utf-8")
        try:
            data, _ = yamlio.load(text)
        except yamlio.YamlSyntaxError as exc:
            where = f":{exc.mark.line}:{exc.mark.column}" if exc.mark else ""
            print(f"{path}{where}: {exc.message}", file=sys.stderr)
            return 1
        canonical = yamlio.dump(data)
        if canonical != text:
            changed += 1
            if check:
                sys.stderr.writelines(difflib.unified_diff(text.splitlines(True), canonical.splitlines(True),
                                                           f"{path} (as written)", f"{path} (canonical)"))
            else:
                path.write_text(canonical, encoding="utf-8")
                print(f"formatted {path}")
    if check and changed:
        print(f"{changed} file(s) not in canonical form; run: make fmt", file=sys.stderr)
        return 1
    return 0


def cmd_release(plan_dir: Path, version: str, date: str, summary_zh: str, summary_en: str, corrections: list[str]) -> int:
    from .model import Text
    from .releases import ReleaseError, cut

    try:
        release, d = cut(plan_dir, version, date, Text(summary_zh, summary_en), tuple(corrections))
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
        source = args.source or (fidelity.SOURCE if args.plan.resolve() == PLAN_DIR.resolve() else None)
        return cmd_validate(args.plan, source)
    if args.cmd == "fmt":
        return cmd_fmt(args.plan, args.check)
    from .synth import write_synthetic
    write_synthetic(args.factor, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
