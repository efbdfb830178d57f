"""The one in-memory model of the plan that every page and download is generated from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def text_record(text: Text | None) -> dict | None:
    """A text as the downloads and snapshots write it: {"zh": …, "en": …}, or None."""
    return {"zh": text.zh, "en": text.en} if text is not None else None


def text_of(d: dict | None) -> Text | None:
    """A {zh, en} mapping of a plan file as Text (None stays None)."""
    return Text(d["zh"], d["en"]) if d is not None else None


@dataclass(frozen=True)
class Group:
    units: tuple[str, ...]
    etc: bool


@dataclass(frozen=True)
class Responsibility:
    raw: str
    groups: tuple[Group, ...]

    @property
    def lead(self) -> str:
        return self.groups[0].units[0]

    @property
    def co_responsible(self) -> tuple[str, ...]:
        seen = [self.lead]
        out = []
        for g in self.groups:
            for u in g.units:
                if u not in seen:
                    seen.append(u)
                    out.append(u)
        return tuple(out)

    @property
    def units(self) -> tuple[str, ...]:
        return (self.lead, *self.co_responsible)

    @property
    def co_groups(self) -> tuple[Group, ...]:
        """The co-responsible units as the clause groups them, with 等 kept: the first group without the lead.
        A group left empty (e.g. 省科技厅等: only the lead, and others) is kept with no units and etc true."""
        first = self.groups[0]
        rest = Group(first.units[1:], first.etc)
        return tuple(g for g in (rest, *self.groups[1:]) if g.units or g.etc)


@dataclass(frozen=True)
class FactSource:
    """Where a fact from outside the plan comes from: status self-published, official or edition (no source found)."""

    status: str
    url: str | None
    note: Text


@dataclass(frozen=True)
class Unit:
    id: str
    name: Text
    full_name: Text
    kind: str
    place: str | None
    name_en_source: FactSource | None = None
    kind_source: FactSource | None = None
    collective: str | None = None  # a collective unit: 'every' city government (各市政府) or 'some' (相关市政府)


@dataclass(frozen=True)
class Seat:
    """Where a city or the zone is drawn on the map (WGS 84 degrees), with the source of the coordinates."""

    lat: float
    lon: float
    source: str
    ref: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Membership:
    """A member of a region or core, with the ids of the sources that say so (none: unsourced)."""

    place: str
    sources: tuple[str, ...]
    note: Text | None = None

    @property
    def sourced(self) -> bool:
        return bool(self.sources)


@dataclass(frozen=True)
class Source:
    """A document or database cited for a fact from outside the plan."""

    id: str
    title: Text
    issuer: Text
    date: str
    url: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Place:
    id: str
    kind: str
    name: Text
    full_name: Text
    names: tuple[str, ...]
    seat: Seat | None = None  # cities and the zone
    members: tuple[Membership, ...] = ()  # regions and cores
    members_note: Text | None = None


@dataclass(frozen=True)
class PlaceName:
    """A form by which the text implies cities: a short form (沈本), a county (桓仁), a zone or another place."""

    form: str
    kind: str
    name: Text
    implies: tuple[str, ...]
    except_in: tuple[str, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class PlaceReason:
    """Why a measure lists a place: the text names it (named), by a short form (short-form), or names a place
    within it (within); `form` is the words found."""

    place: str
    reason: Literal["named", "short-form", "within"]
    form: str


@dataclass(frozen=True)
class Target:
    id: str
    source: str
    measure: str | None
    section: str
    scope: tuple[str, ...]
    metric: Text
    comparator: str
    value: float | int | None
    unit: str | None
    benchmark: Text | None
    aspirational: bool
    annual: bool
    text: Text


@dataclass(frozen=True)
class Measure:
    id: str
    chapter: str
    section: str
    item: str | None
    own_title: Text | None
    title: Text  # own title, or the title of the item or section it belongs to
    text: Text
    responsibility: Responsibility
    places: tuple[str, ...]
    citation: Text
    place_reasons: tuple[PlaceReason, ...] = ()  # why each of `places` is listed

    def reasons_for(self, place_id: str) -> tuple[PlaceReason, ...]:
        return tuple(r for r in self.place_reasons if r.place == place_id)


@dataclass(frozen=True)
class Paragraph:
    text: Text
    id: str | None = None
    bullet: bool = False
    lead: Text | None = None
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    number: str
    title: Text
    measure: Measure | None  # the item is itself a measure
    paragraphs: tuple[Measure, ...] = ()  # or holds measure paragraphs


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: Text
    paragraphs: tuple[Paragraph, ...]
    measure: Measure | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Chapter:
    id: str
    number: str
    title: Text
    region: str | None
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Notice:
    addressees: Text
    text: Text
    issuer: Text
    date: str
    date_text: Text
    publication: Text


@dataclass(frozen=True)
class Sea:
    """A sea named on the map, at the point where its name is written."""

    id: str
    name: Text
    lat: float
    lon: float


@dataclass(frozen=True)
class Edition:
    """What this edition of the plan is called and how it places the plan (plan/edition.yaml)."""

    id: str  # the dataset's name
    title: Text  # the site's name
    description: Text
    dataset_title: str
    scheme: Text  # the plan's pattern of regions, as pages name it (“一圈一带两区”)
    document_type: Text
    jurisdiction: Text
    name_prefixes: tuple[str, ...]  # how names begin inside the jurisdiction (辽宁省, 省, Liaoning Provincial …)
    lat: tuple[float, float]  # the extent of the plan's places
    lon: tuple[float, float]
    extent_note: Text
    seas: tuple[Sea, ...]
    city_sections: tuple[tuple[str, str], ...]  # (what it sets out, section id): paragraphs that each concern one city


@dataclass(frozen=True)
class DocumentRecord:
    """What is known of the document beyond its text (plan/document.yaml `record`), each fact with its source; a
    fact no source was found for is None, and a note says so."""

    title: Text
    number: Text | None = None
    number_source: Source | None = None
    released: str | None = None
    released_source: Source | None = None
    period_years: int | None = None
    period_note: Text | None = None
    official_url: str | None = None
    official_text_note: Text | None = None


@dataclass(frozen=True)
class ProseSection:
    """A section of the edition's prose (plan/about.<lang>.md): its anchor, title and paragraphs, plain text."""

    anchor: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    note: Text | None


@dataclass(frozen=True)
class Label:
    id: str
    label: Text


@dataclass(frozen=True)
class MeasureUnit:
    id: str
    label: Text
    multiplier: int


@dataclass(frozen=True)
class Correction:
    """One correction this edition makes or notes (plan/corrections.yaml)."""

    id: str
    date: str
    kind: str  # source, translation or data
    target_type: str  # document, text, target, unit, place, term, source, place_name or vocabulary
    target: str
    field: str
    before: str
    after: str
    reason: Text
    source: str | None = None
    measure: str | None = None  # the measure whose page shows what was corrected, if any


@dataclass(frozen=True)
class Change:
    """One record's change between two versions of the dataset."""

    record: str  # measure, unit, place or target
    id: str
    change: str  # added, removed or changed
    fields: tuple[str, ...] = ()  # what changed: for a measure text, translation, responsibility, places, targets


@dataclass(frozen=True)
class Release:
    """One published version of the dataset, as plan/releases.yaml records it."""

    version: str
    date: str
    schema_version: str
    summary: Text
    corrections: tuple[str, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True, eq=False)  # a loaded plan never changes, so what is derived from it is cached by identity
class Plan:
    notice: Notice
    title: Text
    preamble: Text
    chapters: tuple[Chapter, ...]
    measures: dict[str, Measure]
    units: dict[str, Unit]
    places: dict[str, Place]
    targets: dict[str, Target]
    glossary: tuple[Term, ...]
    unit_kinds: dict[str, Label]
    place_kinds: dict[str, Label]
    comparators: dict[str, Label]
    measure_units: dict[str, MeasureUnit]
    edition: Edition
    about: dict = field(default_factory=dict)  # the About page's sections by language (plan/about.<lang>.md)
    raw: dict = field(repr=False, default_factory=dict)  # the validated source data, file by file
    place_names: dict[str, PlaceName] = field(default_factory=dict)  # plan/place_names.yaml, by form
    place_name_kinds: dict[str, Label] = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)  # cited for seats and region memberships
    releases: tuple[Release, ...] = ()  # oldest first (plan/releases.yaml)
    snapshots: dict = field(repr=False, default_factory=dict)  # each release's recorded data, by version
    record: DocumentRecord | None = None  # plan/document.yaml `record`: the notice's title, number, dates, period

    def __post_init__(self) -> None:
        """The registries as read-only mappings: a loaded plan never changes, so every output derived from it (cached
        by the plan's identity) stays true."""
        for name in (
            "measures",
            "units",
            "places",
            "targets",
            "unit_kinds",
            "place_kinds",
            "comparators",
            "measure_units",
            "place_names",
            "place_name_kinds",
            "sources",
            "snapshots",
            "about",
        ):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    # ---- derived indexes (built once per loaded plan, so every page costs O(its own content)) ----
    @cached_property
    def _by_unit(self) -> dict[str, tuple[list[Measure], list[Measure]]]:
        index: dict[str, tuple[list[Measure], list[Measure]]] = {u: ([], []) for u in self.units}
        for m in self.measures.values():
            index.setdefault(m.responsibility.lead, ([], []))[0].append(m)
            for u in m.responsibility.co_responsible:
                index.setdefault(u, ([], []))[1].append(m)
        return index

    @cached_property
    def _targets_by_source(self) -> dict[str, list[Target]]:
        index: dict[str, list[Target]] = {}
        for t in self.targets.values():
            index.setdefault(t.source, []).append(t)
        return index

    @cached_property
    def _by_place(self) -> dict[str, list[Measure]]:
        index: dict[str, list[Measure]] = {p: [] for p in self.places}
        for m in self.measures.values():
            for p in m.places:
                index.setdefault(p, []).append(m)
        return index

    def corrections_of(self, target_type: str, target: str) -> list[Correction]:
        return [c for c in self.corrections if c.target_type == target_type and c.target == target]

    def corrections_for_measure(self, measure_id: str) -> list[Correction]:
        return [c for c in self.corrections if c.measure == measure_id]

    @cached_property
    def _regions_by_member(self) -> dict[str, list[tuple[Place, Membership]]]:
        index: dict[str, list[tuple[Place, Membership]]] = {}
        for region in self.places.values():
            for ms in region.members:
                index.setdefault(ms.place, []).append((region, ms))
        return index

    def regions_of(self, place_id: str) -> list[tuple[Place, Membership]]:
        """The regions and cores a city or the zone belongs to, in registry order, each with its membership."""
        return self._regions_by_member.get(place_id, [])

    def lead_measures(self, unit_id: str) -> list[Measure]:
        return self._by_unit.get(unit_id, ([], []))[0]

    def co_measures(self, unit_id: str) -> list[Measure]:
        return self._by_unit.get(unit_id, ([], []))[1]

    def targets_of(self, source_id: str) -> list[Target]:
        return self._targets_by_source.get(source_id, [])

    def measures_naming(self, place_id: str) -> list[Measure]:
        return self._by_place.get(place_id, [])

    def chapter_of(self, node_id: str) -> Chapter:
        return self.chapters[int(node_id.split(".")[0]) - 1]

    def after_etc(self, units, raw: str) -> bool:
        """Whether a group's last unit is a collective one the clause introduces with 等 (沈阳、大连等相关市政府:
        Shenyang, Dalian and other relevant city governments), not one more unit in the list."""
        last = self.units.get(units[-1]) if units else None
        return len(units) > 1 and last is not None and last.collective is not None and "等" + last.name.zh in raw

    def unit_for_place(self, place_id: str) -> Unit | None:
        return next((u for u in self.units.values() if u.place == place_id), None)

    def paragraph(self, node_id: str) -> Paragraph | None:
        for ch in self.chapters:
            for s in ch.sections:
                for p in s.paragraphs:
                    if p.id == node_id:
                        return p
        return None
