"""Rebuild the complete Chinese text of the plan from plan/ and compare it with the source copy."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loader import ROOT, format_path
from .punctuation import TO_ASCII, clause_as_written

SOURCE = ROOT / "source" / "plan.zh.txt"


@dataclass(frozen=True)
class Block:
    file: str  # relative to plan/
    path: tuple
    text: str


def normalize(text: str) -> str:
    """Line breaks removed (layout, not text), and the full-width marks of punctuation.PAIRS read as their ASCII forms:
    the only width differences between the source copy and the official text. Nothing else is folded."""
    return text.replace("\r", "").replace("\n", "").translate(TO_ASCII)


def _clause(d: dict) -> str:
    return clause_as_written(d['responsibility']['raw'])


def _paragraph(p: dict) -> str:
    return f"——{p['lead']['zh']}。{p['text']['zh']}" if p.get("bullet") else p["text"]["zh"]


def blocks(sources: dict) -> list[Block]:
    """The plan's Chinese text, line by line as the source has it, each with where it lives in plan/."""
    out: list[Block] = []
    d = sources["document.yaml"]
    for key in ("addressees", "text", "issuer", "date_text", "publication"):
        out.append(Block("document.yaml", ("notice", key), d["notice"][key]["zh"]))
    out.append(Block("document.yaml", ("title",), d["title"]["zh"]))
    out.append(Block("document.yaml", ("preamble",), d["preamble"]["zh"]))
    for rel in sorted((f for f in sources if f.startswith("chapters/")), key=lambda f: int(Path(f).stem)):
        ch = sources[rel]
        out.append(Block(rel, ("title",), f"{ch['number']}、{ch['title']['zh']}"))
        for i, p in enumerate(ch.get("paragraphs", [])):
            out.append(Block(rel, ("paragraphs", i), _paragraph(p)))
        for si, s in enumerate(ch["sections"]):
            sp = ("sections", si)
            out.append(Block(rel, sp + ("title",), f"{s['number']}{s['title']['zh']}。"))
            for i, p in enumerate(s.get("paragraphs", [])):
                out.append(Block(rel, sp + ("paragraphs", i), _paragraph(p)))
            if "text" in s:
                out.append(Block(rel, sp + ("text",), s["text"]["zh"] + _clause(s)))
            for ii, it in enumerate(s.get("items", [])):
                ip = sp + ("items", ii)
                head = f"{it['number']}.{it['title']['zh']}。"
                if "text" in it:
                    out.append(Block(rel, ip, head + it["text"]["zh"] + _clause(it)))
                    continue
                out.append(Block(rel, ip + ("title",), head))
                for pi, p in enumerate(it["paragraphs"]):
                    lead = f"{p['title']['zh']}。" if "title" in p else ""
                    out.append(Block(rel, ip + ("paragraphs", pi), lead + p["text"]["zh"] + _clause(p)))
    return out


def compare(sources: dict, source_text: str) -> str | None:
    """None if plan/ reproduces the source exactly (after normalization); else a report naming file and place."""
    bl = blocks(sources)
    want = normalize(source_text)
    pos = 0
    for b in bl:
        got = normalize(b.text)
        expected = want[pos:pos + len(got)]
        if got != expected:
            i = next((k for k in range(min(len(got), len(expected))) if got[k] != expected[k]), min(len(got), len(expected)))
            lo = max(0, i - 20)
            return (f"plan/{b.file}: {format_path(b.path)}: the text differs from the source at character {i + 1}:\n"
                    f"  plan/  : …{got[lo:i + 30]}…\n"
                    f"  source : …{want[pos + lo:pos + i + 30]}…")
        pos += len(got)
    if pos != len(want):
        return f"plan/ ends before the source does; missing: {want[pos:pos + 80]}…"
    return None
