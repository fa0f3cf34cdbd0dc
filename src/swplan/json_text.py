"""`json.dumps(data, ensure_ascii=False, indent=2)`, the same characters, in chunks.

With an indent, the standard library encodes in Python, one generator per list and
dict: for a national `budget --by site` (600,000 site objects) that is most of the
run's writing. Here the document's frame (its objects and short lists) is walked by
generators, so a long list is written an element at a time, never held whole; each
element of a long list (a site, a worker, an award: a small tree) is encoded by one
plain recursive function into a list of pieces or, where its keys and values are all
text (a site of `budget --by site`), filled into a template made once for its keys.
The text is the standard library's to the character; `tests/test_json_text.py` holds
it to `json.dumps`.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Iterator
from typing import Any

INDENT = "  "
LONG = 64  # a list longer than this is written an element at a time
CHUNK = 1 << 16  # characters gathered before a chunk is given out
ROWS_PIECES = 4096  # pieces of a long list's rows joined before they are given out
SHAPES = 64  # the row shapes of one long list given a template; others are encoded

_string = json.encoder.encode_basestring  # ensure_ascii=False: only escapes


def json_chunks(data: Any) -> Iterator[str]:
    """The text of `json.dumps(data, ensure_ascii=False, indent=2)` plus a newline, as
    chunks of about `CHUNK` characters."""
    pieces: list[str] = []
    size = 0
    for piece in _frame(data, 0):
        size += len(piece)
        pieces.append(piece)
        if size >= CHUNK:
            yield "".join(pieces)
            pieces.clear()
            size = 0
    pieces.append("\n")
    yield "".join(pieces)


def _frame(o: Any, level: int) -> Iterator[str]:
    """The pieces of `o` at indent `level`, an element of a long list at a time."""
    if isinstance(o, dict):
        yield from _frame_dict(o, level)
    elif isinstance(o, list | tuple):
        yield from _frame_list(o, level)
    else:
        out: list[str] = []
        _encode(o, level, out)
        yield "".join(out)


def _frame_dict(d: dict[Any, Any], level: int) -> Iterator[str]:
    if not d:
        yield "{}"
        return
    inner = "\n" + INDENT * (level + 1)
    before = "{" + inner
    for key, value in d.items():
        yield from _member(before + _string(_key(key)) + ": ", value, level + 1)
        before = "," + inner
    yield "\n" + INDENT * level + "}"


def _frame_list(items: list[Any] | tuple[Any, ...], level: int) -> Iterator[str]:
    if not items:
        yield "[]"
        return
    inner = "\n" + INDENT * (level + 1)
    before = "[" + inner
    if len(items) > LONG:  # rows: encoded straight, given out a few hundred at a time
        out: list[str] = []
        shapes: dict[tuple[Any, ...], str | None] = {}
        for value in items:
            out.append(before)
            flat = _flat(value, level + 1, shapes) if type(value) is dict else None
            if flat is None:
                _encode(value, level + 1, out)
            else:
                out.append(flat)
            before = "," + inner
            if len(out) >= ROWS_PIECES:
                yield "".join(out)
                out.clear()
        yield "".join(out)
    else:
        for value in items:
            yield from _member(before, value, level + 1)
            before = "," + inner
    yield "\n" + INDENT * level + "]"


def _member(head: str, value: Any, level: int) -> Iterator[str]:
    """`head` (what comes before a member: a comma, the indent, a key), then the member
    at indent `level`: walked when it is an object or a list, else encoded."""
    if isinstance(value, dict | list | tuple):
        yield head
        yield from _frame(value, level)
    else:
        out = [head]
        _encode(value, level, out)
        yield "".join(out)


def _flat(row: dict[Any, Any], level: int, shapes: dict[tuple[Any, ...], str | None]) -> str | None:
    """A row of a long list whose keys and values are all text (a site of `budget --by
    site`), at indent `level`, from its keys' template: the rows of a list share a few
    shapes. None for any other row: `_encode` writes it."""
    keys = tuple(row)
    template = shapes.get(keys, "")
    if template == "":
        template = _template(keys, level) if len(shapes) < SHAPES else None
        shapes[keys] = template
    if template is None:
        return None
    try:
        return template % tuple(map(_string, row.values()))
    except TypeError:  # a value that is not text: a number, a null, a list, an object
        return None


def _template(keys: tuple[Any, ...], level: int) -> str | None:
    """An object with these keys at indent `level`, a `%s` for each value; None where a
    key is not text (or there is none)."""
    if not keys or any(type(key) is not str for key in keys):
        return None
    inner = "\n" + INDENT * (level + 1)
    members = ("," + inner).join(_string(key).replace("%", "%%") + ": %s" for key in keys)
    return "{" + inner + members + "\n" + INDENT * level + "}"


def _encode(o: Any, level: int, out: list[str]) -> None:
    """The pieces of `o` at indent `level`, appended to `out` (as the standard library's
    encoder has them: the same tests, in the same order)."""
    if isinstance(o, str):
        out.append(_string(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, list | tuple):
        if not o:
            out.append("[]")
            return
        inner = "\n" + INDENT * (level + 1)
        before = "[" + inner
        for value in o:
            out.append(before)
            _encode(value, level + 1, out)
            before = "," + inner
        out.append("\n" + INDENT * level + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = "\n" + INDENT * (level + 1)
        before = "{" + inner
        for key, value in o.items():
            head = before + _string(key if type(key) is str else _key(key)) + ": "
            if type(value) is str:  # most values of a report's rows: one piece
                out.append(head + _string(value))
            else:
                out.append(head)
                _encode(value, level + 1, out)
            before = "," + inner
        out.append("\n" + INDENT * level + "}")
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A dict key as the standard library turns it into a string."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _float(f: float) -> str:
    if f != f:
        return "NaN"
    if f == float("inf"):
        return "Infinity"
    if f == -float("inf"):
        return "-Infinity"
    return float.__repr__(f)
