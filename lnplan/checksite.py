"""Check a built site: every local link, script, stylesheet and image resolves, every #anchor exists,
and nothing is loaded from another host. Used by `make build` (after MkDocs) and by the tests."""
from __future__ import annotations

import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {("script", "src"), ("link", "href"), ("img", "src"), ("source", "src"), ("iframe", "src")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attr, url)
        self.rels: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
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
        dest = site / path[len(base_path):]
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
        for tag, attr, url in _parse(page).links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "data", "javascript", "tel"):
                continue
            if parts.scheme or url.startswith("//"):
                if (tag, attr) in RESOURCE_ATTRS:
                    problems.append(f"{rel}: <{tag} {attr}=\"{url}\">: loads from another host; serve it from the site")
                continue
            dest = _target(site, page, url, base_path)
            if dest is None:
                problems.append(f"{rel}: <{tag} {attr}=\"{url}\">: no such file in the site")
                continue
            if parts.fragment and dest.suffix == ".html" and unquote(parts.fragment) not in _parse(dest).ids:
                problems.append(f"{rel}: <{tag} {attr}=\"{url}\">: no element with id '{parts.fragment}' in {dest.relative_to(site)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    problems = check(site)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} broken link(s) or third-party request(s) in {site}", file=sys.stderr)
        return 1
    print(f"ok: every link and anchor in {site} resolves; nothing loads from another host")
    return 0


if __name__ == "__main__":
    sys.exit(main())
