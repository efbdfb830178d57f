"""data/plan.sqlite: the dataset as an SQLite database, built with sqlite-utils, ready for Datasette
(data/plan.metadata.json: titles, licence, source and every column's description, taken from the schema).

Tables with foreign keys and indexes: places, units, measures, targets, assignments, measure_places,
target_scope, corrections, releases, changes. Bilingual fields are two columns
(title_zh, title_en). Full-text search works for Chinese: measures_fts and targets_fts use SQLite's trigram
tokenizer, so any substring of three or more characters matches (沈阳市, 营口港, port). The file is built in
memory and serialized, so the same plan always gives the same bytes."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from .columns import SQLITE_TYPE, Column, describe, sqlite_tables
from .model import Plan
from .schema import load_schema


def _value(c: Column, rec: dict) -> Any:
    v = c.get(rec)
    if isinstance(v, bool):
        return int(v)
    return v


def build(plan: Plan, doc: dict) -> bytes:
    """The database file's bytes. `doc` is plan.json's content."""
    conn = sqlite3.connect(":memory:")
    db = sqlite_utils.Database(conn)
    for table in sqlite_tables():
        columns = table.sqlite_columns
        pk = table.pk[0] if len(table.pk) == 1 else table.pk
        db[table.name].create(
            {c.sqlite_name: SQLITE_TYPE[c.type] for c in columns},
            pk=pk,
            foreign_keys=list(table.fks),
            not_null=list(table.pk),
        )
        db[table.name].insert_all([{c.sqlite_name: _value(c, r) for c in columns} for r in table.rows(plan, doc)])
        for cols in table.indexes:
            db[table.name].create_index(list(cols))
        if table.fts:
            db[table.name].enable_fts(list(table.fts), tokenize="trigram")
    conn.commit()
    conn.execute("VACUUM")
    data = conn.serialize()
    conn.close()
    return data


def metadata(plan: Plan, version: str | None) -> dict:
    """Datasette metadata for data/plan.sqlite: datasette plan.sqlite --metadata plan.metadata.json"""
    schema = load_schema()
    tables = {}
    for t in sqlite_tables():
        docs = {c.sqlite_name: "{} / {}".format(*describe(c, schema)) for c in t.sqlite_columns}
        table = {"title": t.db_title, "columns": docs}
        if t.label:
            table["label_column"] = t.label
        if t.facets:
            table["facets"] = list(t.facets)
        if t.fts:
            # The FTS tables sqlite-utils makes are keyed by the table's rowid, Datasette's default fts_pk: naming the
            # text id instead made every search compare ids with rowids and return nothing.
            table.update(
                {
                    "fts_table": f"{t.name}_fts",
                    "description": "Full-text search (trigram): any text of three or more characters, in either "
                    "language. "
                    "全文检索（三元组）：中英文均可，检索词至少三个字符；两字词请用 LIKE（如 LIKE '%港口%'）。",
                }
            )
        tables[t.name] = table
    return {
        "title": f"{plan.title.en} / {plan.title.zh}",
        "description": "The plan's measures, responsible units, places, quantitative targets and releases. Dataset "
        f"version {version or 'unreleased'}. "
        "The Chinese text is authoritative; the English is an unofficial translation.",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": f"{plan.notice.issuer.zh} {plan.notice.issuer.en}, {plan.notice.date}",
        "databases": {"plan": {"title": plan.title.en, "tables": tables}},
    }
