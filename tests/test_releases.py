"""Versions of the dataset: plan/releases.yaml is checked with file:line errors, a release is cut by a command,
and the changes between two versions are computed from the model, by record id.

Each test starts from a copy of the real plan brought to a released state (any unreleased changes released as a
baseline first), so the versions below are relative to that baseline, whatever main has released."""

import re
import shutil

import pytest

from lnplan import releases, yamlio
from lnplan.releasing import cut_release
from lnplan.__main__ import main
from lnplan.loader import load_plan
from lnplan.reading.files import PLAN_DIR
from lnplan.reading.problems import PlanError
from lnplan.model import Change, Text


class Result:
    def __init__(self, returncode, captured):
        self.returncode, self.stdout, self.stderr = returncode, captured.out, captured.err


@pytest.fixture
def run(capsys):
    """The command line, in this process (as `python -m lnplan ...`)."""

    def call(*args) -> Result:
        capsys.readouterr()
        code = main(list(args))
        return Result(code, capsys.readouterr())

    return call


def bumped(version: str, part: str) -> str:
    major, minor, patch = releases.parse_version(version)
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[
        part
    ]


class Editable:
    def __init__(self, d):
        self.dir = d

    def edit(self, rel, change):
        data, _ = yamlio.load((self.dir / rel).read_text(encoding="utf-8"))
        change(data)
        (self.dir / rel).write_text(yamlio.dump(data), encoding="utf-8")

    def read(self, rel):
        return (self.dir / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def baseline_dir(tmp_path_factory):
    """A copy of the plan with nothing unreleased: the real plan's pending changes, if any, released first."""
    dest = tmp_path_factory.mktemp("baseline") / "plan"
    shutil.copytree(PLAN_DIR, dest)
    plan = load_plan(dest)
    pending = releases.unreleased(plan)
    if pending:
        need, _ = releases.required_bump(pending)
        cut_release(dest, bumped(plan.releases[-1].version, need), plan.releases[-1].date, Text("基线", "Baseline"))
    return dest


@pytest.fixture(scope="module")
def base(baseline_dir):
    """The baseline's latest release."""
    return load_plan(baseline_dir).releases[-1]


@pytest.fixture
def copy(tmp_path, baseline_dir):
    """A writable copy of the baseline."""
    shutil.copytree(baseline_dir, tmp_path / "plan")
    return Editable(tmp_path / "plan")


def release(run, plan_copy, version, date, *extra):
    return run(
        "release",
        version,
        "--date",
        date,
        "--summary-zh",
        "测试版本",
        "--summary-en",
        "Test release",
        "--plan",
        str(plan_copy.dir),
        *extra,
    )


def second_version(plan_copy):
    """Edit the copied plan as a maintainer would between two releases."""

    def chapter2(d):
        items = d["sections"][0]["items"]
        items[0]["text"]["en"] += " Revised."  # 2.1.1: translation
        r = items[0]["responsibility"]  # 2.1.1: responsibility
        r["raw"] = r["raw"].replace("省商务厅、", "")
        r["groups"][1]["units"].remove("commerce")
        items[2]["text"]["zh"] += "加强协同。"  # 2.1.3: Chinese text
        items.append(
            {
                "id": "2.1.6",
                "number": "6",
                "title": {"zh": "建设测试中心", "en": "Build a test center"},  # 2.1.6: added
                "text": {"zh": "在营口建设测试中心。", "en": "Build a test center in Yingkou."},
                "responsibility": {"raw": "省新设局", "groups": [{"units": ["new-bureau"], "etc": False}]},
                "places": ["yingkou"],
            }
        )

    plan_copy.edit("chapters/2.yaml", chapter2)
    plan_copy.edit(
        "units.yaml",
        lambda d: (
            d["units"].append(
                {
                    "id": "new-bureau",
                    "name": {"zh": "省新设局", "en": "Provincial New Bureau"},
                    "full_name": {"zh": "辽宁省新设局", "en": "Liaoning Provincial New Bureau"},
                    "kind": "provincial-agency",
                    "name_en_source": {
                        "status": "edition",
                        "note": {"zh": "本版译法。", "en": "This edition's rendering."},
                    },
                }
            ),
            next(u for u in d["units"] if u["id"] == "commerce")["full_name"].__setitem__(
                "en", next(u for u in d["units"] if u["id"] == "commerce")["full_name"]["en"] + " (PRC)"
            ),
        ),
    )
    plan_copy.edit(
        "targets.yaml",
        lambda d: next(t for t in d["targets"] if t["id"] == "2.1.2-t1").__setitem__("aspirational", False),
    )


@pytest.fixture(scope="module")
def released_dir(tmp_path_factory, baseline_dir, base):
    """The baseline edited as second_version() does, with the next minor release cut (once for this module)."""
    dest = tmp_path_factory.mktemp("released") / "plan"
    shutil.copytree(baseline_dir, dest)
    second_version(Editable(dest))
    cut_release(dest, bumped(base.version, "minor"), base.date, Text("测试版本", "Test release"))
    return dest


@pytest.fixture
def released(tmp_path, released_dir):
    """A writable copy of released_dir."""
    shutil.copytree(released_dir, tmp_path / "plan")
    return Editable(tmp_path / "plan")


def anchor(version: str) -> str:
    return "v" + version.replace(".", "-")


def test_the_real_plan_has_a_first_release(plan):
    first = plan.releases[0]
    assert (first.version, first.changes) == ("1.0.0", ())
    assert first.summary.zh and first.summary.en
    snap = plan.snapshots["1.0.0"]  # the edition as first published
    assert (len(snap["measures"]), len(snap["units"]), len(snap["places"]), len(snap["targets"])) == (78, 33, 20, 54)


def test_diff_of_two_versions_reports_each_change_by_id(copy):
    plan_copy = copy
    old = load_plan(plan_copy.dir)
    second_version(plan_copy)
    new = load_plan(plan_copy.dir)
    d = releases.diff(releases.snapshot(old, "1.0.0", "1.0.0"), releases.snapshot(new, "1.1.0", "1.0.0"))
    assert set(d.changes) == {
        Change("measure", "2.1.1", "changed", ("translation", "responsibility")),
        Change("measure", "2.1.2", "changed", ("targets",)),
        Change("measure", "2.1.3", "changed", ("text",)),
        Change("measure", "2.1.6", "added"),
        Change("unit", "new-bureau", "added"),
        Change("unit", "commerce", "changed", ("full_name.en",)),
        Change("target", "2.1.2-t1", "changed", ("aspirational",)),
    }
    assert d.schema is None and releases.required_bump(d)[0] == "minor"


def test_release_command_records_the_changes_and_a_snapshot(run, copy, base):
    plan_copy = copy
    second_version(plan_copy)
    pending = releases.unreleased(load_plan(plan_copy.dir))
    assert Change("measure", "2.1.6", "added") in pending.changes  # shown as unreleased before the release

    patch, minor = bumped(base.version, "patch"), bumped(base.version, "minor")
    r = release(run, plan_copy, patch, base.date)
    assert r.returncode == 1 and "records were added" in r.stderr and "release it as a minor version" in r.stderr
    assert not (plan_copy.dir / "releases" / f"{patch}.json").exists()

    r = release(run, plan_copy, minor, base.date)
    assert r.returncode == 0, r.stderr
    assert "2 added, 5 changed, 0 removed" in r.stdout
    plan = load_plan(plan_copy.dir)
    latest = plan.releases[-1]
    assert (latest.version, latest.date, latest.summary.en) == (minor, base.date, "Test release")
    assert Change("measure", "2.1.1", "changed", ("translation", "responsibility")) in latest.changes
    assert not releases.unreleased(plan)  # the plan is now as released
    assert "- record: measure\n        id: 2.1.6\n        change: added\n" in plan_copy.read("releases.yaml")
    assert releases.version(plan) == (minor, base.date)

    r = release(run, plan_copy, bumped(minor, "minor"), base.date)
    assert r.returncode == 1 and f"nothing changed since {minor}" in r.stderr


def test_removing_a_record_needs_a_major_version(run, copy, base):
    copy.edit("targets.yaml", lambda d: d["targets"].pop(0))
    r = release(run, copy, bumped(base.version, "minor"), base.date)
    assert r.returncode == 1 and "records were removed (target " in r.stderr
    assert "release it as a major version" in r.stderr
    assert release(run, copy, bumped(base.version, "major"), base.date).returncode == 0


def test_release_refuses_an_unknown_correction(run, copy, base):
    copy.edit(
        "targets.yaml", lambda d: d["targets"][0].__setitem__("aspirational", not d["targets"][0]["aspirational"])
    )
    r = release(run, copy, bumped(base.version, "patch"), base.date, "--correction", "c-1")
    assert r.returncode == 1 and "unknown correction id(s): c-1" in r.stderr


def last_entry_line(text: str) -> int:
    return [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("  - version:")][-1]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda r, base: r.__setitem__("version", "1.0"), lambda base: "does not have the expected form"),
        (
            lambda r, base: r.__setitem__("version", "0.0.1"),
            lambda base: f"version 0.0.1 is not greater than the previous release's {base.version}",
        ),
        (
            lambda r, base: r.__setitem__("date", "2000-01-01"),
            lambda base: f"date 2000-01-01 is before the previous release's {base.date}",
        ),
        (
            lambda r, base: r["changes"].pop(),
            lambda base: (
                f"are not the difference between the snapshots of {base.version} and {bumped(base.version, 'minor')}"
            ),
        ),
        (lambda r, base: r["corrections"].append("C999"), lambda base: "unknown correction 'C999'"),
    ],
)
def test_releases_file_errors_name_file_line_and_fix(run, released, base, edit, message):
    released.edit("releases.yaml", lambda d: edit(d["releases"][-1], base))
    r = run("validate", "--plan", str(released.dir))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert message(base) in r.stderr, r.stderr
    assert "releases.yaml:" in r.stderr and f"releases[{len(load_releases(released)) - 1}]" in r.stderr
    line = r.stderr.split("releases.yaml:", 1)[1].split(":", 1)[0]
    assert line.isdigit() and int(line) >= last_entry_line(released.read("releases.yaml"))


def load_releases(plan_copy) -> list:
    return yamlio.load(plan_copy.read("releases.yaml"))[0]["releases"]


def test_a_missing_or_edited_snapshot_is_an_error(released, base):
    v = bumped(base.version, "minor")
    snap = released.dir / "releases" / f"{v}.json"
    snap.write_text(snap.read_text(encoding="utf-8").replace('"format": 1', '"format": 2'), encoding="utf-8")
    with pytest.raises(PlanError, match=re.escape(f"snapshot {snap}['format']")):
        load_plan(released.dir)
    snap.unlink()
    with pytest.raises(PlanError, match=re.escape(f"no snapshot {snap} for release {v}")):
        load_plan(released.dir)


def test_history_of_a_measure(released_dir, base):
    plan = load_plan(released_dir)
    h = releases.history(plan)
    v = bumped(base.version, "minor")
    assert (h["measure", "2.1.1"][0].release.version, h["measure", "2.1.1"][0].change.change) == ("1.0.0", "added")
    assert (h["measure", "2.1.1"][-1].release.version, h["measure", "2.1.1"][-1].change.change) == (v, "changed")
    assert [(e.release.version, e.change.change) for e in h["measure", "2.1.6"]] == [(v, "added")]
    assert v not in [e.release.version for e in h["measure", "2.2.1"]]


def test_version_and_date_in_plan_json_and_the_data_package(plan):
    import json
    from lnplan.export import downloads
    from lnplan.schema import SCHEMA_VERSION

    files = downloads(plan)
    doc, package = json.loads(files["data/plan.json"]), json.loads(files["data/datapackage.json"])
    latest = plan.releases[-1]
    assert (doc["version"], doc["release_date"]) == (latest.version, latest.date)
    assert doc["schema_version"] == SCHEMA_VERSION  # versioned separately from the data
    assert (package["version"], package["created"]) == (latest.version, latest.date + "T00:00:00Z")
    assert [r["version"] for r in doc["releases"]] == [r.version for r in plan.releases]


def test_changes_page_lists_releases_newest_first_with_changes_by_id(released_dir, base):
    from lnplan.site import render_page

    plan = load_plan(released_dir)
    v = anchor(bumped(base.version, "minor"))
    for lang, what in (("en", "English translation, responsibility"), ("zh", "英文译文、责任单位")):
        out = render_page(plan, lang, "changes", "", "changes/").markdown
        assert out.index(f"{{ #{v} }}") < out.index("{ #v1-0-0 }")
        assert "{ #unreleased }" not in out  # the copy is as released
        row = out.split(f'<tr id="{v}-measure-2-1-1">', 1)[1].split("</tr>", 1)[0]
        assert 'href="../measures/2.1.1/"' in row and what in row
        assert f'<tr id="{v}-unit-new-bureau">' in out and f'<tr id="{v}-target-2-1-2-t1">' in out
    measure = render_page(plan, "en", "measure", "2.1.1", "measures/2.1.1/").markdown
    assert f"Last changed: {bumped(base.version, 'minor')} ({base.date})" in measure
    assert f'href="../../changes/#{v}-measure-2-1-1"' in measure and 'href="../../changes/#v1-0-0"' in measure
    other = render_page(plan, "en", "measure", "2.2.1", "measures/2.2.1/").markdown
    assert f"#{v}-" not in other and re.search(r"(Unchanged since|Last changed:) \d+\.\d+\.\d+ \(", other)


def test_unreleased_changes_are_shown_as_such(released):
    from lnplan.site import render_page

    # a sentence added (not the text replaced), so that the corrections of this measure's English still hold

    def text(d):
        return d["sections"][0]["items"][1]["text"]

    released.edit("chapters/2.yaml", lambda d: text(d).__setitem__("en", text(d)["en"] + " Rewritten."))
    plan = load_plan(released.dir)
    out = render_page(plan, "en", "changes", "", "changes/").markdown
    assert out.index("{ #unreleased }") < out.index("{ #v")
    assert '<tr id="unreleased-measure-2-1-2">' in out
    measure = render_page(plan, "zh", "measure", "2.1.2", "measures/2.1.2/").markdown
    assert "最近修改：待下一版本发布" in measure and 'href="../../changes/#unreleased-measure-2-1-2"' in measure


def test_data_dictionary_documents_the_new_fields(plan):
    from lnplan.site import render_page

    out = render_page(plan, "en", "data", "", "data/").markdown
    for field in ("release_date", "schema_version", "corrections", "sha256", "group_etc"):
        assert f"<td><code>{field}</code></td>" in out, field
    assert "{ #def-release }" in out and "{ #def-apiIndex }" in out
    assert f"Current version: {plan.releases[-1].version}, released {plan.releases[-1].date}" in out


def test_a_release_that_fails_its_checks_writes_nothing(run, copy, base, monkeypatch):
    from lnplan import releasing as cli
    from lnplan.reading.problems import PlanError, Problem

    second_version(copy)
    before = (copy.dir / "releases.yaml").read_text(encoding="utf-8")
    version = bumped(base.version, "minor")
    real = cli.load_plan
    calls = []

    def load_then_fail(*args, **kwargs):  # the check after writing finds a problem
        calls.append(1)
        if len(calls) > 1:
            raise PlanError([Problem("releases.yaml", 1, 1, "releases", "injected")])
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "load_plan", load_then_fail)
    with pytest.raises(PlanError):
        cut_release(copy.dir, version, base.date, Text("测试版本", "Test release"))
    assert (copy.dir / "releases.yaml").read_text(encoding="utf-8") == before
    assert not (copy.dir / "releases" / f"{version}.json").exists()
