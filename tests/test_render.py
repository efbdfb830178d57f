"""Rendering functions, tested without MkDocs."""
import dataclasses
from html import unescape
import re

import pytest

from lnplan.model import Text
from lnplan.render import pages
from lnplan.export import downloads
from lnplan.render.html import human_size, rel
from lnplan.site import nav, render_page, specs_by_src, stub
from lnplan.urls import page_specs

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% raw %} a|b *bold* _x_ [link](http://x)"


def hostile_plan(plan):
    """A copy of the plan whose measure 2.1.1 title and text contain markup and template syntax."""
    m = plan.measures["2.1.1"]
    bad = dataclasses.replace(m, text=Text(HOSTILE, HOSTILE), own_title=Text(HOSTILE, HOSTILE), title=Text(HOSTILE, HOSTILE))
    return dataclasses.replace(plan, measures={**plan.measures, "2.1.1": bad})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_text_is_escaped_never_interpreted(plan, lang):
    p = hostile_plan(plan)
    out = render_page(p, lang, "measure", "2.1.1", "measures/2.1.1/").markdown
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    # Template syntax is shown literally (a browser decodes the character references) and cannot be evaluated by
    # anything downstream: no Jinja delimiter survives in the output at all.
    assert "{{ 7*7 }}" in unescape(out) and "49" not in out
    assert "{% raw %}" in unescape(out)
    assert not any(d in out for d in ("{{", "{%", "{#"))
    assert "a|b *bold* _x_ [link](http://x)" in out  # inside raw HTML: Markdown leaves it alone
    heading = out.split("\n")[1]
    assert heading.startswith("# 2\\.1\\.1 ") and "\\*bold\\*" in heading and "\\|" in heading and "&#123;&#123;" in heading


def test_every_page_renders_in_both_languages(plan):
    for spec in page_specs(plan):
        for lang in ("zh", "en"):
            r = render_page(plan, lang, spec.kind, spec.ident, spec.url)
            assert r.markdown.lstrip().startswith("# "), (spec, lang)
            assert r.description, (spec, lang)


def test_page_list_covers_every_measure_unit_and_place(plan):
    specs = {(s.kind, s.ident) for s in page_specs(plan)}
    assert {("measure", m) for m in plan.measures} <= specs
    assert {("unit", u) for u in plan.units} <= specs
    assert {("place", p) for p in plan.places} <= specs
    # Every page's template is the same argument-free macro call: no id or text from plan/ is part of a template.
    assert {stub(s) for s in page_specs(plan)} == {'---\nrender_macros: true\n---\n{{ lp_page() }}\n'}
    assert specs_by_src(plan)["measures/2.1.1.md"] == next(s for s in page_specs(plan) if s.ident == "2.1.1")


def test_unknown_ids_raise(plan):
    with pytest.raises(KeyError):
        render_page(plan, "zh", "measure", "9.9.9", "measures/9.9.9/")
    with pytest.raises(ValueError):
        render_page(plan, "fr", "home", "", "")


def test_measure_shows_structured_responsibility(plan):
    out = render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/").markdown
    assert '<dt>牵头单位</dt> <dd><a href="../../units/shenyang-government/" class="lp-unit lp-unit--lead"' in out
    assert 'href="../../units/commerce/"' in out and '<span class="lp-etc">等</span>' in out
    assert 'href="../../places/shenyang/"' in out
    assert 'href="../../targets/#t-2-1-1-t1"' in out
    en = render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/", "https://example.org/en/measures/2.1.1/", "https://example.org/").markdown
    assert "Chinese original (authoritative)" in en and "高水平建设航空" in en  # parallel text
    assert "Part 2, Section 1, Item 1" in en and "https://example.org/en/measures/2.1.1/" in en  # citation
    assert 'href="../../../measures/2.1.1/"' in en  # one click to the Chinese page


def test_unit_page_lists_lead_then_co_tasks(plan):
    out = render_page(plan, "zh", "unit", "commerce", "units/commerce/").markdown
    lead, co = out.split("配合的任务")
    assert f"## 牵头的任务（{len(plan.lead_measures('commerce'))}）" in lead  # the count in published brackets
    assert re.findall(r'<span class="lp-id">([^<]+)</span>', lead) == [m.id for m in plan.lead_measures("commerce")]
    assert re.findall(r'<span class="lp-id">([^<]+)</span>', co) == [m.id for m in plan.co_measures("commerce")]
    assert "data/units/commerce.xlsx" in out


def test_city_page_labels_why_each_task_is_listed(plan):
    buckets = dict(pages.place_buckets(plan, "shenyang"))
    assert [m.id for m in buckets["why_by_name"]][:5] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5"]
    assert "7.1" in [m.id for m in buckets["why_all"]]  # 各市政府
    relevant = [m.id for m in buckets["why_relevant"]]
    assert "3.1.2" in relevant  # 相关市政府, and the text names 沈阳
    assert "7.1" not in relevant and "2.1.1" not in relevant
    jinzhou = dict(pages.place_buckets(plan, "jinzhou"))
    assert jinzhou["why_by_name"] == [] and "4.1.1.2" in [m.id for m in jinzhou["why_relevant"]]
    out = render_page(plan, "en", "place", "jinzhou", "places/jinzhou/").markdown
    assert "Possibly ours" in out and "Every city" in out


def test_english_says_once_that_the_chinese_is_authoritative(plan):
    note = "This is an unofficial English translation. The Chinese text is the authoritative one."
    assert note in render_page(plan, "en", "home", "", "").markdown
    assert note in render_page(plan, "en", "about", "", "about/").markdown
    assert note not in render_page(plan, "en", "unit", "commerce", "units/commerce/").markdown
    assert "Chinese original (authoritative)" in render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/").markdown


def test_file_sizes_on_the_data_page(plan):
    assert [human_size(n) for n in (512, 4096, 1536 * 1024)] == ["512 B", "4.0 KB", "1.5 MB"]
    size = len(downloads(plan)["data/plan.json"])
    out = render_page(plan, "en", "data", "", "data/").markdown
    assert f'<td class="lp-num">{human_size(size)}</td>' in out and size > 100 * 1024


def test_relative_links_cross_languages():
    assert rel("zh", "measures/2.1.1/", "zh", "units/commerce/") == "../../units/commerce/"
    assert rel("en", "measures/2.1.1/", "zh", "data/plan.json") == "../../../data/plan.json"
    assert rel("en", "", "zh", "") == "../"


def test_nav_titles_are_escaped(plan):
    ch = plan.chapters[0]
    p = dataclasses.replace(plan, chapters=(dataclasses.replace(ch, title=Text("<b>x</b>", "<b>x</b>")), *plan.chapters[1:]))
    titles = [list(x)[0] for x in nav(p, "zh")[1]["方案全文"]]
    assert "一、&lt;b&gt;x&lt;/b&gt;" in titles


def test_data_page_lists_every_download_except_per_record_files(plan):
    out = render_page(plan, "zh", "data", "", "data/").markdown
    for path in downloads(plan):
        listed = f'href="{path.split("/", 1)[1]}" download' in out
        per_record = path.startswith(("data/units/", "data/api/", "data/cite/")) and path != "data/api/index.json"
        assert listed != per_record, path
