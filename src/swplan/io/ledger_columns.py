"""A column added to a ledger that lacks it (`--record` under several award schemes).

Recording the scheme of each row into a ledger that has no `scheme` column means a
new header and an empty cell in each old row: the file is written anew, as a whole,
and takes the place of the old one in one step (its owner, group and mode kept).
Only the header and the ends of the rows change; every byte of the old rows stays.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..errors import InputError, Problem
from ..messages import Msg, msg
from .atomic import atomic_file, why

_BOM = b"\xef\xbb\xbf"


def _problem(name: str, message: Msg) -> InputError:
    return InputError([Problem(name, "", "", message)])


def with_columns(
    name: str, old: bytes, columns: Sequence[str], *, delimiter: str, newline: str
) -> bytes:
    """The ledger's bytes with `columns` after its own: the header names them and every
    row gains an empty cell for each. Raises `InputError` when a row spans lines (a
    quoted cell with a line break), where that cannot be done safely."""
    end = newline.encode()
    lines = old.split(end)
    if not lines[-1].strip():
        lines.pop()  # the file ends with a line break (a last row without one is kept)
    text = old.removeprefix(_BOM).decode("utf-8", errors="replace")
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
    filled = [line for line in lines if line.strip()]
    if len(records) != len(filled):
        raise _problem(name, msg("ledger.cannot_add_column", columns=", ".join(columns)))
    extra = "".join(delimiter + c for c in columns).encode()
    empty = delimiter.encode() * len(columns)
    out: list[bytes] = []
    header = True
    for line in lines:
        if line.strip():
            out.append(line + (extra if header else empty))
            header = False
        else:
            out.append(line)
    return end.join(out) + end


def replace_ledger(name: str, data: bytes) -> None:
    """The ledger replaced by `data` as a whole: the old one or the new one, never half."""
    try:
        with atomic_file(name, binary=True, prefix=".swplan-ledger-") as f:
            f.write(data)
    except OSError as exc:
        raise _problem(name, msg("ledger.cannot_record", why=why(exc))) from None
