"""The JSON Schema of the plan (schema/plan.schema.json) and the version of plan.json's shape it describes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "plan.schema.json"
SCHEMA_VERSION = "1.2.0"  # the shape of plan.json; the dataset's own version is the latest release (lnplan.releases)


@lru_cache(maxsize=None)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
