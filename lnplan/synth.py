"""Synthetic plans N times the size of the real one, for the build-scaling benchmark.

Every chapter's sections are repeated N times (renumbered), with their measures, paragraphs and targets;
the registries stay as they are. The result passes the same validation as the real plan."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

from . import releases, safefiles, yamlio
from .reading.files import PLAN_DIR
from .reading.text import section_number
from .model import Text
from .releasing import cut_release


def _renumber(node, old: str, new: str):
    """Replace the section id prefix `old` by `new` in every id below this node."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "id" and isinstance(v, str) and (v == old or v.startswith(old + ".")):
                node[k] = new + v[len(old) :]
            else:
                _renumber(v, old, new)
    elif isinstance(node, list):
        for v in node:
            _renumber(v, old, new)


def write_synthetic(factor: int, out: Path, plan_dir: Path = PLAN_DIR) -> Path:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(plan_dir, out, symlinks=True)  # a link stays a link (which the loader refuses)
    targets_raw, _ = yamlio.load(safefiles.read_text(plan_dir / "targets.yaml", plan_dir))
    by_section: dict[str, list[dict]] = {}
    for t in targets_raw["targets"]:
        by_section.setdefault(".".join(t["source"].split(".")[:2]), []).append(t)
    new_targets = []
    for path in sorted((plan_dir / "chapters").glob("*.yaml"), key=lambda p: int(p.stem)):
        ch, _ = yamlio.load(safefiles.read_text(path, plan_dir))
        sections = []
        for copy_no in range(factor):
            for s in ch["sections"]:
                s2 = copy.deepcopy(s)
                old = s2["id"]
                position = len(sections) + 1
                new = f"{ch['id']}.{position}"
                _renumber(s2, old, new)
                s2["number"] = section_number(position)
                sections.append(s2)
                for t in by_section.get(old, []):
                    t2 = copy.deepcopy(t)
                    t2["source"] = new + t["source"][len(old) :]
                    t2["id"] = t2["source"] + re.search(r"-t\d+$", t["id"]).group()
                    new_targets.append(t2)
        ch["sections"] = sections
        (out / "chapters" / path.name).write_text(yamlio.dump(ch), encoding="utf-8")
    (out / "targets.yaml").write_text(yamlio.dump({"targets": new_targets}), encoding="utf-8")
    # A maintained synthetic plan: one first release of its own data (cut_release() validates it as fully as load_plan)
    (out / releases.RELEASES_FILE).write_text(yamlio.dump({"releases": []}), encoding="utf-8")
    shutil.rmtree(out / releases.SNAPSHOT_DIR, ignore_errors=True)
    text = f"Synthetic plan, {factor} times the real one"
    cut_release(out, "1.0.0", "2026-11-26", Text(text, text))
    return out
