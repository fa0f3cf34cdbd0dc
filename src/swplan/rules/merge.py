"""Merging rules: `extends` and dated `changes` merge a mapping key by key.

`apply_changes` validates the rules as each dated change applies: `Rules.in_force(day)`
picks the version of a day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .problems import KeyPath, RulesInconsistent

if TYPE_CHECKING:
    from .model import Rules


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
    problems: list[tuple[KeyPath, str]] = []
    previous: dt.date | None = None
    for i, change in enumerate(rules.changes):
        where: KeyPath = ("changes", i)
        if previous is not None and change.from_ < previous:
            problems.append(
                (
                    (*where, "from"),
                    f"{change.from_} is before {previous}, the date of the change above; "
                    "list changes in date order",
                )
            )
        previous = change.from_
        for key in ("changes", "extends"):
            if key in change.set:
                problems.append(((*where, "set", key), f"a change cannot set {key!r}"))
        if problems:
            continue
        data = merge(data, change.set)
        try:
            version = type(rules).model_validate(data)
        except RulesInconsistent as exc:
            problems += [((*where, "set", *path), message) for path, message in exc.problems]
            continue
        except ValidationError as exc:
            for err in exc.errors():
                message = err["msg"].removeprefix("Value error, ")
                if err["type"] == "extra_forbidden":
                    message = "unknown key"
                elif err["type"] == "missing":
                    message = "required key is missing"
                problems.append(((*where, "set", *err["loc"]), message))
            continue
        versions.append((change.from_, version))
    if problems:
        raise RulesInconsistent(problems)
    return versions
