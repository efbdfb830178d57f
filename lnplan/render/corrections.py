"""Corrections and outside facts as HTML fragments: the corrections table (the corrections page is in overview.py),
the corrections of a measure or unit on its page, and where a unit's English name or kind comes from.
Every function takes the page context (pages.Ctx) explicitly."""
from __future__ import annotations

from ..model import Correction, FactSource
from ..urls import correction_target_page, correction_url
from .html import a, block, esc, heading

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


def corrections_table(c, records: list[Correction]) -> str:
    rows = []
    for r in records:
        fl = _field_lang(r.field)
        source = f" {a(r.source, esc(c.t('corr_outside')), '', EXTERNAL)}" if r.source else ""
        rows.append(f'<tr id="{esc(r.id)}"><td>{esc(r.id)}</td><td>{esc(r.date)}</td>'
                    f'<td>{a(c.to(correction_target_page(r)), esc(target_label(c, r)))}</td><td><code>{esc(r.field)}</code></td>'
                    f'<td{fl}>{esc(r.before)}</td><td{fl}>{esc(r.after)}</td><td>{esc(r.reason[c.lang])}{source}</td></tr>')
    head = "".join(f'<th scope="col">{esc(c.t(h))}</th>' for h in
                   ("id", "corr_date", "corr_target", "corr_field", "corr_before", "corr_after", "corr_reason"))
    return f'<div class="lp-table-wrap lp-corrections"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def corrections_list(c, records: list[Correction], title_key: str) -> str:
    """The corrections of one measure or unit, each linked to its row on the corrections page."""
    if not records:
        return ""
    items = "".join(f'<li>{a(c.to(correction_url(r.id)), esc(r.id))} {esc(r.date)} · <code>{esc(r.field)}</code>{esc(c.t("colon"))}'
                    f'{esc(r.reason[c.lang])}</li>' for r in records)
    return (heading(2, c.t(title_key), "corrections")
            + block(f'<ul class="lp-corrections-list">{items}</ul><p>{a(c.link("corrections"), esc(c.t("corr_all")))}</p>'))


def fact_source_html(c, key: str, s: FactSource | None) -> str:
    """A <dt>/<dd> pair saying where a unit's English name or kind comes from."""
    if s is None:
        return ""
    link = f" {a(s.url, esc(c.t('corr_outside')), '', EXTERNAL)}" if s.url else ""
    return f'<dt>{esc(c.t(key))}</dt><dd>{esc(c.t("source_" + s.status) + c.t("colon"))}{esc(s.note[c.lang])}{link}</dd>'
