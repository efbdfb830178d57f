"""Check a built site: every local link, script, stylesheet and image resolves, every #anchor exists,
nothing is loaded from another host, and no page carries live code in an address or an attribute (a javascript:,
data: or vbscript: link or resource, an inline event handler such as onclick). Used by `make build` (after MkDocs)
and by the tests."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src")}
# Every attribute whose value a browser follows, loads or submits to (HTML, SVG), and the schemes that run or show
# code: a javascript: or vbscript: link runs a script when clicked, a data: address shows a page the site never wrote.
URL_ATTRS = {
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
    "longdesc",
    "usemap",
    "manifest",
    "ping",
    "icon",
    "codebase",
    "archive",
    "lowsrc",
    "dynsrc",
    "xlink:href",
}
LIVE_SCHEMES = ("javascript", "data", "vbscript")


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def scheme(url: str) -> str | None:
    """The scheme of an address as a browser reads it: leading spaces and controls dropped, tabs and line breaks
    anywhere ignored, case folded (so ' JaVa&#9;ScRiPt:' is javascript)."""
    m = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\t\n\r]", "", url).lstrip(_C0_AND_SPACE).lower())
    return m.group(1) if m else None


def _addresses(attr: str, value: str) -> list[str]:
    """The addresses an attribute's value holds: a srcset lists several; a refresh gives one after 'url='."""
    if attr in ("srcset", "imagesrcset"):
        return [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
    return [value]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attr, url)
        self.live: list[str] = []  # what is wrong, for each piece of live code in an attribute
        self.rels: dict[str, str] = {}

    def _live_code(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for attr, value in attrs:
            value = value or ""
            if attr.startswith("on"):
                self.live.append(
                    f"<{tag} {attr}=…>: an inline event handler runs code from the page itself; scripts come from the site's files"
                )
            refresh = (
                tag == "meta"
                and attr == "content"
                and ("http-equiv", "refresh") in [(k, (v or "").lower()) for k, v in attrs]
            )
            urls = (
                re.findall(r"url\s*=\s*['\"]?([^'\"]*)", value, re.I)
                if refresh
                else _addresses(attr, value)
                if attr in URL_ATTRS
                else []
            )
            for url in urls:
                if scheme(url) in LIVE_SCHEMES:
                    self.live.append(
                        f'<{tag} {attr}="{url[:60]}">: a {scheme(url)}: address runs or shows code the site does not '
                        "vouch for; link only to pages of the site or to https:// and http:// addresses"
                    )

    def handle_starttag(self, tag, attrs):
        self._live_code(tag, attrs)
        d = dict(attrs)
        if "id" in d and d["id"]:
            self.ids.add(d["id"])
        if tag == "a" and d.get("name"):
            self.ids.add(d["name"])
        for attr in ("href", "src"):
            if d.get(attr):
                if tag == "link" and d.get("rel") in ("canonical", "alternate"):
                    continue  # absolute URLs of this site, checked separately
                self.links.append((tag, attr, d[attr]))


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _target(site: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file a link leads to, or None. A path from the host's root ('/plan/assets/x.js', as the 404 page writes
    them) is inside the site only under the site's own path on its host (base_path, '/plan/')."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path == "":
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        dest = site / path[len(base_path) :]
    else:
        dest = page.parent / path
    dest = dest.resolve()
    if dest.is_dir():
        dest = dest / "index.html"
    return dest if dest.exists() else None


def check(site: Path, base_path: str = "/") -> list[str]:
    """Every problem with the site's links; base_path is the site's path on its host ('/' at the root of one)."""
    site = site.resolve()
    problems = []
    _parse.cache_clear()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        problems += [f"{rel}: {p}" for p in _parse(page).live]
        for tag, attr, url in _parse(page).links:
            parts = urlsplit(url)
            if scheme(url) in (*LIVE_SCHEMES, "mailto", "tel"):
                continue  # a live scheme is reported above; mail and phone links have no file to check
            if parts.scheme or url.startswith("//"):
                if (tag, attr) in RESOURCE_ATTRS:
                    problems.append(f'{rel}: <{tag} {attr}="{url}">: loads from another host; serve it from the site')
                continue
            dest = _target(site, page, url, base_path)
            if dest is None:
                problems.append(f'{rel}: <{tag} {attr}="{url}">: no such file in the site')
                continue
            if parts.fragment and dest.suffix == ".html" and unquote(parts.fragment) not in _parse(dest).ids:
                problems.append(
                    f"{rel}: <{tag} {attr}=\"{url}\">: no element with id '{parts.fragment}' in {dest.relative_to(site)}"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    problems = check(site)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} broken link(s), third-party request(s) or piece(s) of live code in {site}",
            file=sys.stderr,
        )
        return 1
    print(f"ok: every link and anchor in {site} resolves; nothing loads from another host; no live code in an address")
    return 0


if __name__ == "__main__":
    sys.exit(main())
