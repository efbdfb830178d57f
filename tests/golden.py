"""Every output the build generates from the plan, as bytes by name: every page's rendered source (Markdown, meta
description and JSON-LD, both languages), the navigation, and every other file of the docs trees (the downloads,
the Atom feeds, the sitemaps, robots.txt, the search entity lists). Hashed, they make a manifest (tests/golden.json)
that proves a refactoring changed no output.

  python tests/golden.py           # compare with tests/golden.json (exit 1 and list what differs)
  python tests/golden.py --update  # rewrite tests/golden.json after an intended change to the outputs
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MANIFEST = ROOT / "tests" / "golden.json"
SITE_URL = "https://example.org/plan/"  # a public address, so that every absolute URL an output carries is covered
UPDATE = "python tests/golden.py --update"


def outputs(plan) -> dict[str, bytes]:
    """Each generated output by a stable name: 'page/<lang>/<src>', 'nav/<lang>', 'file/<lang>/<path>'."""
    from lnplan.docstree import generated_files
    from lnplan.site import nav, render_page
    from lnplan.urls import page_specs

    out: dict[str, bytes] = {}
    for lang, root in (("zh", SITE_URL), ("en", SITE_URL + "en/")):
        for spec in page_specs(plan):
            r = render_page(plan, lang, spec.kind, spec.ident, spec.url, root + spec.url, SITE_URL)
            text = json.dumps(
                {"markdown": r.markdown, "description": r.description, "jsonld": r.jsonld},
                ensure_ascii=False,
                sort_keys=True,
            )
            out[f"page/{lang}/{spec.src}"] = text.encode("utf-8")
        out[f"nav/{lang}"] = json.dumps(nav(plan, lang), ensure_ascii=False).encode("utf-8")
    for lang in ("zh", "en"):
        for path, data in generated_files(plan, lang, SITE_URL).items():
            if not path.endswith(".md"):  # the page sources are the stub; what they render is above
                out[f"file/{lang}/{path}"] = _bytes(data)
    return out


def _bytes(data: bytes | str) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8")


def manifest(plan) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(outputs(plan).items())}


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    lines = [f"changed: {n}" for n in sorted(expected.keys() & actual.keys()) if expected[n] != actual[n]]
    lines += [f"new:     {n}" for n in sorted(actual.keys() - expected.keys())]
    lines += [f"gone:    {n}" for n in sorted(expected.keys() - actual.keys())]
    return lines


def main(argv: list[str]) -> int:
    from lnplan.loader import load_plan

    actual = manifest(load_plan())
    if "--update" in argv:
        MANIFEST.write_text(json.dumps(actual, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MANIFEST.relative_to(ROOT)}: {len(actual)} outputs")
        return 0
    diff = differences(json.loads(MANIFEST.read_text(encoding="utf-8")), actual)
    print("\n".join(diff) if diff else f"ok: {len(actual)} outputs as in {MANIFEST.relative_to(ROOT)}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
