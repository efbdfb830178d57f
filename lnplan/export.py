"""Downloads generated from the model: JSON, CSV (UTF-8 with BOM), XLSX, task-division tables, data package.
Every function returns bytes; the same plan always gives the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import posixpath
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

import xlsxwriter

from . import cite, database, releases, tmx
from .columns import ASSIGNMENTS, CORRECTIONS, MEASURE_PLACE_REASONS, MEASURES, PLACES, TARGETS, UNITS, Table, describe
from .i18n import t
from .model import LANGS, Correction, Measure, Plan, Target, Unit, text_record
from .schema import SCHEMA_VERSION, load_schema
from .urls import absolute, correction_target_page, correction_url, public_root, record_urls, target_url


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def base_value(plan: Plan, t: Target):
    if t.value is None:
        return None
    v = t.value * plan.measure_units[t.unit].multiplier
    return int(v) if float(v).is_integer() else v


def measure_record(plan: Plan, m: Measure) -> dict:
    r = m.responsibility
    return {
        "id": m.id,
        "chapter": m.chapter,
        "section": m.section,
        "item": m.item,
        "citation": text_record(m.citation),
        "title": text_record(m.title),
        "text": text_record(m.text),
        "responsibility": {
            "raw": r.raw,
            "groups": [{"units": list(g.units), "etc": g.etc} for g in r.groups],
            "lead": r.lead,
            "co_responsible": list(r.co_responsible),
        },
        "places": list(m.places),
        "place_reasons": [{"place": r.place, "reason": r.reason, "form": r.form} for r in m.place_reasons],
        "targets": [t.id for t in plan.targets_of(m.id)],
        "url": record_urls("measure", m.id),
    }


def target_record(plan: Plan, t: Target, raw: dict) -> dict:
    rec = dict(raw)
    rec["measure"] = t.measure
    rec["unit_label"] = text_record(plan.measure_units[t.unit].label) if t.unit else None
    rec["base_value"] = base_value(plan, t)
    rec["url"] = {lang: absolute(lang, target_url(t.id)) for lang in LANGS}
    return rec


def correction_record(plan: Plan, c: Correction) -> dict:
    rec = {
        "id": c.id,
        "date": c.date,
        "kind": c.kind,
        "target_type": c.target_type,
        "target": c.target,
        "field": c.field,
        "before": c.before,
        "after": c.after,
        "reason": text_record(c.reason),
    }
    if c.source:
        rec["source"] = c.source
    rec["url"] = {lang: absolute(lang, correction_url(c.id)) for lang in LANGS}
    rec["target_url"] = {lang: absolute(lang, correction_target_page(c)) for lang in LANGS}
    return rec


def plan_json(plan: Plan) -> dict:
    raw = plan.raw
    raw_units = {u["id"]: u for u in raw["units.yaml"]["units"]}
    raw_places = {p["id"]: p for p in raw["places.yaml"]["places"]}
    raw_targets = {t["id"]: t for t in raw["targets.yaml"]["targets"]}
    version, release_date = releases.version(plan)
    return {
        "schema_version": SCHEMA_VERSION,
        "version": version,
        "release_date": release_date,
        "document": raw["document.yaml"],
        "chapters": [raw[f"chapters/{c.id}.yaml"] for c in plan.chapters],
        "measures": [measure_record(plan, m) for m in plan.measures.values()],
        "units": [
            {
                **raw_units[unit.id],
                "url": record_urls("unit", unit.id),
                "lead": [m.id for m in plan.lead_measures(unit.id)],
                "co_responsible": [m.id for m in plan.co_measures(unit.id)],
            }
            for unit in plan.units.values()
        ],
        "places": [
            {
                **raw_places[place.id],
                "url": record_urls("place", place.id),
                "measures": [m.id for m in plan.measures_naming(place.id)],
                "regions": regions_record(plan, place.id),
            }
            for place in plan.places.values()
        ],
        "sources": raw["places.yaml"]["sources"],
        "place_names": raw["place_names.yaml"],
        "targets": [target_record(plan, t, raw_targets[t.id]) for t in plan.targets.values()],
        "glossary": raw["glossary.yaml"]["terms"],
        "vocabularies": raw["vocabularies.yaml"],
        "corrections": [correction_record(plan, c) for c in plan.corrections],
        "releases": raw["releases.yaml"]["releases"],
    }


# Spreadsheet formula injection (OWASP, "CSV Injection"): a cell that begins with one of these characters is read
# by Excel, WPS and LibreOffice as a formula. Text cells that begin with one get a leading apostrophe, which the
# spreadsheet shows as text; plan.json and the other JSON files carry the text unaltered.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_RULE = {
    "zh": "为防止电子表格公式注入（OWASP“CSV 注入”指南），CSV 中以 = + - @ 制表符或回车开头的文本单元格前加一个单引"
    "号（'）。plan.json 等 JSON 文件保留原文。",
    "en": "To prevent spreadsheet formula injection (OWASP “CSV Injection” guidance), a CSV text cell that would "
    "begin with = + - @, "
    "a tab or a carriage return is written with a leading apostrophe ('). plan.json and the other JSON files keep "
    "the text unaltered.",
}


def csv_cell(v) -> str | int | float:
    """A value as a CSV cell: booleans as true/false, None as empty, text defused per CSV_RULE."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def regions_record(plan: Plan, place_id: str) -> list[dict]:
    """The regions and cores a city or the zone belongs to, with the membership's sources (and note)."""
    out = []
    for region, ms in plan.regions_of(place_id):
        rec = {"region": region.id, "sources": list(ms.sources)}
        if ms.note:
            rec["note"] = text_record(ms.note)
        out.append(rec)
    return out


def _csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def table_csv(table: Table, plan: Plan, doc: dict) -> bytes:
    """A table of the column declarations (lnplan.columns) as a CSV file."""
    columns = table.csv_columns
    return _csv([c.name for c in columns], [[c.get(r) for c in columns] for r in table.rows(plan, doc)])


# ---- task-division tables (任务分工表) ----------------------------------------

# (Chinese heading, English heading, column width in characters, only in a unit's own table)
TASK_COLUMNS = (
    ("序号", "No.", 5, False),
    ("编号", "ID", 8, False),
    ("所属部分", "Part of the plan", 13, False),
    ("任务", "Task", 58, False),
    ("本单位职责", "This unit's role", 11, True),
    ("牵头单位", "Lead unit", 15, False),
    ("配合单位", "Co-responsible units", 22, False),
    ("量化目标", "Quantitative targets", 24, False),
)
ROLE = {"zh": ("牵头", "配合"), "en": ("Lead", "Co-responsible")}
ETC = {lang: ("" if lang == "zh" else " ") + t("etc", lang) for lang in LANGS}  # 等, " and other departments concerned"


def co_text(plan: Plan, m: Measure, lang: str) -> str:
    """The co-responsible units as the plan groups them, with 等 ("and other departments concerned") kept; a group
    with no named unit besides the lead (省科技厅等) is the site's wording for it (i18n 'others')."""
    sep_group = "，" if lang == "zh" else "; "
    return sep_group.join(
        _units_text(plan, g.units, lang, m.responsibility.raw) + (ETC[lang] if g.etc else "")
        if g.units
        else t("others", lang)
        for g in m.responsibility.co_groups
    )


def _units_text(plan: Plan, units, lang: str, raw: str) -> str:
    """A group's units in words; a collective unit the clause introduces with 等 follows 'and other'
    (沈阳、大连等相关市政府)."""
    names = [plan.units[u].name[lang] for u in units]
    if plan.after_etc(units, raw):
        return t("list_sep", lang).join(names[:-1]) + t("etc_then", lang) + names[-1]
    return t("list_sep", lang).join(names)


def task_text(m: Measure, lang: str) -> str:
    if m.own_title is None:
        return m.text[lang]
    sep = "。" if lang == "zh" else ". "
    return f"{m.own_title[lang]}{sep}{m.text[lang]}"


def targets_text(plan: Plan, m: Measure, lang: str) -> str:
    """The measure's quantitative targets in the plan's words."""
    return ("；" if lang == "zh" else "; ").join(x.text[lang] for x in plan.targets_of(m.id))


def task_columns(unit_id: str | None) -> list[tuple]:
    return [c for c in TASK_COLUMNS if unit_id or not c[3]]


def task_headers(lang: str, unit_id: str | None) -> list[str]:
    return [c[0] if lang == "zh" else c[1] for c in task_columns(unit_id)]


def unit_tasks(plan: Plan, unit_id: str) -> list[Measure]:
    """A unit's tasks: those it leads, then those it is co-responsible for, each in the plan's order."""
    led = plan.lead_measures(unit_id)
    return [*led, *(m for m in plan.co_measures(unit_id) if m not in led)]


def task_rows(plan: Plan, measures: list[Measure], lang: str, unit_id: str | None = None) -> list[list]:
    rows = []
    for n, m in enumerate(measures, start=1):
        role = [ROLE[lang][0] if m.responsibility.lead == unit_id else ROLE[lang][1]] if unit_id else []
        rows.append(
            [
                n,
                m.id,
                m.citation[lang],
                task_text(m, lang),
                *role,
                plan.units[m.responsibility.lead].name[lang],
                co_text(plan, m, lang),
                targets_text(plan, m, lang),
            ]
        )
    return rows


def tasks_csv(plan: Plan, measures: list[Measure], lang: str, unit_id: str | None = None) -> bytes:
    return _csv(task_headers(lang, unit_id), task_rows(plan, measures, lang, unit_id))


SHEET_NAMES = {"zh": "任务分工表", "en": "Task division"}
XLSX_MAX_CELL = 32767  # Excel's limit on the characters in one cell
LINE_HEIGHT = {"zh": 15, "en": 15}  # points per line of 11-point text
A4 = 9  # the paper size code of Excel and xlsxwriter


def text_width(text: str) -> float:
    """Width in spreadsheet character units (the width of a digit): wide (CJK, full-width) characters take two,
    others three quarters on average (letters of proportional fonts are narrower than digits)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0.75 for ch in text)


def line_count(text: str, width: float) -> int:
    """The lines a wrapped cell of this column width needs (the width less a character for the cell's margins)."""
    per_line = max(width - 1, 1)
    return sum(max(1, math.ceil(text_width(part) / per_line)) for part in str(text).split("\n"))


def source_line(plan: Plan, lang: str, site_url: str) -> str:
    """Where the table comes from: the plan's issuer and date, this edition's version, and its address if public."""
    v, date = releases.version(plan)
    n, root = plan.notice, public_root(site_url)
    if lang == "zh":
        edition = f"开放数据版 {v}（{date}）" if v else "开放数据版"
        return f"来源：{n.issuer.zh}{n.date_text.zh}印发{n.publication.zh}。本表据{edition}整理，以中文原文为准。" + (
            f"{root}" if root else ""
        )
    edition = f"open edition version {v} ({date})" if v else "open edition"
    return (
        f"Source: issued by the {n.issuer.en} on {n.date_text.en} {n.publication.en} This table is from the {edition}; "
        "the English is an unofficial translation and the Chinese text is authoritative." + (f" {root}" if root else "")
    )


def _check_cells(row: list) -> None:
    for value in row:
        if isinstance(value, str) and len(value) > XLSX_MAX_CELL:  # the schema's limits keep texts far shorter
            raise ValueError(
                f"a task text of {len(value):,} characters does not fit in a spreadsheet cell "
                f"({XLSX_MAX_CELL:,}); it would be cut off"
            )


def _task_sheet(
    wb, fmt: dict, plan: Plan, measures: list[Measure], lang: str, title: str, unit_id: str | None, site_url: str
) -> None:
    """One language's sheet, ready to print and forward: title and source rows, the header repeated on every A4 page,
    every row as high as its longest wrapped text."""
    ws = wb.add_worksheet(SHEET_NAMES[lang])
    columns = task_columns(unit_id)
    widths = [c[2] for c in columns]
    total, last = sum(widths), len(columns) - 1
    line = LINE_HEIGHT[lang]
    for i, width in enumerate(widths):
        ws.set_column(i, i, width)
    source = source_line(plan, lang, site_url)
    ws.merge_range(0, 0, 0, last, title, fmt["title"])
    ws.set_row(0, 18 * line_count(title, total * 13 / 11) + 6)
    ws.merge_range(1, 0, 1, last, source, fmt["source"])
    ws.set_row(1, line * line_count(source, total) + 4)
    headers = task_headers(lang, unit_id)
    ws.write_row(2, 0, headers, fmt["head"])
    ws.set_row(2, line * max(line_count(h, w) for h, w in zip(headers, widths)) + 4)
    for r, row in enumerate(task_rows(plan, measures, lang, unit_id), start=3):
        _check_cells(row)
        ws.write_row(r, 0, row, fmt["cell"])
        ws.set_row(r, line * max(line_count(v, w) for v, w in zip(row, widths)) + 4)
    ws.freeze_panes(3, 0)
    ws.repeat_rows(2)
    ws.set_paper(A4)
    ws.set_landscape()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C&P / &N" if lang == "en" else "&C第 &P 页，共 &N 页")


def tasks_xlsx(
    plan: Plan, measures: list[Measure], title: dict[str, str], unit_id: str | None = None, site_url: str = ""
) -> bytes:
    buf = io.BytesIO()
    # Every text is written as a text cell: never as a formula, a link or a number, whatever it begins with.
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    wb.set_properties(
        {"title": title["zh"], "subject": title["en"], "created": dt.datetime.fromisoformat(plan.notice.date)}
    )
    fmt = {
        "title": wb.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "top"}),
        "source": wb.add_format({"text_wrap": True, "valign": "top", "font_color": "#444444"}),
        "head": wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "border": 1}),
        "cell": wb.add_format({"text_wrap": True, "valign": "top", "align": "left", "border": 1}),
    }
    for lang in LANGS:
        _task_sheet(wb, fmt, plan, measures, lang, title[lang], unit_id, site_url)
    wb.close()
    return buf.getvalue()


def tasks_title(plan: Plan, unit: Unit | None = None) -> dict[str, str]:
    """The heading of a task-division table: the plan, and the unit whose table it is."""
    if unit is None:
        return {"zh": f"{plan.title.zh} 任务分工表", "en": f"{plan.title.en}: task division"}
    return {
        "zh": f"{plan.title.zh} 任务分工表（{unit.name.zh}）",
        "en": f"{plan.title.en}: task division, {unit.name.en}",
    }


def unit_tasks_json(plan: Plan, unit: Unit) -> bytes:
    def task(m: Measure) -> dict:
        rec = measure_record(plan, m)
        return {k: rec[k] for k in ("id", "citation", "title", "text", "responsibility", "places", "targets", "url")}

    return _json(
        {
            "unit": {
                "id": unit.id,
                "name": text_record(unit.name),
                "full_name": text_record(unit.full_name),
                "kind": unit.kind,
                "url": record_urls("unit", unit.id),
            },
            "lead": [task(m) for m in plan.lead_measures(unit.id)],
            "co_responsible": [task(m) for m in plan.co_measures(unit.id)],
        }
    )


# ---- data package -------------------------------------------------------------


def _fields(table: Table) -> list[dict]:
    """The data package's fields of a table: name, type and the schema's description in both languages."""
    schema = load_schema()
    out = []
    for c in table.csv_columns:
        en, zh = describe(c, schema)
        out.append({"name": c.name, "type": c.type, "description": en, "x-description-zh": zh})
    return out


def datapackage(build: Build) -> dict:
    """The data package descriptor: a resource for each table and each file the download table describes, with its
    size and SHA-256."""

    def stats(path: str) -> dict:
        data = build.files.get(path)
        return {"bytes": len(data), "hash": "sha256:" + digest(data)} if data is not None else {}

    def res(d: Download) -> dict:
        path = d.path.removeprefix("data/")
        if d.table is None:
            name, fmt, mediatype, title = d.resource
            return {
                "name": name,
                "path": path,
                "title": title,
                "profile": "data-resource",
                "format": fmt,
                "mediatype": mediatype,
                **stats(d.path),
            }
        table = d.table
        schema = {"fields": _fields(table), "primaryKey": list(table.pk), "missingValues": [""]}
        if table.fks:
            schema["foreignKeys"] = [
                {"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in table.fks
            ]
        return {
            "name": table.name,
            "path": path,
            "title": table.title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
            **stats(d.path),
        }

    described = [d for d in DOWNLOADS if d.table is not None] + [d for d in DOWNLOADS if d.resource is not None]
    return {
        "profile": "data-package",
        "name": build.plan.edition.id,
        "title": build.plan.edition.dataset_title,
        "description": "The plan's measures, responsible units, places and quantitative targets. The Chinese text is "
        "authoritative; "
        "the English is an unofficial translation. " + CSV_RULE["en"],
        **({"version": build.version, "created": f"{build.release_date}T00:00:00Z"} if build.version else {}),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (dataset structure and English translation)",
            }
        ],
        "resources": [res(d) for d in described],
    }


# ---- static API: one small document per record ------------------------------------

API_KINDS = ("measures", "units", "places", "targets")
API_INDEX = "data/api/index.json"


def api_path(kind: str, ident: str) -> str:
    """Stable URL of a record's document, from the site root: data/api/measures/2.1.1.json."""
    return f"data/api/{kind}/{ident}.json"


def api_records(doc: dict) -> dict[str, bytes]:
    """Each measure, unit, place and target of plan.json as its own document."""
    return {api_path(kind, rec["id"]): _json(rec) for kind in API_KINDS for rec in doc[kind]}


def api_index(doc: dict, files: dict[str, bytes]) -> dict:
    """The index of the record documents, with each one's SHA-256, so a client fetches only what changed since it
    last looked. Addresses are relative to the index's own (data/api/), as fetch() and urljoin() resolve them."""

    def entry(kind: str, rec: dict) -> dict:
        path = api_path(kind, rec["id"])
        return {
            "id": rec["id"],
            "url": posixpath.relpath(path, posixpath.dirname(API_INDEX)),
            "sha256": digest(files[path]),
        }

    return {
        "schema_version": doc["schema_version"],
        "version": doc["version"],
        "release_date": doc["release_date"],
        "plan": posixpath.relpath("data/plan.json", posixpath.dirname(API_INDEX)),
        **{kind: [entry(kind, rec) for rec in doc[kind]] for kind in API_KINDS},
    }


# ---- the download table: every download once, for the build, the data package and the data page ----------------


@dataclass
class Build:
    """What the downloads of one build are made from, and the files made so far (in the download table's order)."""

    plan: Plan
    site_url: str
    doc: dict = field(init=False)
    version: str | None = field(init=False)
    release_date: str | None = field(init=False)
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc = plan_json(self.plan)
        self.version, self.release_date = releases.version(self.plan)


@dataclass(frozen=True)
class Download:
    """One file (path) or one file per record (path a folder ending in '/'), how it is made, and how it is described:
    on the data page (zh, en; files per record are reached from their record's page instead) and in the data
    package (a table, or a file resource: name, format, media type, title)."""

    path: str
    make: Callable[[Build], bytes | dict[str, bytes]]
    zh: str = ""
    en: str = ""
    table: Table | None = None
    resource: tuple[str, str, str, str] | None = None
    last: bool = False  # made after every other file (it describes them)

    def __post_init__(self) -> None:
        if not self.per_record and not (self.zh and self.en):
            raise ValueError(f"download {self.path} has no description for the data page; give zh and en")

    @property
    def per_record(self) -> bool:
        return self.path.endswith("/")


def _csv_download(table: Table, zh: str, en: str) -> Download:
    return Download("data/" + table.csv_path, lambda b: table_csv(table, b.plan, b.doc), zh, en, table=table)


def _all_tasks(b: Build) -> list[Measure]:
    return list(b.plan.measures.values())


def _unit_files(b: Build) -> dict[str, bytes]:
    plan, files = b.plan, {}
    for u in plan.units.values():
        ms = unit_tasks(plan, u.id)
        files[f"data/units/{u.id}.csv"] = tasks_csv(plan, ms, "zh", u.id)
        files[f"data/units/{u.id}.en.csv"] = tasks_csv(plan, ms, "en", u.id)
        files[f"data/units/{u.id}.xlsx"] = tasks_xlsx(plan, ms, tasks_title(plan, u), u.id, b.site_url)
        files[f"data/units/{u.id}.json"] = unit_tasks_json(plan, u)
    return files


DOWNLOADS: tuple[Download, ...] = (
    Download(
        "data/plan.json",
        lambda b: _json(b.doc),
        "整个数据集（双语、单一文档）。",
        "The whole dataset, both languages, one document.",
        resource=(
            "plan",
            "json",
            "application/json",
            "The whole dataset in one document (validates against plan.schema.json)",
        ),
    ),
    Download(
        "data/plan.schema.json",
        lambda b: _json(load_schema()),
        "plan.json 的 JSON Schema（2020-12）。",
        "JSON Schema (2020-12) that plan.json validates against.",
    ),
    _csv_download(MEASURES, "任务表。", "Measures."),
    _csv_download(UNITS, "责任单位表。", "Responsible units."),
    _csv_download(PLACES, "地点表。", "Places."),
    _csv_download(TARGETS, "量化目标表。", "Quantitative targets."),
    _csv_download(ASSIGNMENTS, "责任分配表（每项任务每个单位一行）。", "Assignments: one row per measure and unit."),
    _csv_download(
        MEASURE_PLACE_REASONS,
        "任务涉及地点及原因（直接提及、简称或所辖县区等；每项任务每个地点、每个字样一行）。",
        "Why each measure lists each place (named, short form, or a county or other place within it): one row per "
        "measure, place and form found.",
    ),
    _csv_download(
        CORRECTIONS,
        "更正表：本站所作或所记录的每一项更正，编号稳定。",
        "Corrections: every correction this edition makes or notes, with stable ids.",
    ),
    Download(
        "data/datapackage.json",
        lambda b: _json(datapackage(b)),
        "Frictionless 数据包描述（含主键、外键）。",
        "Frictionless Data Package descriptor with primary and foreign keys.",
        last=True,
    ),
    Download(
        "data/plan.sqlite",
        lambda b: database.build(b.plan, b.doc),
        "SQLite 数据库：任务、单位、地点、目标、责任分工、版本与变化各为一表，含外键、索引和中英文全文检索（三元组分"
        "词，检索词至少三个字符）。",
        "SQLite database: measures, units, places, targets, assignments, releases and changes as tables with foreign "
        "keys, indexes and full-text search in both languages (trigram: queries of three or more characters).",
        resource=("sqlite", "sqlite", "application/vnd.sqlite3", "SQLite database with full-text search"),
    ),
    Download(
        "data/plan.metadata.json",
        lambda b: _json(database.metadata(b.plan, b.version)),
        "plan.sqlite 的 Datasette 元数据（标题、许可、来源、各列说明）：datasette plan.sqlite --metadata "
        "plan.metadata.json",
        "Datasette metadata for plan.sqlite (titles, licence, source, every column's description): datasette "
        "plan.sqlite --metadata plan.metadata.json",
        resource=("datasette-metadata", "json", "application/json", "Datasette metadata for plan.sqlite"),
    ),
    Download(
        "data/plan.tmx",
        lambda b: tmx.tmx(b.plan),
        "中英平行文本（TMX 1.4b 翻译记忆库）：每个标题和每段文本一对，附编号，供译者和计算机辅助翻译工具使用。",
        "Chinese–English parallel text as a TMX 1.4b translation memory: one unit per title and text, with its id, "
        "for translators and CAT tools.",
        resource=("translation-memory", "tmx", "application/x-tmx+xml", "Chinese–English text pairs (TMX 1.4b)"),
    ),
    Download(
        "data/tasks.csv",
        lambda b: tasks_csv(b.plan, _all_tasks(b), "zh"),
        "全文任务分工表（中文）。",
        "Task-division table of the whole plan (Chinese).",
    ),
    Download(
        "data/tasks.en.csv",
        lambda b: tasks_csv(b.plan, _all_tasks(b), "en"),
        "全文任务分工表（英文）。",
        "Task-division table of the whole plan (English).",
    ),
    Download(
        "data/tasks.xlsx",
        lambda b: tasks_xlsx(b.plan, _all_tasks(b), tasks_title(b.plan), site_url=b.site_url),
        "全文任务分工表（Excel，中英两个工作表）。",
        "Task-division table of the whole plan (Excel, a sheet per language).",
    ),
    Download("data/units/", _unit_files),
    Download("data/api/", lambda b: api_records(b.doc)),
    Download(
        API_INDEX,
        lambda b: _json(api_index(b.doc, b.files)),
        "静态 API 索引：每项任务、单位、地点和目标各有一个小 JSON 文档（data/api/<类别>/<编号>.json），内容与 "
        "plan.json 中的记录相同，并附 SHA-256。",
        "Static API index: every measure, unit, place and target as its own small JSON document "
        "(data/api/<kind>/<id>.json), the same record as in plan.json, with its SHA-256.",
        resource=(
            "api-index",
            "json",
            "application/json",
            "Static API index: one document per measure, unit, place and target",
        ),
    ),
    Download(
        cite.PLAN_CSL,
        lambda b: cite.csl_json(cite.plan_items(b.plan, b.site_url)),
        "整个方案的 CSL-JSON 引用（Zotero、Mendeley 等可导入）。",
        "CSL-JSON citation of the whole plan (imports into Zotero, Mendeley and other reference managers).",
        resource=("citation-csl", "json", "application/vnd.citationstyles.csl+json", "Citation of the plan (CSL-JSON)"),
    ),
    Download(
        cite.PLAN_BIB,
        lambda b: cite.bibtex(cite.plan_items(b.plan, b.site_url)),
        "整个方案的 BibTeX 引用（中英文各一条）；各任务的引用文件见任务页面。",
        "BibTeX citation of the whole plan (one entry per language); each measure's citation files are on its page.",
        resource=("citation-bibtex", "bib", "application/x-bibtex", "Citation of the plan (BibTeX)"),
    ),
    Download("data/cite/", lambda b: cite.measure_files(b.plan, b.site_url)),
)


def listed_downloads() -> list[Download]:
    """The downloads the data page lists, in its order (files per record are reached from their record's page)."""
    return [d for d in DOWNLOADS if not d.per_record]


def downloads(plan: Plan, site_url: str = "") -> dict[str, bytes]:
    """Every download, by its path under the site root, in the download table's order. site_url (the public address)
    goes into the citation files, which reference managers need absolute; without it they carry no URL.
    Made anew on each call (about a quarter of a second), so no caller ever sees files of another plan."""
    build = Build(plan, site_url)
    for d in DOWNLOADS:
        if d.last:
            build.files[d.path] = b""  # keeps its place; made below, once the files it describes exist
            continue
        made = d.make(build)
        build.files.update(made if isinstance(made, dict) else {d.path: made})
    for d in DOWNLOADS:
        if d.last:
            build.files[d.path] = d.make(build)
    return build.files


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
