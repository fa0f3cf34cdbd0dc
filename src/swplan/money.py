"""The one money policy: exact numbers, rounded half-up once, where the spec says.

Money is never a float. Amounts are `Decimal` values with two places; rates and
points are `Decimal` too, so products are exact (`EXACT`) before the one rounding
step. Counts of people (a share of a site's workers, clients grown by a rate) are
exact rationals (`Fraction`) rounded to a whole number. Every rounding goes through
`half_up`: a half rounds away from zero, 0.5 -> 1, 4.125 -> 4.13 (at two places).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import overload

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# Products of amounts and rates are exact before the one rounding step: the default
# context (28 digits, half-even) would round a long rate twice.
EXACT = Context(prec=200, rounding=ROUND_HALF_UP)

_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(9)}
# quantized half-up in EXACT (the rounding given by the context, not as a keyword:
# half the cost, and every amount of every month of a plan is rounded); its 200
# digits hold any amount, whatever context the caller is in
_quantize = EXACT.quantize


@overload
def half_up(value: Fraction | int) -> int: ...


@overload
def half_up(value: Fraction | Decimal | int, places: int) -> Decimal: ...


def half_up(value: Fraction | Decimal | int, places: int | None = None) -> int | Decimal:
    """`value` rounded half-up (a half away from zero): to a whole number (an `int`),
    or with `places` to that many decimal places (a `Decimal`).

    `half_up(Fraction(5, 2)) == 3`, `half_up(Fraction(1, 3), 4) == Decimal("0.3333")`,
    `half_up(Decimal("4.125"), 2) == Decimal("4.13")`.
    """
    if places is None:
        if isinstance(value, Decimal):
            raise TypeError("half_up of a Decimal takes the number of places")
        return half_up_ratio(value.numerator, value.denominator)
    if isinstance(value, Decimal):
        quantum = _QUANTUM.get(places) or Decimal(1).scaleb(-places)
        return _quantize(value, quantum)
    return Decimal(half_up(value * 10**places)).scaleb(-places)


def half_up_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator above 0) rounded half-up to a whole number,
    in integers: `half_up_ratio(5, 2) == 3`. `half_up` of a fraction is this."""
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((denominator - 2 * numerator) // (2 * denominator))


def round_fen(value: Decimal) -> Decimal:
    """Round half-up to 0.01: `round_fen(Decimal("4.125")) == Decimal("4.13")`.

    `half_up(value, 2)`, spelled out: every contribution of every pay profile of every
    month of a plan is rounded here.
    """
    return _quantize(value, FEN)


def fmt_money(value: Decimal) -> str:
    """`"4200.00"`: the JSON and CSV form of an amount (`round_fen`, spelled out: a
    national `budget --by site` writes three million)."""
    return str(_quantize(value, FEN))


def fmt_number(value: Decimal) -> str:
    """Shortest exact decimal form for points and rates: `8.5`, `10`, `-1`."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def ratio(part: Decimal | int, whole: Decimal | int) -> Fraction:
    """`part / whole`, exact; 0 when `whole` is 0 (a share of nothing is none)."""
    if whole == 0:
        return Fraction(0)
    return Fraction(part) / Fraction(whole)


def fmt_share(value: Fraction) -> str:
    """A share as it is shown and compared: four decimals, half-up: `"0.3333"`."""
    return str(half_up(value, 4))


def share(part: Decimal, whole: Decimal) -> str:
    """`part / whole` with four decimals, half-up, computed exactly: `share(1, 3) == "0.3333"`."""
    return fmt_share(ratio(part, whole))
