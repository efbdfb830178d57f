"""Full MkDocs builds: every page in both languages, a search index per language, escaping end to end,
pages generated from data, no third-party requests, a broken plan builds nothing."""

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL
from lnplan import checksite
from lnplan.build import build
from lnplan.urls import page_specs

pytestmark = pytest.mark.build


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_page_exists_in_both_languages(built_site, plan):
    for spec in page_specs(plan):
        zh = read(built_site, spec.url + "index.html")
        en = read(built_site, "en/" + spec.url + "index.html")
        assert '<html lang="zh"' in zh and '<html lang="en"' in en, spec
    zh = read(built_site, "measures/4.1.2.3/index.html")
    en = read(built_site, "en/measures/4.1.2.3/index.html")
    assert "<title>4.1.2.3 推进太平湾合作创新区建设" in zh
    assert re.search(r"<title>4\.1\.2\.3 [A-Z][^<]+ - Liaoning", en)


def test_headings_show_no_stray_backslashes(built_site):
    for page in ("en/charts/index.html", "charts/index.html", "en/plan/4/index.html", "units/commerce/index.html"):
        headings = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", read(built_site, page), re.S)
        assert headings and not [h for h in headings if "\\" in h], page
    assert "Responsibility matrix: measures led" in read(built_site, "en/charts/index.html")


def test_language_switcher_stays_on_the_same_page(built_site):
    zh = read(built_site, "measures/2.1.1/index.html")
    en = read(built_site, "en/measures/2.1.1/index.html")
    assert 'href="../../en/measures/2.1.1/" hreflang="en"' in zh
    assert 'href="../../../measures/2.1.1/" hreflang="zh"' in en
    alternates = re.findall(r'<link[^>]+rel="alternate"[^>]*>', zh + en)
    assert [x for x in alternates if "hreflang" in x] == []  # hreflang pairs live in the sitemap (the feed link stays)
    # the session's build has no public address, so no sitemap (tests/test_sitemap.py checks one for a public address)
    assert not (built_site / "sitemap.xml").exists()


def test_open_graph_and_json_ld(built_site):
    html = read(built_site, "en/measures/2.1.1/index.html")
    assert '<meta property="og:title" content="2.1.1 Build a national modern comprehensive hub">' in html
    assert 'property="og:url"' not in html  # only with a public address (not 127.0.0.1)
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["identifier"] == "2.1.1" and ld["isPartOf"]["legislationDate"] == "2022-01-31"


def test_each_language_has_its_own_search_index_and_entity_list(built_site, plan):
    entry = json.loads(read(built_site, "pagefind/pagefind-entry.json"))
    indexed = len(page_specs(plan)) - 1  # every page but the search page itself (and the 404 page)
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"zh": indexed, "en": indexed}
    zh = json.loads(read(built_site, "search/entities.json"))
    en = json.loads(read(built_site, "en/search/entities.json"))
    assert ["unit", "units/commerce/", "省商务厅"] == next(e for e in zh["entities"] if e[1] == "units/commerce/")[:3]
    assert "Provincial Department of Commerce" == next(e for e in en["entities"] if e[1] == "units/commerce/")[2]
    assert zh["strings"]["search_none"] != en["strings"]["search_none"]


def test_no_invisible_characters_in_any_page_or_search_file(built_site):
    invisible = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
    files = [*built_site.rglob("*.html"), *built_site.rglob("entities.json")]
    assert len(files) > 290
    assert [str(f.relative_to(built_site)) for f in files if invisible.search(f.read_text(encoding="utf-8"))] == []


def test_a_failed_search_index_builds_nothing(built_site, monkeypatch, tmp_path, capsys):
    from lnplan import build as b
    from lnplan import fulltext
    from lnplan.reading.files import PLAN_DIR

    def built(plan, plan_dir, tmp, *args):  # both editions as the engines build them (the session's build)
        return Path(shutil.copytree(built_site, tmp / "zh" / "site", ignore=shutil.ignore_patterns("pagefind")))

    monkeypatch.setattr(b, "build_site", built)
    monkeypatch.setattr(fulltext, "PAGEFIND_ARGS", ["--no-such-option"])
    out = tmp_path / "site"
    out.mkdir()
    (out / "previous.html").write_text("the previous site", encoding="utf-8")
    (out / ".lnplan-site").write_text("", encoding="utf-8")  # a site an earlier build wrote
    assert build(out, SITE_URL, PLAN_DIR) == 1
    assert "Pagefind failed" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [".lnplan-site", "previous.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nor anything beside it


def test_links_anchors_and_no_third_party_requests(built_site):
    assert checksite.check(built_site) == []
    for page in ("index.html", "en/measures/2.1.1/index.html"):
        html = read(built_site, page)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        assert not re.search(r'<script[^>]+src="(https?:)?//', html)
        stylesheets = re.findall(r'<link[^>]+rel="(?:stylesheet|preload|preconnect|icon|modulepreload)"[^>]*>', html)
        assert stylesheets and not [s for s in stylesheets if re.search(r'href="(https?:)?//', s)]


def test_link_checker_catches_a_broken_link_and_a_third_party_script(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "units" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>",
            '<a href="../nowhere/">x</a><a href="../plan/1/#missing">y</a><script src="https://cdn.example.com/x.js"></script></body>',
        ),
        encoding="utf-8",
    )
    problems = checksite.check(site)
    assert any("../nowhere/" in p for p in problems)
    assert any("no element with id 'missing'" in p for p in problems)
    assert any("loads from another host" in p for p in problems)


def test_downloads_are_in_the_site_and_linked_from_both_data_pages(built_site):
    for f in (
        "plan.json",
        "plan.schema.json",
        "measures.csv",
        "units.csv",
        "targets.csv",
        "datapackage.json",
        "tasks.xlsx",
        "units/commerce.xlsx",
    ):
        assert (built_site / "data" / f).is_file()
    assert 'href="../data/plan.json"' not in read(built_site, "data/index.html")  # relative to /data/ itself
    assert 'href="plan.json" download' in read(built_site, "data/index.html")
    assert 'href="../../data/plan.json" download' in read(built_site, "en/data/index.html")


@pytest.fixture(scope="module")
def fixture_site(hostile):
    """The plan plus one new measure (2.1.6) led by one new unit, and hostile text in measure 2.1.2 (and elsewhere:
    conftest.hostile_plan)."""
    return hostile["site"]


def test_a_new_measure_and_unit_get_their_pages_and_index_rows(fixture_site):
    for lang in ("", "en/"):
        measure = read(fixture_site, lang + "measures/2.1.6/index.html")
        assert "省新设局" in measure or "Provincial New Bureau" in measure
        unit = read(fixture_site, lang + "units/new-bureau/index.html")
        assert "2.1.6" in unit
        assert 'href="new-bureau/"' in read(fixture_site, lang + "units/index.html")
        assert "2.1.6" in read(fixture_site, lang + "places/yingkou/index.html")
        assert "2.1.6" in read(fixture_site, lang + "plan/2/index.html")
    assert (fixture_site / "data/units/new-bureau.xlsx").is_file()
    assert any(m["id"] == "2.1.6" for m in json.loads(read(fixture_site, "data/plan.json"))["measures"])


@pytest.mark.parametrize(
    "page",
    [
        "measures/2.1.2/index.html",
        "en/measures/2.1.2/index.html",
        "plan/2/index.html",
        "units/industry-and-information-technology/index.html",
    ],
)
def test_hostile_text_shows_literally_everywhere(fixture_site, page):
    html = read(fixture_site, page)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    shown = unescape(html)  # as the browser shows it
    assert "{{ 7*7 }}" in shown and "{% raw %}" in shown
    assert "{% raw %}|*bold*" in shown  # Markdown punctuation shown as typed, not as emphasis or a table
    body = html.split("<article", 1)[1]
    assert "<em>bold</em>" not in body and ">49<" not in body


def test_a_broken_plan_builds_nothing_and_says_why(tmp_path):
    from lnplan.reading.files import PLAN_DIR

    plan_dir = tmp_path / "plan"
    shutil.copytree(PLAN_DIR, plan_dir)
    text = (plan_dir / "units.yaml").read_text(encoding="utf-8").replace("kind: collective", "kind: [collective", 1)
    (plan_dir / "units.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "previous.html").write_text("the previous site", encoding="utf-8")
    (out / ".lnplan-site").write_text("", encoding="utf-8")  # a site an earlier build wrote
    r = subprocess.run(
        [sys.executable, "-m", "lnplan.build", "--plan", str(plan_dir), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    assert "units.yaml:" in r.stderr and "YAML syntax error" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in out.iterdir()) == [".lnplan-site", "previous.html"]


def test_links_from_the_host_root_resolve_under_the_sites_own_path(tmp_path):
    """The 404 page links its assets from the host's root (/lnplan/assets/…), as a site under a sub-path must."""
    from lnplan import checksite

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("")
    (tmp_path / "404.html").write_text('<script src="/lnplan/assets/x.js"></script><a href="/other/">x</a>')
    problems = checksite.check(tmp_path, "/lnplan/")
    assert problems == ['404.html: <a href="/other/">: no such file in the site']
    assert len(checksite.check(tmp_path, "/")) == 2
