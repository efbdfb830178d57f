"""data/plan.sqlite: the same records as plan.json in tables with foreign keys and indexes, Chinese full-text
search, Datasette metadata from the schema, and the same bytes from one build to the next."""

import json
import sqlite3

import pytest

from lnplan import database
from lnplan.export import downloads, plan_json
from lnplan.loader import load_plan


@pytest.fixture(scope="module")
def db(plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "plan.sqlite"
    path.write_bytes(downloads(plan)["data/plan.sqlite"])
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def doc(plan):
    return json.loads(downloads(plan)["data/plan.json"])


def test_tables_hold_the_records_of_plan_json(db, doc):
    for table in ("measures", "units", "places", "targets"):
        assert [r["id"] for r in db.execute(f"select id from {table} order by rowid")] == [
            x["id"] for x in doc[table]
        ], table
    m = dict(db.execute("select * from measures where id = '2.1.1'").fetchone())
    rec = next(x for x in doc["measures"] if x["id"] == "2.1.1")
    assert (m["title_zh"], m["title_en"], m["text_zh"], m["text_en"]) == (
        rec["title"]["zh"],
        rec["title"]["en"],
        rec["text"]["zh"],
        rec["text"]["en"],
    )
    assert (m["lead_unit"], m["responsibility_raw"]) == (rec["responsibility"]["lead"], rec["responsibility"]["raw"])
    units = [
        r["unit"]
        for r in db.execute("select unit from assignments where measure = '2.1.1' order by \"group\", position")
    ]
    assert units == [rec["responsibility"]["lead"], *rec["responsibility"]["co_responsible"]]
    assert [
        r["place"] for r in db.execute("select place from measure_places where measure = '2.1.1' order by position")
    ] == rec["places"]
    assert [r["version"] for r in db.execute("select version from releases")] == [r["version"] for r in doc["releases"]]


def test_foreign_keys_and_indexes(db):
    assert db.execute("pragma foreign_key_check").fetchall() == []
    fks = {
        (t, r["from"], r["table"])
        for t in ("measures", "units", "targets", "assignments", "measure_places", "target_scope", "changes")
        for r in db.execute(f"pragma foreign_key_list({t})")
    }
    assert {
        ("measures", "lead_unit", "units"),
        ("units", "place", "places"),
        ("targets", "measure", "measures"),
        ("assignments", "measure", "measures"),
        ("assignments", "unit", "units"),
        ("measure_places", "place", "places"),
        ("changes", "release", "releases"),
    } <= fks
    indexed = {
        (r["tbl_name"], r["sql"])
        for r in db.execute("select tbl_name, sql from sqlite_master where type = 'index' and sql is not null")
    }
    for table, column in (
        ("measures", "lead_unit"),
        ("assignments", "unit"),
        ("targets", "measure"),
        ("measure_places", "place"),
    ):
        assert any(t == table and f'("{column}")' in sql for t, sql in indexed), (table, column)


@pytest.mark.parametrize("query", ["营口港", "沈阳市", "集结中心", "logistics"])
def test_full_text_search_finds_every_measure_containing_the_words(db, doc, query):
    found = {
        r["id"]
        for r in db.execute(
            "select id from measures where rowid in (select rowid from measures_fts where measures_fts match ?)",
            [f'"{query}"'],
        )
    }
    expected = {
        m["id"]
        for m in doc["measures"]
        if any(query.lower() in m[f][lang].lower() for f in ("title", "text") for lang in ("zh", "en"))
    }
    assert found == expected and expected


def test_datasette_metadata_describes_every_column_from_the_schema(plan, db):
    meta = json.loads(downloads(plan)["data/plan.metadata.json"])
    assert meta["license"] == "CC BY 4.0" and meta["source"] and plan.releases[-1].version in meta["description"]
    tables = meta["databases"]["plan"]["tables"]
    real = {
        r["name"] for r in db.execute("select name from sqlite_master where type = 'table' and name not like '%_fts%'")
    }
    assert set(tables) == real
    for name, table in tables.items():
        columns = [r["name"] for r in db.execute(f"pragma table_info({name})")]
        assert list(table["columns"]) == columns, name
        for column, text in table["columns"].items():
            en, zh = text.split(" / ")
            assert en and zh and en != zh, (name, column)
    assert (
        tables["measures"]["columns"]["title_zh"].startswith("Title")
        and "（中文）" in tables["measures"]["columns"]["title_zh"]
    )
    assert tables["measures"]["fts_table"] == "measures_fts"


def test_same_bytes_from_a_fresh_load(plan):
    assert database.build(load_plan(), plan_json(plan)) == downloads(plan)["data/plan.sqlite"]


def test_corrections_table_holds_every_correction(plan, db):
    rows = db.execute("select id, target, field, after, reason_zh from corrections order by id").fetchall()
    assert [tuple(r) for r in rows] == [(c.id, c.target, c.field, c.after, c.reason.zh) for c in plan.corrections]
    hits = db.execute(
        "select count(*) from corrections_fts where corrections_fts match 'comprehensive hub'"
    ).fetchone()[0]
    assert (
        hits == sum("comprehensive hub" in c.before + c.after for c in plan.corrections) > 0
    )  # trigram full-text search
