"""The document and this edition: a box like the gov.cn policy library's (issuer, document number, the dates, the
period and its status, where the official text is), and the footer every page carries (this is an unofficial
edition, not a government site; the licence; the edition's version). Facts come from plan/document.yaml, each with
its source; one no source was found for is said to be missing, never guessed."""

from __future__ import annotations

from ..i18n import paren, sentence_space, t
from ..reading.text import cn_numeral
from ..model import Plan, Source
from ..releases import version
from .html import a, esc

EXTERNAL = ' rel="external noopener"'
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_text(iso: str, lang: str) -> str:
    """2022-02-09 as a reader writes it: 2022年2月9日, February 9, 2022."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日" if lang == "zh" else f"{MONTHS[m - 1]} {d}, {y}"


def period_passed(plan: Plan) -> tuple[bool, str, str] | None:
    """Whether the plan's period, counted from the date on its notice, had passed when this edition's latest version
    was released, with that version and its date; None without a stated period or a release."""
    rec, (v, released) = plan.record, version(plan)
    if not rec or not rec.period_years or not v:
        return None
    y, rest = plan.notice.date.split("-", 1)
    return f"{int(y) + rec.period_years}-{rest}" <= released, v, released


def _source_note(s: Source, lang: str) -> str:
    """A fact's source in brackets: who says so, linked to where it can be read."""
    who = esc(t("doc_according_to", lang, issuer=s.issuer[lang]))
    return paren(a(s.url, who, "", EXTERNAL) if s.url else who, lang)


def _rows(c) -> list[tuple[str, str]]:
    plan, lang, rec, n = c.plan, c.lang, c.plan.record, c.plan.notice
    rows = [("doc_title", esc(rec.title[lang]) if rec else esc(plan.title[lang])), ("doc_issuer", esc(n.issuer[lang]))]
    if rec and rec.number:
        rows.append(
            ("doc_number", esc(rec.number[lang]) + (_source_note(rec.number_source, lang) if rec.number_source else ""))
        )
    else:
        rows.append(("doc_number", esc(t("doc_not_found", lang))))
    rows.append(("doc_written", esc(date_text(n.date, lang))))
    if rec and rec.released:
        rows.append(
            (
                "doc_released",
                esc(date_text(rec.released, lang))
                + (_source_note(rec.released_source, lang) if rec.released_source else ""),
            )
        )
    if rec and rec.period_years:
        space = sentence_space(lang)
        note = f'{space}<span class="lp-src-note">{esc(rec.period_note[lang])}</span>' if rec.period_note else ""
        years = cn_numeral(rec.period_years) if lang == "zh" else rec.period_years
        rows.append(("doc_period", esc(t("doc_period_value", lang, years=years, date=date_text(n.date, lang))) + note))
    status = period_passed(plan)
    if status:
        passed, v, released = status
        rows.append(
            (
                "doc_status",
                esc(
                    t(
                        "doc_status_passed" if passed else "doc_status_running",
                        lang,
                        version=v,
                        date=date_text(released, lang),
                    )
                ),
            )
        )
    if rec and rec.official_url:
        rows.append(("doc_official", a(rec.official_url, esc(rec.official_url), "lp-url", EXTERNAL)))
    elif rec and rec.official_text_note:
        rows.append(("doc_official", esc(rec.official_text_note[lang])))
    rows.append(("doc_edition", esc(t("doc_edition_value", lang))))
    return rows


def document_box(c) -> str:
    """The document's particulars, as a government policy library lists them above a document's text."""
    items = "".join(f"<dt>{esc(t(k, c.lang))}</dt><dd>{v}</dd>" for k, v in _rows(c))
    return (
        '<section class="lp-docbox" aria-labelledby="lp-docbox-title" data-pagefind-ignore>'
        f'<h2 class="lp-docbox__title" id="lp-docbox-title">{esc(t("doc_box", c.lang))}</h2><dl>{items}</dl></section>'
    )


def footer_strings(plan: Plan, lang: str) -> dict[str, str]:
    """The footer's words, escaped, for overrides/partials/copyright.html (which adds the links and the address)."""
    v, date = version(plan)
    keys = ("footer_notice", "footer_licence", "nav_about", "nav_corrections", "footer_report", "footer_address")
    out = {k: esc(t(k, lang, title=plan.title[lang])) for k in keys}
    out["version"] = esc(t("footer_version", lang, version=v, date=date) if v else t("not_released", lang))
    return out
