"""The text of the plan, chapter by chapter: ids and numbers where their position says, and the tree of chapters,
sections, items, paragraphs and measures (one per responsibility clause), each measure checked against its clause
and against the places its text names."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Chapter, Item, Measure, Paragraph, PlaceReason, Section, Text, text_of as T
from .clauses import read_responsibility
from .places import PlaceCheck, form_occurs
from .problems import Report, format_path
from .registries import Registries

CN_DIGITS = "一二三四五六七八九"
Node = tuple[str, tuple, str]  # (id as written, path in the file, the id its position gives it)


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (up to 99), as section numbers are written."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def section_number(n: int) -> str:
    """1 -> （一）: a section number as published (the source copy's ASCII (一) is accepted too)."""
    return f"（{cn_numeral(n)}）"


# ---- ids and numbers ---------------------------------------------------------------------------------


def check_numbering(report: Report, chapters: list[tuple[str, dict]]) -> dict[str, tuple[str, tuple]]:
    """Every chapter, section, item, paragraph and bullet id and number where its position says, each id once.
    Returns id -> (file, path) for every node, in document order (the order targets must follow)."""
    nodes: dict[str, tuple[str, tuple]] = {}
    for n, (rel, ch) in enumerate(chapters, start=1):
        _check_numbers(report, rel, ch, n)
        for ident, path, expected in node_positions(report, rel, ch):
            if ident != expected:
                report.add(rel, path + ("id",), f"id '{ident}' is out of document order; expected '{expected}' here")
            if ident in nodes:
                first = nodes[ident]
                report.add(
                    rel,
                    path + ("id",),
                    f"duplicate id '{ident}' (first used in plan/{first[0]} at {format_path(first[1])}); ids must be "
                    "unique",
                )
            nodes[ident] = (rel, path)
    return nodes


def _check_numbers(report: Report, rel: str, ch: dict, n: int) -> None:
    expected_rel = f"chapters/{ch['id']}.yaml"
    if rel != expected_rel:
        report.add(
            rel, ("id",), f"chapter id '{ch['id']}' does not match the file name; expected the file plan/{expected_rel}"
        )
    if ch["id"] != str(n):
        report.add(
            rel, ("id",), f"chapter '{ch['id']}' is out of order; expected chapter {n} here (files 1.yaml, 2.yaml, …)"
        )
    if ch["number"] != cn_numeral(n):
        report.add(
            rel, ("number",), f"chapter number '{ch['number']}' does not match its position; expected '{cn_numeral(n)}'"
        )
    for si, s in enumerate(ch["sections"]):
        if s["number"] not in (section_number(si + 1), f"({cn_numeral(si + 1)})"):
            report.add(
                rel,
                ("sections", si, "number"),
                f"section number '{s['number']}' does not match its position; expected '{section_number(si + 1)}'",
            )
        for ii, it in enumerate(s.get("items", [])):
            if it["number"] != str(ii + 1):
                report.add(
                    rel,
                    ("sections", si, "items", ii, "number"),
                    f"item number '{it['number']}' does not match its position; expected '{ii + 1}'",
                )


def node_positions(report: Report, rel: str, ch: dict) -> list[Node]:
    """The nodes of one chapter that carry ids, in document order."""
    out = _bullet_nodes(report, rel, ("paragraphs",), ch.get("paragraphs"), ch["id"])
    for si, s in enumerate(ch["sections"]):
        sp = ("sections", si)
        out.append((s["id"], sp, f"{ch['id']}.{si + 1}"))
        out += _bullet_nodes(report, rel, sp + ("paragraphs",), s.get("paragraphs"), s["id"])
        for ii, it in enumerate(s.get("items", [])):
            ip = sp + ("items", ii)
            out.append((it["id"], ip, f"{s['id']}.{ii + 1}"))
            out += [
                (p["id"], ip + ("paragraphs", pi), f"{it['id']}.{pi + 1}")
                for pi, p in enumerate(it.get("paragraphs", []))
            ]
    return out


def _bullet_nodes(report: Report, rel: str, path: tuple, paragraphs: list | None, parent_id: str) -> list[Node]:
    """Bullet paragraphs carry ids (parent.1, parent.2, …) and their lead phrase; other paragraphs carry neither."""
    out, k = [], 0
    for i, p in enumerate(paragraphs or []):
        pid = p.get("id")
        if p.get("bullet"):
            k += 1
            if pid is None:
                report.add(rel, path + (i,), f"a bullet paragraph needs an id; expected '{parent_id}.{k}'")
            else:
                out.append((pid, path + (i,), f"{parent_id}.{k}"))
            if "lead" not in p:
                report.add(rel, path + (i,), "a bullet paragraph needs its 'lead' (the phrase before the first 。)")
        elif pid is not None:
            report.add(rel, path + (i, "id"), "only bullet paragraphs and measures carry ids; remove this id")
    return out


# ---- the tree ----------------------------------------------------------------------------------------


class TextReader:
    """Reads chapters into the model, reporting what is wrong with their measures."""

    def __init__(self, report: Report, reg: Registries):
        self.report, self.reg = report, reg
        self.check_place = PlaceCheck(report, reg.places)

    def chapter(self, rel: str, ch: dict) -> Chapter:
        if "region" in ch:
            self.check_place(rel, ("region",), ch["region"])
        sections = tuple(self.section(rel, ("sections", si), s, ch) for si, s in enumerate(ch["sections"]))
        return Chapter(
            ch["id"],
            ch["number"],
            T(ch["title"]),
            ch.get("region"),
            self.paragraphs(rel, ("paragraphs",), ch.get("paragraphs")),
            sections,
        )

    def section(self, rel: str, sp: tuple, s: dict, ch: dict) -> Section:
        cite = Text(f"第{ch['number']}部分{s['number']}", f"Part {ch['id']}, Section {sp[1] + 1}")
        measure = self.measure(rel, sp, s, ch, s, None, None, T(s["title"]), cite) if "text" in s else None
        items = tuple(self.item(rel, sp + ("items", ii), it, ch, s, cite) for ii, it in enumerate(s.get("items", [])))
        return Section(
            s["id"],
            s["number"],
            T(s["title"]),
            self.paragraphs(rel, sp + ("paragraphs",), s.get("paragraphs")),
            measure,
            items,
        )

    def item(self, rel: str, ip: tuple, it: dict, ch: dict, s: dict, section_cite: Text) -> Item:
        title = T(it["title"])
        cite = Text(f"{section_cite.zh}第{it['number']}项", f"{section_cite.en}, Item {it['number']}")
        measure = self.measure(rel, ip, it, ch, s, None, title, title, cite) if "text" in it else None
        paras = []
        for pi, p in enumerate(it.get("paragraphs", [])):
            own = T(p.get("title"))
            paras.append(
                self.measure(
                    rel,
                    ip + ("paragraphs", pi),
                    p,
                    ch,
                    s,
                    it,
                    own,
                    own or title,
                    Text(f"{cite.zh}第{pi + 1}段", f"{cite.en}, Paragraph {pi + 1}"),
                )
            )
        return Item(it["id"], it["number"], title, measure, tuple(paras))

    def paragraphs(self, rel: str, path: tuple, lst: list | None) -> tuple[Paragraph, ...]:
        out = []
        for i, p in enumerate(lst or []):
            for j, pl in enumerate(p.get("places", [])):
                self.check_place(rel, path + (i, "places", j), pl)
            out.append(
                Paragraph(
                    T(p["text"]), p.get("id"), bool(p.get("bullet")), T(p.get("lead")), tuple(p.get("places", ()))
                )
            )
        return tuple(out)

    def measure(
        self,
        rel: str,
        path: tuple,
        d: dict,
        ch: dict,
        sec: dict,
        item: dict | None,
        own_title: Text | None,
        title: Text,
        citation: Text,
    ) -> Measure:
        text = T(d["text"])
        listed = list(d.get("places", []))
        for k, pid in enumerate(listed):
            self.check_place(rel, path + ("places", k), pid)
        reasons = implied_places((own_title.zh if own_title else "") + text.zh, self.reg)
        check_listed_places(self.report, rel, path, listed, reasons, self.reg)
        responsibility = read_responsibility(
            self.report, rel, path + ("responsibility",), d["responsibility"], self.reg.units, self.reg.unit_names
        )
        return Measure(
            d["id"],
            ch["id"],
            sec["id"],
            item["id"] if item else None,
            own_title,
            title,
            text,
            responsibility,
            tuple(listed),
            citation,
            tuple(r for r in reasons if r.place in listed),
        )


def measures_of(chapters: tuple[Chapter, ...]) -> Iterator[Measure]:
    """Every measure, in document order."""
    for ch in chapters:
        for s in ch.sections:
            if s.measure:
                yield s.measure
            for it in s.items:
                if it.measure:
                    yield it.measure
                yield from it.paragraphs


def quotable_texts(chapters: tuple[Chapter, ...]) -> dict[str, str]:
    """The Chinese text a target may quote, by the id of its source: a measure, or a bullet paragraph."""
    out = {m.id: (m.own_title.zh if m.own_title else "") + m.text.zh for m in measures_of(chapters)}
    for ch in chapters:
        for s in ch.sections:
            for p in (*ch.paragraphs, *s.paragraphs):
                if p.id:
                    out[p.id] = (p.lead.zh if p.lead else "") + p.text.zh
    return out


# ---- the places a measure names ------------------------------------------------------------------------


def implied_places(text_zh: str, reg: Registries) -> list[PlaceReason]:
    """Every place a Chinese text names, outright or by a registered form, in registry order."""
    reasons = [PlaceReason(pid, "named", n) for pid, place in reg.places.items() for n in place.names if n in text_zh]
    for pn in reg.place_names.values():
        if form_occurs(text_zh, pn.form, pn.except_in):
            why = "short-form" if pn.kind == "short-form" else "within"
            reasons += [PlaceReason(pid, why, pn.form) for pid in pn.implies if pid in reg.places]
    reasons.sort(key=lambda r: reg.place_order[r.place])  # stable: by name before by registry form
    return reasons


def check_listed_places(
    report: Report, rel: str, path: tuple, listed: list[str], reasons: list[PlaceReason], reg: Registries
) -> None:
    """A measure lists exactly the places its text implies, in registry order."""
    missing: dict[str, PlaceReason] = {}
    for r in reasons:
        if r.place not in listed:
            missing.setdefault(r.place, r)
    for pid, r in missing.items():
        report.add(
            rel, path + ("places",), f"the text names {_named_by(r, pid, reg)} but places does not list '{pid}'; add it"
        )
    implied = {r.place for r in reasons}
    for k, pid in enumerate(listed):
        if pid in reg.places and pid not in implied:
            report.add(
                rel,
                path + ("places", k),
                f"places lists '{pid}' but the text names it neither by a name in plan/places.yaml "
                "nor by a form in plan/place_names.yaml; remove it, or register the form that names it",
            )
    known = [p for p in listed if p in reg.place_order]
    if known != sorted(known, key=reg.place_order.get):
        report.add(
            rel,
            path + ("places",),
            f"places are not in registry order; expected [{', '.join(sorted(known, key=reg.place_order.get))}]",
        )


def _named_by(r: PlaceReason, pid: str, reg: Registries) -> str:
    pn = reg.place_names.get(r.form)
    if r.reason == "named":
        return f"'{r.form}'"
    if r.reason == "short-form":
        return f"'{r.form}' (short form of {pn.name.zh}, in plan/place_names.yaml)"
    kind = reg.name_kinds[pn.kind].label.en if pn.kind in reg.name_kinds else pn.kind
    return f"'{r.form}' ({pn.name.zh}, {kind} in {pid}, in plan/place_names.yaml)"
