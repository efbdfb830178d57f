"""The registries the text refers to: vocabularies, units and glossary terms; and Registries, what reading the text
needs to know of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import FactSource, Label, MeasureUnit, Place, PlaceName, Term, Unit, text_of as T
from .problems import Report


@dataclass(frozen=True)
class Vocabularies:
    unit_kinds: dict[str, Label]
    place_kinds: dict[str, Label]
    comparators: dict[str, Label]
    measure_units: dict[str, MeasureUnit]


@dataclass(frozen=True)
class Registries:
    """What reading the text checks against: the units (and their names as written) and the places (and the forms
    that imply them)."""

    units: dict[str, Unit]
    unit_names: dict[str, str]  # the name as written (省商务厅) -> unit id
    places: dict[str, Place]
    place_names: dict[str, PlaceName]
    name_kinds: dict[str, Label]
    place_order: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "place_order", {pid: n for n, pid in enumerate(self.places)})


def labels(items: list[dict]) -> dict[str, Label]:
    """A vocabulary: id -> bilingual label."""
    return {i["id"]: Label(i["id"], T(i["label"])) for i in items}


def read_vocabularies(vocab: dict) -> Vocabularies:
    unit_kinds, place_kinds, comparators = (labels(vocab[k]) for k in ("unit_kinds", "place_kinds", "comparators"))
    measure_units = {m["id"]: MeasureUnit(m["id"], T(m["label"]), m["multiplier"]) for m in vocab["measure_units"]}
    return Vocabularies(unit_kinds, place_kinds, comparators, measure_units)


def fact_source(d: dict | None) -> FactSource | None:
    return FactSource(d["status"], d.get("url"), T(d["note"])) if d else None


def check_fact_source(report: Report, rel: str, path: tuple, d: dict | None) -> None:
    """Where an outside fact comes from: a published page (with its url), or this edition (with none)."""
    if d is None:
        return
    if d["status"] != "edition" and "url" not in d:
        report.add(
            rel,
            path,
            f"status '{d['status']}' needs the url of the page that states it; or status 'edition' if none was found",
        )
    if d["status"] == "edition" and "url" in d:
        report.add(
            rel,
            path + ("url",),
            "status 'edition' means no published source was found; remove the url, or give the status of the page it "
            "points to",
        )


def read_units(
    report: Report, raw: list[dict], unit_kinds: dict[str, Label], check_place: Callable[[str, tuple, str], None]
) -> tuple[dict[str, Unit], dict[str, str]]:
    """The unit registry, and each unit's name as the clauses write it -> its id."""
    rel = "units.yaml"
    report.unique(rel, ((u["id"], ("units", i)) for i, u in enumerate(raw)), "unit")
    units: dict[str, Unit] = {}
    names: dict[str, str] = {}
    for i, u in enumerate(raw):
        if u["kind"] not in unit_kinds:
            report.add(
                rel, ("units", i, "kind"), f"unknown unit kind '{u['kind']}'; expected one of: {', '.join(unit_kinds)}"
            )
        if "place" in u:
            check_place(rel, ("units", i, "place"), u["place"])
        if u["name"]["zh"] in names:
            report.add(
                rel,
                ("units", i, "name", "zh"),
                f"two units are both named '{u['name']['zh']}'; names as written must be unique",
            )
        names[u["name"]["zh"]] = u["id"]
        for key in ("name_en_source", "kind_source"):
            check_fact_source(report, rel, ("units", i, key), u.get(key))
        if (u["kind"] == "collective") != ("collective" in u):
            report.add(
                rel,
                ("units", i),
                "a collective unit says whether it means every city government (collective: every) or "
                "those a measure concerns (collective: some); no other unit has this field",
            )
        units.setdefault(
            u["id"],
            Unit(
                u["id"],
                T(u["name"]),
                T(u["full_name"]),
                u["kind"],
                u.get("place"),
                fact_source(u.get("name_en_source")),
                fact_source(u.get("kind_source")),
                u.get("collective"),
            ),
        )
    return units, names


def read_glossary(report: Report, raw: list[dict]) -> tuple[Term, ...]:
    report.unique("glossary.yaml", ((g["id"], ("terms", i)) for i, g in enumerate(raw)), "glossary term")
    return tuple(Term(g["id"], T(g["term"]), T(g.get("note"))) for g in raw)
