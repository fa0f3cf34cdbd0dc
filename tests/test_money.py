"""The one rounding: half-up, a half away from zero, for amounts and for counts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from swplan.money import fmt_share, half_up, half_up_ratio, ratio, round_fen, share


def test_a_half_rounds_away_from_zero() -> None:
    assert half_up(Fraction(1, 2)) == 1  # 0.5 -> 1
    assert half_up(Fraction(5, 2)) == 3  # 2.5 -> 3, not the even 2
    assert half_up(Fraction(-5, 2)) == -3  # -2.5 -> -3
    assert half_up(Fraction(12, 5)) == 2  # 2.4 -> 2
    assert half_up(Fraction(-12, 5)) == -2  # -2.4 -> -2
    assert half_up(7) == 7
    assert half_up_ratio(5, 2) == 3  # 2.5 -> 3
    assert half_up_ratio(-5, 2) == -3
    assert half_up_ratio(2, 5) == 0  # 0.4 -> 0


def test_places() -> None:
    assert half_up(Decimal("4.125"), 2) == Decimal("4.13")  # the fen: 4.125 -> 4.13
    assert str(half_up(Decimal("841.50"), 0)) == "842"  # the whole yuan
    assert str(half_up(Fraction(1, 3), 4)) == "0.3333"
    assert str(half_up(Fraction(2, 3), 4)) == "0.6667"
    assert str(half_up(Fraction(0), 4)) == "0.0000"
    # 4200 x 1.03^2 = 4455.78 exactly: 4200 x 1.0609 = 4455.780
    assert half_up(4200 * Fraction(103, 100) ** 2, 2) == Decimal("4455.78")
    assert round_fen(Decimal("24.005")) == Decimal("24.01")


def test_shares() -> None:
    assert share(Decimal(1), Decimal(3)) == "0.3333"
    assert share(Decimal(0), Decimal(0)) == "0.0000"  # a share of nothing is none
    assert ratio(123, 221) == Fraction(123, 221)
    assert fmt_share(ratio(123, 221)) == "0.5566"  # 123 / 221 = 0.556561...


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6), st.integers(0, 6))
def test_a_fraction_rounds_as_the_decimal_module_does(n: int, d: int, places: int) -> None:
    # the integer arithmetic for rationals against decimal's own ROUND_HALF_UP, on the
    # quotient cut to 8 more digits than the rounding keeps (ties fall on that grid)
    scaled, left = divmod(abs(n) * 10 ** (places + 8), d)
    cut = Decimal(scaled).scaleb(-(places + 8))
    if left:  # beyond the grid point, never on a tie: one more digit says so
        cut += Decimal(1).scaleb(-(places + 9))
    expected = cut.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert half_up(Fraction(n, d), places) == (expected if n >= 0 else -expected)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6))
def test_the_fen_is_half_up_at_two_places(value: Decimal) -> None:
    assert round_fen(value) == half_up(value, 2) == half_up(Fraction(value), 2)
