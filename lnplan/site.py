"""The one entry point that renders any page, the navigation, and the plan loaded once per build. Used by hooks/
and macros.py."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from .loader import load_plan
from .reading.files import PLAN_DIR, plan_files
from .schema import SCHEMA_PATH
from .model import Plan
from .render import overview, pages, searchpage
from .render.html import block, esc
from .i18n import t
from .render.searchfilters import search_attributes
from .urls import PageSpec, page, page_specs, source_file


def plan_dir() -> Path:
    return Path(os.environ.get("LNPLAN_PLAN_DIR", PLAN_DIR))


def _fingerprint(d: Path) -> tuple:
    files = [*plan_files(d), SCHEMA_PATH]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


@lru_cache(maxsize=2)
def _load(d: str, fingerprint: tuple) -> Plan:
    return load_plan(Path(d))


def get_plan() -> Plan:
    """The plan, loaded and validated once per build (again only when a file under plan/ changes)."""
    d = plan_dir()
    return _load(str(d), _fingerprint(d))


MACRO_CALL = "{{ lp_page() }}"
STUB = f"---\nrender_macros: true\n---\n{MACRO_CALL}\n"


def stub(spec: PageSpec) -> str:
    """The generated Markdown source of every page: the same macro call, with no argument. Nothing from plan/ (not
    even an id) is part of a template; the macro finds its page by the page's file (see specs_by_src)."""
    return STUB


@lru_cache(maxsize=4)
def specs_by_src(plan: Plan) -> dict[str, PageSpec]:
    return {spec.src: spec for spec in page_specs(plan)}


def nav(plan: Plan, lang: str) -> list:
    """Navigation. Titles are escaped with esc(): the theme prints them as they are, and mkdocs-macros would render
    a page title that contained a Jinja delimiter (esc() encodes braces, so none can)."""
    e = esc
    chapters = [
        {e(pages.title_with_number(c.number, c.title[lang], lang, "chapter", c.id)): source_file(page("chapter", c.id))}
        for c in plan.chapters
    ]
    return [
        {e(t("nav_home", lang)): "index.md"},
        {e(t("nav_plan", lang)): [{e(t("nav_plan_index", lang)): "plan/index.md"}, *chapters]},
        {e(t("nav_units", lang)): "units/index.md"},
        {e(t("nav_places", lang)): "places/index.md"},
        {e(t("nav_targets", lang)): "targets.md"},
        {e(t("nav_charts", lang)): "charts.md"},
        {e(t("nav_glossary", lang)): "glossary.md"},
        {e(t("nav_data", lang)): "data.md"},
        {e(t("nav_changes", lang)): "changes.md"},
        {e(t("nav_about", lang)): "about.md"},
        {e(t("nav_corrections", lang)): "corrections.md"},
    ]


def render_page(
    plan: Plan, lang: str, kind: str, ident: str, url: str, canonical_url: str = "", site_root: str = ""
) -> pages.Rendered:
    """Any page, with the search filters of its kind (so a page of a new kind is filterable without further work)."""
    rendered = _render_page(plan, lang, kind, ident, url, canonical_url, site_root)
    # Pagefind reads <dt>Kind</dt><dd>provincial…</dd> and adjacent <th> as one word: a space keeps them apart.
    rendered.markdown = _CELL_END.sub(r"\1 ", rendered.markdown) + block(search_attributes(plan, kind, ident))
    return rendered


_CELL_END = re.compile(r"(</(?:dt|dd|th)>)(?=<)")


def _render_page(
    plan: Plan, lang: str, kind: str, ident: str, url: str, canonical_url: str = "", site_root: str = ""
) -> pages.Rendered:
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")
    simple = {
        "home": overview.home_page,
        "plan": pages.plan_index_page,
        "units": pages.units_index_page,
        "places": pages.places_index_page,
        "targets": pages.targets_page,
        "charts": overview.charts_page,
        "glossary": pages.glossary_page,
        "about": overview.about_page,
        "corrections": overview.corrections_page,
        "changes": overview.changes_page,
        "search": searchpage.search_page,
    }
    if kind in ("home", "plan"):  # the plan as schema.org Legislation needs the public address
        return simple[kind](plan, lang, url, site_root)
    if kind in simple:
        return simple[kind](plan, lang, url)
    if kind == "data":
        return overview.data_page(plan, lang, url, site_root)
    if kind == "chapter":
        return pages.chapter_page(plan, lang, url, ident)
    if kind == "measure":
        if ident not in plan.measures:
            raise KeyError(f"unknown measure {ident!r}")
        return pages.measure_page(plan, lang, url, ident, canonical_url, site_root)
    if kind == "unit":
        if ident not in plan.units:
            raise KeyError(f"unknown unit {ident!r}")
        return pages.unit_page(plan, lang, url, ident)
    if kind == "place":
        if ident not in plan.places:
            raise KeyError(f"unknown place {ident!r}")
        return pages.place_page(plan, lang, url, ident)
    raise ValueError(f"unknown page kind {kind!r}")
