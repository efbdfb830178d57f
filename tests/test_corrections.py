"""Corrections as data: plan/corrections.yaml is checked against the plan, published in plan.json, corrections.csv
and the data package, and shown on a corrections page in each language, linked from About and from what they correct."""

import csv
import io
import json

import pytest

from conftest import validate
from lnplan.export import downloads
from lnplan.site import render_page
from lnplan.urls import page_specs


def edit_correction(plan_copy, n, **fields):
    plan_copy.edit("corrections.yaml", lambda d: d["corrections"][n].update(fields))


def line_of(plan_copy, rel, needle, nth=1):
    hits = [i for i, line in enumerate(plan_copy.read(rel).splitlines(), 1) if needle in line]
    return hits[nth - 1]


def test_the_source_anomaly_is_recorded_where_it_occurs(plan):
    records = [c for c in plan.corrections if c.kind == "source" and (c.before, c.after) == ("显着", "显著")]
    texts = {"1.4": plan.chapters[0].sections[3].paragraphs[0].text.zh}
    texts.update({p.id: p.text.zh for p in plan.chapters[0].sections[3].paragraphs if p.id})
    assert sum(texts[c.target].count("显著") for c in records) == 7  # the seven places the official text has 显著
    assert not any("显着" in p.text.zh for ch in plan.chapters for s in ch.sections for p in s.paragraphs)


def test_ids_are_stable_and_in_order(plan):
    ids = [c.id for c in plan.corrections]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) and ids[0] == "C001"


@pytest.mark.parametrize(
    "change, where, message",
    [
        ({"target": "1.9.9"}, "target", "unknown text '1.9.9'; expected a chapter, section, item or paragraph id"),
        (
            {"target_type": "unit", "target": "comerce"},
            "target",
            "unknown unit 'comerce'; expected an id from plan/units.yaml; did you mean 'commerce'?",
        ),
        (
            {"field": "paragraphs[9].text.zh"},
            "field",
            "text '1.4' (plan/chapters/1.yaml) has no field 'paragraphs[9].text.zh'",
        ),
        (
            {"after": "明显"},
            "after",
            "'after' is not what plan/chapters/1.yaml holds at sections[3].paragraphs[0].text.zh",
        ),
        (
            {"field": "paragraphs[0].text.en", "after": "After"},
            "kind",
            "a 'source' correction corrects the Chinese text of the plan",
        ),
        ({"id": "C000"}, "id", "correction 'C000' comes after 'C001'"),
        (
            {"target_type": "place_name", "target": "沈阳大连"},
            "target",
            "unknown place_name '沈阳大连'; expected a form from plan/place_names.yaml",
        ),
        (
            {"target_type": "vocabulary", "target": "tons"},
            "target",
            "unknown vocabulary 'tons'; expected a list and an id from plan/vocabularies.yaml "
            "(e.g. measure_units/percent)",
        ),
    ],
)
def test_a_wrong_record_is_refused_with_its_line(plan_copy, change, where, message):
    n = 1 if change.get("id") == "C000" else 0
    edit_correction(plan_copy, n, **change)
    r = validate(plan_copy.dir)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    line = line_of(plan_copy, "corrections.yaml", f"{where}:", n + 1 if where != "after" else 1)
    assert f"corrections.yaml:{line}:" in r.stderr and f"corrections[{n}].{where}: {message}" in r.stderr, r.stderr


def test_a_cited_source_needs_its_address(plan_copy):
    plan_copy.edit("units.yaml", lambda d: d["units"][26]["name_en_source"].pop("url"))  # shenyang-government
    r = validate(plan_copy.dir)
    assert r.returncode == 1
    assert "units[26].name_en_source: status 'self-published' needs the url of the page that states it" in r.stderr


def test_every_unit_says_where_its_english_name_comes_from(plan):
    sources = {u.id: u.name_en_source for u in plan.units.values()}
    assert all(sources.values())
    assert sources["shenyang-government"].status == "self-published" and sources["shenyang-government"].url.startswith(
        "https://"
    )
    # the department's own English name could not be confirmed (its masthead was not seen): this edition's rendering
    assert sources["commerce"].status == "edition" and sources["commerce"].url is None
    assert plan.units["commerce"].full_name.en == "Liaoning Provincial Department of Commerce"
    assert {s.status for s in sources.values()} == {"self-published", "official", "edition"}
    assert plan.units["state-owned-assets"].kind == "provincial-special-body"


def test_corrections_are_in_plan_json_csv_and_the_data_package(plan):
    files = downloads(plan)
    doc = json.loads(files["data/plan.json"])
    assert [c["id"] for c in doc["corrections"]] == [c.id for c in plan.corrections]
    first = doc["corrections"][0]
    assert first["url"] == {"zh": "corrections/#C001", "en": "en/corrections/#C001"}
    rows = list(csv.DictReader(io.StringIO(files["data/corrections.csv"].decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [c.id for c in plan.corrections] and rows[0]["before"] == "显着"
    package = json.loads(files["data/datapackage.json"])
    res = next(r for r in package["resources"] if r["name"] == "corrections")
    assert res["path"] == "corrections.csv" and res["schema"]["primaryKey"] == ["id"]
    assert all(f["description"] for f in res["schema"]["fields"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_corrections_page_lists_every_record_and_says_how_to_report(plan, lang):
    assert ("corrections", "") in {(s.kind, s.ident) for s in page_specs(plan)}
    md = render_page(plan, lang, "corrections", "", "corrections/").markdown
    for c in plan.corrections:
        assert f'<tr id="{c.id}">' in md
    assert {"zh": "如何报告错误", "en": "How to report an error"}[lang] in md
    assert {"zh": "问题反馈页", "en": "tracker"}[lang] in md
    about = render_page(plan, lang, "about", "", "about/").markdown
    assert 'href="../corrections/"' in about


def test_a_corrected_measure_links_to_its_corrections(plan):
    corrected = {c.measure for c in plan.corrections if c.measure}
    assert corrected, "no correction names a measure"
    for mid in corrected:
        for lang in ("zh", "en"):
            md = render_page(plan, lang, "measure", mid, f"measures/{mid}/").markdown
            for c in plan.corrections_for_measure(mid):
                assert f'href="../../corrections/#{c.id}"' in md
    untouched = next(m for m in plan.measures if m not in corrected)
    assert "corrections/#" not in render_page(plan, "en", "measure", untouched, f"measures/{untouched}/").markdown


def test_a_unit_page_cites_its_english_name(plan):
    md = render_page(plan, "en", "unit", "shenyang-government", "units/shenyang-government/").markdown
    assert (
        "Source of the English name" in md
        and 'href="https://www.shenyang.gov.cn/english/aboutus/" rel="external noopener"' in md
    )
    md = render_page(plan, "en", "unit", "commerce", "units/commerce/").markdown
    assert 'href="../../corrections/#C006"' in md and "this edition&#x27;s own (no published source found)" in md
    md = render_page(plan, "en", "unit", "education", "units/education/").markdown
    assert "this edition&#x27;s own (no published source found)" in md


@pytest.mark.parametrize(
    "target_type, target, field, page",
    [
        ("source", "geonames", "title.en", "places/#src-geonames"),
        ("place_name", "沈大", "name.en", "places/"),
        ("vocabulary", "measure_units/hundred-million-tonnes", "label.en", "data/"),
    ],
)
def test_a_registry_outside_the_text_can_be_corrected(plan_copy, target_type, target, field, page):
    """A map source's title, a place name and a vocabulary label are corrected like any other field, and the
    corrections page links to where a reader sees them."""
    from lnplan import __main__ as cli
    from lnplan.loader import load_plan
    from lnplan.reading.corrections import correction_location, correction_targets, value_at

    src = load_plan(plan_copy.dir).raw
    where = correction_location(
        src, correction_targets(src), {"target_type": target_type, "target": target, "field": field}
    )
    now = value_at(src, *where)
    record = {
        "id": "C999",
        "date": "2026-12-01",
        "kind": "translation",
        "target_type": target_type,
        "target": target,
        "field": field,
        "before": "an earlier wording",
        "after": now,
        "reason": {"zh": "测试。", "en": "Test."},
    }
    plan_copy.edit("corrections.yaml", lambda d: d["corrections"].append(record))
    assert cli.main(["validate", "--plan", str(plan_copy.dir)]) == 0
    corrected = load_plan(plan_copy.dir)
    out = render_page(corrected, "en", "corrections", "", "corrections/", "", "")
    assert '<tr id="C999">' in out.markdown and f'href="../{page}"' in out.markdown
