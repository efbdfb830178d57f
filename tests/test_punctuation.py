"""Chinese punctuation as officially published: full-width in Chinese prose, ASCII where it belongs."""

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT, invoke
from lnplan import punctuation
from lnplan.__main__ import plan_files
from lnplan.reading.clauses import resolve_clause
from lnplan.reading.files import PLAN_DIR
from lnplan import yamlio


@pytest.mark.parametrize(
    "before, after",
    [
        ("立足新发展阶段,贯彻新发展理念", "立足新发展阶段，贯彻新发展理念"),
        ("(责任单位:省商务厅等,相关市政府)", "（责任单位：省商务厅等，相关市政府）"),
        ("生态系统生产总值(GEP)绩效", "生态系统生产总值（GEP）绩效"),
        ("5G,物联网;大数据!是吗?", "5G，物联网；大数据！是吗？"),
    ],
)
def test_prose_punctuation_becomes_full_width(before, after):
    assert punctuation.to_fullwidth(before) == after


@pytest.mark.parametrize("text", ["增长1.5倍", "9,000家", "10:30", "f(x)", "LNG", "2.1.1-t1", "“星火·链网”"])
def test_ascii_stays_where_it_belongs(text):
    assert punctuation.to_fullwidth(text) == text


def test_the_clause_parser_reads_both_forms(plan):
    names = {u.name.zh: u.id for u in plan.units.values()}
    ascii_form = resolve_clause("沈阳市政府,省发展改革委、省商务厅、省交通运输厅等", names)
    assert ascii_form == resolve_clause("沈阳市政府，省发展改革委、省商务厅、省交通运输厅等", names)
    assert ascii_form == [
        (["shenyang-government"], False),
        (["development-and-reform-commission", "commerce", "transport"], True),
    ]


def test_every_chinese_field_in_plan_is_in_published_punctuation():
    bad = []
    for path in plan_files(PLAN_DIR):
        data, _ = yamlio.load(path.read_text(encoding="utf-8"))
        bad += [
            (path.name, p, text[:40])
            for p, text in punctuation.chinese_values(data)
            if punctuation.to_fullwidth(text) != text
        ]
    assert not bad, f"run: python -m lnplan punctuation\n{bad[:10]}"


def test_english_text_is_never_converted():
    data = {
        "title": {"zh": "沈阳,大连", "en": "Shenyang, Dalian (two cores)"},
        "note": {"zh": "注:", "en": "Note: 老字号 (brands)"},
    }
    punctuation.convert_data(data)
    assert data == {
        "title": {"zh": "沈阳，大连", "en": "Shenyang, Dalian (two cores)"},
        "note": {"zh": "注：", "en": "Note: 老字号 (brands)"},
    }


def test_the_command_converts_a_plan_and_check_then_passes(plan_copy):
    plan_copy.edit("document.yaml", lambda d: d["preamble"].update(zh=d["preamble"]["zh"].replace("，", ",")))

    def run(*args):
        return invoke("lnplan", "punctuation", *args, "--plan", str(plan_copy.dir))

    r = run("--check")
    assert (
        r.returncode == 1
        and "document.yaml: preamble.zh: ASCII punctuation" in r.stderr
        and "run: python -m lnplan punctuation" in r.stderr
    )
    assert run().returncode == 0
    assert run("--check").returncode == 0
    assert "立足新发展阶段，贯彻新发展理念" in plan_copy.read("document.yaml")


def schema_chinese(node) -> list[str]:
    """Every Chinese description and title in the schema (the data dictionary and the database metadata show them)."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k in ("x-description-zh", "x-title-zh")] + [
            s for v in node.values() for s in schema_chinese(v)
        ]
    return [s for v in node for s in schema_chinese(v)] if isinstance(node, list) else []


def test_chinese_ui_strings_use_published_punctuation(plan):
    from lnplan.export import CSV_RULE, listed_downloads
    from lnplan import i18n

    texts = [v["zh"] for v in i18n.S.values()] + [d.zh for d in listed_downloads()]
    texts += [t for s in plan.about["zh"] for t in (s.title, *s.paragraphs)] + [CSV_RULE["zh"]]
    texts += schema_chinese(json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")))
    assert len(texts) > 500
    assert [s for s in texts if punctuation.to_fullwidth(s) != s] == []


def test_pages_print_the_clause_as_published(plan):
    from lnplan.site import render_page

    out = render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/").markdown
    assert "（责任单位：沈阳市政府，省发展改革委、省商务厅、省交通运输厅等）" in out
    zh = render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/").markdown
    assert "高水平建设航空、铁路、公路、物流、信息枢纽网络，高起点规划" in zh and "网络,高起点" not in zh


class ChineseReading(HTMLParser):
    """The text of a page's <article> as a Chinese reader reads it: without English passages (lang="en…"), code,
    SVG, and GB/T 7714 citations (whose ". " and ": " the standard prescribes). Elements are separated by a space."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside the article, left out)
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        parent = self.stack[-1] if self.stack else ("", False, False)
        left_out = (
            parent[2]
            or tag in ("code", "pre", "svg", "script", "style")
            or (a.get("lang") or "").startswith("en")
            or "lp-cite" in (a.get("class") or "").split()
        )
        self.stack.append((tag, parent[1] or tag == "article", left_out))
        self.text.append(" ")

    def handle_endtag(self, tag):
        if any(t == tag for t, _, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass
        self.text.append(" ")

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.text.append(data)


HAN = "[\u4e00-\u9fff]"
ASCII_BESIDE_HAN = re.compile(rf"{HAN} ?[(),:;]|[(),:;] ?{HAN}|{HAN} \(\d")


def chinese_page_texts(site):
    """(path, text as a Chinese reader reads it) of every Chinese page of a built site."""
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith(("en/", "pagefind/")):
            continue
        reader = ChineseReading()
        reader.feed(f.read_text(encoding="utf-8"))
        yield rel, re.sub(r"\s+", " ", "".join(reader.text))


def test_chinese_pages_print_no_ascii_punctuation_beside_chinese(built_site):
    """What the site adds around the plan text (labels, counts, sources, notes, the data dictionary) is in
    published punctuation too: no ASCII ( ) , : ; next to a Chinese character on any Chinese page."""
    bad, pages = [], 0
    for rel, text in chinese_page_texts(built_site):
        pages += bool(text.strip())
        bad += [(rel, text[max(0, m.start() - 15) : m.end() + 15]) for m in ASCII_BESIDE_HAN.finditer(text)]
    assert pages > 100
    assert bad == []
