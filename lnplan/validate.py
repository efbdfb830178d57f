"""`make validate`: the plan loaded and checked, compared with the source text, with a note of what changed since
the last release. Used by the command line and by the build."""

from __future__ import annotations

import sys
from pathlib import Path

from . import fidelity, safefiles
from .loader import load_plan
from .model import Plan
from .reading.files import PLAN_DIR
from .reading.problems import PlanError
from .releases import unreleased, version


def fidelity_source(plan_dir: Path, explicit: Path | None) -> tuple[Path | None, str]:
    """The source text to compare plan_dir with, and a note to print when there is none."""
    if explicit is not None:
        return explicit, ""
    if plan_dir.resolve() == PLAN_DIR.resolve():
        return fidelity.SOURCE, ""
    return None, (
        f"note: {plan_dir} is not the repository's plan/, so its Chinese text is not compared with "
        f"{fidelity.SOURCE.relative_to(fidelity.SOURCE.parent.parent)} (pass --source FILE to compare it)"
    )


def validated(plan_dir: Path, source: Path | None) -> Plan | None:
    """The plan, loaded and checked (and compared with the source text when one is given); None, with every
    problem printed, when it is invalid. A note says how many records changed since the last release."""
    try:
        plan = load_plan(plan_dir)
    except PlanError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {plan_dir}.", file=sys.stderr)
        return None
    if source is not None:
        try:
            source_text = safefiles.read_text(source, source.parent)
        except (FileNotFoundError, safefiles.Refused) as exc:
            print(f"{source}: {exc.strerror if isinstance(exc, OSError) else exc}", file=sys.stderr)
            return None
        report = fidelity.compare(plan.raw, source_text, plan_dir)
        if report:
            print(report, file=sys.stderr)
            print("plan/ does not reproduce the source text.", file=sys.stderr)
            return None
    print(
        f"ok: {len(plan.chapters)} chapters, {len(plan.measures)} measures, {len(plan.units)} units, "
        f"{len(plan.places)} places, {len(plan.targets)} targets, {len(plan.glossary)} glossary terms"
    )
    pending = unreleased(plan)
    if pending:
        schema = f", schema {pending.schema[0]} → {pending.schema[1]}" if pending.schema else ""
        print(
            f"note: {len(pending.changes)} record(s) changed since release {version(plan)[0]}{schema} (not yet "
            "released); "
            "record a release with: make release VERSION=… SUMMARY_ZH=… SUMMARY_EN=…"
        )
    return plan
