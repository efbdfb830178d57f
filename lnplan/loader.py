"""Load plan/ once: parse YAML with positions, validate against schema/, check what a schema cannot,
and build the model. Every problem is collected and reported as `file:line:column: path: message`."""
from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema

from . import releases, yamlio
from .model import (
    Chapter, Group, Item, Label, Measure, MeasureUnit, Notice, Paragraph, Place, Plan,
    Responsibility, Section, Target, Term, Text, Unit,
)

ROOT = Path(__file__).resolve().parent.parent
PLAN_DIR = ROOT / "plan"
SCHEMA_PATH = ROOT / "schema" / "plan.schema.json"

# file (relative to plan/) -> the $defs entry that describes it
SINGLE_FILES = {
    "document.yaml": "documentFile",
    "units.yaml": "unitsFile",
    "places.yaml": "placesFile",
    "targets.yaml": "targetsFile",
    "glossary.yaml": "glossaryFile",
    "vocabularies.yaml": "vocabulariesFile",
    "releases.yaml": "releasesFile",
}
CHAPTER_DEF = "chapter"
CN_DIGITS = "一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (up to 99), as section numbers are written."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.path or '(document)'}: {self.message}"


class PlanError(Exception):
    """The plan is invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def format_path(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@lru_cache(maxsize=None)
def load_schema(path: Path = SCHEMA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _validator(defname: str, schema: dict) -> jsonschema.Draft202012Validator:
    sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{defname}"}
    return jsonschema.Draft202012Validator(sub, format_checker=jsonschema.FormatChecker())


class _Collector:
    def __init__(self, plan_dir: Path):
        self.plan_dir = plan_dir
        self.problems: list[Problem] = []
        self.marks: dict[str, dict] = {}

    def display(self, rel: str) -> str:
        full = self.plan_dir / rel
        try:
            shown = os.path.relpath(full)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(full)
        return str(full) if shown.startswith("..") else shown

    def add(self, rel: str, path: tuple, message: str) -> None:
        marks = self.marks.get(rel, {})
        p = tuple(path)
        while p not in marks and p:
            p = p[:-1]
        mark = marks.get(p)
        self.problems.append(Problem(self.display(rel), mark.line if mark else None,
                                     mark.column if mark else None, format_path(tuple(path)), message))


def _schema_message(err: jsonschema.ValidationError) -> str:
    v = err.validator
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        return f"missing field '{missing.group(1)}'; add it" if missing else err.message
    if v == "type":
        return f"wrong type: got {type(err.instance).__name__} {json.dumps(err.instance, ensure_ascii=False)[:60]}; expected {err.validator_value}"
    if v == "additionalProperties":
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return f"{err.message}; allowed fields: {allowed}"
    if v == "minLength":
        return "empty text; write the text here" if err.validator_value == 1 else err.message
    if v == "pattern":
        return f"{json.dumps(err.instance, ensure_ascii=False)} does not have the expected form (pattern {err.validator_value})"
    if v == "oneOf" and isinstance(err.instance, dict) and "title" in err.instance:
        return ("an item needs either its own 'text', 'responsibility' and 'places', or 'paragraphs' "
                "(paragraphs with their own clauses), not both and not neither")
    if v == "anyOf" and isinstance(err.instance, dict) and "comparator" in err.instance:
        return "a target needs a 'value' (with 'unit') or a 'benchmark'"
    if v == "dependentRequired":
        return err.message.replace("is a dependency of", "is required together with")
    return err.message


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---- responsibility clauses ------------------------------------------------

def resolve_clause(raw: str, names: dict[str, str]) -> list[tuple[list[str], bool]] | str:
    """Parse a clause as written into groups of unit ids, or return an error message.

    Groups are separated by "," (any width); units by "、"; a group ending in 等 has etc.
    Compound forms share a suffix: 沈阳、大连市政府 = 沈阳市政府 + 大连市政府, and
    沈阳、大连等相关市政府 = 沈阳市政府 + 大连市政府 + 相关市政府.
    """
    groups = []
    for group in re.split(r"[,,]", raw):
        etc = group.endswith("等")
        body = group[:-1] if etc else group
        if body in names:
            groups.append(([names[body]], etc))
            continue
        parts = body.split("、")
        last = parts[-1]
        suffix = next((s for s in ("市政府", "县政府") if last.endswith(s)), None)
        tail: list[str] = []
        m = re.fullmatch(r"(.+?)等(.+)", last)
        if m and m.group(2) in names:  # 大连等相关市政府
            last, tail = m.group(1), [names[m.group(2)]]
        ids = []
        for i, part in enumerate(parts[:-1] + [last]):
            name = part
            if name not in names and suffix and not part.endswith(suffix):
                name = part + suffix
            if name not in names:
                return f"unit '{part}' in the clause is not in plan/units.yaml (no unit is named '{name}'){_suggest(name, names)}"
            ids.append(names[name])
        groups.append((ids + tail, etc))
    return groups


# ---- loading ---------------------------------------------------------------

def _read(c: _Collector, rel: str) -> Any:
    path = c.plan_dir / rel
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        c.problems.append(Problem(c.display(rel), None, None, "", "file is missing; every plan has this file"))
        return None
    except UnicodeDecodeError as exc:
        c.problems.append(Problem(c.display(rel), None, None, "", f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8"))
        return None
    try:
        data, marks = yamlio.load(text)
    except yamlio.YamlSyntaxError as exc:
        m = exc.mark
        c.problems.append(Problem(c.display(rel), m.line if m else None, m.column if m else None, "", exc.message))
        return None
    c.marks[rel] = marks
    return data


def _schema_check(c: _Collector, rel: str, data: Any, defname: str, schema: dict) -> bool:
    errors = sorted(_validator(defname, schema).iter_errors(data),
                    key=lambda e: [(0, x, "") if isinstance(x, int) else (1, 0, x) for x in e.absolute_path])
    for err in errors:
        c.add(rel, tuple(err.absolute_path), _schema_message(err))
    return not errors


def chapter_files(plan_dir: Path) -> list[str]:
    files = sorted((plan_dir / "chapters").glob("*.yaml"), key=lambda p: (len(p.stem), p.stem))
    return [f"chapters/{p.name}" for p in files]


def read_sources(plan_dir: Path = PLAN_DIR, schema_path: Path = SCHEMA_PATH) -> tuple[dict[str, Any], _Collector]:
    """Parse and schema-check every file; return the data by file and the collector of problems."""
    c = _Collector(plan_dir)
    schema = load_schema(schema_path)
    sources: dict[str, Any] = {}
    chapters = chapter_files(plan_dir)
    if not chapters:
        c.problems.append(Problem(c.display("chapters"), None, None, "", "no chapter files; expected plan/chapters/1.yaml … 8.yaml"))
    for rel, defname in [*SINGLE_FILES.items(), *((f, CHAPTER_DEF) for f in chapters)]:
        data = _read(c, rel)
        if data is not None or rel in c.marks:
            if _schema_check(c, rel, data, defname, schema):
                sources[rel] = data
    return sources, c


def load_plan(plan_dir: Path | str = PLAN_DIR, schema_path: Path | str = SCHEMA_PATH) -> Plan:
    """The validated plan. Raises PlanError listing every problem."""
    sources, c = read_sources(Path(plan_dir), Path(schema_path))
    if c.problems:
        raise PlanError(c.problems)
    plan = _build(sources, c)
    if not c.problems:
        releases.attach(plan, sources["releases.yaml"], c, Path(plan_dir), load_schema(Path(schema_path)))
    if c.problems:
        raise PlanError(c.problems)
    return plan


def T(d: dict | None) -> Text | None:
    return Text(d["zh"], d["en"]) if d is not None else None


def _labels(items: list[dict]) -> dict[str, Label]:
    return {i["id"]: Label(i["id"], T(i["label"])) for i in items}


def _unique(c: _Collector, rel: str, entries: Iterator[tuple[str, tuple]], what: str) -> None:
    seen: dict[str, tuple] = {}
    for ident, path in entries:
        if ident in seen:
            c.add(rel, path + ("id",), f"duplicate {what} id '{ident}' (first used at {format_path(seen[ident])}); give each {what} its own id")
        else:
            seen[ident] = path


def _build(src: dict[str, Any], c: _Collector) -> Plan:
    vocab = src["vocabularies.yaml"]
    unit_kinds, place_kinds, comparators = (_labels(vocab[k]) for k in ("unit_kinds", "place_kinds", "comparators"))
    measure_units = {m["id"]: MeasureUnit(m["id"], T(m["label"]), m["multiplier"]) for m in vocab["measure_units"]}

    # places
    praw = src["places.yaml"]["places"]
    _unique(c, "places.yaml", ((p["id"], ("places", i)) for i, p in enumerate(praw)), "place")
    places: dict[str, Place] = {}
    for i, p in enumerate(praw):
        if p["kind"] not in place_kinds:
            c.add("places.yaml", ("places", i, "kind"), f"unknown place kind '{p['kind']}'; expected one of: {', '.join(place_kinds)}")
        places.setdefault(p["id"], Place(p["id"], p["kind"], T(p["name"]), T(p["full_name"]), tuple(p["names"])))
    place_order = {pid: n for n, pid in enumerate(places)}

    def check_place(rel: str, path: tuple, pid: str) -> None:
        if pid not in places:
            c.add(rel, path, f"unknown place '{pid}'; expected an id from plan/places.yaml{_suggest(pid, places)}")

    # units
    uraw = src["units.yaml"]["units"]
    _unique(c, "units.yaml", ((u["id"], ("units", i)) for i, u in enumerate(uraw)), "unit")
    units: dict[str, Unit] = {}
    names: dict[str, str] = {}
    for i, u in enumerate(uraw):
        if u["kind"] not in unit_kinds:
            c.add("units.yaml", ("units", i, "kind"), f"unknown unit kind '{u['kind']}'; expected one of: {', '.join(unit_kinds)}")
        if "place" in u:
            check_place("units.yaml", ("units", i, "place"), u["place"])
        if u["name"]["zh"] in names:
            c.add("units.yaml", ("units", i, "name", "zh"), f"two units are both named '{u['name']['zh']}'; names as written must be unique")
        names[u["name"]["zh"]] = u["id"]
        units.setdefault(u["id"], Unit(u["id"], T(u["name"]), T(u["full_name"]), u["kind"], u.get("place")))

    measures: dict[str, Measure] = {}
    node_ids: dict[str, tuple[str, tuple]] = {}
    source_texts: dict[str, str] = {}  # node id -> zh text that targets may quote
    chapters: list[Chapter] = []

    def node(rel: str, path: tuple, ident: str, expected: str) -> None:
        if ident != expected:
            c.add(rel, path + ("id",), f"id '{ident}' is out of document order; expected '{expected}' here")
        if ident in node_ids:
            first = node_ids[ident]
            c.add(rel, path + ("id",), f"duplicate id '{ident}' (first used in plan/{first[0]} at {format_path(first[1])}); ids must be unique")
        node_ids[ident] = (rel, path)

    def responsibility(rel: str, path: tuple, d: dict) -> Responsibility:
        groups = tuple(Group(tuple(g["units"]), g["etc"]) for g in d["groups"])
        unknown = False
        for gi, g in enumerate(d["groups"]):
            for ui, uid in enumerate(g["units"]):
                if uid not in units:
                    unknown = True
                    c.add(rel, path + ("groups", gi, "units", ui), f"unknown unit '{uid}'; expected an id from plan/units.yaml{_suggest(uid, units)}")
        parsed = resolve_clause(d["raw"], names)
        if isinstance(parsed, str):
            c.add(rel, path + ("raw",), parsed)
        elif not unknown:  # with an unknown id the comparison below would only repeat that error
            stored = [(list(g.units), g.etc) for g in groups]
            if stored != parsed:
                want = "; ".join(f"units: [{', '.join(ids)}], etc: {str(etc).lower()}" for ids, etc in parsed)
                c.add(rel, path + ("groups",), f"groups do not match the clause as written ('{d['raw']}'); the clause reads as: {want}")
        return Responsibility(d["raw"], groups)

    def measure_places(rel: str, path: tuple, d: dict, text_zh: str) -> tuple[str, ...]:
        pl = d.get("places", [])
        for k, pid in enumerate(pl):
            check_place(rel, path + ("places", k), pid)
        for pid, place in places.items():
            hit = next((n for n in place.names if n in text_zh), None)
            if hit and pid not in pl:
                c.add(rel, path + ("places",), f"the text names '{hit}' but places does not list '{pid}'; add it")
        known = [p for p in pl if p in place_order]
        if known != sorted(known, key=place_order.get):
            c.add(rel, path + ("places",), f"places are not in registry order; expected [{', '.join(sorted(known, key=place_order.get))}]")
        return tuple(pl)

    def make_measure(rel, path, d, ch, sec, item, own_title, title, citation) -> Measure:
        text = T(d["text"])
        full = (own_title.zh if own_title else "") + text.zh
        m = Measure(d["id"], ch["id"], sec["id"], item["id"] if item else None, own_title, title, text,
                    responsibility(rel, path + ("responsibility",), d["responsibility"]),
                    measure_places(rel, path, d, full), citation)
        measures[m.id] = m
        source_texts[m.id] = full
        return m

    def paragraphs(rel, path, lst, parent_id) -> tuple[Paragraph, ...]:
        out, k = [], 0
        for i, p in enumerate(lst or []):
            pid = p.get("id")
            if p.get("bullet"):
                k += 1
                if pid is None:
                    c.add(rel, path + (i,), f"a bullet paragraph needs an id; expected '{parent_id}.{k}'")
                else:
                    node(rel, path + (i,), pid, f"{parent_id}.{k}")
                if "lead" not in p:
                    c.add(rel, path + (i,), "a bullet paragraph needs its 'lead' (the phrase before the first 。)")
            elif pid is not None:
                c.add(rel, path + (i, "id"), "only bullet paragraphs and measures carry ids; remove this id")
            for j, pl in enumerate(p.get("places", [])):
                check_place(rel, path + (i, "places", j), pl)
            para = Paragraph(T(p["text"]), pid, bool(p.get("bullet")), T(p.get("lead")), tuple(p.get("places", ())))
            if pid:
                source_texts[pid] = (para.lead.zh if para.lead else "") + para.text.zh
            out.append(para)
        return tuple(out)

    files = [f for f in src if f.startswith("chapters/")]
    for n, rel in enumerate(files, start=1):
        ch = src[rel]
        expected_rel = f"chapters/{ch['id']}.yaml"
        if rel != expected_rel:
            c.add(rel, ("id",), f"chapter id '{ch['id']}' does not match the file name; expected the file plan/{expected_rel}")
        if ch["id"] != str(n):
            c.add(rel, ("id",), f"chapter '{ch['id']}' is out of order; expected chapter {n} here (files 1.yaml … 8.yaml)")
        if ch["number"] != cn_numeral(n):
            c.add(rel, ("number",), f"chapter number '{ch['number']}' does not match its position; expected '{cn_numeral(n)}'")
        if "region" in ch:
            check_place(rel, ("region",), ch["region"])
        sections = []
        for si, s in enumerate(ch["sections"]):
            sp = ("sections", si)
            node(rel, sp, s["id"], f"{ch['id']}.{si + 1}")
            if s["number"] != f"({cn_numeral(si + 1)})":
                c.add(rel, sp + ("number",), f"section number '{s['number']}' does not match its position; expected '({cn_numeral(si + 1)})'")
            cite_zh = f"第{ch['number']}部分{s['number']}"
            cite_en = f"Part {ch['id']}, Section {si + 1}"
            sec_measure = None
            if "text" in s:
                sec_measure = make_measure(rel, sp, s, ch, s, None, None, T(s["title"]), Text(cite_zh, cite_en))
            items = []
            for ii, it in enumerate(s.get("items", [])):
                ip = sp + ("items", ii)
                node(rel, ip, it["id"], f"{s['id']}.{ii + 1}")
                if it["number"] != str(ii + 1):
                    c.add(rel, ip + ("number",), f"item number '{it['number']}' does not match its position; expected '{ii + 1}'")
                title = T(it["title"])
                icite = Text(f"{cite_zh}{it['number']}", f"{cite_en}, Item {it['number']}")
                item_measure, paras = None, []
                if "text" in it:
                    item_measure = make_measure(rel, ip, it, ch, s, None, title, title, icite)
                for pi, p in enumerate(it.get("paragraphs", [])):
                    pp = ip + ("paragraphs", pi)
                    node(rel, pp, p["id"], f"{it['id']}.{pi + 1}")
                    own = T(p.get("title"))
                    paras.append(make_measure(rel, pp, p, ch, s, it, own, own or title,
                                              Text(f"{icite.zh}第{pi + 1}段", f"{icite.en}, Paragraph {pi + 1}")))
                items.append(Item(it["id"], it["number"], title, item_measure, tuple(paras)))
            sections.append(Section(s["id"], s["number"], T(s["title"]),
                                    paragraphs(rel, sp + ("paragraphs",), s.get("paragraphs"), s["id"]),
                                    sec_measure, tuple(items)))
        chapters.append(Chapter(ch["id"], ch["number"], T(ch["title"]), ch.get("region"),
                                paragraphs(rel, ("paragraphs",), ch.get("paragraphs"), ch["id"]), tuple(sections)))

    # targets
    traw = src["targets.yaml"]["targets"]
    _unique(c, "targets.yaml", ((t["id"], ("targets", i)) for i, t in enumerate(traw)), "target")
    targets: dict[str, Target] = {}
    order = {ident: n for n, ident in enumerate(node_ids)}
    last = -1
    for i, t in enumerate(traw):
        tp = ("targets", i)
        srcid = t["source"]
        if srcid not in source_texts:
            c.add("targets.yaml", tp + ("source",), f"unknown source '{srcid}'; expected the id of a measure or of a chapter-1 bullet paragraph{_suggest(srcid, source_texts)}")
        else:
            if t["text"]["zh"] not in source_texts[srcid]:
                c.add("targets.yaml", tp + ("text", "zh"), f"this text is not found in {srcid}; quote the words of the plan exactly")
            if not t["id"].startswith(srcid + "-t"):
                c.add("targets.yaml", tp + ("id",), f"target id '{t['id']}' does not match its source; expected '{srcid}-t<n>'")
            if order[srcid] < last:
                c.add("targets.yaml", tp, f"target '{t['id']}' is out of document order; targets follow the order of their sources")
            last = order[srcid]
        for k, pid in enumerate(t["scope"]):
            check_place("targets.yaml", tp + ("scope", k), pid)
        if t["comparator"] not in comparators:
            c.add("targets.yaml", tp + ("comparator",), f"unknown comparator '{t['comparator']}'; expected one of: {', '.join(comparators)}")
        if "unit" in t and t["unit"] not in measure_units:
            c.add("targets.yaml", tp + ("unit",), f"unknown unit of measure '{t['unit']}'; expected one of: {', '.join(measure_units)}")
        targets.setdefault(t["id"], Target(
            t["id"], srcid, srcid if srcid in measures else None, ".".join(srcid.split(".")[:2]), tuple(t["scope"]),
            T(t["metric"]), t["comparator"], t.get("value"), t.get("unit"), T(t.get("benchmark")),
            t["aspirational"], t["annual"], T(t["text"])))

    graw = src["glossary.yaml"]["terms"]
    _unique(c, "glossary.yaml", ((g["id"], ("terms", i)) for i, g in enumerate(graw)), "glossary term")
    glossary = tuple(Term(g["id"], T(g["term"]), T(g.get("note"))) for g in graw)

    d = src["document.yaml"]
    n = d["notice"]
    notice = Notice(T(n["addressees"]), T(n["text"]), T(n["issuer"]), n["date"], T(n["date_text"]), T(n["publication"]))
    return Plan(notice, T(d["title"]), T(d["preamble"]), tuple(chapters), measures, units, places, targets, glossary,
                unit_kinds, place_kinds, comparators, measure_units, raw=src)
