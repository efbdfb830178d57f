"""`make bench`: speed and size budgets, measured (not asserted by timed tests).

- Lighthouse 12.2.3 (mobile) for home, a measure page and a unit page, in both languages:
  performance >= 95, accessibility 100, best practices 100, SEO >= 95.
- Bytes transferred for the first view of the home page (it carries the map) and of a measure page (all requests,
  gzip): <= 150 KB each; search index sizes.
- Full clean build time of the real plan and of synthetic plans 4x and 10x its size: 10x <= 10 x (1x).
- Data load and validation time of the real plan.
The site is served with gzip, as a static host would. Results: a table on stdout and bench/results/results.json.
Exit status 1 if any budget is missed.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import platform
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
from lnplan.loader import PLAN_DIR, load_plan  # noqa: E402
from lnplan.synth import write_synthetic  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
try:
    CHROMIUM = find_browser()  # Playwright and Lighthouse (CHROME_PATH) both use it
except BrowserNotFound as exc:
    raise SystemExit(f"error: {exc}")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
PAGES = ["", "measures/2.1.1/", "units/commerce/"]
FIRST_VIEW = {"home": "", "measure": "measures/2.1.1/"}  # the home page carries the map
FIRST_VIEW_BUDGET = 150 * 1024
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
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory)))
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


def lighthouse(url: str, workdir: Path) -> dict:
    report = workdir / "lh.json"
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=workdir)
    data = json.loads(report.read_text())
    return {k: round(100 * v["score"]) for k, v in data["categories"].items()}


def first_view_bytes(url: str) -> tuple[int, list[tuple[str, int]]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        page = b.new_page()
        responses = []
        page.on("requestfinished", lambda r: responses.append(r))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        sizes = []
        for r in responses:
            s = r.sizes()
            sizes.append((r.url, s["responseBodySize"] + s["responseHeadersSize"]))
        b.close()
    return sum(n for _, n in sizes), sizes


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}",
                     "date": time.strftime("%Y-%m-%d")}
    failures = []
    port = 8123
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # --- load and validation time
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            load_plan(PLAN_DIR)
            runs.append(time.perf_counter() - start)
        results["load_validate_s"] = round(statistics.median(runs), 3)
        # --- build scaling (clean builds)
        times = {}
        for factor in (1, 4, 10):
            plan_dir = PLAN_DIR if factor == 1 else write_synthetic(factor, tmp / f"plan{factor}")
            times[factor] = round(timed_build(plan_dir, tmp / f"site{factor}", url), 2)
        results["build_s"] = times
        if times[10] > 10 * times[1]:
            failures.append(f"10x build took {times[10]} s, more than 10 x {times[1]} s")
        site = tmp / "site1"
        # --- sizes
        for lang, prefix in (("zh", ""), ("en", "en/")):
            raw = (site / prefix / "search" / "search_index.json").read_bytes()
            results[f"search_index_{lang}"] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))}
        httpd = serve(site, port)
        try:
            for name, path in FIRST_VIEW.items():
                total, sizes = first_view_bytes(url + path)
                results[f"{name}_first_view_bytes"] = total
                results[f"{name}_first_view_requests"] = [(u.replace(url, "/"), n) for u, n in sizes]
                if total > FIRST_VIEW_BUDGET:
                    failures.append(f"first view of the {name} page is {total / 1024:.1f} KB, over {FIRST_VIEW_BUDGET // 1024} KB")
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
    results["failures"] = failures
    (RESULTS / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Machine: {results['machine']}  ({results['date']})")
    print(f"Data load + validation (real plan, median of 5): {results['load_validate_s']} s")
    print(f"Clean build, both languages: 1x {times[1]} s · 4x {times[4]} s · 10x {times[10]} s (10x/1x = {times[10] / times[1]:.1f}, budget <= 10)")
    for name in FIRST_VIEW:
        print(f"First view of the {name} page (gzip, all requests): {results[f'{name}_first_view_bytes'] / 1024:.1f} KB (budget 150 KB)")
    for lang in ("zh", "en"):
        s = results[f"search_index_{lang}"]
        print(f"Search index ({lang}): {s['bytes'] / 1024:.0f} KB, {s['gzip_bytes'] / 1024:.0f} KB gzip")
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
