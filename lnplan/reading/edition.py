"""plan/edition.yaml: what this edition is called and how it places the plan (its extent, the seas on its map, the
sections that set out each city's role). Everything the code would otherwise say about one plan in particular."""

from __future__ import annotations

from ..model import Chapter, Edition, Sea, text_of as T
from .problems import Report

REL = "edition.yaml"


def read_edition(report: Report, raw: dict, chapters: tuple[Chapter, ...]) -> Edition:
    extent = raw["extent"]
    for axis in ("lat", "lon"):
        lo, hi = extent[axis]
        if lo >= hi:
            report.add(
                REL, ("extent", axis), f"the range {lo}–{hi} is empty; write the lower bound first, then the upper"
            )
    report.unique(REL, ((s["id"], ("seas", i)) for i, s in enumerate(raw["seas"])), "sea")
    sections = {s.id for ch in chapters for s in ch.sections}
    for i, c in enumerate(raw["city_sections"]):
        if c["section"] not in sections:
            report.add(
                REL,
                ("city_sections", i, "section"),
                f"no section '{c['section']}' in plan/chapters; expected a section id "
                "such as 1.3 whose paragraphs each concern one city",
            )
    return Edition(
        raw["id"],
        T(raw["title"]),
        T(raw["description"]),
        raw["dataset_title"],
        T(raw["scheme"]),
        T(raw["document_type"]),
        T(raw["jurisdiction"]),
        tuple(raw["name_prefixes"]),
        tuple(extent["lat"]),
        tuple(extent["lon"]),
        T(extent["note"]),
        tuple(Sea(s["id"], T(s["name"]), s["lat"], s["lon"]) for s in raw["seas"]),
        tuple((c["id"], c["section"]) for c in raw["city_sections"]),
    )
