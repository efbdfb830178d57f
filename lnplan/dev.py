"""`make dev`: a live-reloading preview of one language while editing plan/, the code or the templates.

  python -m lnplan.dev [--lang zh|en] [--port 8000]

It writes the language's docs tree into .dev/<lang>/ and runs `mkdocs serve` on it, with hooks/dev_tree.py
writing the tree again on every reload. Search and the other language are not part of the preview (make serve)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from . import docstree
from .cli import run_cli
from .schema import ROOT
from .site import get_plan
from .urls import LANG_PREFIX

DEV_DIR = ROOT / ".dev"
WATCH = ["plan", "schema", "lnplan", "macros.py", "overrides", "docs"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m lnplan.dev", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--port", type=int, default=8000)
    args = ap.parse_args(argv)
    root_url = f"http://127.0.0.1:{args.port}/"
    site_url = root_url + LANG_PREFIX[args.lang]
    tree = DEV_DIR / args.lang
    config_path = docstree.write_tree(get_plan(), args.lang, tree, site_url, root_url)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / "hooks" / "dev_tree.py")]
    config["watch"] = [str(ROOT / w) for w in WATCH]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {
        **os.environ,
        "LNPLAN_DEV_URL": root_url,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    os.execve(mkdocs, [mkdocs, "serve", "-f", str(config_path), "-a", f"127.0.0.1:{args.port}"], env)
    return 0  # pragma: no cover - execve does not return


if __name__ == "__main__":
    sys.exit(run_cli(main))
