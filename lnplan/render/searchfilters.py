"""What every page gives the full-text index besides its text: its search filters (kind; for a measure its chapter,
units and places…) and its position in plan order, as empty elements Pagefind reads (data-pagefind-filter,
data-pagefind-sort). Added to every page by lnplan.site.render_page."""

from __future__ import annotations

from functools import lru_cache

from ..model import Plan
from ..urls import page_specs
from .html import esc


def page_filters(plan: Plan, kind: str, ident: str) -> dict[str, list[str]]:
    """Search filters of a page: its kind (every page); for a measure its chapter, lead and co-responsible units and
    places; for a chapter page the chapter and its region; for a place page the place."""
    filters: dict[str, list[str]] = {"kind": [kind]}
    if kind == "measure":
        m = plan.measures[ident]
        filters.update(
            chapter=[m.chapter],
            lead=[m.responsibility.lead],
            co=list(m.responsibility.co_responsible),
            place=list(m.places),
        )
    elif kind == "chapter":
        ch = plan.chapters[int(ident) - 1]
        filters.update(chapter=[ch.id], place=[ch.region] if ch.region else [])
    elif kind == "place":
        filters["place"] = [ident]
    return {k: v for k, v in filters.items() if v}


def search_attributes(plan: Plan, kind: str, ident: str) -> str:
    """Empty elements that give Pagefind the page's filters, one value each, and its position (to list filtered
    pages in plan order). Values are ids ([a-z0-9.-], schema-checked), escaped all the same."""
    spans = "".join(
        f'<span data-pagefind-filter="{esc(k)}:{esc(v)}"></span>'
        for k, vs in page_filters(plan, kind, ident).items()
        for v in vs
    )
    order = _order(plan).get((kind, ident), 0)
    return f'<div hidden data-pagefind-sort="order:{order:05d}">{spans}</div>'


@lru_cache(maxsize=4)
def _order(plan: Plan) -> dict[tuple[str, str], int]:
    return {(s.kind, s.ident): i for i, s in enumerate(page_specs(plan))}
