"""The plan's schematic map: the 14 cities and the Shenfu zone as symbols at their seats, coloured by region.

Drawn at build time as inline SVG. No boundary lines (a map of China that draws boundaries needs a map review
before publication; symbols at city seats do not), no script, nothing from another host. Positions come from the
seats in plan/places.yaml, region colours from the regions' members there. Every name is escaped; every city, the
zone and every region is a link to its page. Plain functions: plan, language and page URL in, HTML out."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from ..model import Membership, Place, Plan
from ..urls import page
from .html import a, esc, rel
from ..i18n import group_sep, paren, sentence_space, t

MAP_WIDTH = 300.0  # user units across the seats; the viewBox adds room for labels
FONT = 13.0  # label size in user units
PAD = 6.0  # room around the drawing
# Okabe-Ito colours (told apart with every common colour-vision deficiency), given to regions in registry order.
PALETTE = ("#CC79A7", "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00")
CORE_KIND = "core"
REGION_KIND = "region"
ZONE_KIND = "demonstration-zone"
# Label positions tried around a symbol, in order of preference: right, left, below, above, then the diagonals.
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, o: Box) -> float:
        dx = min(self.x + self.w, o.x + o.w) - max(self.x, o.x)
        dy = min(self.y + self.h, o.y + o.h) - max(self.y, o.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0


@dataclass(frozen=True)
class Label:
    """A label's lines, where its text starts, the box its text covers, and its hit area: the text's box grown to
    at least the smallest target a finger can tap (MIN_TARGET_PX on a phone), the link's tappable part."""

    lines: tuple[str, ...]
    x: float
    y: float  # baseline of the first line
    anchor: str  # SVG text-anchor
    box: Box
    hit: Box | None = None
    leader: tuple[float, float, float, float] | None = None  # a line from the symbol to a label set further out


def projection(plan: Plan) -> Callable[[float, float], tuple[float, float]]:
    """(lat, lon) to map position (x east, y south): equirectangular around the seats' mean latitude, so relative
    positions are true; MAP_WIDTH units from the westernmost seat to the easternmost, y 0 at the northernmost."""
    seats = [p.seat for p in plan.places.values() if p.seat]
    k = math.cos(math.radians(sum(s.lat for s in seats) / len(seats))) if seats else 1.0
    xs = [s.lon * k for s in seats] or [0.0]
    west, north = min(xs), max((s.lat for s in seats), default=0.0)
    scale = MAP_WIDTH / ((max(xs) - west) or 1.0)
    return lambda lat, lon: ((lon * k - west) * scale, (north - lat) * scale)


def project(plan: Plan) -> dict[str, tuple[float, float]]:
    """Map position of every city and zone, in registry order."""
    to_xy = projection(plan)
    return {pid: to_xy(p.seat.lat, p.seat.lon) for pid, p in plan.places.items() if p.seat}


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of a label's width in the site's sans-serif fonts: CJK one em, Latin about half."""
    em = 0.0
    for ch in text:
        if ord(ch) >= 0x2E80:
            em += 1.0
        elif ch == " ":
            em += 0.3
        elif ch.isupper() or ch.isdigit():
            em += 0.66
        else:
            em += 0.54
    return em * size


def wrap(text: str, limit: float = 96.0) -> tuple[str, ...]:
    """A long label on two lines, split at the space that balances them best; a short one as it is."""
    words = text.split(" ")
    if text_width(text) <= limit or len(words) < 2:
        return (text,)
    best = min(
        range(1, len(words)), key=lambda i: abs(text_width(" ".join(words[:i])) - text_width(" ".join(words[i:])))
    )
    return (" ".join(words[:best]), " ".join(words[best:]))


LINE = FONT * 1.3  # a label line's height: the glyphs' full height in the CJK fonts, not just the em
# The smallest tap target (WCAG 2.5.8, 24 CSS px) and the narrowest the map is drawn on a phone (a 360 px screen):
# the hit areas are sized in map units so that they are at least that large there.
MIN_TARGET_PX = 24.0
PHONE_MAP_PX = 330.0
# How far out a label may be set, from its symbol's edge, in map units: beside it first, then with a leader line.
DISTANCES = (3.0, 6.0, 10.0, 15.0, 21.0, 28.0)


def _label_at(
    lines: tuple[str, ...], x: float, y: float, r: float, d: tuple[int, int], gap: float, target: float
) -> Label:
    """The label set `gap` from the symbol's edge in direction d, its hit area at least `target` each way."""
    w = max(text_width(line) for line in lines)
    h = LINE * len(lines)
    hw, hh = max(w + 4, target), max(h + 2, target)
    g = r + gap
    hx = x + g if d[0] > 0 else x - g - hw if d[0] < 0 else x - hw / 2
    hy = y - hh / 2 if d[1] == 0 else y + g if d[1] > 0 else y - g - hh
    # The text sits on the side of its hit area nearest the symbol, so that it reads as the symbol's name.
    bx = hx + 2 if d[0] > 0 else hx + hw - w - 2 if d[0] < 0 else hx + (hw - w) / 2
    by = hy + 1 if d[1] > 0 else hy + hh - h - 1 if d[1] < 0 else hy + (hh - h) / 2
    anchor = "start" if d[0] > 0 else "end" if d[0] < 0 else "middle"
    tx = bx if anchor == "start" else bx + w if anchor == "end" else bx + w / 2
    leader = None
    if gap > DISTANCES[0] or (d[0] and d[1]):  # set apart or diagonal: a line from the symbol's edge to the text
        px, py = min(max(x, bx), bx + w), min(max(y, by), by + h)
        dist = math.hypot(px - x, py - y) or 1.0
        leader = (x + (px - x) * r / dist, y + (py - y) * r / dist, px, py)
    return Label(lines, tx, by + FONT * 1.02, anchor, Box(bx, by, w, h), Box(hx, hy, hw, hh), leader)


def place_labels(
    points: Mapping[str, tuple[float, float, float]],
    texts: Mapping[str, tuple[str, ...]],
    fixed: Collection[Box] = (),
    target: float = 0.0,
) -> dict[str, Label]:
    """Put each label beside its symbol where its hit area covers no other symbol, hit area or fixed box:
    DIRECTIONS in order, close to the symbol first, then further out; where every position collides, the least
    overlap. Crowded symbols are placed first; then labels that still collide are moved while that removes overlap."""
    symbols = {pid: Box(x - r - 1, y - r - 1, 2 * r + 2, 2 * r + 2) for pid, (x, y, r) in points.items()}
    candidates = [(d, gap) for gap in DISTANCES for d in DIRECTIONS]

    def crowding(pid: str) -> int:
        x, y, _ = points[pid]
        return sum(1 for q, (qx, qy, _) in points.items() if q != pid and math.hypot(qx - x, qy - y) < 70)

    def cost(pid: str, lab: Label, placed: Mapping[str, Label]) -> float:
        others = (
            [b for q, b in symbols.items() if q != pid] + [lb.hit for q, lb in placed.items() if q != pid] + list(fixed)
        )
        return sum(lab.hit.overlap(o) for o in others)

    def best(pid: str, placed: Mapping[str, Label]) -> tuple[float, Label]:
        x, y, r = points[pid]
        choice = None
        for d, gap in candidates:
            lab = _label_at(texts[pid], x, y, r, d, gap, target)
            c = cost(pid, lab, placed)
            if choice is None or c < choice[0]:
                choice = (c, lab)
            if c == 0:
                break
        return choice

    placed: dict[str, Label] = {}
    for pid in sorted(points, key=lambda q: -crowding(q)):
        placed[pid] = best(pid, placed)[1]
    for _ in range(6):
        moved = False
        for pid in list(placed):
            now = cost(pid, placed[pid], placed)
            if now > 0:
                c, lab = best(pid, placed)
                if c < now:
                    placed[pid], moved = lab, True
        if not moved:
            break
    return placed


def region_colors(plan: Plan) -> dict[str, str]:
    """A colour per region and core, in registry order."""
    regions = [p.id for p in plan.places.values() if p.kind in (REGION_KIND, CORE_KIND)]
    return {rid: PALETTE[i % len(PALETTE)] for i, rid in enumerate(regions)}


def regions_shown(plan: Plan, place_id: str) -> list[tuple[Place, Membership]]:
    """The regions (not the cores) a city or the zone belongs to: the colours of its symbol."""
    return [(r, ms) for r, ms in plan.regions_of(place_id) if r.kind == REGION_KIND]


def _fill(uid: str, colors: Mapping[str, str], regions: list[Place], rid: str, sourced: bool) -> str:
    """A region's colour, or its hatching where the membership has no source."""
    return colors[rid] if sourced else f"url(#{uid}-hatch-{[r.id for r in regions].index(rid)})"


def _wedges(cx: float, cy: float, r: float, fills: list[str]) -> str:
    """A circle split into equal wedges, one per fill, starting at the top (one fill: a plain circle)."""
    if len(fills) <= 1:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{fills[0] if fills else "#9e9e9e"}"/>'
    out = []
    n = len(fills)
    for i, fill in enumerate(fills):
        a0, a1 = 2 * math.pi * i / n - math.pi / 2, 2 * math.pi * (i + 1) / n - math.pi / 2
        x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
        x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
        large = 1 if a1 - a0 > math.pi else 0
        out.append(
            f'<path d="M{cx:.1f} {cy:.1f}L{x0:.1f} {y0:.1f}A{r:.1f} {r:.1f} 0 {large} 1 {x1:.1f} {y1:.1f}Z" '
            f'fill="{fill}"/>'
        )
    return "".join(out)


def _symbol(uid: str, p: Place, cx: float, cy: float, r: float, fills: list[str], core: bool) -> str:
    """A city: a circle in its regions' colours. The zone: the same as a diamond. A core: a ring around it."""
    if p.kind == ZONE_KIND:
        d = r * 1.25
        pts = f"{cx:.1f},{cy - d:.1f} {cx + d:.1f},{cy:.1f} {cx:.1f},{cy + d:.1f} {cx - d:.1f},{cy:.1f}"
        body = (
            f'<clipPath id="{uid}-clip-{esc(p.id)}"><polygon points="{pts}"/></clipPath>'
            f'<g clip-path="url(#{uid}-clip-{esc(p.id)})">{_wedges(cx, cy, d, fills)}</g>'
            f'<polygon points="{pts}" fill="none" stroke="#1a1a1a" class="lp-map__edge"/>'
        )
    else:
        body = (
            _wedges(cx, cy, r, fills)
            + f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="#1a1a1a" class="lp-map__edge"/>'
        )
    ring = (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r + 3.5:.1f}" fill="#fff" stroke="#1a1a1a" stroke-width="1.5" '
        'class="lp-map__core"/>'
        if core
        else ""
    )
    return ring + body


def _text(lab: Label, cls: str, first_line: int = 0) -> str:
    lines = lab.lines[first_line:]
    # A wrapped label keeps the space it was wrapped at, so the text (and a link's name) reads as written.
    spans = "".join(
        f'<tspan x="{lab.x:.1f}" dy="{0 if i == 0 else LINE:.1f}">'
        f"{esc(line)}{' ' if i < len(lines) - 1 else ''}</tspan>"
        for i, line in enumerate(lines)
    )
    y = lab.y + first_line * LINE
    return f'<text x="{lab.x:.1f}" y="{y:.1f}" text-anchor="{lab.anchor}" class="{cls}">{spans}</text>'


@dataclass(frozen=True)
class Layout:
    """Where everything goes: each place's symbol (x, y, outer radius) and label, the sea names, the viewBox."""

    points: dict[str, tuple[float, float, float]]
    labels: dict[str, Label]
    seas: tuple[tuple[str, float, float, Box], ...]
    view: Box


def _is_core_member(plan: Plan, place_id: str) -> bool:
    return any(rg.kind == CORE_KIND for rg, _ in plan.regions_of(place_id))


def layout(
    plan: Plan, lang: str, *, highlight: Collection[str] = (), counts: Mapping[str, int] | None = None
) -> Layout:
    """Symbols at the projected seats (a core member's ring included in its radius), labels in the page's language
    beside them, the sea names, and a viewBox that holds all of it."""
    top = max((counts or {}).values(), default=0) or 1
    points, texts = {}, {}
    for pid, (x, y) in project(plan).items():
        r = (
            4.5 + 4.5 * math.sqrt(counts.get(pid, 0) / top)
            if counts is not None
            else (9.0 if pid in highlight else 7.0)
        )
        points[pid] = (x, y, r + (3.5 if _is_core_member(plan, pid) else 0))
        texts[pid] = wrap(plan.places[pid].name[lang]) + ((str(counts.get(pid, 0)),) if counts is not None else ())
    to_xy = projection(plan)
    seas = []
    for sea in plan.edition.seas:  # where plan/edition.yaml writes each sea's name
        sx, sy = to_xy(sea.lat, sea.lon)
        w = text_width(sea.name[lang], FONT * 0.9)
        seas.append((sea.name[lang], sx, sy, Box(sx - w / 2, sy - FONT, w, LINE)))
    target = MIN_TARGET_PX * 1.2  # in map units; grown below until it is MIN_TARGET_PX on a phone
    for _ in range(4):
        labels = place_labels(points, texts, [b for *_, b in seas], target)
        boxes = [lab.hit for lab in labels.values()] + [Box(x - r, y - r, 2 * r, 2 * r) for x, y, r in points.values()]
        boxes += [b for *_, b in seas]
        x0, y0 = min(b.x for b in boxes) - PAD, min(b.y for b in boxes) - PAD
        x1, y1 = max(b.x + b.w for b in boxes) + PAD, max(b.y + b.h for b in boxes) + PAD
        needed = MIN_TARGET_PX * (x1 - x0) / PHONE_MAP_PX
        if target >= needed:
            break
        target = needed
    return Layout(points, labels, tuple(seas), Box(x0, y0, x1 - x0, y1 - y0))


def map_svg(
    plan: Plan,
    lang: str,
    url: str,
    title: str,
    *,
    highlight: Collection[str] = (),
    counts: Mapping[str, int] | None = None,
    uid: str = "lp-map",
) -> str:
    """The map as one <svg>: a linked symbol and label per city and zone; highlighted places stand out and the
    others are muted (when highlight is given); with counts, symbol size and a number show each place's count."""
    lay = layout(plan, lang, highlight=highlight, counts=counts)
    colors = region_colors(plan)
    regions = [p for p in plan.places.values() if p.kind == REGION_KIND]
    v = lay.view
    x0, y0, x1, y1 = v.x, v.y, v.x + v.w, v.y + v.h
    defs = "".join(
        f'<pattern id="{uid}-hatch-{i}" patternUnits="userSpaceOnUse" width="5" height="5" '
        'patternTransform="rotate(45)">'
        f'<rect width="5" height="5" fill="#fff"/><rect width="2.5" height="5" fill="{colors[r.id]}"/></pattern>'
        for i, r in enumerate(regions)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lp-map__svg" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} '
        f'{y1 - y0:.0f}" '
        f'width="{x1 - x0:.0f}" height="{y1 - y0:.0f}" role="group" aria-labelledby="{uid}-title">',
        f'<title id="{uid}-title">{esc(title)}</title><defs>{defs}</defs>',
    ]
    for name, sx, sy, _ in lay.seas:
        out.append(f'<text x="{sx:.1f}" y="{sy:.1f}" text-anchor="middle" class="lp-map__sea">{esc(name)}</text>')
    out.append(_north_arrow(x1 - PAD - 8, y0 + PAD + 4, lang))
    for pid, point in lay.points.items():  # registry order: the same order as the text alternative
        out.append(_place_svg(plan, lang, url, uid, pid, point, lay.labels[pid], colors, regions, highlight, counts))
    out.append("</svg>")
    return "".join(out)


def _north_arrow(nx: float, ny: float, lang: str) -> str:
    return (
        f'<g class="lp-map__north" aria-hidden="true"><path fill="none" stroke="#1a1a1a" d="M{nx:.1f} '
        f"{ny + 18:.1f}L{nx:.1f} "
        f'{ny:.1f}M{nx - 4:.1f} {ny + 6:.1f}L{nx:.1f} {ny:.1f}L{nx + 4:.1f} {ny + 6:.1f}"/>'
        f'<text x="{nx:.1f}" y="{ny + 30:.1f}" text-anchor="middle">{esc(t("north", lang))}</text></g>'
    )


def _place_svg(plan, lang, url, uid, pid, point, lab, colors, regions, highlight, counts) -> str:
    """One place on the map: its symbol and label as a link to its page, muted or on, with its count."""
    x, y, rr = point
    p = plan.places[pid]
    core = _is_core_member(plan, pid)
    r = rr - (3.5 if core else 0)
    fills = [_fill(uid, colors, regions, rg.id, ms.sourced) for rg, ms in regions_shown(plan, pid)]
    state = "" if not highlight else (" lp-map__place--on" if pid in highlight else " lp-map__place--off")
    name_lines = len(lab.lines) - (1 if counts is not None else 0)
    name_lab = Label(lab.lines[:name_lines], lab.x, lab.y, lab.anchor, lab.box, lab.hit)
    current = ' aria-current="page"' if page("place", pid) == url else ""
    attrs = (
        f' data-place="{esc(pid)}" data-regions="{esc(" ".join(rg.id for rg, _ in plan.regions_of(pid)))}"'
        f' data-unsourced="{esc(" ".join(rg.id for rg, ms in plan.regions_of(pid) if not ms.sourced))}"'
    )
    if counts is not None:
        attrs += f' data-count="{counts.get(pid, 0)}"'
    h = lab.hit
    hit = (
        f'<rect class="lp-map__hit" x="{h.x:.1f}" y="{h.y:.1f}" width="{h.w:.1f}" height="{h.h:.1f}" '
        'fill="none" pointer-events="all"/>'
    )
    leader = (
        f'<line class="lp-map__leader" x1="{lab.leader[0]:.1f}" y1="{lab.leader[1]:.1f}" '
        f'x2="{lab.leader[2]:.1f}" y2="{lab.leader[3]:.1f}" stroke="#4d4d4d"/>'
        if lab.leader
        else ""
    )
    link = (
        f'<a href="{esc(rel(lang, url, lang, page("place", pid)))}"{current}>'
        f"{hit}{leader}{_symbol(uid, p, x, y, r, fills, core)}{_text(name_lab, 'lp-map__label')}</a>"
    )
    count = _text(lab, "lp-map__count", name_lines) if counts is not None else ""
    return f'<g class="lp-map__place{state}"{attrs}>{link}{count}</g>'


def _swatch(inner: str) -> str:
    return f'<svg class="lp-map__key" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">{inner}</svg>'


def map_legend(
    plan: Plan, lang: str, url: str, *, highlight: Collection[str] = (), counts: bool = False, uid: str = "lp-map"
) -> str:
    """The key, in the page's language: each region and core (a link to its page), then the symbols."""
    colors = region_colors(plan)
    items = []
    for p in plan.places.values():
        if p.kind not in (REGION_KIND, CORE_KIND):
            continue
        key = (
            '<circle cx="10" cy="10" r="7.5" fill="none" stroke="#1a1a1a" stroke-width="1.5"/><circle cx="10" '
            'cy="10" r="4.5" fill="#fff" stroke="#1a1a1a"/>'
            if p.kind == CORE_KIND
            else f'<circle cx="10" cy="10" r="7" fill="{colors[p.id]}" stroke="#1a1a1a"/>'
        )
        current = ' aria-current="page"' if page("place", p.id) == url else ""
        members = {ms.place for ms in p.members}
        on = ' class="lp-map__legend-on"' if current or (highlight and set(highlight) <= members) else ""
        items.append(
            f"<li{on}>{_swatch(key)}{a(rel(lang, url, lang, page('place', p.id)), esc(p.name[lang]), '', current)}</li>"
        )
    regions = [p for p in plan.places.values() if p.kind == REGION_KIND]
    edge = '<circle cx="10" cy="10" r="7" fill="none" stroke="#1a1a1a"/>'
    if len(regions) > 1:
        wedges = _wedges(10, 10, 7, [colors[regions[0].id], colors[regions[1].id]])
        items.append(f"<li>{_swatch(wedges + edge)}{esc(t('map_two_regions', lang))}</li>")
    if regions:
        hatch = f'<circle cx="10" cy="10" r="7" fill="url(#{uid}-hatch-0)" stroke="#1a1a1a"/>'
        items.append(f"<li>{_swatch(hatch)}{esc(t('map_unsourced', lang))}</li>")
    diamond = '<polygon points="10,1 19,10 10,19 1,10" fill="#fff" stroke="#1a1a1a"/>'
    items.append(f"<li>{_swatch(diamond)}{esc(t('map_zone', lang))}</li>")
    if counts:
        sizes = (
            '<circle cx="6" cy="14" r="3.5" fill="#fff" stroke="#1a1a1a"/><circle cx="13" cy="9" r="6.5" '
            'fill="#fff" stroke="#1a1a1a"/>'
        )
        items.append(f"<li>{_swatch(sizes)}{esc(t('map_counts', lang))}</li>")
    return f'<ul class="lp-map__legend">{"".join(items)}</ul>'


def membership_text(plan: Plan, lang: str, url: str, region: Place, ms: Membership) -> str:
    """A region as a link, marked when the membership has no source."""
    mark = "" if ms.sourced else f'<span class="lp-unsourced">{paren(esc(t("unsourced", lang)), lang)}</span>'
    return a(rel(lang, url, lang, page("place", region.id)), esc(region.name[lang])) + mark


def map_table(plan: Plan, lang: str, url: str, counts: Mapping[str, int] | None = None) -> str:
    """The map's facts as a table: each city and the zone, the regions it belongs to, and its count if any."""
    sep = group_sep(lang)  # a region's name may itself hold 、 (沈阳、大连“双核”)
    rows = []
    for pid in project(plan):
        p = plan.places[pid]
        regs = sep.join(membership_text(plan, lang, url, rg, ms) for rg, ms in plan.regions_of(pid)) or esc(
            t("none", lang)
        )
        cells = [
            f'<th scope="row">{a(rel(lang, url, lang, page("place", pid)), esc(p.name[lang]))}</th>',
            f"<td>{esc(plan.place_kinds[p.kind].label[lang])}</td>",
            f"<td>{regs}</td>",
        ]
        if counts is not None:
            cells.append(f'<td class="lp-num">{counts.get(pid, 0)}</td>')
        rows.append(f'<tr data-place="{esc(pid)}">{"".join(cells)}</tr>')
    head = [t("name", lang), t("kind", lang), t("map_regions", lang)] + (
        [t("map_count_col", lang)] if counts is not None else []
    )
    ths = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    return (
        '<div class="lp-table-wrap"><table '
        f'class="lp-map__table"><thead><tr>{ths}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def map_figure(
    plan: Plan,
    lang: str,
    url: str,
    title: str,
    *,
    highlight: Collection[str] = (),
    counts: Mapping[str, int] | None = None,
    open_table: bool = False,
    uid: str = "lp-map",
) -> str:
    """The map with its caption, key and text alternative: one HTML block for a page."""
    note = (
        esc(t("map_note", lang))
        + sentence_space(lang)
        + a(rel(lang, url, lang, page("places") + "#map-sources"), esc(t("map_sources", lang)))
    )
    table = map_table(plan, lang, url, counts)
    return (
        '<figure class="lp-map" data-pagefind-ignore>'
        f"{map_svg(plan, lang, url, title, highlight=highlight, counts=counts, uid=uid)}"
        f"<figcaption><strong>{esc(title)}</strong> "
        f"{map_legend(plan, lang, url, highlight=highlight, counts=counts is not None, uid=uid)}"
        f'<p class="lp-map__note">{note}</p></figcaption></figure>'
        f'<details class="lp-map__alt"{" open" if open_table else ""}><summary>{esc(t("map_text", lang))}</summary>'
        f"{table}</details>"
    )


def source_entry(plan: Plan, lang: str, url: str, sid: str, ref: str | None = None) -> str:
    """A source as a reader cites it: who, what, when, where to read it, and what it says (its note). How it was
    read (the copy, version or tool) is left to the data (plan.json's sources, their `detail`)."""
    s = plan.sources[sid]
    title = f"《{esc(s.title.zh)}》" if lang == "zh" else f"“{esc(s.title.en)}”"
    ref_html = esc(t("source_ref", lang, ref=ref)) if ref else ""
    space = sentence_space(lang)
    link = f"{space}{a(s.url, esc(s.url), 'lp-url')}" if s.url else ""
    note = f'{space}<span class="lp-src-note">{esc(s.note[lang])}</span>' if s.note else ""
    if lang == "zh":
        return f"{esc(s.issuer.zh)}：{title}，{esc(s.date)}{ref_html}。{link}{note}"
    return f"{esc(s.issuer.en)}. {title}. {esc(s.date)}{ref_html}.{link}{note}"


def sources_list(plan: Plan, lang: str, url: str) -> str:
    """Every source cited for the map, each with an anchor that memberships and seats link to."""
    items = "".join(f'<li id="src-{esc(sid)}">{source_entry(plan, lang, url, sid)}</li>' for sid in plan.sources)
    return f'<ol class="lp-sources" data-pagefind-ignore>{items}</ol>'


def source_refs(plan: Plan, lang: str, url: str, ids: Collection[str]) -> str:
    """Links to sources in the list on the places index, by their issuer."""
    return t("list_sep", lang).join(
        a(rel(lang, url, lang, page("places") + f"#src-{sid}"), esc(plan.sources[sid].issuer[lang])) for sid in ids
    )


def membership_cite(plan: Plan, lang: str, url: str, ms: Membership) -> str:
    """The sources of a membership, linked; or, where there is none, that no document was found (and why)."""
    if ms.sourced:
        return esc(t("sources_cited", lang) + t("colon", lang)) + source_refs(plan, lang, url, ms.sources)
    note = f'{sentence_space(lang)}<span class="lp-src-note">{esc(ms.note[lang])}</span>' if ms.note else ""
    return f'<span class="lp-unsourced">{esc(t("unsourced", lang))}</span>{esc(t("full_stop", lang))}{note}'


def place_facts(plan: Plan, lang: str, url: str, place_id: str) -> str:
    """<dt>/<dd> pairs for a place page: where the map draws it and which regions it belongs to (the sources are
    listed at the end of the page: place_sources)."""
    p = plan.places[place_id]
    out = []
    if p.seat:
        where = t("coordinates", lang, lat=f"{p.seat.lat:.2f}", lon=f"{p.seat.lon:.2f}")
        out.append(f"<dt>{esc(t('map_seat', lang))}</dt><dd>{esc(where)}</dd>")
    regs = plan.regions_of(place_id)
    if regs:
        items = group_sep(lang).join(membership_text(plan, lang, url, rg, ms) for rg, ms in regs)
        out.append(f"<dt>{esc(t('map_regions', lang))}</dt><dd>{items}</dd>")
    return "".join(out)


def place_sources(plan: Plan, lang: str, url: str, place_id: str) -> str:
    """The sources of a city's facts, at the end of its page: where its location comes from, and for each region it
    belongs to, the documents that say so (or that none was found)."""
    p = plan.places[place_id]
    items = []
    if p.seat:
        items.append(
            f'<li><span class="lp-label">{esc(t("map_seat", lang) + t("colon", lang))}</span>'
            f"{source_entry(plan, lang, url, p.seat.source, p.seat.ref)}</li>"
        )
    for rg, ms in plan.regions_of(place_id):
        label = esc(t("member_of", lang, region=rg.name[lang]) + t("colon", lang))
        items.append(f'<li><span class="lp-label">{label}</span>{membership_cite(plan, lang, url, ms)}</li>')
    return f'<ul class="lp-sources" data-pagefind-ignore>{"".join(items)}</ul>' if items else ""


def members_html(plan: Plan, lang: str, url: str, region_id: str) -> str:
    """A region's or core's members as a list, each with its sources or marked as unsourced, with the notes."""
    p = plan.places[region_id]
    items = []
    for ms in p.members:
        member = plan.places[ms.place]
        link = a(rel(lang, url, lang, page("place", member.id)), esc(member.name[lang]))
        cite = membership_cite(plan, lang, url, ms)
        end = "" if not ms.sourced else esc(t("full_stop", lang))
        items.append(f'<li data-place="{esc(member.id)}">{link}{esc(t("colon", lang))}{cite}{end}</li>')
    note = f'<p class="lp-src-note">{esc(p.members_note[lang])}</p>' if p.members_note else ""
    return f'<ul class="lp-members">{"".join(items)}</ul>{note}'
