"""The schematic map: every city and the zone linked at its true relative position, region members as in
plan/places.yaml (sourced or marked unsourced), names escaped, labels readable, bad map data rejected clearly."""

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import validate
from lnplan import yamlio
from lnplan.export import downloads
from lnplan.reading.files import PLAN_DIR
from lnplan.model import Text
from lnplan.render import map as lpmap
from lnplan.render import places
from lnplan.render.html import rel
from lnplan.site import render_page
from lnplan.urls import page

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def places_yaml():
    """plan/places.yaml as data, read directly: the map is checked against the file, not against the model."""
    data, _ = yamlio.load((PLAN_DIR / "places.yaml").read_text(encoding="utf-8"))
    return data


def svg_of(markdown: str) -> ET.Element:
    m = re.search(r"<svg .*?</svg>", markdown, re.S)
    assert m, "no map on the page"
    return ET.fromstring(m.group())


def groups(svg: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-place"): g for g in svg.iter(SVG + "g") if g.get("data-place")}


def centre(g: ET.Element) -> tuple[float, float]:
    """The centre of a place's symbol: its outline circle, or the middle of the zone's diamond."""
    a = g.find(SVG + "a")
    circle = a.find(SVG + "circle[@class='lp-map__edge']")
    if circle is not None:
        return float(circle.get("cx")), float(circle.get("cy"))
    pts = [
        tuple(map(float, p.split(","))) for p in a.find(SVG + "polygon[@class='lp-map__edge']").get("points").split()
    ]
    return sum(x for x, _ in pts) / 4, sum(y for _, y in pts) / 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_map_links_every_city_and_the_zone_by_name(plan, places_yaml, lang):
    seated = [p for p in places_yaml["places"] if p["kind"] in ("city", "demonstration-zone")]
    assert len(seated) == 15 and sum(p["kind"] == "city" for p in seated) == 14
    svg = svg_of(render_page(plan, lang, "home", "", "").markdown)
    links = {a.get("href"): "".join(a.itertext()) for a in svg.iter(SVG + "a")}
    assert links == {f"places/{p['id']}/": p["name"][lang] for p in seated}
    assert svg.get("role") == "group" and svg.find(SVG + "title").text
    assert svg.get("aria-labelledby") == svg.find(SVG + "title").get("id")


def test_links_are_relative_from_every_page_that_has_a_map(plan):
    for url in ("places/", "places/fuxin/", "places/coastal-economic-belt/"):
        kind, ident = ("places", "") if url == "places/" else ("place", url.split("/")[1])
        svg = svg_of(render_page(plan, "en", kind, ident, url).markdown)
        hrefs = {a.get("href") for a in svg.iter(SVG + "a")}
        assert rel("en", url, "en", page("place", "dalian")) in hrefs and len(hrefs) == 15


def test_seats_lie_where_the_cities_are(places_yaml):
    seat = {p["id"]: p["seat"] for p in places_yaml["places"] if "seat" in p}
    assert seat["dalian"]["lat"] < seat["shenyang"]["lat"] - 2  # on the Liaodong peninsula, far south
    assert seat["dandong"]["lon"] > seat["jinzhou"]["lon"] + 2  # east, on the Yalu
    assert seat["chaoyang"]["lon"] < seat["shenyang"]["lon"] - 2  # west
    assert max(seat, key=lambda p: seat[p]["lat"]) == "tieling"  # the northernmost
    assert min(seat, key=lambda p: seat[p]["lon"]) == "chaoyang"  # the westernmost


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_keeps_the_relative_positions(plan, places_yaml, lang):
    xy = {pid: centre(g) for pid, g in groups(svg_of(render_page(plan, lang, "home", "", "").markdown)).items()}
    assert xy["dalian"][1] > xy["shenyang"][1]  # south is down
    assert xy["dandong"][0] > xy["jinzhou"][0]  # east is right
    assert xy["chaoyang"][0] < xy["shenyang"][0]
    seat = {p["id"]: p["seat"] for p in places_yaml["places"] if "seat" in p}
    # Same ordering north-south and east-west for every pair: a true relative layout, not a tile grid.
    for p in seat:
        for q in seat:
            if seat[p]["lat"] > seat[q]["lat"]:
                assert xy[p][1] < xy[q][1], (p, q)
            if seat[p]["lon"] > seat[q]["lon"]:
                assert xy[p][0] > xy[q][0], (p, q)


def test_region_members_on_the_map_match_places_yaml(plan, places_yaml):
    svg = svg_of(render_page(plan, "zh", "home", "", "").markdown)
    shown = {
        pid: (set(g.get("data-regions").split()), set(g.get("data-unsourced").split()))
        for pid, g in groups(svg).items()
    }
    regions = [p for p in places_yaml["places"] if p["kind"] in ("region", "core")]
    assert len(regions) == 5
    for region in regions:
        members = {m["place"] for m in region["members"]}
        unsourced = {m["place"] for m in region["members"] if not m["sources"]}
        assert {pid for pid, (regs, _) in shown.items() if region["id"] in regs} == members, region["id"]
        assert {pid for pid, (_, uns) in shown.items() if region["id"] in uns} == unsourced, region["id"]
    # A city in two regions is drawn in both colours (two wedges); an unsourced membership is hatched.
    fuxin = groups(svg)["fuxin"].find(SVG + "a")
    fills = [p.get("fill") for p in fuxin.iter(SVG + "path")]
    assert len(fills) == 2 and fills[0].startswith("#") and fills[1].startswith("url(#lp-map-hatch-")


def test_every_membership_has_a_source_or_says_it_has_none(places_yaml):
    ids = {s["id"] for s in places_yaml["sources"]}
    for region in (p for p in places_yaml["places"] if p["kind"] in ("region", "core")):
        for m in region["members"]:
            assert set(m["sources"]) <= ids
            assert m["sources"] or m["note"]["en"], (region["id"], m["place"])
    for s in places_yaml["sources"]:
        assert s["issuer"]["zh"] and s["date"], s["id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legend_links_every_region_and_marks_unsourced(plan, lang):
    out = render_page(plan, lang, "home", "", "").markdown
    legend = re.search(r'<ul class="lp-map__legend">.*?</ul>', out, re.S).group()
    for p in plan.places.values():
        if p.kind in ("region", "core"):
            assert f'href="places/{p.id}/"' in legend and p.name[lang] in legend
    assert {"zh": "未找到文件依据", "en": "found no document that says so"}[lang] in legend
    table = re.search(r'<details class="lp-map__alt" open>.*?</details>', out, re.S).group()  # the text alternative
    assert table.count("<tr data-place=") == 15
    assert {"zh": "（未找到文件依据）", "en": "(no document found that says so)"}[lang] in table


def test_region_page_highlights_its_members_and_lists_their_sources(plan):
    out = render_page(
        plan, "en", "place", "western-liaoning-pilot-zone", "places/western-liaoning-pilot-zone/"
    ).markdown
    members = {m.place for m in plan.places["western-liaoning-pilot-zone"].members}
    on = {pid for pid, g in groups(svg_of(out)).items() if "lp-map__place--on" in g.get("class")}
    off = {pid for pid, g in groups(svg_of(out)).items() if "lp-map__place--off" in g.get("class")}
    assert on == members and len(off) == 15 - len(members)
    listed = re.search(r'<ul class="lp-members">.*?</ul>', out, re.S).group()
    assert re.findall(r'<li data-place="([a-z-]+)">', listed) == [
        m.place for m in plan.places["western-liaoning-pilot-zone"].members
    ]
    assert 'href="../#src-chaoyang-2022-special-plans"' in listed and "no document found that says so" in listed
    assert 'aria-current="page"' in re.search(r'<ul class="lp-map__legend">.*?</ul>', out, re.S).group()


def test_city_page_highlights_the_city_and_names_its_regions(plan):
    out = render_page(plan, "zh", "place", "dandong", "places/dandong/").markdown
    g = groups(svg_of(out))
    assert [pid for pid, x in g.items() if "lp-map__place--on" in x.get("class")] == ["dandong"]
    assert g["dandong"].find(SVG + "a").get("aria-current") == "page"
    facts = re.search(r'<dl class="lp-facts">.*?</dl>', out, re.S).group()
    assert "北纬40.13°，东经124.39°" in facts  # coordinates in Chinese words (English: 40.13° N, 124.39° E)
    assert 'href="../coastal-economic-belt/"' in facts and 'href="../eastern-liaoning-green-economic-zone/"' in facts
    assert "（未找到文件依据）" in facts  # the eastern zone membership has no source
    sources = out.split("{ #sources }")[1]  # at the end of the page: where the location and memberships come from
    assert "GeoNames" in sources and "编号2037886" in sources and 'href="../#src-lndrc-2022-release"' in sources
    assert '属于辽东绿色经济区：</span><span class="lp-unsourced">未找到文件依据</span>。' in sources


def test_places_index_map_counts_follow_the_city_pages(plan):
    out = render_page(plan, "zh", "places", "", "places/").markdown
    svg = svg_of(out)
    for pid, g in groups(svg).items():
        expected = sum(len(ms) for _, ms in places.place_buckets(plan, pid))
        assert int(g.get("data-count")) == expected
        assert g.find(SVG + "text[@class='lp-map__count']").find(SVG + "tspan").text == str(expected)  # as text too
        assert re.search(rf'<tr data-place="{pid}">.*?<td class="lp-num">{expected}</td></tr>', out)
        # The city page lists as many tasks as the map counts.
        city = render_page(plan, "zh", "place", pid, f"places/{pid}/").markdown
        assert city.count('<li class="lp-card">') == expected, pid
    assert 'id="src-geonames"' in out and out.count('<li id="src-') == len(plan.sources)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("counts", [False, True])
def test_labels_do_not_cover_each_other_or_other_symbols(plan, lang, counts):
    n = {pid: sum(len(ms) for _, ms in places.place_buckets(plan, pid)) for pid, p in plan.places.items() if p.seat}
    for highlight in (
        [],
        ["shenyang"],
        ["shenfu"],
        [m.place for m in plan.places["shenyang-metropolitan-area"].members],
    ):
        lay = lpmap.layout(plan, lang, highlight=highlight, counts=n if counts else None)
        hits = {pid: lab.hit for pid, lab in lay.labels.items()}  # each link's tappable area, its text inside it
        symbols = {pid: lpmap.Box(x - r, y - r, 2 * r, 2 * r) for pid, (x, y, r) in lay.points.items()}
        clashes = [(p, q) for p in hits for q in hits if p < q and hits[p].overlap(hits[q])]
        clashes += [(p, q) for p in hits for q in symbols if p != q and hits[p].overlap(symbols[q])]
        assert clashes == [], highlight
        v = lay.view
        for pid, lab in lay.labels.items():
            b, h = lab.box, lab.hit
            assert h.x <= b.x and b.x + b.w <= h.x + h.w and h.y <= b.y and b.y + b.h <= h.y + h.h, pid
            assert v.x <= h.x and h.x + h.w <= v.x + v.w and v.y <= h.y and h.y + h.h <= v.y + v.h, pid
            # at least 24 CSS px each way where the map is narrowest (a phone)
            assert min(h.w, h.h) * lpmap.PHONE_MAP_PX / v.w >= lpmap.MIN_TARGET_PX, pid


def hostile(plan, text):
    """The plan with a city name, a region name and a source issuer that carry markup."""
    src = plan.sources["geonames"]
    return dataclasses.replace(
        plan,
        places={
            **plan.places,
            "fuxin": dataclasses.replace(plan.places["fuxin"], name=Text(text, text)),
            "coastal-economic-belt": dataclasses.replace(plan.places["coastal-economic-belt"], name=Text(text, text)),
        },
        sources={**plan.sources, "geonames": dataclasses.replace(src, issuer=Text(text, text))},
    )


@pytest.mark.parametrize(
    "kind,ident,url",
    [
        ("home", "", ""),
        ("places", "", "places/"),
        ("place", "fuxin", "places/fuxin/"),
        ("place", "coastal-economic-belt", "places/coastal-economic-belt/"),
    ],
)
def test_names_on_the_map_are_escaped(plan, kind, ident, url):
    bad = '<script>alert(1)</script> & "{{ 7*7 }}"'
    out = render_page(hostile(plan, bad), "en", kind, ident, url).markdown
    assert "<script>" not in out
    svg = svg_of(out)  # still well-formed XML
    assert bad in "".join(svg.itertext())  # shown literally
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;&#123;&#123; 7*7 &#125;&#125;&quot;" in out
    )  # no Jinja delimiter survives


def test_exports_carry_seats_and_memberships_with_sources(plan):
    import csv
    import io
    import json

    files = downloads(plan)
    doc = json.loads(files["data/plan.json"])
    places = {p["id"]: p for p in doc["places"]}
    assert places["dalian"]["seat"] == {"lat": 38.91222, "lon": 121.60222, "source": "geonames", "ref": "1814087"}
    assert {
        "region": "coastal-economic-belt",
        "sources": ["lndrc-2022-release", "wikipedia-coastal-economic-belt"],
    } in places["dalian"]["regions"]
    assert {s["id"] for s in doc["sources"]} == set(plan.sources)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/places.csv"].decode("utf-8-sig")))}
    assert (rows["dandong"]["lat"], rows["dandong"]["seat_source"]) == ("40.12917", "geonames:2037886")
    regs = dict(zip(rows["dandong"]["regions"].split(";"), rows["dandong"]["region_sources"].split(";")))
    assert regs == {
        "coastal-economic-belt": "lndrc-2022-release+wikipedia-coastal-economic-belt",
        "eastern-liaoning-green-economic-zone": "unsourced",
    }
    west = rows["western-liaoning-pilot-zone"]
    assert (
        dict(zip(west["members"].split(";"), west["member_sources"].split(";")))["chaoyang"]
        == "chaoyang-2022-special-plans"
    )
    fields = {
        f["name"]
        for r in json.loads(files["data/datapackage.json"])["resources"]
        if r["name"] == "places"
        for f in r["schema"]["fields"]
        if f["description"]
    }
    assert {"lat", "lon", "seat_source", "regions", "region_sources", "members", "member_sources"} <= fields


def test_data_dictionary_documents_the_map_fields(plan):
    out = render_page(plan, "en", "data", "", "data/").markdown
    for name in ("def-seat", "def-membership", "def-source", "def-regionOf"):
        assert f"{{ #{name} }}" in out
    assert "<code>seat</code>" in out and "<code>members</code>" in out and "Latitude in degrees north" in out


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_bad_map_data_is_reported_with_file_and_line(plan_copy):
    def change(d):
        places = {p["id"]: p for p in d["places"]}
        places["dalian"]["seat"]["lat"] = 121.60222  # lat and lon mixed up
        places["coastal-economic-belt"]["members"][4]["place"] = "panjn"
        places["two-cores"]["members"][1]["sources"] = []
        places["jinzhou"].pop("seat")

    plan_copy.edit("places.yaml", change)
    r = validate(plan_copy.dir)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    text = plan_copy.read("places.yaml")
    assert f"places.yaml:{line_of(text, 'lat: 121.60222')}:" in r.stderr
    assert (
        "places[1].seat.lat: lat 121.60222 is outside the plan's extent (38.6–43.6° N, plan/edition.yaml)" in r.stderr
    )
    assert f"places.yaml:{line_of(text, '- place: panjn')}:" in r.stderr
    assert "unknown place 'panjn'; expected an id from plan/places.yaml; did you mean 'panjin'?" in r.stderr
    assert "members[1].sources: no source for this membership; cite one from sources, or say in a 'note'" in r.stderr
    assert "places[6]: a city needs a 'seat' (lat, lon and source) so the map can draw it" in r.stderr


def test_unknown_source_and_region_as_member_are_rejected(plan_copy):
    def change(d):
        places = {p["id"]: p for p in d["places"]}
        places["anshan"]["seat"]["source"] = "geonams"
        places["two-cores"]["members"].append({"place": "coastal-economic-belt", "sources": ["action-plan-2022"]})

    plan_copy.edit("places.yaml", change)
    r = validate(plan_copy.dir)
    assert r.returncode == 1
    assert (
        "seat.source: unknown source 'geonams'; expected an id from sources in plan/places.yaml; "
        "did you mean 'geonames'?" in r.stderr
    )
    assert "'coastal-economic-belt' is a region; members are cities or the demonstration zone" in r.stderr
