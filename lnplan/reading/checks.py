"""Checks of plan data that the loader runs besides its own: the schema's keywords as this project needs them
(web addresses, unique items in linear time), and rules across records and files that JSON Schema cannot express.

Each rule is one small function over the schema-valid data of plan/ (the loader's `sources`: file -> data) that
reports through the loader's collector, `c.add(file, path, message)`, as `file:line:column: path: what is wrong;
what would be right`. Every function runs in time linear in the size of the data (or n log n), so that any file
within the size limit is checked in seconds; `make bench` times the worst cases we could construct.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from typing import Any, Iterator
from urllib.parse import urlsplit

import jsonschema

# ---- the schema's keywords ---------------------------------------------------------------------------------------

URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")  # RFC 3986: unreserved, reserved and %
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def url_problem(url: str) -> str | None:
    """Why a plan's web address cannot be a link on the site (a javascript:, data: or vbscript: address would run
    or show code when a reader clicks it), or None. Only http and https addresses with a host are links."""
    if not re.match(r"https?://", url):
        return (
            "only https:// and http:// addresses can be links (another scheme, such as javascript: or data:, could run "
            "code or show content the site does not vouch for)"
        )
    if not url.isascii() or not URL_CHARS.fullmatch(url):
        bad = next(ch for ch in url if not ch.isascii() or not URL_CHARS.fullmatch(ch))
        what = "a space" if bad == " " else f"'{bad}'" if bad.isprintable() else f"U+{ord(bad):04X}"
        return f"it contains {what}, which a web address does not (percent-encode it, e.g. %20 for a space)"
    if re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return "a % that does not begin a percent-encoded byte (%XX)"
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return "it has a user name or password before '@', which hides the host it really leads to"
    try:
        parts.port
    except ValueError:
        return "its port is not a number from 0 to 65535"
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        return "it has no host name (such as www.ln.gov.cn) after the //"
    return None


def _check_uri(instance: object) -> bool:
    return not isinstance(instance, str) or url_problem(instance) is None


FORMATS = jsonschema.FormatChecker()
FORMATS.checks("uri")(_check_uri)  # jsonschema checks "uri" only with an optional library, and accepts javascript:


def _key(value: Any) -> Any:
    """A hashable value equal for equal JSON values (1 and 1.0 alike, true and 1 not), for uniqueItems."""
    if isinstance(value, bool) or value is None:
        return ("c", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, list):
        return ("l", tuple(_key(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, _key(v)) for k, v in value.items()))
    return ("o", repr(value))


def shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: JSON, cut to `limit` characters (a large value is not encoded whole)."""
    parts, size = [], 0
    for chunk in json.JSONEncoder(ensure_ascii=False).iterencode(value):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cut(message: str, limit: int = 300) -> str:
    """A message of the schema validator, which quotes whole values, cut to a line a reader can take in."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def unique_items(validator, unique: bool, instance: Any, schema: dict) -> Iterator[jsonschema.ValidationError]:
    """uniqueItems in linear time (jsonschema compares every pair of items that cannot be sorted, such as a list that
    mixes numbers and text: minutes for a list of 40,000), reporting each repeated item where it is repeated."""
    if not unique or not validator.is_type(instance, "array"):
        return
    first: dict[Any, int] = {}
    for i, item in enumerate(instance):
        k = _key(item)
        if k in first:
            yield jsonschema.ValidationError(
                f"{shown(item)} is listed twice (first at [{first[k]}]); list each once", path=[i]
            )
        else:
            first[k] = i


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"uniqueItems": unique_items})


def _inline(node: Any, defs: dict, expanding: tuple = ()) -> Any:
    """The schema with each $ref to one of its $defs replaced by that definition (the $ref's siblings are only
    descriptions), except where a definition refers to itself. jsonschema looks a $ref up again for each value it
    checks (20 µs each: 20 s for a list of a million ids); an inlined schema checks the same values without that."""
    if isinstance(node, list):
        return [_inline(v, defs, expanding) for v in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    name = ref[len("#/$defs/") :] if ref.startswith("#/$defs/") else None
    if name in defs and name not in expanding:
        return _inline(defs[name], defs, expanding + (name,))
    return {k: _inline(v, defs, expanding) if k != "$defs" else v for k, v in node.items()}


_VALIDATORS: dict[
    tuple[int, str], tuple[dict, jsonschema.protocols.Validator]
] = {}  # keeps the schema: its id stays its own


def validator(defname: str, schema: dict) -> jsonschema.protocols.Validator:
    """The validator of one $defs entry of the schema, with the keywords above."""
    key = (id(schema), defname)
    if key not in _VALIDATORS:
        sub = {
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            **_inline(schema["$defs"][defname], schema["$defs"], (defname,)),
        }
        _VALIDATORS[key] = (schema, Validator(sub, format_checker=FORMATS))
    return _VALIDATORS[key][1]


# ---- ids -----------------------------------------------------------------------------------------------------------

# Ids become file and directory names (units/<id>/, data/units/<id>.csv, data/api/places/<id>.json). Windows cannot
# create or open a file named after a device, whatever its extension: such an id breaks a checkout or an unzipped site.
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}
RESERVED_IDS = {"index"}  # units/index/ and places/index/ are the index pages


def reserved_id(ident: str, what: str) -> str | None:
    """Why an id of a registry cannot be used, or None."""
    if ident in RESERVED_IDS:
        return f"'{ident}' is reserved (its page would replace the {what} index page); choose another id"
    if ident.lower() in WINDOWS_DEVICES:
        return (
            f"'{ident}' is the name of a device on Windows, where no file or directory of that name (such as "
            f"{ident}.csv) can be created or opened; choose another id"
        )
    return None


# ---- rules across records and files ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Text as two terms are compared: NFKC, case and runs of spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def glossary_terms(c, src: dict) -> None:
    """A term is defined once, and two terms do not share one rendering (a reader could not tell them apart)."""
    zh: dict[str, int] = {}
    en: dict[str, int] = {}
    for i, t in enumerate(src["glossary.yaml"]["terms"]):
        term = t["term"]
        if _fold(term["zh"]) in zh:
            c.add(
                "glossary.yaml",
                ("terms", i, "term", "zh"),
                f"the term '{term['zh']}' is already defined at terms[{zh[_fold(term['zh'])]}]; "
                "define each term once, with one rendering (merge the two entries)",
            )
        elif _fold(term["en"]) in en:
            j = en[_fold(term["en"])]
            c.add(
                "glossary.yaml",
                ("terms", i, "term", "en"),
                f"'{term['en']}' is also the rendering of terms[{j}] "
                f"('{src['glossary.yaml']['terms'][j]['term']['zh']}'); give each term its own rendering, or merge "
                "the two",
            )
        zh.setdefault(_fold(term["zh"]), i)
        en.setdefault(_fold(term["en"]), i)


def clauses(src: dict) -> Iterator[tuple[str, tuple, dict]]:
    """(file, path, responsibility) of every responsibility clause in the chapters."""
    for rel in (f for f in src if f.startswith("chapters/")):
        stack: list[tuple[tuple, Any]] = [((), src[rel])]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("responsibility"), dict):
                    yield rel, path + ("responsibility",), node["responsibility"]
                stack += [(path + (k,), v) for k, v in node.items() if isinstance(v, (dict, list))]
            elif isinstance(node, list):
                stack += [(path + (i,), v) for i, v in enumerate(node)]


def clause_units(c, src: dict) -> None:
    """A clause names each unit once: not twice in a group, not in two groups, not as lead and co-responsible."""
    for rel, path, resp in clauses(src):
        first: dict[str, tuple[int, int]] = {}
        for gi, g in enumerate(resp["groups"]):
            for ui, uid in enumerate(g["units"]):
                if uid in first:
                    role = "as the lead unit and again as co-responsible" if first[uid] == (0, 0) else "twice"
                    c.add(
                        rel,
                        path + ("groups", gi, "units", ui),
                        f"'{uid}' is named {role} in this clause (first at "
                        f"groups[{first[uid][0]}].units[{first[uid][1]}]); a unit is either the lead or "
                        "co-responsible: name it once",
                    )
                else:
                    first[uid] = (gi, ui)


def unnamed_units(c, src: dict) -> None:
    """Every unit in the registry is named by some clause (a unit with no task would have an empty page)."""
    named = {uid for _, _, resp in clauses(src) for g in resp["groups"] for uid in g["units"]}
    for i, u in enumerate(src["units.yaml"]["units"]):
        if u["id"] not in named:
            c.add(
                "units.yaml",
                ("units", i, "id"),
                f"unit '{u['id']}' is named by no responsibility clause; remove it, or "
                "name it in the clauses of the measures it is responsible for",
            )


MEMBER_KINDS = ("region", "core")  # a chapter is about one of these (it has members)
UNIT_PLACES = {"city-government": "city", "demonstration-zone": "demonstration-zone"}  # the units that govern a place


def _place_kinds(src: dict) -> dict[str, str]:
    return {p["id"]: p["kind"] for p in src["places.yaml"]["places"]}


def chapter_regions(c, src: dict) -> None:
    """A chapter's region is a region or core (a place with members), not a city."""
    kinds = _place_kinds(src)
    for rel in (f for f in src if f.startswith("chapters/")):
        region = src[rel].get("region")
        if region in kinds and kinds[region] not in MEMBER_KINDS:
            c.add(
                rel,
                ("region",),
                f"'{region}' is a {kinds[region]}; a chapter's region is one of the regions or cores of "
                f"plan/places.yaml ({', '.join(p for p, k in kinds.items() if k in MEMBER_KINDS)})",
            )


def unit_places(c, src: dict) -> None:
    """A city government's place is its city, and a city has one government (the city page shows it); only the units
    that govern a place have one."""
    kinds = _place_kinds(src)
    governs: dict[str, int] = {}
    for i, u in enumerate(src["units.yaml"]["units"]):
        path, want, place = ("units", i), UNIT_PLACES.get(u["kind"]), u.get("place")
        if want and place is None:
            c.add("units.yaml", path, f"a {u['kind']} unit names the {want} it governs: add 'place'")
        elif place is not None and not want:
            c.add(
                "units.yaml",
                path + ("place",),
                f"only {' and '.join(UNIT_PLACES)} units have a place, not a {u['kind']}; remove it",
            )
        elif place in kinds and kinds[place] != want:
            c.add(
                "units.yaml",
                path + ("place",),
                f"'{place}' is a {kinds[place]}; a {u['kind']} unit's place is a {want}",
            )
        elif place in governs:
            other = src["units.yaml"]["units"][governs[place]]["id"]
            c.add(
                "units.yaml",
                path + ("place",),
                f"'{place}' already has a government, '{other}' (units[{governs[place]}]); "
                "a place has one: merge the two units",
            )
        if place is not None:
            governs.setdefault(place, i)


def _date_problem(text: str) -> str | None:
    parts = [int(p) for p in text.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"month {parts[1]:02d} does not exist"
    if len(parts) > 2 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        return f"{parts[0]}-{parts[1]:02d} has no day {parts[2]:02d}"
    return None


def source_dates(c, src: dict) -> None:
    """A source's date (YYYY, YYYY-MM or YYYY-MM-DD) is a real date."""
    for i, s in enumerate(src["places.yaml"]["sources"]):
        problem = _date_problem(s["date"])
        if problem:
            c.add(
                "places.yaml",
                ("sources", i, "date"),
                f"'{s['date']}' is not a date: {problem}; write YYYY, YYYY-MM or YYYY-MM-DD",
            )


def target_ids(c, src: dict) -> None:
    """The targets of one source are numbered in order, <source>-t1, -t2, …, without leading zeros. A removed target
    leaves a gap: ids are stable, so the others keep theirs."""
    last: dict[str, int] = {}
    for i, t in enumerate(src["targets.yaml"]["targets"]):
        prefix = t["source"] + "-t"
        if not t["id"].startswith(prefix):
            continue  # the loader says it does not match its source
        digits = t["id"][len(prefix) :]
        n = int(digits)
        if digits != str(n) or n == 0:
            c.add(
                "targets.yaml",
                ("targets", i, "id"),
                f"target id '{t['id']}' is not numbered as ids are; write "
                f"'{prefix}{n or 1}' (targets are numbered from 1, without leading zeros)",
            )
        elif t["source"] in last and n <= last[t["source"]]:
            c.add(
                "targets.yaml",
                ("targets", i, "id"),
                f"target id '{t['id']}' is out of sequence: it comes after "
                f"'{prefix}{last[t['source']]}'; number the targets of a source in the order they are listed",
            )
        last[t["source"]] = max(n, last.get(t["source"], 0))


CN_NUMBERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
NUMBER = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def numbers_in(text: str) -> set[float]:
    """The numbers a text writes: in digits (9,000, 7.7), or as one of 十, 百, 千, 万 alone (千亿元: 1000 亿元)."""
    found = {float(m.group().replace(",", "")) for m in NUMBER.finditer(text)}
    found |= {
        float(v) for ch, v in CN_NUMBERS.items() if re.search(f"(?<![0-9一二三四五六七八九两十百千万]){ch}", text)
    }
    return found


def target_values(c, src: dict) -> None:
    """A target's value is a number its quoted text writes (45 against '…达到30%' is a typo)."""
    for i, t in enumerate(src["targets.yaml"]["targets"]):
        if "value" in t and float(t["value"]) not in numbers_in(t["text"]["zh"]):
            found = ", ".join(f"{n:g}" for n in sorted(numbers_in(t["text"]["zh"]))) or "none"
            c.add(
                "targets.yaml",
                ("targets", i, "value"),
                f"value {t['value']} is not in the text it quotes "
                f"('{t['text']['zh'][:60]}', which writes {found}); write the number as the text gives it",
            )


CROSS_FILE = (
    glossary_terms,
    clause_units,
    unnamed_units,
    chapter_regions,
    unit_places,
    source_dates,
    target_ids,
    target_values,
)


def cross_file(c, src: dict) -> None:
    """Every rule above, over the schema-valid sources."""
    for rule in CROSS_FILE:
        rule(c, src)
