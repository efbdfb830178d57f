"""A refactoring changes no output: every page source and download hashes as recorded in tests/golden.json.
An intended change to the outputs regenerates the manifest in the same commit (the failure prints the command)."""

import json

import golden


def test_every_output_is_as_recorded(plan):
    expected = json.loads(golden.MANIFEST.read_text(encoding="utf-8"))
    diff = golden.differences(expected, golden.manifest(plan))
    assert not diff, (
        f"{len(diff)} output(s) differ from tests/golden.json:\n"
        + "\n".join(diff[:40])
        + f"\nIf the change is intended, run: {golden.UPDATE}"
    )


def test_the_manifest_covers_every_kind_of_output(plan):
    names = golden.manifest(plan)
    for lang in ("zh", "en"):
        assert f"page/{lang}/measures/2.1.1.md" in names and f"page/{lang}/units/commerce.md" in names
        assert f"nav/{lang}" in names and f"file/{lang}/feed.xml" in names
    for path in (
        "data/plan.json",
        "data/plan.sqlite",
        "data/tasks.xlsx",
        "data/datapackage.json",
        "data/api/index.json",
    ):
        assert f"file/zh/{path}" in names
