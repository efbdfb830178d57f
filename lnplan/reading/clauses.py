"""Responsibility clauses: the grammar of 「（责任单位：…）」 as written, and the check that a measure's groups of
unit ids say what its clause says."""

from __future__ import annotations

import re

from ..model import Group, Responsibility
from .problems import Report, suggest


def resolve_clause(raw: str, names: dict[str, str]) -> list[tuple[list[str], bool]] | str:
    """Parse a clause as written into groups of unit ids, or return an error message.

    Groups are separated by "," (any width); units by "、"; a group ending in 等 has etc.
    Compound forms share a suffix: 沈阳、大连市政府 = 沈阳市政府 + 大连市政府, and
    沈阳、大连等相关市政府 = 沈阳市政府 + 大连市政府 + 相关市政府.
    """
    groups = []
    for group in re.split(r"[,，]", raw):
        etc = group.endswith("等")
        body = group[:-1] if etc else group
        if body in names:
            groups.append(([names[body]], etc))
            continue
        parsed = _compound(body.split("、"), names)
        if isinstance(parsed, str):
            return parsed
        groups.append((parsed, etc))
    return groups


def _compound(parts: list[str], names: dict[str, str]) -> list[str] | str:
    """The unit ids of one group's parts, the last part's suffix (市政府, 县政府) shared by the others."""
    last = parts[-1]
    suffix = next((s for s in ("市政府", "县政府") if last.endswith(s)), None)
    tail: list[str] = []
    m = re.fullmatch(r"(.+?)等(.+)", last)
    if m and m.group(2) in names:  # 大连等相关市政府
        last, tail = m.group(1), [names[m.group(2)]]
    ids = []
    for part in parts[:-1] + [last]:
        name = part
        if name not in names and suffix and not part.endswith(suffix):
            name = part + suffix
        if name not in names:
            return (
                f"unit '{part}' in the clause is not in plan/units.yaml (no unit is named "
                f"'{name}'){suggest(name, names)}"
            )
        ids.append(names[name])
    return ids + tail


def read_responsibility(
    report: Report, rel: str, path: tuple, d: dict, units: dict, names: dict[str, str]
) -> Responsibility:
    """A measure's responsibility: its groups, checked against the units and against the clause as written."""
    groups = tuple(Group(tuple(g["units"]), g["etc"]) for g in d["groups"])
    unknown = False
    for gi, g in enumerate(d["groups"]):
        for ui, uid in enumerate(g["units"]):
            if uid not in units:
                unknown = True
                report.add(
                    rel,
                    path + ("groups", gi, "units", ui),
                    f"unknown unit '{uid}'; expected an id from plan/units.yaml{suggest(uid, units)}",
                )
    parsed = resolve_clause(d["raw"], names)
    if isinstance(parsed, str):
        report.add(rel, path + ("raw",), parsed)
    elif not unknown:  # with an unknown id the comparison below would only repeat that error
        stored = [(list(g.units), g.etc) for g in groups]
        if stored != parsed:
            want = "; ".join(f"units: [{', '.join(ids)}], etc: {str(etc).lower()}" for ids, etc in parsed)
            report.add(
                rel,
                path + ("groups",),
                f"groups do not match the clause as written ('{d['raw']}'); the clause reads as: {want}",
            )
    return Responsibility(d["raw"], groups)
