"""Quantitative targets in the plan's own words: the value as the plan writes it (全国前5名, 4亿吨以上, 5000亿级,
50个左右; "top 5 nationally", "at least 400 million tonnes"), 力争 and 年均 as short tags, the period the plan
states for it, and the tables that list them. Functions take the page context (pages.Ctx) as `c`."""

from __future__ import annotations

import re

from ..model import Plan, Target
from ..urls import node_url, target_anchor, target_url
from .html import a, esc
from ..i18n import S, group_sep, t

# Round numbers the plan writes in words before 亿: 千亿元, 超千亿, 百亿级.
ZH_ROUND = {1000: "千", 100: "百"}
EN_SIZES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def _zh_number(tg: Target) -> str:
    v = tg.value
    text = f"{v:g}" if isinstance(v, float) else str(v)
    if tg.unit == "hundred-million-yuan" and v in ZH_ROUND:
        return ZH_ROUND[v]
    return text


def _zh_amount(plan: Plan, tg: Target) -> str:
    """30%, 1万亿元, 4亿吨, 9000家, 50个 (the plan writes 千亿元 and 百亿级 in words)."""
    return _zh_number(tg) + plan.measure_units[tg.unit].label.zh


def _en_amount(plan: Plan, tg: Target) -> str:
    """30%, 1 trillion yuan, 400 million tonnes, 9,000 enterprises, 50."""
    mu = plan.measure_units[tg.unit]
    if tg.unit == "percent":
        return f"{tg.value:g}%"
    if tg.unit in ("count", "rank"):
        return f"{tg.value:,}"
    n = tg.value * mu.multiplier
    for size, word in EN_SIZES:
        if n >= size:
            q = n / size
            return f"{q:,.0f} {word} {mu.label.en}" if float(q).is_integer() else f"{q:g} {word} {mu.label.en}"
    return f"{n:,.0f} {mu.label.en}"


def nationwide(tg: Target) -> bool:
    """A ranking the plan places among all of China (进入全国前5名)."""
    return "全国" in tg.text.zh or "全国" in tg.metric.zh


def value_text(plan: Plan, tg: Target, lang: str) -> str:
    """The target as the plan states it, in plain words: 达到30%, 超过全国平均水平, 4亿吨以上, 50个左右, 增长7.7%,
    全国前5名, 5000亿级; in English 30%, above the national average, at least 400 million tonnes, about 50, up 7.7%,
    top 5 nationally, 500-billion-yuan scale."""
    if tg.value is None:  # measured against a benchmark (the national average)
        bench = tg.benchmark[lang] if tg.benchmark else ""
        key = "tv_" + tg.comparator + "_benchmark"
        return (
            t(key, lang, benchmark=bench)
            if key in S
            else f"{plan.comparators[tg.comparator].label[lang]} {bench}".strip()
        )
    if lang == "zh":
        amount = _zh_amount(plan, tg)
        if tg.comparator == "scale":
            amount = _zh_number(tg) + "亿"  # 5000亿级, 千亿级
        elif tg.comparator == "top-n":
            amount = str(tg.value)
    else:
        amount = _en_amount(plan, tg)
        if tg.comparator == "scale":
            amount = amount.replace(" ", "-")  # 500-billion-yuan scale
        elif tg.comparator == "top-n":
            amount = str(tg.value)
    key = "tv_top-n_nationwide" if tg.comparator == "top-n" and nationwide(tg) else "tv_" + tg.comparator
    if (
        key not in S
    ):  # a comparator added to plan/vocabularies.yaml without its wording here: its label, then the amount
        return f"{plan.comparators[tg.comparator].label[lang]} {amount}"
    return t(key, lang, amount=amount)


def tags(tg: Target, lang: str) -> list[tuple[str, str]]:
    """Short tags, each with the plan's word it stands for: 力争 (the plan says "strive to"), 年均 or 每年."""
    out = []
    if tg.aspirational:
        out.append(("aspirational", t("tag_aspirational", lang)))
    if tg.annual:
        key = "tag_each_year" if "每年" in tg.text.zh else "tag_annual"
        out.append(("annual", t(key, lang)))
    return out


def tags_html(tg: Target, lang: str) -> str:
    return "".join(
        f' <span class="lp-tag lp-tag--{kind}" title="{esc(t("tag_" + kind + "_title", lang))}">{esc(label)}</span>'
        for kind, label in tags(tg, lang)
    )


def target_html(plan: Plan, tg: Target, lang: str) -> str:
    """The value in plain words, then its tags."""
    return esc(value_text(plan, tg, lang)) + tags_html(tg, lang)


# How the plan states a period at the head of a section: 「经过三年努力，……」 / "After three years of effort, …".
_PERIOD = {"zh": re.compile(r"^(经过[^，。]*?努力)"), "en": re.compile(r"^(After [^,.]*? effort)")}


def period_phrase(plan: Plan, tg: Target, lang: str) -> str | None:
    """The plan's own words for when a target is due, where the section stating it opens with them
    (1.4 发展目标: 「经过三年努力」); None where the plan gives no period for it."""
    chapter = plan.chapter_of(tg.section)
    section = next((s for s in chapter.sections if s.id == tg.section), None)
    lead = next((p for p in section.paragraphs if p.id is None), None) if section else None
    m = _PERIOD[lang].match(lead.text[lang]) if lead else None
    return m.group(1) if m else None


def period_text(plan: Plan, tg: Target, lang: str) -> str:
    """「“经过三年努力”（自2022年1月31日印发起算）」, or that the plan states no period for the target. No year is
    computed: the plan gives none."""
    phrase = period_phrase(plan, tg, lang)
    date = plan.notice.date_text[lang]
    return t("period_stated", lang, phrase=phrase, date=date) if phrase else t("period_none", lang)


def source_link(c, tg: Target) -> str:
    """The measure that sets the target, or the paragraph of the text that states it."""
    if tg.measure:
        return a(c.link("measure", tg.measure), esc(tg.source))
    return a(c.to(node_url(tg.source)), esc(tg.source))


def scope_html(c, tg: Target) -> str:
    return t("list_sep", c.lang).join(
        a(c.link("place", p), esc(c.plan.places[p].name[c.lang]), "lp-place") for p in tg.scope
    )


COLUMNS = ("id", "metric", "target_value", "period", "scope", "source", "target_text")


def targets_table(c, targets: list[Target], columns: tuple[str, ...] = COLUMNS, anchors: bool = False) -> str:
    """Targets as a table of the given columns (ids from COLUMNS); with anchors, each row is the target's anchor."""
    if not targets:
        return ""
    cell = {
        "id": lambda x: esc(x.id) if anchors else a(c.to(target_url(x.id)), esc(x.id)),
        "metric": lambda x: esc(x.metric[c.lang]),
        "target_value": lambda x: target_html(c.plan, x, c.lang),
        "period": lambda x: esc(period_text(c.plan, x, c.lang)),
        "scope": lambda x: scope_html(c, x),
        "source": lambda x: source_link(c, x),
        "target_text": lambda x: f'<span lang="{c.lang}">{esc(x.text[c.lang])}</span>',
    }
    rows = []
    for x in targets:
        rid = f' id="{target_anchor(x.id)}"' if anchors else ""
        rows.append(
            f"<tr{rid}>"
            + "".join(
                f'<td class="lp-col-{k}" data-label="{esc(t("col_" + k, c.lang))}">{cell[k](x)}</td>' for k in columns
            )
            + "</tr>"
        )
    head = "".join(f'<th scope="col">{esc(t("col_" + k, c.lang))}</th>' for k in columns)
    return (
        f'<div class="lp-table-wrap lp-targets"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def card_targets(c, targets: list[Target]) -> str:
    """A task card's targets: metric and value, each linked to its row on the targets page."""

    def words(x: Target) -> str:
        return x.metric[c.lang] + c.t("colon") + value_text(c.plan, x, c.lang)

    return group_sep(c.lang).join(f"{a(c.to(target_url(x.id)), esc(words(x)))}{tags_html(x, c.lang)}" for x in targets)
