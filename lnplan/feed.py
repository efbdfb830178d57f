"""The change feed: an Atom 1.0 feed per language (feed.xml, en/feed.xml), one entry per release, newest first.
Built with xml.etree, so every text from plan/ is escaped by construction."""

from __future__ import annotations

import html
import uuid
import xml.etree.ElementTree as ET

from .model import Change, Plan, Release
from .i18n import CHANGE_KEYS, RECORD_KEYS, fields_text, release_heading, t
from .urls import LANG_PREFIX, page, public_root, release_anchor, target_url

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


def feed_path(lang: str) -> str:
    """Where the feed is, from the site root: feed.xml, en/feed.xml."""
    return LANG_PREFIX[lang] + FEED_FILE


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _record_url(plan: Plan, change: Change) -> str | None:
    """The changed record's page, from the language's root."""
    kinds = {"measure": plan.measures, "unit": plan.units, "place": plan.places}
    if change.record in kinds:
        return page(change.record, change.id) if change.id in kinds[change.record] else None
    return target_url(change.id) if change.id in plan.targets else None


def entry_id(plan: Plan, lang: str, release: Release) -> str:
    """A release's entry id: the same wherever the site is published (RFC 4122 name-based UUID of the dataset,
    the release and the language), so a feed reader never shows a release twice after the site moves."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{plan.edition.id}/releases/{release.version}/{lang}"))


def feed_id(plan: Plan, lang: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{plan.edition.id}/feed/{lang}"))


def _content(plan: Plan, lang: str, base: str, release: Release) -> str:
    """The entry's content as HTML (escaped again by etree, as type="html" requires)."""
    e = html.escape
    parts = [f"<p>{e(release.summary[lang])}</p>"]
    if release.corrections:
        listed = t("list_sep", lang).join(release.corrections)
        parts.append(f"<p>{e(t('corrections_in_release', lang) + t('colon', lang) + listed)}</p>")
    if release is plan.releases[0]:
        snap = plan.snapshots[release.version]
        counts = {k: len(snap[k]) for k in ("measures", "units", "places", "targets")}
        parts.append(f"<p>{e(t('first_release', lang, **counts))}</p>")
    items = []
    for ch in release.changes:
        url = _record_url(plan, ch)
        record = f'<a href="{e(base + url)}">{e(ch.id)}</a>' if url else e(ch.id)
        what = t(CHANGE_KEYS[ch.change], lang) + (t("colon", lang) + fields_text(ch, lang) if ch.fields else "")
        items.append(f"<li>{e(t(RECORD_KEYS[ch.record], lang))} {record}{e(t('colon', lang))}{e(what)}</li>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom(plan: Plan, lang: str, site_url: str) -> bytes:
    """The feed of one language. With the site's public address its links are absolute; without one they are
    relative to the feed (which is in the language's root), so no feed ever carries a loopback or private address.
    Ids do not depend on the address at all."""
    ET.register_namespace("", ATOM)
    root_url = public_root(site_url)
    base = root_url + LANG_PREFIX[lang] if root_url else ""  # links from the language's root
    changes_url = base + page("changes")
    root = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN" if lang == "zh" else "en"}
    )
    _sub(root, "id", feed_id(plan, lang))
    _sub(root, "title", t("feed_title", lang, site=plan.edition.title[lang]))
    _sub(root, "subtitle", t("changes_intro", lang))
    latest = plan.releases[-1].date if plan.releases else plan.notice.date
    _sub(root, "updated", _timestamp(latest))
    _sub(root, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    _sub(root, "link", rel="alternate", type="text/html", hreflang="zh-CN" if lang == "zh" else "en", href=changes_url)
    author = _sub(root, "author")
    _sub(author, "name", t("feed_author", lang))
    _sub(author, "uri", base + page("about"))
    _sub(root, "rights", t("feed_rights", lang))
    _sub(root, "generator", "lnplan")
    for release in reversed(plan.releases):
        entry = _sub(root, "entry")
        _sub(entry, "id", entry_id(plan, lang, release))
        _sub(entry, "title", t("feed_entry_title", lang, heading=release_heading(release, lang)))
        _sub(entry, "updated", _timestamp(release.date))
        _sub(entry, "published", _timestamp(release.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{changes_url}#{release_anchor(release)}")
        _sub(entry, "summary", release.summary[lang])
        _sub(entry, "content", _content(plan, lang, base, release), type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
