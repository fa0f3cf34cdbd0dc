"""Strict YAML: safe, duplicate keys refused, tags that build objects refused, alias
expansion bounded, and every plain scalar kept as a string (`id: 0101` stays "0101",
`no` stays "no", `0.16` stays "0.16"); the models give values their types. Every value
and key keeps its position, so validation can point at `FILE:LINE:COL`.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InputError, Problem, position
from ..messages import Text, msg
from ..rules.problems import Theirs
from .text import display_name, read_text

Path_ = tuple[str | int, ...]

# An aliased node may be expanded again at each use; past this many nodes beyond
# the document's own, the file is refused ("billion laughs").
_ALIAS_EXPANSION_BUDGET = 100_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
}
_NULL_TAG = "tag:yaml.org,2002:null"


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _duplicate_key(key: str, first_line: int | None) -> Text:
    """What a key met a second time in one mapping is told (with the first one's line)."""
    earlier = msg("file.yaml_first_at", line=first_line) if first_line else ""
    return msg("file.yaml_duplicate_key", key=key, earlier=earlier)


_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


# --------------------------------------------------------------------------- YAML


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")  # the only plain scalars that are not strings
_STR_TAG = "tag:yaml.org,2002:str"


def _make_resolver() -> type:
    """A resolver that leaves every plain scalar a string, except an empty one or null."""

    class StringResolver(yaml.resolver.BaseResolver):
        pass

    StringResolver.yaml_implicit_resolvers = {}
    StringResolver.add_implicit_resolver(_NULL_TAG, _NULL, ["~", "n", "N", ""])
    return StringResolver


_Resolver = _make_resolver()

try:  # the C parser is several times faster on big files; same nodes, same marks
    from yaml._yaml import CParser as _Parser

    class _Composer(_Parser, _Resolver):  # type: ignore[valid-type,misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _Resolver.__init__(self)  # type: ignore[misc]

except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Resolver,  # type: ignore[valid-type,misc]
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)  # type: ignore[misc]


class Spans:
    """Where each item of a big file's top two levels is: (start, end) in its text
    (end -1: a scalar, nothing inside), 0-based line and column. The items of a
    top-level list (a national file's sites or workers) are kept in arrays, not a
    tuple per item."""

    def __init__(self) -> None:
        self._lists: dict[Any, tuple[array[int], ...]] = {}
        self._other: dict[Path_, tuple[int, int, int, int]] = {}

    def add(self, path: Path_, span: tuple[int, int, int, int]) -> None:
        top, i = path
        if isinstance(i, int):
            arrays = self._lists.setdefault(top, tuple(array("q") for _ in span))
            if i == len(arrays[0]):
                for column, value in zip(arrays, span, strict=True):
                    column.append(value)
                return
        self._other[path] = span

    def get(self, path: Path_) -> tuple[int, int, int, int] | None:
        top, i = path
        arrays = self._lists.get(top)
        if arrays is None or not isinstance(i, int):
            return self._other.get(path)
        if not 0 <= i < len(arrays[0]):
            return None
        start, end, line, column = (a[i] for a in arrays)
        return start, end, line, column

    def __bool__(self) -> bool:
        return bool(self._lists or self._other)


@dataclass
class Document:
    """Plain data from one file, with the position of every value and key.

    A big file keeps the positions of its top two levels only (the file's keys and
    the items of its lists: a site, a worker), and where each item's text is
    (`spans`); a position inside an item is found when a message asks for it, by
    reading that item's text again."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    spans: Spans = field(default_factory=Spans)
    _items: dict[Path_, Document | None] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> str:
        """`LINE:COL` of `path`, or of its nearest ancestor the file has."""
        if key:
            found = self._at(tuple(path), key=True)
            if found:
                return position(*found)
        probe = tuple(path)
        while True:
            found = self._at(probe) or self._at(probe, key=True)
            if found:
                return position(*found)
            if not probe:
                return "1"  # an empty document: point at its start
            probe = probe[:-1]

    def _at(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        found = (self.key_positions if key else self.positions).get(path)
        if found is not None or len(path) < _KEPT_DEPTH or not self.spans:
            return found
        span = self.spans.get(path[:_KEPT_DEPTH])
        if span is None:
            return None
        if len(path) == _KEPT_DEPTH:  # an item of a list: its place is its span's
            return None if key else (span[2] + 1, span[3] + 1)
        item = self._item(path[:_KEPT_DEPTH])
        if item is None:
            return None
        inner = (item.key_positions if key else item.positions).get(path[_KEPT_DEPTH:])
        if inner is None:
            return None
        return inner[0] + span[2], inner[1]

    def _item(self, path: Path_) -> Document | None:
        """The item at `path` read again from its own text, its lines counted from 1."""
        if path in self._items:
            return self._items[path]
        item = None
        span = self.spans.get(path)
        if span is not None and span[1] >= 0:
            start, end, _, column = span
            try:  # the item alone, at its own column: the same nodes at the same places
                item = parse_yaml(self.file, " " * column + self.text[start:end])
            except InputError:  # pragma: no cover - the item read whole before
                item = None
        self._items[path] = item
        return item

    def problem(self, path: Path_, message: Text, *, key: bool = False) -> Problem:
        return Problem(self.file, self.where(path, key=key), format_path(path), message)


def format_path(path: Sequence[str | int]) -> str:
    """`("workers", 3, "education")` -> `workers[3].education`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: str | os.PathLike[str]) -> Document:
    name = display_name(path)
    return parse_yaml(name, read_text(path))


# A file of this many characters keeps the positions of its top two levels only (an
# item of a list: a site, a worker); see `Document`.
SHALLOW_CHARS = 8 << 20
_KEPT_DEPTH = 2


def parse_yaml(name: str, text: str) -> Document:
    if "&" not in text and "*" not in text:  # no anchor, no alias: no node is shared
        from .yaml_events import parse_events

        return parse_events(name, text)
    return _parse_nodes(name, text)


def _parse_nodes(name: str, text: str) -> Document:
    """`parse_yaml` through PyYAML's nodes, whose aliases share the node they name."""
    composer = _Composer(text)
    with parsing(name, composer):
        node = composer.get_single_node()
    doc = Document(name, None)
    if node is None:
        return doc
    # without an anchor there is no alias to expand: skip counting the nodes
    budget = _count_nodes(node) + _ALIAS_EXPANSION_BUDGET if "&" in text else 1 << 62
    builder = _Builder(doc, budget)
    try:
        doc.data = builder.build(node, ())
    except RecursionError:
        builder.problems.append(Problem(name, "", "", msg("file.yaml_too_deep")))
    except _TooBig:
        pass
    if builder.problems:
        raise InputError(builder.problems)
    return doc


class _TooBig(Exception):
    pass


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
    return len(seen)


class _Builder:
    def __init__(self, doc: Document, budget: int) -> None:
        self.doc = doc
        self.budget = budget
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, path: Path_, message: Text) -> None:
        self.problems.append(
            Problem(self.doc.file, position(*_mark(node)), format_path(path), message)
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            # name the top-level entry that explodes; the node itself may be anywhere above
            top = path[:1]
            at = self.doc.key_positions.get(top) or self.doc.positions.get(top) or _mark(node)
            self.problems.append(
                Problem(
                    self.doc.file,
                    position(*at),
                    format_path(top),
                    msg("file.yaml_aliases"),
                )
            )
            raise _TooBig
        self.doc.positions[path] = _mark(node)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _NULL_TAG:
                return None
            if tag not in _STANDARD_TAGS:
                self.fail(node, path, msg("file.yaml_tag", tag=_tag_name(tag)))
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ_TAG:
                self.fail(node, path, msg("file.yaml_tag", tag=_tag_name(tag)))
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if tag != _MAP_TAG:
            self.fail(node, path, msg("file.yaml_tag", tag=_tag_name(tag)))
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                self.fail(key_node, path, msg("file.yaml_key_not_plain"))
                continue
            key = key_node.value
            if key in out:
                seen = self.doc.key_positions.get((*path, key))
                self.fail(key_node, (*path, key), _duplicate_key(key, seen[0] if seen else None))
                continue
            self.doc.key_positions[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out


# --------------------------------------------------------------------------- errors


@contextmanager
def parsing(name: str, parser: Any) -> Iterator[None]:
    """While `parser` reads the file `name`: what PyYAML cannot read is one problem at
    the place it names; the parser is let go of after."""
    try:
        yield
    except yaml.YAMLError as exc:
        raise _yaml_error(name, exc) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _yaml_error(name: str, exc: yaml.YAMLError) -> InputError:
    """A file PyYAML cannot read, at the place it names."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = position(mark.line + 1, mark.column + 1) if mark else ""
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        return InputError(
            [Problem(name, where, "", msg("file.not_yaml", what=Theirs(what, yaml=True)))]
        )
    problem = msg("file.not_yaml", what=Theirs(str(exc), yaml=True))
    return InputError([Problem(name, "", "", problem)])
