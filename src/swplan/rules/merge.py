"""Merging rules: `extends` and dated `changes` merge a mapping key by key.

`apply_changes` validates the rules as each dated change applies: `Rules.in_force(day)`
picks the version of a day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..messages import Text, msg
from .problems import Found, KeyPath, RulesInconsistent, error_message

if TYPE_CHECKING:
    from .model import Rules
    from .parts import Change


def merge(base: Any, override: Any, path: tuple[str, ...] = ()) -> Any:
    """A dated change merged into the rules: a mapping merges key by key; anything else
    replaces (as `extends` merges a file into the rules it names).

    In `pay`, the two forms of the performance bonus replace each other: a file that
    gives `performance_bonus` drops an inherited `performance_bonus_months`, and the
    other way round.
    """
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value, (*path, str(key))) if key in base else value
        if path == ("pay",):
            drop_replaced_bonus(out, override)
        return out
    return override


def drop_replaced_bonus(merged: dict[str, Any], override: dict[str, Any]) -> None:
    """`performance_bonus` over an inherited `performance_bonus_months` replaces it, and
    the other way round (one file giving both is still an error)."""
    for mine, other in (
        ("performance_bonus", "performance_bonus_months"),
        ("performance_bonus_months", "performance_bonus"),
    ):
        if mine in override and other not in override:
            merged.pop(other, None)


def apply_changes(rules: Rules) -> list[tuple[dt.date, Rules]]:
    """Validate the rules as each change applies; the versions in order."""
    data: Any = rules.model_dump(mode="python", by_alias=True, exclude={"changes"})
    versions: list[tuple[dt.date, Rules]] = []
    problems: Found = []
    previous: dt.date | None = None
    for i, change in enumerate(rules.changes):
        where: KeyPath = ("changes", i)
        problems += _change_problems(where, change, previous)
        previous = change.from_
        if problems:
            continue
        data = merge(data, change.set)
        try:
            version = type(rules).model_validate(data)
        except RulesInconsistent as exc:
            problems += [((*where, "set", *path), message) for path, message in exc.found]
            continue
        except ValidationError as exc:
            problems += [((*where, "set", *e["loc"]), _change_error(e)) for e in exc.errors()]
            continue
        versions.append((change.from_, version))
    if problems:
        raise RulesInconsistent(problems)
    return versions


def _change_problems(where: KeyPath, change: Change, previous: dt.date | None) -> Found:
    """A change comes after the one above it, and sets neither `changes` nor `extends`."""
    found: Found = []
    if previous is not None and change.from_ < previous:
        found.append(
            (
                (*where, "from"),
                msg("rules.change_out_of_order", date=change.from_, previous=previous),
            )
        )
    found += [
        ((*where, "set", key), msg("rules.change_cannot_set", key=key))
        for key in ("changes", "extends")
        if key in change.set
    ]
    return found


def _change_error(error: ErrorDetails) -> Text:
    if error["type"] == "extra_forbidden":
        return msg("rules.unknown_key")
    if error["type"] == "missing":
        return msg("rules.key_missing")
    return error_message(error)
