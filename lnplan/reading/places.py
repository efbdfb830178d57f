"""Places: the registry (cities, the zone, regions, cores), its map data (seats and region members, each with its
source), and the forms by which the text implies a city (plan/place_names.yaml)."""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import lru_cache

from ..model import Label, Membership, Place, PlaceName, Seat, Source, text_of as T
from .problems import Report, suggest
from .registries import labels

SEAT_KINDS = ("city", "demonstration-zone")  # drawn on the map at their seat
MEMBER_KINDS = ("region", "core")  # made up of members


@lru_cache(maxsize=1 << 16)  # each measure's text is compared with every registered form
def nfkc(text: str) -> str:
    """Unicode NFKC: full-width and ASCII brackets, colons etc. compare equal (丹（东） = 丹(东))."""
    return unicodedata.normalize("NFKC", text)


def form_occurs(text: str, form: str, except_in: tuple[str, ...] = ()) -> bool:
    """Whether `form` occurs in `text` other than inside one of the longer words `except_in`, compared under NFKC:
    沈抚 occurs in 推进沈抚同城化 but not in 发挥沈抚示范区纽带作用 when except_in is (沈抚示范区,)."""
    text, form = nfkc(text), nfkc(form)
    excluded: set[int] = set()
    for word in map(nfkc, except_in):
        offset = word.find(form)
        start = text.find(word) if offset != -1 else -1
        while start != -1:
            excluded.add(start + offset)
            start = text.find(word, start + 1)
    pos = text.find(form)
    while pos != -1:
        if pos not in excluded:
            return True
        pos = text.find(form, pos + 1)
    return False


class PlaceCheck:
    """Whether an id names a registered place, reported where it is used."""

    def __init__(self, report: Report, places: dict[str, Place]):
        self.report, self.places = report, places

    def __call__(self, rel: str, path: tuple, pid: str) -> None:
        if pid not in self.places:
            self.report.add(
                rel, path, f"unknown place '{pid}'; expected an id from plan/places.yaml{suggest(pid, self.places)}"
            )


def read_places(report: Report, raw: list[dict], place_kinds: dict[str, Label]) -> dict[str, Place]:
    """The place registry (names and kinds; the map data is added by read_map_data)."""
    report.unique("places.yaml", ((p["id"], ("places", i)) for i, p in enumerate(raw)), "place")
    places: dict[str, Place] = {}
    for i, p in enumerate(raw):
        if p["kind"] not in place_kinds:
            report.add(
                "places.yaml",
                ("places", i, "kind"),
                f"unknown place kind '{p['kind']}'; expected one of: {', '.join(place_kinds)}",
            )
        places.setdefault(p["id"], Place(p["id"], p["kind"], T(p["name"]), T(p["full_name"]), tuple(p["names"])))
    return places


def read_map_data(
    report: Report, data: dict, places: dict[str, Place], check_place: PlaceCheck, extent: dict
) -> tuple[dict[str, Place], dict[str, Source]]:
    """The map data of plan/places.yaml (sources, seats, region members), checked; the places with it, and the sources.
    A seat outside the edition's extent (plan/edition.yaml) has its coordinates wrong: swapped, mistyped, or another
    place of the same name."""
    rel = "places.yaml"
    sraw = data["sources"]
    report.unique(rel, ((s["id"], ("sources", i)) for i, s in enumerate(sraw)), "source")
    sources = {
        s["id"]: Source(s["id"], T(s["title"]), T(s["issuer"]), s["date"], s.get("url"), T(s.get("note"))) for s in sraw
    }
    cited: set[str] = set()

    def check_source(path: tuple, sid: str) -> None:
        cited.add(sid)
        if sid not in sources:
            report.add(
                rel,
                path,
                f"unknown source '{sid}'; expected an id from sources in plan/places.yaml{suggest(sid, sources)}",
            )

    out = dict(places)
    for i, p in enumerate(data["places"]):
        extra = {
            **_seat(report, p, ("places", i), check_source, extent),
            **_members(report, p, ("places", i), places, check_place, check_source),
        }
        if extra and p["id"] in out:
            out[p["id"]] = dataclasses.replace(out[p["id"]], **extra)
    for i, s in enumerate(sraw):
        if s["id"] not in cited:
            report.add(
                rel, ("sources", i, "id"), f"source '{s['id']}' is cited by no seat or membership; cite it or remove it"
            )
    return out, sources


def _seat(report: Report, p: dict, path: tuple, check_source, extent: dict) -> dict:
    rel, kind, seat = "places.yaml", p["kind"], p.get("seat")
    if kind in SEAT_KINDS and seat is None:
        report.add(rel, path, f"a {kind} needs a 'seat' (lat, lon and source) so the map can draw it; add one")
    if kind not in SEAT_KINDS and seat is not None:
        report.add(
            rel, path + ("seat",), f"only cities and the demonstration zone have a seat, not a {kind}; remove it"
        )
    if seat is None:
        return {}
    for key, axis in (("lat", "N"), ("lon", "E")):
        lo, hi = extent[key]
        if not lo <= seat[key] <= hi:
            report.add(
                rel,
                path + ("seat", key),
                f"{key} {seat[key]} is outside the plan's extent ({lo}–{hi}° {axis}, "
                "plan/edition.yaml); check the coordinates (lat is degrees north, lon degrees east)",
            )
    check_source(path + ("seat", "source"), seat["source"])
    return {"seat": Seat(seat["lat"], seat["lon"], seat["source"], seat.get("ref"), T(seat.get("note")))}


def _members(
    report: Report, p: dict, path: tuple, places: dict[str, Place], check_place: PlaceCheck, check_source
) -> dict:
    rel, kind, members = "places.yaml", p["kind"], p.get("members")
    if kind in MEMBER_KINDS and members is None:
        report.add(
            rel,
            path,
            f"a {kind} needs its 'members' (the cities and zone that make it up, each with sources); add them",
        )
    if kind not in MEMBER_KINDS and members is not None:
        report.add(rel, path + ("members",), f"only regions and cores have members, not a {kind}; remove them")
    seen: set[str] = set()
    for j, ms in enumerate(members or []):
        mp = path + ("members", j)
        pid = ms["place"]
        check_place(rel, mp + ("place",), pid)
        if pid in places and places[pid].kind not in SEAT_KINDS:
            report.add(
                rel, mp + ("place",), f"'{pid}' is a {places[pid].kind}; members are cities or the demonstration zone"
            )
        if pid in seen:
            report.add(rel, mp + ("place",), f"'{pid}' is listed twice; list each member once")
        seen.add(pid)
        for k, sid in enumerate(ms["sources"]):
            check_source(mp + ("sources", k), sid)
        if not ms["sources"] and "note" not in ms:
            report.add(
                rel,
                mp + ("sources",),
                "no source for this membership; cite one from sources, or say in a 'note' "
                "that none was found (the site then shows it as unsourced)",
            )
    if members is None:
        return {}
    return {
        "members": tuple(Membership(m["place"], tuple(m["sources"]), T(m.get("note"))) for m in members),
        "members_note": T(p.get("members_note")),
    }


def read_place_names(
    report: Report, raw: dict, check_place: PlaceCheck
) -> tuple[dict[str, PlaceName], dict[str, Label]]:
    """plan/place_names.yaml: every form by which the text implies cities, each with a source or a reason why none."""
    rel = "place_names.yaml"
    kinds = labels(raw["kinds"])
    report.unique(rel, ((x["id"], ("sources", i)) for i, x in enumerate(raw["sources"])), "source")
    source_ids = [x["id"] for x in raw["sources"]]
    out: dict[str, PlaceName] = {}
    seen: dict[str, int] = {}
    for i, e in enumerate(raw["names"]):
        p = ("names", i)
        form = e["form"]
        if nfkc(form) in seen:
            report.add(
                rel,
                p + ("form",),
                f"the form '{form}' is already registered at names[{seen[nfkc(form)]}]; register each form once",
            )
        seen.setdefault(nfkc(form), i)
        if e["kind"] not in kinds:
            report.add(rel, p + ("kind",), f"unknown kind '{e['kind']}'; expected one of: {', '.join(kinds)}")
        for k, pid in enumerate(e["implies"]):
            check_place(rel, p + ("implies", k), pid)
        _name_source(report, rel, p, e, source_ids)
        for k, word in enumerate(e.get("except_in", [])):
            if nfkc(form) not in nfkc(word):
                report.add(
                    rel,
                    p + ("except_in", k),
                    f"'{word}' does not contain the form '{form}'; an exception is a longer word that contains it",
                )
        out.setdefault(
            form,
            PlaceName(
                form, e["kind"], T(e["name"]), tuple(e["implies"]), tuple(e.get("except_in", ())), T(e.get("note"))
            ),
        )
    for i, e in enumerate(raw["not_places"]):
        if nfkc(e["form"]) in seen:
            report.add(
                rel,
                ("not_places", i, "form"),
                f"'{e['form']}' is also registered at names[{seen[nfkc(e['form'])]}]; keep it in one list",
            )
        if "only_in" in e and nfkc(e["form"]) not in nfkc(e["only_in"]):
            report.add(
                rel,
                ("not_places", i, "only_in"),
                f"'{e['only_in']}' does not contain '{e['form']}'; only_in is a longer word that contains it",
            )
    return out, kinds


def _name_source(report: Report, rel: str, p: tuple, e: dict, source_ids: list[str]) -> None:
    if ("source" in e) == ("unsourced" in e):
        report.add(
            rel,
            p,
            "give either 'source' (where the fact comes from) or 'unsourced' (how it was identified, when no source "
            "could be found), not both and not neither",
        )
    ref = e.get("source", {})
    if "source" in e and "ref" not in ref and "url" not in ref:
        report.add(rel, p + ("source",), "a source needs 'ref' (an id in sources) or 'url' (the page consulted)")
    if "ref" in ref and ref["ref"] not in source_ids:
        report.add(
            rel, p + ("source", "ref"), f"unknown source '{ref['ref']}'; expected one of: {', '.join(source_ids)}"
        )
