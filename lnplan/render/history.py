"""What changed, release by release: the changes page's tables and each measure's version history.
All text from plan/ is escaped here; ids become anchors and links."""

from __future__ import annotations

from ..model import Change, Plan, Release
from ..i18n import CHANGE_KEYS, RECORD_KEYS, fields_text, paren, release_heading, t
from ..punctuation import TO_ASCII
from ..releases import SCHEMA_VERSION, Diff, history, snapshot, unreleased
from ..urls import entry_anchor, entry_url, page, release_anchor, target_url
from .corrections import correction_line
from .html import a, block, esc, heading


def record_link(c, change: Change) -> str:
    """The record's page while it exists; a removed record shows its id only."""
    plan: Plan = c.plan
    label = esc(change.id)
    if change.record == "measure" and change.id in plan.measures:
        return a(c.link("measure", change.id), f"{label} {esc(plan.measures[change.id].title[c.lang])}")
    if change.record == "unit" and change.id in plan.units:
        return a(c.link("unit", change.id), esc(plan.units[change.id].name[c.lang]))
    if change.record == "place" and change.id in plan.places:
        return a(c.link("place", change.id), esc(plan.places[change.id].name[c.lang]))
    if change.record == "target" and change.id in plan.targets:
        return a(c.to(target_url(change.id)), label)
    return label


def _snapshots(plan: Plan, release: Release | None) -> tuple[dict, dict] | None:
    """The data before and after a release (release None: the changes not yet released)."""
    if not plan.releases:
        return None
    if release is None:
        return plan.snapshots[plan.releases[-1].version], snapshot(plan, "", SCHEMA_VERSION)
    i = plan.releases.index(release)
    return (plan.snapshots[plan.releases[i - 1].version], plan.snapshots[release.version]) if i else None


def _width(value):
    """A measure's Chinese text or clause with full-width punctuation read as ASCII: equal before and after when only
    the width of the punctuation changed."""
    if isinstance(value, str):
        return value.translate(TO_ASCII)
    if isinstance(value, dict):
        return {k: _width(v) for k, v in value.items()}
    return [_width(v) for v in value] if isinstance(value, (list, tuple)) else value


def punctuation_only(plan: Plan, release: Release | None, change: Change) -> set[str]:
    """The aspects of a measure's change (text, responsibility) in which only the punctuation width changed."""
    snaps = _snapshots(plan, release) if change.record == "measure" and change.change == "changed" else None
    if not snaps or change.id not in snaps[0]["measures"] or change.id not in snaps[1]["measures"]:
        return set()
    old, new = snaps[0]["measures"][change.id], snaps[1]["measures"][change.id]
    keys = {"text": lambda m: (m["title"]["zh"], m["text"]["zh"]), "responsibility": lambda m: m["responsibility"]}
    return {
        aspect
        for aspect, get in keys.items()
        if aspect in change.fields and get(old) != get(new) and _width(get(old)) == _width(get(new))
    }


def change_words(c, release: Release | None, change: Change) -> str:
    """What changed, in words: the aspects whose wording changed, then those where only the punctuation became
    full-width, in brackets (「中文文本（标点统一为全角，文字未改）」: no colon inside the entry's own colon)."""
    width = punctuation_only(c.plan, release, change)
    if not width:
        return fields_text(change, c.lang)
    sep = t("list_sep", c.lang)
    rest = [f for f in change.fields if f not in width]
    parts = [sep.join(t("aspect_" + f, c.lang) for f in rest)] if rest else []
    parts.append(
        sep.join(t("aspect_" + f, c.lang) for f in change.fields if f in width) + paren(c.t("punctuation_only"), c.lang)
    )
    return c.t("semicolon").join(parts)


def changes_table(c, release: Release | None, changes: tuple[Change, ...]) -> str:
    rows = []
    for ch in changes:
        rows.append(
            f'<tr id="{esc(entry_anchor(release, ch))}"><td>{esc(c.t(RECORD_KEYS[ch.record]))}</td><td>'
            f"{record_link(c, ch)}</td>"
            f"<td>{esc(c.t(CHANGE_KEYS[ch.change]))}</td><td>{esc(change_words(c, release, ch))}</td></tr>"
        )
    head = "".join(f'<th scope="col">{esc(c.t(k))}</th>' for k in ("record", "id", "change", "what_changed"))
    return (
        '<div class="lp-table-wrap '
        f'lp-changes"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def corrections_html(c, release: Release) -> str:
    """The corrections a release contains, each saying what it changed."""
    records = {r.id: r for r in c.plan.corrections}
    items = [
        f"<li>{correction_line(c, records[cid]) if cid in records else esc(cid)}</li>" for cid in release.corrections
    ]
    if not items:
        return ""
    return (
        f'<p class="lp-label">{esc(c.t("corrections_in_release") + c.t("colon"))}</p><ul '
        f'class="lp-corrections-list">{"".join(items)}</ul>'
    )


def first_release_text(c, release: Release) -> str:
    snap = c.plan.snapshots[release.version]
    return c.t(
        "first_release",
        measures=len(snap["measures"]),
        units=len(snap["units"]),
        places=len(snap["places"]),
        targets=len(snap["targets"]),
    )


def release_section(c, release: Release | None, changes: tuple[Change, ...], schema: tuple[str, str] | None) -> str:
    """One release on the changes page: heading, summary, corrections, and every change by record id."""
    out = [heading(2, release_heading(release, c.lang), release_anchor(release))]
    parts = [f"<p>{esc(release.summary[c.lang])}</p>" if release else f"<p>{esc(c.t('unreleased_note'))}</p>"]
    if release:
        parts.append(corrections_html(c, release))
    if schema:
        parts.append(f"<p>{esc(c.t('schema_changed', old=schema[0], new=schema[1]))}</p>")
    if release is not None and release is c.plan.releases[0]:
        parts.append(f"<p>{esc(first_release_text(c, release))}</p>")
    elif changes:
        parts.append(changes_table(c, release, changes))
    out.append(block("".join(parts)))
    return "".join(out)


def releases_sections(c) -> str:
    """Every release, newest first, after the changes not yet released (if any)."""
    plan: Plan = c.plan
    out = []
    pending: Diff = unreleased(plan)
    if pending:
        out.append(release_section(c, None, pending.changes, pending.schema))
    rels = plan.releases
    for i in range(len(rels) - 1, -1, -1):
        prev = rels[i - 1].schema_version if i else rels[i].schema_version
        schema = (prev, rels[i].schema_version) if prev != rels[i].schema_version else None
        out.append(release_section(c, rels[i], rels[i].changes, schema))
    return "".join(out)


def measure_history(c, measure_id: str) -> str:
    """A measure page's version history: when it was first published and last changed, each entry linked."""
    entries = history(c.plan).get(("measure", measure_id), [])
    if not entries:
        return ""
    items = []
    for e in entries:
        what = (
            c.t("first_published")
            if e.change.change == "added" and e.release is c.plan.releases[0]
            else c.t(CHANGE_KEYS[e.change.change])
        )
        if e.change.fields:  # 修改中文文本 / changed English text: no colon inside the entry's own colon
            what += ("" if c.lang == "zh" else " ") + change_words(c, e.release, e.change)
        link = a(
            c.to(entry_url(e.release, e.change))
            if e.release is not c.plan.releases[0]
            else c.to(page("changes") + "#" + release_anchor(e.release)),
            esc(release_heading(e.release, c.lang)),
        )
        items.append(f"<li>{link}{esc(c.t('colon'))}{esc(what)}</li>")
    last = entries[-1]
    last_text = (
        c.t("last_changed_unreleased")
        if len(entries) > 1 and last.release is None
        else c.t("last_changed", when=release_heading(last.release, c.lang))
        if len(entries) > 1
        else c.t("unchanged_since", when=release_heading(entries[0].release, c.lang))
    )
    return heading(2, c.t("history"), "history") + block(
        f'<p class="lp-history-last">{esc(last_text)}</p><ul class="lp-history">{"".join(items)}</ul>'
    )
