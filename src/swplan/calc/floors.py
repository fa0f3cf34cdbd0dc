"""Pay floors (托底): the smallest gross, to the fen, at which what a floor includes
reaches it.

A floor of the gross alone raises the gross to the floor. A floor of gross and
employer contributions together is reached at a lower gross: the contributions are
recomputed on each candidate gross (with their base bounds and rounding), and since
gross + contributions never falls as the gross rises, the smallest gross that reaches
the floor is found by halving the range between the gross and the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..money import FEN


def fen(amount: Decimal) -> int:
    return int(amount.quantize(FEN).scaleb(2))


def yuan(fen_amount: int) -> Decimal:
    return Decimal(fen_amount).scaleb(-2)


def floor_gross(
    gross: Decimal,
    floor: Decimal,
    contributions: Callable[[Decimal], Decimal] | None = None,
) -> Decimal:
    """The gross a month is paid under `floor`: `gross` when what the floor includes
    reaches it, else the smallest amount to the fen at which it does. `contributions`
    (the month's employer contributions on a gross) when the floor includes them."""
    if contributions is None:
        return gross if gross >= floor else floor.quantize(FEN)
    if gross + contributions(gross) >= floor:
        return gross
    low, high = fen(gross), fen(floor)  # low does not reach the floor, high does
    if yuan(high) < floor:  # a floor with part of a fen: the next fen reaches it
        high += 1
    while high - low > 1:
        middle = (low + high) // 2
        candidate = yuan(middle)
        if candidate + contributions(candidate) >= floor:
            high = middle
        else:
            low = middle
    return yuan(high)
