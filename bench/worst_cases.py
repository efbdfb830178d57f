"""The slowest plan files we could construct within the limits, timed through the command line.

Each case is a copy of plan/ with one file filled to about MAX_FILE_BYTES (or MAX_NODES values) with what costs the
checks most (a long list that mixes a number with ids, thousands of comment lines, thousands of corrections of one
field, a registry of thousands of places or forms that every measure is searched for, …), and the command a
contributor would run on it. Every check must be linear or near it, so each case finishes within BUDGET_S CPU
seconds (wall time is shown too; on a shared machine it also counts other work); `make bench` fails otherwise.

    python bench/worst_cases.py            # every case, a table on stdout; exit 1 if a budget is missed
    python bench/worst_cases.py CASE …     # only these
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lnplan.reading.files import MAX_FILE_BYTES, PLAN_DIR  # noqa: E402
from lnplan.yamlio import MAX_NODES, MAX_PLAN_VALUES  # noqa: E402

BUDGET_S = 10.0  # CPU seconds per case, the command's whole run (the real plan validates in about 1 s)
FILL = MAX_FILE_BYTES - 64 * 1024  # just under the limit, so the file is read and checked
NODE_FILL = MAX_NODES - 5000  # and just under the number of values a file may hold (the rest of the file has fewer)
KILL_S = 120  # a case that runs longer has failed anyway: stop it


def _fill(head: str, item: Callable[[int], str], tail: str = "", nodes: int = 0, budget: int = 0) -> str:
    """head, then item(0), item(1), … as long as the text stays within FILL bytes and, each item holding `nodes` YAML
    values, within `budget` values (NODE_FILL if 0); then tail."""
    parts, size, i = [head], len(head.encode()), 0
    while True:
        s = item(i)
        n = len(s.encode())
        if size + n + len(tail.encode()) > FILL or (i + 1) * nodes > (budget or NODE_FILL):
            break
        parts.append(s)
        size += n
        i += 1
    return "".join(parts) + tail


def _values(item: str) -> int:
    """How many YAML values (nodes) one list item or mapping entry holds."""

    def count(n) -> int:
        if isinstance(n, yaml.ScalarNode):
            return 1
        if isinstance(n, yaml.SequenceNode):
            return 1 + sum(map(count, n.value))
        return 1 + sum(count(k) + count(v) for k, v in n.value)

    return count(yaml.compose(textwrap.dedent(item))) - (1 if item.lstrip().startswith("- ") else 0)


def _replace(plan: Path, rel: str, old: str, new: str) -> None:
    p = plan / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def mixed_unique_list(plan: Path) -> None:
    """A measure's places: one number among ~190,000 ids (jsonschema's uniqueItems compares every pair when the
    items cannot be sorted)."""
    body = _fill("", lambda i: f"          - p{i:06d}\n", nodes=1)
    _replace(
        plan, "chapters/2.yaml", "        places:\n          - shenyang\n", "        places:\n          - 1\n" + body
    )


def unknown_ids(plan: Path) -> None:
    """A measure's places: ~190,000 distinct ids, none of them a place (each unknown id would get a suggestion)."""
    body = _fill("", lambda i: f"          - p{i:06d}\n", nodes=1)
    _replace(plan, "chapters/2.yaml", "        places:\n          - shenyang\n", "        places:\n" + body)


def many_nodes(plan: Path) -> None:
    """A measure's places as one flow list of ~1,000,000 one-letter items, every one a repetition: the most YAML values
    a file of this size can hold, five times what a file may hold (refused when the limit is reached)."""
    body = _fill("        places: [", lambda i: "a," if i else "a", "]\n")
    _replace(plan, "chapters/2.yaml", "        places:\n          - shenyang\n", body)


def comment_lines(plan: Path) -> None:
    """Thousands of comment lines, which make fmt look for comments (it refuses to drop them)."""
    p = plan / "glossary.yaml"
    p.write_text(_fill(p.read_text(encoding="utf-8"), lambda i: f"# note {i}\n"), encoding="utf-8")


def _add_records(plan: Path, rel: str, rec: str, before: str | None = None, first: int = 0, budget: int = 0) -> None:
    """Records rec.format(n=first), rec.format(n=first + 1), … appended to the list that ends the file, or to the one
    that ends where the top-level key `before` begins, up to the limits."""
    p = plan / rel
    text = p.read_text(encoding="utf-8")
    head, sep, rest = text.partition(f"\n{before}:\n") if before else (text.rstrip("\n"), "", "")
    tail = sep[1:] + rest
    p.write_text(
        _fill(head + "\n", lambda i: rec.format(n=first + i), tail, _values(rec.format(n=first)), budget),
        encoding="utf-8",
    )


def corrections_of_one_field(plan: Path) -> None:
    """Thousands of corrections of one field, each checked against every later one of the same field."""
    text = (plan / "corrections.yaml").read_text(encoding="utf-8")
    last = max(int(line.split("C")[-1]) for line in text.splitlines() if line.startswith("  - id: C"))
    _add_records(
        plan,
        "corrections.yaml",
        "  - id: C{n:03d}\n    date: '2026-11-27'\n    kind: translation\n    target_type: text\n"
        "    target: 2.1.1\n    field: text.en\n    before: b{n}\n    after: a{n}\n"
        "    reason:\n      zh: 译文\n      en: translation\n",
        first=last + 1,
    )


PLACE = (
    "  - id: x{n}\n    kind: city\n    name:\n      zh: 地{n}\n      en: P{n}\n    full_name:\n      zh: 地{n}市\n"
    "      en: P{n} City\n    names:\n      - 地{n}\n"
    "    seat:\n      lat: 41.0\n      lon: 123.0\n      source: geonames\n"
)


def many_places(plan: Path) -> None:
    """Thousands of places, each of whose names every measure's text is searched for."""
    _add_records(plan, "places.yaml", PLACE, before="sources")


def many_forms(plan: Path) -> None:
    """Thousands of registered place-name forms, each searched for in every measure's text."""
    _add_records(
        plan,
        "place_names.yaml",
        "  - form: 形{n}\n    kind: county\n    name:\n      zh: 县{n}\n      en: C{n}\n    implies:\n"
        "      - shenyang\n    except_in:\n      - 形{n}区\n    unsourced:\n      zh: 无\n      en: none\n",
        before="not_places",
    )


def many_terms(plan: Path) -> None:
    """Tens of thousands of glossary terms (each compared with every other for a second definition)."""
    _add_records(plan, "glossary.yaml", "  - id: t{n}\n    term:\n      zh: 术语{n}\n      en: term {n}\n")


def many_units(plan: Path) -> None:
    """Thousands of units, none named by a clause (each reported, none compared with every other)."""
    _add_records(
        plan,
        "units.yaml",
        "  - id: u{n}\n    name:\n      zh: 单位{n}\n      en: Unit {n}\n    full_name:\n      zh: 单位{n}\n"
        "      en: Unit {n}\n    kind: provincial-agency\n    name_en_source:\n      status: edition\n      note:\n"
        "        zh: 无\n        en: none\n",
    )


def many_keys(plan: Path) -> None:
    """A mapping with ~100,000 keys the schema does not allow."""
    p = plan / "vocabularies.yaml"
    p.write_text(_fill(p.read_text(encoding="utf-8"), lambda i: f"k{i}: 1\n", nodes=2), encoding="utf-8")


def not_canonical(plan: Path) -> None:
    """A large file whose every other line is not in canonical form (fmt --check prints the difference)."""
    _add_records(plan, "glossary.yaml", "  - id: t{n}\n    term:\n      zh:   术语{n}\n      en: term {n}\n")


def chinese_text(plan: Path) -> None:
    """Tens of thousands of Chinese texts with ASCII punctuation (the punctuation command converts each)."""
    _add_records(plan, "glossary.yaml", "  - id: t{n}\n    term:\n      zh: 术语(一),二:三;{n}\n      en: term {n}\n")


def plan_at_the_value_limit(plan: Path) -> None:
    """Two files of ~120,000 values each, not in canonical form: nearly as many values as the plan's files may hold
    together, every one read, rewritten and compared by fmt --check."""
    for rel in ("glossary.yaml", "units.yaml"):
        _add_records(
            plan,
            rel,
            "  - id: z{n}\n    term:\n      zh:   术语{n}\n      en: t{n}\n",
            budget=(MAX_PLAN_VALUES - 20_000) // 2,
        )


def valid_plan_at_the_value_limit(plan: Path) -> None:
    """Thousands of glossary terms and of places, valid: nearly as many values as the plan's files may hold together,
    every one checked."""
    half = (MAX_PLAN_VALUES - 20_000) // 2
    _add_records(plan, "glossary.yaml", "  - id: t{n}\n    term:\n      zh: 术语{n}\n      en: term {n}\n", budget=half)
    _add_records(plan, "places.yaml", PLACE, before="sources", budget=half)


VALIDATE = ("validate",)
CASES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "mixed-unique-list": (mixed_unique_list, VALIDATE),
    "unknown-ids": (unknown_ids, VALIDATE),
    "many-nodes": (many_nodes, VALIDATE),
    "comment-lines": (comment_lines, ("fmt", "--check")),
    "corrections-of-one-field": (corrections_of_one_field, VALIDATE),
    "many-places": (many_places, VALIDATE),
    "many-forms": (many_forms, VALIDATE),
    "many-terms": (many_terms, VALIDATE),
    "many-units": (many_units, VALIDATE),
    "many-keys": (many_keys, VALIDATE),
    "fmt-check-diff": (not_canonical, ("fmt", "--check")),
    "punctuation": (chinese_text, ("punctuation", "--check")),
    "plan-at-the-value-limit": (plan_at_the_value_limit, ("fmt", "--check")),
    "valid-plan-at-the-value-limit": (valid_plan_at_the_value_limit, VALIDATE),
}


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes: unlike wall time, not lengthened by whatever
    else the machine is running."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(name: str, tmp: Path) -> dict:
    """Build the case in a copy of plan/ and time its command; the result with the first line of its output."""
    make, command = CASES[name]
    plan = tmp / name
    shutil.copytree(PLAN_DIR, plan)
    make(plan)
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        r = subprocess.run(
            [sys.executable, "-m", "lnplan", *command, "--plan", str(plan)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=KILL_S,
        )
        code, out = r.returncode, (r.stderr or r.stdout)
    except subprocess.TimeoutExpired:
        code, out = None, f"killed after {KILL_S} s"
    wall, seconds = round(time.perf_counter() - start, 2), round(_children_cpu() - cpu, 2)
    first = next((line for line in out.splitlines() if line.strip() and not line.startswith("note:")), "")
    shutil.rmtree(plan, ignore_errors=True)
    return {
        "case": name,
        "command": " ".join(command),
        "seconds": seconds,
        "wall_seconds": wall,
        "exit": code,
        "output_lines": len(out.splitlines()),
        "first_line": first[:160],
        "traceback": "Traceback" in out,
    }


def run_all(names: list[str] | None = None) -> tuple[list[dict], list[str]]:
    results, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or list(CASES):
            r = run(name, Path(tmp))
            results.append(r)
            if r["exit"] is None or r["seconds"] > BUDGET_S:
                failures.append(
                    f"worst case {name}: {r['command']} took {r['seconds']} CPU s, {r['wall_seconds']} s in all "
                    f"(budget {BUDGET_S} CPU s)"
                )
            if r["traceback"] or r["exit"] not in (0, 1):
                failures.append(
                    f"worst case {name}: {r['command']} ended in exit {r['exit']} "
                    f"{'with a traceback' if r['traceback'] else ''}"
                )
    return results, failures


def main(argv: list[str]) -> int:
    results, failures = run_all(argv or None)
    print(
        f"| worst case (file within {MAX_FILE_BYTES:,} bytes) | command | CPU s | wall s | exit | output lines |"
        " first line |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['case']} | {r['command']} | {r['seconds']} | {r['wall_seconds']} | {r['exit']} |"
            f" {r['output_lines']} | {r['first_line'][:90]} |"
        )
    if failures:
        print("\nBudgets missed:\n- " + "\n- ".join(failures))
        return 1
    print(f"\nEvery case within {BUDGET_S} CPU s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
