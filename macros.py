"""mkdocs-macros adapter: registers one macro that hands the current page to the plain renderers in lnplan.

Every generated page's source is the same call, `{{ lp_page() }}` (lnplan.site.STUB): the page is identified by its
file, so no text or id from plan/ is ever part of a Jinja template. What the macro returns is not rendered again."""
from __future__ import annotations

import json

from lnplan.render.html import esc
from lnplan.site import get_plan, render_page, specs_by_src


def define_env(env) -> None:
    lang = env.conf["extra"]["lang"]
    site_root = env.conf["extra"]["site_root"]

    @env.macro
    def lp_page() -> str:
        page = env.page
        plan = get_plan()
        spec = specs_by_src(plan).get(page.file.src_path)
        if spec is None:
            raise KeyError(f"{page.file.src_path} is not a generated page; every page comes from lnplan.urls.page_specs")
        rendered = render_page(plan, lang, spec.kind, spec.ident, page.url, page.canonical_url or "", site_root)
        # The theme prints page.meta.description into an attribute as it is (MkDocs does not autoescape).
        page.meta["description"] = esc(rendered.description)
        # JSON-LD goes inside <script>: escape "<" so no text can close the element.
        page.meta["jsonld"] = json.dumps(rendered.jsonld, ensure_ascii=False).replace("<", "\\u003c")
        return rendered.markdown
