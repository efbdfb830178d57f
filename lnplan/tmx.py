"""data/plan.tmx: the Chinese–English text pairs as a TMX 1.4b translation memory, for translators and CAT tools.
One translation unit per pair, in document order, its tuid naming the record and field (2.1.1/text,
unit/commerce/name). Built with xml.etree, so text is escaped by construction."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .model import Paragraph, Plan, Text
from .releases import version

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = (("zh", "zh-CN"), ("en", "en"))


def _paragraphs(prefix: str, paras: tuple[Paragraph, ...]):
    for i, p in enumerate(paras, start=1):
        key = p.id or f"{prefix}/paragraph-{i}"
        if p.lead:
            yield f"{key}/lead", "paragraph-lead", p.lead
        yield f"{key}/text", "paragraph", p.text


def text_pairs(plan: Plan) -> list[tuple[str, str, Text]]:
    """Every bilingual text of the plan once, in document order: (tuid, kind, text)."""
    n = plan.notice
    out: list[tuple[str, str, Text]] = [
        ("notice/addressees", "notice", n.addressees),
        ("notice/text", "notice", n.text),
        ("notice/issuer", "notice", n.issuer),
        ("notice/date", "notice", n.date_text),
        ("notice/publication", "notice", n.publication),
        ("title", "title", plan.title),
        ("preamble", "preamble", plan.preamble),
    ]
    for ch in plan.chapters:
        out.append((f"{ch.id}/title", "chapter-title", ch.title))
        out += _paragraphs(ch.id, ch.paragraphs)
        for s in ch.sections:
            out.append((f"{s.id}/title", "section-title", s.title))
            out += _paragraphs(s.id, s.paragraphs)
            if s.measure:
                out.append((f"{s.id}/text", "measure-text", s.measure.text))
            for it in s.items:
                out.append((f"{it.id}/title", "item-title", it.title))
                if it.measure:
                    out.append((f"{it.id}/text", "measure-text", it.measure.text))
                for m in it.paragraphs:
                    if m.own_title:
                        out.append((f"{m.id}/title", "measure-title", m.own_title))
                    out.append((f"{m.id}/text", "measure-text", m.text))
    for u in plan.units.values():
        out += [(f"unit/{u.id}/name", "unit-name", u.name), (f"unit/{u.id}/full_name", "unit-full-name", u.full_name)]
    for p in plan.places.values():
        out += [
            (f"place/{p.id}/name", "place-name", p.name),
            (f"place/{p.id}/full_name", "place-full-name", p.full_name),
        ]
    for t in plan.targets.values():
        out += [(f"{t.id}/metric", "target-metric", t.metric), (f"{t.id}/text", "target-text", t.text)]
        if t.benchmark:
            out.append((f"{t.id}/benchmark", "target-benchmark", t.benchmark))
    for g in plan.glossary:
        out.append((f"glossary/{g.id}/term", "glossary-term", g.term))
        if g.note:
            out.append((f"glossary/{g.id}/note", "glossary-note", g.note))
    return out


def tmx(plan: Plan) -> bytes:
    v, date = version(plan)
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "lnplan",
            "creationtoolversion": v or "0",
            "segtype": "paragraph",
            "o-tmf": "lnplan-yaml",
            "adminlang": "en",
            "srclang": "zh-CN",
            "datatype": "plaintext",
            "creationdate": (date or plan.notice.date).replace("-", "") + "T000000Z",
        },
    )
    body = ET.SubElement(root, "body")
    for tuid, kind, text in text_pairs(plan):
        tu = ET.SubElement(body, "tu", tuid=tuid)
        ET.SubElement(tu, "prop", type="x-kind").text = kind
        for lang, tag in LANGS:
            ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: tag}), "seg").text = text[lang]
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
