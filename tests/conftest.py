from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lnplan import yamlio  # noqa: E402
from lnplan.loader import load_plan  # noqa: E402
from lnplan.reading.files import PLAN_DIR  # noqa: E402


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture
def plan_copy(tmp_path):
    """A writable copy of plan/ and a helper to edit one of its files as data."""
    dest = tmp_path / "plan"
    shutil.copytree(PLAN_DIR, dest)

    class Copy:
        dir = dest

        def edit(self, rel: str, change) -> None:
            path = dest / rel
            data, _ = yamlio.load(path.read_text(encoding="utf-8"))
            change(data)
            path.write_text(yamlio.dump(data), encoding="utf-8")

        def write(self, rel: str, text: str) -> None:
            (dest / rel).write_text(text, encoding="utf-8")

        def read(self, rel: str) -> str:
            return (dest / rel).read_text(encoding="utf-8")

    return Copy()


SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real plan built once (both languages), as `make build` does it."""
    from lnplan.build import build

    out = tmp_path_factory.mktemp("built") / "site"
    assert build(out, SITE_URL, PLAN_DIR) == 0
    return out
