"""`.rows()` of every result: a list of flat dicts (one per site, worker, award, line or
plan year), nested parts flattened with `.` (`dedicated.elderly`), money as Decimal.

For a script or a notebook: `pandas.DataFrame(result.rows())` is the table the CLI's CSV
shows, with the numbers as numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

SCALARS = (str, int, float, Decimal, dt.date, bool, type(None))
SKIPPED = frozenset({"origin", "months", "paid", "first", "failed", "component_keys"})


def flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """A record as one flat dict: a dataclass, named tuple or mapping key by key (nested
    ones with `a.b` keys); a list of plain values joined with `;`; a fraction as a
    Decimal of four places. Where a record came from, and lists of records, are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items: Iterable[tuple[str, Any]] = (
            (f.name, getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    elif isinstance(value, tuple) and hasattr(value, "_asdict"):
        items = value._asdict().items()
    elif isinstance(value, Mapping):
        items = ((str(k), v) for k, v in value.items())
    else:
        return {prefix.rstrip("."): value}
    out: dict[str, Any] = {}
    for key, v in items:
        if key in SKIPPED:
            continue
        name = prefix + key
        if isinstance(v, Fraction):
            out[name] = Decimal(v.numerator) / Decimal(v.denominator)
        elif isinstance(v, SCALARS):
            out[name] = v
        elif isinstance(v, list | tuple | frozenset | set):
            if all(isinstance(x, SCALARS) for x in v):
                out[name] = ";".join(str(x) for x in v)
        else:
            out.update(flat(v, name + "."))
    return out


def rows(records: Iterable[Any], **first: Any) -> list[dict[str, Any]]:
    """`flat` of each record, after the fixed `first` fields."""
    return [{**first, **flat(r)} for r in records]
