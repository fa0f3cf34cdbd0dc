"""Ids as the user meant them: one rule for every file that names roster workers by id.

A ledger or passes id is the roster id it equals, exactly. One that equals no roster id
but matches one after NFKC (full-width `Ｗ００１`), a change of case (`w001`) or dropping
leading zeros (`101` for `0101`, what Excel does to a number-like id) is an error naming
both spellings: it is never read as a different worker, and never as a new one (which
would pay an award again). An id that matches no roster id at all is someone else (a
ledger may name a worker who has left).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..errors import Problem
from ..messages import Msg, Words, msg
from ..model import Origin


def id_key(text: str) -> str:
    """`text` as ids are compared for a near miss: NFKC, trimmed, case folded, leading
    zeros dropped (`Ｗ００１` -> `w001`, `0101` -> `101`)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.strip().casefold().lstrip("0")


def _zeros_only(a: str, b: str) -> bool:
    """The two ids differ only by leading zeros (what a spreadsheet does to a number)."""
    return a.lstrip("0") == b.lstrip("0")


def respellings(
    roster_ids: Iterable[str], written: Mapping[str, Origin | None]
) -> dict[str, list[str]]:
    """For each id of `written` (ids found on no roster), the roster ids it matches only
    after NFKC, a change of case or dropping leading zeros; ids that match none are left
    out. The roster's ids are read once and none is kept but those matched."""
    wanted: dict[str, list[str]] = {}
    for text in written:
        wanted.setdefault(id_key(text), []).append(text)
    found: dict[str, list[str]] = {}
    if not wanted:
        return found
    for rid in roster_ids:
        key = rid.lower().lstrip("0") if rid.isascii() else id_key(rid)
        for text in wanted.get(key, ()):
            found.setdefault(text, []).append(rid)
    return found


def spelling_message(written: str, roster: Sequence[str], where: str) -> Msg:
    """ "0101 on the roster, 101 in the ledger: was it saved by Excel?" (`where`: "ledger"
    or "passes"); `roster` holds the roster ids `written` matches."""
    zeros = all(_zeros_only(i, written) for i in roster)
    key = "ledger.id_saved_by_excel" if zeros else "ledger.id_spelt_otherwise"
    ids: object = Words(sorted(roster), joiner="or") if len(roster) > 1 else roster[0]
    place = msg("ledger.in_ledger") if where == "ledger" else msg("ledger.in_passes")
    return msg(key, roster=ids, written=written, where=place)


def spelling_problems(
    roster_ids: Iterable[str],
    known: Collection[str],
    written: Iterable[tuple[str, Origin | None]],
    where: str,
) -> list[Problem]:
    """One problem for each id of `written` ((id, where it is), from a ledger or passes)
    that is not in `known` (a lookup of the roster's ids) but is a roster id spelt
    another way; `roster_ids` are every id of the roster; `where` is "ledger" or
    "passes". The first place an id is written is named."""
    rows = list(written)
    unknown = {text: origin for text, origin in rows if text not in known}
    return named_problems(respellings(roster_ids, unknown), rows, where)


def named_problems(
    respelt: Mapping[str, Sequence[str]], written: Iterable[tuple[str, Origin | None]], where: str
) -> list[Problem]:
    """A problem for each id of `respelt` (an id -> the roster ids it matches, see
    `respellings`) at the first place of `written` it is written."""
    problems: list[Problem] = []
    if not respelt:
        return problems
    told: set[str] = set()
    for text, origin in written:
        ids = respelt.get(text)
        if ids and text not in told:
            told.add(text)
            place = origin or Origin(where, "")
            problems.append(place.problem(spelling_message(text, ids, where), "worker_id"))
    return problems
