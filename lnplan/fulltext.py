"""The full-text index: Pagefind run over the finished site, a build step (lnplan.build calls it after both editions
are built and before the links are checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGEFIND_DIR = "pagefind"
# What pages show around their content and no reader searches for: left out of the index, so that it neither
# matches a query nor fills an excerpt. Each selector is a class the renderers give that part of the page (a test
# finds every one on the built site, so a renamed class cannot quietly bring the part back).
FURNITURE = (
    ".headerlink",  # heading permalinks (¶)
    ".lp-otherlang",  # "this page in the other language"
    ".lp-label",  # labels such as 其他责任单位：, 量化目标：, 引用本条
    ".lp-crumbs",  # where a measure sits: its chapter's and section's titles, on every measure of the chapter
    ".lp-facts",  # a unit's or place's facts: full name, kind, counts, coordinates, sources
    ".lp-map__alt",  # the map's text version: every city and its regions, on every page with a map
    ".lp-members",  # a region's member cities, each with its sources
    ".lp-why-note",  # why a place page lists a group of tasks
    ".lp-card__context",
    ".lp-card__others",
    ".lp-card__targets",
    ".lp-card__reason",  # a task card beyond its title
    ".lp-downloads",  # download links
    "#cite",
    ".lp-cite",  # a measure's citation in two styles, under its heading
    'a[href*="#m-"]',  # "see it in the whole text" (the chapter page, at the measure's anchor)
    "#history",
    ".lp-history-last",
    ".lp-history",  # a measure's version history
    "#corrections",
    ".lp-corrections-list",
    'a[href$="corrections/"]',  # a record's corrections (all are on their page)
    ".lp-pager",  # previous and next chapter
    ".lp-num",
    ".lp-sha",  # counts, file sizes and SHA-256 digests
)
# Pagefind indexes each page's <article> (Material's content element, so every page, including pages added
# later, is indexed without further work).
PAGEFIND_ARGS = [
    "--root-selector",
    "article",
    *(arg for sel in FURNITURE for arg in ("--exclude-selectors", sel)),
    "--quiet",
]
# Pagefind writes its own UI bundles too; the site uses only its JS API (pagefind.js and the wasm).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def index_site(site: Path) -> int:
    """Run Pagefind over the built site (both languages; it splits them by <html lang>). 0 on success."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), *PAGEFIND_ARGS], capture_output=True, text=True
    )
    if result.returncode != 0 or not (site / PAGEFIND_DIR / "pagefind.js").is_file():
        print(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}", file=sys.stderr)
        return 1
    for name in UNUSED:
        (site / PAGEFIND_DIR / name).unlink(missing_ok=True)
    return 0
