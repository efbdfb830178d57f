"""Small, safe building blocks: escaping for HTML and Markdown, relative links."""

from __future__ import annotations

import html
import posixpath
import re

from ..urls import absolute

# Python-Markdown's backslash-escapable characters (its ESCAPED_CHARS, plus | from the tables extension).
# Escaping any other character would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()>#+\-.!|])")  # braces: encoded by esc() instead


# Braces as character references: a browser shows { and }, but no string built from plan text can contain a
# Jinja delimiter ({{ {% {#), so nothing downstream (mkdocs-macros renders a page title that has one) can evaluate it.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def esc(text: str) -> str:
    """Text from plan/ as HTML: shown literally, never interpreted (as markup or as a template)."""
    return html.escape(text, quote=True).translate(_BRACES)


def md_inline(text: str) -> str:
    """Text from plan/ inside a Markdown heading: HTML-escaped, Markdown punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).translate(_BRACES)


def heading(level: int, text: str, anchor: str | None = None, escaped_suffix: str = "") -> str:
    attrs = f" {{ #{anchor} }}" if anchor else ""
    return f"\n{'#' * level} {md_inline(text)}{escaped_suffix}{attrs}\n\n"


def rel(from_lang: str, from_url: str, to_lang: str, to_url: str) -> str:
    """Relative link between two site pages (directory URLs), or to a file, across languages."""
    src = absolute(from_lang, from_url)
    dst = absolute(to_lang, to_url)
    base = posixpath.dirname(src.rstrip("/") + "/x") if src else ""
    path, frag = (dst.split("#", 1) + [""])[:2]
    r = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") or path == "":
        r = "./" if r == "." else r + "/"
    return r + (f"#{frag}" if frag else "")


def a(href: str, text_html: str, cls: str = "", extra: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(href)}"{c}{extra}>{text_html}</a>'


def block(html_text: str) -> str:
    """A raw HTML block, separated so Markdown leaves it alone."""
    return "\n\n" + html_text.strip() + "\n\n"


def human_size(n: int) -> str:
    """Bytes as a reader expects them: 512 B, 4.0 KB, 1.2 MB (1 KB = 1024 bytes)."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
