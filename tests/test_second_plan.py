"""The code publishes another plan of the same kind from data alone (plan/edition.yaml and the rest of plan/): a
fictional plan with another title, issuer, date, number of chapters and regions, and no seas, builds with no
Python change, and no page or download shows this plan's identity unless its own data says so."""

import re
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, shared
from lnplan.build import build
from lnplan.loader import load_plan

pytestmark = pytest.mark.build
SECOND = ROOT / "tests" / "data" / "second-plan"
LIAONING = re.compile(r"辽宁|Liaoning|一圈一带两区|One Circle|沈阳|Shenyang|大连|Dalian|渤海|Bohai|黄海|Yellow Sea")
TEXT_FILES = {".html", ".json", ".csv", ".xml", ".bib", ".tmx", ".txt", ".md"}


@pytest.fixture(scope="module")
def second_site(tmp_path_factory):
    built = shared(
        tmp_path_factory, "second", lambda d: {"site": str(d / "site"), "code": build(d / "site", SITE_URL, SECOND)}
    )
    assert built["code"] == 0
    return Path(built["site"])


def test_no_page_or_download_names_the_real_plan(second_site):
    found = {
        str(p.relative_to(second_site)): LIAONING.search(p.read_text(encoding="utf-8", errors="replace")).group()
        for p in second_site.rglob("*")
        if p.suffix in TEXT_FILES
        and "pagefind" not in p.parts
        and LIAONING.search(p.read_text(encoding="utf-8", errors="replace"))
    }
    assert found == {}


def test_its_pages_say_its_own_identity(second_site):
    plan = load_plan(SECOND)
    home = (second_site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{plan.edition.title.zh}</title>" in home and plan.title.zh in home
    assert plan.edition.scheme.zh + "示意图" in home  # the map, named by the edition
    assert len(plan.chapters) == 3 and (second_site / "plan" / "3" / "index.html").is_file()
    assert (second_site / "en" / "places" / "riverside-belt" / "index.html").is_file()
    workbook = second_site / "data" / "units" / "transport.xlsx"
    assert workbook.is_file() and plan.notice.date == "2025-03-10"
