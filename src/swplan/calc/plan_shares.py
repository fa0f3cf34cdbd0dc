"""How a plan shares out whole people: leavers and passes over the district by the
largest remainder, and hires one at a time to the largest gap.

Both are exact (integers and fractions) and take the sites in their order, so ties
always go the same way: to the earlier site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from ..money import half_up_ratio


def apportion(counts: Sequence[int], rate: Fraction) -> tuple[int, list[int]]:
    """The district's share of `counts` (one number per site) at `rate`, site by site.

    The total is round-half-up(sum(counts) x rate); each site first gets the whole part
    of its count x rate, and the rest go one each to the sites with the largest
    remainders (ties: the earlier site). `apportion([5, 5], 0.1)` -> (1, [1, 0]):
    0.5 + 0.5 = 1.0 leaver in all, both remainders are 0.5, the first site has it.
    """
    n = len(counts)
    p, q = rate.numerator, rate.denominator
    if p == 0 or n == 0:
        return 0, [0] * n
    sites_with = Counter(counts)  # count -> how many sites have it
    total = half_up_ratio(sum(c * k for c, k in sites_with.items()) * p, q)
    parts = {c: divmod(c * p, q) for c in sites_with}  # count -> (whole part, remainder x q)
    share_of = {c: whole for c, (whole, _) in parts.items()}
    left = total - sum(share_of[c] * k for c, k in sites_with.items())
    # a remainder is the same for every site with the same count: the sites of the
    # largest remainders each get one more, level by level; a level that does not fit
    # whole goes to its earliest sites
    by_remainder: dict[int, list[int]] = {}
    for c, (_, rest) in parts.items():
        if rest:
            by_remainder.setdefault(rest, []).append(c)
    partial: set[int] = set()
    for rest in sorted(by_remainder, reverse=True):
        if left <= 0:
            break
        level = by_remainder[rest]
        size = sum(sites_with[c] for c in level)
        if size <= left:
            for c in level:
                share_of[c] += 1
            left -= size
        else:
            partial = set(level)
            break
    shares = list(map(share_of.__getitem__, counts))
    if partial:
        for i, c in enumerate(counts):
            if c in partial:
                shares[i] += 1
                left -= 1
                if not left:
                    break
    return total, shares


def level_fill(gaps: Sequence[int], rooms: Sequence[int], hires: int) -> list[int]:
    """`hires` made one at a time, each to the site whose gap (counting the hires already
    made) is then the largest among the sites with room left (ties: the earlier site);
    how many each site gets. `rooms[i]` (at most the gap) is how many site i may take.

    Worked as a level: the fewest L such that bringing every gap above L down to L (as
    far as room allows) takes no more than `hires`; the rest go one each, in site order,
    to the sites left at gap L that have room. `level_fill([3, 3, 1], [3, 3, 1], 3)` ->
    [2, 1, 0]: 3 and 3 come down to 2 (two hires), then the first site at 2 has the third.
    """
    if hires >= sum(rooms):
        return list(rooms)

    def taken(level: int) -> int:
        return sum(min(r, g - level) for g, r in zip(gaps, rooms, strict=True) if g > level)

    low, high = 0, max(gaps, default=0)  # taken(high) == 0 <= hires < taken(0)
    while low < high:
        mid = (low + high) // 2
        if taken(mid) <= hires:
            high = mid
        else:
            low = mid + 1
    level = low
    out = [min(r, g - level) if g > level else 0 for g, r in zip(gaps, rooms, strict=True)]
    left = hires - sum(out)
    for i, (g, r) in enumerate(zip(gaps, rooms, strict=True)):
        if not left:
            break
        if out[i] < r and g - out[i] == level:
            out[i] += 1
            left -= 1
    return out
