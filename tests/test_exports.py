"""Downloads: plan.json validates against plan.schema.json, CSVs open in Excel/WPS, the data package is valid,
task-division tables keep 等, and every file is byte-identical from one build to the next."""

import csv
import io
import json

import jsonschema
import openpyxl
import pytest

from lnplan.export import downloads
from lnplan.loader import load_plan


@pytest.fixture(scope="module")
def files(plan):
    return downloads(plan)


def rows(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel and WPS"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_plan_json_validates_against_its_published_schema(files):
    doc = json.loads(files["data/plan.json"])
    schema = json.loads(files["data/plan.schema.json"])
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
    assert [m["id"] for m in doc["measures"]][:2] == ["2.1.1", "2.1.2"]
    assert len(doc["measures"]) == 78 and len(doc["targets"]) == 54 and len(doc["units"]) == 33
    m = next(x for x in doc["measures"] if x["id"] == "2.1.1")
    assert m["responsibility"]["lead"] == "shenyang-government"
    assert m["url"] == {"zh": "measures/2.1.1/", "en": "en/measures/2.1.1/"}
    assert m["targets"] == ["2.1.1-t1"]
    t = next(x for x in doc["targets"] if x["id"] == "2.2.1-t1")
    assert t["base_value"] == 400_000_000 and t["unit_label"] == {"zh": "亿吨", "en": "metric tons"}


def test_a_broken_plan_json_fails_the_schema(files):
    doc = json.loads(files["data/plan.json"])
    doc["measures"][0]["responsibility"]["lead"] = 7
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json.loads(files["data/plan.schema.json"]))


def test_csvs_have_bom_and_all_rows(files):
    assert len(rows(files["data/measures.csv"])) == 78
    assert len(rows(files["data/targets.csv"])) == 54
    units = {r["id"]: r for r in rows(files["data/units.csv"])}
    assert units["commerce"]["name_zh"] == "省商务厅" and int(units["commerce"]["lead_count"]) > 0
    assignments = rows(files["data/assignments.csv"])
    assert {
        "measure": "2.1.1",
        "unit": "shenyang-government",
        "role": "lead",
        "group": "1",
        "position": "1",
        "group_etc": "false",
    } in assignments


def test_task_division_table_keeps_etc(files):
    table = rows(files["data/tasks.csv"])
    assert list(table[0]) == ["序号", "编号", "所属部分", "任务", "牵头单位", "配合单位", "量化目标"]
    first = table[0]
    assert (first["编号"], first["牵头单位"], first["配合单位"]) == (
        "2.1.1",
        "沈阳市政府",
        "省发展改革委、省商务厅、省交通运输厅等",
    )
    assert first["任务"].startswith("建设国家现代综合枢纽。高水平建设航空")
    en = rows(files["data/tasks.en.csv"])[0]
    assert (
        en["Co-responsible units"].endswith("and other departments concerned")
        and en["Lead unit"] == "Shenyang Municipal Government"
    )


def test_each_unit_has_its_own_tables(files, plan):
    for unit_id in plan.units:
        for ext in (".csv", ".en.csv", ".xlsx", ".json"):
            assert f"data/units/{unit_id}{ext}" in files
    doc = json.loads(files["data/units/commerce.json"])
    assert [t["id"] for t in doc["lead"]] == [m.id for m in plan.lead_measures("commerce")]
    assert [t["id"] for t in doc["co_responsible"]] == [m.id for m in plan.co_measures("commerce")]
    assert len(rows(files["data/units/commerce.csv"])) == len(doc["lead"]) + len(doc["co_responsible"])


def test_xlsx_opens_with_both_languages(files, tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(files["data/tasks.xlsx"])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["任务分工表", "Task division"]
    ws = wb["任务分工表"]
    assert ws.cell(1, 1).value.endswith("任务分工表") and ws.cell(2, 1).value.startswith("来源：")
    assert ws.max_row == 3 + 78


def test_data_package_is_valid(files, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    package = json.loads(files["data/datapackage.json"])
    for resource in package["resources"]:  # every file the package describes, where the site has it
        (tmp_path / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / resource["path"]).write_bytes(files["data/" + resource["path"]])
    (tmp_path / "datapackage.json").write_bytes(files["data/datapackage.json"])
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    measures = next(r for r in package["resources"] if r["name"] == "measures")
    assert (
        measures["schema"]["primaryKey"] == ["id"]
        and measures["schema"]["foreignKeys"][0]["reference"]["resource"] == "units"
    )


def test_data_package_describes_every_dataset_file_with_size_and_hash(files):
    package = json.loads(files["data/datapackage.json"])
    described = {r["path"]: r for r in package["resources"]}
    for path in (
        "plan.json",
        "plan.sqlite",
        "plan.metadata.json",
        "api/index.json",
        "plan.tmx",
        "plan.bib",
        "plan.csl.json",
        "measures.csv",
    ):
        assert described[path]["bytes"] == len(files["data/" + path]), path  # frictionless checks the hash above
    assert package["profile"] == "data-package" and described["measures.csv"]["profile"] == "tabular-data-resource"


def test_outputs_are_byte_identical_between_builds(files):
    again = downloads(load_plan())  # a fresh load: nothing cached
    assert again is not files
    assert set(again) == set(files)
    assert [p for p in files if files[p] != again[p]] == []


def test_a_lead_alone_with_etc_keeps_the_others(files):
    # 3.5.2: （责任单位：省商务厅等，相关市政府，沈抚示范区）: the lead's own group is only "and others"
    row = next(r for r in rows(files["data/tasks.csv"]) if r["编号"] == "3.5.2")
    assert (row["牵头单位"], row["配合单位"]) == (
        "省商务厅",
        "未列名的其他单位（原文作“等”），相关市政府，沈抚示范区",
    )  # 等, not a made-up unit
    en = next(r for r in rows(files["data/tasks.en.csv"]) if r["ID"] == "3.5.2")
    assert (
        en["Co-responsible units"]
        == "other departments concerned; relevant city governments; Shenfu Demonstration Zone"
    )


def test_data_package_names_the_encoding_and_types_ids_as_text(files, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    package = json.loads(files["data/datapackage.json"])
    for resource in (r for r in package["resources"] if r["profile"] == "tabular-data-resource"):
        assert resource["encoding"] == "utf-8"  # the standard name (the BOM is read as such)
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        for name in ("id", "chapter", "section", "item", "measure", "source", "target"):
            assert types.get(name, "string") == "string", (resource["name"], name)
    for name in ("measures", "units", "places"):
        (tmp_path / f"{name}.csv").write_bytes(files[f"data/{name}.csv"])
    (tmp_path / "datapackage.json").write_bytes(files["data/datapackage.json"])
    rows = frictionless.Package(str(tmp_path / "datapackage.json")).get_resource("measures").read_rows()
    first = next(r for r in rows if r["id"] == "2.1.1")
    assert first["chapter"] == "2" and first["section"] == "2.1"  # text, as written


def test_the_data_page_says_how_to_read_ids_as_text(plan):
    from lnplan.site import render_page

    zh = render_page(plan, "zh", "data", "", "data/").markdown
    en = render_page(plan, "en", "data", "", "data/").markdown
    assert "dtype=str" in zh and "文本" in zh and "dtype=str" in en and "From Text/CSV" in en


def test_every_csv_column_is_described_from_the_schema_in_both_languages(files, plan):
    from lnplan.columns import csv_tables
    from lnplan.site import render_page

    package = {r["name"]: r for r in json.loads(files["data/datapackage.json"])["resources"]}
    page = {lang: render_page(plan, lang, "data", "", "data/").markdown for lang in ("zh", "en")}
    for table in csv_tables():
        header = list(rows(files["data/" + table.csv_path])[0]) if rows(files["data/" + table.csv_path]) else []
        fields = package[table.name]["schema"]["fields"]
        assert [f["name"] for f in fields] == header == [c.name for c in table.csv_columns]
        for f in fields:
            assert f["description"] and f["x-description-zh"] and f["description"] != f["x-description-zh"], (
                table.name,
                f["name"],
            )
            assert f"<code>{f['name']}</code>" in page["zh"] and f["x-description-zh"].split("（")[0] in page["zh"]
    units = {f["name"]: f for f in package["units"]["schema"]["fields"]}
    assert units["lead_count"]["description"] == "Measures the unit leads. This column gives their number."
    measures = {f["name"]: f for f in package["measures"]["schema"]["fields"]}
    assert "Separated by ';'" in measures["places"]["description"] and "分号" in measures["places"]["x-description-zh"]
