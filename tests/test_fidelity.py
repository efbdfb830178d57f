"""The Chinese text in plan/ reproduces the source exactly, under the documented normalisation and the recorded
corrections; a look-alike character or an unrecorded change fails with file, line, path and the characters."""

import pytest

from lnplan import fidelity
from lnplan.loader import load_plan
from lnplan.reading.files import read_sources

SOURCE_TEXT = fidelity.SOURCE.read_text(encoding="utf-8")


def report_for(plan_copy) -> str | None:
    sources, collector = read_sources(plan_copy.dir)
    assert not collector.problems, collector.problems
    return fidelity.compare(sources, SOURCE_TEXT, plan_copy.dir)


def test_plan_reproduces_the_source_text():
    sources, collector = read_sources()
    assert not collector.problems
    report = fidelity.compare(sources, SOURCE_TEXT)
    assert report is None, report


def test_a_changed_character_is_reported_with_file_line_and_place(plan_copy):
    plan_copy.edit(
        "chapters/3.yaml",
        lambda d: d["sections"][0]["items"][1]["text"].update(
            zh=d["sections"][0]["items"][1]["text"]["zh"].replace("先进装备制造", "先进装备製造")
        ),
    )
    report = report_for(plan_copy)
    line = next(n for n, text in enumerate(plan_copy.read("chapters/3.yaml").splitlines(), 1) if "先进装备製造" in text)
    assert f"chapters/3.yaml:{line}:" in report and ": sections[0].items[1].text.zh: character " in report
    assert "plan/ has '製' (U+88FD" in report and "the source has '制' (U+5236" in report


def test_a_dropped_paragraph_is_reported(plan_copy):
    plan_copy.edit("chapters/8.yaml", lambda d: d["sections"].pop())
    report = report_for(plan_copy)
    assert "missing" in report and "强化督导考核" in report


# (file, how to reach the field, the character replaced, its look-alike, the look-alike's Unicode name)
LOOK_ALIKES = [
    ("document.yaml", lambda d: d["notice"]["date_text"], "2022", "２０２２", "FULLWIDTH DIGIT TWO"),
    ("document.yaml", lambda d: d["notice"]["date_text"], "31日", "3¹日", "SUPERSCRIPT ONE"),
    ("document.yaml", lambda d: d["preamble"], "一圈", "\u2f00圈", "KANGXI RADICAL ONE"),
    (
        "chapters/8.yaml",
        lambda d: d["sections"][3]["paragraphs"][0]["text"],
        "不定期",
        "\uf967定期",
        "CJK COMPATIBILITY IDEOGRAPH-F967",
    ),
]


@pytest.mark.parametrize("rel, field, real, fake, name", LOOK_ALIKES, ids=[x[4] for x in LOOK_ALIKES])
def test_a_look_alike_character_fails_with_a_clear_message(plan_copy, rel, field, real, fake, name):
    def change(d):
        text = field(d)
        assert real in text["zh"]
        text["zh"] = text["zh"].replace(real, fake, 1)

    plan_copy.edit(rel, change)
    report = report_for(plan_copy)
    assert report is not None, f"{name} passed the fidelity check"
    first = next(f for r, f in zip(real, fake) if r != f)
    assert f"{rel}:" in report and f"plan/ has '{first}'" in report and name in report
    assert "recorded in plan/corrections.yaml" in report


def test_only_the_punctuation_width_is_folded():
    assert fidelity.normalize("沈阳,大连(一):") == fidelity.normalize("沈阳，大连（一）：")
    for fake, real in (("２", "2"), ("²", "2"), ("\u2f00", "一"), ("\uf967", "不"), ("。", "."), ("“", '"')):
        assert fidelity.normalize(fake) != fidelity.normalize(real), fake


def unrecord(plan_copy, correction_id):
    plan_copy.edit(
        "corrections.yaml",
        lambda d: d["corrections"].remove(next(c for c in d["corrections"] if c["id"] == correction_id)),
    )


def test_an_unrecorded_change_fails(plan_copy):
    unrecord(plan_copy, "C003")  # 1.4.2: the source copy's 显着, corrected to 显著 twice
    report = report_for(plan_copy)
    assert "sections[3].paragraphs[2].text.zh" in report and "'著'" in report and "'着'" in report


def test_a_recorded_correction_passes(plan_copy):
    def change(d):
        p = d["sections"][3]["paragraphs"][0]["text"]
        p["zh"] = p["zh"].replace("不定期", "非定期")

    plan_copy.edit("chapters/8.yaml", change)
    assert "'非'" in report_for(plan_copy)
    plan_copy.edit(
        "corrections.yaml",
        lambda d: d["corrections"].append(
            {
                "id": "C999",
                "date": "2026-11-27",
                "kind": "source",
                "target_type": "text",
                "target": "8.4",
                "field": "paragraphs[0].text.zh",
                "before": "不定期",
                "after": "非定期",
                "reason": {"zh": "测试。", "en": "A test."},
            }
        ),
    )
    assert report_for(plan_copy) is None
    load_plan(plan_copy.dir)  # and the record itself is valid
