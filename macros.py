"""mkdocs-macros adapter: registers one macro that hands the current page to the plain renderers in lnplan.

Every generated page's source is the same call, `{{ lp_page() }}` (lnplan.site.STUB): the page is identified by its
file, so no text or id from plan/ is ever part of a Jinja template. What the macro returns is not rendered again.
It runs under MkDocs and ProperDocs (mkdocs-macros) and under Zensical (its port of mkdocs-macros), whose page
objects and link handling differ (see source_path and for_engine)."""

from __future__ import annotations

import json
import posixpath
import re

from lnplan.render.html import esc
from lnplan.site import get_plan, render_page, specs_by_src


def source_path(page) -> str:
    """The page's Markdown file, relative to the docs directory, in either engine."""
    file = getattr(page, "file", None)
    return (file.src_path if file is not None else page.path).replace("\\", "/")


# A relative link in the rendered HTML: every attribute the renderers write is double-quoted and escaped.
NOSCRIPT = re.compile(r"(<noscript>.*?</noscript>)", re.S)
RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(?![a-z][a-z0-9+.-]*:|#|/)([^"]*)"')


def for_engine(page, spec, html: str) -> str:
    """The page's HTML as the engine needs it. The renderers write links relative to the page's URL, which MkDocs
    and ProperDocs keep; Zensical rewrites every relative link as if it were relative to the page's source file
    (measures/2.1.1.md, one directory above the page's URL), so for it each link is written relative to that file."""
    if getattr(page, "file", None) is not None:
        return html
    folder = posixpath.dirname(source_path(page))

    def rebase(m: re.Match) -> str:
        path, hash_, frag = m.group(2).partition("#")
        target = posixpath.normpath(posixpath.join(spec.url or ".", path or "."))
        moved = posixpath.relpath(target, folder or ".")
        if path.endswith("/") or not path:
            moved = "./" if moved == "." else moved + "/"
        return f'{m.group(1)}{moved}{hash_}{frag}"'

    # Zensical leaves links inside <noscript> as they are (its HTML parser reads the element as text).
    parts = NOSCRIPT.split(html)
    return "".join(part if part.startswith("<noscript") else RELATIVE_LINK.sub(rebase, part) for part in parts)


def define_env(env) -> None:
    lang = env.conf["extra"]["lang"]
    site_root = env.conf["extra"]["site_root"]
    site_url = env.conf["site_url"]

    @env.macro
    def lp_page() -> str:
        page = env.page
        plan = get_plan()
        src = source_path(page)
        spec = specs_by_src(plan).get(src)
        if spec is None:
            raise KeyError(f"{src} is not a generated page; every page comes from lnplan.urls.page_specs")
        rendered = render_page(plan, lang, spec.kind, spec.ident, spec.url, site_url + spec.url, site_root)
        # The theme prints page.meta.description into an attribute as it is (MkDocs does not autoescape).
        page.meta["description"] = esc(rendered.description)
        # JSON-LD goes inside <script>: escape "<" so no text can close the element.
        page.meta["jsonld"] = json.dumps(rendered.jsonld, ensure_ascii=False).replace("<", "\\u003c")
        return for_engine(page, spec, rendered.markdown)
