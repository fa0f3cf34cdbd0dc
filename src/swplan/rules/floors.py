"""Pay floors (托底), areas, certificate windows and part-year pay: the rules of local
notices that say what a worker must at least be paid, where, and for how long.

- `pay.floor`: one floor or a list, `{monthly: AMOUNT, includes: [gross] | [gross,
  contributions], posts: [...]}` or `{by: area, amounts: {...}, ...}`;
- `areas`: a vocabulary (labels and aliases) that floors and components may be keyed on;
- `pay.prorate`: the extra months and the bonus of a part-year worker, by months paid.

The checks between these and the rest of the rules are here too (see
`swplan.rules.checks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ..messages import msg
from .base import Ident, Strict, Word
from .problems import Found, KeyPath, not_one_of
from .published import PayAmount

if TYPE_CHECKING:
    from .model import Rules

FLOOR = "floor"  # the component id of a floor's raise: reserved
INCLUDES = ("gross", "contributions")


class Area(Word):
    """An area (地区, 片区): where a worker works, for floors and components by area."""


class Floor(Strict):
    """The least a worker is paid a month: their gross, or gross and employer
    contributions together (`includes`), for every post or those listed."""

    monthly: PayAmount | None = None
    by: Literal["area"] | None = None
    amounts: dict[Ident, PayAmount] = {}
    includes: list[Literal["gross", "contributions"]] = ["gross"]
    posts: list[Ident] = []

    def with_contributions(self) -> bool:
        return "contributions" in self.includes


def parse_floors(value: Any) -> Any:
    """`pay.floor`: one floor (a mapping) or a list of them; null: none."""
    if value is None:
        return []
    if isinstance(value, dict | Floor):
        return [value]
    return value


class Prorate(Strict):
    """Whether a part-year worker's extra months and bonus are paid by months paid."""

    extra_months: bool = False
    bonus: bool = False


# ----------------------------------------------------------------------- checks


def floors_valid(rules: Rules) -> Found:
    """Each floor says one amount or amounts by area, includes the gross, and names
    posts and areas the rules have."""
    found: Found = []
    for i, floor in enumerate(rules.pay.floor):
        found += _floor(rules, ("pay", "floor", i), floor)
    return found


def _floor(rules: Rules, where: KeyPath, floor: Floor) -> Found:
    found: Found = []
    if floor.monthly is not None and floor.by is not None:
        found.append((where, msg("rules.floor_both")))
    elif floor.monthly is None and floor.by is None:
        found.append((where, msg("rules.floor_neither")))
    if floor.by is None and floor.amounts:
        found.append(((*where, "amounts"), msg("rules.floor_amounts_without_by")))
    if "gross" not in floor.includes or len(set(floor.includes)) != len(floor.includes):
        found.append(((*where, "includes"), msg("rules.floor_includes")))
    posts = rules.pay.posts
    for j, post in enumerate(floor.posts):
        if not posts:
            found.append(((*where, "posts", j), msg("rules.floor_posts_without_posts")))
        elif post not in posts:
            found.append(((*where, "posts", j), not_one_of(post, posts)))
    if floor.by == "area":
        found += _areas_priced(rules, where, floor.amounts)
    return found


def _areas_priced(rules: Rules, where: KeyPath, amounts: dict[str, Any]) -> Found:
    if not rules.areas:
        return [((*where, "by"), msg("rules.by_area_needs_areas"))]
    return [
        ((*where, "amounts", key), not_one_of(key, rules.areas))
        for key in amounts
        if key not in rules.areas
    ]
