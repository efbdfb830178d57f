"""The static API: one document per measure, unit, place and target at a URL derived from its id, listed in an
index, each the same record as plan.json."""

import hashlib
import json
from urllib.parse import urljoin

import pytest

from lnplan.export import api_path, downloads


SITE = "https://example.org/plan/"


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan)


@pytest.mark.parametrize("kind", ["measures", "units", "places", "targets"])
def test_every_record_has_its_document_and_it_agrees_with_plan_json(files, kind):
    doc = json.loads(files["data/plan.json"])
    index = json.loads(files["data/api/index.json"])
    assert [e["id"] for e in index[kind]] == [r["id"] for r in doc[kind]] and doc[kind]
    for rec, entry in zip(doc[kind], index[kind]):
        path = f"data/api/{kind}/{rec['id']}.json"  # the URL a developer derives from the id
        assert path == api_path(kind, rec["id"])
        # as fetch() and urljoin() resolve it: against the index's own address
        assert urljoin(SITE + "data/api/index.json", entry["url"]) == SITE + path
        assert json.loads(files[path]) == rec
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest()
    assert len([p for p in files if p.startswith(f"data/api/{kind}/")]) == len(doc[kind])  # no stray documents


def test_index_carries_the_version(files, plan):
    index = json.loads(files["data/api/index.json"])
    assert (index["version"], index["release_date"]) == (plan.releases[-1].version, plan.releases[-1].date)
    plan_path = urljoin(SITE + "data/api/index.json", index["plan"]).removeprefix(SITE)
    assert json.loads(files[plan_path])["version"] == index["version"]


def test_index_validates_against_the_schema(files):
    import jsonschema

    schema = json.loads(files["data/plan.schema.json"])
    validator = jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/apiIndex"}
    )
    validator.validate(json.loads(files["data/api/index.json"]))
    measure = jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/exportMeasure"}
    )
    measure.validate(json.loads(files[api_path("measures", "2.1.1")]))


def test_every_units_task_file_validates_against_the_schema(files, plan):
    import jsonschema

    schema = json.loads(files["data/plan.schema.json"])
    validator = jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/unitTasks"}
    )
    for unit in plan.units:
        doc = json.loads(files[f"data/units/{unit}.json"])
        validator.validate(doc)
        assert [t["id"] for t in doc["lead"]] == [m.id for m in plan.lead_measures(unit)]
    broken = json.loads(files["data/units/commerce.json"])
    broken["lead"][0]["extra"] = 1
    assert not validator.is_valid(broken)
