"""One function per kind of page (the place pages are in places.py). Each takes the plan, the language and the
page's own URL, and returns Markdown (headings) with raw HTML blocks (content). All plan text is escaped here."""

from __future__ import annotations

from .. import cite
from ..model import Measure, Plan
from ..punctuation import clause_as_written
from ..urls import node_anchor, page, term_anchor
from .corrections import corrections_list, fact_source_html
from .document import document_box
from .history import measure_history
from .html import a, block, esc, heading, rel
from ..i18n import group_sep, paren, sentence_space, t
from .targets import targets_table
from .base import (
    Ctx,
    Rendered,
    description,
    jsonld,
    lang_switch_note,
    measure_anchor_url,
    paragraphs_block,  # noqa: F401
    place_link,
    task_list,
    title_with_number,
    unit_link,
)

# The place pages are in places.py; lnplan.site renders every kind of page from this module.
from .places import place_page, places_index_page  # noqa: F401, E402


ABOUT_METHOD = "method"  # the About page's section on how this edition reads the responsibility clauses


# ---- fragments ------------------------------------------------------------------


def section_title(s, lang: str) -> str:
    return title_with_number(s.number, s.title[lang], lang, "section", s.id)


def group_html(c: Ctx, units, etc: bool, raw: str, link=True) -> str:
    """One group of a clause's units as the clause lists them: 省发展改革委、省商务厅等 / "…, Provincial Department
    of Commerce and other departments concerned"; 沈阳、大连等相关市政府 / "…, Dalian Municipal Government and other
    relevant city governments". A group that names no unit (the lead's own group in 省商务厅等) is the "等" alone:
    said as such, never as a made-up unit."""
    names = [unit_link(c, u) if link else esc(c.plan.units[u].name[c.lang]) for u in units]
    if not names:
        return f'<span class="lp-etc">{esc(c.t("others"))}</span>' if etc else ""
    etc_html = f'<span class="lp-etc">{esc(c.t("etc"))}</span>' if etc else ""
    if c.plan.after_etc(units, raw):
        body = c.t("list_sep").join(names[:-1]) + f'<span class="lp-etc">{esc(c.t("etc_then"))}</span>' + names[-1]
    else:
        body = c.t("list_sep").join(names)
    return body + (" " if etc and c.lang == "en" else "") + etc_html


def clause_text(c: Ctx, m: Measure) -> str:
    """The responsibility clause after the text, as the plan prints it: verbatim on Chinese pages (（责任单位：…）);
    on English pages rendered in English, group by group in the clause's order, 等 as "and other departments
    concerned" (the Chinese clause as issued follows in responsibility_html)."""
    if c.lang == "zh":
        return f'<span class="lp-clause">{esc(clause_as_written(m.responsibility.raw))}</span>'
    groups = "; ".join(group_html(c, g.units, g.etc, m.responsibility.raw, link=False) for g in m.responsibility.groups)
    return f' <span class="lp-clause">({esc(c.t("responsible_units") + c.t("colon"))}{groups})</span>'


def responsibility_html(c: Ctx, m: Measure, on_measure_page: bool = False) -> str:
    """This edition's reading of the clause: the first unit it names as the lead unit, the others co-responsible
    (groups in the clause's order, 等 kept), said to be a reading, with a link to the method on the About page."""
    r = m.responsibility
    co = group_sep(c.lang).join(x for x in (group_html(c, g.units, g.etc, r.raw) for g in r.co_groups) if x) or esc(
        c.t("none")
    )
    method = a(c.to(page("about") + "#" + ABOUT_METHOD), esc(c.t("reading_link")))
    issued = ""
    if c.lang == "en" and not on_measure_page:  # the Chinese clause as issued (a measure page has the whole original)
        issued = (
            f'<p class="lp-issued"><span class="lp-label">{esc(c.t("clause_as_written") + c.t("colon"))}</span>'
            f'<span lang="zh">{esc(clause_as_written(r.raw))}</span></p>'
        )
    note = esc(c.t("reading_note")) + sentence_space(c.lang) if on_measure_page else ""
    return (
        f'{issued}<div class="lp-reading"><p class="lp-reading__head" data-pagefind-ignore><span class="lp-label">'
        f"{esc(c.t('reading') + c.t('colon'))}</span>"
        f'<span class="lp-reading__note">{note}{method}</span></p>'
        f'<dl class="lp-resp"><dt>{esc(c.t("lead"))}</dt><dd>{unit_link(c, r.lead, "lp-unit lp-unit--lead")}</dd>'
        f"<dt>{esc(c.t('co'))}</dt><dd>{co}</dd></dl></div>"
    )


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
    return (
        f'<div class="lp-places"><span class="lp-label">{esc(c.t("places") + c.t("colon"))}</span><ul '
        f'class="lp-tags">{items}</ul></div>'
    )


def measure_body(c: Ctx, m: Measure, on_measure_page: bool) -> str:
    """Text, responsibility, places and targets of a measure, as one HTML block."""
    parts = []
    lang_attr = ' lang="zh"' if c.lang == "zh" else ' lang="en"'
    parts.append(f'<p class="lp-text"{lang_attr}>{esc(m.text[c.lang])}{clause_text(c, m)}</p>')
    if c.lang == "en" and on_measure_page:
        zh_title = f"{esc(m.own_title.zh)}。" if m.own_title else ""
        parts.append(
            f'<details class="lp-original" open><summary>{esc(c.t("zh_original"))}</summary>'
            f'<p lang="zh">{zh_title}{esc(m.text.zh)}{esc(clause_as_written(m.responsibility.raw))}</p></details>'
        )
    parts.append(responsibility_html(c, m, on_measure_page))
    parts.append(places_html(c, m.places, m))
    tgs = c.plan.targets_of(m.id)
    if tgs:
        parts.append(
            f'<p class="lp-label">{esc(c.t("targets") + c.t("colon"))}</p>'
            + targets_table(c, tgs, ("id", "metric", "target_value", "period", "scope"))
        )
    if not on_measure_page:
        parts.append(
            f'<p class="lp-permalink">{a(c.link("measure", m.id), esc(c.t("permalink")) + " " + esc(m.id))}</p>'
        )
    # On chapter pages the measure's own page is what search should find: the text is indexed there once.
    exclude = "" if on_measure_page else " data-pagefind-ignore"
    return block(f'<div class="lp-measure" data-measure="{esc(m.id)}"{exclude}>' + "".join(parts) + "</div>")


# ---- pages ------------------------------------------------------------------------


def chapter_page(plan: Plan, lang: str, url: str, chapter_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    ch = plan.chapters[int(chapter_id) - 1]
    out = [heading(1, title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)), lang_switch_note(c)]
    if ch.region:
        out.append(
            block(f'<p class="lp-region">{esc(t("region", lang) + t("colon", lang))}{place_link(c, ch.region)}</p>')
        )
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
    here = [x.id for x in plan.chapters].index(chapter_id)

    def part(other) -> str:  # 第二部分 as the plan numbers its parts; Part 2 in English
        return esc(t("part", lang, n=other.number if lang == "zh" else other.id))

    if here > 0:
        nav.append(a(c.link("chapter", plan.chapters[here - 1].id), "← " + part(plan.chapters[here - 1])))
    if here < len(plan.chapters) - 1:
        nav.append(a(c.link("chapter", plan.chapters[here + 1].id), part(plan.chapters[here + 1]) + " →"))
    out.append(block(f'<p class="lp-pager">{" · ".join(nav)}</p>'))
    first = ch.paragraphs[0].text[lang] if ch.paragraphs else ch.sections[0].title[lang]
    title = title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)
    return Rendered("".join(out), description(first), jsonld(c, title, description(first)))


def citation_block(c: Ctx, m: Measure, canonical_url: str, site_root: str) -> str:
    """The measure's citation as GB/T 7714-2015 prints its Chinese item and APA its English one (this page's
    language first; lnplan.cite, checked against the styles with citeproc-py), and as BibTeX and CSL-JSON files for
    reference managers. The address is the public one only: a site with none gives citations without a URL."""
    urls = {lang: cite.measure_url(site_root, lang, m.id) for lang in ("zh", "en")}
    forms = {
        "zh": ("GB/T 7714-2015", cite.gbt7714(c.plan, m, urls["zh"])),
        "en": ("APA", cite.apa(c.plan, m, urls["en"])),
    }
    order = ("zh", "en") if c.lang == "zh" else ("en", "zh")
    out = "".join(
        f'<p class="lp-label">{esc(forms[lang][0])}</p><blockquote class="lp-cite" '
        f'lang="{lang}"><p>{esc(forms[lang][1])}</p></blockquote>'
        for lang in order
    )
    links = " · ".join(
        f'<a href="{esc(rel(c.lang, c.url, "zh", cite.cite_path(m.id, lang, ext)))}" download>{esc(label)}</a>'
        for lang in order
        for ext, label in (
            ("bib", "BibTeX" + paren(c.t("lang_" + lang), c.lang)),
            ("csl.json", "CSL-JSON" + paren(c.t("lang_" + lang), c.lang)),
        )
    )
    return (
        out + '<p class="lp-downloads"><span '
        f'class="lp-label">{esc(c.t("cite_files"))}{esc(c.t("colon"))}</span>{links}</p>'
    )


def measure_page(
    plan: Plan, lang: str, url: str, measure_id: str, canonical_url: str = "", site_root: str = ""
) -> Rendered:
    c = Ctx(plan, lang, url)
    m = plan.measures[measure_id]
    ch = plan.chapter_of(m.id)
    sec = ch.sections[int(m.section.split(".")[1]) - 1]
    out = [heading(1, f"{m.id} {m.title[lang]}"), lang_switch_note(c)]
    crumbs = [
        a(c.link("chapter", ch.id), esc(title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id))),
        a(
            c.to(page("chapter", ch.id) + "#" + node_anchor(sec.id)),
            esc(title_with_number(sec.number, sec.title[lang], lang, "section", sec.id)),
        ),
    ]
    if m.item and m.own_title:
        it = sec.items[int(m.item.split(".")[2]) - 1]
        crumbs.append(
            a(
                c.to(page("chapter", ch.id) + "#" + node_anchor(it.id)),
                esc(title_with_number(it.number, it.title[lang], lang, "item")),
            )
        )
    out.append(block(f'<p class="lp-crumbs">{esc(m.citation[lang])} · {" › ".join(crumbs)}</p>'))
    out.append(measure_body(c, m, True))
    out.append(heading(2, c.t("cite"), "cite"))
    out.append(
        block(
            citation_block(c, m, canonical_url, site_root)
            + f"<p>{a(c.to(measure_anchor_url(m)), esc(c.t('in_context')))}</p>"
        )
    )
    out.append(corrections_list(c, plan.corrections_for_measure(m.id), "corr_for_measure"))
    out.append(measure_history(c, m.id))
    desc = description(m.text[lang])
    return Rendered(
        "".join(out),
        desc,
        {"@context": "https://schema.org", **cite.measure_legislation(plan, m, lang, site_root), "description": desc},
    )


def unit_downloads(c: Ctx, unit_id: str) -> str:
    files = [
        (f"data/units/{unit_id}.csv", "CSV" + paren(c.t("lang_zh"), c.lang)),
        (f"data/units/{unit_id}.en.csv", "CSV" + paren(c.t("lang_en"), c.lang)),
        (f"data/units/{unit_id}.xlsx", "XLSX"),
        (f"data/units/{unit_id}.json", "JSON"),
    ]
    links = " · ".join(f'<a href="{esc(rel(c.lang, c.url, "zh", f))}" download>{esc(label)}</a>' for f, label in files)
    return block(
        f'<p class="lp-downloads"><span class="lp-label">{esc(c.t("downloads_for_unit") + c.t("colon"))}</span>'
        f"{links}</p>"
    )


def unit_page(plan: Plan, lang: str, url: str, unit_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    u = plan.units[unit_id]
    lead, co = plan.lead_measures(unit_id), plan.co_measures(unit_id)
    out = [heading(1, u.name[lang]), lang_switch_note(c)]
    facts = [
        f"<dt>{esc(c.t('full_name'))}</dt><dd>{esc(u.full_name[lang])}</dd>",
        f"<dt>{esc(c.t('kind'))}</dt><dd>{esc(plan.unit_kinds[u.kind].label[lang])}</dd>",
        f"<dt>{esc(c.t('tasks'))}</dt><dd>{esc(c.t('unit_counts', lead=len(lead), co=len(co)))}</dd>",
    ]
    if u.place:
        facts.append(f"<dt>{esc(c.t('places'))}</dt><dd>{place_link(c, u.place)}</dd>")
    facts += [
        fact_source_html(c, "source_name_en", u.name_en_source),
        fact_source_html(c, "source_kind", u.kind_source),
    ]
    out.append(block(f'<dl class="lp-facts">{"".join(facts)}</dl>'))
    out.append(unit_downloads(c, unit_id))
    out.append(heading(2, c.t("tasks_as_lead") + paren(str(len(lead)), lang), "lead"))
    out.append(task_list(c, lead, unit_id, role="unit_lead"))
    out.append(heading(2, c.t("tasks_as_co") + paren(str(len(co)), lang), "co"))
    out.append(task_list(c, co, unit_id, role="unit_co"))
    out.append(corrections_list(c, plan.corrections_of("unit", unit_id), "corr_for_unit"))
    desc = f"{u.full_name[lang]}: {len(lead)} / {len(co)}"
    return Rendered("".join(out), desc, jsonld(c, u.name[lang], desc))


def units_index_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_units")), lang_switch_note(c)]
    rows = []
    for u in plan.units.values():
        nl, nc = len(plan.lead_measures(u.id)), len(plan.co_measures(u.id))
        rows.append(
            f'<tr><td data-sort="{esc(u.name[lang])}">{unit_link(c, u.id)}</td><td>'
            f"{esc(plan.unit_kinds[u.kind].label[lang])}</td>"
            f'<td class="lp-num">{nl}</td><td class="lp-num">{nc}</td><td class="lp-num">{nl + nc}</td></tr>'
        )
    head = "".join(
        f'<th scope="col"><button type="button" class="lp-sort" data-col="{i}">{esc(h)}</button></th>'
        for i, h in enumerate([c.t("unit"), c.t("kind"), c.t("as_lead"), c.t("as_co"), c.t("total")])
    )
    out.append(
        block(
            '<div class="lp-table-wrap lp-sortable"><table '
            f'id="units-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    )
    return Rendered("".join(out), c.t("nav_units"), jsonld(c, c.t("nav_units"), c.t("nav_units")))


def targets_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [
        heading(1, c.t("nav_targets")),
        lang_switch_note(c),
        block(f"<p>{esc(c.t('targets_intro', date=plan.notice.date_text[lang]))}</p>"),
    ]
    for p in plan.places.values():
        tg = [x for x in plan.targets.values() if x.scope[0] == p.id]
        if tg:
            out.append(heading(2, p.name[lang] + paren(str(len(tg)), lang), "r-" + p.id))
            out.append(block(targets_table(c, tg, anchors=True)))
    return Rendered("".join(out), c.t("nav_targets"), jsonld(c, c.t("nav_targets"), c.t("nav_targets")))


def glossary_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_glossary")), lang_switch_note(c)]
    rows = "".join(
        f'<tr id="{esc(term_anchor(g.id))}"><td lang="zh">{esc(g.term.zh)}</td><td '
        f'lang="en">{esc(g.term.en)}</td><td>{esc(g.note[lang]) if g.note else ""}</td></tr>'
        for g in plan.glossary
    )
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in (c.t("term"), c.t("rendering"), c.t("note")))
    out.append(
        block(
            '<div class="lp-table-wrap '
            f'lp-glossary"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        )
    )
    return Rendered("".join(out), c.t("nav_glossary"), jsonld(c, c.t("nav_glossary"), c.t("nav_glossary")))


def plan_index_page(plan: Plan, lang: str, url: str, site_root: str = "") -> Rendered:
    """The document as issued: its particulars, the issuing notice, the preamble (before chapter 一, under its own
    heading), then the contents: each chapter and section numbered once, as the plan numbers it."""
    c = Ctx(plan, lang, url)
    n = plan.notice
    out = [
        heading(1, plan.title[lang]),
        lang_switch_note(c),
        block(document_box(c)),
        heading(2, c.t("notice"), "notice"),
    ]
    out.append(
        block(
            f'<div class="lp-notice"><p>{esc(n.addressees[lang])}</p><p>{esc(n.text[lang])}</p>'
            "<p "
            f'class="lp-right">{esc(n.issuer[lang])}<br>{esc(n.date_text[lang])}</p><p>'
            f"{esc(n.publication[lang])}</p></div>"
        )
    )
    out.append(heading(2, c.t("preamble"), "preamble"))
    out.append(block(f"<p>{esc(plan.preamble[lang])}</p>"))
    out.append(heading(2, c.t("contents"), "contents"))
    items = []
    for ch in plan.chapters:
        secs = "".join(
            f"<li>{a(c.to(page('chapter', ch.id) + '#' + node_anchor(s.id)), esc(section_title(s, lang)))}</li>"
            for s in ch.sections
        )
        chapter_title = title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)
        items.append(f"<li>{a(c.link('chapter', ch.id), esc(chapter_title))}<ul>{secs}</ul></li>")
    out.append(block(f'<ul class="lp-toc">{"".join(items)}</ul>'))
    return Rendered(
        "".join(out), description(plan.preamble[lang]), plan_jsonld(c, site_root, description(plan.preamble[lang]))
    )


def plan_jsonld(c: Ctx, site_root: str, desc: str) -> dict:
    """The whole plan as schema.org Legislation (the English a translation of the Chinese)."""
    return {"@context": "https://schema.org", **cite.plan_legislation(c.plan, c.lang, site_root), "description": desc}
