"""The entity list each language's search loads on first use (search/entities.json, added by hooks/plan_pages.py).

It names what the plan itself names — responsible units (with short forms derived from their names), places and
regions, measure, section and target ids, glossary terms — so that a query naming one of them shows it first, as a
direct link, before the full-text results (docs/assets/search.js).
"""

from __future__ import annotations

import json
from functools import lru_cache

from .i18n import t
from .model import Plan
from .urls import node_anchor, page, target_url, term_url

# Kinds of entity, in the order they are shown when they match a query equally well.
ENTITY_KINDS = ("measure", "section", "target", "unit", "place", "term")
# Strings the search script shows (results, statuses, kinds); the search page and header render their own.
SCRIPT_STRINGS = (
    "search_results",
    "search_results_one",
    "search_none",
    "search_more",
    "search_all",
    "search_did_you_mean",
    "search_showing_for",
    "search_instead",
    "search_some_words",
    "search_browse",
    "search_glossary_link",
    "nav_units",
    "nav_places",
    "lead",
    *(f"search_kind_{k}" for k in ENTITY_KINDS),
)

_ZH_SUFFIXES = ("厅", "局", "委")


def without_province(name: str, prefixes: tuple[str, ...]) -> str:
    """A name as people shorten it inside the jurisdiction (its prefixes: plan/edition.yaml's name_prefixes):
    辽宁省商务厅 → 商务厅, 辽宁沿海经济带 → 沿海经济带, Liaoning Coastal Economic Belt → Coastal Economic Belt (at least
    three characters are left)."""
    for prefix in prefixes:
        if name.startswith(prefix) and len(name) - len(prefix) >= 3:
            return name[len(prefix) :]
    return name


def zh_short_forms(name: str, full_name: str, prefixes: tuple[str, ...]) -> set[str]:
    """Short forms of a Chinese unit name as people write them: 省商务厅 → 商务厅; 省发展改革委 → 发展改革委,
    发改委, 发展委; 省工业和信息化厅 → 工信厅; 省人力资源社会保障厅 → 人社厅; 辽宁省发展和改革委员会 → 发展和改革委员会.
    Abbreviations take the first character of each word of the name (words: the parts around 和, or two-character
    chunks); a few forms no reader types are harmless, as entity hits need the form itself in the query."""
    forms = {without_province(name, prefixes), without_province(full_name, prefixes)}
    base = name.removeprefix("省")
    suffix = base[-1:]
    if suffix not in _ZH_SUFFIXES or base == name:
        return forms
    body = base[:-1]
    parts = [p for p in body.split("和") if p]
    if len(parts) > 1:
        forms.add("".join(p[0] for p in parts) + suffix)
    elif len(body) >= 4 and len(body) % 2 == 0:
        words = [body[i : i + 2] for i in range(0, len(body), 2)]
        forms.add(words[0] + suffix)
        forms.add(words[0][0] + words[-1][0] + suffix)
        forms.add("".join(w[0] for w in words) + suffix)
        if len(body) % 4 == 0:
            half = len(body) // 2
            forms.add(body[0] + body[half] + suffix)
    return forms


_EN_SMALL = {"of", "and", "the", "for", "in"}


def en_short_forms(name: str, full_name: str, prefixes: tuple[str, ...]) -> set[str]:
    """Provincial Department of Commerce → Department of Commerce, Commerce; Provincial Development and Reform
    Commission → Development and Reform Commission, DRC; Provincial State-owned Assets Supervision and
    Administration Commission → SASAC."""
    forms = {without_province(name, prefixes), without_province(full_name, prefixes)}
    core = name.removeprefix("Provincial ")
    for head in ("Department of ", "Bureau of "):
        if core.startswith(head):
            forms.add(core[len(head) :])
    words = [w for w in core.split() if w.lower() not in _EN_SMALL]
    if core.endswith("Commission") and len(words) >= 3 and all(w[0].isupper() for w in words):
        forms.add("".join(w[0] for w in words))  # commissions go by their initials
    return forms


def _entity(kind: str, url: str, label: str, names, note: str = "", definition: str = "") -> list:
    names = sorted({n for n in names if n})
    if definition:
        return [kind, url, label, names, note, definition]
    return [kind, url, label, names, note] if note else [kind, url, label, names]


def entities(plan: Plan, lang: str) -> list[list]:
    """[kind, url relative to the language root, label, names that find it, (note, (definition))] for every entity.
    A glossary term's note is its name in the other language, its definition the glossary's note (search shows it
    as a card beside the results)."""
    out, prefixes = [], plan.edition.name_prefixes
    for ch in plan.chapters:
        for s in ch.sections:
            if not s.measure:
                out.append(
                    _entity(
                        "section", page("chapter", ch.id) + "#" + node_anchor(s.id), f"{s.id} {s.title[lang]}", [s.id]
                    )
                )
            for it in s.items:
                if not it.measure:
                    out.append(
                        _entity(
                            "section",
                            page("chapter", ch.id) + "#" + node_anchor(it.id),
                            f"{it.id} {it.title[lang]}",
                            [it.id],
                        )
                    )
    for m in plan.measures.values():
        out.append(_entity("measure", page("measure", m.id), f"{m.id} {m.title[lang]}", [m.id], m.citation[lang]))
    for tg in plan.targets.values():
        out.append(_entity("target", target_url(tg.id), f"{tg.id} {tg.metric[lang]}", [tg.id]))
    for u in plan.units.values():
        names = {
            u.name.zh,
            u.name.en,
            u.full_name.zh,
            u.full_name.en,
            *zh_short_forms(u.name.zh, u.full_name.zh, prefixes),
            *en_short_forms(u.name.en, u.full_name.en, prefixes),
        }
        out.append(_entity("unit", page("unit", u.id), u.name[lang], names, u.full_name[lang]))
    for p in plan.places.values():
        names = {
            p.name.zh,
            p.name.en,
            p.full_name.zh,
            p.full_name.en,
            *p.names,
            *(without_province(n, prefixes) for n in (p.name.zh, p.name.en, p.full_name.zh, p.full_name.en)),
        }
        out.append(_entity("place", page("place", p.id), p.name[lang], names, p.full_name[lang]))
    for g in plan.glossary:
        out.append(
            _entity(
                "term",
                term_url(g.id),
                g.term[lang],
                [g.term.zh, g.term.en],
                g.term.en if lang == "zh" else g.term.zh,
                g.note[lang] if g.note else "",
            )
        )
    _drop_shared_short_forms(out, plan)
    return out


def _drop_shared_short_forms(out: list[list], plan: Plan) -> None:
    """A derived short form that two different units share (or that names a place) finds neither: drop it."""
    own = {n for u in plan.units.values() for n in (u.name.zh, u.name.en, u.full_name.zh, u.full_name.en)}
    seen: dict[str, int] = {}
    for e in out:
        if e[0] == "unit":
            for n in e[3]:
                seen[n] = seen.get(n, 0) + 1
    places = {n for e in out if e[0] == "place" for n in e[3]}
    for e in out:
        if e[0] == "unit":
            e[3] = [n for n in e[3] if n in own or (seen[n] == 1 and n not in places)]


@lru_cache(maxsize=4)
def entities_json(plan: Plan, lang: str) -> str:
    """The entity list and the script's strings for one language, as the search script loads it."""
    data = {"strings": {k: t(k, lang) for k in SCRIPT_STRINGS}, "entities": entities(plan, lang)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
