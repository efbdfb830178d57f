"""Search quality and cost, measured in headless Chromium against a built site (part of `make bench`).

Queries are written as people type them: unit names and short forms, places and regions, ids, topics and parts of
titles, in Chinese on the Chinese site and in English on the English one, and mistyped (营商坏境, Dalain). What
counts as a relevant page for each query is computed from data/plan.json, never listed by hand:

- a unit: its page and every measure it leads or shares;
- a place: its page, every measure naming it, the chapter on it (regions) and its government's page;
- an id: the measure, or for a section or item the chapter page and the measures under it;
- a topic or part of a title: the measures whose title or text contains it, and the unit and place pages whose
  names contain it (not the glossary: a term the query names is a definition card beside the results);
- a typo: what the query it stands for is relevant to.

Each query runs through the search page (search/?q=…); the result titles in #search-results, in order, are the
ranking. Reported: top-1, mean reciprocal rank (first 10), precision at 5, queries with no relevant result in the
top 5; recall per topic query (of the pages whose indexed text contains the query, the share search returns, all
results shown); and the bytes search costs: on page load (none), for the first query and for later ones.
"""

from __future__ import annotations

import re
import statistics
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lnplan.fulltext import FURNITURE  # noqa: E402
from lnplan.urls import LANG_PREFIX, page  # noqa: E402

UNIT, PLACE, ID, TOPIC = "unit", "place", "id", "topic"

IDS = [(i, ID, i) for i in ("2.2.1", "4.1.2.3", "3.1.2", "6.2.4", "7.7", "2.1")]  # typed alike in both languages
QUERIES: dict[str, list[tuple[str, str, str]]] = {
    # (query as typed, what it asks for, the unit / place / id it names, or "" for a topic)
    "zh": [
        ("省商务厅", UNIT, "commerce"),
        ("商务厅", UNIT, "commerce"),
        ("发改委", UNIT, "development-and-reform-commission"),
        ("省发展改革委", UNIT, "development-and-reform-commission"),
        ("工信厅", UNIT, "industry-and-information-technology"),
        ("人社厅", UNIT, "human-resources-and-social-security"),
        ("住建厅", UNIT, "housing-and-urban-rural-development"),
        ("文旅厅", UNIT, "culture-and-tourism"),
        ("卫健委", UNIT, "health"),
        ("市场监管局", UNIT, "market-regulation"),
        ("国资委", UNIT, "state-owned-assets"),
        ("营商局", UNIT, "business-environment"),
        ("交通厅", UNIT, "transport"),
        ("科技厅", UNIT, "science-and-technology"),
        ("农业农村厅", UNIT, "agriculture-and-rural-affairs"),
        ("生态环境厅", UNIT, "ecology-and-environment"),
        ("自然资源厅", UNIT, "natural-resources"),
        ("财政厅", UNIT, "finance"),
        ("乡村振兴局", UNIT, "rural-revitalization"),
        ("辽宁港口集团", UNIT, "liaoning-port-group"),
        ("沈阳市政府", UNIT, "shenyang-government"),
        ("大连", PLACE, "dalian"),
        ("沈阳", PLACE, "shenyang"),
        ("锦州", PLACE, "jinzhou"),
        ("营口", PLACE, "yingkou"),
        ("丹东", PLACE, "dandong"),
        ("葫芦岛", PLACE, "huludao"),
        ("沈抚示范区", PLACE, "shenfu"),
        ("沈阳现代化都市圈", PLACE, "shenyang-metropolitan-area"),
        ("沿海经济带", PLACE, "coastal-economic-belt"),
        ("辽西", PLACE, "western-liaoning-pilot-zone"),
        ("辽东绿色经济区", PLACE, "eastern-liaoning-green-economic-zone"),
        *IDS,
        ("营商环境", TOPIC, ""),
        ("冰雪经济", TOPIC, ""),
        ("数字经济", TOPIC, ""),
        ("乡村振兴", TOPIC, ""),
        ("自贸试验区", TOPIC, ""),
        ("海洋经济", TOPIC, ""),
        ("中欧班列", TOPIC, ""),
        ("氢能", TOPIC, ""),
        ("工业互联网", TOPIC, ""),
        ("冷链物流", TOPIC, ""),
        ("全域旅游", TOPIC, ""),
        ("集成电路", TOPIC, ""),
        ("机器人", TOPIC, ""),
        ("东北亚国际航运中心", TOPIC, ""),
        ("区域性金融中心", TOPIC, ""),
        ("太平湾合作创新区", TOPIC, ""),
        ("沈抚同城化", TOPIC, ""),
        ("综合立体交通网", TOPIC, ""),
        ("林下经济", TOPIC, ""),
    ],
    "en": [
        ("department of commerce", UNIT, "commerce"),
        ("commerce", UNIT, "commerce"),
        ("DRC", UNIT, "development-and-reform-commission"),
        ("development and reform commission", UNIT, "development-and-reform-commission"),
        ("industry and information technology", UNIT, "industry-and-information-technology"),
        ("human resources and social security", UNIT, "human-resources-and-social-security"),
        ("housing and urban-rural development", UNIT, "housing-and-urban-rural-development"),
        ("culture and tourism", UNIT, "culture-and-tourism"),
        ("health commission", UNIT, "health"),
        ("market regulation", UNIT, "market-regulation"),
        ("SASAC", UNIT, "state-owned-assets"),
        ("business environment bureau", UNIT, "business-environment"),
        ("transport department", UNIT, "transport"),
        ("science and technology department", UNIT, "science-and-technology"),
        ("natural resources", UNIT, "natural-resources"),
        ("department of finance", UNIT, "finance"),
        ("rural revitalization administration", UNIT, "rural-revitalization"),
        ("port group", UNIT, "liaoning-port-group"),
        ("shenyang municipal government", UNIT, "shenyang-government"),
        ("Dalian", PLACE, "dalian"),
        ("shenyang", PLACE, "shenyang"),
        ("jinzhou", PLACE, "jinzhou"),
        ("Yingkou", PLACE, "yingkou"),
        ("dandong", PLACE, "dandong"),
        ("huludao", PLACE, "huludao"),
        ("shenfu", PLACE, "shenfu"),
        ("shenyang metropolitan area", PLACE, "shenyang-metropolitan-area"),
        ("coastal economic belt", PLACE, "coastal-economic-belt"),
        ("western liaoning", PLACE, "western-liaoning-pilot-zone"),
        ("green economic zone", PLACE, "eastern-liaoning-green-economic-zone"),
        *IDS,
        ("business environment", TOPIC, ""),
        ("ice and snow", TOPIC, ""),
        ("digital economy", TOPIC, ""),
        ("rural revitalization", TOPIC, ""),
        ("free trade zone", TOPIC, ""),
        ("marine economy", TOPIC, ""),
        ("China-Europe Railway Express", TOPIC, ""),
        ("hydrogen", TOPIC, ""),
        ("industrial internet", TOPIC, ""),
        ("cold chain", TOPIC, ""),
        ("all-for-one tourism", TOPIC, ""),
        ("integrated circuits", TOPIC, ""),
        ("robots", TOPIC, ""),
        ("shipping center", TOPIC, ""),
        ("regional financial center", TOPIC, ""),
        ("taiping bay", TOPIC, ""),
        ("one city", TOPIC, ""),
        ("multidimensional transport network", TOPIC, ""),
        ("under-forest economy", TOPIC, ""),
    ],
}
# Mistyped: (as typed, what it asks for, the unit / place it names or "", the query it stands for).
TYPOS: dict[str, list[tuple[str, str, str, str]]] = {
    "zh": [
        ("营商坏境", TOPIC, "", "营商环境"),
        ("自贸实验区", TOPIC, "", "自贸试验区"),
        ("中欧斑列", TOPIC, "", "中欧班列"),
        ("葫芦到", PLACE, "huludao", "葫芦岛"),
        ("大连市政俯", UNIT, "dalian-government", "大连市政府"),
        ("省商务听", UNIT, "commerce", "省商务厅"),
        ("发该委", UNIT, "development-and-reform-commission", "发改委"),
    ],
    "en": [
        ("Dalain", PLACE, "dalian", "Dalian"),
        ("shenyng", PLACE, "shenyang", "shenyang"),
        ("huludoa", PLACE, "huludao", "huludao"),
        ("comerce", UNIT, "commerce", "commerce"),
        ("bussiness environment", TOPIC, "", "business environment"),
        ("China-Europe Railway Expres", TOPIC, "", "China-Europe Railway Express"),
        ("shenyang metropolitan aera", PLACE, "shenyang-metropolitan-area", "shenyang metropolitan area"),
    ],
}


def _words(text: str) -> str:
    """Lower case, punctuation as spaces, plural -s dropped: 'China-Europe' contains 'china europe', 'integrated
    circuits' is 'integrated circuit'."""
    words = re.sub(r"[^\w.]+", " ", text.lower()).split()
    return " " + " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words) + " "


def _contains(text: str, query: str, lang: str) -> bool:
    if lang == "zh":
        return query in text
    return _words(query) in _words(text)


def relevant(plan: dict, lang: str, kind: str, ident: str, query: str) -> set[str]:
    """Paths (from the site root, without #fragment) of the pages relevant to a query, from plan.json."""
    prefix = LANG_PREFIX[lang]
    if kind == UNIT:
        u = next(x for x in plan["units"] if x["id"] == ident)
        urls = {m["url"][lang] for m in plan["measures"] if m["id"] in {*u["lead"], *u["co_responsible"]}}
        return {u["url"][lang], *urls}
    if kind == PLACE:
        p = next(x for x in plan["places"] if x["id"] == ident)
        urls = {m["url"][lang] for m in plan["measures"] if m["id"] in p["measures"]}
        chapters = {prefix + page("chapter", c["id"]) for c in plan["chapters"] if c.get("region") == ident}
        governments = {u["url"][lang] for u in plan["units"] if u.get("place") == ident}
        return {p["url"][lang], *urls, *chapters, *governments}
    if kind == ID:
        measure = next((m for m in plan["measures"] if m["id"] == ident), None)
        if measure:
            return {measure["url"][lang]}
        under = {m["url"][lang] for m in plan["measures"] if m["id"].startswith(ident + ".")}
        return {prefix + page("chapter", ident.split(".")[0]), *under}
    found = {
        m["url"][lang]
        for m in plan["measures"]
        if _contains(m["title"][lang], query, lang) or _contains(m["text"][lang], query, lang)
    }
    found |= {
        u["url"][lang] for u in plan["units"] if any(_contains(u[k][lang], query, lang) for k in ("name", "full_name"))
    }
    found |= {
        p["url"][lang] for p in plan["places"] if any(_contains(p[k][lang], query, lang) for k in ("name", "full_name"))
    }
    return found


def _selector(sel: str):
    """A test for one of lnplan.fulltext.FURNITURE's selectors: .class, #id, or tag[attr*="…"] / tag[attr$="…"]."""
    if re.fullmatch(r"\.[\w-]+", sel):
        return lambda tag, attrs: sel[1:] in (attrs.get("class") or "").split()
    if re.fullmatch(r"#[\w-]+", sel):
        return lambda tag, attrs: attrs.get("id") == sel[1:]
    m = re.fullmatch(r'(\w+)\[(\w+)([*$])="([^"]+)"\]', sel)
    if not m:
        raise SystemExit(f"search_bench cannot read the selector {sel!r} in lnplan.fulltext.FURNITURE")
    name, attr, op, value = m.groups()
    return lambda tag, attrs: tag == name and (
        (value in (attrs.get(attr) or "")) if op == "*" else (attrs.get(attr) or "").endswith(value)
    )


class _Indexed(HTMLParser):
    """The text Pagefind indexes on a page: its <article> without data-pagefind-ignore elements and furniture."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SKIP = [_selector(sel) for sel in FURNITURE]

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []
        self.inside = self.skipped = 0
        self.lang, self.text = "", []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag in self.VOID:
            return
        skip = "data-pagefind-ignore" in a or any(f(tag, a) for f in self.SKIP)
        self.stack.append((tag, tag == "article", skip))
        self.inside += tag == "article"
        self.skipped += skip

    def handle_endtag(self, tag):
        while self.stack and tag not in self.VOID:
            name, article, skip = self.stack.pop()
            self.inside -= article
            self.skipped -= skip
            if name == tag:
                break

    def handle_data(self, data):
        if self.inside and not self.skipped:
            self.text.append(data)


def indexed_texts(site: Path) -> dict[str, dict[str, str]]:
    """{lang: {path from the site root: indexed text}} for every page of a built site."""
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        parser = _Indexed()
        parser.feed(f.read_text(encoding="utf-8"))
        if parser.text:
            out["en" if parser.lang.startswith("en") else "zh"][rel.removesuffix("index.html")] = " ".join(parser.text)
    return out


def containing(texts: dict[str, str], query: str, lang: str) -> set[str]:
    """Pages whose indexed text contains the query (Chinese: as typed, spaces aside; English: as words)."""
    if lang == "zh":
        q = query.replace(" ", "")
        return {u for u, t in texts.items() if q in re.sub(r"\s+", "", t)}
    return {u for u, t in texts.items() if _contains(t, query, lang)}


def ranked(browser_page, base: str, lang: str, query: str, every: bool = False) -> list[str]:
    """The result links of search/?q=query, in order, as paths from the site root without #fragment (with every:
    after showing every result)."""
    browser_page.goto(f"{base}{LANG_PREFIX[lang]}search/?q={quote(query)}")
    done = (
        "q => { const r = document.getElementById('search-results');"
        " return r.dataset.state === 'done' && r.dataset.query === q; }"
    )
    browser_page.wait_for_function(done, arg=query, timeout=30000)
    more = browser_page.locator("#search-results .lp-hits__more")
    while every and more.count():
        more.click()
        browser_page.wait_for_function(done, arg=query, timeout=30000)
    hrefs = browser_page.eval_on_selector_all("#search-results .lp-hit__title a[href]", "els => els.map(e => e.href)")
    return [urlsplit(h).path.removeprefix(urlsplit(base).path) for h in hrefs]


def _row(query: str, kind: str, rel: set[str], got: list[str]) -> dict:
    hits = [g in rel for g in got]
    first = hits.index(True) + 1 if True in hits else 0
    return {
        "query": query,
        "kind": kind,
        "relevant": len(rel),
        "top10": got,
        "top1": bool(hits[:1] and hits[0]),
        "rr": 1 / first if first else 0.0,
        "p5": sum(hits[:5]) / 5,
        "miss_top5": not any(hits[:5]),
    }


def quality(browser, base: str, plan: dict, site: Path) -> dict:
    texts = indexed_texts(site)
    out = {}
    for lang, queries in QUERIES.items():
        page_ = browser.new_page()
        rows, recall = [], []
        asked = [(q, kind, ident, q) for q, kind, ident in queries] + [
            (q, kind, ident, meant) for q, kind, ident, meant in TYPOS[lang]
        ]
        for query, kind, ident, meant in asked:
            rel = relevant(plan, lang, kind, ident, meant)
            if not rel:
                raise SystemExit(f"benchmark query {meant!r} ({lang}) has no relevant page in plan.json")
            rows.append(_row(query, "typo" if meant != query else kind, rel, ranked(page_, base, lang, query)[:10]))
            if kind == TOPIC and meant == query:
                has = containing(texts[lang], query, lang)
                got = set(ranked(page_, base, lang, query, every=True))
                recall.append(
                    {
                        "query": query,
                        "containing": len(has),
                        "found": len(has & got),
                        "returned": len(got),
                        "recall": len(has & got) / len(has) if has else 1.0,
                    }
                )
        page_.close()
        n = len(rows)
        out[lang] = {
            "queries": n,
            "typos": len(TYPOS[lang]),
            "top1": sum(r["top1"] for r in rows) / n,
            "mrr": statistics.mean(r["rr"] for r in rows),
            "p5": statistics.mean(r["p5"] for r in rows),
            "misses_top5": [r["query"] for r in rows if r["miss_top5"]],
            "not_top1": [r["query"] for r in rows if not r["top1"]],
            "recall": statistics.mean(r["recall"] for r in recall),
            "recall_min": min(r["recall"] for r in recall),
            "recall_under_90": [f"{r['query']} ({r['found']}/{r['containing']})" for r in recall if r["recall"] < 0.9],
            "recall_rows": recall,
            "rows": rows,
        }
    return out


SEARCH_FILES = re.compile(r"/pagefind/|/assets/search\.js|/search/entities\.json")


def costs(browser, base: str, path: str, queries: list[str]) -> dict:
    """Bytes (gzip, as transferred) of a page's first view, of what search loads with it (nothing), and of each
    query typed into the header's box afterwards."""
    context = browser.new_context()
    page_ = context.new_page()
    seen: list = []
    page_.on("requestfinished", lambda r: seen.append(r))

    def total(requests, only_search=False) -> int:
        return sum(
            s["responseBodySize"] + s["responseHeadersSize"]
            for r in requests
            if not only_search or SEARCH_FILES.search(r.url)
            for s in [r.sizes()]
        )

    page_.goto(base + path, wait_until="networkidle")
    page_.wait_for_timeout(500)
    load = list(seen)
    result = {"page_load": total(load), "page_load_search": total(load, only_search=True), "queries": []}
    box = page_.locator("#lp-search input[name=q]")
    for query in queries:
        before = len(seen)
        box.fill("")
        box.click()
        box.fill(query)
        page_.wait_for_function(
            "q => { const r = document.querySelector('.lp-search__results');"
            " return r && r.dataset.state === 'done' && r.dataset.query === q; }",
            arg=query,
            timeout=30000,
        )
        page_.wait_for_load_state("networkidle")
        result["queries"].append({"query": query, "bytes": total(seen[before:])})
    context.close()
    return result


def main(argv: list[str]) -> int:
    """python bench/search_bench.py SITE: search quality and recall alone, against a site already built."""
    import json

    from playwright.sync_api import sync_playwright

    import bench

    site = Path(argv[0])
    httpd = bench.serve(site, 8129)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROME_FLAGS.split()[1:])
            q = quality(
                b, "http://127.0.0.1:8129/", json.loads((site / "data" / "plan.json").read_text(encoding="utf-8")), site
            )
            b.close()
    finally:
        httpd.shutdown()
    for lang, r in q.items():
        print(lang, {k: v for k, v in r.items() if k not in ("rows", "recall_rows")})
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench" / "results" / "search.json").write_text(
        json.dumps(q, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
