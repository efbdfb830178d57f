"""plan/corrections.yaml: every correction names a field that exists and that holds what the correction says it
now holds."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..model import Correction, Measure, Target, text_of as T
from . import checks
from .problems import Report, format_path, suggest

# What a correction can name besides the text: target_type -> (file, list, the field that identifies an entry).
REGISTRIES = {
    "target": ("targets.yaml", "targets", "id"),
    "unit": ("units.yaml", "units", "id"),
    "place": ("places.yaml", "places", "id"),
    "term": ("glossary.yaml", "terms", "id"),
    "source": ("places.yaml", "sources", "id"),
    "place_name": ("place_names.yaml", "names", "form"),
}
VOCABULARIES = "vocabularies.yaml"  # target_type 'vocabulary': '<list>/<id>', e.g. 'measure_units/percent'

Location = tuple[str, tuple]  # (file, path inside it)


def parse_field(field: str) -> tuple:
    """'paragraphs[0].text.zh' -> ('paragraphs', 0, 'text', 'zh')."""
    out: list = []
    for part in field.split("."):
        out.append(re.match(r"[a-z_]+", part).group())
        out += [int(i) for i in re.findall(r"\[(\d+)\]", part)]
    return tuple(out)


def correction_targets(src: dict) -> dict[tuple[str, str], Location]:
    """(target_type, id) -> (file, path) of everything a correction can name."""
    index: dict[tuple[str, str], Location] = {("document", "document"): ("document.yaml", ())}

    def walk(rel: str, node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                index.setdefault(("text", node["id"]), (rel, path))
            for k, v in node.items():
                walk(rel, v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(rel, v, path + (i,))

    for rel in (f for f in src if f.startswith("chapters/")):
        walk(rel, src[rel], ())
    for ttype, (rel, key, ident) in REGISTRIES.items():
        for i, entry in enumerate(src[rel][key]):
            index.setdefault((ttype, entry[ident]), (rel, (key, i)))
    for key, entries in src[VOCABULARIES].items():
        for i, entry in enumerate(entries):
            index.setdefault(("vocabulary", f"{key}/{entry['id']}"), (VOCABULARIES, (key, i)))
    return index


def value_at(src: dict, rel: str, path: tuple) -> Any:
    node: Any = src[rel]
    for part in path:
        node = node[part]
    return node


def correction_location(src: dict, index: dict, d: dict) -> Location | str:
    """(file, path) of the field a correction names, or a message saying what is wrong."""
    ttype, target = d["target_type"], d["target"]
    if (ttype, target) not in index:
        ids = [i for t, i in index if t == ttype]
        want = (
            "a chapter, section, item or paragraph id from plan/chapters (e.g. 1.4, 2.1.1)"
            if ttype == "text"
            else "'document'"
            if ttype == "document"
            else f"a list and an id from plan/{VOCABULARIES} (e.g. measure_units/percent)"
            if ttype == "vocabulary"
            else f"{'a form' if REGISTRIES[ttype][2] == 'form' else 'an id'} from plan/{REGISTRIES[ttype][0]}"
        )
        return f"unknown {ttype} '{target}'; expected {want}{suggest(target, ids)}"
    rel, path = index[(ttype, target)]
    node = value_at(src, rel, path)
    for part in parse_field(d["field"]):
        ok = (isinstance(node, list) and isinstance(part, int) and part < len(node)) or (
            isinstance(node, dict) and isinstance(part, str) and part in node
        )
        if not ok:
            have = (
                ", ".join(node)
                if isinstance(node, dict)
                else f"{len(node)} item(s)"
                if isinstance(node, list)
                else "a value"
            )
            return f"{ttype} '{target}' (plan/{rel}) has no field '{d['field']}'; at '{part}' it has: {have}"
        node = node[part]
        path = path + (part,)
    return rel, path


def read_corrections(
    report: Report, src: dict, node_ids: dict[str, Location], measures: dict[str, Measure], targets: dict[str, Target]
) -> tuple[Correction, ...]:
    raw = src["corrections.yaml"]["corrections"]
    report.unique("corrections.yaml", ((d["id"], ("corrections", i)) for i, d in enumerate(raw)), "correction")
    index = correction_targets(src)
    measure_at = {node_ids[m]: m for m in measures if m in node_ids}
    same_field: dict[tuple, list[int]] = {}
    for i, d in enumerate(raw):
        same_field.setdefault((d["target_type"], d["target"], d["field"]), []).append(i)
    out = []
    for i, d in enumerate(raw):
        where = _check_correction(report, src, index, raw, i, same_field)
        if where is None:
            continue
        rel, path = where
        measure = next(
            (measure_at[(rel, path[:n])] for n in range(len(path), -1, -1) if (rel, path[:n]) in measure_at), None
        )
        if d["target_type"] == "target" and d["target"] in targets:
            measure = targets[d["target"]].measure
        out.append(
            Correction(
                d["id"],
                d["date"],
                d["kind"],
                d["target_type"],
                d["target"],
                d["field"],
                d["before"],
                d["after"],
                T(d["reason"]),
                d.get("source"),
                measure,
            )
        )
    return tuple(out)


MAX_LATER = 100  # later corrections of one field looked at (a chain of corrections of one field is a few long)


def _changed_again(raw: list[dict], same_field: dict[tuple, list[int]], i: int) -> bool:
    """Whether a later correction of the same field changed the words that correction i wrote."""
    d = raw[i]
    group = same_field[(d["target_type"], d["target"], d["field"])]
    k = bisect.bisect_left(group, i)
    return any(d["after"] in raw[j]["before"] for j in group[k + 1 : k + 1 + MAX_LATER])


def _check_correction(
    report: Report, src: dict, index: dict, raw: list[dict], i: int, same_field: dict[tuple, list[int]]
) -> Location | None:
    """Where correction i points, checked: id order, a real change, the field exists and holds `after`."""
    d, cp = raw[i], ("corrections", i)
    if i and int(d["id"][1:]) <= int(raw[i - 1]["id"][1:]) and d["id"] != raw[i - 1]["id"]:
        report.add(
            "corrections.yaml",
            cp + ("id",),
            f"correction '{d['id']}' comes after '{raw[i - 1]['id']}'; keep the file in id order and give a new "
            "correction the next id",
        )
    if d["before"] == d["after"]:
        report.add(
            "corrections.yaml", cp + ("after",), "'after' is the same as 'before'; a correction changes something"
        )
    where = correction_location(src, index, d)
    if isinstance(where, str):
        report.add("corrections.yaml", cp + ("field" if "no field" in where else "target",), where)
        return None
    rel, path = where
    if d["kind"] == "source" and not (d["target_type"] in ("document", "text") and path[-1] in ("zh", "raw")):
        report.add(
            "corrections.yaml",
            cp + ("kind",),
            "a 'source' correction corrects the Chinese text of the plan: a .zh field or a responsibility clause "
            "(raw) of the document or a chapter; use kind 'translation' or 'data' for anything else",
        )
    value = value_at(src, rel, path)
    now = value if isinstance(value, str) else checks.shown(value, max(80, len(d["after"])))
    if (d["after"] not in now) if isinstance(value, str) else (d["after"] != now):
        if not _changed_again(raw, same_field, i):  # a later correction of the same field changed these words again
            report.add(
                "corrections.yaml",
                cp + ("after",),
                f"'after' is not what plan/{rel} holds at {format_path(path)} ({now[:80]!r}); describe the data as "
                "it is now",
            )
    return where
