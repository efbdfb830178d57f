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

from . import punctuation, yamlio
from .cli import run_cli
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
