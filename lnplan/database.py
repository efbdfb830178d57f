"""data/plan.sqlite: the dataset as an SQLite database, built with sqlite-utils, ready for Datasette
(data/plan.metadata.json: titles, licence, source and every column's description, taken from the schema).

Tables with foreign keys and indexes: places, units, measures, targets, assignments, measure_places,
target_scope, corrections, releases, changes. Bilingual fields are two columns
(title_zh, title_en). Full-text search works for Chinese: measures_fts and targets_fts use SQLite's trigram
tokenizer, so any substring of three or more characters matches (沈阳市, 营口港, port). The file is built in
memory and serialized, so the same plan always gives the same bytes."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Callable

import sqlite_utils

from .model import Plan
from .schema import load_schema


@dataclass(frozen=True)
class Column:
    name: str
    type: type
    get: Callable[[dict], Any]     # the value, from the plan.json record (or row) of the table
    doc: tuple[str, ...]           # where the schema describes it: $defs name, then property path


def _at(path: tuple) -> Callable[[dict], Any]:
    def get(rec: dict) -> Any:
        for key in path:
            rec = rec.get(key) if isinstance(rec, dict) else None
        return rec
    return get


def col(name: str, typ: type, defname: str, *path: str) -> Column:
    return Column(name, typ, _at(path), (defname, *path))


def both(name: str, defname: str, *path: str) -> list[Column]:
    """A bilingual field as name_zh and name_en."""
    return [col(f"{name}_{lang}", str, defname, *path, lang) for lang in ("zh", "en")]


def joined(name: str, defname: str, *path: str) -> Column:
    return Column(name, str, lambda rec: ";".join(_at(path)(rec) or []), (defname, *path))


MEASURES = [col("id", str, "exportMeasure", "id"), col("chapter", str, "exportMeasure", "chapter"),
            col("section", str, "exportMeasure", "section"), col("item", str, "exportMeasure", "item"),
            *both("citation", "exportMeasure", "citation"), *both("title", "exportMeasure", "title"), *both("text", "exportMeasure", "text"),
            col("responsibility_raw", str, "exportMeasure", "responsibility", "raw"), col("lead_unit", str, "exportMeasure", "responsibility", "lead"),
            *both("url", "exportMeasure", "url")]
UNITS = [col("id", str, "exportUnit", "id"), *both("name", "exportUnit", "name"), *both("full_name", "exportUnit", "full_name"),
         col("kind", str, "exportUnit", "kind"), col("place", str, "exportUnit", "place"), *both("url", "exportUnit", "url")]
PLACES = [col("id", str, "exportPlace", "id"), col("kind", str, "exportPlace", "kind"), *both("name", "exportPlace", "name"),
          *both("full_name", "exportPlace", "full_name"), joined("names", "exportPlace", "names"), *both("url", "exportPlace", "url")]
TARGETS = [col("id", str, "exportTarget", "id"), col("source", str, "exportTarget", "source"), col("measure", str, "exportTarget", "measure"),
           *both("metric", "exportTarget", "metric"), col("comparator", str, "exportTarget", "comparator"), col("value", float, "exportTarget", "value"),
           col("unit", str, "exportTarget", "unit"), *both("unit_label", "exportTarget", "unit_label"), col("base_value", float, "exportTarget", "base_value"),
           *both("benchmark", "exportTarget", "benchmark"), col("aspirational", int, "exportTarget", "aspirational"),
           col("annual", int, "exportTarget", "annual"), *both("text", "exportTarget", "text"), *both("url", "exportTarget", "url")]
ASSIGNMENTS = [col(n, t, "assignment", n) for n, t in (("measure", str), ("unit", str), ("role", str), ("group", int), ("position", int), ("group_etc", int))]
MEASURE_PLACES = [col(n, t, "measurePlace", n) for n, t in (("measure", str), ("place", str), ("position", int))]
TARGET_SCOPE = [col(n, t, "targetScope", n) for n, t in (("target", str), ("place", str), ("position", int))]
RELEASES = [col("version", str, "release", "version"), col("date", str, "release", "date"), col("schema_version", str, "release", "schema_version"),
            *both("summary", "release", "summary")]
CORRECTIONS = [*(col(n, str, "exportCorrection", n) for n in ("id", "date", "kind", "target_type", "target", "field", "before", "after")),
               *both("reason", "exportCorrection", "reason"), col("source", str, "exportCorrection", "source"),
               *both("url", "exportCorrection", "url")]
CHANGES = [Column("release", str, _at(("release",)), ("release", "version")), col("record", str, "change", "record"),
           Column("record_id", str, _at(("id",)), ("change", "id")), col("change", str, "change", "change"), joined("fields", "change", "fields")]

# table: (columns, primary key, foreign keys, indexes, title, full-text columns)
TABLES: dict[str, tuple] = {
    "places": (PLACES, "id", [], [], "Places 地点", []),
    "units": (UNITS, "id", [("place", "places", "id")], [["place"], ["kind"]], "Responsible units 责任单位", []),
    "measures": (MEASURES, "id", [("lead_unit", "units", "id")], [["lead_unit"], ["chapter"]], "Measures 措施",
                 ["title_zh", "text_zh", "title_en", "text_en"]),
    "targets": (TARGETS, "id", [("measure", "measures", "id")], [["measure"]], "Quantitative targets 量化目标",
                ["metric_zh", "text_zh", "metric_en", "text_en"]),
    "assignments": (ASSIGNMENTS, ("measure", "unit"), [("measure", "measures", "id"), ("unit", "units", "id")], [["unit"], ["role"]],
                    "Responsibility assignments 责任分工", []),
    "measure_places": (MEASURE_PLACES, ("measure", "place"), [("measure", "measures", "id"), ("place", "places", "id")], [["place"]],
                       "Places each measure names 措施涉及的地点", []),
    "target_scope": (TARGET_SCOPE, ("target", "place"), [("target", "targets", "id"), ("place", "places", "id")], [["place"]],
                     "Where each target applies 目标适用范围", []),
    "corrections": (CORRECTIONS, "id", [], [["target_type", "target"], ["kind"]], "Corrections this edition makes or notes 勘误与修订",
                    ["before", "after"]),
    "releases": (RELEASES, "version", [], [], "Releases of the dataset 数据集版本", []),
    "changes": (CHANGES, ("release", "record", "record_id"), [("release", "releases", "version")], [["record", "record_id"]],
                "Changes in each release 各版本的变化", []),
}


def _rows(plan: Plan, doc: dict) -> dict[str, list[dict]]:
    """Each table's rows, from plan.json's records (so the database says what plan.json says)."""
    measures = doc["measures"]
    assignments = []
    for m in measures:
        seen = set()
        for gi, g in enumerate(m["responsibility"]["groups"], start=1):
            for pi, uid in enumerate(g["units"], start=1):
                if uid not in seen:
                    seen.add(uid)
                    assignments.append({"measure": m["id"], "unit": uid, "role": "lead" if uid == m["responsibility"]["lead"] else "co-responsible",
                                        "group": gi, "position": pi, "group_etc": g["etc"]})
    return {
        "places": doc["places"], "units": doc["units"], "measures": measures, "targets": doc["targets"], "assignments": assignments,
        "measure_places": [{"measure": m["id"], "place": p, "position": i} for m in measures for i, p in enumerate(m["places"], start=1)],
        "target_scope": [{"target": t["id"], "place": p, "position": i} for t in doc["targets"] for i, p in enumerate(t["scope"], start=1)],
        "corrections": doc["corrections"],
        "releases": doc["releases"],
        "changes": [{"release": r["version"], **c} for r in doc["releases"] for c in r["changes"]],
    }


def _schema_doc(schema: dict, doc: tuple[str, ...]) -> tuple[str, str]:
    """The (English, Chinese) description of a column: its schema property; a language column says which."""
    node = schema["$defs"][doc[0]]
    path = list(doc[1:])
    lang = path.pop() if path and path[-1] in ("zh", "en") else None
    for key in path:
        prop = node["properties"][key]
        node = {**schema["$defs"][prop["$ref"].split("/")[-1]], **prop} if "$ref" in prop and key != path[-1] else prop
    en, zh = node["description"], node["x-description-zh"]
    if lang:
        en += " (Chinese)" if lang == "zh" else " (English)"
        zh += "（中文）" if lang == "zh" else "（英文）"
    return en, zh


def _value(c: Column, rec: dict) -> Any:
    v = c.get(rec)
    if isinstance(v, bool):
        return int(v)
    return v


def build(plan: Plan, doc: dict) -> bytes:
    """The database file's bytes. `doc` is plan.json's content."""
    conn = sqlite3.connect(":memory:")
    db = sqlite_utils.Database(conn)
    rows = _rows(plan, doc)
    for name, (columns, pk, fks, indexes, _title, fts) in TABLES.items():
        db[name].create({c.name: c.type for c in columns}, pk=pk, foreign_keys=fks, not_null=[pk] if isinstance(pk, str) else list(pk))
        db[name].insert_all([{c.name: _value(c, r) for c in columns} for r in rows[name]])
        for cols in indexes:
            db[name].create_index(cols)
        if fts:
            db[name].enable_fts(fts, tokenize="trigram")
    conn.commit()
    conn.execute("VACUUM")
    data = conn.serialize()
    conn.close()
    return data


def metadata(plan: Plan, version: str | None) -> dict:
    """Datasette metadata for data/plan.sqlite: datasette plan.sqlite --metadata plan.metadata.json"""
    schema = load_schema()
    tables = {}
    for name, (columns, _pk, _fks, _idx, title, fts) in TABLES.items():
        docs = {c.name: "{} / {}".format(*_schema_doc(schema, c.doc)) for c in columns}
        table = {"title": title, "columns": docs}
        if fts:
            table.update({"fts_table": f"{name}_fts", "fts_pk": "id",
                          "description": "Full-text search (trigram): any text of three or more characters, in either language. "
                                         "全文检索(三元组):中英文均可,检索词至少三个字符;两字词请用 LIKE '%沈阳%'。"})
        tables[name] = table
    return {
        "title": f"{plan.title.en} / {plan.title.zh}",
        "description": f"The plan's measures, responsible units, places, quantitative targets and releases. Dataset version {version or 'unreleased'}. "
                       "The Chinese text is authoritative; the English is an unofficial translation.",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": f"{plan.notice.issuer.zh} {plan.notice.issuer.en}, {plan.notice.date}",
        "databases": {"plan": {"title": plan.title.en, "tables": tables}},
    }
