"""Load plan/ once: read every file (YAML with positions, checked against schema/), read each registry and the
text with the checks a schema cannot express, and put the model together. Every problem is collected and reported
as `file:line:column: path: message`; the plan is returned only when there is none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import releases
from .model import DocumentRecord, Notice, Plan, Source, text_of as T
from .reading import checks
from .reading.corrections import read_corrections
from .reading.edition import read_edition
from .reading.prose import read_about
from .reading.files import PLAN_DIR, read_sources
from .reading.places import PlaceCheck, read_map_data, read_place_names, read_places
from .reading.problems import PlanError, Report
from .reading.registries import Registries, read_glossary, read_units, read_vocabularies
from .reading.targets import read_targets
from .reading.text import TextReader, check_numbering, measures_of, quotable_texts
from .schema import SCHEMA_PATH, load_schema


def load_plan(plan_dir: Path | str = PLAN_DIR, schema_path: Path | str = SCHEMA_PATH) -> Plan:
    """The validated plan. Raises PlanError listing every problem."""
    plan_dir, schema = Path(plan_dir), load_schema(Path(schema_path))
    sources, report = read_sources(plan_dir, Path(schema_path))
    if not report.problems:
        with report.stopping():
            parts = read_parts(sources, report)
            checks.cross_file(report, sources)
            if not report.problems:
                known = {c.id for c in parts["corrections"]}
                parts["releases"], parts["snapshots"] = releases.read_releases(
                    report, sources["releases.yaml"], plan_dir, schema, known
                )
    if report.problems:
        raise PlanError(report.problems)
    return Plan(**parts, raw=sources)


def read_parts(src: dict[str, Any], report: Report) -> dict[str, Any]:
    """Every part of the model but the releases, read from the schema-checked files; problems go into the report."""
    vocab = read_vocabularies(src["vocabularies.yaml"])
    places = read_places(report, src["places.yaml"]["places"], vocab.place_kinds)
    check_place = PlaceCheck(report, places)
    places, sources = read_map_data(report, src["places.yaml"], places, check_place, src["edition.yaml"]["extent"])
    place_names, name_kinds = read_place_names(report, src["place_names.yaml"], check_place)
    units, unit_names = read_units(report, src["units.yaml"]["units"], vocab.unit_kinds, check_place)
    chapter_files = [(rel, src[rel]) for rel in src if rel.startswith("chapters/")]
    node_ids = check_numbering(report, chapter_files)
    reader = TextReader(report, Registries(units, unit_names, places, place_names, name_kinds))
    chapters = tuple(reader.chapter(rel, ch) for rel, ch in chapter_files)
    measures = {m.id: m for m in measures_of(chapters)}
    targets = read_targets(
        report,
        src["targets.yaml"]["targets"],
        quotable_texts(chapters),
        {ident: n for n, ident in enumerate(node_ids)},
        measures,
        vocab,
        check_place,
    )
    doc = src["document.yaml"]
    return {
        "notice": read_notice(doc["notice"]),
        "record": read_record(doc.get("record")),
        "title": T(doc["title"]),
        "preamble": T(doc["preamble"]),
        "chapters": chapters,
        "measures": measures,
        "units": units,
        "places": places,
        "targets": targets,
        "glossary": read_glossary(report, src["glossary.yaml"]["terms"]),
        "edition": read_edition(report, src["edition.yaml"], chapters),
        "about": read_about(report),
        "unit_kinds": vocab.unit_kinds,
        "place_kinds": vocab.place_kinds,
        "comparators": vocab.comparators,
        "measure_units": vocab.measure_units,
        "place_names": place_names,
        "place_name_kinds": name_kinds,
        "corrections": read_corrections(report, src, node_ids, measures, targets),
        "sources": sources,
    }


def read_notice(n: dict) -> Notice:
    return Notice(T(n["addressees"]), T(n["text"]), T(n["issuer"]), n["date"], T(n["date_text"]), T(n["publication"]))


def read_record(r: dict | None) -> DocumentRecord | None:
    """plan/document.yaml `record` (checked by the schema): the document's title, number and dates, with sources."""

    def source(d):
        return Source(d["id"], T(d["title"]), T(d["issuer"]), d["date"], d.get("url"), T(d.get("note"))) if d else None

    return (
        DocumentRecord(
            T(r["title"]),
            T(r.get("number")),
            source(r.get("number_source")),
            r.get("released"),
            source(r.get("released_source")),
            r.get("period_years"),
            T(r.get("period_note")),
            r.get("official_url"),
            T(r.get("official_text_note")),
        )
        if r
        else None
    )
