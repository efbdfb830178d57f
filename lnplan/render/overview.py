"""Home, charts, data and about pages."""

from __future__ import annotations

from collections import Counter

from ..columns import csv_tables, describe
from ..export import API_INDEX, CSV_RULE, api_path, digest, downloads, listed_downloads
from ..feed import FEED_FILE
from ..model import Plan
from ..releases import version
from ..schema import load_schema
from ..urls import page, public_root
from . import history
from .corrections import KINDS, corrections_table
from .html import a, block, esc, heading, human_size, rel
from ..i18n import paren, t
from .map import map_figure
from .document import document_box
from .pages import Ctx, Rendered, jsonld, lang_switch_note, place_link, plan_jsonld, title_with_number, unit_link


def city_sections(plan: Plan) -> list[tuple[str, dict]]:
    """What each section the edition names (plan/edition.yaml city_sections) sets out, with its paragraphs by the
    place each concerns: [('positioning', {place: paragraph}), ('goals', {…})]."""
    sections = {s.id: s for ch in plan.chapters for s in ch.sections}
    out = []
    for key, sid in plan.edition.city_sections:
        by_place: dict = {}
        for p in sections[sid].paragraphs:
            for pid in p.places:  # 1.3.1 names Shenyang and the metropolitan area: it concerns both
                by_place.setdefault(pid, p)
        out.append((key, by_place))
    return out


def region_card(c: Ctx, ch) -> str:
    """A chapter on a region, as a card on the home page: the region, what the plan sets out for it (or, with
    nothing set out, the chapter's opening paragraph), and the chapter."""
    rid, lang = ch.region, c.lang
    said = [(key, by_place[rid]) for key, by_place in city_sections(c.plan) if rid in by_place]
    body = "".join(f"<p><strong>{esc(c.t(key) + c.t('colon'))}</strong>{esc(p.text[lang])}</p>" for key, p in said)
    if not said and ch.paragraphs:
        body = f"<p>{esc(ch.paragraphs[0].text[lang])}</p>"
    return (
        f'<li class="lp-region-card"><h3>{place_link(c, rid)}</h3>{body}'
        f"<p>{a(c.link('chapter', ch.id), esc(title_with_number(ch.number, ch.title[lang], lang, 'chapter', ch.id)))}"
        "</p></li>"
    )


def home_page(plan: Plan, lang: str, url: str, site_root: str = "") -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, plan.title[lang]), lang_switch_note(c)]
    out.append(block(f'<p class="lp-lede">{esc(plan.preamble[lang])}</p>' + document_box(c)))
    figures = [
        (len(plan.chapters), c.t("chapters"), c.link("plan")),
        (len(plan.measures), c.t("measures"), c.link("plan")),
        (len(plan.units), c.t("units_count"), c.link("units")),
        (len(plan.targets), c.t("targets_count"), c.link("targets")),
    ]
    out.append(heading(2, c.t("key_figures"), "figures"))
    out.append(
        block(
            '<ul class="lp-figures">'
            + "".join(
                f'<li><a href="{esc(h)}"><span class="lp-figure">{n}</span> <span>{esc(label)}</span></a></li>'
                for n, label, h in figures
            )
            + "</ul>"
        )
    )
    scheme = plan.edition.scheme[lang]
    out.append(heading(2, c.t("layout", scheme=scheme), "layout"))
    out.append(block(map_figure(plan, lang, url, c.t("map_layout", scheme=scheme), open_table=True)))
    cards = [region_card(c, ch) for ch in plan.chapters if ch.region]
    # The cards repeat chapter 1's text, which search finds there.
    out.append(block(f'<ul class="lp-regions" data-pagefind-ignore>{"".join(cards)}</ul>'))
    entries = {
        "for_readers": [
            (c.t("nav_plan_index"), c.link("plan")),
            (c.t("nav_targets"), c.link("targets")),
            (c.t("nav_glossary"), c.link("glossary")),
        ],
        "for_departments": [
            (c.t("nav_units"), c.link("units")),
            (c.t("nav_places"), c.link("places")),
            (c.t("nav_charts"), c.link("charts")),
        ],
        "for_developers": [
            (c.t("nav_data"), c.link("data")),
            ("plan.json", rel(lang, url, "zh", "data/plan.json")),
            (c.t("nav_about"), c.link("about")),
        ],
    }
    for key, links in entries.items():
        out.append(heading(2, c.t(key), key.replace("_", "-")))
        out.append(
            block('<ul class="lp-entry">' + "".join(f"<li>{a(h, esc(label))}</li>" for label, h in links) + "</ul>")
        )
    desc = plan.preamble[lang][:160]
    return Rendered("".join(out), desc, plan_jsonld(c, site_root, desc))


def matrix_label(c, ch) -> str:
    """A chapter's column in the responsibility matrix: its number and, for a region's chapter, the region
    (二 沈阳、大连“双核”), else its title; the full title on hover."""
    title = title_with_number(ch.number, ch.title[c.lang], c.lang, "chapter", ch.id)
    short = c.plan.places[ch.region].name[c.lang] if ch.region else ch.title[c.lang]
    number = ch.number if c.lang == "zh" else title.split(".")[0]
    return (
        f'<a href="{esc(c.link("chapter", ch.id))}" title="{esc(title)}">'
        f'<span class="lp-matrix__n">{esc(number)}</span> {esc(short)}</a>'
    )


def charts_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_charts")), lang_switch_note(c)]
    # responsibility matrix
    out.append(heading(2, c.t("matrix"), "matrix"))
    with_measures = {m.chapter for m in plan.measures.values()}
    chapters = [ch for ch in plan.chapters if ch.id in with_measures]
    head = f'<th scope="col">{esc(c.t("unit"))}</th>' + "".join(
        f'<th scope="col">{matrix_label(c, ch)}</th>' for ch in chapters
    )
    lead_n: Counter = Counter()
    co_n: Counter = Counter()
    for m in plan.measures.values():
        lead_n[m.responsibility.lead, m.chapter] += 1
        for u in m.responsibility.co_responsible:
            co_n[u, m.chapter] += 1
    maxv = max((lead_n[k] + co_n[k] for k in {*lead_n, *co_n}), default=1)
    rows = []
    for u in plan.units.values():
        cells = []
        for ch in chapters:
            lead, co = lead_n[u.id, ch.id], co_n[u.id, ch.id]
            level = 0 if lead + co == 0 else 1 + round(3 * (lead + co) / maxv)
            cells.append(f'<td class="lp-heat lp-heat--{level}">{f"{lead} / {co}" if lead + co else ""}</td>')
        rows.append(f'<tr><th scope="row">{unit_link(c, u.id)}</th>{"".join(cells)}</tr>')
    out.append(
        block(
            f'<p class="lp-label">{esc(c.t("legend_lead_co"))}</p><div class="lp-table-wrap lp-matrix" '
            f"data-pagefind-ignore><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )
    )
    # tasks per unit: bars
    out.append(heading(2, c.t("tasks_per_unit"), "tasks-per-unit"))
    totals = sorted(plan.units.values(), key=lambda u: -(len(plan.lead_measures(u.id)) + len(plan.co_measures(u.id))))
    top = max(len(plan.lead_measures(u.id)) + len(plan.co_measures(u.id)) for u in totals) or 1
    bars = []
    for u in totals:
        nl, nc = len(plan.lead_measures(u.id)), len(plan.co_measures(u.id))
        bars.append(
            f'<li><span class="lp-bar__label">{unit_link(c, u.id)}</span><span class="lp-bar" role="img" '
            f'aria-label="{esc(c.t("as_lead"))} {nl}, {esc(c.t("as_co"))} {nc}">'
            f'<span class="lp-bar__lead" style="width:{100 * nl / top:.1f}%"></span><span class="lp-bar__co" '
            f'style="width:{100 * nc / top:.1f}%"></span></span>'
            f'<span class="lp-bar__n">{nl} + {nc}</span></li>'
        )
    out.append(
        block(
            f'<p class="lp-legend"><span class="lp-key lp-key--lead"></span> {esc(c.t("as_lead"))} <span '
            f'class="lp-key lp-key--co"></span> {esc(c.t("as_co"))}</p><ul class="lp-bars" '
            f"data-pagefind-ignore>{''.join(bars)}</ul>"
        )
    )
    # targets by region
    out.append(heading(2, c.t("targets_by_region"), "targets-by-region"))
    per = [(p, sum(1 for x in plan.targets.values() if x.scope[0] == p.id)) for p in plan.places.values()]
    per = [(p, n) for p, n in per if n]
    topn = max(n for _, n in per)
    bars = [
        f'<li><span class="lp-bar__label">{place_link(c, p.id)}</span><span class="lp-bar" role="img" '
        f'aria-label="{n}"><span class="lp-bar__lead" style="width:{100 * n / topn:.1f}%"></span></span><span '
        f'class="lp-bar__n">{n}</span></li>'
        for p, n in per
    ]
    out.append(block(f'<ul class="lp-bars">{"".join(bars)}</ul>'))
    return Rendered("".join(out), c.t("nav_charts"), jsonld(c, c.t("nav_charts"), c.t("nav_charts")))


DICT_DEFS = (
    "plan",
    "exportMeasure",
    "exportResponsibility",
    "group",
    "exportPlaceReason",
    "exportUnit",
    "factSource",
    "exportPlace",
    "seat",
    "membership",
    "regionOf",
    "source",
    "placeNamesFile",
    "placeName",
    "placeNameSource",
    "placeNameSourceEntry",
    "notPlace",
    "exportTarget",
    "term",
    "exportCorrection",
    "text",
    "url",
    "release",
    "change",
    "apiIndex",
    "apiEntry",
    "unitTasks",
    "unitTask",
    "assignment",
    "measurePlace",
    "targetScope",
)

PY_EXAMPLE = """import json, urllib.request
plan = json.load(urllib.request.urlopen("{base}data/plan.json"))
for m in plan["measures"]:
    if m["responsibility"]["lead"] == "commerce":
        print(m["id"], m["title"]["en"])"""
PY_LOCAL = """import json
plan = json.load(open("plan.json", encoding="utf-8"))  # data/plan.json, downloaded from this page
for m in plan["measures"]:
    if m["responsibility"]["lead"] == "commerce":
        print(m["id"], m["title"]["en"])"""
JS_EXAMPLE = """const plan = await (await fetch("{base}data/plan.json")).json();
const led = plan.measures.filter(m => m.responsibility.lead === "commerce");
console.log(led.map(m => `${{m.id}} ${{m.title.zh}}`));"""
JS_LOCAL = """// in the browser's console on this page
const plan = await (await fetch(new URL("{path}", location.href))).json();
const led = plan.measures.filter(m => m.responsibility.lead === "commerce");
console.log(led.map(m => `${{m.id}} ${{m.title.zh}}`));"""


def code_examples(lang: str, url: str, site_url: str) -> tuple[str, str]:
    """Reading plan.json in Python and JavaScript: from the public address, or (a site without one) from the
    downloaded file and from this page's own address."""
    base = public_root(site_url)
    if base:
        return PY_EXAMPLE.format(base=base), JS_EXAMPLE.format(base=base)
    return PY_LOCAL, JS_LOCAL.format(path=rel(lang, url, "zh", "data/plan.json"))


def _type(prop: dict) -> str:
    if "$ref" in prop:
        return prop["$ref"].split("/")[-1]
    if "anyOf" in prop:
        return " | ".join(_type(p) for p in prop["anyOf"])
    typ = prop.get("type", "")
    if isinstance(typ, list):
        typ = " | ".join(typ)
    if typ == "array" and "items" in prop:
        return f"array of {_type(prop['items'])}"
    return typ


def data_dictionary(lang: str) -> str:
    schema = load_schema()
    out = []
    for name in DICT_DEFS:
        d = (
            schema if name == "plan" else schema["$defs"][name]
        )  # "plan": the top level of plan.json (version, releases, …)
        desc = d["x-description-zh"] if lang == "zh" else d["description"]
        out.append(heading(3, "plan.json" if name == "plan" else name, "def-" + name))
        rows = []
        for prop, spec in d.get("properties", {}).items():
            pdesc = spec.get("x-description-zh" if lang == "zh" else "description", "")
            req = t("yes", lang) if prop in d.get("required", []) else ""
            typ = _type(spec)
            typ_html = f'<a href="#def-{esc(typ)}">{esc(typ)}</a>' if typ in DICT_DEFS else f"<code>{esc(typ)}</code>"
            rows.append(
                f"<tr><td><code>{esc(prop)}</code></td><td>{typ_html}</td><td>{esc(req)}</td><td>{esc(pdesc)}</td></tr>"
            )
        head = "".join(f'<th scope="col">{esc(t(h, lang))}</th>' for h in ("field", "type", "required", "description"))
        out.append(
            block(
                f"<p>{esc(desc)}</p><div "
                f'class="lp-table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
                "</div>"
            )
        )
    return "".join(out)


IDS_AS_TEXT = {
    "zh": "编号（如 2.1、2.10）是文本而不是数字，数据包也将其定义为字符串。用 pandas 读取时请指定 dtype=str，例如 "
    'pd.read_csv("measures.csv", dtype=str)；在 Excel 或 WPS 中请通过“数据 → 从文本/CSV”导入，并把编号列设为“文本”'
    "（直接打开 CSV 时，2.10 会被当作数字 2.1）。",
    "en": "Ids such as 2.1 and 2.10 are text, not numbers, and the data package types them as strings. With pandas, "
    "read "
    'them as text: pd.read_csv("measures.csv", dtype=str). In Excel or WPS, import through Data → From Text/CSV and '
    "set the id columns to Text (a CSV opened directly turns 2.10 into the number 2.1).",
}


CSV_HEADING = {"zh": "CSV 文件的列", "en": "Columns of the CSV files"}
CSV_NOTE = {
    "zh": "各列的说明与 plan.json 中对应字段相同（来自同一份 schema），SQLite 数据库中的同名列亦然。",
    "en": "Each column is described as the plan.json field it comes from (the same schema); so are the database's "
    "columns of the same name.",
}


def csv_dictionary(lang: str) -> str:
    """Every CSV file's columns, from the column table (lnplan.columns): name, type and description."""
    schema = load_schema()
    out = [heading(3, CSV_HEADING[lang], "csv-columns"), block(f"<p>{esc(CSV_NOTE[lang])}</p>")]
    head = "".join(f'<th scope="col">{esc(t(h, lang))}</th>' for h in ("field", "type", "description"))
    for table in csv_tables():
        rows = "".join(
            f"<tr><td><code>{esc(c.name)}</code></td><td><code>{esc(c.type)}</code></td>"
            f"<td>{esc(describe(c, schema)[0 if lang == 'en' else 1])}</td></tr>"
            for c in table.csv_columns
        )
        out.append(heading(4, table.csv_path, "csv-" + table.name))
        out.append(
            block(
                f'<div class="lp-table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
            )
        )
    return "".join(out)


def data_page(plan: Plan, lang: str, url: str, site_url: str = "") -> Rendered:
    c = Ctx(plan, lang, url)
    files = downloads(plan, site_url)
    intro = {
        "zh": "以下文件均由 plan/ 目录中的数据在构建时生成。CSV 为带 BOM 的 UTF-8，可直接用 Excel 或 WPS 打开。各单"
        "位的任务分工表见各单位页面。编号稳定，可用于引用。",
        "en": "Every file below is generated at build time from the data in plan/. CSV files are UTF-8 with a "
        "byte-order mark, so Excel and WPS open them correctly. Each unit's own task-division table is linked "
        "from its page. Ids are stable and safe to cite.",
    }
    out = [
        heading(1, c.t("nav_data")),
        lang_switch_note(c),
        block(f'<p>{esc(intro[lang])}</p><p id="ids-as-text">{esc(IDS_AS_TEXT[lang])}</p>'),
        version_block(c),
    ]
    rows = []
    for d in listed_downloads():
        data = files[d.path]
        rows.append(
            f'<tr><td><a href="{esc(rel(lang, url, "zh", d.path))}" '
            f"download>{esc(d.path.split('/')[-1])}</a></td><td>{esc(d.zh if lang == 'zh' else d.en)}</td>"
            f'<td class="lp-num">{esc(human_size(len(data)))}</td><td><code '
            f'class="lp-sha">{digest(data)}</code></td></tr>'
        )
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in (c.t("file"), c.t("description"), c.t("size"), "SHA-256"))
    out.append(
        block(
            '<div class="lp-table-wrap '
            f'lp-files"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    )
    out.append(api_section(c, files))
    py, js = code_examples(lang, url, site_url)
    out.append(heading(2, "Python", "python"))
    out.append(block(f'<pre><code class="language-python">{esc(py)}</code></pre>'))
    out.append(heading(2, "JavaScript", "javascript"))
    out.append(block(f'<pre><code class="language-javascript">{esc(js)}</code></pre>'))
    out.append(heading(2, {"zh": "数据字典", "en": "Data dictionary"}[lang], "dictionary"))
    generated = {"zh": "由 schema/plan.schema.json 自动生成。", "en": "Generated from schema/plan.schema.json."}
    out.append(block(f'<p>{esc(generated[lang])}</p><p id="csv-formulas">{esc(CSV_RULE[lang])}</p>'))
    out.append(data_dictionary(lang))
    out.append(csv_dictionary(lang))
    return Rendered("".join(out), intro[lang][:160], jsonld(c, c.t("nav_data"), intro[lang][:160], "Dataset"))


def version_line(c) -> str:
    v, date = version(c.plan)
    return c.t("current_version", version=v, date=date) if v else c.t("not_released")


def api_section(c, files: dict[str, bytes]) -> str:
    """The static API: where each record's document is, with one example of each kind."""
    plan = c.plan
    examples = [
        api_path(kind, ident)
        for kind, ident in (
            ("measures", next(iter(plan.measures), None)),
            ("units", next(iter(plan.units), None)),
            ("places", next(iter(plan.places), None)),
            ("targets", next(iter(plan.targets), None)),
        )
        if ident is not None
    ]
    links = " · ".join(
        f'<a href="{esc(rel(c.lang, c.url, "zh", p))}"><code>{esc(p)}</code></a>' for p in examples if p in files
    )
    return heading(2, c.t("api_heading"), "api") + block(
        f"<p>{esc(c.t('api_intro'))}</p><p>{a(rel(c.lang, c.url, 'zh', API_INDEX), f'<code>{esc(API_INDEX)}</code>')} "
        f"· {links}</p>"
    )


def version_block(c) -> str:
    """The dataset's version and where its changes are: the changes page and this language's Atom feed."""
    feed = rel(c.lang, c.url, c.lang, FEED_FILE)
    return block(
        f'<p class="lp-version"><strong>{esc(version_line(c))}</strong> · '
        f"{a(c.link('changes'), esc(c.t('nav_changes')))} "
        "· "
        f'<a href="{esc(feed)}" type="application/atom+xml">{esc(c.t("feed_link"))}</a></p>'
    )


def changes_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [heading(1, c.t("nav_changes")), lang_switch_note(c)]
    out.append(block(f"<p>{esc(c.t('changes_intro'))}</p>"))
    out.append(version_block(c))
    out.append(history.releases_sections(c))
    return Rendered("".join(out), c.t("changes_intro")[:160], jsonld(c, c.t("nav_changes"), c.t("changes_intro")[:160]))


def about_page(plan: Plan, lang: str, url: str) -> Rendered:
    """Where the text comes from (made from the notice), then the edition's own prose (plan/about.<lang>.md), each
    section at its anchor; the report section leads to the footer's report link and the corrections page."""
    c = Ctx(plan, lang, url)
    n = plan.notice
    source = c.t("about_source_text", issuer=n.issuer[lang], title=plan.title[lang], date=n.date_text[lang])
    out = [
        heading(1, c.t("nav_about")),
        lang_switch_note(c),
        heading(2, c.t("about_source"), "source"),
        block(f"<p>{esc(source)}</p>"),
    ]
    for section in plan.about[lang]:
        out.append(heading(2, section.title, section.anchor))
        extra = ""
        if section.anchor == "report":
            extra = (
                f"<p>{a('#lp-report', esc(c.t('footer_report')))} · "
                f"{a(c.to(page('corrections') + '#report'), esc(c.t('corr_report')))}</p>"
            )
        out.append(block("".join(f"<p>{esc(p)}</p>" for p in section.paragraphs) + extra))
    out.append(block(f"<p>{a(c.link('corrections'), esc(c.t('corr_about')))}</p>"))
    desc = plan.about[lang][0].paragraphs[0][:160] if plan.about[lang] else source[:160]
    return Rendered("".join(out), desc, jsonld(c, c.t("nav_about"), desc, "AboutPage"))


def corrections_page(plan: Plan, lang: str, url: str) -> Rendered:
    c = Ctx(plan, lang, url)
    out = [
        heading(1, c.t("nav_corrections")),
        lang_switch_note(c),
        block(f"<p>{esc(c.t('corr_intro'))}</p><p>{esc(c.t('corr_punctuation'))}</p>"),
        heading(2, c.t("corr_report"), "report"),
        block(f"<p>{esc(c.t('corr_report_text'))}</p>"),
    ]
    for kind in KINDS:
        records = [r for r in plan.corrections if r.kind == kind]
        out.append(heading(2, c.t("corr_kind_" + kind) + paren(str(len(records)), lang), kind))
        out.append(block(corrections_table(c, records) if records else f"<p>{esc(c.t('corr_none'))}</p>"))
    desc = c.t("corr_intro")[:160]
    return Rendered("".join(out), desc, jsonld(c, c.t("nav_corrections"), desc))
