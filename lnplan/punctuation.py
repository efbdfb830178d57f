"""Chinese punctuation as officially published.

The copy of the plan we received writes ASCII , : ; ( ) inside Chinese prose (a conversion artefact); the official
document uses the full-width forms ， ： ； （ ）. `plan/` holds the text as published. This module is the one table of
those pairs (the fidelity check uses the same table) and the conversion, run over every Chinese field of plan/ by

    python -m lnplan punctuation            (--check: list what would change and exit 1)

An ASCII mark stays ASCII where it belongs: , : ; ! ? between two ASCII letters or digits (9,000; 10:30), and a pair
of parentheses that follows an ASCII letter or digit and holds only ASCII (f(x)). Numbers, Latin abbreviations and
ids are never touched; every other mark in Chinese text is converted, a pair of parentheses together.
"""

from __future__ import annotations

from typing import Any, Iterator


# ASCII -> full-width, the only width differences between the source copy and the official text.
PAIRS: dict[str, str] = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
TO_ASCII: dict[int, str] = {ord(full): ascii_ for ascii_, full in PAIRS.items()}

# Which values in plan/ are Chinese text: every `zh` of a bilingual pair, a responsibility clause as written
# (`raw`), a section number such as (一), and a place's names as written.
CHINESE_KEYS = ("zh", "raw", "number")
CHINESE_LISTS = ("names",)


def _ascii_alnum(ch: str | None) -> bool:
    return ch is not None and ch.isascii() and ch.isalnum()


def to_fullwidth(text: str) -> str:
    """The text with ASCII punctuation in Chinese prose replaced by its full-width form."""
    chars = list(text)
    convert = [False] * len(chars)
    for i, ch in enumerate(chars):
        if ch in PAIRS:
            before = chars[i - 1] if i > 0 else None
            after = chars[i + 1] if i + 1 < len(chars) else None
            convert[i] = not (_ascii_alnum(before) and _ascii_alnum(after))
    stack: list[int] = []
    for i, ch in enumerate(chars):  # a matched pair of parentheses is converted together
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            latin = _ascii_alnum(chars[j - 1] if j > 0 else None) and text[j + 1 : i].isascii()
            convert[i] = convert[j] = not latin
    return "".join(PAIRS[ch] if c else ch for ch, c in zip(chars, convert))


def clause_as_written(raw: str) -> str:
    """A responsibility clause as the plan prints it after its measure: （责任单位：…）."""
    return f"（责任单位：{raw}）"


def chinese_values(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every Chinese text value in a plan file's data."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in CHINESE_KEYS and isinstance(v, str):
                yield path + (k,), v
            elif k in CHINESE_LISTS and isinstance(v, list):
                yield from ((path + (k, i), s) for i, s in enumerate(v) if isinstance(s, str))
            else:
                yield from chinese_values(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from chinese_values(v, path + (i,))


def _set(node: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def convert_data(data: Any) -> list[tuple[tuple, str, str]]:
    """Convert every Chinese value in place; return (path, before, after) for each value changed."""
    changes = []
    for path, text in list(chinese_values(data)):
        new = to_fullwidth(text)
        if new != text:
            _set(data, path, new)
            changes.append((path, text, new))
    return changes
