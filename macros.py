"""mkdocs-macros adapter: registers one macro that hands the current page to the plain renderers in lnplan."""
from __future__ import annotations

import html
import json

from lnplan.site import get_plan, render_page


def define_env(env) -> None:
    lang = env.conf["extra"]["lang"]
    site_root = env.conf["extra"]["site_root"]

    @env.macro
    def lp_page(kind: str, ident: str = "") -> str:
        page = env.page
        rendered = render_page(get_plan(), lang, kind, ident, page.url, page.canonical_url or "", site_root)
        # The theme prints page.meta.description into an attribute as it is (MkDocs does not autoescape).
        page.meta["description"] = html.escape(rendered.description, quote=True)
        # JSON-LD goes inside <script>: escape "<" so no text can close the element.
        page.meta["jsonld"] = json.dumps(rendered.jsonld, ensure_ascii=False).replace("<", "\\u003c")
        return rendered.markdown
