"""MkDocs hook for `make dev` only (mkdocs serve): each time the server reloads its configuration, write the docs tree
again from plan/ (only the files that changed) and take the navigation from it, so edits to plan/ show at once.
`make build` needs no hook: lnplan.build writes the tree before the engine starts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from lnplan import docstree  # noqa: E402
from lnplan.reading.problems import PlanError  # noqa: E402
from lnplan.site import get_plan  # noqa: E402


def on_config(config):
    try:
        plan = get_plan()
    except PlanError as exc:
        raise PluginError("the plan is invalid:\n" + str(exc)) from None
    lang = config.extra["lang"]
    tree = Path(config.config_file_path).parent
    root_url = os.environ.get("LNPLAN_DEV_URL", "http://127.0.0.1:8000/")
    docstree.write_tree(plan, lang, tree, config.site_url, root_url)
    config.nav = docstree.engine_config(plan, lang, config.site_url, root_url)["nav"]
    return config
