"""Reading plan YAML with source positions, and writing it in the one canonical form.

Plan files are data written by people and sent in pull requests, so the reader accepts only what a data file
needs and refuses the rest with the line and column where it starts:

- no aliases, anchors or merge keys (`*a`, `&a`, `<<`): a few hundred bytes of aliases can expand to gigabytes;
- no explicit tags (`!!binary`, `!!python/…`, `!custom`): values are plain strings, numbers, booleans, lists, maps;
- no key twice in one mapping (the second would silently replace the first);
- no nesting deeper than MAX_DEPTH, no more than MAX_NODES values in one file, no control, invisible or
  blank-looking characters anywhere in the file, and no text made only of spaces;
- numbers only as plain decimals: YAML 1.1 reads `030` as 24, `0x1e` as 30, `1_000` as 1000 and `1:30` (or a time,
  `12:30:00`) as a number in base 60, silently; each is refused with what to write instead. Booleans only as
  true/false (YAML 1.1 reads `yes`, `no`, `on` and `off` as booleans too);
- no non-finite numbers (`.nan`, `.inf`).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner
from yaml.events import AliasEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

Path = tuple  # a path into a document: keys and list indexes

MAX_DEPTH = 32  # the deepest plan file (a chapter) nests 12 levels
MAX_NODES = 200_000  # values in one file: the largest real file has 1,632, the 10x synthetic plan's 16,293
MAX_PLAN_VALUES = 250_000  # in all plan files: the real plan has 12,416, the 10x synthetic plan 61,566
MAX_NUMBER_DIGITS = 20  # the largest number in the plan files, a multiplier, has 13


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


def _mark(m: yaml.Mark | None) -> Mark | None:
    return Mark(m.line + 1, m.column + 1) if m is not None else None


class _Strict(Composer, SafeConstructor, Resolver):
    """Composing and constructing as PyYAML's SafeLoader does, but timestamps stay strings and what a plan file has
    no need of is refused. The parser that feeds it events is chosen below."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        self._nodes += 1
        if self._nodes > self.max_nodes:
            raise YamlSyntaxError(_too_many(self.max_nodes), _mark(event.start_mark))
        if isinstance(event, AliasEvent):
            raise YamlSyntaxError(
                f"an alias (*{event.anchor}) is not allowed in plan files; write the value out in full",
                _mark(event.start_mark),
            )
        if event.anchor is not None:
            raise YamlSyntaxError(
                f"an anchor (&{event.anchor}) is not allowed in plan files; remove it", _mark(event.start_mark)
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in (None, "!"):
            raise YamlSyntaxError(
                f"an explicit tag ({event.tag}) is not allowed in plan files; write a plain value "
                "(text, number, true/false, list or mapping)",
                _mark(event.start_mark),
            )
        if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise YamlSyntaxError(
                    f"lists and mappings nest more than {MAX_DEPTH} levels deep; plan files nest far less",
                    _mark(event.start_mark),
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[Any, yaml.Node] = {}
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                raise YamlSyntaxError(
                    "a merge key (<<) is not allowed in plan files; write the fields out in full", _mark(key.start_mark)
                )
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    first = seen[key.value].start_mark
                    raise YamlSyntaxError(
                        f"duplicate key '{key.value}' in this mapping (first at line {first.line + 1}); "
                        "keep one and remove the other",
                        _mark(key.start_mark),
                    )
                seen[key.value] = key
        return node

    def construct_yaml_int(self, node):
        digits = sum(ch.isalnum() for ch in node.value)
        if digits > MAX_NUMBER_DIGITS:
            raise YamlSyntaxError(
                f"a number of {digits} digits; plan numbers have at most {MAX_NUMBER_DIGITS}", _mark(node.start_mark)
            )
        return _decimal_only(node, super().construct_yaml_int(node))

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise YamlSyntaxError(
                f"'{node.value}' is not a finite number; write the number as it appears in the plan",
                _mark(node.start_mark),
            )
        return _decimal_only(node, value)

    def construct_yaml_bool(self, node):
        value = super().construct_yaml_bool(node)
        if node.value.lower() not in ("true", "false"):
            raise YamlSyntaxError(
                f"'{node.value}' is read by YAML 1.1 as {str(value).lower()}; write true or false, "
                f"or quote it if it is text: '{node.value}'",
                _mark(node.start_mark),
            )
        return value


def _too_many(limit: int) -> str:
    if limit >= MAX_NODES:
        return (
            f"more than {MAX_NODES:,} values (texts, numbers, lists, mappings) in one file; no plan file needs so "
            "many (the largest real one has about 1,600)"
        )
    return (
        f"the plan's files hold more than {MAX_PLAN_VALUES:,} values (texts, numbers, lists, mappings) together "
        "with this one; no plan needs so many (the real one has about 12,000)"
    )


DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _decimal_only(node: yaml.ScalarNode, value: int | float) -> int | float:
    """value, if the plan wrote it as a plain decimal number; else a refusal saying what YAML 1.1 made of it."""
    text = node.value
    if DECIMAL.fullmatch(text):
        return value
    if ":" in text:
        raise YamlSyntaxError(
            f"'{text}' looks like a time or an angle, which YAML 1.1 reads as the number {value} (in base "
            f"60); quote it if it is text ('{text}'), or write a plain decimal number",
            _mark(node.start_mark),
        )
    body = text.lstrip("+-").lower()
    why = (
        "hexadecimal"
        if body.startswith("0x")
        else "binary"
        if body.startswith("0b")
        else "digits grouped with '_'"
        if "_" in text
        else "octal, for its leading 0"
        if isinstance(value, int) and body.startswith("0")
        else "a leading '+'"
        if text.startswith("+")
        else "a number written without digits on both sides of its point"
    )
    raise YamlSyntaxError(
        f"'{text}' is read by YAML 1.1 as the number {value} ({why}); write a plain decimal number "
        f"such as {value}, or quote it if it is text ('{text}')",
        _mark(node.start_mark),
    )


_Strict.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Strict.add_constructor("tag:yaml.org,2002:float", _Strict.construct_yaml_float)
_Strict.add_constructor("tag:yaml.org,2002:int", _Strict.construct_yaml_int)
_Strict.add_constructor("tag:yaml.org,2002:bool", _Strict.construct_yaml_bool)


class _PyLoader(_Strict, Reader, Scanner, Parser):
    """Events from PyYAML's pure-Python reader, scanner and parser: the reference for messages and positions."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = self._nodes = 0
        self.max_nodes = MAX_NODES


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastLoader(_Strict, CParser):
        """Events from libyaml (about four times faster); nodes are still composed and checked in Python."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._depth = self._nodes = 0
            self.max_nodes = MAX_NODES
else:
    _FastLoader = _PyLoader

# Characters a plan file must not contain anywhere, which would pass through to pages, downloads and search unseen
# or unlike what the reader sees: C0/C1 controls (tab and line breaks excepted); format characters (zero-width spaces
# and joiners, bidirectional controls, a byte-order mark inside the text); line and paragraph separators; spaces other
# than U+0020 (no-break, ideographic, en and em spaces…); private-use characters, unassigned code points, lone
# surrogates and noncharacters (U+FDD0, U+FFFF, U+10FFFF): all that str.isprintable() refuses. And these, which it
# accepts though they show nothing or stand for something lost: the other default-ignorable code points of Unicode
# (U+034F COMBINING GRAPHEME JOINER, the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, variation selectors…),
# U+2800 BRAILLE PATTERN BLANK, and U+FFFC / U+FFFD, the replacement characters left by a broken conversion.
_BLANK_PRINTABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\ufffc\ufffd\U000e0100-\U000e01ef]"
)
_LINE_CONTROLS = {ord("\n"): None, ord("\r"): None, ord("\t"): None}


def forbidden_characters(text: str) -> list[tuple[Mark, str]]:
    """Every control, invisible or blank-looking character in text, with its position and the character."""
    if text.translate(_LINE_CONTROLS).isprintable() and not _BLANK_PRINTABLE.search(text):
        return []  # the common case, in C
    out = []
    line, col = 1, 1
    for ch in text:
        if ch == "\n":
            line, col = line + 1, 1
            continue
        if ch not in "\t\r" and _invisible(ch):
            out.append((Mark(line, col), ch))
        col += 1
    return out


def _invisible(ch: str) -> bool:
    return not ch.isprintable() or _BLANK_PRINTABLE.match(ch) is not None


def _describe(ch: str) -> str:
    cp, cat = ord(ch), unicodedata.category(ch)
    if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE:
        return "(a noncharacter)"
    kind = {"Cn": "(an unassigned code point)", "Co": "(a private-use character)", "Cs": "(a lone surrogate)"}.get(cat)
    return (
        kind
        or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}.get(ch)
        or unicodedata.name(ch, "CONTROL CHARACTER")
    )


def _fix(ch: str) -> str:
    return "write an ordinary space or none" if unicodedata.category(ch) == "Zs" else "delete it"


def value_problem(text: str) -> str | None:
    """What is wrong with a text as a plan value, which is one line of visible text; None if nothing."""
    if text.isprintable() and not _BLANK_PRINTABLE.search(text):
        if text and not text.strip(" "):
            return "this text is only spaces; write the text, or remove the field"
        return None
    bad = next(c for c in text if _invisible(c))
    return (
        f"this value contains U+{ord(bad):04X} {_describe(bad)}; a plan value is one line of visible text: {_fix(bad)}"
    )


def _parse(loader_class: type, text: str, max_nodes: int = MAX_NODES) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    loader.max_nodes = max_nodes
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def load(text: str, max_nodes: int = MAX_NODES) -> tuple[Any, dict[Path, Mark]]:
    """Parse YAML text; return the data and the position of every node by its path. A file of more than max_nodes
    values (MAX_NODES, or fewer: what is left of the plan's MAX_PLAN_VALUES) is refused where the limit is passed."""
    bad = forbidden_characters(text)
    if bad:
        mark, ch = bad[0]
        more = f" ({len(bad) - 1} more in this file)" if len(bad) > 1 else ""
        raise YamlSyntaxError(
            f"invisible or control character U+{ord(ch):04X} {_describe(ch)} is not allowed in plan files; "
            f"{_fix(ch)}{more}",
            mark,
        )
    try:
        Reader(text)  # refuses characters YAML does not allow, with their position in the text
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (e.g. U+FFFE)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlSyntaxError(
            f"character U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X} "
            "is not allowed in YAML; delete it",
            Mark(line, column),
        ) from None
    try:
        try:
            node, data = _parse(_FastLoader, text, max_nodes)
        except yaml.YAMLError:
            # libyaml words errors and places them differently (it stops at 1,000 nested brackets, not where the
            # 33rd opens): a file it refuses is read again by the pure-Python parser, whose error is reported.
            node, data = _parse(_PyLoader, text, max_nodes)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlSyntaxError(f"YAML syntax error: {problem}", _mark(mark)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML error: {exc}", None) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # a value PyYAML cannot construct
        raise YamlSyntaxError(f"a value cannot be read: {exc}", None) from None
    marks: dict[Path, Mark] = {}

    def walk(n: yaml.Node, path: Path) -> None:
        marks[path] = Mark(n.start_mark.line + 1, n.start_mark.column + 1)
        if isinstance(n, yaml.ScalarNode):
            # Escapes in quoted strings ("\n", "\u200b") produce characters the file itself does not show.
            problem = value_problem(n.value)
            if problem:
                raise YamlSyntaxError(problem, marks[path])
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                walk(key, path + ("(key)",))
                walk(value, path + (key.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, path + (i,))

    if node is not None:
        walk(node, ())
    return data, marks


_SCANNER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader  # the same tokens; libyaml's ten times faster


def comments(text: str) -> list[Mark]:
    """Where each comment in a YAML text starts. PyYAML drops comments, so `make fmt` checks for them first."""
    spans = []
    for token in yaml.scan(text, Loader=_SCANNER):
        if token.start_mark.index < token.end_mark.index:
            spans.append((token.start_mark.index, token.end_mark.index))
    out, i, line_starts = [], 0, [0] + [m.end() for m in re.finditer("\n", text)]
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[i:start]
        for m in re.finditer(r"(?:^|(?<=\s))#", gap):
            pos = i + m.start()
            line = bisect.bisect_right(line_starts, pos) - 1
            out.append(Mark(line + 1, pos - line_starts[line] + 1))
        i = max(i, end)
    return out


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # The same value twice is written out twice: plan files have no anchors or aliases (the reader refuses them).
        return True

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
