"""Where each thing lives on the site: every page's URL and source file, and every anchor. Paths are relative to a
language's root ('' for zh, 'en/' for en). The one place URLs and anchors are made; pages, downloads, the feed and
the search entities all ask here."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from .model import LANGS, Change, Correction, Plan, Release

LANG_PREFIX = {"zh": "", "en": "en/"}


def page(kind: str, ident: str = "") -> str:
    """Directory URL of a generated page, e.g. page('measure', '2.1.1') -> 'measures/2.1.1/'."""
    return {
        "home": "",
        "plan": "plan/",
        "chapter": f"plan/{ident}/",
        "measure": f"measures/{ident}/",
        "units": "units/",
        "unit": f"units/{ident}/",
        "places": "places/",
        "place": f"places/{ident}/",
        "targets": "targets/",
        "glossary": "glossary/",
        "data": "data/",
        "about": "about/",
        "charts": "charts/",
        "corrections": "corrections/",
        "changes": "changes/",
        "search": "search/",
    }[kind]


def absolute(lang: str, url: str) -> str:
    """Path from the site root, e.g. ('en', 'measures/2.1.1/') -> 'en/measures/2.1.1/'."""
    return LANG_PREFIX[lang] + url


def record_urls(kind: str, ident: str = "") -> dict[str, str]:
    """A page's path from the site root in each language, as the downloads give it."""
    return {lang: absolute(lang, page(kind, ident)) for lang in LANGS}


# ---- the page list -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSpec:
    src: str  # file under docs/ (generated)
    url: str  # directory URL, relative to the language root
    kind: str
    ident: str = ""


def source_file(url: str) -> str:
    """The Markdown file under docs/ that gives a page its directory URL."""
    if url == "":
        return "index.md"
    if url in ("plan/", "units/", "places/"):
        return url + "index.md"
    return url.rstrip("/") + ".md"


def page_specs(plan: Plan) -> list[PageSpec]:
    """Every page of one language's site, in the order of the plan."""
    specs = [
        ("home", ""),
        ("plan", ""),
        *[("chapter", c.id) for c in plan.chapters],
        ("units", ""),
        ("places", ""),
        ("targets", ""),
        ("charts", ""),
        ("glossary", ""),
        ("data", ""),
        ("changes", ""),
        ("about", ""),
        ("corrections", ""),
        ("search", ""),
        *[("measure", m) for m in plan.measures],
        *[("unit", u) for u in plan.units],
        *[("place", p) for p in plan.places],
    ]
    out = [PageSpec(source_file(page(kind, ident)), page(kind, ident), kind, ident) for kind, ident in specs]
    seen: dict[str, PageSpec] = {}
    for spec in out:  # the validator reserves ids such as 'index'; this guards the page list itself
        if spec.src in seen:
            raise ValueError(
                f"two pages would be written to {spec.src}: {seen[spec.src].kind} {seen[spec.src].ident!r} "
                f"and {spec.kind} {spec.ident!r}"
            )
        seen[spec.src] = spec
    return out


# ---- anchors -----------------------------------------------------------------------------------------


def node_anchor(node_id: str) -> str:
    """A section, item, measure or paragraph on its chapter page: '2.1.1' -> 'm-2-1-1'."""
    return "m-" + node_id.replace(".", "-")


def node_url(node_id: str) -> str:
    """A node of the text in its chapter: '2.1.1' -> 'plan/2/#m-2-1-1'; a chapter id is the chapter page."""
    chapter = page("chapter", node_id.split(".")[0])
    return chapter + "#" + node_anchor(node_id) if "." in node_id else chapter


def target_anchor(target_id: str) -> str:
    return "t-" + target_id.replace(".", "-")


def target_url(target_id: str) -> str:
    return page("targets") + "#" + target_anchor(target_id)


def term_anchor(term_id: str) -> str:
    return "g-" + term_id


def term_url(term_id: str) -> str:
    return page("glossary") + "#" + term_anchor(term_id)


def source_anchor(source_id: str) -> str:
    """A source of the map data, in the places index's list of sources."""
    return "src-" + source_id


def source_url(source_id: str) -> str:
    return page("places") + "#" + source_anchor(source_id)


def correction_url(correction_id: str) -> str:
    """A correction on the corrections page, e.g. 'corrections/#C001'."""
    return page("corrections") + "#" + correction_id


def correction_target_page(c: Correction) -> str:
    """The page that shows what a correction corrects: its measure, unit, place or target, the glossary, the plan's
    index, the chapter holding the text, the places index (a map source or a place name) or the data page (a
    vocabulary's label)."""
    if c.measure:
        return page("measure", c.measure)
    if c.target_type == "target":
        return target_url(c.target)
    if c.target_type in ("unit", "place"):
        return page(c.target_type, c.target)
    if c.target_type == "term":
        return term_url(c.target)
    if c.target_type == "document":
        return page("plan")
    if c.target_type == "source":
        return source_url(c.target)
    if c.target_type == "place_name":
        return page("places")
    if c.target_type == "vocabulary":
        return page("data")
    return node_url(c.target)


def release_anchor(release: Release | None) -> str:
    """A release on the changes page ('v1-1-0'), or the changes not yet released."""
    return "v" + release.version.replace(".", "-") if release else "unreleased"


def entry_anchor(release: Release | None, change: Change) -> str:
    return f"{release_anchor(release)}-{change.record}-{change.id.replace('.', '-')}"


def entry_url(release: Release | None, change: Change) -> str:
    return page("changes") + "#" + entry_anchor(release, change)


# ---- the public address ------------------------------------------------------------------------------


def public_root(site_url: str) -> str:
    """The site's public address, ending in '/', or '' when site_url is not one: empty, not http(s), or a host that
    only this machine or a private network reaches (localhost, 127.0.0.1, ::1, 10.x, 192.168.x, a name with no
    dot…). Every absolute URL in a published file is made from this, so a site built without a public SITE_URL
    carries relative links only and never a loopback or private address."""
    parts = urlsplit(site_url or "")
    host = (parts.hostname or "").rstrip(".").lower()
    if (
        parts.scheme not in ("http", "https")
        or not host
        or host == "localhost"
        or host.endswith((".localhost", ".local", ".internal"))
    ):
        return ""
    try:
        if not ipaddress.ip_address(host).is_global:
            return ""
    except ValueError:
        if "." not in host:
            return ""
    return site_url if site_url.endswith("/") else site_url + "/"
