"""The search's entity list and page filters, generated from the plan (no browser; see test_search.py for that)."""

import json

import pytest

from lnplan import searchentities
from lnplan.render.searchfilters import page_filters
from lnplan.loader import load_plan
from lnplan.searchentities import en_short_forms, entities, entities_json, zh_short_forms
from lnplan.urls import page

PREFIXES = load_plan().edition.name_prefixes

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@pytest.mark.parametrize(
    "name,full,expected",
    [
        ("省发展改革委", "辽宁省发展和改革委员会", {"发改委", "发展改革委", "发展和改革委员会"}),
        ("省商务厅", "辽宁省商务厅", {"商务厅"}),
        ("省工业和信息化厅", "辽宁省工业和信息化厅", {"工信厅", "工业和信息化厅"}),
        ("省人力资源社会保障厅", "辽宁省人力资源和社会保障厅", {"人社厅"}),
        ("省住房城乡建设厅", "辽宁省住房和城乡建设厅", {"住建厅"}),
        ("省卫生健康委", "辽宁省卫生健康委员会", {"卫健委"}),
        ("省交通运输厅", "辽宁省交通运输厅", {"交通厅", "交通运输厅"}),
    ],
)
def test_chinese_short_forms_people_write(name, full, expected):
    assert expected <= zh_short_forms(name, full, PREFIXES)


@pytest.mark.parametrize(
    "name,full,expected",
    [
        (
            "Provincial Development and Reform Commission",
            "Liaoning Provincial Development and Reform Commission",
            {"DRC", "Development and Reform Commission"},
        ),
        (
            "Provincial State-owned Assets Supervision and Administration Commission",
            "State-owned Assets Supervision and Administration Commission of the Liaoning Provincial Government",
            {"SASAC"},
        ),
        (
            "Provincial Department of Commerce",
            "Liaoning Provincial Department of Commerce",
            {"Department of Commerce", "Commerce"},
        ),
    ],
)
def test_english_short_forms_people_write(name, full, expected):
    assert expected <= en_short_forms(name, full, PREFIXES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_unit_place_measure_and_term_is_an_entity_with_its_own_page(plan, lang):
    found = {(e[0], e[1]) for e in entities(plan, lang)}
    assert {("unit", page("unit", u)) for u in plan.units} <= found
    assert {("place", page("place", p)) for p in plan.places} <= found
    assert {("measure", page("measure", m)) for m in plan.measures} <= found
    assert {("term", "glossary/#g-" + g.id) for g in plan.glossary} <= found
    labels = {e[1]: e[2] for e in entities(plan, lang)}
    assert labels["units/commerce/"] == plan.units["commerce"].name[lang]
    assert labels["measures/4.1.2.3/"].startswith("4.1.2.3 " + plan.measures["4.1.2.3"].title[lang])


def test_a_short_form_two_units_share_finds_neither(plan):
    names = {e[1]: e[3] for e in entities(plan, "en") if e[0] == "unit"}
    # "FMG" would be both Fushun and Fuxin Municipal Government; derived forms never name two units
    counts = {}
    for forms in names.values():
        for f in forms:
            counts[f] = counts.get(f, 0) + 1
    own = {n for u in plan.units.values() for n in (*u.name.__dict__.values(), *u.full_name.__dict__.values())}
    assert [f for f, n in counts.items() if n > 1 and f not in own] == []
    assert "商务厅" in names["units/commerce/"] and "发改委" in names["units/development-and-reform-commission/"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_entity_file_is_json_with_the_scripts_strings_and_no_invisible_characters(plan, lang):
    data = json.loads(entities_json(plan, lang))
    assert set(data["strings"]) == set(searchentities.SCRIPT_STRINGS)
    assert "{n}" in data["strings"]["search_results"]
    text = json.dumps(data, ensure_ascii=False)
    assert not [c for c in INVISIBLE if c in text]


def test_a_measure_page_is_filterable_by_its_units_chapter_and_places(plan):
    m = plan.measures["4.1.1.1"]
    f = page_filters(plan, "measure", m.id)
    assert f == {
        "kind": ["measure"],
        "chapter": ["4"],
        "lead": [m.responsibility.lead],
        "co": list(m.responsibility.co_responsible),
        "place": list(m.places),
    }
    assert page_filters(plan, "about", "") == {"kind": ["about"]}  # a page of any kind can be filtered by kind


def test_every_part_left_out_of_the_index_is_on_the_built_site(built_site):
    """Each selector of lnplan.fulltext.FURNITURE names something the renderers still write: a renamed class would
    otherwise bring that furniture back into search results without a word."""
    import sys
    from html.parser import HTMLParser

    from conftest import ROOT
    from lnplan.fulltext import FURNITURE

    sys.path.insert(0, str(ROOT / "bench"))
    from search_bench import _selector

    tests = {sel: _selector(sel) for sel in FURNITURE}
    seen: set[str] = set()

    class Find(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            seen.update(sel for sel, match in tests.items() if match(tag, a))

    for f in built_site.rglob("index.html"):
        Find().feed(f.read_text(encoding="utf-8"))
    assert sorted(set(FURNITURE) - seen) == []
