"""Load plan/ once: parse YAML with positions, validate against schema/, check what a schema cannot,
and build the model. Every problem is collected and reported as `file:line:column: path: message`."""
from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema

from . import checks, releases, safefiles, yamlio
from .model import (
    Chapter, Correction, FactSource, Group, Item, Label, Measure, MeasureUnit, Membership, Notice, Paragraph, Place, PlaceName,
    PlaceReason, Plan, Responsibility, Seat, Section, Source, Target, Term, Text, Unit,
)

ROOT = Path(__file__).resolve().parent.parent
PLAN_DIR = ROOT / "plan"
SCHEMA_PATH = ROOT / "schema" / "plan.schema.json"

# file (relative to plan/) -> the $defs entry that describes it
SINGLE_FILES = {
    "document.yaml": "documentFile",
    "units.yaml": "unitsFile",
    "places.yaml": "placesFile",
    "place_names.yaml": "placeNamesFile",
    "targets.yaml": "targetsFile",
    "glossary.yaml": "glossaryFile",
    "vocabularies.yaml": "vocabulariesFile",
    "corrections.yaml": "correctionsFile",
    "releases.yaml": "releasesFile",
}
CHAPTER_DEF = "chapter"
# Liaoning's extent, 118°50′–125°47′ E and 38°43′–43°29′ N (as the province describes itself), widened a little:
# a seat outside this box has its coordinates wrong (swapped, mistyped, or another place of the same name).
LIAONING_LAT = (38.6, 43.6)
LIAONING_LON = (118.7, 125.9)
SEAT_KINDS = ("city", "demonstration-zone")  # drawn on the map at their seat
MEMBER_KINDS = ("region", "core")  # made up of members
CN_DIGITS = "一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (up to 99), as section numbers are written."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def section_number(n: int) -> str:
    """1 -> （一）: a section number as published (the source copy's ASCII (一) is accepted too)."""
    return f"（{cn_numeral(n)}）"


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


MAX_PROBLEMS = 200  # then the check stops: a file of 40,000 wrong ids gets 200 lines, not 40,000 (nor their cost)


class _TooMany(Exception):
    pass


class _Collector:
    def __init__(self, plan_dir: Path):
        self.plan_dir = plan_dir
        self.problems: list[Problem] = []
        self.marks: dict[str, dict] = {}

    def report(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany

    @contextmanager
    def stopping(self) -> Iterator[None]:
        """Checks inside stop at MAX_PROBLEMS problems, and the last line says so."""
        try:
            yield
        except _TooMany:
            self.problems.append(Problem(self.display(""), None, None, "", f"the check stopped after {MAX_PROBLEMS} problems; "
                                         "fix these and run it again"))

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
        self.report(Problem(self.display(rel), mark.line if mark else None, mark.column if mark else None,
                            format_path(tuple(path)), message))


def _schema_message(err: jsonschema.ValidationError) -> str:
    v = err.validator
    if v == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        return f"missing field '{missing.group(1)}'; add it" if missing else err.message
    if v == "type":
        return f"wrong type: got {type(err.instance).__name__} {checks.shown(err.instance)}; expected {err.validator_value}"
    if v == "additionalProperties":
        allowed = err.schema.get("properties", {})
        extra = [k for k in err.instance if k not in allowed]
        more = f" and {len(extra) - 3:,} more" if len(extra) > 3 else ""
        return f"field(s) not allowed here: {', '.join(checks.shown(k) for k in extra[:3])}{more}; allowed fields: {', '.join(sorted(allowed))}"
    if v == "minLength":
        return "empty text; write the text here" if err.validator_value == 1 else err.message
    if v == "maxLength":
        return f"text of {len(err.instance):,} characters; the limit for this field is {err.validator_value:,}: shorten it"
    if v == "maxItems":
        return f"{len(err.instance):,} items; at most {err.validator_value:,} here"
    if v in ("maximum", "minimum"):
        shown = str(err.instance) if len(str(err.instance)) <= 20 else f"a number of {len(str(err.instance))} digits"
        bound = "at most" if v == "maximum" else "at least"
        return f"{shown} is out of range; expected a number {bound} {err.validator_value:,}"
    if v == "pattern":
        return f"{checks.shown(err.instance)} does not have the expected form (pattern {err.validator_value})"
    if v == "format" and err.validator_value == "uri":
        return (f"{checks.shown(err.instance)} is not a web address the site can link to: {checks.url_problem(err.instance)}; "
                "write an address that begins with https:// (or http://) and its host, e.g. https://www.ln.gov.cn/")
    if v == "format" and err.validator_value == "date":
        return f"{checks.shown(err.instance)} is not a date; write a day of the calendar as YYYY-MM-DD"
    if v == "oneOf" and isinstance(err.instance, dict) and "title" in err.instance:
        return ("an item needs either its own 'text', 'responsibility' and 'places', or 'paragraphs' "
                "(paragraphs with their own clauses), not both and not neither")
    if v == "anyOf" and isinstance(err.instance, dict) and "comparator" in err.instance:
        return "a target needs a 'value' (with 'unit') or a 'benchmark'"
    if v == "dependentRequired":
        return err.message.replace("is a dependency of", "is required together with")
    return checks.cut(err.message)


MAX_SUGGEST_CHOICES = 5000  # difflib compares the value with each: no suggestion among more (the 10x plan has 3,000 ids)


def _suggest(value: str, choices) -> str:
    choices = list(choices)
    if len(choices) > MAX_SUGGEST_CHOICES:
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---- place names --------------------------------------------------------------

@lru_cache(maxsize=1 << 16)  # each measure's text is compared with every registered form
def nfkc(text: str) -> str:
    """Unicode NFKC: full-width and ASCII brackets, colons etc. compare equal (丹（东） = 丹(东))."""
    return unicodedata.normalize("NFKC", text)


def form_occurs(text: str, form: str, except_in: tuple[str, ...] = ()) -> bool:
    """Whether `form` occurs in `text` other than inside one of the longer words `except_in`, compared under NFKC:
    沈抚 occurs in 推进沈抚同城化 but not in 发挥沈抚示范区纽带作用 when except_in is (沈抚示范区,)."""
    text, form = nfkc(text), nfkc(form)
    excluded: set[int] = set()
    for word in map(nfkc, except_in):
        offset = word.find(form)
        start = text.find(word) if offset != -1 else -1
        while start != -1:
            excluded.add(start + offset)
            start = text.find(word, start + 1)
    pos = text.find(form)
    while pos != -1:
        if pos not in excluded:
            return True
        pos = text.find(form, pos + 1)
    return False


# ---- responsibility clauses ------------------------------------------------

def resolve_clause(raw: str, names: dict[str, str]) -> list[tuple[list[str], bool]] | str:
    """Parse a clause as written into groups of unit ids, or return an error message.

    Groups are separated by "," (any width); units by "、"; a group ending in 等 has etc.
    Compound forms share a suffix: 沈阳、大连市政府 = 沈阳市政府 + 大连市政府, and
    沈阳、大连等相关市政府 = 沈阳市政府 + 大连市政府 + 相关市政府.
    """
    groups = []
    for group in re.split(r"[,，]", raw):
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

MAX_FILE_BYTES = safefiles.MAX_FILE_BYTES


def _read(c: _Collector, rel: str) -> Any:
    try:
        text = safefiles.read_text(c.plan_dir / rel, c.plan_dir)
    except FileNotFoundError:
        c.report(Problem(c.display(rel), None, None, "", "file is missing; every plan has this file"))
        return None
    except safefiles.Refused as exc:  # a link, a FIFO or a device, too large, not UTF-8: never read, never shown
        c.report(Problem(c.display(rel), None, None, "", str(exc)))
        return None
    try:
        left = min(yamlio.MAX_NODES, yamlio.MAX_PLAN_VALUES - sum(map(len, c.marks.values())))  # of all files' values
        data, marks = yamlio.load(text, left)
    except yamlio.YamlSyntaxError as exc:
        m = exc.mark
        c.report(Problem(c.display(rel), m.line if m else None, m.column if m else None, "", exc.message))
        return None
    c.marks[rel] = marks
    return data


def schema_problems(defname: str, data: Any, schema: dict | None = None) -> list[tuple[tuple, str]]:
    """(path, message) of everything in data that $defs/defname of the schema refuses, in document order."""
    found = itertools.islice(checks.validator(defname, schema or load_schema()).iter_errors(data), MAX_PROBLEMS)
    errors = sorted(found, key=lambda e: [(0, x, "") if isinstance(x, int) else (1, 0, x) for x in e.absolute_path])
    return [(tuple(err.absolute_path), _schema_message(err)) for err in errors]


def _schema_check(c: _Collector, rel: str, data: Any, defname: str, schema: dict) -> bool:
    problems = schema_problems(defname, data, schema)
    for path, message in problems:
        c.add(rel, path, message)
    return not problems


def chapter_files(plan_dir: Path) -> list[str]:
    files = sorted((plan_dir / "chapters").glob("*.yaml"), key=lambda p: (len(p.stem), p.stem))
    return [f"chapters/{p.name}" for p in files]


MAX_LISTED = 20  # unexpected files named one by one; more are counted


def _unexpected_files(c: _Collector, plan_dir: Path, expected: list[str]) -> None:
    """Files in plan/ that no part of the plan reads would be silently ignored: refuse them. Links are not followed
    and only chapters/ and releases/ are looked into."""
    found = []
    for name, kind in safefiles.entries(plan_dir):
        if name in ("chapters", releases.SNAPSHOT_DIR) and kind == "directory":
            found += [(f"{name}/{sub}", k) for sub, k in safefiles.entries(plan_dir / name)]
        else:
            found.append((name, kind))
    snapshot = re.compile(re.escape(releases.SNAPSHOT_DIR) + "/" + releases.SEMVER.pattern + r"\.json")
    # An expected name that is a link, a FIFO or a device is refused by its reader, with what is wrong with it.
    unexpected = [(rel, kind) for rel, kind in found if not (
        rel in expected or (rel == "chapters" and kind == "directory") or snapshot.fullmatch(rel))]
    for rel, kind in unexpected[:MAX_LISTED]:
        if rel.endswith(".yml"):
            hint = f"plan files end in .yaml: rename it to {rel[:-4].split('/')[-1]}.yaml"
        elif rel.startswith("chapters/"):
            hint = "chapter files are named 1.yaml, 2.yaml, … after their chapter id"
        else:
            hint = f"plan/ holds only {', '.join(SINGLE_FILES)}, chapters/N.yaml and releases/VERSION.json; move it elsewhere"
        what = "file" if kind == "regular file" else kind
        c.report(Problem(c.display(rel), None, None, "", f"unexpected {what}, not part of the plan; {hint}"))
    if len(unexpected) > MAX_LISTED:
        c.report(Problem(c.display(""), None, None, "", f"{len(unexpected) - MAX_LISTED:,} more unexpected files; "
                                                                   "plan/ holds only the plan's files"))


def read_sources(plan_dir: Path = PLAN_DIR, schema_path: Path = SCHEMA_PATH) -> tuple[dict[str, Any], _Collector]:
    """Parse and schema-check every file; return the data by file and the collector of problems."""
    c = _Collector(plan_dir)
    sources: dict[str, Any] = {}
    with c.stopping():
        _read_all(c, sources, load_schema(schema_path))
    return sources, c


def _read_all(c: _Collector, sources: dict[str, Any], schema: dict) -> None:
    try:
        safefiles.check_directory(c.plan_dir)
    except (OSError, safefiles.Refused) as exc:
        c.report(Problem(c.display(""), None, None, "", str(exc) if isinstance(exc, safefiles.Refused) else
                         f"no plan directory here ({exc.strerror}); expected a directory of plan files"))
        return
    chapters = chapter_files(c.plan_dir)
    _unexpected_files(c, c.plan_dir, [*SINGLE_FILES, *chapters])
    if not chapters:
        c.report(Problem(c.display("chapters"), None, None, "", "no chapter files; expected plan/chapters/1.yaml … 8.yaml"))
    for rel, defname in [*SINGLE_FILES.items(), *((f, CHAPTER_DEF) for f in chapters)]:
        data = _read(c, rel)
        if data is not None or rel in c.marks:
            if _schema_check(c, rel, data, defname, schema):
                sources[rel] = data


def load_plan(plan_dir: Path | str = PLAN_DIR, schema_path: Path | str = SCHEMA_PATH) -> Plan:
    """The validated plan. Raises PlanError listing every problem."""
    sources, c = read_sources(Path(plan_dir), Path(schema_path))
    if c.problems:
        raise PlanError(c.problems)
    with c.stopping():
        plan = _build(sources, c)
        checks.cross_file(c, sources)
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
        if checks.reserved_id(ident, what):
            c.add(rel, path + ("id",), checks.reserved_id(ident, what))
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

    sources = _places_map_data(c, src["places.yaml"], places, check_place)
    place_names, name_kinds = _place_names(c, src["place_names.yaml"], check_place)

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
        for key in ("name_en_source", "kind_source"):
            _check_fact_source(c, "units.yaml", ("units", i, key), u.get(key))
        units.setdefault(u["id"], Unit(u["id"], T(u["name"]), T(u["full_name"]), u["kind"], u.get("place"),
                                       _fact_source(u.get("name_en_source")), _fact_source(u.get("kind_source"))))

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

    def measure_places(rel: str, path: tuple, d: dict, text_zh: str) -> tuple[tuple[str, ...], tuple[PlaceReason, ...]]:
        """The places a measure lists, checked against what its text names, and the reason for each."""
        pl = d.get("places", [])
        for k, pid in enumerate(pl):
            check_place(rel, path + ("places", k), pid)
        reasons = [PlaceReason(pid, "named", n) for pid, place in places.items() for n in place.names if n in text_zh]
        for pn in place_names.values():
            if form_occurs(text_zh, pn.form, pn.except_in):
                why = "short-form" if pn.kind == "short-form" else "within"
                reasons += [PlaceReason(pid, why, pn.form) for pid in pn.implies if pid in places]
        reasons.sort(key=lambda r: place_order[r.place])  # stable: by name before by registry form
        missing: dict[str, PlaceReason] = {}
        for r in reasons:
            if r.place not in pl:
                missing.setdefault(r.place, r)
        for pid, r in missing.items():
            pn = place_names.get(r.form)
            if r.reason == "named":
                what = f"'{r.form}'"
            elif r.reason == "short-form":
                what = f"'{r.form}' (short form of {pn.name.zh}, in plan/place_names.yaml)"
            else:
                what = f"'{r.form}' ({pn.name.zh}, {name_kinds[pn.kind].label.en if pn.kind in name_kinds else pn.kind} in {pid}, in plan/place_names.yaml)"
            c.add(rel, path + ("places",), f"the text names {what} but places does not list '{pid}'; add it")
        implied = {r.place for r in reasons}
        for k, pid in enumerate(pl):
            if pid in places and pid not in implied:
                c.add(rel, path + ("places", k), f"places lists '{pid}' but the text names it neither by a name in plan/places.yaml "
                                                 "nor by a form in plan/place_names.yaml; remove it, or register the form that names it")
        known = [p for p in pl if p in place_order]
        if known != sorted(known, key=place_order.get):
            c.add(rel, path + ("places",), f"places are not in registry order; expected [{', '.join(sorted(known, key=place_order.get))}]")
        return tuple(pl), tuple(r for r in reasons if r.place in pl)

    def make_measure(rel, path, d, ch, sec, item, own_title, title, citation) -> Measure:
        text = T(d["text"])
        full = (own_title.zh if own_title else "") + text.zh
        listed, reasons = measure_places(rel, path, d, full)
        m = Measure(d["id"], ch["id"], sec["id"], item["id"] if item else None, own_title, title, text,
                    responsibility(rel, path + ("responsibility",), d["responsibility"]),
                    listed, citation, reasons)
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
            if s["number"] not in (section_number(si + 1), f"({cn_numeral(si + 1)})"):
                c.add(rel, sp + ("number",), f"section number '{s['number']}' does not match its position; expected '{section_number(si + 1)}'")
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
    corrections = _corrections(src, c, node_ids, measures, targets)
    return Plan(notice, T(d["title"]), T(d["preamble"]), tuple(chapters), measures, units, places, targets, glossary,
                unit_kinds, place_kinds, comparators, measure_units, raw=src, place_names=place_names, place_name_kinds=name_kinds,
                corrections=corrections, sources=sources)


def _place_names(c: _Collector, raw: dict, check_place) -> tuple[dict[str, PlaceName], dict[str, Label]]:
    """plan/place_names.yaml: every form by which the text implies cities, each with a source or a reason why none."""
    rel = "place_names.yaml"
    kinds = _labels(raw["kinds"])
    _unique(c, rel, ((x["id"], ("sources", i)) for i, x in enumerate(raw["sources"])), "source")
    source_ids = [x["id"] for x in raw["sources"]]
    out: dict[str, PlaceName] = {}
    seen: dict[str, int] = {}
    for i, e in enumerate(raw["names"]):
        p = ("names", i)
        form = e["form"]
        if nfkc(form) in seen:
            c.add(rel, p + ("form",), f"the form '{form}' is already registered at names[{seen[nfkc(form)]}]; register each form once")
        seen.setdefault(nfkc(form), i)
        if e["kind"] not in kinds:
            c.add(rel, p + ("kind",), f"unknown kind '{e['kind']}'; expected one of: {', '.join(kinds)}")
        for k, pid in enumerate(e["implies"]):
            check_place(rel, p + ("implies", k), pid)
        if ("source" in e) == ("unsourced" in e):
            c.add(rel, p, "give either 'source' (where the fact comes from) or 'unsourced' (how it was identified, when no source "
                          "could be found), not both and not neither")
        ref = e.get("source", {})
        if "source" in e and "ref" not in ref and "url" not in ref:
            c.add(rel, p + ("source",), "a source needs 'ref' (an id in sources) or 'url' (the page consulted)")
        if "ref" in ref and ref["ref"] not in source_ids:
            c.add(rel, p + ("source", "ref"), f"unknown source '{ref['ref']}'; expected one of: {', '.join(source_ids)}")
        for k, word in enumerate(e.get("except_in", [])):
            if nfkc(form) not in nfkc(word):
                c.add(rel, p + ("except_in", k), f"'{word}' does not contain the form '{form}'; an exception is a longer word that contains it")
        out.setdefault(form, PlaceName(form, e["kind"], T(e["name"]), tuple(e["implies"]), tuple(e.get("except_in", ())), T(e.get("note"))))
    for i, e in enumerate(raw["not_places"]):
        if nfkc(e["form"]) in seen:
            c.add(rel, ("not_places", i, "form"), f"'{e['form']}' is also registered at names[{seen[nfkc(e['form'])]}]; keep it in one list")
        if "only_in" in e and nfkc(e["form"]) not in nfkc(e["only_in"]):
            c.add(rel, ("not_places", i, "only_in"), f"'{e['only_in']}' does not contain '{e['form']}'; only_in is a longer word that contains it")
    return out, kinds


# ---- outside facts and corrections -------------------------------------------

def _fact_source(d: dict | None) -> FactSource | None:
    return FactSource(d["status"], d.get("url"), T(d["note"])) if d else None


def _check_fact_source(c: _Collector, rel: str, path: tuple, d: dict | None) -> None:
    if d is None:
        return
    if d["status"] != "edition" and "url" not in d:
        c.add(rel, path, f"status '{d['status']}' needs the url of the page that states it; or status 'edition' if none was found")
    if d["status"] == "edition" and "url" in d:
        c.add(rel, path + ("url",), "status 'edition' means no published source was found; remove the url, or give the status of the page it points to")


REGISTRIES = {"target": ("targets.yaml", "targets"), "unit": ("units.yaml", "units"),
              "place": ("places.yaml", "places"), "term": ("glossary.yaml", "terms")}


def parse_field(field: str) -> tuple:
    """'paragraphs[0].text.zh' -> ('paragraphs', 0, 'text', 'zh')."""
    out: list = []
    for part in field.split("."):
        out.append(re.match(r"[a-z_]+", part).group())
        out += [int(i) for i in re.findall(r"\[(\d+)\]", part)]
    return tuple(out)


def correction_targets(src: dict) -> dict[tuple[str, str], tuple[str, tuple]]:
    """(target_type, id) -> (file, path) of everything a correction can name."""
    index: dict[tuple[str, str], tuple[str, tuple]] = {("document", "document"): ("document.yaml", ())}

    def walk(rel: str, node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                index.setdefault(("text", node["id"]), (rel, path))
            for k, v in node.items():
                walk(rel, v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(rel, v, path + (i,))

    for rel in (f for f in src if f.startswith("chapters/")):
        walk(rel, src[rel], ())
    for ttype, (rel, key) in REGISTRIES.items():
        for i, entry in enumerate(src[rel][key]):
            index.setdefault((ttype, entry["id"]), (rel, (key, i)))
    return index


def value_at(src: dict, rel: str, path: tuple) -> Any:
    node: Any = src[rel]
    for part in path:
        node = node[part]
    return node


def correction_location(src: dict, index: dict, d: dict) -> tuple[str, tuple] | str:
    """(file, path) of the field a correction names, or a message saying what is wrong."""
    ttype, target = d["target_type"], d["target"]
    if (ttype, target) not in index:
        ids = [i for t, i in index if t == ttype]
        want = ("a chapter, section, item or paragraph id from plan/chapters (e.g. 1.4, 2.1.1)" if ttype == "text"
                else "'document'" if ttype == "document" else f"an id from plan/{REGISTRIES[ttype][0]}")
        return f"unknown {ttype} '{target}'; expected {want}{_suggest(target, ids)}"
    rel, path = index[(ttype, target)]
    node = value_at(src, rel, path)
    for part in parse_field(d["field"]):
        ok = (isinstance(node, list) and isinstance(part, int) and part < len(node)) or \
             (isinstance(node, dict) and isinstance(part, str) and part in node)
        if not ok:
            have = ", ".join(node) if isinstance(node, dict) else f"{len(node)} item(s)" if isinstance(node, list) else "a value"
            return f"{ttype} '{target}' (plan/{rel}) has no field '{d['field']}'; at '{part}' it has: {have}"
        node = node[part]
        path = path + (part,)
    return rel, path


MAX_LATER = 100  # later corrections of one field looked at (a chain of corrections of one field is a few long)


def _changed_again(raw: list[dict], same_field: dict[tuple, list[int]], i: int) -> bool:
    """Whether a later correction of the same field changed the words that correction i wrote."""
    d = raw[i]
    group = same_field[(d["target_type"], d["target"], d["field"])]
    k = bisect.bisect_left(group, i)
    return any(d["after"] in raw[j]["before"] for j in group[k + 1:k + 1 + MAX_LATER])


def _corrections(src: dict, c: _Collector, node_ids: dict, measures: dict, targets: dict) -> tuple[Correction, ...]:
    raw = src["corrections.yaml"]["corrections"]
    _unique(c, "corrections.yaml", ((d["id"], ("corrections", i)) for i, d in enumerate(raw)), "correction")
    index = correction_targets(src)
    measure_at = {node_ids[m]: m for m in measures if m in node_ids}
    same_field: dict[tuple, list[int]] = {}
    for i, d in enumerate(raw):
        same_field.setdefault((d["target_type"], d["target"], d["field"]), []).append(i)
    out = []
    for i, d in enumerate(raw):
        cp = ("corrections", i)
        if i and int(d["id"][1:]) <= int(raw[i - 1]["id"][1:]) and d["id"] != raw[i - 1]["id"]:
            c.add("corrections.yaml", cp + ("id",), f"correction '{d['id']}' comes after '{raw[i - 1]['id']}'; keep the file in id order and give a new correction the next id")
        if d["before"] == d["after"]:
            c.add("corrections.yaml", cp + ("after",), "'after' is the same as 'before'; a correction changes something")
        where = correction_location(src, index, d)
        if isinstance(where, str):
            c.add("corrections.yaml", cp + ("field" if "no field" in where else "target",), where)
            continue
        rel, path = where
        if d["kind"] == "source" and not (d["target_type"] in ("document", "text") and path[-1] in ("zh", "raw")):
            c.add("corrections.yaml", cp + ("kind",), "a 'source' correction corrects the Chinese text of the plan: a .zh field or a responsibility clause (raw) of the document or a chapter; use kind 'translation' or 'data' for anything else")
        value = value_at(src, rel, path)
        now = value if isinstance(value, str) else checks.shown(value, max(80, len(d["after"])))
        if (d["after"] not in now) if isinstance(value, str) else (d["after"] != now):
            if not _changed_again(raw, same_field, i):
                c.add("corrections.yaml", cp + ("after",), f"'after' is not what plan/{rel} holds at {format_path(path)} ({now[:80]!r}); describe the data as it is now")
        measure = next((measure_at[(rel, path[:n])] for n in range(len(path), -1, -1) if (rel, path[:n]) in measure_at), None)
        if d["target_type"] == "target" and d["target"] in targets:
            measure = targets[d["target"]].measure
        out.append(Correction(d["id"], d["date"], d["kind"], d["target_type"], d["target"], d["field"], d["before"],
                              d["after"], T(d["reason"]), d.get("source"), measure))
    return tuple(out)



def _places_map_data(c: _Collector, data: dict, places: dict[str, Place], check_place) -> dict[str, Source]:
    """Check the map data of plan/places.yaml (sources, seats, region members); add it to the places."""
    rel = "places.yaml"
    sraw = data["sources"]
    _unique(c, rel, ((s["id"], ("sources", i)) for i, s in enumerate(sraw)), "source")
    sources = {s["id"]: Source(s["id"], T(s["title"]), T(s["issuer"]), s["date"], s.get("url"), T(s.get("note"))) for s in sraw}
    cited: set[str] = set()

    def check_source(path: tuple, sid: str) -> None:
        cited.add(sid)
        if sid not in sources:
            c.add(rel, path, f"unknown source '{sid}'; expected an id from sources in plan/places.yaml{_suggest(sid, sources)}")

    for i, p in enumerate(data["places"]):
        path, kind, extra = ("places", i), p["kind"], {}
        seat = p.get("seat")
        if kind in SEAT_KINDS and seat is None:
            c.add(rel, path, f"a {kind} needs a 'seat' (lat, lon and source) so the map can draw it; add one")
        if kind not in SEAT_KINDS and seat is not None:
            c.add(rel, path + ("seat",), f"only cities and the demonstration zone have a seat, not a {kind}; remove it")
        if seat is not None:
            for key, (lo, hi), axis in (("lat", LIAONING_LAT, "N"), ("lon", LIAONING_LON, "E")):
                if not lo <= seat[key] <= hi:
                    c.add(rel, path + ("seat", key), f"{key} {seat[key]} is outside Liaoning ({lo}–{hi}° {axis}); "
                                                      "check the coordinates (lat is degrees north, lon degrees east)")
            check_source(path + ("seat", "source"), seat["source"])
            extra["seat"] = Seat(seat["lat"], seat["lon"], seat["source"], seat.get("ref"), T(seat.get("note")))
        members = p.get("members")
        if kind in MEMBER_KINDS and members is None:
            c.add(rel, path, f"a {kind} needs its 'members' (the cities and zone that make it up, each with sources); add them")
        if kind not in MEMBER_KINDS and members is not None:
            c.add(rel, path + ("members",), f"only regions and cores have members, not a {kind}; remove them")
        seen: set[str] = set()
        for j, ms in enumerate(members or []):
            mp = path + ("members", j)
            pid = ms["place"]
            check_place(rel, mp + ("place",), pid)
            if pid in places and places[pid].kind not in SEAT_KINDS:
                c.add(rel, mp + ("place",), f"'{pid}' is a {places[pid].kind}; members are cities or the demonstration zone")
            if pid in seen:
                c.add(rel, mp + ("place",), f"'{pid}' is listed twice; list each member once")
            seen.add(pid)
            for k, sid in enumerate(ms["sources"]):
                check_source(mp + ("sources", k), sid)
            if not ms["sources"] and "note" not in ms:
                c.add(rel, mp + ("sources",), "no source for this membership; cite one from sources, or say in a 'note' "
                                              "that none was found (the site then shows it as unsourced)")
        if members is not None:
            extra["members"] = tuple(Membership(m["place"], tuple(m["sources"]), T(m.get("note"))) for m in members)
            extra["members_note"] = T(p.get("members_note"))
        if extra and p["id"] in places:
            places[p["id"]] = dataclasses.replace(places[p["id"]], **extra)
    for i, s in enumerate(sraw):
        if s["id"] not in cited:
            c.add(rel, ("sources", i, "id"), f"source '{s['id']}' is cited by no seat or membership; cite it or remove it")
    return sources
