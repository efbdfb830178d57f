"""Command line: python -m lnplan {validate,fmt,punctuation,synth,release}.

validate [--plan DIR]     check plan/ against schema/ and every cross-file rule; reproduce the source text
fmt [--check] [--plan DIR] rewrite plan files in canonical form (--check: print a diff and exit 1 instead)
synth N OUT               write a synthetic plan N times the size of the real one (for benchmarks)
punctuation [--check] [--plan DIR]
                          full-width punctuation in every Chinese field, as officially published
                          (--check: list what would change and exit 1 instead)
release VERSION --summary-zh TEXT --summary-en TEXT [--date YYYY-MM-DD] [--correction ID ...] [--plan DIR]
                          record a release: snapshot the data into plan/releases/VERSION.json and add the
                          release, with the changes since the previous one, to plan/releases.yaml
release --from-env [--plan DIR]
                          the same, with everything from LNPLAN_VERSION, LNPLAN_SUMMARY_ZH, LNPLAN_SUMMARY_EN,
                          LNPLAN_DATE and LNPLAN_CORRECTIONS (as make release passes them)
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import re
import sys
from pathlib import Path

from . import punctuation, safefiles, yamlio
from .cli import run_cli
from .releasing import ReleaseError, cut_release
from .model import Text
from .reading.files import PLAN_DIR, plan_files
from .reading.problems import PlanError, format_path
from .validate import fidelity_source, validated


def cmd_validate(plan_dir: Path, source: Path | None) -> int:
    return 0 if validated(plan_dir, source) else 1


def syntax_error(path: Path, exc: yamlio.YamlSyntaxError) -> str:
    """file:line:column: message, for a plan file the YAML reader refused."""
    where = f":{exc.mark.line}:{exc.mark.column}" if exc.mark else ""
    return f"{path}{where}: {exc.message}"


class ToolError(Exception):
    """One line for the reader: file[:line:column]: what is wrong; what would be right."""


def values_left(used: int) -> int:
    """How many values the next plan file may hold: MAX_NODES, or what is left of the plan's MAX_PLAN_VALUES."""
    return min(yamlio.MAX_NODES, yamlio.MAX_PLAN_VALUES - used)


def read_plan_file(path: Path, plan_dir: Path) -> tuple[bytes, str]:
    """The bytes and text of a plan file, read as the loader reads it; ToolError (one line) if it may not be read."""
    try:
        raw = safefiles.read_bytes(path, plan_dir)
        return raw, safefiles.decode(raw)
    except FileNotFoundError:
        raise ToolError(f"{path}: file is missing; every plan has this file") from None
    except safefiles.Refused as exc:  # a link, a FIFO or a device, too large, not UTF-8: never read, never shown
        raise ToolError(f"{path}: {exc}") from None


MAX_DIFF_LINES = 10_000  # difflib takes time quadratic in the lines that differ: 2 s at 10,000 lines, 9 s at 20,000


def canonical_diff(path: Path, text: str, canonical: str) -> list[str]:
    """A unified diff of a file and its canonical form; of a file longer than MAX_DIFF_LINES, the diff of a window
    from its first difference on (with the file's line numbers), and a line saying so."""
    a, b = text.splitlines(True), canonical.splitlines(True)
    if max(len(a), len(b)) <= MAX_DIFF_LINES:
        return list(difflib.unified_diff(a, b, f"{path} (as written)", f"{path} (canonical)"))
    start = max(0, next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b))) - 3)
    window = MAX_DIFF_LINES // 10
    hunks = difflib.unified_diff(
        a[start : start + window], b[start : start + window], f"{path} (as written)", f"{path} (canonical)"
    )
    shift = lambda m: f"@@ -{int(m[1]) + start}{m[2]} +{int(m[3]) + start}{m[4]} @@"  # noqa: E731
    return [re.sub(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", shift, h) for h in hunks] + [
        f"(the file has {len(a):,} lines: this is the difference in lines {start + 1:,}–{start + window:,}; "
        "make fmt rewrites all of it)\n"
    ]


def cmd_fmt(plan_dir: Path, check: bool) -> int:
    """Rewrite every plan file in canonical form. Every file is read and checked first; if any cannot be rewritten
    without losing something (a syntax error, a duplicate key, a comment), none is written."""
    pending, errors, values = [], [], 0
    for path in plan_files(plan_dir):
        try:
            raw, text = read_plan_file(path, plan_dir)
            data, marks = yamlio.load(text, values_left(values))  # refuses duplicate keys, which a rewrite would merge
            values += len(marks)
        except ToolError as exc:
            errors.append(str(exc))
            continue
        except yamlio.YamlSyntaxError as exc:
            errors.append(syntax_error(path, exc))
            continue
        notes = yamlio.comments(text)
        if notes:
            errors.append(
                f"{path}:{notes[0].line}:{notes[0].column}: a comment; the canonical form has none and formatting "
                f"would drop it: move what it says into the data or delete it ({len(notes):,} in this file)"
            )
            continue
        canonical = yamlio.dump(data)
        if canonical.encode("utf-8") != raw:
            pending.append((path, text, canonical))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print("nothing was formatted", file=sys.stderr)
        return 1
    for path, text, canonical in pending:
        if check:
            sys.stderr.writelines(canonical_diff(path, text, canonical))
        else:
            safefiles.write_text(path, canonical, plan_dir)
            print(f"formatted {path}")
    if check and pending:
        print(f"{len(pending)} file(s) not in canonical form; run: make fmt", file=sys.stderr)
        return 1
    return 0


def cmd_punctuation(plan_dir: Path, check: bool) -> int:
    total = values = 0
    for path in plan_files(plan_dir):
        try:
            _, text = read_plan_file(path, plan_dir)
            data, marks = yamlio.load(text, values_left(values))
            values += len(marks)
            changes = punctuation.convert_data(data)
        except ToolError as exc:
            print(exc, file=sys.stderr)
            return 1
        except yamlio.YamlSyntaxError as exc:
            print(syntax_error(path, exc), file=sys.stderr)
            return 1
        total += len(changes)
        if check:
            for p, before, _ in changes:
                print(f"{path}: {format_path(p)}: ASCII punctuation in Chinese text: {before[:60]}", file=sys.stderr)
        elif changes:
            safefiles.write_text(path, yamlio.dump(data), plan_dir)
            print(f"converted {len(changes)} value(s) in {path}")
    if check and total:
        print(
            f"{total} Chinese value(s) not in published punctuation; run: python -m lnplan punctuation", file=sys.stderr
        )
        return 1
    return 0


def cmd_release(
    plan_dir: Path, version: str, date: str, summary_zh: str, summary_en: str, corrections: list[str]
) -> int:
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
    print(
        f"released {release.version} ({release.date}): {counts['added']} added, {counts['changed']} changed, "
        f"{counts['removed']} removed{schema}; wrote {plan_dir / 'releases' / (version + '.json')} and "
        f"{plan_dir / 'releases.yaml'}"
    )
    return 0


# What `make release` passes, from its variables VERSION, SUMMARY_ZH, … unexpanded (see the Makefile).
RELEASE_ENV = {
    "version": "LNPLAN_VERSION",
    "summary_zh": "LNPLAN_SUMMARY_ZH",
    "summary_en": "LNPLAN_SUMMARY_EN",
    "date": "LNPLAN_DATE",
    "correction": "LNPLAN_CORRECTIONS",
}


def release_args_from_env(args: argparse.Namespace, env) -> argparse.Namespace:
    """The release's version, texts, date and corrections, verbatim from the environment (corrections: ids separated
    by spaces). An empty or unset date means today; an empty version or summary is refused by the release itself."""
    values = {k: env.get(name, "") for k, name in RELEASE_ENV.items()}
    return argparse.Namespace(
        **{**vars(args), **values, "date": values["date"] or None, "correction": values["correction"].split()}
    )


def parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The command line: the parser, and the release command's own (whose errors main reports)."""
    ap = argparse.ArgumentParser(
        prog="python -m lnplan", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("validate")
    v.add_argument("--plan", type=Path, default=PLAN_DIR)
    v.add_argument(
        "--source",
        type=Path,
        default=None,
        help="source text to compare with (default: source/plan.zh.txt for the real plan)",
    )
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
    r.add_argument("version", nargs="?", help="semantic version MAJOR.MINOR.PATCH, higher than the latest release")
    r.add_argument("--summary-zh", help="what the release contains, in Chinese")
    r.add_argument("--summary-en", help="what the release contains, in English")
    r.add_argument("--date", default=None, help="release date YYYY-MM-DD (default: today)")
    r.add_argument(
        "--correction",
        action="append",
        default=[],
        metavar="ID",
        help="id of a correction in plan/corrections.yaml this release contains (repeatable)",
    )
    r.add_argument(
        "--from-env",
        action="store_true",
        help="take all of these from the environment instead: "
        + ", ".join(RELEASE_ENV.values())
        + " (what make release passes, so that no text goes through a shell command line)",
    )
    r.add_argument("--plan", type=Path, default=PLAN_DIR)
    return ap, r


def main(argv: list[str] | None = None) -> int:
    ap, r = parser()
    args = ap.parse_args(argv)
    if args.cmd == "release":
        if args.from_env:
            args = release_args_from_env(args, os.environ)
        elif args.version is None or args.summary_zh is None or args.summary_en is None:
            r.error("give VERSION, --summary-zh and --summary-en (or --from-env)")
        return cmd_release(
            args.plan,
            args.version,
            args.date or dt.date.today().isoformat(),
            args.summary_zh,
            args.summary_en,
            args.correction,
        )
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
