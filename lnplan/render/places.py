"""City, zone and region pages, and the places index. A city page answers "what does my city do?" first: a summary
whose counts link to the lists, the goals and targets that apply to the city (its own and its regions'), the tasks
with the city's role on each card, then the city's facts and map, and the sources last."""

from __future__ import annotations

from ..model import Measure, Plan
from .base import (
    Ctx,
    Rendered,
    jsonld,
    lang_switch_note,
    paragraph_html,
    place_link,
    place_reason_text,
    task_list,
    title_with_number,
    unit_link,
)
from .html import a, block, esc, heading
from ..i18n import group_sep, paren
from .map import map_figure, members_html, place_facts, place_sources, sources_list
from .targets import targets_table

SEATED = ("city", "demonstration-zone")
TARGET_COLUMNS = ("id", "metric", "target_value", "period", "scope", "source")


def place_buckets(plan: Plan, place_id: str) -> list[tuple[str, list[Measure]]]:
    """The measures a city or zone official should read, by the city's role in each: its government leads (the
    first unit of the clause) or supports; every city's (各市政府); 相关市政府 where the text names the city, or in the
    chapter on a region it belongs to; or the text names the city but the clause does not assign it."""
    place = plan.places[place_id]
    gov = plan.unit_for_place(place_id)
    lead = [m for m in plan.measures.values() if gov and m.responsibility.lead == gov.id]
    co = [m for m in plan.measures.values() if gov and gov.id in m.responsibility.co_responsible]
    taken = {m.id for m in lead + co}
    every_ids = {u.id for u in plan.units.values() if u.collective == "every"}
    everyone = [
        m
        for m in plan.measures.values()
        if place.kind == "city" and every_ids & set(m.responsibility.units) and m.id not in taken
    ]
    taken |= {m.id for m in everyone}
    relevant_ids = {u.id for u in plan.units.values() if u.collective == "some"}
    relevant = [
        m
        for m in plan.measures.values()
        if m.id not in taken and place_id in m.places and relevant_ids & set(m.responsibility.units)
    ]
    taken |= {m.id for m in relevant}
    # 相关市政府 in the chapter on a region this place belongs to: the text need not name the place for it to be one
    # of the "relevant" cities (membership from plan/places.yaml, with its source or marked unsourced).
    regions = {region.id for region, _ in plan.regions_of(place_id)}
    in_region = [
        m
        for m in plan.measures.values()
        if m.id not in taken and plan.chapter_of(m.id).region in regions and relevant_ids & set(m.responsibility.units)
    ]
    taken |= {m.id for m in in_region}
    named = [m for m in plan.measures.values() if m.id not in taken and place_id in m.places]
    return [
        ("lead", lead),
        ("co", co),
        ("all", everyone),
        ("relevant", relevant),
        ("region", in_region),
        ("named", named),
    ]


def region_reason_text(c: Ctx, m: Measure, place_id: str) -> str:
    """Why a 相关市政府 measure in a region's chapter is listed for a member city: the region, and whether its
    membership is sourced."""
    region_id = c.plan.chapter_of(m.id).region
    ms = next(ms for region, ms in c.plan.regions_of(place_id) if region.id == region_id)
    key = "reason_region" if ms.sources else "reason_region_unsourced"
    return c.t(key, place=c.plan.places[place_id].name[c.lang], region=c.plan.places[region_id].name[c.lang])


def _zone(c: Ctx, place_id: str) -> str:
    """The suffix of the keys that differ for the demonstration zone (本区 rather than 本市) and for a region."""
    kind = c.plan.places[place_id].kind
    return "_zone" if kind == "demonstration-zone" else "" if kind in SEATED else "_region"


def role_key(c: Ctx, key: str, place_id: str) -> str:
    """The role a card names on a city's page: 本市牵头, 本市配合, 各市政府, 相关市政府, 所在区域 or 提及本市."""
    return key + _zone(c, place_id) if key in ("lead", "co", "named") else key


def _with_links(c: Ctx, key: str, links: dict[str, str], **names) -> str:
    """A UI string with counts that are links: the string is escaped, then each {slot} replaced by its link."""
    marks = {slot: f"\x00{slot}\x00" for slot in links}
    text = esc(c.t(key, **names, **marks))
    for slot, html in links.items():
        text = text.replace(esc(marks[slot]), html)
    return text


def _count(c: Ctx, n: int, anchor: str, unit: str = "n_tasks") -> str:
    return a("#" + anchor, esc(c.t(unit if n != 1 else unit + "_one", n=n)))


def summary_html(c: Ctx, place_id: str, buckets: dict[str, list[Measure]], n_targets: int) -> str:
    """What the city or zone is given, each count a link to its list: 沈阳市政府牵头5项、配合4项; 所在区域的任务12项…"""
    plan, place = c.plan, c.plan.places[place_id].name[c.lang]
    gov = plan.unit_for_place(place_id)
    items = []
    lead, co = len(buckets.get("lead", [])), len(buckets.get("co", []))
    if gov and (lead or co):
        key = "sum_lead_co" if lead and co else "sum_lead" if lead else "sum_co"
        items.append(
            _with_links(c, key, {"lead": _count(c, lead, "lead"), "co": _count(c, co, "co")}, gov=gov.name[c.lang])
        )
    for key in ("all", "relevant", "region", "named"):
        if buckets.get(key):
            items.append(
                _with_links(
                    c,
                    "sum_" + key + _zone(c, place_id) * (key == "named"),
                    {"n": _count(c, len(buckets[key]), key)},
                    place=place,
                )
            )
    if n_targets:
        items.append(_with_links(c, "sum_targets", {"n": _count(c, n_targets, "targets", "n_targets")}, place=place))
    if not items:
        items.append(esc(c.t("sum_nothing", place=place)))
    return f'<ul class="lp-summary">{"".join(f"<li>{x}</li>" for x in items)}</ul>'


def region_summary_html(c: Ctx, place_id: str, buckets: dict[str, list[Measure]], n_targets: int) -> str:
    """A region's or core's page: its members, the tasks of the chapter on it, the tasks that name it, its targets."""
    plan, p = c.plan, c.plan.places[place_id]
    place = p.name[c.lang]
    items = [_with_links(c, "sum_members", {"n": a("#members", esc(c.t("n_cities", n=len(p.members))))}, place=place)]
    chapter = next((ch for ch in plan.chapters if ch.region == place_id), None)
    if chapter:
        n = sum(1 for m in plan.measures.values() if m.chapter == chapter.id)
        link = a(c.link("chapter", chapter.id), esc(c.t("n_tasks" if n != 1 else "n_tasks_one", n=n)))
        items.append(_with_links(c, "sum_chapter", {"n": link}, place=place))
    if buckets.get("named"):
        items.append(_with_links(c, "sum_named_region", {"n": _count(c, len(buckets["named"]), "named")}, place=place))
    if n_targets:
        items.append(
            _with_links(c, "sum_targets_region", {"n": _count(c, n_targets, "targets", "n_targets")}, place=place)
        )
    return f'<ul class="lp-summary">{"".join(f"<li>{x}</li>" for x in items)}</ul>'


def region_line(c: Ctx, place_id: str) -> str:
    """The regions a city belongs to, each linked; a membership no source was found for says so."""
    regs = c.plan.regions_of(place_id)
    if not regs:
        return ""
    items = [
        place_link(c, rg.id)
        + (
            ""
            if ms.sourced
            else f'<span class="lp-unsourced">{paren(esc(c.t("membership_unsourced_short")), c.lang)}</span>'
        )
        for rg, ms in regs
    ]
    return (
        f'<p class="lp-regions-line"><span class="lp-label">{esc(c.t("map_regions") + c.t("colon"))}</span>'
        f"{group_sep(c.lang).join(items)}</p>"
    )


def scope_ids(plan: Plan, place_id: str) -> set[str]:
    """The place and the regions it belongs to: what a goal or target may apply to for this place's page."""
    return {place_id} | {rg.id for rg, _ in plan.regions_of(place_id)}


def goals_html(c: Ctx, place_id: str) -> str:
    """The plan's positioning and goals for the place and for each region it belongs to (战略定位, 发展目标), under
    the plan's own section titles; a region whose membership has no source says so."""
    plan = c.plan
    ids = scope_ids(plan, place_id)
    unsourced = {rg.id for rg, ms in plan.regions_of(place_id) if not ms.sourced}
    out = []
    for ch in plan.chapters:
        for s in ch.sections:
            paras = [p for p in s.paragraphs if ids & set(p.places)]
            if not paras:
                continue
            out.append(heading(3, s.title[c.lang], "goals-" + s.id.replace(".", "-")))
            html = ""
            for p in paras:
                html += paragraph_html(c, p, anchor=False)
                for rid in sorted(unsourced & set(p.places)):
                    names = {"place": plan.places[place_id].name[c.lang], "region": plan.places[rid].name[c.lang]}
                    html += f'<p class="lp-unsourced-note">{esc(c.t("reason_region_unsourced", **names))}</p>'
            out.append(block(html))
    return "".join(out)


def place_targets(plan: Plan, place_id: str) -> list:
    ids = scope_ids(plan, place_id) if plan.places[place_id].seat else {place_id}
    return [x for x in plan.targets.values() if ids & set(x.scope)]


REASONS = {"relevant": place_reason_text, "named": place_reason_text, "region": region_reason_text}


def tasks_html(c: Ctx, place_id: str, buckets: list[tuple[str, list[Measure]]]) -> str:
    """Each non-empty list of tasks under its heading and one line on why it is listed, the role on every card."""
    plan, place = c.plan, c.plan.places[place_id]
    gov = plan.unit_for_place(place_id)
    names = {"gov": gov.name[c.lang] if gov else "", "place": place.name[c.lang]}
    out = []
    for key, ms in buckets:
        if not ms:
            continue
        z = _zone(c, place_id) if key == "named" else ""
        out.append(heading(2, c.t("bucket_" + key + z, **names) + paren(str(len(ms)), c.lang), key))
        out.append(block(f'<p class="lp-why-note">{esc(c.t("bucket_" + key + "_note" + z, **names))}</p>'))
        out.append(task_list(c, ms, gov.id if gov else None, place_id, REASONS.get(key), role_key(c, key, place_id)))
    return "".join(out)


def facts_html(c: Ctx, place_id: str) -> str:
    plan, p = c.plan, c.plan.places[place_id]
    facts = [
        f"<dt>{esc(c.t('full_name'))}</dt><dd>{esc(p.full_name[c.lang])}</dd>",
        f"<dt>{esc(c.t('kind'))}</dt><dd>{esc(plan.place_kinds[p.kind].label[c.lang])}</dd>",
    ]
    gov = plan.unit_for_place(place_id)
    if gov:
        facts.append(f"<dt>{esc(c.t('government'))}</dt><dd>{unit_link(c, gov.id)}</dd>")
    chapter = next((ch for ch in plan.chapters if ch.region == place_id), None)
    if chapter:
        title = title_with_number(chapter.number, chapter.title[c.lang], c.lang, "chapter", chapter.id)
        facts.append(f"<dt>{esc(c.t('region_chapter'))}</dt><dd>{a(c.link('chapter', chapter.id), esc(title))}</dd>")
    facts.append(place_facts(plan, c.lang, c.url, place_id))
    return f'<dl class="lp-facts">{"".join(facts)}</dl>'


def place_page(plan: Plan, lang: str, url: str, place_id: str) -> Rendered:
    c = Ctx(plan, lang, url)
    p = plan.places[place_id]
    buckets = place_buckets(plan, place_id) if p.kind in SEATED else [("named", plan.measures_naming(place_id))]
    targets = place_targets(plan, place_id)
    summary = summary_html if p.kind in SEATED else region_summary_html
    out = [
        heading(1, p.name[lang]),
        lang_switch_note(c),
        block(summary(c, place_id, dict(buckets), len(targets)) + region_line(c, place_id)),
    ]
    if p.members:
        out += [heading(2, c.t("members"), "members"), block(members_html(plan, lang, url, place_id))]
    goals = goals_html(c, place_id)
    if goals:
        out += [heading(2, c.t("goals_heading"), "goals"), goals]
    if targets:
        out += [
            heading(2, c.t("targets_here", place=p.name[lang]) + paren(str(len(targets)), lang), "targets"),
            block(targets_table(c, targets, TARGET_COLUMNS)),
        ]
    out.append(tasks_html(c, place_id, buckets))
    out += [heading(2, c.t("about_place", place=p.name[lang]), "about"), block(facts_html(c, place_id))]
    highlight = [ms.place for ms in p.members] or [place_id]
    title = c.t("map_region" if p.members else "map_place", name=p.name[lang], scheme=c.plan.edition.scheme[lang])
    out.append(block(map_figure(plan, lang, url, title, highlight=highlight)))
    sources = place_sources(plan, lang, url, place_id)
    if sources:
        out += [heading(2, c.t("sources_cited"), "sources"), block(sources)]
    desc = p.full_name[lang]
    return Rendered("".join(out), desc, jsonld(c, p.name[lang], desc, "Place" if p.kind == "city" else "WebPage"))


def places_index_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_places")), lang_switch_note(c)]
    # The map: each city's symbol sized by the measures its page lists (named in the text or assigned to it).
    buckets_of = {pid: dict(place_buckets(plan, pid)) for pid, p in plan.places.items() if p.seat}
    counts = {pid: sum(map(len, buckets.values())) for pid, buckets in buckets_of.items()}
    out.append(block(map_figure(plan, lang, url, c.t("map_counts_title"), counts=counts, open_table=True)))
    for key, kinds in (("kind_region", ("region", "core")), ("kind_city", SEATED)):
        out.append(heading(2, c.t(key), key.replace("_", "-")))
        rows = []
        for p in plan.places.values():
            if p.kind in kinds:
                buckets = buckets_of.get(p.id, {})  # cities and the zone (the places with a seat)
                by_name = len(buckets.get("lead", [])) + len(buckets.get("co", []))
                rows.append(
                    f"<tr><td>{place_link(c, p.id)}</td><td>{esc(plan.place_kinds[p.kind].label[lang])}</td>"
                    f'<td class="lp-num">{by_name if buckets else "–"}</td><td '
                    f'class="lp-num">{len(plan.measures_naming(p.id))}</td></tr>'
                )
        head = "".join(
            f'<th scope="col">{esc(h)}</th>' for h in (c.t("name"), c.t("kind"), c.t("col_by_name"), c.t("col_named"))
        )
        out.append(
            block(
                "<div "
                f'class="lp-table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
                "</div>"
            )
        )
    out.append(heading(2, c.t("map_sources"), "map-sources"))
    out.append(block(sources_list(plan, lang, url)))
    return Rendered("".join(out), c.t("nav_places"), jsonld(c, c.t("nav_places"), c.t("nav_places")))
