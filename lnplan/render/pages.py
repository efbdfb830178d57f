"""One function per kind of page. Each takes the plan, the language and the page's own URL, and
returns Markdown (headings) with raw HTML blocks (content). All plan text is escaped here."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import cite
from ..model import Measure, Paragraph, Plan, Target
from ..punctuation import clause_as_written
from ..urls import node_anchor, page, target_anchor, target_url, term_anchor
from .corrections import corrections_list, fact_source_html
from .history import measure_history
from .html import a, block, esc, heading, rel
from ..i18n import group_sep, paren, t
from .map import map_figure, members_html, place_facts, sources_list


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


# ---- fragments ------------------------------------------------------------------

def unit_link(c: Ctx, unit_id: str, cls: str = "lp-unit") -> str:
    u = c.plan.units[unit_id]
    return a(c.link("unit", unit_id), esc(u.name[c.lang]), cls, f' title="{esc(u.full_name[c.lang])}"')


def place_link(c: Ctx, place_id: str) -> str:
    return a(c.link("place", place_id), esc(c.plan.places[place_id].name[c.lang]), "lp-place")


def responsibility_html(c: Ctx, m: Measure) -> str:
    r = m.responsibility
    sep = "、" if c.lang == "zh" else ", "
    gsep = group_sep(c.lang)
    groups = []
    for g in r.co_groups:
        if not g.units:  # only the lead was named in this group, then 等
            groups.append(f'<span class="lp-etc">{esc(c.t("others"))}</span>')
            continue
        etc = f' <span class="lp-etc">{esc(c.t("etc"))}</span>' if g.etc else ""
        groups.append(sep.join(unit_link(c, u) for u in g.units) + etc)
    co = gsep.join(groups) or esc(c.t("none"))
    raw = f'<p class="lp-raw"><span class="lp-label">{esc(c.t("clause_as_written"))}:</span> <span lang="zh">{esc(clause_as_written(r.raw))}</span></p>' if c.lang == "en" else ""
    return (f'<dl class="lp-resp"><dt>{esc(c.t("lead"))}</dt><dd>{unit_link(c, r.lead, "lp-unit lp-unit--lead")}</dd>'
            f'<dt>{esc(c.t("co"))}</dt><dd>{co}</dd></dl>{raw}')


def value_text(plan: Plan, tg: Target, lang: str) -> str:
    comp = plan.comparators[tg.comparator].label[lang]
    if tg.value is None:
        return f"{comp} {tg.benchmark[lang]}" if tg.benchmark else comp
    mu = plan.measure_units[tg.unit]
    if lang == "zh":
        v = f"{tg.value:g}" if isinstance(tg.value, float) else str(tg.value)
        return f"{comp} {v}{mu.label.zh}"
    if tg.unit == "percent":
        return f"{comp} {tg.value:g}%"
    if tg.unit == "rank":
        return f"{comp} {tg.value}"
    n = tg.value * mu.multiplier
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if n >= size:
            q = n / size
            num = f"{q:,.0f}" if float(q).is_integer() else f"{q:g}"
            return f"{comp} {num} {word} {mu.label.en}".rstrip()
    return f"{comp} {n:,.0f} {mu.label.en}".rstrip()


def targets_table(c: Ctx, targets: list[Target], with_source: bool = False, with_scope: bool = True) -> str:
    if not targets:
        return ""
    head = [c.t("id"), c.t("metric"), c.t("target_value")]
    if with_scope:
        head.append(c.t("scope"))
    head += [c.t("aspirational"), c.t("annual")]
    if with_source:
        head.append(c.t("source"))
    rows = []
    for tg in targets:
        cells = [f'<a href="{esc(c.to(target_url(tg.id)))}">{esc(tg.id)}</a>', esc(tg.metric[c.lang]), esc(value_text(c.plan, tg, c.lang))]
        if with_scope:
            cells.append(("、" if c.lang == "zh" else ", ").join(place_link(c, p) for p in tg.scope))
        cells += [esc(c.t("yes") if tg.aspirational else c.t("no")), esc(c.t("yes") if tg.annual else c.t("no"))]
        if with_source:
            if tg.measure:
                cells.append(a(c.link("measure", tg.measure), esc(tg.source)))
            else:
                cells.append(a(c.to(page("chapter", "1") + "#" + node_anchor(tg.source)), esc(tg.source)))
        rows.append("<tr>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    ths = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    return f'<div class="lp-table-wrap lp-targets"><table><thead><tr>{ths}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def implied_forms(m: Measure, place_id: str) -> list[str]:
    """The short forms and county or other place names by which the text implies a place it does not name outright."""
    reasons = m.reasons_for(place_id)
    if any(r.reason == "named" for r in reasons):
        return []
    return list(dict.fromkeys(r.form for r in reasons))


def places_html(c: Ctx, place_ids, m: Measure | None = None) -> str:
    if not place_ids:
        return ""
    sep = "、" if c.lang == "zh" else ", "

    def item(p: str) -> str:
        forms = implied_forms(m, p) if m else []
        via = "<small>" + paren(f'<span lang="zh">{esc(sep.join(forms))}</span>', c.lang) + "</small>" if forms else ""
        return f"<li>{place_link(c, p)}{via}</li>"
    items = "".join(item(p) for p in place_ids)
    return f'<div class="lp-places"><span class="lp-label">{esc(c.t("places") + c.t("colon"))}</span><ul class="lp-tags">{items}</ul></div>'



def measure_body(c: Ctx, m: Measure, on_measure_page: bool) -> str:
    """Text, responsibility, places and targets of a measure, as one HTML block."""
    parts = []
    lang_attr = ' lang="zh"' if c.lang == "zh" else ' lang="en"'
    parts.append(f'<p class="lp-text"{lang_attr}>{esc(m.text[c.lang])}</p>')
    if c.lang == "en" and on_measure_page:
        zh_title = f"{esc(m.own_title.zh)}。" if m.own_title else ""
        parts.append(f'<details class="lp-original" open><summary>{esc(c.t("zh_original"))}</summary>'
                     f'<p lang="zh">{zh_title}{esc(m.text.zh)}{esc(clause_as_written(m.responsibility.raw))}</p></details>')
    parts.append(responsibility_html(c, m))
    parts.append(places_html(c, m.places, m))
    tgs = c.plan.targets_of(m.id)
    if tgs:
        parts.append(f'<p class="lp-label">{esc(c.t("targets") + c.t("colon"))}</p>' + targets_table(c, tgs))
    if not on_measure_page:
        parts.append(f'<p class="lp-permalink">{a(c.link("measure", m.id), esc(c.t("permalink")) + " " + esc(m.id))}</p>')
    # On chapter pages the measure's own page is what search should find: the text is indexed there once.
    exclude = "" if on_measure_page else " data-pagefind-ignore"
    return block(f'<div class="lp-measure" data-measure="{esc(m.id)}"{exclude}>' + "".join(parts) + "</div>")


def paragraph_html(c: Ctx, p: Paragraph) -> str:
    idattr = f' id="{node_anchor(p.id)}"' if p.id else ""
    if p.bullet:
        lead = f"<strong>{esc(p.lead[c.lang])}</strong>" if p.lead else ""
        sep = "。" if c.lang == "zh" else ". "
        return f'<p class="lp-bullet"{idattr}>——{lead}{sep if lead else ""}{esc(p.text[c.lang])}</p>'
    return f'<p{idattr}>{esc(p.text[c.lang])}</p>'


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
    note = f' <span class="lp-unofficial">{esc(c.t("unofficial"))}</span>' if c.lang == "en" and c.url in ("", "about/") else ""
    return block(f'<p class="lp-otherlang" data-pagefind-ignore><a href="{esc(rel(c.lang, c.url, other, c.url))}" hreflang="{other}" lang="{other}">{esc(c.t("other_lang"))}</a>{note}</p>')


def description(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def jsonld(c: Ctx, name: str, desc: str, kind: str = "WebPage", **extra) -> dict:
    p = c.plan
    return {"@context": "https://schema.org", "@type": kind, "name": name, "description": desc,
            "inLanguage": "zh-CN" if c.lang == "zh" else "en",
            "isPartOf": {"@type": "Legislation", "name": p.title[c.lang], "legislationDate": p.notice.date,
                         "legislationJurisdiction": "Liaoning, China",
                         "author": {"@type": "GovernmentOrganization", "name": p.notice.issuer[c.lang]}},
            **extra}


# ---- pages ------------------------------------------------------------------------

def chapter_page(plan: Plan, lang: str, url: str, chapter_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    ch = plan.chapters[int(chapter_id) - 1]
    out = [heading(1, title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)), lang_switch_note(c)]
    if ch.region:
        out.append(block(f'<p class="lp-region">{esc(t("region", lang) + t("colon", lang))}{place_link(c, ch.region)}</p>'))
    out.append(paragraphs_block(c, ch.paragraphs))
    for s in ch.sections:
        out.append(heading(2, title_with_number(s.number, s.title[lang], lang, "section", s.id), node_anchor(s.id)))
        out.append(paragraphs_block(c, s.paragraphs))
        if s.measure:
            out.append(measure_body(c, s.measure, False))
        for it in s.items:
            out.append(heading(3, title_with_number(it.number, it.title[lang], lang, "item"), node_anchor(it.id)))
            if it.measure:
                out.append(measure_body(c, it.measure, False))
            for m in it.paragraphs:
                if m.own_title:
                    out.append(heading(4, m.own_title[lang], node_anchor(m.id)))
                else:
                    out.append(block(f'<span id="{node_anchor(m.id)}"></span>'))
                out.append(measure_body(c, m, False))
    nav = []
    if int(chapter_id) > 1:
        nav.append(a(c.link("chapter", str(int(chapter_id) - 1)), "← " + esc(t("part", lang, n=int(chapter_id) - 1))))
    if int(chapter_id) < len(plan.chapters):
        nav.append(a(c.link("chapter", str(int(chapter_id) + 1)), esc(t("part", lang, n=int(chapter_id) + 1)) + " →"))
    out.append(block(f'<p class="lp-pager">{" · ".join(nav)}</p>'))
    first = ch.paragraphs[0].text[lang] if ch.paragraphs else ch.sections[0].title[lang]
    title = title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)
    return Rendered("".join(out), description(first), jsonld(c, title, description(first)))


def citation_block(c: Ctx, m: Measure, canonical_url: str, site_root: str) -> str:
    """The measure's citation as GB/T 7714-2015 prints its Chinese item and APA its English one (this page's
    language first; lnplan.cite, checked against the styles with citeproc-py), and as BibTeX and CSL-JSON files for
    reference managers. The address is the public one only: a site with none gives citations without a URL."""
    urls = {lang: cite.measure_url(site_root, lang, m.id) for lang in ("zh", "en")}
    forms = {"zh": ("GB/T 7714-2015", cite.gbt7714(c.plan, m, urls["zh"])), "en": ("APA", cite.apa(c.plan, m, urls["en"]))}
    order = ("zh", "en") if c.lang == "zh" else ("en", "zh")
    out = "".join(f'<p class="lp-label">{esc(forms[lang][0])}</p><blockquote class="lp-cite" lang="{lang}"><p>{esc(forms[lang][1])}</p></blockquote>'
                  for lang in order)
    links = " · ".join(f'<a href="{esc(rel(c.lang, c.url, "zh", cite.cite_path(m.id, lang, ext)))}" download>{esc(label)}</a>'
                       for lang in order for ext, label in (("bib", "BibTeX" + paren(c.t("lang_" + lang), c.lang)),
                                                           ("csl.json", "CSL-JSON" + paren(c.t("lang_" + lang), c.lang))))
    return out + f'<p class="lp-downloads"><span class="lp-label">{esc(c.t("cite_files"))}{esc(c.t("colon"))}</span>{links}</p>'


def measure_page(plan: Plan, lang: str, url: str, measure_id: str, canonical_url: str = "", site_root: str = "") -> Rendered:
    c = Ctx(plan, lang, url)
    m = plan.measures[measure_id]
    ch = plan.chapter_of(m.id)
    sec = ch.sections[int(m.section.split(".")[1]) - 1]
    out = [heading(1, f"{m.id} {m.title[lang]}"), lang_switch_note(c)]
    crumbs = [a(c.link("chapter", ch.id), esc(title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id))),
              a(c.to(page("chapter", ch.id) + "#" + node_anchor(sec.id)), esc(title_with_number(sec.number, sec.title[lang], lang, "section", sec.id)))]
    if m.item and m.own_title:
        it = sec.items[int(m.item.split(".")[2]) - 1]
        crumbs.append(a(c.to(page("chapter", ch.id) + "#" + node_anchor(it.id)), esc(title_with_number(it.number, it.title[lang], lang, "item"))))
    out.append(block(f'<p class="lp-crumbs">{esc(m.citation[lang])} · {" › ".join(crumbs)}</p>'))
    out.append(measure_body(c, m, True))
    out.append(heading(2, c.t("cite"), "cite"))
    out.append(block(citation_block(c, m, canonical_url, site_root) + f'<p>{a(c.to(measure_anchor_url(m)), esc(c.t("in_context")))}</p>'))
    out.append(corrections_list(c, plan.corrections_for_measure(m.id), "corr_for_measure"))
    out.append(measure_history(c, m.id))
    desc = description(m.text[lang])
    return Rendered("".join(out), desc, {"@context": "https://schema.org", **cite.measure_legislation(plan, m, lang, site_root), "description": desc})


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
            key = "reason_short_form" if r.reason == "short-form" else "reason_within"
            parts.append(c.t(key, place=place, form=r.form, name=plan.place_names[r.form].name[c.lang]))
    return ("；" if c.lang == "zh" else " ").join(parts)


def task_card(c: Ctx, m: Measure, unit_id: str | None = None, why: str = "") -> str:
    ch = c.plan.chapter_of(m.id)
    others = [u for u in m.responsibility.units if u != unit_id]
    other_html = ("、" if c.lang == "zh" else ", ").join(
        unit_link(c, u) + (f'<small>{paren(esc(c.t("lead_marker")), c.lang)}</small>' if u == m.responsibility.lead else "") for u in others)
    tg = c.plan.targets_of(m.id)
    tg_html = ""
    if tg:
        tg_html = f'<p class="lp-card__targets"><span class="lp-label">{esc(c.t("targets") + c.t("colon"))}</span>' + group_sep(c.lang).join(
            f'<a href="{esc(c.to(target_url(x.id)))}">{esc(x.metric[c.lang])} {esc(value_text(c.plan, x, c.lang))}</a>' for x in tg) + "</p>"
    why_html = f'<p class="lp-card__reason">{esc(why)}</p>' if why else ""
    return (f'<li class="lp-card">{why_html}<p class="lp-card__title"><a href="{esc(c.link("measure", m.id))}"><span class="lp-id">{esc(m.id)}</span> {esc(m.title[c.lang])}</a></p>'
            f'<p class="lp-card__context">{esc(m.citation[c.lang])} · {a(c.to(measure_anchor_url(m)), esc(title_with_number(ch.number, ch.title[c.lang], c.lang, "chapter", ch.id)))}</p>'
            + (f'<p class="lp-card__others"><span class="lp-label">{esc(c.t("other_units") + c.t("colon"))}</span>{other_html}</p>' if others else "")
            + tg_html + "</li>")


def task_list(c: Ctx, measures: list[Measure], unit_id: str | None = None, place_id: str | None = None,
              reason: Callable[[Ctx, Measure, str], str] | None = None) -> str:
    """Task cards; with place_id and reason, each card says why it is listed for that place (e.g. how the text
    names it: place_reason_text)."""
    if not measures:
        return block(f"<p>{esc(c.t('none'))}</p>")
    return block('<ol class="lp-cards">' + "".join(
        task_card(c, m, unit_id, reason(c, m, place_id) if reason and place_id else "") for m in measures) + "</ol>")


def unit_downloads(c: Ctx, unit_id: str) -> str:
    files = [(f"data/units/{unit_id}.csv", "CSV" + paren(c.t("lang_zh"), c.lang)),
             (f"data/units/{unit_id}.en.csv", "CSV" + paren(c.t("lang_en"), c.lang)),
             (f"data/units/{unit_id}.xlsx", "XLSX"), (f"data/units/{unit_id}.json", "JSON")]
    links = " · ".join(f'<a href="{esc(rel(c.lang, c.url, "zh", f))}" download>{esc(label)}</a>' for f, label in files)
    return block(f'<p class="lp-downloads"><span class="lp-label">{esc(c.t("downloads_for_unit") + c.t("colon"))}</span>{links}</p>')


def unit_page(plan: Plan, lang: str, url: str, unit_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    u = plan.units[unit_id]
    lead, co = plan.lead_measures(unit_id), plan.co_measures(unit_id)
    out = [heading(1, u.name[lang]), lang_switch_note(c)]
    facts = [f'<dt>{esc(c.t("full_name"))}</dt><dd>{esc(u.full_name[lang])}</dd>',
             f'<dt>{esc(c.t("kind"))}</dt><dd>{esc(plan.unit_kinds[u.kind].label[lang])}</dd>',
             f'<dt>{esc(c.t("as_lead"))} / {esc(c.t("as_co"))}</dt><dd>{len(lead)} / {len(co)}</dd>']
    if u.place:
        facts.append(f'<dt>{esc(c.t("places"))}</dt><dd>{place_link(c, u.place)}</dd>')
    facts += [fact_source_html(c, "source_name_en", u.name_en_source), fact_source_html(c, "source_kind", u.kind_source)]
    out.append(block(f'<dl class="lp-facts">{"".join(facts)}</dl>'))
    out.append(unit_downloads(c, unit_id))
    out.append(heading(2, c.t("tasks_as_lead") + paren(str(len(lead)), lang), "lead"))
    out.append(task_list(c, lead, unit_id))
    out.append(heading(2, c.t("tasks_as_co") + paren(str(len(co)), lang), "co"))
    out.append(task_list(c, co, unit_id))
    out.append(corrections_list(c, plan.corrections_of("unit", unit_id), "corr_for_unit"))
    desc = f"{u.full_name[lang]}: {len(lead)} / {len(co)}"
    return Rendered("".join(out), desc, jsonld(c, u.name[lang], desc))


def units_index_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_units")), lang_switch_note(c)]
    rows = []
    for u in plan.units.values():
        nl, nc = len(plan.lead_measures(u.id)), len(plan.co_measures(u.id))
        rows.append(f'<tr><td data-sort="{esc(u.name[lang])}">{unit_link(c, u.id)}</td><td>{esc(plan.unit_kinds[u.kind].label[lang])}</td>'
                    f'<td class="lp-num">{nl}</td><td class="lp-num">{nc}</td><td class="lp-num">{nl + nc}</td></tr>')
    head = "".join(f'<th scope="col"><button type="button" class="lp-sort" data-col="{i}">{esc(h)}</button></th>' for i, h in enumerate(
        [c.t("unit"), c.t("kind"), c.t("as_lead"), c.t("as_co"), c.t("total")]))
    out.append(block(f'<div class="lp-table-wrap lp-sortable"><table id="units-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'))
    return Rendered("".join(out), c.t("nav_units"), jsonld(c, c.t("nav_units"), c.t("nav_units")))


def place_buckets(plan: Plan, place_id: str) -> list[tuple[str, list[Measure]]]:
    """The measures a city or zone official should read, each bucket with the reason it is listed."""
    place = plan.places[place_id]
    gov = plan.unit_for_place(place_id)
    by_name = [m for m in plan.measures.values() if gov and gov.id in m.responsibility.units]
    taken = {m.id for m in by_name}
    everyone = [m for m in plan.measures.values() if place.kind == "city" and "all-city-governments" in m.responsibility.units and m.id not in taken]
    taken |= {m.id for m in everyone}
    relevant_ids = {u.id for u in plan.units.values() if u.kind == "collective" and u.id != "all-city-governments"}
    relevant = [m for m in plan.measures.values() if m.id not in taken and place_id in m.places
                and relevant_ids & set(m.responsibility.units)]
    taken |= {m.id for m in relevant}
    # 相关市政府 in the chapter on a region this place belongs to: the text need not name the place for it to be one
    # of the "relevant" cities (membership from plan/places.yaml, with its source or marked unsourced).
    regions = {region.id for region, _ in plan.regions_of(place_id)}
    in_region = [m for m in plan.measures.values() if m.id not in taken and plan.chapter_of(m.id).region in regions
                 and relevant_ids & set(m.responsibility.units)]
    taken |= {m.id for m in in_region}
    named = [m for m in plan.measures.values() if m.id not in taken and place_id in m.places]
    return [("why_by_name_zone" if place.kind == "demonstration-zone" else "why_by_name", by_name),
            ("why_all", everyone), ("why_relevant", relevant), ("why_region", in_region), ("why_named", named)]


def region_reason_text(c: Ctx, m: Measure, place_id: str) -> str:
    """Why a 相关市政府 measure in a region's chapter is listed for a member city: the region, and whether its
    membership is sourced."""
    region_id = c.plan.chapter_of(m.id).region
    ms = next(ms for region, ms in c.plan.regions_of(place_id) if region.id == region_id)
    key = "reason_region" if ms.sources else "reason_region_unsourced"
    return c.t(key, place=c.plan.places[place_id].name[c.lang], region=c.plan.places[region_id].name[c.lang])


def place_page(plan: Plan, lang: str, url: str, place_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    p = plan.places[place_id]
    out = [heading(1, p.name[lang]), lang_switch_note(c)]
    facts = [f'<dt>{esc(c.t("full_name"))}</dt><dd>{esc(p.full_name[lang])}</dd>',
             f'<dt>{esc(c.t("kind"))}</dt><dd>{esc(plan.place_kinds[p.kind].label[lang])}</dd>']
    gov = plan.unit_for_place(place_id)
    if gov:
        facts.append(f'<dt>{esc(c.t("government"))}</dt><dd>{unit_link(c, gov.id)}</dd>')
    chapter = next((ch for ch in plan.chapters if ch.region == place_id), None)
    if chapter:
        facts.append(f'<dt>{esc(c.t("region_chapter"))}</dt><dd>{a(c.link("chapter", chapter.id), esc(title_with_number(chapter.number, chapter.title[lang], lang, "chapter", chapter.id)))}</dd>')
    facts.append(place_facts(plan, lang, url, place_id))
    out.append(block(f'<dl class="lp-facts">{"".join(facts)}</dl>'))
    if p.members:
        out.append(heading(2, c.t("members"), "members"))
        out.append(block(members_html(plan, lang, url, place_id)))
    highlight = [ms.place for ms in p.members] or [place_id]
    title = c.t("map_region" if p.members else "map_place", name=p.name[lang])
    out.append(block(map_figure(plan, lang, url, title, highlight=highlight)))
    for key, sec_id in (("positioning", "1.3"), ("goals", "1.4")):
        paras = [x for x in plan.chapters[0].sections[int(sec_id[-1]) - 1].paragraphs if place_id in x.places]
        if paras:
            out.append(heading(2, c.t(key), key))
            out.append(paragraphs_block(c, paras))
    tg = [x for x in plan.targets.values() if place_id in x.scope]
    if tg:
        out.append(heading(2, c.t("targets_here") + paren(str(len(tg)), lang), "targets"))
        out.append(block(targets_table(c, tg, with_source=True, with_scope=False)))
    if p.kind in ("city", "demonstration-zone"):
        for key, ms in place_buckets(plan, place_id):
            if key == "why_all" and p.kind != "city":
                continue
            out.append(heading(2, c.t(key) + paren(str(len(ms)), lang), key.replace("_", "-")))
            out.append(block(f'<p class="lp-why-note">{esc(c.t(key.replace("_zone", "") + "_note"))}</p>'))
            reason = {"why_relevant": place_reason_text, "why_named": place_reason_text, "why_region": region_reason_text}.get(key)
            out.append(task_list(c, ms, gov.id if gov else None, place_id, reason))
    else:
        ms = plan.measures_naming(place_id)
        out.append(heading(2, c.t("why_named") + paren(str(len(ms)), lang), "named"))
        out.append(task_list(c, ms))
    desc = f"{p.full_name[lang]}"
    return Rendered("".join(out), desc, jsonld(c, p.name[lang], desc, "Place" if p.kind == "city" else "WebPage"))


def places_index_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_places")), lang_switch_note(c)]
    # The map: each city's symbol sized by the measures its page lists (named in the text or assigned to it).
    buckets_of = {pid: dict(place_buckets(plan, pid)) for pid, p in plan.places.items() if p.seat}
    counts = {pid: sum(map(len, buckets.values())) for pid, buckets in buckets_of.items()}
    out.append(block(map_figure(plan, lang, url, c.t("map_counts_title"), counts=counts, open_table=True)))
    for key, kinds in (("kind_region", ("region", "core")), ("kind_city", ("city", "demonstration-zone"))):
        out.append(heading(2, c.t(key), key.replace("_", "-")))
        rows = []
        for p in plan.places.values():
            if p.kind in kinds:
                buckets = buckets_of.get(p.id, {})  # cities and the zone (the places with a seat)
                by_name = len(buckets.get("why_by_name", buckets.get("why_by_name_zone", [])))
                rows.append(f'<tr><td>{place_link(c, p.id)}</td><td>{esc(plan.place_kinds[p.kind].label[lang])}</td>'
                            f'<td class="lp-num">{by_name if buckets else "–"}</td><td class="lp-num">{len(plan.measures_naming(p.id))}</td></tr>')
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in (c.t("name"), c.t("kind"), c.t("why_by_name"), c.t("why_named")))
        out.append(block(f'<div class="lp-table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'))
    out.append(heading(2, c.t("map_sources"), "map-sources"))
    out.append(block(sources_list(plan, lang, url)))
    return Rendered("".join(out), c.t("nav_places"), jsonld(c, c.t("nav_places"), c.t("nav_places")))


def targets_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_targets")), lang_switch_note(c)]
    for p in plan.places.values():
        tg = [x for x in plan.targets.values() if x.scope[0] == p.id]
        if not tg:
            continue
        out.append(heading(2, p.name[lang] + paren(str(len(tg)), lang), "r-" + p.id))
        rows = []
        for x in tg:
            src = a(c.link("measure", x.measure), esc(x.source)) if x.measure else a(c.to(page("chapter", "1") + "#" + node_anchor(x.source)), esc(x.source))
            rows.append(f'<tr id="{target_anchor(x.id)}"><td>{esc(x.id)}</td><td>{esc(x.metric[lang])}</td><td>{esc(value_text(plan, x, lang))}</td>'
                        f'<td>{("、" if lang == "zh" else ", ").join(place_link(c, s) for s in x.scope)}</td>'
                        f'<td>{esc(c.t("yes") if x.aspirational else c.t("no"))}</td><td>{esc(c.t("yes") if x.annual else c.t("no"))}</td>'
                        f'<td>{src}</td><td class="lp-quote">{esc(x.text[lang])}</td></tr>')
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in (c.t("id"), c.t("metric"), c.t("target_value"), c.t("scope"),
                                                                   c.t("aspirational"), c.t("annual"), c.t("source"), c.t("description")))
        out.append(block(f'<div class="lp-table-wrap lp-targets"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'))
    return Rendered("".join(out), c.t("nav_targets"), jsonld(c, c.t("nav_targets"), c.t("nav_targets")))


def glossary_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_glossary")), lang_switch_note(c)]
    rows = "".join(
        f'<tr id="{esc(term_anchor(g.id))}"><td lang="zh">{esc(g.term.zh)}</td><td lang="en">{esc(g.term.en)}</td><td>{esc(g.note[lang]) if g.note else ""}</td></tr>'
        for g in plan.glossary)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in (c.t("term"), c.t("rendering"), c.t("note")))
    out.append(block(f'<div class="lp-table-wrap lp-glossary"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'))
    return Rendered("".join(out), c.t("nav_glossary"), jsonld(c, c.t("nav_glossary"), c.t("nav_glossary")))


def plan_index_page(plan: Plan, lang: str, url: str, site_root: str = "") -> Rendered:
    c = Ctx(plan, lang, url)
    n = plan.notice
    out = [heading(1, plan.title[lang]), lang_switch_note(c), heading(2, c.t("notice"), "notice")]
    out.append(block(f'<div class="lp-notice"><p>{esc(n.addressees[lang])}</p><p>{esc(n.text[lang])}</p>'
                     f'<p class="lp-right">{esc(n.issuer[lang])}<br>{esc(n.date_text[lang])}</p><p>{esc(n.publication[lang])}</p></div>'))
    out.append(heading(2, c.t("contents"), "contents"))
    out.append(block(f"<p>{esc(plan.preamble[lang])}</p>"))
    items = []
    for ch in plan.chapters:
        secs = "".join(f'<li>{a(c.to(page("chapter", ch.id) + "#" + node_anchor(s.id)), esc(title_with_number(s.number, s.title[lang], lang, "section", s.id)))}</li>' for s in ch.sections)
        items.append(f'<li>{a(c.link("chapter", ch.id), esc(title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)))}<ul>{secs}</ul></li>')
    out.append(block(f'<ol class="lp-toc">{"".join(items)}</ol>'))
    return Rendered("".join(out), description(plan.preamble[lang]), plan_jsonld(c, site_root, description(plan.preamble[lang])))


def plan_jsonld(c: Ctx, site_root: str, desc: str) -> dict:
    """The whole plan as schema.org Legislation (the English a translation of the Chinese)."""
    return {"@context": "https://schema.org", **cite.plan_legislation(c.plan, c.lang, site_root), "description": desc}
