"""sitemap.xml (one per language) and robots.txt.

Each sitemap lists every page of its language with its public address, the date it last changed (from the release
history: a measure, unit or place page when a release last changed that record, a chapter when one of its measures
changed, any other page at the latest release) and its two language versions (xhtml:link hreflang, after the
sitemaps.org elements as the sitemaps.org schema requires). A sitemap needs absolute addresses: a site with no
public address gets none, and its robots.txt names no sitemap. Built with xml.etree, so text is escaped by
construction."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .model import LANGS, Plan
from .releases import history
from .urls import LANG_PREFIX, PageSpec, absolute, page_specs, public_root

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
HREFLANG = {"zh": "zh-CN", "en": "en"}
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"


def _latest(plan: Plan) -> str:
    return plan.releases[-1].date if plan.releases else plan.notice.date


def lastmod(plan: Plan) -> dict[tuple[str, str], str]:
    """The date each record page last changed in a release, by (kind, id); chapters by their measures."""
    out: dict[tuple[str, str], str] = {}
    for (record, ident), entries in history(plan).items():
        dates = [e.release.date for e in entries if e.release is not None]
        if dates and record in ("measure", "unit", "place"):
            out[record, ident] = max(dates)
    for m in plan.measures.values():
        if ("measure", m.id) in out:
            key = ("chapter", m.chapter)
            out[key] = max(out.get(key, ""), out["measure", m.id])
    return out


def _date(plan: Plan, dates: dict, spec: PageSpec) -> str:
    return dates.get(
        (spec.kind, spec.ident),
        _latest(plan)
        if spec.kind not in ("measure", "unit", "place", "chapter")
        else plan.releases[0].date
        if plan.releases
        else plan.notice.date,
    )


def sitemap(plan: Plan, lang: str, site_url: str) -> bytes | None:
    """The sitemap of one language's pages, or None when the site has no public address."""
    root_url = public_root(site_url)
    if not root_url:
        return None
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    dates = lastmod(plan)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for spec in page_specs(plan):
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = root_url + absolute(lang, spec.url)
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = _date(plan, dates, spec)
        for alt in LANGS:
            ET.SubElement(
                url,
                f"{{{XHTML_NS}}}link",
                rel="alternate",
                hreflang=HREFLANG[alt],
                href=root_url + absolute(alt, spec.url),
            )
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(site_url: str) -> bytes:
    """robots.txt for the site's root: everything may be crawled; both languages' sitemaps, where there are any."""
    root_url = public_root(site_url)
    lines = ["User-agent: *", "Allow: /"]
    if root_url:
        lines += [""] + [f"Sitemap: {root_url}{LANG_PREFIX[lang]}{SITEMAP_FILE}" for lang in LANGS]
    return ("\n".join(lines) + "\n").encode("utf-8")
