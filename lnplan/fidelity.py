"""Rebuild the complete Chinese text of the plan from plan/ and compare it with the source copy.

plan/ holds the text as officially published; source/plan.zh.txt is the copy we received, kept byte for byte. The two
are compared after this normalisation, and nothing else:

1. line breaks are removed on both sides (the copy breaks the title across two lines: layout, not text);
2. the full-width marks of `punctuation.PAIRS` (，：；（）！？) read as their ASCII forms: the only width
   differences between the copy and the official text. No other character is folded: a superscript digit, a Kangxi
   radical, a full-width digit or a compatibility ideograph is a difference, however alike it looks;
3. every correction recorded in plan/corrections.yaml is undone in plan/ before comparing (`after` back to
   `before`), so a recorded correction passes and an unrecorded change fails.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import safefiles, yamlio
from .reading.corrections import correction_location, correction_targets, value_at
from .reading.problems import format_path
from .schema import ROOT
from .punctuation import TO_ASCII, clause_as_written

SOURCE = ROOT / "source" / "plan.zh.txt"

Part = tuple[tuple | None, str]  # (path of the field it comes from, or None for text the layout adds; the text)


@dataclass(frozen=True)
class Block:
    file: str  # relative to plan/
    path: tuple
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.parts)


def normalize(text: str) -> str:
    """Line breaks removed, and the full-width marks of punctuation.PAIRS read as ASCII. Nothing else is folded."""
    return text.replace("\r", "").replace("\n", "").translate(TO_ASCII)


def _clause(d: dict, path: tuple) -> list[Part]:
    head, tail = clause_as_written("\0").split("\0")
    return [(None, head), (path + ("responsibility", "raw"), d["responsibility"]["raw"]), (None, tail)]


def _paragraph(p: dict, path: tuple) -> list[Part]:
    if p.get("bullet"):
        return [
            (None, "——"),
            (path + ("lead", "zh"), p["lead"]["zh"]),
            (None, "。"),
            (path + ("text", "zh"), p["text"]["zh"]),
        ]
    return [(path + ("text", "zh"), p["text"]["zh"])]


def blocks(sources: dict) -> list[Block]:
    """The plan's Chinese text, line by line as the source has it, each part with where it lives in plan/."""
    out: list[Block] = []

    def add(rel: str, path: tuple, parts: list[Part]) -> None:
        out.append(Block(rel, path, tuple(parts)))

    d = sources["document.yaml"]
    for key in ("addressees", "text", "issuer", "date_text", "publication"):
        add("document.yaml", ("notice", key), [(("notice", key, "zh"), d["notice"][key]["zh"])])
    add("document.yaml", ("title",), [(("title", "zh"), d["title"]["zh"])])
    add("document.yaml", ("preamble",), [(("preamble", "zh"), d["preamble"]["zh"])])
    for rel in sorted((f for f in sources if f.startswith("chapters/")), key=lambda f: int(Path(f).stem)):
        ch = sources[rel]
        add(rel, ("title",), [(("number",), ch["number"]), (None, "、"), (("title", "zh"), ch["title"]["zh"])])
        for i, p in enumerate(ch.get("paragraphs", [])):
            add(rel, ("paragraphs", i), _paragraph(p, ("paragraphs", i)))
        for si, s in enumerate(ch["sections"]):
            sp = ("sections", si)
            add(
                rel,
                sp + ("title",),
                [(sp + ("number",), s["number"]), (sp + ("title", "zh"), s["title"]["zh"]), (None, "。")],
            )
            for i, p in enumerate(s.get("paragraphs", [])):
                add(rel, sp + ("paragraphs", i), _paragraph(p, sp + ("paragraphs", i)))
            if "text" in s:
                add(rel, sp + ("text",), [(sp + ("text", "zh"), s["text"]["zh"]), *_clause(s, sp)])
            for ii, it in enumerate(s.get("items", [])):
                ip = sp + ("items", ii)
                head: list[Part] = [
                    (ip + ("number",), it["number"]),
                    (None, "."),
                    (ip + ("title", "zh"), it["title"]["zh"]),
                    (None, "。"),
                ]
                if "text" in it:
                    add(rel, ip, [*head, (ip + ("text", "zh"), it["text"]["zh"]), *_clause(it, ip)])
                    continue
                add(rel, ip + ("title",), head)
                for pi, p in enumerate(it["paragraphs"]):
                    pp = ip + ("paragraphs", pi)
                    lead: list[Part] = [(pp + ("title", "zh"), p["title"]["zh"]), (None, "。")] if "title" in p else []
                    add(rel, pp, [*lead, (pp + ("text", "zh"), p["text"]["zh"]), *_clause(p, pp)])
    return out


def undo_corrections(sources: dict) -> dict:
    """A copy of the sources with every recorded correction undone: in the field it names, `after` back to `before`."""
    undone = copy.deepcopy(sources)
    records = sources.get("corrections.yaml", {}).get("corrections", [])
    index = correction_targets(sources)
    for d in reversed(records):  # the latest first, so that a field corrected twice goes back step by step
        where = correction_location(undone, index, d)
        if isinstance(where, str):
            continue  # the loader reports it
        rel, path = where
        value = value_at(undone, rel, path)
        if isinstance(value, str):
            node = value_at(undone, rel, path[:-1])
            node[path[-1]] = value.replace(d["after"], d["before"])
    return undone


def _describe(ch: str) -> str:
    if not ch:
        return "nothing (the text ends)"
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})"


def _where(b: Block, offset: int, plan_dir: Path | None) -> tuple[str, tuple, int]:
    """file[:line:column] of the part holding character `offset` of the block, its path, and the offset inside it."""
    pos = 0
    path, inner = b.path, offset
    for p, text in b.parts:
        n = len(normalize(text))
        if offset < pos + n:
            path, inner = (p or b.path), offset - pos
            break
        pos += n
    shown = f"plan/{b.file}"
    if plan_dir is not None:
        try:
            _, marks = yamlio.load(safefiles.read_text(plan_dir / b.file, plan_dir))
        except (OSError, safefiles.Refused, yamlio.YamlSyntaxError):
            marks = {}
        mark = marks.get(path)
        shown = str(plan_dir / b.file) + (f":{mark.line}:{mark.column}" if mark else "")
    return shown, path, inner


def compare(sources: dict, source_text: str, plan_dir: Path | None = None) -> str | None:
    """None if plan/ reproduces the source under the documented normalisation; else a report naming file, line,
    path and the differing characters. With plan_dir, the report gives the line and column of the field."""
    bl = blocks(undo_corrections(sources))
    want = normalize(source_text)
    pos = 0
    for b in bl:
        got = normalize(b.text)
        expected = want[pos : pos + len(got)]
        if got != expected:
            i = next(
                (k for k in range(min(len(got), len(expected))) if got[k] != expected[k]), min(len(got), len(expected))
            )
            shown, path, inner = _where(b, i, plan_dir)
            lo = max(0, i - 20)
            shown_got = b.text if len(b.text) == len(got) else got  # as written, where no line break was removed
            return (
                f"{shown}: {format_path(path)}: character {inner + 1} of this field differs from the source: "
                f"plan/ has {_describe(got[i : i + 1])} where the source has {_describe(expected[i : i + 1])}; "
                "only the width of the punctuation marks ，：；（）！？ may differ, and any other change must be "
                "recorded in plan/corrections.yaml\n"
                f"  plan/  : …{shown_got[lo : i + 30]}…\n"
                f"  source : …{want[pos + lo : pos + i + 30]}…"
            )
        pos += len(got)
    if pos != len(want):
        return f"plan/ ends before the source does; missing: {want[pos : pos + 80]}…"
    return None
