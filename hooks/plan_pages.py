"""MkDocs hook: load the plan once, set the navigation, and add every page and download as generated files."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from lnplan.export import downloads  # noqa: E402
from lnplan.feed import FEED_FILE, atom  # noqa: E402
from lnplan.loader import PlanError  # noqa: E402
from lnplan.render.html import esc  # noqa: E402
from lnplan.i18n import t  # noqa: E402
from lnplan.searchentities import entities_json  # noqa: E402
from lnplan.site import MACRO_CALL, get_plan, nav, stub  # noqa: E402
from lnplan.urls import page_specs  # noqa: E402

ENTITIES = "search/entities.json"


def _plan():
    try:
        return get_plan()
    except PlanError as exc:
        raise PluginError("the plan is invalid:\n" + str(exc)) from None


def on_config(config):
    plan = _plan()
    lang = config.extra["lang"]
    config.nav = nav(plan, lang)
    config.extra["feed_title"] = t("feed_title", lang)  # the Atom feed's <link> in every page's <head>
    # The header's search box (overrides/partials/search.html) prints these as they are: escape them here.
    config.extra["search_ui"] = {k: esc(t(k, lang)) for k in ("search", "search_placeholder", "search_failed")}
    return config


def on_files(files: Files, config) -> Files:
    plan = _plan()
    for spec in page_specs(plan):
        files.append(File.generated(config, spec.src, content=stub(spec)))
    files.append(File.generated(config, FEED_FILE, content=atom(plan, config.extra["lang"], config.extra["site_root"])))
    # What the search script loads on first use: the plan's entities and its strings, in this language.
    files.append(File.generated(config, ENTITIES, content=entities_json(plan, config.extra["lang"])))
    if config.extra.get("downloads"):
        for path, data in downloads(plan, config.extra["site_root"]).items():
            files.append(File.generated(config, path, content=data))
    return files


JINJA_DELIMITERS = ("{{", "{%", "{#")


@event_priority(100)  # before mkdocs-macros: it renders the page source, and the page title if it has a delimiter
def on_page_markdown(markdown, page, config, files):
    """Guard the design: the only template mkdocs-macros ever sees is the fixed stub, and no title it would render."""
    if markdown.strip() != MACRO_CALL:
        raise PluginError(f"{page.file.src_path}: a page source is not the generated stub; pages come only from plan/")
    if any(d in (page.title or "") for d in JINJA_DELIMITERS):
        raise PluginError(f"{page.file.src_path}: the page title contains a template delimiter; titles must be escaped "
                          "with lnplan.render.html.esc")
    return markdown
