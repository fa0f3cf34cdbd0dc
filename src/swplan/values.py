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


# Fullwidth forms (U+FF01-U+FF5E) and the ideographic space, as their ASCII forms.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def halfwidth(text: str) -> str:
    """Fullwidth digits, letters and signs as their plain forms (`２０２６－０１` -> `2026-01`).

    Every number parser reads its text through this, and only this: a superscript `²`,
    a circled `①` or another script's digit stays what it is, which no parser takes
    for a digit (a number is never guessed: `1²` is not 12, `①⓪⓪⓪` not 1000).
    """
    return text.translate(_FULLWIDTH) if not text.isascii() else text


def shown(value: Any, limit: int = 40) -> str:
    """`repr(value)`, cut short: a message never repeats a 5,000-digit cell."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def parse_ident(value: Any) -> Any:
    if isinstance(value, str) and not IDENT_RE.match(value):
        raise ValueError(f"{value!r} is not a valid identifier; use letters, digits, '_' and '-'")
    return value


MAX_SITE_ID = 64


def parse_site_id(value: Any) -> str:
    """A site id: any text of at most 64 printable characters, spaces around it trimmed
    (a bureau's own codes and names: `金江社区`, `JJ 01`, `3501-02`)."""
    if not isinstance(value, str):
        raise ValueError(f"{shown(value)} is not a site id; write it as text")
    text = value.strip()
    if not text:
        raise ValueError("the site id is empty")
    if len(text) > MAX_SITE_ID:
        raise ValueError(
            f"{shown(text)} has {len(text)} characters; a site id has at most {MAX_SITE_ID}"
        )
    bad = next((c for c in text if not _printable(c)), None)
    if bad is not None:
        raise ValueError(
            f"{shown(text)} holds a control character (U+{ord(bad):04X}); "
            "a site id is printable text on one line"
        )
    return text


def _printable(char: str) -> bool:
    """Not a control, format or unassigned character, nor a line break (spaces are fine)."""
    return char.isprintable() or unicodedata.category(char) == "Zs"


def site_id_ok(text: str) -> bool:
    """Whether a cell is a site id as it stands (no spaces to trim): the fast check."""
    return 0 < len(text) <= MAX_SITE_ID and text.isprintable() and text == text.strip()


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise ValueError("a float is not allowed here; write the number as text")
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise ValueError(f"{value!r} is not a number")
    text = halfwidth(str(value)).strip()
    if not text.isascii():
        raise ValueError(f"{shown(value)} is not a number")
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


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)


def parse_amount(value: Any, *, example: str = "1000.00", grouped: bool = False) -> Decimal:
    """Yuan with at most two decimals, 0 or more; `grouped` allows `1,500,000` and `1_500_000`."""
    text = halfwidth(value).strip() if isinstance(value, str) else value
    if isinstance(text, str):
        if grouped:
            text = text.replace(",", "").replace("_", "")
        if not _PLAIN_NUMBER.fullmatch(text):
            raise ValueError(
                f"{shown(value)} is not an amount; write yuan with up to two decimals, "
                f"e.g. {example}"
            )
    number = parse_decimal(text)
    if number < 0:
        raise ValueError(f"{shown(value)} is negative; amounts must be 0 or more")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{shown(value)} has more than two decimals; amounts are in yuan and fen")
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


def parse_count(value: Any, maximum: int | None = None) -> int:
    """A whole number from 0 (to `maximum`, when given: the message then says the range)."""
    hint = f"; write a whole number from 0 to {maximum:,}" if maximum is not None else ""
    text = halfwidth(value).strip() if isinstance(value, str) else ""
    digits = re.fullmatch(r"\+?[0-9]+", text) is not None
    if maximum is not None and digits and len(text.lstrip("+0")) > len(str(maximum)):
        raise ValueError(f"{shown(value)} is too large; at most {maximum:,}")  # never converted
    try:
        number = parse_integer(value)
    except ValueError:
        raise ValueError(f"{shown(value)} is not a whole number{hint}") from None
    if number < 0:
        raise ValueError(f"{shown(value)} is negative{hint or '; must be 0 or more'}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{shown(value)} is too large; at most {maximum:,}")
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


_DAY_FORMS = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)",
    re.ASCII,
)
_MONTH_FORMS = re.compile(r"\d{4}(?:[-/.]\d{1,2}|年\d{1,2}月)", re.ASCII)
_SERIAL = re.compile(r"\d{1,5}(?:\.0+)?", re.ASCII)


def parse_cell_date(value: Any) -> dt.date:
    """A date as bureau tables write it: `2016-09-01`, `2016-9-1`, `2016/9/1`, `2016.9.1`,
    `2016年9月1日` or `20160901` (and a date cell). A month without a day, or a number
    that looks like an Excel date serial (a date cell not formatted as one), is an error
    that says so."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = "".join(halfwidth(str(value)).split()) if isinstance(value, str | int) else None
    if text is None:
        return parse_date(value)
    found = _DAY_FORMS.fullmatch(text)
    if found or re.fullmatch(r"[0-9]{8}", text):
        if found:
            parts = (found["y"], found["m"] or found["m2"], found["d"] or found["d2"])
        else:
            parts = (text[:4], text[4:6], text[6:])
        try:
            return dt.date(*(int(p) for p in parts))
        except ValueError:
            raise ValueError(
                f"{value!r} is not a real date; write YYYY-MM-DD, e.g. 2026-01-01"
            ) from None
    if _MONTH_FORMS.fullmatch(text):
        raise ValueError(
            f"{value!r} is a month without a day; write the whole date, e.g. 2016-09-01"
        )
    if _SERIAL.fullmatch(text):
        raise ValueError(
            f"{value!r} looks like an Excel date serial number (a date in a cell not "
            "formatted as a date); format the cell as a date, or write YYYY-MM-DD"
        )
    return parse_date(text)
