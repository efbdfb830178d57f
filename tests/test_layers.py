"""Data flows one way: every module of lnplan sits in a layer, and imports only from its own layer or those below
(imports inside functions count too). No cycles, so a newcomer knows where a change goes."""

import ast
from pathlib import Path

from conftest import ROOT

LAYERS = [  # lowest first
    (
        "leaf",
        {
            "lnplan.model",
            "lnplan.schema",
            "lnplan.urls",
            "lnplan.i18n",
            "lnplan.yamlio",
            "lnplan.punctuation",
            "lnplan.safefiles",
            "lnplan.browser",
            "lnplan.clients",
            "lnplan.checksite",
            "lnplan.cli",
        },
    ),
    ("reading", {"lnplan.reading", "lnplan.loader", "lnplan.releases", "lnplan.fidelity", "lnplan.validate"}),
    (
        "outputs",
        {
            "lnplan.export",
            "lnplan.columns",
            "lnplan.cite",
            "lnplan.database",
            "lnplan.tmx",
            "lnplan.feed",
            "lnplan.sitemap",
        },
    ),
    ("site", {"lnplan.render", "lnplan.site", "lnplan.searchentities", "lnplan.docstree"}),
    (
        "command line",
        {"lnplan.__main__", "lnplan.build", "lnplan.fulltext", "lnplan.dev", "lnplan.synth", "lnplan.releasing"},
    ),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py")


def imports(path: Path) -> set[str]:
    """The lnplan modules a file imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.add(
                    sub
                    if (ROOT / (sub.replace(".", "/") + ".py")).exists() or (ROOT / sub.replace(".", "/")).is_dir()
                    else module
                )
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.startswith("lnplan.")} - {name}


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = []
    for path in sorted((ROOT / "lnplan").rglob("*.py")):
        here = module_name(path)
        for dep in sorted(imports(path)):
            if layer_of(dep) > layer_of(here):
                wrong.append(f"{here} ({LAYERS[layer_of(here)][0]}) imports {dep} ({LAYERS[layer_of(dep)][0]})")
    assert wrong == []


def test_no_import_cycles():
    graph = {module_name(p): imports(p) for p in (ROOT / "lnplan").rglob("*.py")}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(" → ".join([*stack[stack.index(dep) :], dep]))
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
