"""The search page (search/?q=…): a form whose filters are in the address, and the element the search script
renders results into. Without JavaScript it says how to reach the unit, place and chapter indexes."""

from __future__ import annotations

from ..model import Plan
from .html import a, block, esc, md_inline
from .pages import Ctx, Rendered, jsonld, title_with_number

# Kinds of page a search can be limited to (the values are the pages' kinds, as their filters give them).
PAGE_KINDS = ("measure", "unit", "place", "targets", "chapter")


def _select(name: str, label: str, options: list[tuple[str, str]], any_label: str) -> str:
    opts = f'<option value="">{esc(any_label)}</option>' + "".join(
        f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options
    )
    return (
        f'<p class="lp-filter"><label for="search-{name}">{esc(label)}</label>'
        f'<select id="search-{name}" name="{name}">{opts}</select></p>'
    )


def _filters_toggle(c: Ctx) -> str:
    """On a narrow screen the filters fold into this one button, which says how many are set (the search script
    shows it and keeps its count; without the script the filters stay open)."""
    label, with_count = esc(c.t("search_filters")), esc(c.t("search_filters_n"))
    return (
        '<button type="button" class="md-button lp-filters__toggle" aria-controls="search-filters" '
        'aria-expanded="false" '
        f'data-label="{label}" data-label-n="{with_count}" hidden>{label}</button>'
    )


def search_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    any_ = c.t("search_any")
    filters = [
        _select("unit", c.t("search_unit"), [(u.id, u.name[lang]) for u in plan.units.values()], any_),
        _select("role", c.t("search_role"), [("lead", c.t("as_lead")), ("co", c.t("as_co"))], c.t("search_role_any")),
        _select(
            "chapter",
            c.t("search_chapter"),
            [(ch.id, title_with_number(ch.number, ch.title[lang], lang, "chapter", ch.id)) for ch in plan.chapters],
            any_,
        ),
        _select("place", c.t("search_place"), [(p.id, p.name[lang]) for p in plan.places.values()], any_),
        _select("kind", c.t("search_kind"), [(k, c.t(f"search_kind_pages_{k}")) for k in PAGE_KINDS], any_),
    ]
    form = (
        f'<form class="lp-searchpage" role="search" aria-label="{esc(c.t("search_form"))}" action="./" method="get" '
        'data-pagefind-ignore="all">'
        f'<p class="lp-searchpage__query"><label for="search-q">{esc(c.t("search"))}</label>'
        '<input id="search-q" type="search" name="q" autocomplete="off" spellcheck="false" '
        'aria-describedby="search-hint">'
        f'<button type="submit" class="md-button md-button--primary">{esc(c.t("search"))}</button></p>'
        f'<p id="search-hint" class="lp-searchpage__hint">{esc(c.t("search_hint"))}</p>'
        f"{_filters_toggle(c)}"
        '<fieldset class="lp-filters" '
        f'id="search-filters"><legend>{esc(c.t("search_filters"))}</legend>{"".join(filters)}</fieldset></form>'
    )
    indexes = " · ".join(
        a(c.link(kind), esc(c.t(key)))
        for kind, key in (("units", "nav_units"), ("places", "nav_places"), ("plan", "nav_plan_index"))
    )
    results = (
        '<div data-pagefind-ignore="all"><p id="search-status" class="lp-search-status" role="status"></p>'
        '<div id="search-results" class="lp-search-results"></div>'
        f"<noscript><p>{esc(c.t('search_noscript'))} {indexes}</p></noscript></div>"
    )
    # Nothing on this page is for the search index, not even its heading (attr_list puts the attribute on the <h1>).
    title = f'\n# {md_inline(c.t("search"))} {{ data-pagefind-ignore="all" }}\n\n'
    out = [title, block(form), block(results)]
    return Rendered("".join(out), c.t("search_hint"), jsonld(c, c.t("search"), c.t("search_hint")))
