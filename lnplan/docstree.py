"""The docs tree an engine builds, written to disk before it runs: every page's Markdown source (the same macro
call, `{{ lp_page() }}`), the static assets, the generated files (downloads, the Atom feed, the search entities) and
the engine's configuration (the repository's mkdocs.yml for the language, with the navigation and the paths of this
tree). Any engine that reads mkdocs.yml and runs mkdocs-macros' `define_env` builds it: no engine hook adds a page.

Nothing from plan/ is ever part of a template: page sources are the fixed stub, and the navigation's titles are
escaped (esc() writes braces as character references) before they reach the configuration, which is YAML written
by PyYAML. The writer refuses a title or source that would hold a template delimiter."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .export import downloads
from .feed import FEED_FILE, atom
from .i18n import t
from .model import LANGS, Plan
from .render.document import footer_strings
from .render.html import esc
from .schema import ROOT
from .searchentities import entities_json
from .site import MACRO_CALL, STUB, nav
from .sitemap import ROBOTS_FILE, SITEMAP_FILE, robots, sitemap
from .urls import page_specs, public_root

CONFIGS = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}  # what each language's engine config inherits
ASSETS = ROOT / "docs" / "assets"
ENTITIES = "search/entities.json"  # what the search script loads on first use: the plan's entities and its strings
DOCS = "docs"  # the tree's Markdown and files, beside its configuration (mkdocs.yml)
SITE = "site"  # what the engine builds, inside the tree (Zensical builds only inside its project)
JINJA_DELIMITERS = ("{{", "{%", "{#")
THEME_TEMPLATE_FILES = (SITEMAP_FILE,)  # files the theme also renders, which the tree's own must replace
MACROS = {  # mkdocs-macros (and Zensical's port of it) import the adapter by name: the build puts ROOT on sys.path
    "modules": ["macros"],
    "render_by_default": False,
    "on_error_fail": True,
    "on_undefined": "strict",
}


class UnsafeTemplate(ValueError):
    """A page source or a title would reach the template engine with a delimiter in it."""


def generated_files(plan: Plan, lang: str, site_root: str) -> dict[str, bytes | str]:
    """Every file of one language's docs tree but the static assets, by its path under the docs directory.
    The Chinese edition carries the downloads (data/) and robots.txt, at the site's root; the English pages link to
    them. site_root is the public address, or '' when there is none (lnplan.urls.public_root)."""
    files: dict[str, bytes | str] = {spec.src: STUB for spec in page_specs(plan)}
    files[FEED_FILE] = atom(plan, lang, site_root)
    files[ENTITIES] = entities_json(plan, lang)
    map_xml = sitemap(plan, lang, site_root)
    if map_xml is not None:  # overrides/sitemap.xml renders nothing, so the engine writes no sitemap of its own
        files[SITEMAP_FILE] = map_xml
    if lang == "zh":
        files[ROBOTS_FILE] = robots(site_root)
        files.update(downloads(plan, site_root))
    return files


def engine_config(plan: Plan, lang: str, site_url: str, site_root: str) -> dict:
    """The engine's configuration of one language: the repository's, with this tree's paths, the public address,
    the navigation, and the strings the theme's templates print (escaped here: the templates print them as they are)."""
    return {
        "INHERIT": str(CONFIGS[lang]),
        "site_name": plan.edition.title[lang],
        "site_description": plan.edition.description[lang],
        "docs_dir": DOCS,
        "site_dir": SITE,
        "site_url": site_url,
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "plugins": [{"macros": MACROS}],
        "watch": [],
        "extra": {
            "site_root": site_root,
            "feed_title": t("feed_title", lang, site=plan.edition.title[lang]),
            "search_ui": {k: esc(t(k, lang)) for k in ("search", "search_placeholder", "search_failed")},
            "lp_footer": footer_strings(plan, lang),  # overrides/partials/copyright.html: every page's footer
            # one server-wide 404 page (overrides/404.html) serves both editions: it speaks both languages
            "not_found": {
                other: {k: esc(t(k, other)) for k in ("not_found_title", "not_found_text", "not_found_home")}
                for other in LANGS
            },
        },
        "nav": nav(plan, lang),
    }


def check_safe(files: dict[str, bytes | str], config: dict) -> None:
    """The design, guarded: the only template the engine sees is the stub, and no title it would render."""
    for path, content in files.items():
        if path.endswith(".md") and content != STUB:
            raise UnsafeTemplate(
                f"{path}: a page source is not the generated stub ({MACRO_CALL}); pages come only from plan/"
            )
    for title in _titles(config["nav"]):
        if any(d in title for d in JINJA_DELIMITERS):
            raise UnsafeTemplate(
                f"the navigation title {title!r} contains a template delimiter; titles must be escaped "
                "with lnplan.render.html.esc"
            )


def _titles(entries: list) -> list[str]:
    out = []
    for entry in entries:
        for title, target in entry.items():
            out.append(title)
            if isinstance(target, list):
                out += _titles(target)
    return out


def write_tree(plan: Plan, lang: str, dest: Path, site_url: str, site_root: str) -> Path:
    """Write one language's docs tree and configuration into dest; return the configuration's path, to give the
    engine (`mkdocs build -f …`), which builds the site into dest/site."""
    site_root = public_root(site_root)  # every absolute URL a page or download carries is made from it
    files = generated_files(plan, lang, site_root)
    config = engine_config(plan, lang, site_url, site_root)
    check_safe(files, config)
    docs = dest / DOCS
    shutil.copytree(ASSETS, docs / ASSETS.name, dirs_exist_ok=True)
    for path, content in files.items():
        write_if_changed(docs / path, content)
    target = dest / "mkdocs.yml"
    write_if_changed(target, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return target


def write_if_changed(path: Path, content: bytes | str) -> None:
    """Write a file unless it already holds these bytes (a live-reloading server then sees no change)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def keep_generated(tree: Path) -> None:
    """After the engine: a file the tree carries wins over one the engine writes from a theme template at the same
    path. MkDocs and ProperDocs skip overrides/sitemap.xml, which renders nothing; Zensical writes it out empty."""
    for name in THEME_TEMPLATE_FILES:
        ours, built = tree / DOCS / name, tree / SITE / name
        if ours.is_file():
            shutil.copyfile(ours, built)
        elif built.is_file() and built.stat().st_size == 0:
            built.unlink()  # no sitemap without a public address, rather than an empty file
