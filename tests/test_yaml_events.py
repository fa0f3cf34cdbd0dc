"""YAML read from the parser's events is YAML read from its nodes; a big file's
positions, found on demand, are the positions of a file read whole.

A file without anchors or aliases is built from the parser's events
(`yaml_events.parse_events`); one with them from PyYAML's nodes (`_parse_nodes`). On
any text both give the same data, the same position for every value and key, and
the same problems in the same order. A file of `SHALLOW_CHARS` or more keeps the
positions of its top two levels and finds the others when asked: every message
names the same place as for a small file.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import V1_RULES, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import load_rules
from swplan.errors import InputError
from swplan.io import populations, yaml_events, yamldoc

WORDS = st.sampled_from(["id", "name", "site", "clients", "elderly", "kind", "x", "西河社区", ""])
SCALARS = st.one_of(
    WORDS,
    st.none(),
    st.text(max_size=8),
    st.integers(-5, 100).map(str),
    st.sampled_from(["~", "null", "NULL", "no", "0101", "1.0", "2019-07-01"]),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(WORDS, children, max_size=4)
    ),
    max_leaves=15,
)
# what a hand-edited file holds that a dump never does: tags, keys that are lists,
# a key twice, a second document, an unclosed bracket
EDITS = [
    ("", ""),
    ("\n", "\n- !!python/object:os.system x\n"),
    ("\n", "\n  !!int 5: a\n"),
    ("\n", "\n? [a, b]\n: c\n"),
    ("\n", "\n{a: 1}: b\n"),
    ("\n", "\n---\nb: 2\n"),
    ("\n", "\nid: 1\nid: 2\n"),
    (": ", ": !!str "),
    (": ", ": !custom "),
    (": ", ": [unclosed "),
    ("- ", "- !!map "),
    ("- ", "- !!seq "),
    # plain nulls, which no dump writes: values, keys, items
    ("\n", "\nz: ~\n"),
    ("\n", "\nz: Null\n"),
    ("\n", "\nz: NULL\n"),
    ("\n", "\nz:\n"),
    ("\n", "\n~: a\n"),
    ("\n", "\nnull: b\n"),
    ("- ", "- ~\n- "),
    ("- ", "- null\n- "),
]


def _texts() -> st.SearchStrategy[str]:
    @st.composite
    def text(draw: st.DrawFn) -> str:
        data = draw(DATA)
        flow = draw(st.sampled_from([False, True, None]))
        dumped = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
        old, new = draw(st.sampled_from(EDITS))
        if old and old in dumped:
            at = draw(st.integers(0, dumped.count(old) - 1))
            head, *rest = dumped.split(old)
            dumped = head + "".join((new if i == at else old) + part for i, part in enumerate(rest))
        if draw(st.booleans()):  # saved on Windows
            dumped = dumped.replace("\n", "\r\n")
        if draw(st.booleans()):  # a BOM, as a file given on stdin keeps it
            dumped = "\ufeff" + dumped
        return dumped.replace("&", "").replace("*", "")  # no anchors: the events' files

    return text()


def outcome(parse: Any, text: str) -> Any:
    """What `parse` makes of `text`: its data and positions, or its problems."""
    try:
        doc = parse("f.yaml", text)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return doc.data, doc.positions, doc.key_positions


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(_texts())
def test_events_and_nodes_read_every_text_alike(text: str) -> None:
    assert outcome(yaml_events.parse_events, text) == outcome(yamldoc._parse_nodes, text)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
        out.append((*path, "no such key"))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*path, i))
        out.append((*path, len(data)))
    return out


@SETTINGS
@given(_texts())
def test_a_big_files_positions_are_found_where_a_small_files_are(text: str) -> None:
    try:
        whole = yamldoc.parse_yaml("f.yaml", text)
    except InputError:
        return
    shallow = yamldoc.SHALLOW_CHARS
    try:
        yamldoc.SHALLOW_CHARS = 0  # every file is big
        found = yamldoc.parse_yaml("f.yaml", text)
    finally:
        yamldoc.SHALLOW_CHARS = shallow
    assert found.data == whole.data
    assert all(len(p) <= 2 for p in (*found.positions, *found.key_positions))
    for path in _paths(whole.data):
        for key in (False, True):
            assert found.where(path, key=key) == whole.where(path, key=key), (path, key)


def test_a_site_of_a_big_populations_file_is_named_at_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # line 7 holds the second site's clients: five spaces, `clients: {youth: 4, `, then
    # `elderly: ` from column 26, so its value 十 is at column 35. A file read in two
    # levels names that cell, as a file read whole does
    text = (
        "region: 东区\n"
        "sites:\n"
        "  - id: S1\n"
        "    kind: urban_community\n"
        "    clients: {elderly: 10}\n"
        "  - {id: S2, kind: urban_community,\n"
        "     clients: {youth: 4, elderly: 十}}\n"
    )
    (tmp_path / "populations.yaml").write_text(text, encoding="utf-8")
    whole = swplan("staff", tmp_path / "populations.yaml", "--rules", V1_RULES)
    monkeypatch.setattr(yamldoc, "SHALLOW_CHARS", 0)
    big = swplan("staff", tmp_path / "populations.yaml", "--rules", V1_RULES)
    assert (big.code, big.err) == (whole.code, whole.err)
    assert big.code == 2
    assert f"{tmp_path / 'populations.yaml'}:7:35: sites[1].clients.elderly" in big.err


def test_the_populations_reader_lets_go_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with the cycle collector off, the file's data goes as soon as the sites are made
    (tmp_path / "p.yaml").write_text(
        "sites:\n  - {id: a, kind: urban_community, clients: {elderly: 3}}\n", encoding="utf-8"
    )
    read: list[weakref.ref[yamldoc.Document]] = []

    def load_yaml(path: Any) -> yamldoc.Document:
        doc = yamldoc.load_yaml(path)
        read.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(populations, "load_yaml", load_yaml)
    gc.disable()
    try:
        sites = populations.load_populations(tmp_path / "p.yaml", load_rules(V1_RULES)).sites
        assert [s.id for s in sites] == ["a"]
        assert read and read[0]() is None
    finally:
        gc.enable()
