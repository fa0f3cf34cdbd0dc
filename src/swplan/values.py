"""One parser per kind of scalar: identifiers, amounts, rates, whole numbers, dates.

Every file reader and every option uses these, so a value means the same thing
wherever it is written. Each raises `ValueError` with a sentence for the user.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

IDENT_RE = re.compile(r"^[\w-]+\Z")

# swplan computes money exactly with 28 significant digits; inputs stay well inside
# that: at most 15 digits before the point (a quadrillion yuan) and 28 in all.
MAX_DIGITS = 28
MAX_WHOLE_DIGITS = 15


def halfwidth(text: str) -> str:
    """Fullwidth digits, letters and signs as their plain forms (`２０２６－０１` -> `2026-01`)."""
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def shown(value: Any, limit: int = 40) -> str:
    """`repr(value)`, cut short: a message never repeats a 5,000-digit cell."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def parse_ident(value: Any) -> Any:
    if isinstance(value, str) and not IDENT_RE.match(value):
        raise ValueError(f"{value!r} is not a valid name; use letters, digits, '_' and '-'")
    return value


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise ValueError("a float is not allowed here; write the number as text")
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise ValueError(f"{value!r} is not a number")
    text = halfwidth(str(value)).strip()
    if len(text) > 2 * MAX_DIGITS:
        raise ValueError(f"{shown(value)} is too long a number; at most {MAX_DIGITS} digits")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS or len(digits) + exponent > MAX_WHOLE_DIGITS:
        raise ValueError(
            f"{shown(value)} is too large or has too many digits; at most {MAX_WHOLE_DIGITS} "
            f"digits before the point and {MAX_DIGITS} in all"
        )
    return number


def parse_amount(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; amounts must be 0 or more")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{value!r} has more than two decimals; amounts are in yuan and fen")
    return number.quantize(Decimal("0.01"))


def parse_rate(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; must be 0 or more")
    return number


def parse_integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{value!r} is not a whole number")
    text = halfwidth(str(value)).strip()
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise ValueError(f"{shown(value)} is not a whole number")
    if len(text.lstrip("+-").lstrip("0")) > MAX_WHOLE_DIGITS:
        raise ValueError(f"{shown(value)} is too large; at most {MAX_WHOLE_DIGITS} digits")
    return int(text)


def parse_count(value: Any) -> int:
    number = parse_integer(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative; must be 0 or more")
    return number


def parse_positive(value: Any) -> int:
    number = parse_integer(value)
    if number < 1:
        raise ValueError(f"{value!r} must be 1 or more")
    return number


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = halfwidth(str(value)).strip() if isinstance(value, str | int) else None
    if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2026-01-01")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a real date; write YYYY-MM-DD, e.g. 2026-01-01"
        ) from None
