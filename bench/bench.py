"""`make bench`: speed and size budgets, measured (not asserted by timed tests).

- Lighthouse 12.2.3 (mobile) for home, a measure page and a unit page, in both languages (median of 3 runs):
  performance >= 95, accessibility 100, best practices 100, SEO >= 95.
- Bytes transferred for the first view of a measure page and of the home page (it carries the map), all requests,
  gzip, in both languages: <= 80 KB, none of them for search; the measure page of the 10x synthetic plan within 5 %.
- Search (bench/search_bench.py): top-1 >= 95 % in each language (typos included), no query without a relevant
  result in the top 5, mean recall of the topic queries >= 90 %;
  bytes for the first query <= 150 KB, and for later ones.
- The whole test suite (`python -m pytest` with the flags `make test` gives it, after set-up): <= 180 s wall.
- Clean build of the real plan (median of 3): <= 8 s wall.
- Full clean build time of the real plan and of synthetic plans 4x and 10x its size: 10x <= 10 x (1x).
- Data load and validation time of the real plan.
- Worst cases (bench/worst_cases.py): the slowest plan files we could construct within the size limits, each
  validated, formatted or converted by the command line within worst_cases.BUDGET_S CPU seconds.
The site is served with gzip, as a static host would. Results: a table on stdout and bench/results/results.json.
Exit status 1 if any budget is missed. `--only suite,build` measures just those two (the rest takes long).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lnplan.browser import BrowserNotFound, find_browser  # noqa: E402
from lnplan.build import build  # noqa: E402
from lnplan.loader import load_plan  # noqa: E402
from lnplan.reading.files import PLAN_DIR  # noqa: E402
from lnplan.synth import write_synthetic  # noqa: E402

import search_bench  # noqa: E402
import worst_cases  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
try:
    CHROMIUM = find_browser()  # Playwright and Lighthouse (CHROME_PATH) both use it
except BrowserNotFound as exc:
    raise SystemExit(f"error: {exc}")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
PAGES = ["", "measures/2.1.1/", "units/commerce/"]
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as GitHub Pages and most hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        ctype = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("json") or ctype.endswith("javascript") or ctype.endswith("xml"):
            ctype += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE):
            data = gzip.compress(data, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        import io

        return io.BytesIO(data)


def serve(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def timed_build(plan_dir: Path, out: Path, url: str) -> float:
    start = time.perf_counter()
    devnull = open(os.devnull, "w")
    stdout, sys.stdout = sys.stdout, devnull
    try:
        rc = build(out, url, plan_dir)
    finally:
        sys.stdout = stdout
    if rc != 0:
        raise SystemExit(f"build of {plan_dir} failed")
    return time.perf_counter() - start


SUITE_BUDGET_S = 180
BUILD_BUDGET_S = 8


def pytest_args() -> list[str]:
    """The flags `make test` gives pytest (PYTEST_ARGS in the Makefile)."""
    found = re.search(r"^PYTEST_ARGS \?= *(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    return found.group(1).split() if found else []


def timed_suite() -> tuple[float, str]:
    """Wall time of the whole test suite, run as `make test` runs it once set up; and pytest's last line."""
    start = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - start
    summary = (r.stdout.strip().splitlines() or [""])[-1]
    if r.returncode != 0:
        raise SystemExit(f"the test suite failed: {summary}\n{r.stdout[-3000:]}")
    return seconds, summary


def suite_and_build(results: dict, failures: list[str], tmp: Path, url: str) -> None:
    """The two budgets of a quick answer: the whole test suite and a clean build of the real plan."""
    seconds, summary = timed_suite()
    results["suite_s"], results["suite"] = round(seconds, 1), summary
    if seconds > SUITE_BUDGET_S:
        failures.append(f"the test suite took {seconds:.0f} s, more than {SUITE_BUDGET_S} s")
    runs = [timed_build(PLAN_DIR, tmp / f"clean{i}", url) for i in range(3)]
    results["build_real_s"] = round(statistics.median(runs), 2)
    results["build_real_runs_s"] = [round(r, 2) for r in runs]
    if results["build_real_s"] > BUILD_BUDGET_S:
        failures.append(
            f"a clean build of the real plan took {results['build_real_s']} s, more than {BUILD_BUDGET_S} s"
        )


def print_suite_and_build(results: dict) -> None:
    print(f"Test suite (python -m pytest {' '.join(pytest_args())}): {results['suite_s']} s, {results['suite']}")
    print(f"  (budget {SUITE_BUDGET_S} s)")
    runs = " / ".join(map(str, results["build_real_runs_s"]))
    print(f"Clean build of the real plan, median of 3: {results['build_real_s']} s ({runs}; budget {BUILD_BUDGET_S} s)")


LIGHTHOUSE_RUNS = 3  # the median of a few runs: one run's performance score moves with the machine's load


def lighthouse(url: str, workdir: Path) -> dict:
    report = workdir / "lh.json"
    runs = []
    for _ in range(LIGHTHOUSE_RUNS):
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            cwd=workdir,
        )
        data = json.loads(report.read_text())
        runs.append({k: round(100 * v["score"]) for k, v in data["categories"].items()})
    return {k: round(statistics.median(r[k] for r in runs)) for k in runs[0]}


FIRST_QUERIES = {"zh": ["大连", "营商环境", "发改委"], "en": ["Dalian", "business environment", "DRC"]}
FIRST_VIEW_BUDGET = 80 * 1024
FIRST_QUERY_BUDGET = 150 * 1024
RECALL_BUDGET = 0.90


def search_and_weight(url: str, url10: str, plan: dict, site: Path) -> tuple[dict, list[str]]:
    """Search quality, and bytes of a measure page's first view and of its first and later queries (both languages,
    real plan), and of the same page's first view at 10x."""
    from playwright.sync_api import sync_playwright

    results: dict = {}
    failures = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for lang, prefix in (("zh", ""), ("en", "en/")):
            cost = search_bench.costs(b, url, prefix + "measures/2.1.1/", FIRST_QUERIES[lang])
            at10 = search_bench.costs(b, url10, prefix + "measures/2.1.1/", [])
            cost["page_load_10x"] = at10["page_load"]
            results[f"cost_{lang}"] = cost
            first, later = cost["queries"][0]["bytes"], [q["bytes"] for q in cost["queries"][1:]]
            if cost["page_load"] > FIRST_VIEW_BUDGET:
                failures.append(
                    f"first view of a measure page ({lang}) is {cost['page_load'] / 1024:.1f} KB, over 80 KB"
                )
            if cost["page_load_search"]:
                failures.append(
                    f"a measure page ({lang}) loads {cost['page_load_search']} bytes for search before any search"
                )
            if abs(at10["page_load"] - cost["page_load"]) > 0.05 * cost["page_load"]:
                failures.append(
                    f"first view at 10x ({lang}) is {at10['page_load']} bytes, not within 5 % of {cost['page_load']}"
                )
            if first > FIRST_QUERY_BUDGET:
                failures.append(f"the first query ({lang}) costs {first / 1024:.1f} KB, over 150 KB")
            cost["first_query"], cost["later_query_max"] = first, max(later)
            home = search_bench.costs(b, url, prefix, [])  # the home page carries the map
            results[f"home_{lang}"] = home["page_load"]
            if home["page_load"] > FIRST_VIEW_BUDGET:
                failures.append(
                    f"first view of the home page ({lang}) is {home['page_load'] / 1024:.1f} KB, over 80 KB"
                )
        quality = search_bench.quality(b, url, plan, site)
        b.close()
    for lang, q in quality.items():
        if q["top1"] < 0.95:
            failures.append(f"search top-1 ({lang}) is {q['top1']:.1%}, under 95 %: not first for {q['not_top1']}")
        if q["misses_top5"]:
            failures.append(f"search ({lang}): no relevant result in the top 5 for {q['misses_top5']}")
        if q["recall"] < RECALL_BUDGET:
            failures.append(f"search recall ({lang}) is {q['recall']:.1%}, under 90 %: low for {q['recall_under_90']}")
    results["search_quality"] = quality
    return results, failures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    only = argv[1].split(",") if argv[:1] == ["--only"] and len(argv) > 1 else None
    if only is not None and set(only) != {"suite", "build"}:
        raise SystemExit("usage: bench/bench.py [--only suite,build]")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    failures = []
    port = 8123
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # --- the whole test suite, then clean builds of the real plan, on a machine nothing else of ours loads
        suite_and_build(results, failures, tmp, url)
        if only is not None:
            results["failures"] = failures
            (RESULTS / "suite-build.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
            print(f"Machine: {results['machine']}  ({results['date']})")
            print_suite_and_build(results)
            if failures:
                print("\nBudgets missed:\n- " + "\n- ".join(failures))
                return 1
            return 0
        # --- load and validation time
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            load_plan(PLAN_DIR)
            runs.append(time.perf_counter() - start)
        results["load_validate_s"] = round(statistics.median(runs), 3)
        # --- worst cases: every check linear, any file within the limits checked in seconds
        results["worst_cases"], missed = worst_cases.run_all()
        failures += missed
        # --- build scaling (clean builds)
        times = {}
        for factor in (1, 4, 10):
            plan_dir = PLAN_DIR if factor == 1 else write_synthetic(factor, tmp / f"plan{factor}")
            times[factor] = round(timed_build(plan_dir, tmp / f"site{factor}", url), 2)
        results["build_s"] = times
        if times[10] > 10 * times[1]:
            failures.append(f"10x build took {times[10]} s, more than 10 x {times[1]} s")
        site = tmp / "site1"
        # --- search: quality and bytes; page weight
        results["pagefind_bytes"] = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
        httpd, httpd10 = serve(site, port), serve(tmp / "site10", port + 1)
        try:
            plan = json.loads((site / "data" / "plan.json").read_text(encoding="utf-8"))
            found, missed = search_and_weight(url, f"http://127.0.0.1:{port + 1}/", plan, site)
            results.update(found)
            failures += missed
            # --- Lighthouse
            if not LIGHTHOUSE.exists():
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT / "bench", check=True)
            scores = {}
            for prefix in ("", "en/"):
                for path in PAGES:
                    scores["/" + prefix + path] = s = lighthouse(url + prefix + path, tmp)
                    if s["performance"] < 95 or s["accessibility"] < 100 or s["best-practices"] < 100 or s["seo"] < 95:
                        failures.append(f"Lighthouse /{prefix}{path}: {s}")
            results["lighthouse"] = scores
        finally:
            httpd.shutdown()
            httpd10.shutdown()
    results["failures"] = failures
    (RESULTS / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Machine: {results['machine']}  ({results['date']})")
    print_suite_and_build(results)
    print(f"Data load + validation (real plan, median of 5): {results['load_validate_s']} s")
    print(
        f"Worst cases (files within {worst_cases.MAX_FILE_BYTES:,} bytes and {worst_cases.MAX_NODES:,} values, budget "
        f"{worst_cases.BUDGET_S} CPU s each): "
        + ", ".join(f"{r['case']} {r['seconds']} s" for r in results["worst_cases"])
    )
    print(
        f"Clean build, both languages: 1x {times[1]} s · 4x {times[4]} s · 10x {times[10]} s "
        f"(10x/1x = {times[10] / times[1]:.1f}, budget <= 10)"
    )
    print(f"Pagefind bundle on disk (both languages): {results['pagefind_bytes'] / 1024:.0f} KB")
    print(
        "\n| | first view, measure page (10x) | of it for search | first query | later queries (max) |"
        " top-1 | MRR | P@5 | no relevant in top 5 | recall (lowest) |\n|---|---|---|---|---|---|---|---|---|---|"
    )
    for lang in ("zh", "en"):
        print(
            f"First view of the home page ({lang}, gzip, all requests, with the map): "
            f"{results[f'home_{lang}'] / 1024:.1f} KB (budget 80 KB)"
        )
    for lang in ("zh", "en"):
        c, q = results[f"cost_{lang}"], results["search_quality"][lang]
        print(
            f"| {lang} ({q['queries']} queries, {q['typos']} typos) |"
            f" {c['page_load'] / 1024:.1f} KB ({c['page_load_10x'] / 1024:.1f} KB) |"
            f" {c['page_load_search']} B | {c['first_query'] / 1024:.1f} KB | {c['later_query_max'] / 1024:.1f} KB |"
            f" {q['top1']:.1%} | {q['mrr']:.3f} | {q['p5']:.3f} | {len(q['misses_top5'])} |"
            f" {q['recall']:.1%} ({q['recall_min']:.0%}) |"
        )
    print("\n| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|")
    for page, s in results["lighthouse"].items():
        print(f"| {page} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
    if failures:
        print("\nBudgets missed:\n- " + "\n- ".join(failures))
        return 1
    print("\nAll budgets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
