"""The tables of the downloads, each column declared once: its name, how its value is taken from a row, its type
and where the schema describes it. One declaration serves the CSV files, the SQLite database, the data package's
field lists, the Datasette metadata and the data dictionary.

A row is a plan.json record (or a row made from records, such as one per measure and unit), so every table says
what plan.json says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .model import LANGS, Plan

SQLITE_TYPE = {"string": str, "integer": int, "number": float, "boolean": int}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number or boolean
    get: Callable[[dict], Any]  # the value, from a row of the table
    doc: tuple[str, ...]  # where the schema describes it: a $defs name, then the property path
    csv: bool = True  # a column of the CSV file
    sqlite: bool = True  # a column of the database table
    db_name: str | None = None  # the database's name, where it differs from the CSV's
    note: tuple[str, str] = ("", "")  # (English, Chinese) added to the schema's description: how the column differs

    @property
    def sqlite_name(self) -> str:
        return self.db_name or self.name


def _at(path: tuple) -> Callable[[dict], Any]:
    def get(rec: dict) -> Any:
        for key in path:
            rec = rec.get(key) if isinstance(rec, dict) else None
        return rec

    return get


def col(name: str, defname: str, *path: str, type: str = "string", **where) -> Column:
    return Column(name, type, _at(path), (defname, *path), **where)


def both(name: str, defname: str, *path: str, **where) -> list[Column]:
    """A bilingual field as name_zh and name_en."""
    return [col(f"{name}_{lang}", defname, *path, lang, **where) for lang in LANGS]


LIST = (" Separated by ';'.", "多个值以英文分号“;”分隔。")
COUNT = (" This column gives their number.", "此列为其数目。")


def joined(name: str, defname: str, *path: str, **where) -> Column:
    """A list as one text, its items separated by ';'."""
    return Column(name, "string", lambda rec: ";".join(_at(path)(rec) or []), (defname, *path), note=LIST, **where)


def derived(name: str, get: Callable[[dict], Any], defname: str, *path: str, type: str = "string", **where) -> Column:
    return Column(name, type, get, (defname, *path), **where)


def describe(column: Column, schema: dict) -> tuple[str, str]:
    """The (English, Chinese) description of a column: its schema property (a language column says which), and what
    the column adds to it."""
    node = schema["$defs"][column.doc[0]]
    path = list(column.doc[1:])
    lang = path.pop() if path and path[-1] in ("zh", "en") else None
    for key in path:
        prop = node["properties"][key]
        node = {**schema["$defs"][prop["$ref"].split("/")[-1]], **prop} if "$ref" in prop and key != path[-1] else prop
    en, zh = node["description"], node["x-description-zh"]
    if lang:
        en += " (Chinese)" if lang == "zh" else " (English)"
        zh += "（中文）" if lang == "zh" else "（英文）"
    return en + column.note[0], zh + column.note[1]


CSV_ONLY = {"sqlite": False}
DB_ONLY = {"csv": False}


def _cited(sources) -> str:
    """A membership's source ids joined by '+', or 'unsourced' when it has none."""
    return "+".join(sources) or "unsourced"


IDS = (" Their ids, separated by ';'.", "其编号，多个值以英文分号“;”分隔。")
SEAT_SOURCE = (
    " A source id, then ':' and the entry in it (e.g. geonames:2034937).",
    "来源编号，后接“:”和该来源中的条目（如 geonames:2034937）。",
)


def sources_of(column: str) -> tuple[str, str]:
    return (
        f" For each of {column}, in the same order: the source ids joined by '+', or 'unsourced'; separated by ';'.",
        f"与 {column} 逐一对应：各出处编号以“+”连接，没有出处时为 unsourced，多个值以英文分号“;”分隔。",
    )


LABEL = (
    " Both languages, as Datasette names the row where a foreign key points at it.",
    "中英文并列，Datasette 在指向本行的外键处以此显示。",
)


def label(defname: str, field: str) -> Column:
    """The database's label of a row: its name (or title) in both languages."""
    return derived("label", lambda r: f"{r[field]['zh']} / {r[field]['en']}", defname, field, note=LABEL, **DB_ONLY)


def _seat_source(rec: dict) -> str | None:
    seat = rec.get("seat")
    return seat["source"] + (f":{seat['ref']}" if seat.get("ref") else "") if seat else None


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # the data package's title
    db_title: str  # the database's title (both languages)
    columns: tuple[Column, ...]
    rows: Callable[[Plan, dict], list[dict]]  # (plan, plan.json) -> rows
    pk: tuple[str, ...]
    fks: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    indexes: tuple[tuple[str, ...], ...] = ()  # database indexes
    fts: tuple[str, ...] = ()  # full-text search columns
    csv: bool = True
    sqlite: bool = True
    label: str | None = None  # Datasette: the column that names a row where a foreign key points at it
    facets: tuple[str, ...] = ()  # Datasette: the facets shown by default

    @property
    def csv_columns(self) -> list[Column]:
        return [c for c in self.columns if c.csv]

    @property
    def sqlite_columns(self) -> list[Column]:
        return [c for c in self.columns if c.sqlite]

    @property
    def csv_path(self) -> str:
        return f"{self.name}.csv"


def assignment_rows(plan: Plan, doc: dict) -> list[dict]:
    """One row per measure and unit, in the clause's order: its role, group and position."""
    out = []
    for m in doc["measures"]:
        seen = set()
        for gi, g in enumerate(m["responsibility"]["groups"], start=1):
            for pi, uid in enumerate(g["units"], start=1):
                if uid not in seen:
                    seen.add(uid)
                    out.append(
                        {
                            "measure": m["id"],
                            "unit": uid,
                            "role": "lead" if uid == m["responsibility"]["lead"] else "co-responsible",
                            "group": gi,
                            "position": pi,
                            "group_etc": g["etc"],
                        }
                    )
    return out


def _reason_rows(plan: Plan, doc: dict) -> list[dict]:
    return [
        {"measure": m["id"], **r, "form_kind": plan.place_names[r["form"]].kind if r["reason"] != "named" else None}
        for m in doc["measures"]
        for r in m["place_reasons"]
    ]


def _positions(records: list[dict], owner: str, key: str) -> list[dict]:
    return [{owner: rec["id"], "place": p, "position": i} for rec in records for i, p in enumerate(rec[key], start=1)]


MEASURES = Table(
    "measures",
    "Measures",
    "Measures 任务",
    (
        col("id", "exportMeasure", "id"),
        col("chapter", "exportMeasure", "chapter"),
        col("section", "exportMeasure", "section"),
        col("item", "exportMeasure", "item"),
        *both("citation", "exportMeasure", "citation"),
        *both("title", "exportMeasure", "title"),
        *both("text", "exportMeasure", "text"),
        col("responsibility_raw", "exportMeasure", "responsibility", "raw"),
        col("lead_unit", "exportMeasure", "responsibility", "lead"),
        joined("co_responsible_units", "exportMeasure", "responsibility", "co_responsible", **CSV_ONLY),
        joined("places", "exportMeasure", "places", **CSV_ONLY),
        joined("targets", "exportMeasure", "targets", **CSV_ONLY),
        *both("url", "exportMeasure", "url"),
        label("exportMeasure", "title"),
    ),
    lambda plan, doc: doc["measures"],
    ("id",),
    (("lead_unit", "units", "id"),),
    (("lead_unit",), ("chapter",)),
    ("title_zh", "text_zh", "title_en", "text_en"),
    label="label",
    facets=("chapter", "lead_unit"),
)

UNITS = Table(
    "units",
    "Responsible units",
    "Responsible units 责任单位",
    (
        col("id", "exportUnit", "id"),
        *both("name", "exportUnit", "name"),
        *both("full_name", "exportUnit", "full_name"),
        col("kind", "exportUnit", "kind"),
        col("place", "exportUnit", "place"),
        derived("lead_count", lambda r: len(r["lead"]), "exportUnit", "lead", type="integer", note=COUNT, **CSV_ONLY),
        derived(
            "co_responsible_count",
            lambda r: len(r["co_responsible"]),
            "exportUnit",
            "co_responsible",
            type="integer",
            note=COUNT,
            **CSV_ONLY,
        ),
        *both("url", "exportUnit", "url"),
        col(
            "name_en_source",
            "exportUnit",
            "name_en_source",
            "status",
            note=(" (Of full_name_en.)", "（指 full_name_en。）"),
            **CSV_ONLY,
        ),
        col("name_en_source_url", "exportUnit", "name_en_source", "url", **CSV_ONLY),
        label("exportUnit", "name"),
    ),
    lambda plan, doc: doc["units"],
    ("id",),
    (("place", "places", "id"),),
    (("place",), ("kind",)),
    label="label",
    facets=("kind",),
)

PLACES = Table(
    "places",
    "Places",
    "Places 地点",
    (
        col("id", "exportPlace", "id"),
        col("kind", "exportPlace", "kind"),
        *both("name", "exportPlace", "name"),
        *both("full_name", "exportPlace", "full_name"),
        derived(
            "measure_count",
            lambda r: len(r["measures"]),
            "exportPlace",
            "measures",
            type="integer",
            note=COUNT,
            **CSV_ONLY,
        ),
        joined("names", "exportPlace", "names", **DB_ONLY),
        *both("url", "exportPlace", "url"),
        col("lat", "exportPlace", "seat", "lat", type="number", **CSV_ONLY),
        col("lon", "exportPlace", "seat", "lon", type="number", **CSV_ONLY),
        derived("seat_source", _seat_source, "exportPlace", "seat", "source", note=SEAT_SOURCE, **CSV_ONLY),
        derived(
            "regions",
            lambda r: ";".join(x["region"] for x in r["regions"]),
            "exportPlace",
            "regions",
            note=IDS,
            **CSV_ONLY,
        ),
        derived(
            "region_sources",
            lambda r: ";".join(_cited(x["sources"]) for x in r["regions"]),
            "regionOf",
            "sources",
            note=sources_of("regions"),
            **CSV_ONLY,
        ),
        derived(
            "members",
            lambda r: ";".join(x["place"] for x in r.get("members", ())),
            "exportPlace",
            "members",
            note=IDS,
            **CSV_ONLY,
        ),
        derived(
            "member_sources",
            lambda r: ";".join(_cited(x["sources"]) for x in r.get("members", ())),
            "membership",
            "sources",
            note=sources_of("members"),
            **CSV_ONLY,
        ),
        label("exportPlace", "name"),
    ),
    lambda plan, doc: doc["places"],
    ("id",),
    label="label",
    facets=("kind",),
)

TARGETS = Table(
    "targets",
    "Quantitative targets",
    "Quantitative targets 量化目标",
    (
        col("id", "exportTarget", "id"),
        col("source", "exportTarget", "source"),
        col("measure", "exportTarget", "measure"),
        joined("scope", "exportTarget", "scope", **CSV_ONLY),
        *both("metric", "exportTarget", "metric"),
        col("comparator", "exportTarget", "comparator"),
        col("value", "exportTarget", "value", type="number"),
        col("unit", "exportTarget", "unit"),
        *(col(f"unit_{lang}", "exportTarget", "unit_label", lang, db_name=f"unit_label_{lang}") for lang in LANGS),
        col("base_value", "exportTarget", "base_value", type="number"),
        *both("benchmark", "exportTarget", "benchmark"),
        col("aspirational", "exportTarget", "aspirational", type="boolean"),
        col("annual", "exportTarget", "annual", type="boolean"),
        *both("text", "exportTarget", "text"),
        *both("url", "exportTarget", "url"),
        label("exportTarget", "metric"),
    ),
    lambda plan, doc: doc["targets"],
    ("id",),
    (("measure", "measures", "id"),),
    (("measure",),),
    ("metric_zh", "text_zh", "metric_en", "text_en"),
    label="label",
    facets=("comparator", "unit", "aspirational"),
)

ASSIGNMENTS = Table(
    "assignments",
    "Responsibility assignments, one row per measure and unit",
    "Responsibility assignments 责任分工",
    (
        col("measure", "assignment", "measure"),
        col("unit", "assignment", "unit"),
        col("role", "assignment", "role"),
        col("group", "assignment", "group", type="integer"),
        col("position", "assignment", "position", type="integer"),
        col("group_etc", "assignment", "group_etc", type="boolean"),
    ),
    assignment_rows,
    ("measure", "unit"),
    (("measure", "measures", "id"), ("unit", "units", "id")),
    (("unit",), ("role",)),
    facets=("role", "unit"),
)

MEASURE_PLACE_REASONS = Table(
    "measure_places",
    "Why each measure lists each place, one row per place and form found",
    "",
    (
        derived("measure", _at(("measure",)), "exportMeasure", "id"),
        col("place", "exportPlaceReason", "place"),
        col("reason", "exportPlaceReason", "reason"),
        col("form", "exportPlaceReason", "form"),
        derived(
            "form_kind",
            _at(("form_kind",)),
            "placeName",
            "kind",
            note=(" Empty when the place is named.", "直接提及地点时为空。"),
        ),
    ),
    _reason_rows,
    ("measure", "place", "form"),
    (("measure", "measures", "id"), ("place", "places", "id")),
    sqlite=False,
)

MEASURE_PLACES = Table(
    "measure_places",
    "",
    "Places each measure names 任务涉及的地点",
    (
        col("measure", "measurePlace", "measure"),
        col("place", "measurePlace", "place"),
        col("position", "measurePlace", "position", type="integer"),
    ),
    lambda plan, doc: _positions(doc["measures"], "measure", "places"),
    ("measure", "place"),
    (("measure", "measures", "id"), ("place", "places", "id")),
    (("place",),),
    csv=False,
    facets=("place",),
)

TARGET_SCOPE = Table(
    "target_scope",
    "",
    "Where each target applies 目标适用范围",
    (
        col("target", "targetScope", "target"),
        col("place", "targetScope", "place"),
        col("position", "targetScope", "position", type="integer"),
    ),
    lambda plan, doc: _positions(doc["targets"], "target", "scope"),
    ("target", "place"),
    (("target", "targets", "id"), ("place", "places", "id")),
    (("place",),),
    csv=False,
    facets=("place",),
)

CORRECTIONS = Table(
    "corrections",
    "Corrections this edition makes or notes; ids (C001, …) are stable",
    "Corrections this edition makes or notes 勘误与修订",
    (
        *(
            col(n, "exportCorrection", n)
            for n in ("id", "date", "kind", "target_type", "target", "field", "before", "after")
        ),
        *both("reason", "exportCorrection", "reason"),
        col("source", "exportCorrection", "source"),
        *both("url", "exportCorrection", "url"),
    ),
    lambda plan, doc: doc["corrections"],
    ("id",),
    (),
    (("target_type", "target"), ("kind",)),
    ("before", "after"),
    facets=("kind", "target_type"),
)

RELEASES = Table(
    "releases",
    "",
    "Releases of the dataset 数据集版本",
    (
        col("version", "release", "version"),
        col("date", "release", "date"),
        col("schema_version", "release", "schema_version"),
        *both("summary", "release", "summary"),
    ),
    lambda plan, doc: doc["releases"],
    ("version",),
    csv=False,
    label="version",
)

CHANGES = Table(
    "changes",
    "",
    "Changes in each release 各版本的变化",
    (
        derived("release", _at(("release",)), "release", "version"),
        col("record", "change", "record"),
        derived("record_id", _at(("id",)), "change", "id"),
        col("change", "change", "change"),
        joined("fields", "change", "fields"),
    ),
    lambda plan, doc: [{"release": r["version"], **c} for r in doc["releases"] for c in r["changes"]],
    ("release", "record", "record_id"),
    (("release", "releases", "version"),),
    (("record", "record_id"),),
    csv=False,
    facets=("release", "record", "change"),
)

# In this order the CSV files are listed; the database creates each table after the tables it references.
TABLES: tuple[Table, ...] = (
    MEASURES,
    UNITS,
    PLACES,
    TARGETS,
    ASSIGNMENTS,
    MEASURE_PLACE_REASONS,
    MEASURE_PLACES,
    TARGET_SCOPE,
    CORRECTIONS,
    RELEASES,
    CHANGES,
)


def csv_tables() -> list[Table]:
    return [t for t in TABLES if t.csv]


def sqlite_tables() -> list[Table]:
    """The database's tables, each after the tables its foreign keys reference (otherwise in declaration order)."""
    pending, done = [t for t in TABLES if t.sqlite], []
    while pending:
        ready = next(t for t in pending if all(ref in {d.name for d in done} or ref == t.name for _, ref, _ in t.fks))
        pending.remove(ready)
        done.append(ready)
    return done
