"""sitemap.xml and robots.txt as crawlers read them: valid against the sitemaps.org schema (with the xhtml:link
alternates), real lastmod dates from the release history, robots.txt pointing at both languages' sitemaps; and a
site built without a public address (as the session's build is) publishes no loopback or private address at all."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from lnplan.sitemap import lastmod, robots, sitemap
from lnplan.urls import page_specs

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "data" / "sitemap-with-hreflang.xsd"
SITE = "https://example.org/plan/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# An address of this machine or a private network, as a URL or a host with its port (the theme's script mentions
# "localhost" in a comment, which is not an address).
LOCAL = re.compile(
    rb"(?:https?:)?//(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|"
    rb"172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+)|127\.0\.0\.1:\d+|localhost:\d+"
)


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(SCHEMA))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sitemap_is_valid_and_lists_every_page_with_both_languages(plan, schema, lang):
    data = sitemap(plan, lang, SITE)
    schema.validate(data.decode("utf-8"))
    urls = ET.fromstring(data).findall(SM + "url")
    prefix = "" if lang == "zh" else "en/"
    assert [u.find(SM + "loc").text for u in urls] == [SITE + prefix + s.url for s in page_specs(plan)]
    for u, spec in zip(urls, page_specs(plan)):
        assert [(x.get("hreflang"), x.get("href")) for x in u.findall(XHTML + "link")] == [
            ("zh-CN", SITE + spec.url),
            ("en", SITE + "en/" + spec.url),
        ]


def test_lastmod_is_when_a_release_last_changed_the_page(plan):
    first, latest = plan.releases[0].date, plan.releases[-1].date
    changed = {c.id for c in plan.releases[-1].changes if c.record == "measure"}
    unchanged = [m for m in plan.measures if m not in changed]
    dates = {
        u.find(SM + "loc").text: u.find(SM + "lastmod").text
        for u in ET.fromstring(sitemap(plan, "zh", SITE)).findall(SM + "url")
    }
    assert dates[SITE + "measures/2.1.1/"] == latest and "2.1.1" in changed
    assert dates[SITE] == latest and dates[SITE + "changes/"] == latest
    if unchanged:  # a measure the latest release left alone: the date of the last release that changed it
        m = unchanged[0]
        touched = [r for r in plan.releases if any(c.record == "measure" and c.id == m for c in r.changes)]
        assert dates[f"{SITE}measures/{m}/"] == (touched[-1].date if touched else first)
    assert set(dates.values()) <= {r.date for r in plan.releases}
    assert lastmod(plan)["chapter", "2"] == latest


def test_robots_points_at_both_sitemaps():
    assert robots(SITE).decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        f"Sitemap: {SITE}sitemap.xml",
        f"Sitemap: {SITE}en/sitemap.xml",
    ]
    assert robots("http://127.0.0.1:8000/").decode() == "User-agent: *\nAllow: /\n"


def test_no_sitemap_without_a_public_address(plan):
    for site in ("", "http://127.0.0.1:8000/", "http://[::1]:8000/", "http://10.1.2.3/", "http://intranet/"):
        assert sitemap(plan, "zh", site) is None


def test_a_build_without_site_url_publishes_no_local_address(built_site):
    """The session's build uses http://127.0.0.1:8000/, as `make build` and `make serve` do by default."""
    files = [
        p for p in built_site.rglob("*") if p.is_file() and p.suffix != ".pf_fragment" and "pagefind" not in p.parts
    ]
    assert len(files) > 1000
    found = [str(p.relative_to(built_site)) for p in files if LOCAL.search(p.read_bytes())]
    assert found == []
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "en" / "sitemap.xml").exists()
    assert (built_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    page = (built_site / "measures" / "2.1.1" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
