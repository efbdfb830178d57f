"""plan.sqlite with plan.metadata.json in Datasette itself (its Python API, in process, as
`datasette plan.sqlite --metadata plan.metadata.json` serves them): search in both languages through ?_search= and the
search box, foreign keys labelled with names, the default facets, and published punctuation in the Chinese text."""

import asyncio
import json
import re

import pytest
from datasette.app import Datasette

from lnplan.export import downloads


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan)


@pytest.fixture(scope="module")
def get(files, tmp_path_factory):
    path = tmp_path_factory.mktemp("datasette") / "plan.sqlite"
    path.write_bytes(files["data/plan.sqlite"])
    ds = Datasette([str(path)], metadata=json.loads(files["data/plan.metadata.json"]))
    loop = asyncio.new_event_loop()

    def fetch(url: str):
        response = loop.run_until_complete(ds.client.get(url))
        assert response.status_code == 200, (url, response.text[:500])
        return response.json() if ".json" in url else response.text

    yield fetch
    loop.close()


def containing(records, words: str, fields) -> set[str]:
    return {
        r["id"]
        for r in records
        if any(words.lower() in (r.get(f) or {}).get(lang, "").lower() for f in fields for lang in ("zh", "en"))
    }


@pytest.mark.parametrize(
    "table,words,fields",
    [
        ("measures", "营口港", ("title", "text")),
        ("measures", "logistics", ("title", "text")),
        ("targets", "地区生产总值", ("metric", "text")),
        ("targets", "GDP", ("metric", "text")),
    ],
)
def test_search_finds_what_the_records_contain(get, files, table, words, fields):
    doc = json.loads(files["data/plan.json"])
    found = {r["id"] for r in get(f"/plan/{table}.json?_search={words}&_shape=array&_col=id&_size=max")}
    assert found == containing(doc[table], words, fields) and found


def test_search_of_corrections_and_the_search_box(get, files):
    doc = json.loads(files["data/plan.json"])
    c = next(c for c in doc["corrections"] if len(c["after"]) >= 3 and '"' not in c["after"])
    words = c["after"][:6]
    found = {r["id"] for r in get(f"/plan/corrections.json?_search={words}&_shape=array&_col=id&_size=max")}
    assert c["id"] in found
    page = get("/plan/measures?_search=营口港")
    assert "1 row" in page and "营口港" in page


def test_foreign_keys_show_names_and_tables_have_facets(get, plan):
    rows = get("/plan/measures.json?_labels=on&_shape=array&_size=max")
    m = next(r for r in rows if r["id"] == "2.1.1")
    lead = plan.measures["2.1.1"].responsibility.lead
    name = plan.units[lead].name
    assert m["lead_unit"] == {"value": lead, "label": f"{name.zh} / {name.en}"}  # both languages
    unit = get(f"/plan/units.json?id={lead}&_labels=on&_shape=array")[0]
    place = plan.places[unit["place"]["value"]].name
    assert unit["place"]["label"] == f"{place.zh} / {place.en}"
    target = next(t for t in get("/plan/targets.json?_labels=on&_shape=array&_size=max") if t["measure"])
    m = plan.measures[target["measure"]["value"]]
    assert target["measure"]["label"] == f"{m.title.zh} / {m.title.en}"
    for table, facets in (
        ("measures", {"chapter", "lead_unit"}),
        ("units", {"kind"}),
        ("targets", {"comparator", "unit", "aspirational"}),
        ("assignments", {"role", "unit"}),
        ("corrections", {"kind", "target_type"}),
    ):
        result = get(f"/plan/{table}.json?_size=0")["facet_results"]
        assert set(result.get("results", result)) == facets, table
    page = get("/plan/assignments?unit=commerce")
    assert plan.units["commerce"].name.zh in page and plan.units["commerce"].name.en in page  # the rows name the unit


def test_chinese_descriptions_use_published_punctuation(files):
    meta = json.loads(files["data/plan.metadata.json"])
    for table in meta["databases"]["plan"]["tables"].values():
        texts = [table.get("description", "")] + [t.split(" / ", 1)[1] for t in table["columns"].values()]
        for text in texts:
            zh = text.split("全文检索", 1)[-1] if "全文检索" in text else text
            assert not re.search(r"[\u4e00-\u9fff][(),:;]|[(),:;][\u4e00-\u9fff]", zh), text
