"""Check a built site: every local link, script, stylesheet and image resolves, every #anchor exists,
nothing is loaded from another host, and no page carries live code in an address or an attribute (a javascript:,
data: or vbscript: link or resource, an inline event handler such as onclick). Used by `make build` (after MkDocs)
and by the tests."""

from __future__ import annotations

import os
import re
import sys
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
                    f"<{tag} {attr}=…>: an inline event handler runs code from the page itself; "
                    "scripts come from the site's files"
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


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


class Pages:
    """The parsed pages of a site, each read once: parse() may run while another build step (Pagefind) writes
    files beside the pages, and check() then resolves every link against the files as they are at the end."""

    def __init__(self, site: Path, unsettled: str | None = None) -> None:
        self.site = site.resolve()
        self._parsed: dict[str, _Page] = {}
        # a directory of the site another step may still be writing (Pagefind's): check() notes whether any link
        # leads into it (self.unsettled_seen), and which pages it checked (self.checked)
        self.unsettled = os.path.join(str(self.site), unsettled) if unsettled else None
        self.unsettled_seen = False
        self.checked: list[Path] = []

    def page(self, path: str) -> _Page:
        found = self._parsed.get(path)
        if found is None:
            found = self._parsed[path] = _parse(Path(path))
        return found

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def parse(self, directory: Path | None = None, at: Path | None = None) -> Pages:
        """Read every page of the site; or every page under directory, as the page it will be once directory is
        moved to at (inside the site)."""
        if directory is None:
            for page in self.html_files():
                self.page(str(page))
            return self
        directory, at = directory.resolve(), (at or directory).resolve()
        for page in sorted(directory.rglob("*.html")):
            key = str(at / page.relative_to(directory))
            if key not in self._parsed:
                self._parsed[key] = _parse(page)
        return self

    def check(self, base_path: str = "/") -> list[str]:
        """Every problem with the site's links; base_path is the site's path on its host ('/' at the root of one)."""
        site = self.site
        problems = []
        targets: dict[tuple[str, str], str | None] = {}  # (directory, address) -> the file it leads to
        self.unsettled_seen, self.checked = False, self.html_files()
        for page in self.checked:
            rel = page.relative_to(site)
            parsed = self.page(str(page))
            problems += [f"{rel}: {p}" for p in parsed.live]
            folder = str(page.parent)
            for tag, attr, url in parsed.links:
                parts = urlsplit(url)
                if scheme(url) in (*LIVE_SCHEMES, "mailto", "tel"):
                    continue  # a live scheme is reported above; mail and phone links have no file to check
                if parts.scheme or url.startswith("//"):
                    if (tag, attr) in RESOURCE_ATTRS:
                        problems.append(
                            f'{rel}: <{tag} {attr}="{url}">: loads from another host; serve it from the site'
                        )
                    continue
                key = (folder, parts.path) if parts.path else (str(page), "")
                if key not in targets:
                    candidate = _candidate(str(site), str(page), folder, parts.path, base_path)
                    if (
                        self.unsettled
                        and candidate
                        and os.path.commonpath([candidate, self.unsettled]) == self.unsettled
                    ):
                        self.unsettled_seen = True
                    targets[key] = candidate if candidate and os.path.exists(candidate) else None
                dest = targets[key]
                if dest is None:
                    problems.append(f'{rel}: <{tag} {attr}="{url}">: no such file in the site')
                    continue
                if (
                    parts.fragment
                    and os.path.splitext(dest)[1] == ".html"
                    and unquote(parts.fragment) not in self.page(dest).ids
                ):
                    problems.append(
                        f"{rel}: <{tag} {attr}=\"{url}\">: no element with id '{parts.fragment}' in "
                        f"{Path(dest).relative_to(site)}"
                    )
        return problems


def _candidate(site: str, page: str, folder: str, raw_path: str, base_path: str) -> str | None:
    """The file a link (the path of its address) leads to if it exists, or None. A path from the host's root
    ('/plan/assets/x.js', as the 404 page writes them) is inside the site only under the site's own path on its host
    (base_path, '/plan/'). On strings: os.path is several times faster than pathlib, and a site has some 100,000
    links."""
    path = unquote(raw_path)
    if path == "":
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        dest = os.path.join(site, path[len(base_path) :])
    else:
        dest = os.path.join(folder, path)
    dest = os.path.realpath(dest)
    if os.path.isdir(dest):
        dest = os.path.join(dest, "index.html")
    return dest


def check(site: Path, base_path: str = "/") -> list[str]:
    """Every problem with the site's links; base_path is the site's path on its host ('/' at the root of one)."""
    return Pages(site).check(base_path)


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
