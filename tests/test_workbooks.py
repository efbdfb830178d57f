"""The task-division workbooks as a department opens, prints and forwards them: converted to PDF by LibreOffice
headless (a real spreadsheet program; a row too low for its text is cut off in the PDF, so the text would be missing)
and read back. Also the tables' columns and order with openpyxl."""

import csv
import io
import re
import shutil
import subprocess

import openpyxl
import pytest

from conftest import shared
from pypdf import PdfReader

from lnplan.clients import find_soffice
from lnplan.export import downloads, task_headers, task_text

UNIT = "commerce"
A4_LANDSCAPE = (841.9, 595.3)  # points


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan, "https://example.org/plan/")


@pytest.fixture(scope="module")
def printed(files, tmp_path_factory):
    """Both workbooks as LibreOffice prints them: the text of each PDF page, and the page sizes (one conversion for
    the whole session)."""
    return {
        name: [(text, tuple(size)) for text, size in pages]
        for name, pages in shared(tmp_path_factory, "workbooks", lambda d: _print(files, d)).items()
    }


def _print(files, d):
    names = {"tasks.xlsx": files["data/tasks.xlsx"], f"{UNIT}.xlsx": files[f"data/units/{UNIT}.xlsx"]}
    for name, data in names.items():
        (d / name).write_bytes(data)
    profile = d / "profile"
    subprocess.run(
        [
            find_soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(d),
            *(str(d / n) for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    shutil.rmtree(profile, ignore_errors=True)
    out = {}
    for name in names:
        reader = PdfReader(d / name.replace(".xlsx", ".pdf"))
        out[name] = [(p.extract_text(), (float(p.mediabox.width), float(p.mediabox.height))) for p in reader.pages]
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["tasks.xlsx", f"{UNIT}.xlsx"])
def test_every_page_is_a4_landscape_with_the_header_row(printed, name):
    pages = printed[name]
    assert len(pages) > 2
    headers = {
        lang: [squeeze(h) for h in task_headers(lang, UNIT if name != "tasks.xlsx" else None)] for lang in ("zh", "en")
    }
    for text, size in pages:
        assert size == pytest.approx(A4_LANDSCAPE, abs=1)
        found = [lang for lang in ("zh", "en") if all(h in squeeze(text) for h in headers[lang])]
        assert len(found) == 1, text[:200]  # the header row of the page's sheet, on every page


def test_the_title_names_plan_unit_version_and_source(printed, plan):
    first = squeeze(printed[f"{UNIT}.xlsx"][0][0])
    assert squeeze(f"{plan.title.zh} 任务分工表（{plan.units[UNIT].name.zh}）") in first
    assert plan.releases[-1].version in first and squeeze(plan.notice.issuer.zh + plan.notice.date_text.zh) in first
    english = next(squeeze(t) for t, _ in printed[f"{UNIT}.xlsx"] if "Co-responsibleunits" in squeeze(t))
    assert squeeze(f"task division, {plan.units[UNIT].name.en}") in english and "https://example.org/plan/" in english


@pytest.mark.parametrize("name", ["tasks.xlsx", f"{UNIT}.xlsx"])
def test_no_task_text_is_cut_off_in_either_language(printed, plan, name):
    text = squeeze("".join(t for t, _ in printed[name]))
    measures = (
        plan.measures.values()
        if name == "tasks.xlsx"
        else [m for m in plan.measures.values() if UNIT in m.responsibility.units]
    )
    missing = [(m.id, lang) for m in measures for lang in ("zh", "en") if squeeze(task_text(m, lang)) not in text]
    assert missing == []


def test_a_units_workbook_says_its_role_and_lists_led_tasks_first(files, plan, tmp_path):
    path = tmp_path / "unit.xlsx"
    path.write_bytes(files[f"data/units/{UNIT}.xlsx"])
    wb = openpyxl.load_workbook(path)
    ws = wb["任务分工表"]
    assert [c.value for c in ws[3]] == [
        "序号",
        "编号",
        "所属部分",
        "任务",
        "本单位职责",
        "牵头单位",
        "配合单位",
        "量化目标",
    ]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    led, co = [m.id for m in plan.lead_measures(UNIT)], [m.id for m in plan.co_measures(UNIT)]
    assert [r[1] for r in rows] == led + co and [r[4] for r in rows] == ["牵头"] * len(led) + ["配合"] * len(co)
    target = next(m for m in plan.lead_measures(UNIT) if plan.targets_of(m.id))
    assert next(r for r in rows if r[1] == target.id)[7] == "；".join(x.text.zh for x in plan.targets_of(target.id))
    assert (
        ws.print_title_rows == "$3:$3"
        and int(ws.page_setup.paperSize) == 9
        and ws.page_setup.orientation == "landscape"
    )
    en = wb["Task division"]
    assert [c.value for c in en[3]][4] == "This unit's role" and en.cell(4, 5).value == "Lead"
    assert all(ws.row_dimensions[r].height > 15 for r in range(4, 4 + len(rows)))
    table = list(csv.DictReader(io.StringIO(files[f"data/units/{UNIT}.csv"].decode("utf-8-sig"))))
    assert [r["编号"] for r in table] == led + co and table[0]["本单位职责"] == "牵头"


def test_the_whole_plans_workbook_has_no_role_column(files, tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(files["data/tasks.xlsx"])
    ws = openpyxl.load_workbook(path)["任务分工表"]
    assert [c.value for c in ws[3]] == ["序号", "编号", "所属部分", "任务", "牵头单位", "配合单位", "量化目标"]
    assert ws.max_row == 3 + 78
