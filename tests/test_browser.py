"""Real-browser tests: headless Chromium or Chrome (found by lnplan.browser) against the built site on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import jsonschema
import pytest

from conftest import ROOT
from lnplan.browser import BrowserNotFound, find_browser

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
PAGES = ["", "plan/2/", "measures/2.1.1/", "units/commerce/", "places/", "places/shenyang/", "places/western-liaoning-pilot-zone/",
         "charts/", "targets/", "corrections/", "changes/", "data/", "search/?q=2.2.1"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    try:
        chromium = find_browser()
    except BrowserNotFound as exc:
        pytest.fail(f"{exc} (`make browser-deps` installs Chromium on Debian)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors, failed requests and requests to other hosts (which it blocks)."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(base).netloc

        def route(r):
            if urlsplit(r.request.url).netloc != host:
                self.foreign.append(r.request.url)
                return r.abort()
            return r.continue_()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, server):
    pages = []

    def open_(path: str) -> Watched:
        w = Watched(browser, server)
        w.page.goto(server + path, wait_until="networkidle")
        pages.append(w)
        return w

    yield open_
    for w in pages:
        w.close()


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_stays_on_localhost(watched, lang, path):
    w = watched(lang + path)
    assert w.page.locator("article h1").count() == 1
    assert (w.errors, w.failed, w.foreign) == ([], [], [])


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


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(watched, lang, path):
    assert AXE.exists(), "axe-core is missing: run `make browser-deps` (npm ci)"
    w = watched(lang + path)
    w.page.add_script_tag(path=str(AXE))
    result = w.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("start,expected", [("measures/2.1.1/", "en/measures/2.1.1/"), ("en/measures/2.1.1/", "measures/2.1.1/")])
def test_language_switcher_lands_on_the_same_measure(watched, server, start, expected):
    w = watched(start)
    w.page.hover(".md-header__option .md-select")
    target = "en" if not start.startswith("en/") else "zh"
    w.page.locator(f'.md-select__link[hreflang="{target}"]').click()
    w.page.wait_for_load_state("networkidle")
    assert w.page.url == server + expected
    assert w.page.locator("article h1").inner_text().startswith("2.1.1")


def test_unit_page_lists_the_tasks_plan_json_gives(watched, server):
    w = watched("units/commerce/")
    plan = w.page.request.get(server + "data/plan.json").json()
    unit = next(u for u in plan["units"] if u["id"] == "commerce")
    listed = w.page.eval_on_selector_all("ol.lp-cards", "ols => ols.map(ol => [...ol.querySelectorAll('.lp-card__title .lp-id')].map(e => e.textContent))")
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
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/lnplan/"
    httpd.shutdown()


def test_site_works_under_a_project_sub_path(browser, subpath_server):
    for path in ("", "en/", "measures/2.1.1/", "en/units/commerce/", "data/"):
        w = Watched(browser, subpath_server)
        w.page.goto(subpath_server + path, wait_until="networkidle")
        assert w.page.locator("article h1").count() == 1
        assert (w.errors, w.failed, w.foreign) == ([], [], [])
        # getAttribute, not .href: the map's links are SVG <a> elements, whose .href is not a string.
        hrefs = w.page.eval_on_selector_all("a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)")
        assert all(h.startswith(subpath_server) for h in hrefs if h.startswith("http://127.0.0.1"))
        w.close()


def test_unit_page_prints_as_a_clean_task_list(watched, plan):
    w = watched("units/commerce/")
    w.page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".lp-downloads", ".lp-otherlang"):
        assert not w.page.locator(chrome).first.is_visible(), chrome
    assert w.page.locator(".lp-card").first.is_visible()
    assert w.page.locator(".lp-card").count() == len(plan.lead_measures("commerce")) + len(plan.co_measures("commerce"))


def test_unit_index_sorts_by_column(watched):
    w = watched("en/units/")
    total = lambda: [int(x) for x in w.page.eval_on_selector_all("#units-table tbody tr td:nth-child(5)", "els => els.map(e => e.textContent)")]
    w.page.click('#units-table button[data-col="4"]')
    asc = total()
    assert asc == sorted(asc)
    w.page.click('#units-table button[data-col="4"]')
    assert total() == sorted(asc, reverse=True)


@pytest.mark.parametrize("width", [390, 640])  # a phone; a 1280 px window at 200 % zoom
@pytest.mark.parametrize("path", ["", "en/places/", "en/places/shenfu/"])
def test_map_is_readable_on_a_phone_and_at_200_percent_zoom(browser, server, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    box = page.locator(".lp-map__svg").bounding_box()
    assert box["width"] >= width * 0.75 and box["x"] >= 0 and box["x"] + box["width"] <= width
    sizes = page.eval_on_selector_all(".lp-map__label", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(sizes) == 15 and min(sizes) >= 11  # labels at least 11 CSS px tall
    context.close()


def test_map_links_lead_to_the_city_pages(watched, server):
    w = watched("en/")
    w.page.locator('.lp-map__svg a[href="places/dandong/"]').click()
    w.page.wait_for_load_state("networkidle")
    assert w.page.url == server + "en/places/dandong/"
    assert w.page.locator("article h1").inner_text().startswith("Dandong")
    assert w.page.locator('.lp-map__svg a[aria-current="page"]').text_content() == "Dandong"


def test_map_prints(watched):
    w = watched("places/fuxin/")
    w.page.emulate_media(media="print")
    svg = w.page.locator(".lp-map__svg")
    assert svg.is_visible() and svg.bounding_box()["width"] > 300
    assert w.page.locator(".lp-map__legend").is_visible()
