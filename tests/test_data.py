"""The plan as data: counts, structure and responsibility exactly as written."""

import pytest
import re

from lnplan.fidelity import SOURCE, normalize


def test_whole_document_is_there(plan):
    assert [c.number for c in plan.chapters] == list("一二三四五六七八")
    assert plan.notice.date == "2022-01-31"
    assert plan.notice.publication.zh == "（此件公开发布）"
    assert plan.title.zh == "辽宁省推进“一圈一带两区”区域协调发展三年行动方案"
    assert [len(c.sections) for c in plan.chapters] == [4, 3, 7, 5, 5, 4, 9, 4]
    bullets = [p for c in plan.chapters for s in c.sections for p in s.paragraphs if p.bullet]
    assert len(bullets) == 12  # 基本原则 4, 战略定位 4, 发展目标 4


def test_one_measure_per_responsibility_clause(plan):
    clauses = re.findall(r"\(责任单位:(.*?)\)", SOURCE.read_text(encoding="utf-8"))  # the source copy's ASCII form
    assert len(plan.measures) == len(clauses) == 78
    assert [normalize(m.responsibility.raw) for m in plan.measures.values()] == clauses
    assert (
        plan.measures["2.1.1"].responsibility.raw == "沈阳市政府，省发展改革委、省商务厅、省交通运输厅等"
    )  # as published


def test_measure_ids_follow_the_document(plan):
    ids = list(plan.measures)
    assert ids[:3] == ["2.1.1", "2.1.2", "2.1.3"]
    assert "4.1.1.2" in ids and "4.1.2.3" in ids  # paragraphs with their own clauses
    assert "7.4" in ids and "5.3" in ids  # sections whose own paragraph carries the clause
    assert plan.measures["4.1.2.3"].own_title.zh == "推进太平湾合作创新区建设"
    assert plan.measures["4.1.1.1"].own_title is None and plan.measures["4.1.1.1"].title.zh == "畅通海陆大通道"
    assert plan.measures["4.1.1.2"].citation.zh == "第四部分（一）第1项第2段"
    assert plan.measures["2.2.4"].citation.zh == "第二部分（二）第4项"


def test_lead_and_co_responsible_units(plan):
    r = plan.measures["2.1.1"].responsibility
    assert r.lead == "shenyang-government"
    assert r.co_responsible == ("development-and-reform-commission", "commerce", "transport")
    assert [g.etc for g in r.groups] == [False, True]


def test_compound_city_forms_are_resolved(plan):
    # 沈阳、大连市政府 is two city governments
    assert plan.measures["2.3.2"].responsibility.groups[1].units == ("shenyang-government", "dalian-government")
    # 沈阳、大连等相关市政府 is those two plus the collective "relevant city governments"
    g = plan.measures["2.3.1"].responsibility.groups[1]
    assert g.units == ("shenyang-government", "dalian-government", "relevant-city-governments")
    # 相关市、县政府 is one collective unit
    assert plan.measures["6.1.1"].responsibility.groups[1].units == ("relevant-city-and-county-governments",)


def test_every_unit_in_a_clause_is_registered_and_used(plan):
    used = {u for m in plan.measures.values() for u in m.responsibility.units}
    assert used == set(plan.units)
    kinds = {u.kind for u in plan.units.values()}
    assert {
        "provincial-department",
        "city-government",
        "collective",
        "demonstration-zone",
        "state-owned-enterprise",
    } <= kinds
    assert plan.units["development-and-reform-commission"].full_name.zh == "辽宁省发展和改革委员会"


def test_places_registry(plan):
    cities = [p for p in plan.places.values() if p.kind == "city"]
    assert len(cities) == 14
    assert {
        "shenfu",
        "shenyang-metropolitan-area",
        "coastal-economic-belt",
        "western-liaoning-pilot-zone",
        "eastern-liaoning-green-economic-zone",
        "two-cores",
    } <= set(plan.places)
    assert plan.places["huludao"].name.en == "Huludao"
    assert plan.measures["3.1.2"].places[:6] == ("shenyang", "anshan", "benxi", "fuxin", "liaoyang", "tieling")


def test_targets(plan):
    # 54 quantitative targets: 17 development goals in chapter 一 and 37 in measures, counted by hand
    assert len(plan.targets) == 54
    assert sum(1 for t in plan.targets.values() if t.measure is None) == 17
    t = plan.targets["2.2.1-t1"]
    assert (t.comparator, t.value, t.unit, t.aspirational) == ("at-least", 4, "hundred-million-tonnes", False)
    gdp = plan.targets["1.4.1-t2"]
    assert (gdp.scope, gdp.value, gdp.unit, gdp.aspirational) == (("shenyang",), 1, "trillion-yuan", True)
    assert plan.targets["3.5.2-t1"].annual and plan.targets["3.7.1-t1"].comparator == "about"
    assert plan.targets["1.4.2-t2"].value is None and plan.targets["1.4.2-t2"].benchmark.zh == "全国平均水平"
    for t in plan.targets.values():
        src = plan.measures[t.source].text.zh if t.measure else plan.paragraph(t.source).text.zh
        title = plan.measures[t.source].title.zh if t.measure else ""
        assert t.text.zh in title + src


def test_a_loaded_plan_cannot_change(plan):
    """Pages and downloads are cached by the plan they come from: a plan that could change would serve stale output."""
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.measures = {}
    with pytest.raises(TypeError):
        plan.units["commerce"] = plan.units["transport"]
    changed = dataclasses.replace(plan, units={**plan.units, "commerce": plan.units["transport"]})
    assert changed is not plan and plan.units["commerce"].id == "commerce"
