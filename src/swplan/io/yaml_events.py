"""YAML built from the parser's events (`parse_events`): the data, positions and
problems `yamldoc` builds from PyYAML's nodes, without the nodes, which take several
times a big file's size. Used for every file without anchors or aliases (nothing in
it is shared); a big file keeps the places of its top two levels only (see
`yamldoc.Document`).
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

from ..errors import InputError, Problem, position
from ..messages import Text, msg
from . import yamldoc
from .yamldoc import (
    _KEPT_DEPTH,
    _MAP_TAG,
    _NULL,
    _NULL_TAG,
    _SEQ_TAG,
    _STANDARD_TAGS,
    _STR_TAG,
    Document,
    Path_,
    _Composer,
    _duplicate_key,
    _tag_name,
    format_path,
    parsing,
)


def parse_events(name: str, text: str) -> Document:
    """`parse_yaml` of a file without anchors or aliases, from the parser's events: the
    same data, positions and problems as from its nodes, without holding the nodes
    (several times a big file's size)."""
    if text.startswith("\ufeff"):  # the parser skips a BOM without counting it
        text = text[1:]
    parser = _Composer(text)
    doc = Document(name, None)
    shallow = len(text) >= yamldoc.SHALLOW_CHARS
    if shallow:
        doc.text = text
    builder = _Events(doc, parser.get_event, shallow)
    with parsing(name, parser):
        try:
            doc.data = builder.stream()
        except RecursionError:
            builder.problems.append(Problem(name, "", "", msg("file.yaml_too_deep")))
            builder.drain()  # a syntax error further on is still the one said
    if builder.problems:
        raise InputError(builder.problems)
    return doc


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_WORDS = 4096  # distinct values shared: the words come first, then ids and names fill it


def _scalar_tag(event: Any) -> str:
    """A scalar's tag, resolved as `_Resolver` resolves it: a plain null or empty scalar
    is null, every other untagged scalar a string."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        return _NULL_TAG if event.implicit[0] and _NULL.match(event.value) else _STR_TAG
    return tag


class _Events:
    """`_Builder`, from events: each value built as its events come."""

    def __init__(self, doc: Document, get: Any, shallow: bool) -> None:
        self.doc = doc
        self.get = get
        self.shallow = shallow
        self.problems: list[Problem] = []
        # the first values met, each kept once: a roster repeats its few words (an
        # education, a title) millions of times, each a new string from the parser
        self.words: dict[str, str] = {}

    def fail(self, mark: Any, path: Path_, message: Text) -> None:
        where = position(mark.line + 1, mark.column + 1)
        self.problems.append(Problem(self.doc.file, where, format_path(path), message))

    def stream(self) -> Any:
        get = self.get
        get()  # the stream's start
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            return None  # no document: no node
        first = get()
        data = self.value(first, ())
        get()  # the document's end
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark,
                "but found another document",
                event.start_mark,
            )
        return data

    def drain(self) -> None:
        while not isinstance(self.get(), yaml.StreamEndEvent):
            pass

    def skip(self, event: Any) -> None:
        """The rest of the value `event` begins (none for a scalar)."""
        depth = 1 if isinstance(event, _OPEN) else 0
        while depth:
            event = self.get()
            if isinstance(event, _OPEN):
                depth += 1
            elif isinstance(event, _CLOSE):
                depth -= 1

    def value(self, event: Any, path: Path_) -> Any:
        """The value `event` begins, at `path`, and its place: in `positions`, or for an
        item of a big file's top two levels in `spans`."""
        if not self.shallow or len(path) < _KEPT_DEPTH:
            mark = event.start_mark
            self.doc.positions[path] = (mark.line + 1, mark.column + 1)
            return self._value(event, path)[0]
        if len(path) > _KEPT_DEPTH:
            return self._value(event, path)[0]
        mark = event.start_mark
        if not isinstance(path[1], int):  # a key's value: kept as a small file keeps it
            self.doc.positions[path] = (mark.line + 1, mark.column + 1)
        out, end = self._value(event, path)
        self.doc.spans.add(path, (mark.index, end, mark.line, mark.column))
        return out

    def _value(self, event: Any, path: Path_) -> tuple[Any, int]:
        """The value and where its text ends (-1: a scalar, or nothing to read inside)."""
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path), -1
        is_list = isinstance(event, yaml.SequenceStartEvent)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _SEQ_TAG if is_list else _MAP_TAG
        if tag != (_SEQ_TAG if is_list else _MAP_TAG):
            self.fail(mark, path, msg("file.yaml_tag", tag=_tag_name(tag)))
            self.skip(event)
            return None, -1
        out, end = self._list(path) if is_list else self._mapping(path)
        return out, end.end_mark.index

    def _scalar(self, event: Any, path: Path_) -> str | None:
        tag = _scalar_tag(event)
        if tag == _NULL_TAG:
            return None
        if tag not in _STANDARD_TAGS:
            self.fail(event.start_mark, path, msg("file.yaml_tag", tag=_tag_name(tag)))
            return None
        value: str = event.value
        words = self.words
        word = words.get(value)
        if word is not None:
            return word
        if len(words) < _WORDS:
            words[value] = value
        return value

    def _list(self, path: Path_) -> tuple[list[Any], Any]:
        out: list[Any] = []
        get = self.get
        event = get()
        while not isinstance(event, yaml.SequenceEndEvent):
            out.append(self.value(event, (*path, len(out))))
            event = get()
        return out, event

    def _mapping(self, path: Path_) -> tuple[dict[str, Any], Any]:
        out: dict[str, Any] = {}
        first_at: dict[str, int] = {}  # each key's line, for a duplicate's message
        # a big file keeps the places of the keys of its top two levels only
        keep_keys = not self.shallow or len(path) < _KEPT_DEPTH
        get = self.get
        event = get()
        while not isinstance(event, yaml.MappingEndEvent):
            value = get() if isinstance(event, yaml.ScalarEvent) else None
            if value is None:  # a key that is a list or a mapping
                self.fail(event.start_mark, path, msg("file.yaml_key_not_plain"))
                self.skip(event)
                self.skip(get())
            elif _scalar_tag(event) not in _STANDARD_TAGS:
                self.fail(event.start_mark, path, msg("file.yaml_key_not_plain"))
                self.skip(value)
            elif event.value in out:
                key = event.value
                message = _duplicate_key(key, first_at[key])
                self.fail(event.start_mark, (*path, key), message)
                self.skip(value)
            else:
                # a national file repeats its few keys millions of times: kept once
                key = sys.intern(event.value)
                mark = event.start_mark
                first_at[key] = mark.line + 1
                if keep_keys:
                    self.doc.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)
                out[key] = self.value(value, (*path, key))
            event = get()
        return out, event
