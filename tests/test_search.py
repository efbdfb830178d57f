"""Search in a real browser: entity hits first, filters, one language per search, nothing loaded before a search
starts, and results a reader can copy."""

from __future__ import annotations

import re
import sys
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from conftest import ROOT, shared
from test_browser import AXE, FIELD_PATHS, Watched, printed_on_a4, watched  # noqa: F401 (a fixture)

sys.path.insert(0, str(ROOT / "bench"))
from search_bench import ID, PLACE, SEARCH_FILES, TOPIC, UNIT, containing, indexed_texts, relevant  # noqa: E402

pytestmark = pytest.mark.browser

INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")


@pytest.fixture(scope="module")
def plan_json(built_site):
    import json

    return json.loads((built_site / "data" / "plan.json").read_text(encoding="utf-8"))


SHOW_ALL = """async () => {
    // the reader's "more" button, pressed until every result is shown (each press waits for its results)
    const box = document.getElementById('search-results');
    for (let button; (button = box.querySelector('.lp-hits__more')); ) {
        button.click();
        while (box.dataset.state !== 'done') await new Promise((resolve) => setTimeout(resolve, 20));
    }
}"""


@pytest.fixture(scope="module")
def indexed(built_site, tmp_path_factory):
    """The text Pagefind indexes of every page (600 pages), read once for the whole session."""
    return shared(tmp_path_factory, "indexed", lambda _: indexed_texts(built_site))


def search(w: Watched, root: str, lang: str, address: str) -> list[str]:
    """Open the search page at an address (q and filters), show every result, return their paths in rank order."""
    prefix = "en/" if lang == "en" else ""
    w.page.goto(f"{root}{prefix}search/?{address}", wait_until="load")
    return all_results(w, root)


def all_results(w: Watched, root: str) -> list[str]:
    """Every result of the search page's search (once it is done), in rank order, as paths under root."""
    w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'", timeout=30000)
    w.page.evaluate(SHOW_ALL)
    hrefs = w.page.eval_on_selector_all("#search-results .lp-hit__title a[href]", "els => els.map(e => e.href)")
    return [urlsplit(h).path.removeprefix(urlsplit(root).path) for h in hrefs]


RESUBMIT = """(address) => {
    // a reader's next search on the search page: every field set as the address has it, then the form sent (Enter);
    // the results box is marked unfinished first, so that only this search's results can be read as done
    const form = document.querySelector('form.lp-searchpage'), values = new URLSearchParams(address);
    for (const field of form.elements) if (field.name) field.value = values.get(field.name) ?? '';
    document.getElementById('search-results').dataset.state = '';
    form.requestSubmit();
}"""


@pytest.fixture(scope="module")
def searcher(context, server):
    """Searches in one page, one after another, as a reader would: a query after the first, in the same language, is
    entered in the open search page's form and sent; a search with filters (or verbatim=1), or in the other
    language, opens the search page at its address, so that the filters are always read from the address. No
    console error, failed or third-party request during any of them."""
    w = Watched(context, server)

    def run(lang: str, address: str) -> list[str]:
        w.clear()
        page = urlsplit(server).path + ("en/" if lang == "en" else "") + "search/"
        query_only = set(parse_qs(address)) <= {"q"} and "verbatim" not in w.page.url
        if urlsplit(w.page.url).path == page and query_only:
            w.page.evaluate(RESUBMIT, address)
            found = all_results(w, server)
        else:
            found = search(w, server, lang, address)
        assert w.problems() == ([], [], []), address
        return found

    yield run
    w.close()


CASES = [  # a unit's name, a short form, a place, a topic and an id, in each language
    ("zh", "省商务厅", UNIT, "commerce"),
    ("zh", "发改委", UNIT, "development-and-reform-commission"),
    ("zh", "大连", PLACE, "dalian"),
    ("zh", "营商环境", TOPIC, ""),
    ("zh", "4.1.2.3", ID, "4.1.2.3"),
    ("en", "Provincial Department of Commerce", UNIT, "commerce"),
    ("en", "DRC", UNIT, "development-and-reform-commission"),
    ("en", "Dalian", PLACE, "dalian"),
    ("en", "marine economy", TOPIC, ""),
    ("en", "2.2.1", ID, "2.2.1"),
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
    expected = [
        m["url"]["zh"]
        for m in plan_json["measures"]
        if m["id"] in {*unit["lead"], *unit["co_responsible"]} and m["id"] in place["measures"]
    ]
    assert expected and searcher("zh", "unit=development-and-reform-commission&place=dalian&kind=measure") == expected


@pytest.mark.parametrize(
    "lang,queries",
    [
        ("zh", ["大连", "Dalian", "commerce", "2.2.1", "营商环境"]),
        ("en", ["Dalian", "大连", "省商务厅", "2.2.1", "business environment"]),
    ],
)
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


@pytest.mark.parametrize(
    "lang,query",
    [
        ("zh", "省商务厅"),
        ("zh", "中欧班列"),
        ("zh", "林下经济"),
        ("zh", "营商环境"),
        ("en", "Department of Commerce"),
        ("en", "under-forest economy"),
    ],
)
def test_every_page_whose_text_has_the_query_is_found(searcher, indexed, lang, query):
    """Recall: each page whose indexed text contains the query is among the results (Pagefind 1.5 found 中欧班列
    and 林下经济 on one page in ten)."""
    having = containing(indexed[lang], query, lang)
    assert having
    assert having <= set(searcher(lang, "q=" + quote(query)))


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
    w.page.wait_for_function(
        "() => { const r = document.querySelector('.lp-search__results');"
        " return r && r.dataset.state === 'done' && r.dataset.query === '大连'; }",
        timeout=30000,
    )
    assert [u for u in requests if SEARCH_FILES.search(u)]
    in_place = w.page.eval_on_selector_all(".lp-search__results a[href]", "els => els.map(e => e.href)")
    on_page = search(w, server, "zh", "q=" + quote("大连"))
    assert [urlsplit(h).path.lstrip("/") for h in in_place] == on_page[: len(in_place)]  # the same results in place
    assert w.problems() == ([], [], [])
    w.close()


def test_the_header_box_works_from_the_keyboard(watched):  # noqa: F811
    w = watched("en/")
    w.page.keyboard.press("/")  # as with Material's search, "/" goes to the box
    assert w.page.evaluate("document.activeElement.name") == "q"
    w.page.keyboard.type("Dalian", delay=30)
    w.page.wait_for_function(
        "() => { const r = document.querySelector('.lp-search__results');"
        " return r && r.dataset.state === 'done' && r.dataset.query === 'Dalian'; }",
        timeout=30000,
    )
    w.page.keyboard.press("ArrowDown")
    assert w.page.evaluate("document.activeElement.closest('.lp-search__results') !== null")
    assert w.page.evaluate("document.activeElement.textContent") == "Dalian"
    w.page.keyboard.press("Escape")
    assert w.page.locator("#lp-search-panel").is_hidden()
    w.page.keyboard.press("Enter")  # the box submits to the search page
    w.page.wait_for_url("**/en/search/?q=Dalian")


@pytest.mark.parametrize("lang,query", [("", "营商环境"), ("en/", "business environment")])
def test_results_page_is_clean_accessible_printable_and_copies_without_invisible_characters(
    watched,  # noqa: F811
    plan_json,
    lang,
    query,
):
    """The search page with its results, as test_browser's visit of every other kind of page checks it (one h1, no
    field path, axe-core, A4 print, a clean load), once the results are shown; a result's title copies as it
    reads."""
    w = watched(f"{lang}search/?q={quote(query)}")
    w.page.wait_for_function("() => document.getElementById('search-results').dataset.state === 'done'")
    assert w.page.locator("article h1").count() == 1
    assert re.findall(FIELD_PATHS, w.page.locator("body").inner_text()) == []
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
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == [], w.errors
    printed_on_a4(w.page, plan_json, lang + "search/", w.errors)
    assert w.problems() == ([], [], [])


def test_without_javascript_the_search_page_points_to_the_indexes(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "search/?q=abc")
    links = page.eval_on_selector_all("article noscript a, article a", "els => els.map(e => e.getAttribute('href'))")
    text = page.inner_text("article")
    context.close()
    assert "JavaScript" in text
    assert {"../units/", "../places/", "../plan/"} <= set(links)


def wait_done(page, query: str) -> None:
    page.wait_for_function(
        "q => { const r = document.getElementById('search-results');"
        " return r && r.dataset.state === 'done' && r.dataset.query === q; }",
        arg=query,
        timeout=30000,
    )


def results(page) -> list[str]:
    return [
        urlsplit(h).path.lstrip("/")
        for h in page.eval_on_selector_all("#search-results .lp-hit__title a[href]", "els => els.map(e => e.href)")
    ]


@pytest.mark.parametrize(
    "lang,query,term",
    [
        ("zh", "自贸试验区", "pilot free trade zone"),
        ("zh", "营商环境", "business environment"),
        ("en", "marine economy", "海洋经济"),
    ],
)
def test_a_topic_query_opens_with_a_measure_and_defines_the_term_beside_the_results(watched, lang, query, term):  # noqa: F811
    w = watched(f"{'en/' if lang == 'en' else ''}search/?q={quote(query)}")
    wait_done(w.page, query)
    found = results(w.page)
    assert found[0].removeprefix("en/").startswith("measures/"), found[:3]
    assert not any(f.removeprefix("en/").startswith("glossary/") for f in found[:1])
    card = w.page.locator("#search-results .lp-define")
    assert term in card.inner_text()
    assert "glossary/#g-" in card.locator("a").get_attribute("href")


@pytest.mark.parametrize(
    "lang,typed,meant,first",
    [("zh", "营商坏境", "营商环境", "measures/7.1/"), ("en", "Dalain", "Dalian", "en/places/dalian/")],
)
def test_a_typo_gets_a_suggestion_that_leads_to_the_right_page(watched, server, lang, typed, meant, first):  # noqa: F811
    prefix = "en/" if lang == "en" else ""
    w = watched(f"{prefix}search/?q={quote(typed)}")  # the words as typed are on no page: what was meant is shown
    wait_done(w.page, typed)
    assert meant in w.page.inner_text("#search-results .lp-search-note")
    assert first in results(w.page)[:2]
    w.page.goto(f"{server}{prefix}search/?q={quote(typed)}&verbatim=1")  # "search instead for" the typo
    wait_done(w.page, typed)
    suggestion = w.page.locator("#search-results .lp-search-note a.lp-search-note__q")
    assert suggestion.inner_text() == meant
    with w.page.expect_navigation():
        suggestion.click()
    wait_done(w.page, meant)
    assert first in results(w.page)[:2]


def test_nothing_found_says_so_in_the_right_number_and_links_the_unit_and_city_lists(watched, server):  # noqa: F811
    w = watched("en/search/?q=hydrogen")
    wait_done(w.page, "hydrogen")
    assert w.page.inner_text("#search-status") == "1 result"
    w.page.goto(server + "en/search/?q=qzxvbw")
    wait_done(w.page, "qzxvbw")
    assert w.page.inner_text("#search-status") == "No results."
    links = w.page.eval_on_selector_all("#search-results .lp-search-note a", "els => els.map(e => e.href)")
    assert [urlsplit(h).path for h in links] == ["/en/units/", "/en/places/"]


def test_a_single_character_does_not_rank_unit_pages(searcher):
    assert not [p for p in searcher("zh", "q=" + quote("委"))[:5] if p.startswith("units/")]


FURNITURE_TEXT = re.compile(
    r"[0-9a-f]{40}|GeoNames|SHA-256|出处|其他责任单位|引用本条|示意图的文字版|版本记录|Sources?:|"
    r"Other responsible units|Cite this|Text version of the map|Version history|[\u4e00-\u9fff]\. "
)


@pytest.mark.parametrize(
    "lang,queries",
    [("zh", ["大连", "沈阳", "营商环境", "省商务厅"]), ("en", ["Dalian", "Shenyang", "business environment"])],
)
def test_excerpts_show_text_not_furniture_and_not_the_title_again(watched, server, lang, queries):  # noqa: F811
    prefix = "en/" if lang == "en" else ""
    w = watched(f"{prefix}search/")
    for query in queries:
        w.page.goto(f"{server}{prefix}search/?q={quote(query)}")
        wait_done(w.page, query)
        rows = w.page.eval_on_selector_all(
            "#search-results .lp-hit:not(.lp-hit--entity)",
            """els => els.map(e => [
            e.querySelector('.lp-hit__title').innerText,
            (e.querySelector('.lp-hit__excerpt') || {}).innerText || ''])""",
        )
        assert rows
        for title, text in rows:
            assert not FURNITURE_TEXT.search(text), (query, title, text)
            assert not text.startswith(title), (query, title, text)


@pytest.mark.parametrize("lang,query", [("zh", "营商环境"), ("en", "Dalian")])
def test_on_a_phone_the_first_result_is_on_the_first_screen_and_the_filters_fold(browser, server, lang, query):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{server}{prefix}search/?q={quote(query)}&unit=commerce")
    wait_done(page, query)
    page.goto(f"{server}{prefix}search/?q={quote(query)}")
    wait_done(page, query)
    first = page.locator("#search-results .lp-hits > li").first.bounding_box()
    assert first["y"] + first["height"] <= 844, first
    assert page.locator("#search-filters").is_hidden()
    toggle = page.locator(".lp-filters__toggle")
    toggle.click()
    page.select_option("#search-kind", "measure")
    page.wait_for_function(
        "() => location.search.includes('kind=measure')"
        " && document.getElementById('search-results').dataset.state === 'done'"
    )
    assert toggle.inner_text() == ("筛选（1）" if lang == "zh" else "Filters (1)")
    toggle.click()
    assert page.locator("#search-filters").is_hidden()
    row = page.locator("#search-results .lp-hits > li").first
    row.wait_for(state="visible")  # the results may still be redrawn after the filters fold (flaky under load)
    href = row.locator("a").first.get_attribute("href")
    box = row.bounding_box()
    # a corner of the row, not the title; Playwright clicks it once the row is stable (results may still be redrawn)
    row.click(position={"x": box["width"] - 4, "y": box["height"] - 4})
    page.wait_for_url("**" + urlsplit(href).path)
    context.close()


@pytest.mark.parametrize(
    "lang,query,found", [("en", "hydrogen tourism", "en/measures/5.1.2/"), ("zh", "氢能 旅游", "measures/5.1.2/")]
)
def test_words_no_page_has_together_are_searched_apart(watched, lang, query, found):  # noqa: F811
    w = watched(f"{'en/' if lang == 'en' else ''}search/?q={quote(query)}")
    wait_done(w.page, query)
    assert found in results(w.page)[:3]
    note = w.page.inner_text("#search-results .lp-search-note")
    assert note == (
        "没有页面同时包含所有词语，以下页面包含其中一部分。"
        if lang == "zh"
        else "No page has all of these words; these pages have some of them."
    )
