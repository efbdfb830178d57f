"""The built pages as the Nu Html Checker (vnu.jar, the W3C validator's engine; npm package vnu-jar pinned in
package.json) reads them: a sample of every kind of page in both languages, checked in one run. Errors in markup this
project writes fail the test; the few that Material for MkDocs' own templates produce are listed here and in the
README (*HTML validity*), matched by message and markup. Also the 404 pages' language switch."""

import json
import re
import subprocess

import pytest

from conftest import shared
from lnplan.clients import vnu_command

PAGES = [
    "index.html",
    "plan/index.html",
    "plan/2/index.html",
    "measures/2.1.1/index.html",
    "measures/4.1.1.1/index.html",
    "units/index.html",
    "units/commerce/index.html",
    "places/index.html",
    "places/shenyang/index.html",
    "targets/index.html",
    "charts/index.html",
    "glossary/index.html",
    "data/index.html",
    "changes/index.html",
    "about/index.html",
    "corrections/index.html",
    "search/index.html",
    "404.html",
]

# Material 9.8.2's templates (base.html, partials/nav-item.html, partials/toc.html); see README, HTML validity.
THEME = [
    (
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)"',
    ),
    (
        r"Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">',
    ),
    (
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
    ),
]


@pytest.fixture(scope="module")
def messages(built_site, tmp_path_factory):
    """What the Nu Html Checker says about the pages (run once for the whole session)."""

    def check(_):
        files = [str(built_site / prefix / page) for prefix in ("", "en") for page in PAGES]
        run = subprocess.run(
            [*vnu_command(), "--format", "json", "--exit-zero-always", *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
        return json.loads(run.stderr)["messages"]

    return shared(tmp_path_factory, "vnu", check)


def from_theme(m: dict) -> bool:
    extract = re.sub(r"\s+", " ", m.get("extract", ""))
    return any(re.search(msg, m["message"]) and re.search(markup, extract) for msg, markup in THEME)


def test_the_projects_own_markup_has_no_html_error(messages):
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors, "the checker ran (the theme's known errors are expected)"
    own = [
        (m["url"].split("/site/", 1)[-1], m.get("lastLine"), m["message"][:120], m.get("extract", "")[:80])
        for m in errors
        if not from_theme(m)
    ]
    assert own == []


def test_the_404_pages_switch_language_and_speak_both(built_site):
    zh, en = (
        (built_site / "404.html").read_text(encoding="utf-8"),
        (built_site / "en" / "404.html").read_text(encoding="utf-8"),
    )
    for page in (zh, en):
        switch = dict(re.findall(r'<a href="([^"]+)" hreflang="(zh|en)" lang="\2" class="md-select__link">', page))
        assert switch == {"/": "zh", "/en/": "en"}  # not //en/ (a host called "en"), not back to /en/ from English
        assert "页面不存在" in page and "page not found" in page
    assert zh.index("页面不存在") < zh.index("page not found") and en.index("page not found") < en.index("页面不存在")
