"""The Chinese text in plan/ reproduces the source exactly."""
from lnplan import fidelity
from lnplan.loader import read_sources


def test_plan_reproduces_the_source_text():
    sources, collector = read_sources()
    assert not collector.problems
    report = fidelity.compare(sources, fidelity.SOURCE.read_text(encoding="utf-8"))
    assert report is None, report


def test_a_changed_character_is_reported_with_file_and_place(plan_copy):
    plan_copy.edit("chapters/3.yaml", lambda d: d["sections"][0]["items"][1]["text"].update(zh=d["sections"][0]["items"][1]["text"]["zh"].replace("先进装备制造", "先进装备製造")))
    sources, _ = read_sources(plan_copy.dir)
    report = fidelity.compare(sources, fidelity.SOURCE.read_text(encoding="utf-8"))
    assert report.startswith("plan/chapters/3.yaml: sections[0].items[1]:")
    assert "製造" in report and "制造" in report


def test_a_dropped_paragraph_is_reported(plan_copy):
    plan_copy.edit("chapters/8.yaml", lambda d: d["sections"].pop())
    sources, _ = read_sources(plan_copy.dir)
    report = fidelity.compare(sources, fidelity.SOURCE.read_text(encoding="utf-8"))
    assert "missing" in report and "强化督导考核" in report


def test_fullwidth_and_ascii_punctuation_count_as_equal():
    assert fidelity.normalize("沈阳,大连(一)") == fidelity.normalize("沈阳,大连(一)")
