"""Every place the text names, including short forms (沈本) and counties (桓仁): the registry
plan/place_names.yaml, the validator's check of each measure against it, and the reasons shown on
city pages and carried by the downloads."""

import csv
import io
import json
import re

import pytest

from conftest import ROOT
from lnplan import yamlio
from lnplan.export import downloads
from lnplan.loader import load_plan
from lnplan.reading.places import form_occurs, nfkc
from lnplan.reading.problems import PlanError
from lnplan.render import pages, places  # noqa: F401
from lnplan.site import render_page
from test_validate import assert_clean_failure, validate

SOURCE = nfkc((ROOT / "source" / "plan.zh.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry():
    data, _ = yamlio.load((ROOT / "plan" / "place_names.yaml").read_text(encoding="utf-8"))
    return data


def reasons(plan, measure_id):
    return {(r.place, r.reason, r.form) for r in plan.measures[measure_id].place_reasons}


def test_short_forms_in_2_3_1_and_3_2_1_imply_their_cities(plan):
    assert {"shenyang", "dalian"} <= set(plan.measures["2.3.1"].places)
    assert {("shenyang", "short-form", "沈大"), ("dalian", "short-form", "沈大")} <= reasons(plan, "2.3.1")
    m = plan.measures["3.2.1"]
    assert {"liaoyang", "benxi", "fushun"} <= set(m.places)
    assert {
        ("liaoyang", "short-form", "沈辽鞍"),
        ("benxi", "short-form", "沈本"),
        ("benxi", "within", "桓仁"),
        ("fushun", "short-form", "沈抚"),
        ("anshan", "within", "台安"),
        ("shenyang", "named", "沈阳"),
    } <= reasons(plan, "3.2.1")
    # the bracketed forms of 4.1.1.1 (丹(东), 朝(阳), 锦(州)) imply their cities
    assert {("dandong", "short-form", "丹（东）"), ("chaoyang", "short-form", "朝（阳）")} <= reasons(plan, "4.1.1.1")


def test_every_registered_form_occurs_in_the_source_text(registry):
    for e in registry["names"]:
        assert form_occurs(SOURCE, e["form"], tuple(e.get("except_in", ()))), (
            f"{e['form']} does not occur in the text: a dead entry"
        )
        for word in e.get("except_in", ()):
            assert nfkc(word) in SOURCE, f"exception {word} of {e['form']} does not occur in the text"
    for e in registry["not_places"]:
        assert nfkc(e["form"]) in SOURCE, f"{e['form']} (not_places) does not occur in the text"
        if "only_in" in e:  # every occurrence stands inside the longer word: 辽中 only in 辽中南
            assert SOURCE.count(e["form"]) == SOURCE.count(e["only_in"]), e["form"]


def test_every_registered_form_is_found_in_some_measure_and_has_a_source_or_says_why_not(plan, registry):
    found = {r.form for m in plan.measures.values() for r in m.place_reasons}
    assert set(plan.place_names) <= found
    for e in registry["names"]:
        assert ("source" in e) != ("unsourced" in e), e["form"]
    # county-level divisions cite the Ministry of Civil Affairs list with their code
    county_kinds = {"county", "autonomous-county", "county-level-city", "district"}
    for e in registry["names"]:
        if e["kind"] in county_kinds:
            assert e["source"]["ref"] == "mca-2020" and re.search(r"\b21\d{4}\b", e["source"]["detail"]["en"]), e[
                "form"
            ]


def test_the_zone_is_not_the_pair_of_cities():
    # 沈抚 in 沈抚示范区 names the demonstration zone; elsewhere it is Shenyang and Fushun
    zone_only = "发挥沈抚示范区纽带作用"
    assert not form_occurs(zone_only, "沈抚", ("沈抚示范区",))
    assert form_occurs("推进沈抚同城化发展", "沈抚", ("沈抚示范区",))
    assert form_occurs(zone_only + ",推进沈抚同城化", "沈抚", ("沈抚示范区",))
    # full-width and ASCII brackets are the same form
    assert form_occurs("长(春)白(山)通(化)丹(东)", "丹（东）") and form_occurs("丹（东）", "丹(东)")


def test_a_measure_that_names_only_the_zone_need_not_list_fushun(plan_copy):
    def add(text):
        def change(d):
            item = d["sections"][0]["items"][1]  # 2.1.2, which lists no place
            item["text"]["zh"] += text

        return change

    plan_copy.edit("chapters/2.yaml", add("支持沈抚示范区发展。"))
    with pytest.raises(PlanError) as err:
        load_plan(plan_copy.dir)
    messages = [p.message for p in err.value.problems]
    assert messages == ["the text names '沈抚示范区' but places does not list 'shenfu'; add it"]
    plan_copy.edit("chapters/2.yaml", add("推进沈抚同城化。"))
    with pytest.raises(PlanError) as err:
        load_plan(plan_copy.dir)
    messages = [p.message for p in err.value.problems]
    assert (
        "the text names '沈抚' (short form of 沈阳、抚顺, in plan/place_names.yaml) "
        "but places does not list 'fushun'; add it" in messages
    )
    assert not any("'benxi'" in m for m in messages)


def test_validator_reports_a_missing_implied_city_with_file_and_line(plan_copy):
    def drop(d):
        item = d["sections"][1]["items"][0]  # 3.2.1
        item["places"].remove("benxi")

    plan_copy.edit("chapters/3.yaml", drop)
    text = plan_copy.read("chapters/3.yaml")
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    line = re.search(r"plan/chapters/3\.yaml:(\d+):\d+: sections\[1\]\.items\[0\]\.places: (.*)$", r.stderr, re.M)
    assert line, r.stderr
    assert (
        line.group(2) == "the text names '沈本' (short form of 沈阳、本溪, in plan/place_names.yaml) "
        "but places does not list 'benxi'; add it"
    )
    lines = text.splitlines()  # the position is that of the list the city is missing from
    assert lines[int(line.group(1)) - 2].strip() == "places:" and lines[int(line.group(1)) - 1].strip() == "- shenyang"


def test_validator_names_the_county_and_its_city(plan_copy):
    plan_copy.edit("chapters/6.yaml", lambda d: d["sections"][0]["items"][2]["places"].remove("benxi"))  # 6.1.3
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert (
        "sections[0].items[2].places: the text names '桓仁' "
        "(桓仁满族自治县, autonomous county in benxi, in plan/place_names.yaml) "
        "but places does not list 'benxi'; add it"
    ) in r.stderr


def test_a_place_the_text_does_not_name_is_an_error(plan_copy):
    plan_copy.edit("chapters/2.yaml", lambda d: d["sections"][0]["items"][1]["places"].append("dalian"))  # 2.1.2
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "sections[0].items[1].places[0]: places lists 'dalian' but the text names it neither" in r.stderr


def test_registry_errors_are_reported(plan_copy):
    def change(d):
        d["names"][0]["implies"].append("dalain")
        d["names"][1]["except_in"] = ["示范区"]
        d["names"][2]["source"]["ref"] = "nowhere"
        d["names"][3]["unsourced"] = {"zh": "无", "en": "none"}

    plan_copy.edit("place_names.yaml", change)
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert (
        "names[0].implies[2]: unknown place 'dalain'; expected an id from plan/places.yaml; did you mean 'dalian'?"
        in r.stderr
    )
    assert "names[1].except_in[0]: '示范区' does not contain the form '沈抚'" in r.stderr
    assert "names[2].source.ref: unknown source 'nowhere'" in r.stderr
    assert "names[3]: give either 'source'" in r.stderr


def card_reasons(markdown: str) -> dict[str, str]:
    cards = re.findall(
        r'<p class="lp-card__title"><a [^>]*><span class="lp-id">([^<]+)</span>[^<]*</a></p>'
        r'<p class="lp-card__reason">([^<]*)</p>',
        markdown,
    )
    return dict(cards)


def test_city_page_lists_every_implied_task_with_its_reason(plan):
    zh = card_reasons(render_page(plan, "zh", "place", "benxi", "places/benxi/").markdown)
    en = card_reasons(render_page(plan, "en", "place", "benxi", "places/benxi/").markdown)
    assert zh["3.2.1"] == "文本以简称“沈本”（沈阳、本溪）提及本市；文本提及“桓仁”（桓仁满族自治县，属本市）"
    assert en["3.2.1"] == (
        "The text names Benxi by the short form 沈本 (Shenyang and Benxi). "
        "The text names 桓仁 (Huanren Manchu Autonomous County, in Benxi)."
    )
    assert en["6.1.3"] == "The text names 桓仁 (Huanren Manchu Autonomous County, in Benxi)."  # listed no place before
    assert zh["3.1.2"] == "文本直接提及“本溪”" and en["3.1.2"] == "The text names Benxi (本溪)."
    # every measure listing Benxi is on the page, and the places index counts the same measures
    buckets = dict(places.place_buckets(plan, "benxi"))
    assert set(zh) == {m.id for k in ("relevant", "region", "named") for m in buckets[k]}
    assert {m.id for m in plan.measures_naming("benxi")} <= {m.id for ms in buckets.values() for m in ms}
    index = render_page(plan, "en", "places", "", "places/").markdown
    assert re.search(
        r'>Benxi</a></td><td>[^<]*</td><td class="lp-num">\d+</td>'
        rf'<td class="lp-num">{len(plan.measures_naming("benxi"))}</td>',
        index,
    )
    liaoyang = card_reasons(render_page(plan, "en", "place", "liaoyang", "places/liaoyang/").markdown)
    assert liaoyang["3.2.1"] == "The text names Liaoyang by the short form 沈辽鞍 (Shenyang, Liaoyang and Anshan)."


def test_measure_page_shows_the_form_that_implies_a_place(plan):
    out = render_page(plan, "zh", "measure", "3.2.1", "measures/3.2.1/").markdown
    assert (
        '<a href="../../places/benxi/" class="lp-place">本溪</a><small>（<span lang="zh">沈本、桓仁</span>）</small>'
        in out
    )
    assert '<a href="../../places/shenyang/" class="lp-place">沈阳</a></li>' in out  # named outright: no note


def test_plan_json_and_csv_carry_the_reasons(plan):
    files = downloads(plan)
    doc = json.loads(files["data/plan.json"])
    m = next(x for x in doc["measures"] if x["id"] == "3.2.1")
    assert {"place": "benxi", "reason": "short-form", "form": "沈本"} in m["place_reasons"]
    assert {"place": "benxi", "reason": "within", "form": "桓仁"} in m["place_reasons"]
    assert {r["place"] for r in m["place_reasons"]} == set(m["places"])
    assert any(e["form"] == "桓仁" and e["implies"] == ["benxi"] for e in doc["place_names"]["names"])
    rows = list(csv.DictReader(io.StringIO(files["data/measure_places.csv"].decode("utf-8-sig"))))
    assert {
        "measure": "3.2.1",
        "place": "benxi",
        "reason": "within",
        "form": "桓仁",
        "form_kind": "autonomous-county",
    } in rows
    assert {"measure": "3.2.1", "place": "shenyang", "reason": "named", "form": "沈阳", "form_kind": ""} in rows
    pkg = json.loads(files["data/datapackage.json"])
    res = next(r for r in pkg["resources"] if r["name"] == "measure_places")
    assert [f["name"] for f in res["schema"]["fields"]] == list(rows[0]) and all(
        f["description"] for f in res["schema"]["fields"]
    )


def test_data_dictionary_documents_the_reasons(plan):
    out = render_page(plan, "en", "data", "", "data/").markdown
    assert "<code>place_reasons</code>" in out and "def-placeName" in out and "named, short-form or within." in out


def test_a_city_page_lists_relevant_city_tasks_of_its_regions_chapters(plan):
    """相关市政府 in a region's chapter concerns every member city, even where the text does not name it."""
    from lnplan.render.places import place_buckets
    from lnplan.site import render_page

    relevant = {u.id for u in plan.units.values() if u.kind == "collective" and u.id != "all-city-governments"}
    for place_id in ("jinzhou", "fushun", "dandong"):
        listed = {m.id for _, ms in place_buckets(plan, place_id) for m in ms}
        for region, ms in plan.regions_of(place_id):
            for m in plan.measures.values():
                if plan.chapter_of(m.id).region == region.id and relevant & set(m.responsibility.units):
                    assert m.id in listed, (place_id, region.id, m.id)
    region_tasks = dict(place_buckets(plan, "jinzhou"))["region"]
    assert region_tasks and all(m.id.split(".")[0] in ("4", "5") for m in region_tasks)
    page = render_page(plan, "en", "place", "jinzhou", "places/jinzhou/").markdown
    unsourced = [region for region, ms in plan.regions_of("jinzhou") if not ms.sources]
    for region in unsourced:  # a membership without a source says so on every card it puts there
        assert (
            f"This edition counts Jinzhou as part of the {region.name.en}, but found no document that says so." in page
        )
