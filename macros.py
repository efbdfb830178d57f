"""mkdocs-macros adapter: registers one macro that hands the current page to the plain renderers in lnplan."""
from __future__ import annotations

import json

from lnplan.site import get_plan, render_page


def define_env(env) -> None:
    lang = env.conf["extra"]["lang"]
    site_root = env.conf["extra"]["site_root"]

    @env.macro
    def lp_page(kind: str, ident: str = "") -> str:
        page = env.page
        rendered = render_page(get_plan(), lang, kind, ident, page.url, page.canonical_url or "", site_root)
        page.meta["description"] = rendered.description
        # JSON-LD goes inside <script>: escape "<" so no text can close the element.
        page.meta["jsonld"] = json.dumps(rendered.jsonld, ensure_ascii=False).replace("<", "\\u003c")
        return rendered.markdown
