"""Plan files are in canonical YAML form (congress-legislators style round-trip)."""

from conftest import invoke
from lnplan import yamlio
from lnplan.__main__ import plan_files
from lnplan.reading.files import PLAN_DIR


def test_every_plan_file_is_canonical():
    for path in plan_files(PLAN_DIR):
        text = path.read_text(encoding="utf-8")
        data, _ = yamlio.load(text)
        assert yamlio.dump(data) == text, f"{path} is not in canonical form; run: make fmt"


def test_fmt_check_prints_a_diff(plan_copy):
    # Same data, different layout: list items not indented under their key.
    plan_copy.write("units.yaml", plan_copy.read("units.yaml").replace("\n  ", "\n"))
    r = invoke("lnplan", "fmt", "--check", "--plan", str(plan_copy.dir))
    assert r.returncode == 1
    assert "(canonical)" in r.stderr and "run: make fmt" in r.stderr


def test_a_value_used_twice_is_written_out_twice():
    # PyYAML would write an anchor and an alias, which the plan reader refuses: the canonical form has none.
    shared = {"ref": "plan"}
    text = yamlio.dump({"a": [{"source": shared}, {"source": shared}]})
    assert "&" not in text and "*" not in text
    assert yamlio.load(text)[0] == {"a": [{"source": shared}, {"source": shared}]}


def test_libyaml_and_pure_python_readers_agree_on_every_plan_file():
    """The reader takes its events from libyaml for speed; the data and the line:column of every value, which
    every error message quotes, must be what PyYAML's own parser gives."""

    def nodes(loader_class, text):
        node, data = yamlio._parse(loader_class, text)
        marks, stack = [], [node]
        while stack:
            n = stack.pop()
            marks.append((n.tag, n.start_mark.line, n.start_mark.column, n.end_mark.line, n.end_mark.column))
            if isinstance(n.value, list):
                stack += [x for item in n.value for x in (item if isinstance(item, tuple) else (item,))]
        return data, marks

    for path in plan_files(PLAN_DIR):
        text = path.read_text(encoding="utf-8")
        assert nodes(yamlio._FastLoader, text) == nodes(yamlio._PyLoader, text), path
