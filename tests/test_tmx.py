"""data/plan.tmx: a valid TMX 1.4b translation memory with one translation unit per Chinese–English pair."""

import dataclasses
import json
import xml.etree.ElementTree as ET

import pytest

from lnplan.export import downloads
from lnplan.model import Text
from lnplan.tmx import tmx

LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def units(data: bytes) -> dict[str, tuple[str, str]]:
    root = ET.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr  # required by TMX 1.4b
    assert header.get("srclang") == "zh-CN"
    out = {}
    for tu in root.find("body").findall("tu"):
        tuvs = tu.findall("tuv")
        assert [t.get(LANG) for t in tuvs] == ["zh-CN", "en"], tu.get("tuid")
        assert tu.get("tuid") not in out
        out[tu.get("tuid")] = tuple(t.find("seg").text for t in tuvs)
    return out


@pytest.fixture(scope="module")
def tus(plan):
    return units(downloads(plan)["data/plan.tmx"])


def test_one_unit_per_pair_with_its_id(tus, plan):
    doc = json.loads(downloads(plan)["data/plan.json"])
    expected = {}
    for m in doc["measures"]:
        expected[f"{m['id']}/text"] = (m["text"]["zh"], m["text"]["en"])
    for u in doc["units"]:
        expected[f"unit/{u['id']}/name"] = (u["name"]["zh"], u["name"]["en"])
    for t in doc["targets"]:
        expected[f"{t['id']}/metric"] = (t["metric"]["zh"], t["metric"]["en"])
    for ch in doc["chapters"]:
        expected[f"{ch['id']}/title"] = (ch["title"]["zh"], ch["title"]["en"])
        for s in ch["sections"]:
            expected[f"{s['id']}/title"] = (s["title"]["zh"], s["title"]["en"])
            for it in s.get("items", []):
                expected[f"{it['id']}/title"] = (it["title"]["zh"], it["title"]["en"])
    assert {k: tus.get(k) for k in expected} == expected
    titles = 0  # every title of the text once: an item that is itself a measure is not repeated as the measure's title
    for ch in doc["chapters"]:
        titles += 1
        for s in ch["sections"]:
            titles += 1
            for it in s.get("items", []):
                titles += 1 + sum(1 for q in it.get("paragraphs", []) if "title" in q)
    assert sum(1 for k in tus if k.endswith("/title") and not k.startswith(("unit/", "place/"))) == titles
    assert sum(1 for k in tus if k.endswith("/text") and k.split("/")[0] in {m["id"] for m in doc["measures"]}) == len(
        doc["measures"]
    )
    assert all(zh and en for zh, en in tus.values())


def test_text_is_escaped_by_construction(plan):
    hostile = "<seg>&amp; ]]> </tuv><script>"
    m = plan.measures["2.1.1"]
    measure = dataclasses.replace(m, text=Text(hostile, hostile))
    p = dataclasses.replace(
        plan,
        measures={**plan.measures, "2.1.1": measure},
        chapters=tuple(
            dataclasses.replace(
                ch,
                sections=tuple(
                    dataclasses.replace(
                        s,
                        items=tuple(
                            dataclasses.replace(it, measure=measure) if it.id == "2.1.1" else it for it in s.items
                        ),
                    )
                    for s in ch.sections
                ),
            )
            for ch in plan.chapters
        ),
    )
    assert units(tmx(p))["2.1.1/text"] == (hostile, hostile)
