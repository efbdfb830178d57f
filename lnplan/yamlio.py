"""Reading plan YAML with source positions, and writing it in the one canonical form."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path = tuple  # a path into a document: keys and list indexes


@dataclass(frozen=True)
class Mark:
    """A position in a YAML file, 1-based as editors show it."""

    line: int
    column: int


class YamlSyntaxError(Exception):
    def __init__(self, message: str, mark: Mark | None):
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as strings: every value stays JSON-compatible."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> tuple[Any, dict[Path, Mark]]:
    """Parse YAML text; return the data and the position of every node by its path."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else None
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlSyntaxError(f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}", None) from None
    finally:
        loader.dispose()
    marks: dict[Path, Mark] = {}

    def walk(n: yaml.Node, path: Path) -> None:
        marks[path] = Mark(n.start_mark.line + 1, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                walk(value, path + (key.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, path + (i,))

    if node is not None:
        walk(node, ())
    return data, marks


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as most editors do.
        super().increase_indent(flow, False)


def dump(data: Any) -> str:
    """The canonical text of a plan file: block style, keys in authored order, UTF-8 unescaped."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
        indent=2,
    )
