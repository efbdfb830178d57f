"""`make validate`: every error at once, as file:line:column: path: message, exit 1, never a traceback."""

import subprocess
import sys

from conftest import ROOT, validate  # validate: `python -m lnplan validate --plan DIR`, in this process


def test_real_plan_is_valid():  # the command as a process of its own: the one subprocess smoke test of validate
    r = subprocess.run([sys.executable, "-m", "lnplan", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "78 measures" in r.stdout


def assert_clean_failure(r):
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout


def test_bad_yaml_syntax(plan_copy):
    text = plan_copy.read("units.yaml").replace("  - id: commerce\n", "  - id: commerce\n   kind: [oops\n", 1)
    plan_copy.write("units.yaml", text)
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "[oops" in row)
    assert "units.yaml:" in r.stderr and "YAML syntax error" in r.stderr
    assert f"units.yaml:{line}:" in r.stderr or f"units.yaml:{line + 1}:" in r.stderr


def test_unknown_unit_names_the_place_and_suggests(plan_copy):
    plan_copy.edit(
        "chapters/2.yaml",
        lambda d: d["sections"][0]["items"][0]["responsibility"]["groups"][1]["units"].__setitem__(1, "comerce"),
    )
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    text = plan_copy.read("chapters/2.yaml").splitlines()
    line = next(i for i, row in enumerate(text, 1) if row.strip() == "- comerce")
    col = text[line - 1].index("comerce") + 1
    assert (
        f"chapters/2.yaml:{line}:{col}: sections[0].items[0].responsibility.groups[1].units[1]: unknown unit 'comerce'"
        in r.stderr
    )
    assert "did you mean 'commerce'?" in r.stderr


def test_duplicate_id(plan_copy):
    plan_copy.edit("units.yaml", lambda d: d["units"][3].__setitem__("id", d["units"][2]["id"]))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "units.yaml:" in r.stderr and "units[3].id: duplicate unit id 'commerce'" in r.stderr


def test_wrong_type(plan_copy):
    plan_copy.edit("targets.yaml", lambda d: d["targets"][0].__setitem__("aspirational", "yes"))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert 'targets[0].aspirational: wrong type: got str "yes"; expected boolean' in r.stderr


def test_missing_field(plan_copy):
    plan_copy.edit("places.yaml", lambda d: d["places"][5].pop("full_name"))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "places[5]: missing field 'full_name'; add it" in r.stderr


def test_empty_english_text_is_rejected_with_its_line(plan_copy):
    plan_copy.edit("chapters/5.yaml", lambda d: d["sections"][1]["items"][0]["text"].__setitem__("en", ""))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert (
        "chapters/5.yaml:" in r.stderr and "sections[1].items[0].text.en: empty text; write the text here" in r.stderr
    )


def test_groups_must_match_the_clause_as_written(plan_copy):
    plan_copy.edit(
        "chapters/2.yaml",
        lambda d: d["sections"][0]["items"][0]["responsibility"]["groups"][1].__setitem__("etc", False),
    )
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "groups do not match the clause as written" in r.stderr and "etc: true" in r.stderr


def test_out_of_order_id_and_unlisted_place(plan_copy):
    def change(d):
        d["sections"][0]["items"][1]["id"] = "2.1.9"
        d["sections"][0]["items"][0]["places"] = []

    plan_copy.edit("chapters/2.yaml", change)
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "id '2.1.9' is out of document order; expected '2.1.2' here" in r.stderr
    assert "the text names '沈阳' but places does not list 'shenyang'; add it" in r.stderr


def test_every_error_is_reported_at_once(plan_copy):
    plan_copy.edit("units.yaml", lambda d: d["units"][0].pop("kind"))
    plan_copy.edit("places.yaml", lambda d: d["places"][0].pop("names"))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "units[0]: missing field 'kind'" in r.stderr and "places[0]: missing field 'names'" in r.stderr
    assert "2 problem(s)" in r.stderr


def test_unknown_target_source(plan_copy):
    plan_copy.edit("targets.yaml", lambda d: d["targets"][20].__setitem__("source", "2.9.9"))
    r = validate(plan_copy.dir)
    assert_clean_failure(r)
    assert "targets[20].source: unknown source '2.9.9'" in r.stderr
