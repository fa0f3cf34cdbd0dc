"""The one money policy: exact decimals, rounded half-up to the fen.

Money is never a float. Amounts are `Decimal` values with two places; rates and
points are `Decimal` too, so products are exact before the one rounding step.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def round_fen(value: Decimal) -> Decimal:
    """Round half-up to 0.01: `round_fen(Decimal("4.125")) == Decimal("4.13")`."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal) -> str:
    """`"4200.00"`: the JSON and CSV form of an amount."""
    return str(round_fen(value))


def fmt_number(value: Decimal) -> str:
    """Shortest exact decimal form for points and rates: `8.5`, `10`, `-1`."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def fmt_fraction(value: Fraction, places: int) -> str:
    """An exact non-negative rational, rounded half-up: `fmt_fraction(Fraction(39, 10), 2) == "3.90"`."""
    scaled = value * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return str(Decimal(whole).scaleb(-places))


def share(part: Decimal, whole: Decimal) -> str:
    """`part / whole` with four decimals, half-up, computed exactly: `share(1, 3) == "0.3333"`."""
    if whole == 0:
        return "0.0000"
    return fmt_fraction(Fraction(part) / Fraction(whole), 4)
