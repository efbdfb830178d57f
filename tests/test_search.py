"""Search in a real browser: entity hits first, filters, one language per search, nothing loaded before a search
starts, and results a reader can copy."""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from conftest import ROOT
from test_browser import AXE, Watched, browser, server, watched  # noqa: F401 (fixtures)

sys.path.insert(0, str(ROOT / "bench"))
from search_bench import ID, PLACE, SEARCH_FILES, TOPIC, UNIT, relevant  # noqa: E402

pytestmark = pytest.mark.browser

INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")


@pytest.fixture(scope="module")
def plan_json(built_site):
    import json
    return json.loads((built_site / "data" / "plan.json").read_text(encoding="utf-8"))


def search(w: Watched, server: str, lang: str, address: str) -> list[str]:
    """Open the search page at an address (q and filters), show every result, return their paths in rank order."""
    prefix = "en/" if lang == "en" else ""
    w.page.goto(f"{server}{prefix}search/?{address}", wait_until="networkidle")
    w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'", timeout=30000)
    more = w.page.locator("#search-results .lp-hits__more")
    while more.count():
        more.click()
        w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'")
    hrefs = w.page.eval_on_selector_all("#search-results .lp-hit__title a[href]", "els => els.map(e => e.href)")
    return [urlsplit(h).path.removeprefix(urlsplit(server).path) for h in hrefs]


@pytest.fixture
def searcher(browser, server):  # noqa: F811
    pages = []

    def run(lang: str, address: str) -> list[str]:
        w = Watched(browser, server)
        pages.append(w)
        found = search(w, server, lang, address)
        assert (w.errors, w.failed, w.foreign) == ([], [], [])
        return found

    yield run
    for w in pages:
        w.close()


CASES = [  # a unit's name, a short form, a place, a topic and an id, in each language
    ("zh", "省商务厅", UNIT, "commerce"), ("zh", "发改委", UNIT, "development-and-reform-commission"),
    ("zh", "大连", PLACE, "dalian"), ("zh", "营商环境", TOPIC, ""), ("zh", "4.1.2.3", ID, "4.1.2.3"),
    ("en", "Provincial Department of Commerce", UNIT, "commerce"), ("en", "DRC", UNIT, "development-and-reform-commission"),
    ("en", "Dalian", PLACE, "dalian"), ("en", "marine economy", TOPIC, ""), ("en", "2.2.1", ID, "2.2.1"),
]


@pytest.mark.parametrize("lang,query,kind,ident", CASES)
def test_the_first_result_is_what_was_asked_for(searcher, plan_json, lang, query, kind, ident):
    found = searcher(lang, "q=" + quote(query))
    wanted = relevant(plan_json, lang, kind, ident, query)
    assert found and found[0] in wanted, found[:5]
    if kind in (UNIT, PLACE):  # the entity itself, as a direct link, before the full-text results
        own = next(x for x in plan_json["units" if kind == UNIT else "places"] if x["id"] == ident)
        assert found[0] == own["url"][lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role,key", [("lead", "lead"), ("co", "co_responsible")])
def test_a_filter_by_unit_lists_exactly_its_tasks_in_plan_order(searcher, plan_json, lang, role, key):
    unit = next(u for u in plan_json["units"] if u["id"] == "commerce")
    urls = {m["id"]: m["url"][lang] for m in plan_json["measures"]}
    assert searcher(lang, f"unit=commerce&role={role}") == [urls[m] for m in unit[key]]


def test_a_filter_by_unit_and_place_combines_both(searcher, plan_json):
    unit = next(u for u in plan_json["units"] if u["id"] == "development-and-reform-commission")
    place = next(p for p in plan_json["places"] if p["id"] == "dalian")
    expected = [m["url"]["zh"] for m in plan_json["measures"]
                if m["id"] in {*unit["lead"], *unit["co_responsible"]} and m["id"] in place["measures"]]
    assert expected and searcher("zh", "unit=development-and-reform-commission&place=dalian&kind=measure") == expected


@pytest.mark.parametrize("lang,queries", [("zh", ["大连", "Dalian", "commerce", "2.2.1", "营商环境"]),
                                          ("en", ["Dalian", "大连", "省商务厅", "2.2.1", "business environment"])])
def test_each_language_searches_only_its_own_pages(searcher, lang, queries):
    for query in queries:
        found = searcher(lang, "q=" + quote(query))
        assert found, query
        assert all(p.startswith("en/") == (lang == "en") for p in found), (query, found)


def test_the_search_page_keeps_its_query_and_filters_in_the_address(watched, server):  # noqa: F811
    w = watched("en/search/?q=port&unit=transport&role=lead")
    w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'")
    assert w.page.input_value("#search-q") == "port" and w.page.input_value("#search-unit") == "transport"
    w.page.select_option("#search-kind", "measure")
    w.page.wait_for_function("() => location.search.includes('kind=measure')")
    assert "q=port" in w.page.url and "unit=transport" in w.page.url and "role=lead" in w.page.url


def test_every_page_that_names_a_unit_is_found(searcher, built_site):
    """Task lists on unit and place pages are indexed: every measure, unit and place page showing 省商务厅 is among
    the results. (Chapter pages index their own text; the measures they contain are found on their own pages.)"""
    class Article(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.text = 0, []

        def handle_starttag(self, tag, attrs):
            self.depth += tag == "article"

        def handle_endtag(self, tag):
            self.depth -= tag == "article"

        def handle_data(self, data):
            if self.depth:
                self.text.append(data)

    showing = set()
    for f in built_site.rglob("*.html"):
        rel = f.relative_to(built_site).as_posix()
        if not rel.startswith(("measures/", "units/", "places/")):
            continue
        a = Article()
        a.feed(f.read_text(encoding="utf-8"))
        if "省商务厅" in "".join(a.text):
            showing.add(rel.removesuffix("index.html"))
    assert len(showing) > 40
    assert showing <= set(searcher("zh", "q=" + quote("省商务厅")))


def test_table_cells_and_definition_terms_are_separate_words(watched, server):  # noqa: F811
    w = watched("en/units/commerce/")
    labels = w.page.eval_on_selector_all("article dt, article th", "els => els.map(e => e.textContent.trim())")
    content = w.page.evaluate("""async () => {
        const pagefind = await import(new URL('../../../pagefind/pagefind.js', location.href).href);
        await pagefind.options({ noWorker: true });
        const found = await pagefind.search('commerce');
        const pages = await Promise.all(found.results.map((r) => r.data()));
        return pages.find((p) => p.url.endsWith('/en/units/commerce/')).content;
    }""")
    assert labels and "Kind" in labels
    glued = [label for label in labels if re.search(re.escape(label) + r"[A-Za-z0-9]", content)]
    assert glued == [], content[:300]


def test_nothing_is_loaded_for_search_until_the_reader_starts_one(browser, server):  # noqa: F811
    w = Watched(browser, server)
    requests = []
    w.page.on("request", lambda r: requests.append(r.url))
    w.page.goto(server + "measures/2.1.1/", wait_until="networkidle")
    w.page.wait_for_timeout(500)
    assert [u for u in requests if SEARCH_FILES.search(u)] == []
    w.page.click("#lp-search input[name=q]")
    w.page.keyboard.type("大连", delay=50)
    w.page.wait_for_function("() => { const r = document.querySelector('.lp-search__results');"
                             " return r && r.dataset.state === 'done' && r.dataset.query === '大连'; }", timeout=30000)
    assert [u for u in requests if SEARCH_FILES.search(u)]
    in_place = w.page.eval_on_selector_all(".lp-search__results a[href]", "els => els.map(e => e.href)")
    on_page = search(w, server, "zh", "q=" + quote("大连"))
    assert [urlsplit(h).path.lstrip("/") for h in in_place] == on_page[:len(in_place)]  # the same results in place
    assert (w.errors, w.failed, w.foreign) == ([], [], [])
    w.close()


def test_the_header_box_works_from_the_keyboard(watched):  # noqa: F811
    w = watched("en/")
    w.page.keyboard.press("/")  # as with Material's search, "/" goes to the box
    assert w.page.evaluate("document.activeElement.name") == "q"
    w.page.keyboard.type("Dalian", delay=30)
    w.page.wait_for_function("() => { const r = document.querySelector('.lp-search__results');"
                             " return r && r.dataset.state === 'done' && r.dataset.query === 'Dalian'; }", timeout=30000)
    w.page.keyboard.press("ArrowDown")
    assert w.page.evaluate("document.activeElement.closest('.lp-search__results') !== null")
    assert w.page.evaluate("document.activeElement.textContent") == "Dalian"
    w.page.keyboard.press("Escape")
    assert w.page.locator("#lp-search-panel").is_hidden()
    w.page.keyboard.press("Enter")  # the box submits to the search page
    w.page.wait_for_url("**/en/search/?q=Dalian")


@pytest.mark.parametrize("lang,query", [("", "营商环境"), ("en/", "business environment")])
def test_results_are_accessible_and_copy_without_invisible_characters(watched, lang, query):  # noqa: F811
    w = watched(f"{lang}search/?q={quote(query)}")
    w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'")
    titles = w.page.locator("#search-results .lp-hit__title a")
    assert titles.count() > 1
    copied = w.page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('#search-results li:not(.lp-hit--entity) .lp-hit__title a'));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return getSelection().toString();
    }""")
    assert copied and not INVISIBLE.search(copied), repr(copied)
    assert not INVISIBLE.search(w.page.inner_text("#search-results"))
    w.page.add_script_tag(path=str(AXE))
    result = w.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


def test_without_javascript_the_search_page_points_to_the_indexes(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "search/?q=abc")
    links = page.eval_on_selector_all("article noscript a, article a", "els => els.map(e => e.getAttribute('href'))")
    text = page.inner_text("article")
    context.close()
    assert "JavaScript" in text
    assert {"../units/", "../places/", "../plan/"} <= set(links)
