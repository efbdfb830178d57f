"""Corrections and outside facts as HTML fragments: the corrections table (the corrections page is in overview.py),
the corrections of a measure or unit on its page, and where a unit's English name or kind comes from.
Every function takes the page context (pages.Ctx) explicitly."""

from __future__ import annotations

from ..model import Correction, FactSource
from ..urls import correction_target_page, correction_url
from .html import a, block, esc, heading
from ..i18n import S, field_words

KINDS = ("source", "translation", "data")
EXTERNAL = ' rel="external noopener"'


def target_label(c, r: Correction) -> str:
    plan = c.plan
    if r.target_type == "unit" and r.target in plan.units:
        return plan.units[r.target].name[c.lang]
    if r.target_type == "place" and r.target in plan.places:
        return plan.places[r.target].name[c.lang]
    if r.target_type == "term":
        return f"{c.t('corr_term')} {next((g.term.zh for g in plan.glossary if g.id == r.target), r.target)}"
    if r.target_type == "document":
        return c.t("corr_document")
    if r.target_type == "target":
        return f"{c.t('corr_target_kind')} {r.target}"
    if r.target_type == "source" and r.target in plan.sources:
        return plan.sources[r.target].title[c.lang]
    if r.target_type in ("place_name", "vocabulary"):
        return r.target
    return f"{c.t('measure') if r.target in plan.measures else c.t('corr_text')} {r.target}"


def _field_lang(field: str) -> str:
    if field.endswith(("zh", "raw")):
        return ' lang="zh"'
    return ' lang="en"' if field.endswith("en") else ""


def value_words(c, r: Correction, value: str) -> str:
    """A corrected value as a reader reads it: a unit's kind by its label, text as it is."""
    if r.field == "kind" and value in c.plan.unit_kinds:
        return c.plan.unit_kinds[value].label[c.lang]
    if r.field.endswith(".status") and "source_" + value in S:  # where a unit's English name comes from
        return c.t("source_" + value)
    return value


def change_html(c, r: Correction) -> str:
    """What a correction changed: “显着” → “显著” (each side in its language)."""
    fl = _field_lang(r.field)
    open_q, close_q = ("“", "”")
    return (
        f"{open_q}<span{fl}>{esc(value_words(c, r, r.before))}</span>{close_q} → "
        f"{open_q}<span{fl}>{esc(value_words(c, r, r.after))}</span>{close_q}"
    )


def corrections_table(c, records: list[Correction]) -> str:
    rows = []
    for r in records:
        fl = _field_lang(r.field)
        source = f" {a(r.source, esc(c.t('corr_outside')), '', EXTERNAL)}" if r.source else ""
        # The id, the date and the field are the table's bookkeeping, not what a search is for (data-pagefind-ignore).
        rows.append(
            f'<tr id="{esc(r.id)}"><td data-pagefind-ignore>{esc(r.id)}</td><td data-pagefind-ignore>{esc(r.date)}</td>'
            f"<td>{a(c.to(correction_target_page(r)), esc(target_label(c, r)))}</td><td "
            f"data-pagefind-ignore>{esc(field_words(r.field, c.lang))}</td>"
            f"<td{fl}>{esc(value_words(c, r, r.before))}</td><td{fl}>{esc(value_words(c, r, r.after))}</td><td>"
            f"{esc(r.reason[c.lang])}{source}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{esc(c.t(h))}</th>'
        for h in ("id", "corr_date", "corr_target", "corr_field", "corr_before", "corr_after", "corr_reason")
    )
    return (
        '<div class="lp-table-wrap '
        f'lp-corrections"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def correction_line(c, r: Correction, with_target: bool = True) -> str:
    """One correction in a line: its id (linked to its row), what it corrects, and the change."""
    target = f"{a(c.to(correction_target_page(r)), esc(target_label(c, r)))} · " if with_target else ""
    return (
        f"{a(c.to(correction_url(r.id)), esc(r.id))}{esc(c.t('colon'))}{target}"
        f"{esc(field_words(r.field, c.lang))}{esc(c.t('colon'))}{change_html(c, r)}"
    )


def corrections_list(c, records: list[Correction], title_key: str) -> str:
    """The corrections of one measure or unit, each linked to its row on the corrections page, with its reason."""
    if not records:
        return ""
    items = "".join(
        f'<li>{correction_line(c, r, with_target=False)} <span class="lp-muted">{esc(r.date)}</span>'
        f"<br>{esc(r.reason[c.lang])}</li>"
        for r in records
    )
    return heading(2, c.t(title_key), "corrections") + block(
        f'<ul class="lp-corrections-list">{items}</ul><p>{a(c.link("corrections"), esc(c.t("corr_all")))}</p>'
    )


def fact_source_html(c, key: str, s: FactSource | None) -> str:
    """A <dt>/<dd> pair saying where a unit's English name or kind comes from."""
    if s is None:
        return ""
    link = f" {a(s.url, esc(c.t('corr_outside')), '', EXTERNAL)}" if s.url else ""
    return (
        f"<dt>{esc(c.t(key))}</dt><dd>{esc(c.t('source_' + s.status) + c.t('colon'))}{esc(s.note[c.lang])}{link}</dd>"
    )
