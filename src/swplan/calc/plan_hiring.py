"""Hiring on 1 January of a plan year, under the constraints a government sets.

With `hiring: fill` every site short of its required posts hires. Hires are made one at
a time, each to the site whose gap (required - workers, counting the hires already
made) is then the largest among the sites below their posts cap (ties: site order),
until no site below its cap has a gap, or `max_hires_per_year` hires were made, or
the next hire would take the year's total above `budget_ceiling`. Without a cap, a
limit or a ceiling, that is every site hiring its whole gap.

Each year says which constraints cut (`binding`): `max_hires` when the limit's hires
were made and a site below its cap still had a gap; `budget_ceiling` when a hire was
refused for the ceiling; `posts_cap` when a site ends with a gap at its cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .plan_shares import level_fill

MAX_HIRES = "max_hires"
BUDGET_CEILING = "budget_ceiling"
POSTS_CAP = "posts_cap"
NO_CAP = -1


@dataclass(frozen=True, slots=True)
class Ceiling:
    """What the year's total is held under: the ceiling, the total before hiring (the
    current staff's cost, the year's awards and their training) and what each hire adds
    (a new hire's cost of the year and training)."""

    ceiling: Decimal
    before: Decimal
    per_hire: Decimal

    @property
    def passed(self) -> bool:
        """The current staff alone pass the ceiling: no one can be hired."""
        return self.before > self.ceiling

    def most(self) -> int | None:
        """The most hires the ceiling allows (None: no limit, a hire costs nothing)."""
        if self.passed:
            return 0
        if self.per_hire <= 0:
            return None
        return int((self.ceiling - self.before) // self.per_hire)


@dataclass(frozen=True, slots=True)
class Hiring:
    """The hires of a year: per site (by the order given), and the constraints that cut."""

    per_site: list[int]
    binding: tuple[str, ...]

    @property
    def hires(self) -> int:
        return sum(self.per_site)


def hires_under(
    sizes: Sequence[int],
    required: Sequence[int],
    caps: Sequence[int],
    *,
    limit: int | None = None,
    ceiling: Ceiling | None = None,
) -> Hiring:
    """The hires of each site (in site order): `sizes` its workers, `required` its posts,
    `caps` its posts cap (NO_CAP: none)."""
    gaps = [r - n for r, n in zip(required, sizes, strict=True)]
    rooms = [
        max(0, g if cap == NO_CAP else min(g, cap - n))
        for g, cap, n in zip(gaps, caps, sizes, strict=True)
    ]
    wanted = sum(rooms)
    allowed = wanted if limit is None else min(wanted, limit)
    by_ceiling = ceiling.most() if ceiling is not None else None
    hires = allowed if by_ceiling is None else min(allowed, by_ceiling)
    per_site = level_fill(gaps, rooms, hires)
    binding = []
    # a site below its cap still short of posts
    below = any(
        g - a > 0 and (cap == NO_CAP or n + a < cap)
        for g, a, cap, n in zip(gaps, per_site, caps, sizes, strict=True)
    )
    if limit is not None and hires == limit and below:
        binding.append(MAX_HIRES)
    if by_ceiling is not None and by_ceiling < allowed:
        binding.append(BUDGET_CEILING)
    if any(
        g - a > 0 and cap != NO_CAP and n + a >= cap
        for g, a, cap, n in zip(gaps, per_site, caps, sizes, strict=True)
    ):
        binding.append(POSTS_CAP)
    return Hiring(per_site, tuple(binding))
