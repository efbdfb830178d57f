"""Quantitative targets: each quotes its source's words exactly, follows the order of its source, and uses the
vocabularies' comparators and units of measure."""

from __future__ import annotations

from ..model import Measure, Target, text_of as T
from .places import PlaceCheck
from .problems import Report, suggest
from .registries import Vocabularies


def read_targets(
    report: Report,
    raw: list[dict],
    quotable: dict[str, str],
    node_order: dict[str, int],
    measures: dict[str, Measure],
    vocab: Vocabularies,
    check_place: PlaceCheck,
) -> dict[str, Target]:
    rel = "targets.yaml"
    report.unique(rel, ((t["id"], ("targets", i)) for i, t in enumerate(raw)), "target")
    targets: dict[str, Target] = {}
    last = -1
    for i, t in enumerate(raw):
        tp = ("targets", i)
        srcid = t["source"]
        if srcid not in quotable:
            report.add(
                rel,
                tp + ("source",),
                f"unknown source '{srcid}'; expected the id of a measure or of a chapter-1 bullet "
                f"paragraph{suggest(srcid, quotable)}",
            )
        else:
            _check_quote(report, rel, tp, t, quotable[srcid])
            position = node_order.get(srcid, last)
            if position < last:
                report.add(
                    rel, tp, f"target '{t['id']}' is out of document order; targets follow the order of their sources"
                )
            last = position
        for k, pid in enumerate(t["scope"]):
            check_place(rel, tp + ("scope", k), pid)
        if t["comparator"] not in vocab.comparators:
            report.add(
                rel,
                tp + ("comparator",),
                f"unknown comparator '{t['comparator']}'; expected one of: {', '.join(vocab.comparators)}",
            )
        if "unit" in t and t["unit"] not in vocab.measure_units:
            report.add(
                rel,
                tp + ("unit",),
                f"unknown unit of measure '{t['unit']}'; expected one of: {', '.join(vocab.measure_units)}",
            )
        targets.setdefault(
            t["id"],
            Target(
                t["id"],
                srcid,
                srcid if srcid in measures else None,
                ".".join(srcid.split(".")[:2]),
                tuple(t["scope"]),
                T(t["metric"]),
                t["comparator"],
                t.get("value"),
                t.get("unit"),
                T(t.get("benchmark")),
                t["aspirational"],
                t["annual"],
                T(t["text"]),
            ),
        )
    return targets


def _check_quote(report: Report, rel: str, tp: tuple, t: dict, source_text: str) -> None:
    if t["text"]["zh"] not in source_text:
        report.add(
            rel, tp + ("text", "zh"), f"this text is not found in {t['source']}; quote the words of the plan exactly"
        )
    if not t["id"].startswith(t["source"] + "-t"):
        report.add(rel, tp + ("id",), f"target id '{t['id']}' does not match its source; expected '{t['source']}-t<n>'")
