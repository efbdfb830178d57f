"""The same docs tree, built by each engine: ProperDocs (MkDocs' maintained fork) gives the same pages byte for byte;
Zensical (Material's successor) gives every page of both languages with the same article: the same text and links
to the same places. Its theme around the article differs (README, *Engines*)."""

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SITE_URL, shared
from lnplan.build import build
from lnplan.reading.files import PLAN_DIR

pytestmark = pytest.mark.build
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def read(root, rel) -> str:
    return (root / rel).read_text(encoding="utf-8")


def pages(root) -> list:
    return sorted(p.relative_to(root) for p in root.rglob("*.html") if "pagefind" not in p.parts)


class Article(HTMLParser):
    """The text of a page's <article> and where each of its links leads (resolved against the page's address)."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.depth, self.text, self.links = url, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        href = dict(attrs).get("href")
        if self.depth and tag == "a" and href is not None and not href.startswith("#"):
            self.links.append(self.resolve(href))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)

    def resolve(self, href: str) -> str:
        if re.match(r"[a-z][a-z0-9+.-]*:", href):
            return href
        path, _, frag = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.url), path or "."))
        return target + ("#" + frag if frag else "")

    @classmethod
    def of(cls, root, rel) -> tuple[str, list[str]]:
        parser = cls("/" + str(rel))
        parser.feed(read(root, rel))
        return " ".join("".join(parser.text).split()), parser.links


def _engine(engine: str):
    def make(d: Path) -> dict:
        return {"site": str(d / "site"), "code": build(d / "site", SITE_URL, PLAN_DIR, engine=engine)}

    return make


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    built = {}
    for engine in ("properdocs", "zensical"):
        made = shared(tmp_path_factory, engine, _engine(engine))
        assert made["code"] == 0
        built[engine] = Path(made["site"])
    return built


def test_properdocs_builds_the_same_pages(built_site, engines):
    out = engines["properdocs"]
    # Pagefind writes its filter chunks in hash-map order, under names that hash their bytes: compare what it indexed.
    ours = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    theirs = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    assert ours == theirs
    entry = "pagefind/pagefind-entry.json"
    assert json.loads(read(built_site, entry))["languages"].keys() == json.loads(read(out, entry))["languages"].keys()
    assert {p.name for p in (built_site / "pagefind/fragment").iterdir()} == {
        p.name for p in (out / "pagefind/fragment").iterdir()
    }
    different = [
        str(p)
        for p in ours
        if p.suffix == ".html" and GENERATOR.sub("", read(built_site, p)) != GENERATOR.sub("", read(out, p))
    ]
    assert different == []


def test_zensical_builds_every_page_with_the_same_article(built_site, engines):
    out = engines["zensical"]
    ours = [p for p in pages(built_site) if p.name == "index.html"]
    assert len(ours) > 300 and set(ours) <= set(pages(out))
    different = [str(p) for p in ours if Article.of(built_site, p) != Article.of(out, p)]
    assert different == []
    # the same downloads, byte for byte (they come from the tree, not the engine)
    data = sorted(
        p.relative_to(built_site) for p in (built_site / "data").rglob("*") if p.is_file() and p.suffix != ".html"
    )
    data += [Path(p) for p in ("robots.txt", "feed.xml", "en/feed.xml")]
    assert [p for p in data if (built_site / p).read_bytes() != (out / p).read_bytes()] == []
    assert [p.name for p in (built_site, out) if (p / "sitemap.xml").exists()] == []  # none without a public address
