"""The edition's prose (plan/about.<lang>.md): strict Markdown, plain text only, the same sections in both
languages, and the sections the site links to; a mistake is one line with file and line."""

import pytest

from lnplan import __main__ as cli
from lnplan.site import render_page


def validate(plan_copy, capsys) -> tuple[int, str]:
    code = cli.main(["validate", "--plan", str(plan_copy.dir)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "lang, change, words",
    [
        ("zh", lambda t: "开头的一段话。\n\n" + t, "about.zh.md:1:1: (document): text before the first section"),
        (
            "en",
            lambda t: t.replace("## Authority {#authority}", "# Authority"),
            "about.en.md:1:1: (document): a heading is written '## Title {#anchor}'",
        ),
        ("en", lambda t: t.replace("{#authority}", "{#trust}"), "about.en.md: (document): sections ['trust',"),
        ("zh", lambda t: t.replace("{#method}", "{#reading}"), "are not those of about.zh.md (['authority', 'reading'"),
        ("en", lambda t: t + "\n## Again {#authority}\n\nText.\n", "two sections have the anchor 'authority'"),
        (
            "zh",
            lambda t: t.replace("中文文本为权威文本。", "中文文本\u200b为权威文本。"),
            "about.zh.md:3:1: (document): this value contains U+200B",
        ),
    ],
)
def test_a_wrong_prose_file_is_refused_in_one_line(plan_copy, capsys, lang, change, words):
    rel = f"about.{lang}.md"
    plan_copy.write(rel, change(plan_copy.read(rel)))
    code, err = validate(plan_copy, capsys)
    assert code == 1 and words in err and "Traceback" not in err, err


def test_the_method_section_the_clauses_link_to_is_required(plan_copy, capsys):
    for lang in ("zh", "en"):
        rel = f"about.{lang}.md"
        plan_copy.write(rel, plan_copy.read(rel).replace("{#method}", "{#reading}"))
    code, err = validate(plan_copy, capsys)
    assert code == 1 and "about.zh.md: (document): no section {#method}; the site links to it" in err


def test_prose_reaches_the_page_as_text_never_as_markup(plan_copy, capsys):
    from lnplan.loader import load_plan

    hostile = "<script>alert(1)</script> {{ 7*7 }} [a link](javascript:alert(1)) **bold**"
    plan_copy.write(
        "about.en.md", plan_copy.read("about.en.md").replace("Where the two differ, the Chinese prevails.", hostile)
    )
    plan = load_plan(plan_copy.dir)
    md = render_page(plan, "en", "about", "", "about/", "", "").markdown
    assert "<script>" not in md and "&lt;script&gt;" in md and "{{" not in md and "&#123;&#123; 7*7 &#125;&#125;" in md
    assert "[a link](javascript:alert(1))" in md.replace("&#x27;", "'")  # shown as written, not made a link
