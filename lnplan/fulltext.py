"""The full-text index: Pagefind run over the finished site, a build step (lnplan.build calls it after both editions
are built and before the links are checked)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGEFIND_DIR = "pagefind"
# Pagefind indexes each page's <article> (Material's content element, so every page, including pages added
# later, is indexed without further work); heading permalinks (¶) are not text.
PAGEFIND_ARGS = ["--root-selector", "article", "--exclude-selectors", ".headerlink", "--quiet"]
# Pagefind writes its own UI bundles too; the site uses only its JS API (pagefind.js and the wasm).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def index_site(site: Path) -> int:
    """Run Pagefind over the built site (both languages; it splits them by <html lang>). 0 on success."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), *PAGEFIND_ARGS],
                            capture_output=True, text=True)
    if result.returncode != 0 or not (site / PAGEFIND_DIR / "pagefind.js").is_file():
        print(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}", file=sys.stderr)
        return 1
    for name in UNUSED:
        (site / PAGEFIND_DIR / name).unlink(missing_ok=True)
    return 0
