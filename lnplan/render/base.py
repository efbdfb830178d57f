"""What every kind of page is built from: the page context, links to units and places, the plan's numbering of
headings, paragraphs, task cards and the head of each page (the link to the other language, description, JSON-LD).
All plan text is escaped here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Measure, Paragraph, Plan
from ..urls import node_anchor, page
from .html import a, block, esc, rel
from ..i18n import paren, t
from .targets import card_targets


@dataclass
class Rendered:
    """A page's Markdown plus what its <head> needs (description, JSON-LD)."""

    markdown: str
    description: str = ""
    jsonld: dict = field(default_factory=dict)


class Ctx:
    """The page being rendered: language and URL, for links."""

    def __init__(self, plan: Plan, lang: str, url: str):
        self.plan, self.lang, self.url = plan, lang, url

    def link(self, kind: str, ident: str = "") -> str:
        return rel(self.lang, self.url, self.lang, page(kind, ident))

    def to(self, url: str, lang: str | None = None) -> str:
        return rel(self.lang, self.url, lang or self.lang, url)

    def t(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)


def measure_anchor_url(m: Measure) -> str:
    return page("chapter", m.chapter) + "#" + node_anchor(m.id)


def unit_link(c: Ctx, unit_id: str, cls: str = "lp-unit") -> str:
    u = c.plan.units[unit_id]
    return a(c.link("unit", unit_id), esc(u.name[c.lang]), cls, f' title="{esc(u.full_name[c.lang])}"')


def place_link(c: Ctx, place_id: str) -> str:
    return a(c.link("place", place_id), esc(c.plan.places[place_id].name[c.lang]), "lp-place")


def paragraph_html(c: Ctx, p: Paragraph, anchor: bool = True) -> str:
    """A paragraph of the text; with anchor (its chapter page), its id is the paragraph's anchor. A paragraph the
    Chinese leads with ——, as the plan's lists of positionings and goals do, leads with a bullet in English, which
    takes no em dash (translation/STYLE.md, section 3)."""
    idattr = f' id="{node_anchor(p.id)}"' if p.id and anchor else ""
    if p.bullet:
        lead = f"<strong>{esc(p.lead[c.lang])}</strong>" if p.lead else ""
        mark, sep = ("——", "。") if c.lang == "zh" else ("• ", ". ")
        return f'<p class="lp-bullet"{idattr}>{mark}{lead}{sep if lead else ""}{esc(p.text[c.lang])}</p>'
    return f"<p{idattr}>{esc(p.text[c.lang])}</p>"


def paragraphs_block(c: Ctx, paras) -> str:
    return block("".join(paragraph_html(c, p) for p in paras)) if paras else ""


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def title_with_number(number: str, title: str, lang: str, kind: str, node_id: str = "") -> str:
    """A heading as the plan numbers it: 一、… / (一)… / 1.… in Chinese; I. … / (1) … / 1. … in English."""
    position = int(node_id.split(".")[-1]) if node_id else 0
    if kind == "chapter":
        return f"{number}、{title}" if lang == "zh" else f"{ROMAN[position - 1]}. {title}"
    if kind == "section":
        return f"{number}{title}" if lang == "zh" else f"({position}) {title}"
    return f"{number}.{title}" if lang == "zh" else f"{number}. {title}"


def lang_switch_note(c: Ctx) -> str:
    """A visible one-click link to the same page in the other language."""
    other = "en" if c.lang == "zh" else "zh"
    # Said once and plainly: on the English home and about pages (measure pages label the Chinese "authoritative").
    note = (
        f' <span class="lp-unofficial">{esc(c.t("unofficial"))}</span>'
        if c.lang == "en" and c.url in ("", "about/")
        else ""
    )
    return block(
        f'<p class="lp-otherlang" data-pagefind-ignore><a href="{esc(rel(c.lang, c.url, other, c.url))}" '
        f'hreflang="{other}" lang="{other}">{esc(c.t("other_lang"))}</a>{note}</p>'
    )


def description(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def jsonld(c: Ctx, name: str, desc: str, kind: str = "WebPage", **extra) -> dict:
    p = c.plan
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "description": desc,
        "inLanguage": "zh-CN" if c.lang == "zh" else "en",
        "isPartOf": {
            "@type": "Legislation",
            "name": p.title[c.lang],
            "legislationDate": p.notice.date,
            "legislationJurisdiction": c.plan.edition.jurisdiction.en,
            "author": {"@type": "GovernmentOrganization", "name": p.notice.issuer[c.lang]},
        },
        **extra,
    }


def place_reason_text(c: Ctx, m: Measure, place_id: str) -> str:
    """How the measure's text names the place, for the card on the place's page: by name, by a short form
    (沈本), or by a county or other place within it (桓仁)."""
    plan, place = c.plan, c.plan.places[place_id].name[c.lang]
    reasons = m.reasons_for(place_id)
    named = [r for r in reasons if r.reason == "named"]
    parts = []
    for r in named[:1] or list({r.form: r for r in reasons}.values()):
        if r.reason == "named":
            parts.append(c.t("reason_named", place=place, form=r.form))
        else:
            name = plan.place_names[r.form].name[c.lang]
            key = "reason_short_form" if r.reason == "short-form" else "reason_within"
            if key == "reason_within" and name == r.form:  # 长兴岛 (长兴岛, 属本市): the name once
                key = "reason_within_same"
            parts.append(c.t(key, place=place, form=r.form, name=name))
    return ("；" if c.lang == "zh" else " ").join(parts)


def task_card(c: Ctx, m: Measure, unit_id: str | None = None, why: str = "", role: str = "") -> str:
    """A measure as a card: the role of the unit or place whose page this is (牵头, 本市配合, 所在区域…), why it is
    listed, title, where it is in the plan, the other units and its targets."""
    ch = c.plan.chapter_of(m.id)
    others = [u for u in m.responsibility.units if u != unit_id]
    other_html = c.t("list_sep").join(
        unit_link(c, u)
        + (f"<small>{paren(esc(c.t('lead_marker')), c.lang)}</small>" if u == m.responsibility.lead else "")
        for u in others
    )
    tg = c.plan.targets_of(m.id)
    tg_html = (
        f'<p class="lp-card__targets"><span class="lp-label">{esc(c.t("targets") + c.t("colon"))}</span>'
        f"{card_targets(c, tg)}</p>"
        if tg
        else ""
    )
    role_html = (
        f'<p class="lp-card__role"><span class="lp-role lp-role--{esc(role)}">{esc(c.t("role_" + role))}</span></p>'
        if role
        else ""
    )
    why_html = f'<p class="lp-card__reason">{esc(why)}</p>' if why else ""
    chapter = a(
        c.to(measure_anchor_url(m)), esc(title_with_number(ch.number, ch.title[c.lang], c.lang, "chapter", ch.id))
    )
    return (
        f'<li class="lp-card">{role_html}<p class="lp-card__title"><a href="{esc(c.link("measure", m.id))}"><span '
        f'class="lp-id">{esc(m.id)}</span> {esc(m.title[c.lang])}</a></p>'
        f'{why_html}<p class="lp-card__context">{esc(m.citation[c.lang])} · {chapter}</p>'
        + (
            f'<p class="lp-card__others"><span class="lp-label">{esc(c.t("other_units") + c.t("colon"))}</span>'
            f"{other_html}</p>"
            if others
            else ""
        )
        + tg_html
        + "</li>"
    )


def task_list(
    c: Ctx,
    measures: list[Measure],
    unit_id: str | None = None,
    place_id: str | None = None,
    reason: Callable[[Ctx, Measure, str], str] | None = None,
    role: str | Callable[[Measure], str] = "",
) -> str:
    """Task cards; with place_id and reason, each card says why it is listed for that place (e.g. how the text
    names it: place_reason_text); role (a key, or a function of the measure) names the role on each card."""
    if not measures:
        return block(f"<p>{esc(c.t('none'))}</p>")
    return block(
        '<ol class="lp-cards">'
        + "".join(
            task_card(
                c,
                m,
                unit_id,
                reason(c, m, place_id) if reason and place_id else "",
                role(m) if callable(role) else role,
            )
            for m in measures
        )
        + "</ol>"
    )
