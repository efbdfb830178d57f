"""The change feed: valid Atom 1.0 per language, one entry per release, escaped, linked from every page's head."""

import dataclasses
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from lnplan.feed import atom, entry_id
from lnplan.model import Change, Release, Text

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/plan/"


def check_atom(data: bytes, site: str = SITE) -> ET.Element:
    """What RFC 4287 requires of a feed and its entries, and what feed readers rely on."""
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(data)
    assert root.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(A + tag)) == 1, tag
    assert root.find(f"{A}author/{A}name").text
    assert root.find(f"{A}link[@rel='self']").get("href").startswith(site)
    ids = []
    for entry in root.findall(A + "entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(A + tag)) == 1, tag
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(A + "updated").text)
        assert entry.find(f"{A}link[@rel='alternate']").get("href").startswith(site)
        ids.append(entry.find(A + "id").text)
        assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", ids[-1])
    assert len(ids) == len(set(ids))
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feed_is_valid_atom_with_one_entry_per_release_newest_first(plan, lang):
    root = check_atom(atom(plan, lang, SITE))
    entries = root.findall(A + "entry")
    assert [e.find(A + "id").text for e in entries] == [entry_id(plan, lang, r) for r in reversed(plan.releases)]
    assert [e.find(f"{A}link[@rel='alternate']").get("href").rsplit("#", 1)[1] for e in entries] == [
        "v" + r.version.replace(".", "-") for r in reversed(plan.releases)
    ]
    assert entries[0].find(A + "summary").text == plan.releases[-1].summary[lang]
    assert root.find(A + "updated").text == plan.releases[-1].date + "T00:00:00Z"
    assert root.find(f"{A}link[@rel='self']").get("href") == SITE + ("feed.xml" if lang == "zh" else "en/feed.xml")


def test_entry_ids_do_not_change_when_the_site_moves_and_no_feed_carries_a_local_address(plan):
    for lang in ("zh", "en"):
        ids = [
            ET.fromstring(atom(plan, lang, site)).findall(f"{A}entry/{A}id")
            for site in (SITE, "https://mirror.example.net/")
        ]
        assert [e.text for e in ids[0]] == [e.text for e in ids[1]]
        local = atom(plan, lang, "http://127.0.0.1:8000/")
        assert b"127.0.0.1" not in local and b"localhost" not in local
        root = check_atom(local, site="")  # links relative to the feed: its language's root
        assert root.find(f"{A}link[@rel='alternate']").get("href") == "changes/"
    assert {e.text for e in ET.fromstring(atom(plan, "zh", SITE)).iter(A + "id")}.isdisjoint(
        e.text for e in ET.fromstring(atom(plan, "en", SITE)).iter(A + "id")
    )


def test_feed_escapes_text_and_links_changed_records(plan):
    hostile = "<script>alert(1)</script> ]]> & {{ 7*7 }}"
    extra = Release(
        "9.0.0",
        "2030-01-01",
        "1.1.0",
        Text(hostile, hostile),
        ("fix-1",),
        (Change("measure", "2.1.1", "changed", ("translation",)), Change("unit", "gone", "removed")),
    )
    p = dataclasses.replace(plan, releases=(*plan.releases, extra))
    data = atom(p, "en", SITE)
    root = check_atom(data)
    first = root.find(A + "entry")
    assert first.find(A + "summary").text == hostile  # literally, after parsing
    assert b"<script>" not in data
    content = first.find(A + "content").text  # type="html": the HTML, escaped once in the XML
    assert (
        "&lt;script&gt;" in content and f'<a href="{SITE}en/measures/2.1.1/">2.1.1</a>' in content and "gone" in content
    )


def test_every_page_links_its_languages_feed(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(
            r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html
        )
        assert len(links) == 1, page
        # 404 pages link from the site's root path (SITE_URL's path is /); every other page relatively
        feed = (built_site / links[0][1:] if links[0].startswith("/") else page.parent / links[0]).resolve()
        lang_root = built_site / "en" if page.relative_to(built_site).parts[0] == "en" else built_site
        assert feed == (lang_root / "feed.xml").resolve(), page
    for lang_root in (built_site, built_site / "en"):
        check_feed = (lang_root / "feed.xml").read_bytes()
        assert feedparser.parse(check_feed).version == "atom10"
    data_page = (built_site / "en/data/index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml" type="application/atom+xml"' in data_page
