"""Fault injection: hostile and broken plan files (issues 12 and 17).

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
import time
from contextlib import contextmanager
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FORMULA, PY, ROOT, SITE_URL, engines_of, invoke, validate
from lnplan import checksite, releases, safefiles, yamlio
from lnplan.__main__ import main
from lnplan.reading import checks
from lnplan.reading.files import PLAN_DIR


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
    (
        "merge-key",
        _replace("units.yaml", "  - id: commerce\n", "  - id: commerce\n    <<: {x: 1}\n"),
        "<<: {x: 1}",
        "merge key",
    ),
    ("nul-byte", _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\x00沈阳"), "\x00", "U+0000"),
    ("esc-byte", _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\x1b沈阳"), "\x1b", "U+001B"),
    (
        "zero-width",
        _replace("chapters/2.yaml", "zh: 提升沈阳", "zh: 提升\u200b沈阳"),
        "\u200b",
        "U+200B ZERO WIDTH SPACE",
    ),
    (
        "deep-nesting",
        _replace("units.yaml", "kind: collective", "kind: " + "[" * 10000 + "]" * 10000),
        "[[[[",
        "nest more than",
    ),
    ("binary-tag", _replace("units.yaml", "kind: collective", "kind: !!binary aGVsbG8="), "!!binary", "explicit tag"),
    (
        "python-tag",
        _replace("units.yaml", "kind: collective", "kind: !!python/object/apply:os.system ['id']"),
        "!!python",
        "explicit tag",
    ),
    (
        "duplicate-key",
        _replace("units.yaml", "  - id: commerce\n", "  - id: commerce\n    id: trade\n"),
        "id: trade",
        "duplicate key 'id'",
    ),
    (
        "huge-int",
        _replace("targets.yaml", "value: 30\n", f"value: {10**400}\n"),
        "value: 1000",
        "a number of 401 digits",
    ),
    ("huge-float", _replace("targets.yaml", "value: 30\n", "value: 1.0e+308\n"), "value: 1.0e+308", "out of range"),
    ("nan", _replace("targets.yaml", "value: 30\n", "value: .nan\n"), "value: .nan", "not a finite number"),
    ("inf", _replace("targets.yaml", "value: 30\n", "value: .inf\n"), "value: .inf", "not a finite number"),
    ("negative", _replace("targets.yaml", "value: 30\n", "value: -30\n"), "value: -30", "expected a number at least 0"),
    (
        "id-newline",
        _replace("units.yaml", "  - id: commerce\n", '  - id: "commerce\\n"\n'),
        'id: "commerce',
        "U+000A LINE FEED",
    ),
    (
        "reserved-id",
        _replace("places.yaml", "  - id: shenyang\n", "  - id: index\n"),
        "id: index",
        "'index' is reserved",
    ),
    (
        "overlong-text",
        _replace("chapters/2.yaml", "\n      en: ", "\n      en: " + "x" * 40000),
        "x" * 100,
        "the limit for this field is 8,000",
    ),
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


@pytest.mark.parametrize(
    "name, message",
    [
        ("units.yml", "rename it to units.yaml"),
        ("notes.txt", "unexpected file"),
        ("chapters/draft.md", "unexpected file"),
    ],
)
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


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ("  - id: commerce\n", "  - id: commerce\n    id: trade\n", "id: trade", "duplicate key 'id'"),
        (
            "  - id: commerce\n",
            "  # the provincial commerce department\n  - id: commerce\n",
            "# the provincial",
            "a comment",
        ),
    ],
)
def test_fmt_refuses_what_it_would_lose_and_writes_nothing(plan_copy, old, new, needle, message):
    units = plan_copy.read("units.yaml").replace(old, new, 1)
    plan_copy.write("units.yaml", units)
    other = plan_copy.dir / "places.yaml"  # a file fmt would otherwise rewrite
    other.write_text(other.read_text(encoding="utf-8").replace("\n  ", "\n"), encoding="utf-8")
    before = other.read_text(encoding="utf-8")
    r = invoke("lnplan", "fmt", "--plan", str(plan_copy.dir))
    assert_clean_failure(r, f"units.yaml:{line_of(units, needle)}:", message, "nothing was formatted")
    assert plan_copy.read("units.yaml") == units and other.read_text(encoding="utf-8") == before


# ---- the output directory ------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["plan", "docs", ".", "docs/site"])
def test_build_refuses_an_output_directory_that_holds_sources(out):
    before = sorted(p.relative_to(ROOT) for p in (ROOT / "plan").rglob("*"))
    r = invoke("lnplan.build", "--out", str(ROOT / out))
    assert_clean_failure(r, "refused: --out")
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "plan").rglob("*")) == before
    assert (ROOT / "docs" / "assets" / "extra.css").is_file()


def test_build_refuses_a_directory_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("months of work", encoding="utf-8")
    r = invoke("lnplan.build", "--out", str(out))
    assert_clean_failure(r, "was not written by a build")
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "months of work"


# ---- operating-system errors and engine tracebacks end in one line ---------------------------------------------


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.EROFS, "Read-only file system"),
        (errno.ENOSPC, "No space left on device"),
        (errno.EACCES, "Permission denied"),
    ],
)
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

    output = (
        'INFO - Building documentation...\nTraceback (most recent call last):\n  File "x.py", line 1, in <module>\n'
        "    f.write(data)\nOSError: [Errno 28] No space left on device\n"
    )
    assert summarize(output) == "OSError: [Errno 28] No space left on device"
    # A page that fails to render: the INFO lines before it are dropped, mkdocs-macros' reason is kept.
    macros = (
        "INFO - Cleaning site directory\nINFO - The following pages exist in the docs directory, but are not included "
        "in the nav:\n  - measures/2.1.1.md\nWARNING -  [macros] - ERROR # _Macro Rendering Error_\n\n_File_: "
        "`measures/2.1.1.md`\n\n_KeyError_: 'x'\n"
    )
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


def test_ctrl_c_exits_130_in_one_line_and_leaves_the_site(build_runs):
    code, output = build_runs["interrupted"]
    assert code == 130 and "interrupted" in output and "Traceback" not in output
    assert (build_runs["interrupted_out"] / "index.html").read_text() == "the previous site"
    assert not build_runs["interrupted_tmp"].exists()
    assert engines_of(str(build_runs["interrupted_tmp"])) == []


def test_a_killed_build_leaves_no_engine_and_the_next_build_removes_its_files(build_runs):
    assert engines_of(str(build_runs["killed_tmp"])) == []  # the engines died with their build
    assert not build_runs["killed_tmp"].exists()  # removed by the next build in the same place


def test_two_builds_at_once_still_work(build_runs):
    code, output = build_runs["finished"]
    assert code == 0, output
    assert (build_runs["parent"] / "finished" / "en" / "index.html").is_file()
    assert list(build_runs["parent"].glob(".build-*")) == []


# ---- hostile text: published literally, never evaluated ------------------------------------------------------------


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
        if tag in ("title", "h1", "h2", "h3", "td", "th", "dd", "script", "a", "p", "li"):
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


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.names.update(name for name, _ in attrs)


def test_no_plan_text_ends_an_attribute_and_adds_one(hostile):
    """Every payload carries '" onmouseover="…': printed unescaped inside an attribute (a title, a label, a
    description), it would give the element an event handler."""
    handlers = {}
    for page in hostile["site"].rglob("*.html"):
        p = _Attributes()
        p.feed(page.read_text(encoding="utf-8"))
        if "onmouseover" in p.names:
            handlers[str(page.relative_to(hostile["site"]))] = sorted(n for n in p.names if n.startswith("on"))
    assert handlers == {}


@pytest.mark.parametrize(
    "page, tag, where",
    [
        ("en/plan/2/index.html", "CH-EN", "title"),
        ("en/plan/2/index.html", "CH-EN", "h1"),
        ("en/measures/3.1.1/index.html", "CH-EN", "nav"),
        ("plan/2/index.html", "CH-ZH", "title"),
        ("index.html", "CH-ZH", "nav"),
        ("en/plan/2/index.html", "SEC-EN", "h2"),
        ("en/measures/2.1.1/index.html", "ITEM-EN", "title"),
        ("en/measures/2.1.1/index.html", "ITEM-EN", "h1"),
        ("en/measures/2.1.1/index.html", "TEXT-EN", "description"),
        ("en/measures/2.1.1/index.html", "TEXT-EN", "p"),
        ("en/units/development-and-reform-commission/index.html", "UNIT-EN", "title"),
        ("en/units/index.html", "UNIT-EN", "a"),
        ("units/index.html", "UNITFULL-ZH", "attribute"),
        ("en/places/dalian/index.html", "PLACE-EN", "h1"),
        ("en/targets/index.html", "METRIC-EN", "td"),
        ("en/glossary/index.html", "NOTE-EN", "td"),
        ("en/index.html", "PREAMBLE-EN", "description"),
        ("plan/index.html", "NOTICE-ZH", "p"),
        ("en/corrections/index.html", "CORR-EN", "td"),
        ("en/places/index.html", "SOURCE-EN", "li"),
        ("en/places/benxi/index.html", "FORM-EN", "p"),
        ("en/changes/index.html", "RELEASE-EN", "p"),
        ("en/measures/2.1.1/index.html", "SITE-EN", "title"),
        ("en/units/index.html", "SITE-EN", "attribute"),  # the logo link's label, on every page
        ("en/index.html", "RECORD-EN", "dd"),
        ("en/about/index.html", "ABOUT-H-EN", "h2"),
        ("en/about/index.html", "ABOUT-EN", "p"),
    ],
)
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
    assert (
        units["commerce"]["name"]["en"] == FORMULA
        and units["development-and-reform-commission"]["name"]["en"] == hostile["texts"]["UNIT-EN"]
    )
    rows = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO((hostile["site"] / "data/units.csv").read_text(encoding="utf-8-sig")))
    }
    assert rows["commerce"]["name_en"] == "'" + FORMULA  # shown as text by Excel, WPS and LibreOffice
    assert rows["development-and-reform-commission"]["name_en"] == "'" + hostile["texts"]["UNIT-EN"]
    measures = {
        r["id"]: r
        for r in csv.DictReader(io.StringIO((hostile["site"] / "data/measures.csv").read_text(encoding="utf-8-sig")))
    }
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
        cells = [
            c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
        ]
        assert cells, name
        assert all(c.data_type == "s" and FORMULA in c.value for c in cells), name
        starts = [
            c
            for ws in wb
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.startswith(("@SUM", "="))
        ]
        assert starts and all(c.data_type == "s" for c in starts), name


def test_hostile_text_in_the_feed_is_text(hostile):
    from xml.etree import ElementTree

    feed = ElementTree.parse(hostile["site"] / "en" / "feed.xml").getroot()
    texts = ["".join(e.itertext()) for e in feed.iter()]
    assert any(hostile["texts"]["RELEASE-EN"] in t for t in texts)  # well-formed XML, the payload shown as written


# ==== issue 17: plan files that cannot put live code on a page, reach outside the repository, or hang the build ====
#
# These run the command line in this process (lnplan.__main__.main), each bounded by a deadline: a command that
# would hang (a FIFO, /dev/zero, a quadratic check) fails its test in seconds instead of stopping the suite.

SECRET = "TOKEN-c2VjcmV0-NOT-FOR-LOGS"  # an outside file's only line: never printed


@contextmanager
def deadline(seconds: int = 30):
    """Fail, rather than wait, if the block runs longer than `seconds` (a hang is the fault being tested)."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cli(capsys, *args: str, seconds: int = 30) -> subprocess.CompletedProcess:
    """python -m lnplan ARGS, in this process, within a deadline; as a CompletedProcess for assert_clean_failure."""
    capsys.readouterr()
    with deadline(seconds):
        code = main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


def refused(r: subprocess.CompletedProcess, where: str, *words: str) -> str:
    """Exit 1, no traceback, and one line that names `where` (file, or file:line:column) and says each of `words`;
    that line."""
    assert_clean_failure(r)
    lines = [line for line in r.stderr.splitlines() if where in line]
    assert lines, f"{where!r} not in:\n{r.stderr}"
    assert all(w in lines[0] for w in words), f"{words} not in: {lines[0]}"
    return lines[0]


def line_col(text: str, needle: str) -> str:
    """'line:column' of the first occurrence of needle in text, as messages give it."""
    i = text.index(needle)
    return f"{text.count(chr(10), 0, i) + 1}:{i - (text.rfind(chr(10), 0, i) + 1) + 1}"


@pytest.fixture
def outside(tmp_path):
    """A directory outside the plan, holding a one-line secret and a valid copy of a plan file."""
    d = tmp_path / "outside"
    d.mkdir()
    (d / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    shutil.copy(PLAN_DIR / "glossary.yaml", d / "glossary.yaml")
    return d


def previous_site(tmp_path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / ".lnplan-site").write_text("")
    (out / "index.html").write_text("the previous site")
    return out


def assert_build_refused(plan_dir: Path, tmp_path, capsys, *words: str) -> None:
    """make build on this plan: refused before any page is built, site/ as it was."""
    from lnplan.build import build

    out = previous_site(tmp_path)
    capsys.readouterr()
    with deadline(60):
        assert build(out, SITE_URL, plan_dir) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and all(w in err for w in words), err
    assert SECRET not in err
    assert sorted(p.name for p in out.iterdir()) == [".lnplan-site", "index.html"]
    assert (out / "index.html").read_text() == "the previous site"


# ---- 1. web addresses: only http(s) with a host, in every URL field; no live scheme on any built page ----------

URL_FIELDS = [
    ("places.yaml", "https://www.geonames.org/"),
    ("units.yaml", "https://www.shenyang.gov.cn/english/aboutus/"),
    ("place_names.yaml", "http://www.mca.gov.cn/article/sj/xzqh/2020/"),
    ("place_names.yaml", "https://3dmxku.com/daquan/zonghe/6992180.html"),
    ("corrections.yaml", "http://news.cctv.cn/china/20090326/109172.shtml"),
]
BAD_URLS = [
    ("javascript:alert(document.cookie)", "only https:// and http://"),
    ("JaVaScRiPt:alert(1)", "only https:// and http://"),
    ("data:text/html,<script>alert(1)</script>", "only https:// and http://"),
    ("vbscript:msgbox(1)", "only https:// and http://"),
    ("//evil.example/x", "only https:// and http://"),
    ("https:evil.example", "only https:// and http://"),
    ("https://", "no host name"),
    ("https://user:pw@evil.example/", "user name or password"),
    ("https://www.ln.gov.cn/a b", "contains a space"),
    ("https://www.ln.gov.cn\\@evil.example/", "contains '\\'"),
    ("https://沈阳.example/", "contains '沈'"),
    ("https://www.ln.gov.cn:99999/", "port"),
]


@pytest.mark.parametrize("bad, words", BAD_URLS, ids=[b for b, _ in BAD_URLS])
def test_only_web_addresses_with_a_host_are_links(bad, words):
    assert words in checks.url_problem(bad)


def test_every_url_field_takes_only_web_addresses(plan_copy, capsys):
    texts = {rel: plan_copy.read(rel) for rel, _ in URL_FIELDS}
    for k, (rel, good) in enumerate(URL_FIELDS):  # one hostile address in each kind of URL field, checked in one run
        plan_copy.write(rel, plan_copy.read(rel).replace(good, f"javascript:alert({k})", 1))
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    for k, (rel, good) in enumerate(URL_FIELDS):
        refused(
            r,
            f"{rel}:{line_col(texts[rel], good)}:",
            f'"javascript:alert({k})" is not a web address the site can link to',
            "only https:// and http://",
            "write an address that begins with https://",
        )
    assert [c for c in checks.url_problem("https://www.ln.gov.cn/a%20b?x=1#y") or ""] == []


def test_a_javascript_source_is_refused_before_the_build_and_site_is_unchanged(plan_copy, tmp_path, capsys):
    plan_copy.write(
        "places.yaml", plan_copy.read("places.yaml").replace("https://www.geonames.org/", "javascript:alert(1)")
    )
    assert_build_refused(plan_copy.dir, tmp_path, capsys, "places.yaml:", "javascript:alert(1)", "nothing was built")


def test_every_url_property_of_the_schema_is_checked_as_a_web_address():
    schema = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.get("properties", {}).items():
                if k == "url" and v.get("type") == "string":
                    yield path + "/" + k, v.get("format")
            for k, v in node.items():
                yield from walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, f"{path}/{i}")

    plan_defs = {
        k: v for k, v in schema["$defs"].items() if not k.startswith(("export", "api"))
    }  # what plan files hold
    found = dict(walk(plan_defs, ""))
    assert len(found) >= 4 and all(f == "uri" for f in found.values()), found
    assert not checks.FORMATS.conforms("javascript:alert(1)", "uri") and checks.FORMATS.conforms(
        "https://www.ln.gov.cn/", "uri"
    )


LIVE = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVa&#9;ScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img srcset="a.png 1x, data:image/png;base64,AAAA 2x" alt="">',
    '<form action="javascript:alert(1)"></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<p onclick="alert(1)">x</p>',
    '<link rel="alternate" href="javascript:alert(1)">',
]


@pytest.mark.parametrize("html", LIVE)
def test_checksite_fails_a_page_with_live_code_in_an_address(tmp_path, capsys, html):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")
    assert checksite.main([str(site)]) == 1
    err = capsys.readouterr().err
    assert "index.html: <" in err and ("runs or shows code" in err or "inline event handler" in err), err


# ---- 2. symbolic links, FIFOs and devices: refused before they are opened; outside files never printed ----------


def test_a_link_to_an_outside_secret_is_refused_and_the_secret_never_printed(plan_copy, outside, tmp_path, capsys):
    (plan_copy.dir / "glossary.yaml").unlink()
    (plan_copy.dir / "glossary.yaml").symlink_to(outside / "secret.txt")
    for command in (("validate",), ("fmt",), ("fmt", "--check"), ("punctuation",), ("punctuation", "--check")):
        r = cli(capsys, *command, "--plan", str(plan_copy.dir))
        refused(r, "glossary.yaml: ", "is a symbolic link", "regular files inside the repository")
        assert SECRET not in r.stdout + r.stderr, command
    assert (outside / "secret.txt").read_text(encoding="utf-8") == SECRET + "\n"  # fmt wrote nothing through the link
    assert_build_refused(plan_copy.dir, tmp_path, capsys, "glossary.yaml", "symbolic link")


def test_a_link_to_valid_yaml_elsewhere_is_not_plan_data(plan_copy, outside, capsys):
    (plan_copy.dir / "glossary.yaml").unlink()
    (plan_copy.dir / "glossary.yaml").symlink_to(outside / "glossary.yaml")
    (outside / "glossary.yaml").write_text(
        (outside / "glossary.yaml").read_text(encoding="utf-8").replace("\n  ", "\n"), encoding="utf-8"
    )
    before = (outside / "glossary.yaml").read_bytes()
    refused(cli(capsys, "validate", "--plan", str(plan_copy.dir)), "glossary.yaml: ", "is a symbolic link")
    refused(cli(capsys, "fmt", "--plan", str(plan_copy.dir)), "glossary.yaml: ", "is a symbolic link")
    assert (outside / "glossary.yaml").read_bytes() == before  # not rewritten


@pytest.mark.parametrize("where", ["chapters", "releases", "plan"])
def test_a_linked_directory_is_refused(plan_copy, tmp_path, capsys, where):
    if where == "plan":  # the plan directory itself a link to a copy elsewhere
        real = tmp_path / "elsewhere"
        plan_copy.dir.rename(real)
        plan_copy.dir.symlink_to(real)
        r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
        refused(r, "plan: ", "is a symbolic link, not a directory")
        return
    real = tmp_path / f"outside-{where}"
    shutil.move(str(plan_copy.dir / where), real)
    (plan_copy.dir / where).symlink_to(real)
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    refused(r, f"{where}: ", "unexpected symbolic link")
    if where == "chapters":
        refused(r, "chapters/1.yaml: ", f"the directory {where}/ on the way to it is a symbolic link")


def test_a_link_among_the_snapshots_or_the_source_text_is_refused(plan_copy, outside, tmp_path, capsys):
    snapshot = plan_copy.dir / "releases" / "1.0.0.json"
    snapshot.unlink()
    snapshot.symlink_to(outside / "secret.txt")
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    refused(r, "releases.yaml:", "snapshot", "1.0.0.json is a symbolic link")
    assert SECRET not in r.stderr
    source = tmp_path / "source.txt"
    source.symlink_to(outside / "secret.txt")
    r = cli(capsys, "validate", "--source", str(source))
    refused(r, "source.txt: ", "is a symbolic link")
    assert SECRET not in r.stdout + r.stderr


def test_an_unexpected_link_is_refused_without_being_followed(plan_copy, outside, capsys):
    (plan_copy.dir / "notes.yaml").symlink_to(outside / "secret.txt")
    (plan_copy.dir / "loop").symlink_to(plan_copy.dir)  # would make a walk that follows links go round forever
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    refused(r, "notes.yaml: ", "unexpected symbolic link")
    refused(r, "loop: ", "unexpected symbolic link")
    assert SECRET not in r.stderr


def test_a_link_among_the_files_the_engines_copy_is_refused(tmp_path, outside, capsys, monkeypatch):
    """MkDocs copies docs/ into the site and follows links: a link there would publish an outside file."""
    from lnplan import build as b

    root = tmp_path / "repo"
    for d in b.SOURCE_DIRS:
        (root / d).mkdir(parents=True)
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "notes.txt").symlink_to(outside / "secret.txt")
    monkeypatch.setattr(b, "ROOT", root)
    out = previous_site(tmp_path)
    capsys.readouterr()
    assert b.build(out, SITE_URL, PLAN_DIR) == 1
    err = capsys.readouterr().err
    assert "refused: docs/assets/notes.txt is a symbolic link" in err and SECRET not in err and "Traceback" not in err
    assert (out / "index.html").read_text() == "the previous site"
    monkeypatch.setattr(b, "ROOT", ROOT)
    b.check_sources()  # the repository itself has none


# ---- 3. FIFOs, /dev/zero and huge files: never waited on, never read past the limit --------------------------------


@pytest.mark.parametrize("command", [("validate",), ("fmt", "--check"), ("punctuation", "--check")])
def test_a_fifo_or_dev_zero_as_a_plan_file_ends_at_once(plan_copy, capsys, command):
    (plan_copy.dir / "glossary.yaml").unlink()
    os.mkfifo(plan_copy.dir / "glossary.yaml")
    refused(cli(capsys, *command, "--plan", str(plan_copy.dir), seconds=20), "glossary.yaml: ", "is a FIFO")
    (plan_copy.dir / "glossary.yaml").unlink()
    (plan_copy.dir / "glossary.yaml").symlink_to("/dev/zero")
    refused(cli(capsys, *command, "--plan", str(plan_copy.dir), seconds=20), "glossary.yaml: ", "is a symbolic link")


def test_a_fifo_as_a_snapshot_ends_at_once(plan_copy, capsys):
    snapshot = plan_copy.dir / "releases" / "1.0.0.json"
    snapshot.unlink()
    os.mkfifo(snapshot)
    refused(cli(capsys, "validate", "--plan", str(plan_copy.dir), seconds=20), "releases.yaml:", "1.0.0.json is a FIFO")


def test_reads_stop_one_byte_past_the_limit(monkeypatch):
    """A file whose size the system does not tell (/proc reports 0 bytes) is read only up to the limit plus one."""
    proc = Path(f"/proc/{os.getpid()}")
    if not (proc / "maps").is_file():
        pytest.skip("no /proc")
    read = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real(fd, n))
    with pytest.raises(safefiles.Refused, match="more than 100 bytes; plan files are limited to 100 bytes"):
        safefiles.read_bytes(proc / "maps", proc, limit=100)
    assert sum(read) <= 101


def test_a_sparse_huge_file_is_refused_without_reading_it(plan_copy, capsys):
    with open(plan_copy.dir / "units.yaml", "r+b") as f:
        f.truncate(8 * 1024**3)  # 8 GiB, nothing written
    refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        "units.yaml: ",
        "file is 8,589,934,592 bytes",
        "limited to 2,097,152",
    )


# ---- 4. linear checks: the worst files we could construct end in seconds (make bench times them) -----------------


def test_a_long_list_mixing_a_number_with_ids_is_checked_at_once(plan_copy, capsys):
    """jsonschema compared every pair of such items: 65 s for 40,000 (issue 17)."""
    ids = "".join(f"          - p{i:05d}\n" for i in range(40_000))
    plan_copy.write(
        "chapters/2.yaml",
        plan_copy.read("chapters/2.yaml").replace(
            "        places:\n          - shenyang\n",
            "        places:\n          - 1\n" + ids + "          - p00007\n",
            1,
        ),
    )
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir), seconds=20)
    refused(r, "chapters/2.yaml:", "wrong type: got int 1")
    v = checks.validator("places", json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")))
    errors = list(v.iter_errors(["a", "b", 1, "a", 1.0, True]))
    assert [(list(e.path), e.message) for e in errors if e.validator == "uniqueItems"] == [
        ([3], '"a" is listed twice (first at [0]); list each once'),
        ([4], "1.0 is listed twice (first at [2]); list each once"),
    ]


def test_many_comment_lines_are_found_at_once(plan_copy, capsys):
    """fmt looked up the line of each comment among all lines: 120 KB of comments ran past 120 s (issue 17)."""
    text = plan_copy.read("glossary.yaml")
    plan_copy.write("glossary.yaml", text + "".join(f"# note {i}\n" for i in range(12_000)))
    r = cli(capsys, "fmt", "--check", "--plan", str(plan_copy.dir), seconds=20)
    refused(r, f"glossary.yaml:{text.count(chr(10)) + 1}:1:", "a comment", "(12,000 in this file)")


def test_a_file_with_too_many_values_is_refused_where_the_limit_is_passed(plan_copy, capsys):
    plan_copy.write(
        "chapters/2.yaml",
        plan_copy.read("chapters/2.yaml").replace(
            "        places:\n          - shenyang\n", "        places: [" + "a," * 200_500 + "a]\n", 1
        ),
    )
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir), seconds=30)
    refused(r, "chapters/2.yaml:", "more than 200,000 values")


def test_the_plan_files_together_hold_a_limited_number_of_values(plan_copy, capsys):
    """Each file may hold 200,000 values, but not every file: 17 full files would take a minute to check."""
    for rel in ("units.yaml", "places.yaml"):  # read in this order, after document.yaml
        plan_copy.write(rel, plan_copy.read(rel) + "extra: [" + "1," * 130_000 + "1]\n")
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    refused(
        r, "places.yaml:", "the plan's files hold more than 250,000 values (texts, numbers, lists, mappings) together"
    )
    assert not [line for line in r.stderr.splitlines() if "units.yaml" in line and "values" in line]  # within the limit


def test_many_problems_stop_the_check_with_a_line_that_says_so(plan_copy, capsys):
    plan_copy.write(
        "chapters/2.yaml",
        plan_copy.read("chapters/2.yaml").replace(
            "        places:\n          - shenyang\n",
            "        places:\n" + "".join(f"          - p{i:05d}\n" for i in range(5000)),
            1,
        ),
    )
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    assert_clean_failure(r, "unknown place 'p00000'", "the check stopped after 200 problems")
    assert len(r.stderr.splitlines()) < 210


# ---- 5. YAML 1.1 numbers and booleans; a target's value against the text it quotes ---------------------------------

YAML11 = [
    ("value: 30\n", "value: 030\n", "030", "as the number 24 (octal"),
    ("value: 30\n", "value: 0x1e\n", "0x1e", "hexadecimal"),
    ("value: 30\n", "value: 0b11110\n", "0b11110", "binary"),
    ("value: 30\n", "value: 1_000\n", "1_000", "grouped with '_'"),
    ("value: 30\n", "value: +30\n", "+30", "a leading '+'"),
    ("value: 30\n", "value: 1:30\n", "1:30", "as the number 90 (in base 60)"),
    ("value: 30\n", "value: 30.\n", "30.", "without digits on both sides"),
    ("aspirational: true\n", "aspirational: yes\n", "yes", "'yes' is read by YAML 1.1 as true; write true or false"),
]


@pytest.mark.parametrize("old, new, needle, words", YAML11, ids=[c[2] for c in YAML11])
def test_yaml_11_numbers_and_booleans_are_refused_with_what_to_write(plan_copy, capsys, old, new, needle, words):
    text = plan_copy.read("targets.yaml").replace(old, new, 1)
    plan_copy.write("targets.yaml", text)
    line = refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        f"targets.yaml:{line_col(text, new.split(': ')[1])}:",
        words,
    )
    assert "write" in line and "quote it if it is text" in line


def test_a_time_like_text_is_refused_with_the_advice_to_quote_it(plan_copy, capsys):
    text = plan_copy.read("glossary.yaml")
    en = text.split("      en: ", 1)[1].split("\n", 1)[0]
    plan_copy.write("glossary.yaml", text.replace("      en: " + en, "      en: 12:30:00", 1))
    refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        "glossary.yaml:",
        "'12:30:00' looks like a time",
        "the number 45000",
        "quote it if it is text ('12:30:00')",
    )


def test_a_target_value_must_be_the_number_its_text_gives(plan_copy, capsys):
    text = plan_copy.read("targets.yaml").replace("value: 30\n", "value: 45\n", 1)
    plan_copy.write("targets.yaml", text)
    refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        f"targets.yaml:{line_col(text, '45')}: targets[0].value:",
        "value 45 is not in the text it quotes",
        "which writes 30",
    )
    assert checks.numbers_in("金融业增加值力争实现千亿元") == {1000.0} and checks.numbers_in(
        "达到9,000家，增长7.7%"
    ) == {9000.0, 7.7}


# ---- 6. rules across records and files ---------------------------------------------------------------------------


def _first(d, key, ident):
    return next(x for x in d[key] if x["id"] == ident)


def _clause(d, raw, groups):
    d["sections"][0]["items"][0]["responsibility"] = {"raw": raw, "groups": groups}


TERMS = len(yamlio.load((PLAN_DIR / "glossary.yaml").read_text(encoding="utf-8"))[0]["terms"])  # a new term's index
CROSS = [
    (
        "glossary.yaml",
        lambda d: d["terms"].append({"id": "again", "term": dict(d["terms"][0]["term"], en="Another rendering")}),
        f"terms[{TERMS}].term.zh",
        "is already defined at terms[0]",
    ),
    (
        "glossary.yaml",
        lambda d: d["terms"].append({"id": "other", "term": {"zh": "另一术语", "en": d["terms"][1]["term"]["en"]}}),
        f"terms[{TERMS}].term.en",
        "is also the rendering of terms[1]",
    ),
    (
        "chapters/2.yaml",
        lambda d: _clause(d, "省商务厅、省商务厅", [{"units": ["commerce", "commerce"], "etc": False}]),
        "sections[0].items[0].responsibility.groups[0].units[1]",
        "'commerce' is named as the lead unit and again as co-responsible",
    ),
    (
        "chapters/2.yaml",
        lambda d: _clause(
            d,
            "省商务厅，省交通运输厅、省交通运输厅",
            [{"units": ["commerce"], "etc": False}, {"units": ["transport", "transport"], "etc": False}],
        ),
        "sections[0].items[0].responsibility.groups[1].units[1]",
        "'transport' is named twice in this clause",
    ),
    (
        "chapters/3.yaml",
        lambda d: d.__setitem__("region", "shenyang"),
        "region",
        "'shenyang' is a city; a chapter's region",
    ),
    (
        "units.yaml",
        lambda d: _first(d, "units", "shenyang-government").__setitem__("place", "shenyang-metropolitan-area"),
        "units[26].place",
        "is a region; a city-government unit's place is a city",
    ),
    (
        "units.yaml",
        lambda d: _first(d, "units", "dalian-government").__setitem__("place", "shenyang"),
        "units[27].place",
        "'shenyang' already has a government, 'shenyang-government'",
    ),
    (
        "units.yaml",
        lambda d: _first(d, "units", "commerce").__setitem__("place", "dalian"),
        "units[2].place",
        "only city-government and demonstration-zone units have a place",
    ),
    (
        "units.yaml",
        lambda d: d["units"].append(
            dict(d["units"][0], id="idle-bureau", name={"zh": "省闲置局", "en": "Idle Bureau"})
        ),
        "units[33].id",
        "unit 'idle-bureau' is named by no responsibility clause",
    ),
    (
        "places.yaml",
        lambda d: d["sources"][0].__setitem__("date", "2018-13-45"),
        "sources[0].date",
        "month 13 does not exist",
    ),
    (
        "places.yaml",
        lambda d: d["sources"][0].__setitem__("date", "2023-02-29"),
        "sources[0].date",
        "2023-02 has no day 29",
    ),
    (
        "targets.yaml",
        lambda d: _first(d, "targets", "1.4.1-t2").__setitem__("id", "1.4.1-t02"),
        "targets[1].id",
        "'1.4.1-t02' is not numbered as ids are; write '1.4.1-t2'",
    ),
    (
        "targets.yaml",
        lambda d: d["targets"].insert(1, d["targets"].pop(2)),
        "targets[2].id",
        "'1.4.1-t2' is out of sequence: it comes after '1.4.1-t3'",
    ),
    (
        "targets.yaml",
        lambda d: d["targets"][0]["scope"].append(d["targets"][0]["scope"][0]),
        "targets[0].scope[1]",
        '"shenyang-metropolitan-area" is listed twice',
    ),
    (
        "glossary.yaml",
        lambda d: d["terms"].append({"id": "com1", "term": {"zh": "端口", "en": "port"}}),
        f"terms[{TERMS}].id",
        "'com1' is the name of a device on Windows",
    ),
    (
        "places.yaml",
        lambda d: _first(d, "places", "shenfu").__setitem__("id", "nul"),
        "places[14].id",
        "'nul' is the name of a device on Windows",
    ),
]


@pytest.mark.parametrize("rel, change, path, words", CROSS, ids=[f"{c[0]}-{c[2]}" for c in CROSS])
def test_cross_file_rules_refuse_with_file_line_and_fix(plan_copy, capsys, rel, change, path, words):
    plan_copy.edit(rel, change)
    r = cli(capsys, "validate", "--plan", str(plan_copy.dir))
    line = refused(r, f": {path}: ", words)
    assert re.match(rf".*{re.escape(rel)}:\d+:\d+: {re.escape(path)}: ", line), line
    assert ";" in line  # what is wrong; what would be right


def test_a_chapter_of_more_than_99_sections_is_refused_not_a_crash(plan_copy, capsys):
    plan_copy.edit("chapters/8.yaml", lambda d: d.__setitem__("sections", d["sections"] * 100))
    refused(cli(capsys, "validate", "--plan", str(plan_copy.dir)), "chapters/8.yaml:", "items; at most 99 here")


def test_an_error_the_validator_let_through_says_it_is_a_bug():
    from lnplan.build import summarize

    out = (
        'INFO - Building\nTraceback (most recent call last):\n  File "x.py", line 1\n'
        "sqlite3.IntegrityError: UNIQUE constraint failed: target_scope.target, target_scope.place\n"
    )
    line = summarize(out)
    assert (
        "\n" not in line
        and line.startswith("sqlite3.IntegrityError")
        and "a bug: the validator accepted this plan" in line
    )


# ---- 7. invisible, noncharacter and blank text ----------------------------------------------------------------------

INVISIBLE = [
    ("\u3164", "U+3164 HANGUL FILLER"),
    ("\u034f", "U+034F COMBINING GRAPHEME JOINER"),
    ("\u2800", "U+2800 BRAILLE PATTERN BLANK"),
    ("\u115f", "U+115F HANGUL CHOSEONG FILLER"),
    ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("\ufffd", "U+FFFD REPLACEMENT CHARACTER"),
    ("\ufdd0", "U+FDD0 (a noncharacter)"),
    ("\U0010ffff", "U+10FFFF (a noncharacter)"),
    ("\ue000", "U+E000 (a private-use character)"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE"),
    ("\u3000", "U+3000 IDEOGRAPHIC SPACE"),
    ("\u0378", "U+0378 (an unassigned code point)"),
]


@pytest.mark.parametrize("ch, name", INVISIBLE, ids=[n.split()[0] for _, n in INVISIBLE])
def test_invisible_and_noncharacters_are_refused(plan_copy, capsys, ch, name):
    text = plan_copy.read("chapters/2.yaml").replace("zh: 提升沈阳", f"zh: 提升{ch}沈阳", 1)
    plan_copy.write("chapters/2.yaml", text)
    refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        f"chapters/2.yaml:{line_col(text, ch)}:",
        name,
        "is not allowed",
    )


@pytest.mark.parametrize(
    "value, words",
    [
        ('"\\U0010FFFF"', "U+10FFFF (a noncharacter)"),
        ('"\\u3164"', "U+3164 HANGUL FILLER"),
        ("'   '", "this text is only spaces"),
        ('"\\ud800x"', "U+D800 (a lone surrogate)"),
    ],
)
def test_escapes_and_blank_texts_are_refused(plan_copy, capsys, value, words):
    text = plan_copy.read("glossary.yaml")
    en = text.split("      en: ", 1)[1].split("\n", 1)[0]
    text = text.replace("      en: " + en, "      en: " + value, 1)
    plan_copy.write("glossary.yaml", text)
    refused(cli(capsys, "validate", "--plan", str(plan_copy.dir)), f"glossary.yaml:{line_col(text, value)}:", words)


# ---- 8. files that are not UTF-8: one line in every tool -----------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("validate",), ("fmt",), ("fmt", "--check"), ("punctuation",), ("punctuation", "--check")]
)
def test_a_file_that_is_not_utf8_gets_one_line_with_the_byte_offset(plan_copy, capsys, command):
    raw = (plan_copy.dir / "units.yaml").read_bytes()
    (plan_copy.dir / "units.yaml").write_bytes(
        raw[:100] + "沈".encode("gb18030") + raw[100:]
    )  # a GB 18030 character: C9 F2
    r = cli(capsys, *command, "--plan", str(plan_copy.dir))
    refused(r, "units.yaml: ", "not UTF-8 text (invalid continuation byte at byte 100); save the file as UTF-8")
    assert (plan_copy.dir / "units.yaml").read_bytes()[100:102] == "沈".encode("gb18030")


# ---- 10. make release: texts verbatim through the environment; a failed release keeps what was there --------------

HOSTILE_SUMMARY = 'costs $5 $(touch PROOF) `touch PROOF` "quoted" $HOME x" --date "2000-01-01 \\n 100%'


def _pending_release(plan_dir: Path) -> str:
    """Edit the copy so there is something to release; the version it needs."""
    from lnplan.loader import load_plan

    data, _ = yamlio.load((plan_dir / "targets.yaml").read_text(encoding="utf-8"))
    data["targets"][0]["aspirational"] = not data["targets"][0]["aspirational"]
    (plan_dir / "targets.yaml").write_text(yamlio.dump(data), encoding="utf-8")
    plan = load_plan(plan_dir)
    major, minor, patch = releases.parse_version(plan.releases[-1].version)
    need, _ = releases.required_bump(releases.unreleased(plan))
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[
        need
    ]


def test_make_release_passes_texts_verbatim_through_the_environment(tmp_path):
    """The recipe itself, with a stand-in for the venv's python that prints what it was given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(
        "#!/bin/sh\nexec " + PY + ' -c "import json, os, sys; print(json.dumps([sys.argv[1:], '
        '{k: v for k, v in os.environ.items() if k.startswith(\'LNPLAN_\')}]))" "$@"\n'
    )
    (bin_dir / "python").chmod(0o755)
    (tmp_path / "stamp").touch()
    zh = "修正 $(touch PROOF)\n第二行"
    r = subprocess.run(
        [
            "make",
            "-s",
            "release",
            f"BIN={bin_dir}",
            f"STAMP={tmp_path / 'stamp'}",
            "VERSION=1.2.0",
            f"SUMMARY_ZH={zh}",
            f"SUMMARY_EN={HOSTILE_SUMMARY}",
            "CORRECTIONS=C001 C002",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    args, env = json.loads(r.stdout)
    assert args == ["-m", "lnplan", "release", "--from-env"]  # no text on the command line
    assert env == {
        "LNPLAN_VERSION": "1.2.0",
        "LNPLAN_SUMMARY_ZH": zh,
        "LNPLAN_SUMMARY_EN": HOSTILE_SUMMARY,
        "LNPLAN_CORRECTIONS": "C001 C002",
        "LNPLAN_DATE": "",
    }
    assert not (ROOT / "PROOF").exists() and not (tmp_path / "PROOF").exists()


def test_a_release_from_the_environment_records_the_texts_verbatim(plan_copy, capsys, monkeypatch):
    version = _pending_release(plan_copy.dir)
    monkeypatch.setenv("LNPLAN_VERSION", version)
    monkeypatch.setenv("LNPLAN_SUMMARY_ZH", '测试 $(id) `id` "引号"')
    monkeypatch.setenv("LNPLAN_SUMMARY_EN", HOSTILE_SUMMARY)
    monkeypatch.setenv("LNPLAN_CORRECTIONS", "C001")
    r = cli(capsys, "release", "--from-env", "--plan", str(plan_copy.dir))
    assert r.returncode == 0, r.stderr
    latest = yamlio.load(plan_copy.read("releases.yaml"))[0]["releases"][-1]
    assert latest["summary"] == {"zh": '测试 $(id) `id` "引号"', "en": HOSTILE_SUMMARY}
    assert latest["corrections"] == ["C001"] and latest["date"] != "2000-01-01" and latest["version"] == version
    assert not (ROOT / "PROOF").exists()


def test_a_refused_release_names_what_was_typed_and_writes_nothing(plan_copy, capsys):
    version = _pending_release(plan_copy.dir)
    before = plan_copy.read("releases.yaml")
    snapshots = sorted((plan_copy.dir / "releases").iterdir())
    r = cli(
        capsys, "release", version, "--summary-zh", "测试", "--summary-en", "two\nlines", "--plan", str(plan_copy.dir)
    )
    refused(r, f"release {version}: ", "SUMMARY_EN (--summary-en): this value contains U+000A LINE FEED")
    r = cli(
        capsys, "release", version, "--summary-zh", "测试", "--summary-en", "x" * 9000, "--plan", str(plan_copy.dir)
    )
    refused(r, f"release {version}: ", "SUMMARY_EN (--summary-en): text of 9,000 characters")
    assert plan_copy.read("releases.yaml") == before and sorted((plan_copy.dir / "releases").iterdir()) == snapshots


def test_a_failed_release_never_deletes_a_snapshot_that_was_there(plan_copy, capsys, monkeypatch):
    version = _pending_release(plan_copy.dir)
    stray = plan_copy.dir / "releases" / f"{version}.json"
    stray.write_text("not a snapshot: months of notes", encoding="utf-8")
    r = cli(capsys, "release", version, "--summary-zh", "测试", "--summary-en", "Test", "--plan", str(plan_copy.dir))
    refused(r, f"releases/{version}.json: ", f"a snapshot of version {version}, which plan/releases.yaml does not list")
    assert stray.read_text(encoding="utf-8") == "not a snapshot: months of notes"
    # Had the check missed it, the release would still not have replaced it (nor removed it on failing).
    monkeypatch.setattr(releases, "_stray_snapshots", lambda *a: None)
    r = cli(capsys, "release", version, "--summary-zh", "测试", "--summary-en", "Test", "--plan", str(plan_copy.dir))
    refused(r, f"release {version}: ", f"{version}.json: already exists; it was left as it is")
    assert stray.read_text(encoding="utf-8") == "not a snapshot: months of notes"


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("notes.txt", "x", "unexpected file, not part of the plan"),
        ("1.0.0.yaml", "x", "unexpected file, not part of the plan"),
        ("9.9.9.json", "{}", "a snapshot of version 9.9.9, which plan/releases.yaml does not list"),
        ("old", None, "unexpected directory, not part of the plan"),
    ],
)
def test_stray_files_among_the_snapshots_are_refused(plan_copy, capsys, name, content, words):
    path = plan_copy.dir / "releases" / name
    path.mkdir() if content is None else path.write_text(content, encoding="utf-8")
    refused(cli(capsys, "validate", "--plan", str(plan_copy.dir)), f"releases/{name}: ", words)


def test_a_tampered_snapshot_is_refused_not_a_crash(plan_copy, capsys):
    snapshot = plan_copy.dir / "releases" / "1.0.0.json"
    snapshot.write_text(
        snapshot.read_text(encoding="utf-8").replace('"title":{"zh":', '"title":5,"was":{"zh":', 1), encoding="utf-8"
    )
    line = refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        "releases.yaml:",
        "1.0.0.json['measures']",
        "['title']: 5 is not of type 'object'",
    )
    assert "never by hand" in line


def test_a_snapshot_that_is_not_json_points_at_its_release_and_its_own_line(plan_copy, capsys):
    snapshot = plan_copy.dir / "releases" / "1.0.0.json"
    snapshot.write_text(snapshot.read_text(encoding="utf-8").replace('"measures"', "measures", 1), encoding="utf-8")
    releases_yaml = plan_copy.read("releases.yaml")
    line = refused(
        cli(capsys, "validate", "--plan", str(plan_copy.dir)),
        f"releases.yaml:{line_col(releases_yaml, '1.0.0')}:",
        f"snapshot {snapshot}:2:1 is not valid JSON",
    )
    assert "never by hand" in line
