"""swplan's JSON text is `json.dumps(data, ensure_ascii=False, indent=2)`, to the character.

Every JSON report goes through `json_text.json_chunks`, which encodes a long list an
element at a time; whatever the data, its chunks joined must be the standard
library's text and a newline, and what the standard library refuses it refuses.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swplan.json_text import LONG, json_chunks
from swplan.render_view import Made


class Kind(enum.StrEnum):
    ROW = "row"


class Level(enum.IntEnum):
    TOP = 3


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec="utf-8"), max_size=12)  # control characters, CJK, quotes
    | st.just(Kind.ROW)
    | st.just(Level.TOP)
)
KEYS = st.text(max_size=6) | st.integers(-5, 5) | st.booleans() | st.none() | st.floats(0, 2)


def _long(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Lists past `LONG` (written an element at a time), as lists, tuples and Made."""
    rows = st.lists(children, min_size=LONG - 1, max_size=LONG + 3)
    return st.one_of(
        rows,
        rows.map(tuple),
        rows.map(lambda items: Made(len(items), lambda: iter(items))),
    )


# rows of a long list: small trees (a site, a worker), empty ones too
ROW = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(KEYS, SCALARS | st.lists(SCALARS, max_size=2) | st.just({}), max_size=3),
)
# rows that share their keys (the sites of `budget --by site`): text values mostly, now
# and then a null, a number, a list, an object, or a row of another shape
KEY_TEXT = st.text(st.sampled_from('ab%s"\\\n中'), max_size=4)
VALUE = st.text(st.characters(codec="utf-8"), max_size=6)
ODD = (
    st.none() | st.integers(-9, 9) | st.lists(VALUE, max_size=2) | st.just({}) | st.just({"%s": 1})
)
SHAPED = st.lists(KEY_TEXT, min_size=1, max_size=4, unique=True).flatmap(
    lambda keys: _long(
        st.fixed_dictionaries({key: VALUE for key in keys})
        | st.fixed_dictionaries({key: VALUE | ODD for key in keys})
        | ROW
    )
)
DATA = st.recursive(
    SCALARS | _long(ROW) | SHAPED,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.dictionaries(KEYS, children, max_size=4),
    ),
    max_leaves=12,
)


def text(data: object) -> str:
    return "".join(json_chunks(data))


@settings(max_examples=100, deadline=None)
@given(DATA)
def test_the_text_is_the_standard_librarys(data: object) -> None:
    assert text(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_a_report_shaped_by_hand() -> None:
    sites = [{"id": f"S{i}", "name": None, "cost": "1.00"} for i in range(LONG + 1)]
    data = {"schema": "swplan.budget/2", "sites": Made(len(sites), lambda: iter(sites))}
    got = text(data)
    assert got.startswith('{\n  "schema": "swplan.budget/2",\n  "sites": [\n    {\n')
    assert '    {\n      "id": "S64",\n      "name": null,\n      "cost": "1.00"\n    }\n' in got
    assert got.endswith("    }\n  ]\n}\n")
    assert text({"empty": Made(0, lambda: iter(())), "nan": math.nan}) == (
        '{\n  "empty": [],\n  "nan": NaN\n}\n'
    )


def test_a_long_list_is_written_an_element_at_a_time() -> None:
    made = 0

    def rows() -> Iterator[dict[str, str]]:
        nonlocal made
        for i in range(100_000):
            made += 1
            yield {"id": f"W{i:06d}", "note": "x" * 20}

    chunks = json_chunks({"rows": Made(100_000, rows)})
    first = next(chunks)
    assert 0 < made < 100_000  # the first chunk left before the last row was made
    assert first.startswith('{\n  "rows": [\n')
    assert len(first) < 200_000


@pytest.mark.parametrize("bad", [Decimal("1.00"), {1j: 1}, [object()], {"a": {"b": {2.5j}}}])
def test_what_the_standard_library_refuses_is_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        json.dumps(bad, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        text(bad)
