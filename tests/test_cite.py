"""Citations: GB/T 7714-2015 and English forms on each measure page; BibTeX and CSL-JSON files that parse and
format; schema.org Legislation in JSON-LD."""
import dataclasses
import json
import re
from pathlib import Path

import bibtexparser
import citeproc
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from lnplan import cite
from lnplan.export import downloads
from lnplan.model import Text
from lnplan.site import render_page

SITE = "https://example.org/plan/"
CSL_SCHEMA = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"  # the CSL schema, as citeproc-py ships it


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan, SITE)


def csl_names(rnc: str) -> set[str]:
    return set(re.findall(r'"([A-Za-z-]+)"', (CSL_SCHEMA / rnc).read_text(encoding="utf-8")))


def parse_bib(data: bytes):
    lib = bibtexparser.parse_string(data.decode("utf-8"), append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()])
    assert lib.failed_blocks == []
    return lib.entries


def test_every_measure_and_the_plan_have_bibtex_that_parses(files, plan):
    entries = parse_bib(files["data/plan.bib"])
    assert [e["title"] for e in entries] == [plan.title.zh, plan.title.en]
    for m in plan.measures.values():
        for lang in ("zh", "en"):
            (e,) = parse_bib(files[cite.cite_path(m.id, lang, "bib")])
            assert e.entry_type == "misc" and e["title"] == m.title[lang] and e["year"] == "2022"
            assert e["url"] == SITE + ("en/" if lang == "en" else "") + f"measures/{m.id}/"
            assert e["author"] == plan.notice.issuer[lang]


def test_bibtex_cannot_be_broken_by_the_text():
    hostile = "a}b{c \\ % & # $ _ ~ @misc{evil, title={x}}"
    item = {"id": "t/1", "type": "legislation", "title": hostile, "author": [{"literal": "辽宁省人民政府"}],
            "issued": {"date-parts": [[2022, 1, 31]]}, "language": "zh-CN", "note": hostile}
    (e,) = parse_bib(cite.bibtex([item]))
    assert e["title"] == hostile and e["note"] == hostile


def test_csl_json_uses_the_csl_vocabulary_and_formats_with_a_csl_style(files, plan):
    types, variables = csl_names("csl-types.rnc"), csl_names("csl-variables.rnc")
    items = json.loads(files["data/plan.csl.json"]) + [i for m in plan.measures for lang in ("zh", "en")
                                                       for i in json.loads(files[cite.cite_path(m, lang, "csl.json")])]
    assert len({i["id"] for i in items}) == len(items) == 2 + 2 * len(plan.measures)
    for item in items:
        assert item["type"] in types and item["title"] and item["author"] and item["issued"]["date-parts"][0][0] == 2022
        assert set(item) - {"id", "type"} <= variables, set(item) - variables
    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items[:4]), formatter.plain)
    for item in items[:4]:
        bib.register(Citation([CitationItem(item["id"])]))
    text = [str(x) for x in bib.bibliography()]
    m = plan.measures["2.1.1"]
    assert any(m.title.en in x and "(2022)" in x and f"{SITE}en/measures/2.1.1/" in x for x in text), text


def test_measure_page_offers_both_citation_forms_and_the_files(plan):
    out = render_page(plan, "zh", "measure", "2.1.1", "measures/2.1.1/", SITE + "measures/2.1.1/", SITE).markdown
    quotes = re.findall(r'<blockquote class="lp-cite" lang="(zh|en)"><p>(.*?)</p></blockquote>', out)
    assert [lang for lang, _ in quotes] == ["zh", "en"]  # the page's own language first
    v, date = plan.releases[-1].version, plan.releases[-1].date
    assert re.fullmatch(rf"辽宁省人民政府\. 辽宁省推进.+行动方案: .+1 建设国家现代综合枢纽\[EB/OL\]\. 开放数据版 {re.escape(v)}\. "
                        rf"\(2022-01-31\)\[{date}\]\. {re.escape(SITE)}measures/2\.1\.1/\.", quotes[0][1])
    assert quotes[1][1].startswith("Liaoning Provincial People&#x27;s Government. “") and f"{SITE}en/measures/2.1.1/." in quotes[1][1]
    for path in ("data/cite/2.1.1.bib", "data/cite/2.1.1.csl.json", "data/cite/2.1.1.en.bib", "data/cite/2.1.1.en.csl.json"):
        assert f'href="../../{path}" download' in out


def test_json_ld_describes_measures_and_the_plan_as_legislation(plan):
    en = render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/", SITE + "en/measures/2.1.1/", SITE).jsonld
    assert en["@type"] == "Legislation" and en["legislationIdentifier"] == "2.1.1" and en["inLanguage"] == "en"
    assert en["legislationDate"] == plan.notice.date
    assert [o["name"] for o in en["legislationResponsible"]] == [plan.units[u].full_name.en for u in plan.measures["2.1.1"].responsibility.units]
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
    assert "<b>x</b>" not in out.markdown and "“&lt;b&gt;x&lt;/b&gt;.”" in out.markdown
