"""One parser per kind of scalar: identifiers, amounts, rates, whole numbers, dates.

Every file reader and every option uses these, so a value means the same thing
wherever it is written. Each raises `ValueError` whose one argument is a message of
the catalogue (`reason(exc)` gives it back), worded for the user in either language.

A number is never guessed: full-width digits, signs and points are read as their
ASCII forms, thousands separators only in exact groups (`1,000.00`), and any other
character — a superscript ², a circled ①, a letter — makes the value an error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from .messages import Localized, Msg, Text, msg

IDENT_RE = re.compile(r"^[\w-]+\Z")

# swplan computes money exactly with 28 significant digits; inputs stay well inside
# that: at most 15 digits before the point (a quadrillion yuan) and 28 in all.
MAX_DIGITS = 28
MAX_WHOLE_DIGITS = 15

# A date before this is a number pasted into a date cell (2019.10 shown as 1905-07-11).
EARLIEST_DATE = dt.date(1950, 1, 1)
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 date system)

# Full-width ASCII (U+FF01-U+FF5E) and the ideographic space: their ASCII forms.
_ASCII_FORMS = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# What bureau sheets write in a number cell that has no value: 0 clients, or empty.
PLACEHOLDERS = frozenset(("—", "——", "-", "－", "–", "/", "／", "无"))


class ValueProblem(ValueError):
    """A value that cannot be read; its argument is a message of the catalogue."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def reason(exc: ValueError) -> Text:
    """What a parser said was wrong: its catalogue message (else its text)."""
    first = exc.args[0] if exc.args else None
    if isinstance(first, Msg | Localized):
        return first
    return str(exc)


def _fail(key: str, **args: Any) -> ValueProblem:
    return ValueProblem(msg(key, **args))


def halfwidth(text: str) -> str:
    """Full-width ASCII as plain ASCII (`２０２６－０１` -> `2026-01`); nothing else changes
    (a superscript ² or a circled ① stays what it is, and a number holding it is refused)."""
    return text if text.isascii() else text.translate(_ASCII_FORMS)


def is_placeholder(text: str) -> bool:
    """Whether a number cell holds one of the marks for "none" (—, -, /, 无)."""
    return text.strip() in PLACEHOLDERS


def shown(value: Any, limit: int = 40) -> str:
    """`repr(value)`, cut short: a message never repeats a 5,000-digit cell."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def parse_ident(value: Any) -> Any:
    if isinstance(value, str) and not IDENT_RE.match(value):
        raise _fail("file.not_identifier", value=value)
    return value


MAX_SITE_ID = 64


def parse_site_id(value: Any) -> str:
    """A site id: any text of at most 64 printable characters, spaces around it trimmed
    (a bureau's own codes and names: `金江社区`, `JJ 01`, `3501-02`)."""
    if not isinstance(value, str):
        raise _fail("file.site_id_not_text", value=shown(value))
    text = value.strip()
    if not text:
        raise _fail("file.site_id_empty")
    if len(text) > MAX_SITE_ID:
        raise _fail("file.site_id_too_long", value=shown(text), n=len(text), most=MAX_SITE_ID)
    bad = next((c for c in text if not _printable(c)), None)
    if bad is not None:
        raise _fail("file.site_id_control", value=shown(text), code=f"U+{ord(bad):04X}")
    return text


def _printable(char: str) -> bool:
    """Not a control, format or unassigned character, nor a line break (spaces are fine)."""
    return char.isprintable() or unicodedata.category(char) == "Zs"


def site_id_ok(text: str) -> bool:
    """Whether a cell is a site id as it stands (no spaces to trim): the fast check."""
    return 0 < len(text) <= MAX_SITE_ID and text.isprintable() and text == text.strip()


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise _fail("file.float_not_allowed")
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise _fail("file.not_a_number", value=value)
    text = halfwidth(str(value)).strip()
    if not text.isascii():
        raise _fail("file.not_a_number_shown", value=shown(value))
    if len(text) > 2 * MAX_DIGITS:
        raise _fail("file.number_too_long", value=shown(value), most=MAX_DIGITS)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _fail("file.not_a_number", value=value) from None
    if not number.is_finite():
        raise _fail("file.not_finite", value=value)
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS or len(digits) + exponent > MAX_WHOLE_DIGITS:
        raise _fail(
            "file.too_many_digits", value=shown(value), whole=MAX_WHOLE_DIGITS, most=MAX_DIGITS
        )
    return number


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
# thousands separators in exact groups of three: 1,000 and 1,000,000.00, never 1,00.0
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", re.ASCII)


def ungrouped(text: str) -> str | None:
    """`1,000.00` -> `1000.00` (exact groups of three); text without commas as it is;
    None when the commas are not thousands separators (`1,00.0`)."""
    if "," not in text:
        return text
    if not _GROUPED.fullmatch(text):
        return None
    return text.replace(",", "")


def parse_amount(value: Any, *, example: str = "1000.00", grouped: bool = True) -> Decimal:
    """Yuan with at most two decimals, 0 or more. Thousands separators are read in exact
    groups (`1,000.00`, as Excel exports a `#,##0.00` cell); `grouped` (an option's
    value) also allows `_` between digits (`1_500_000`)."""
    text = halfwidth(value).strip() if isinstance(value, str) else value
    if isinstance(text, str):
        if grouped and "_" in text and "," not in text:
            text = text.replace("_", "")
        plain = ungrouped(text)
        if plain is None or not _PLAIN_NUMBER.fullmatch(plain):
            raise _fail("file.not_an_amount", value=shown(value), example=example)
        text = plain
    number = parse_decimal(text)
    if number < 0:
        raise _fail("file.amount_negative", value=shown(value))
    if number != number.quantize(Decimal("0.01")):
        raise _fail("file.amount_decimals", value=shown(value))
    return number.quantize(Decimal("0.01"))


def parse_rate(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number < 0:
        raise _fail("file.negative", value=shown(value))
    return number


def parse_integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _fail("file.not_whole", value=shown(value))
    text = halfwidth(str(value)).strip()
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise _fail("file.not_whole", value=shown(value))
    if len(text.lstrip("+-").lstrip("0")) > MAX_WHOLE_DIGITS:
        raise _fail("file.too_large_digits", value=shown(value), most=MAX_WHOLE_DIGITS)
    return int(text)


def parse_count(value: Any, maximum: int | None = None) -> int:
    """A whole number from 0 (to `maximum`, when given: the message then says the range);
    thousands separators in exact groups (`1,234`) are read."""
    text = halfwidth(value).strip() if isinstance(value, str) else ""
    if "," in text:
        plain = ungrouped(text)
        if plain is not None:
            value = text = plain
    digits = re.fullmatch(r"\+?[0-9]+", text) is not None
    if maximum is not None and digits and len(text.lstrip("+0")) > len(str(maximum)):
        raise _fail("file.too_large", value=shown(value), most=f"{maximum:,}")  # never converted
    try:
        number = parse_integer(value)
    except ValueError:
        if maximum is not None:
            raise _fail("file.not_whole_range", value=shown(value), most=f"{maximum:,}") from None
        raise _fail("file.not_whole", value=shown(value)) from None
    if number < 0:
        if maximum is not None:
            raise _fail("file.negative_range", value=shown(value), most=f"{maximum:,}")
        raise _fail("file.negative", value=shown(value))
    if maximum is not None and number > maximum:
        raise _fail("file.too_large", value=shown(value), most=f"{maximum:,}")
    return number


def parse_positive(value: Any) -> int:
    number = parse_integer(value)
    if number < 1:
        raise _fail("file.not_positive", value=shown(value))
    return number


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = halfwidth(str(value)).strip() if isinstance(value, str | int) else None
    if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise _fail("file.not_a_date", value=value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _fail("file.not_a_real_date", value=value) from None


_DAY_FORMS = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日)",
    re.ASCII,
)
# a month without a day: 2019.07, 2019.7, 2019-07, 2019/7, 2019年7月, 201907
_MONTH_FORMS = re.compile(
    r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})|年(?P<m2>\d{1,2})月|(?P<m3>\d{2}))", re.ASCII
)
# 2019.1: a number cell shows 2019.10 (October) so, and 2019.1 (January) too
_AMBIGUOUS = re.compile(r"(?P<y>\d{4})\.1", re.ASCII)
_SERIAL = re.compile(r"\d{1,5}(?:\.0+)?", re.ASCII)


def cell_date(value: Any) -> tuple[dt.date, bool]:
    """A date as bureau tables write it, and whether it was a month without a day.

    `2016-09-01`, `2016-9-1`, `2016/9/1`, `2016.9.1`, `2016年9月1日`, `20160901` (and a
    date cell); a month without a day (`2019.07`, `2019年7月`, `2019-07`, `201907`) is
    the 1st of that month. `2019.1` (January, or October shown by a number cell) is an
    error that says so, as is a number that looks like an Excel date serial (a date
    cell not formatted as one) and a date before 1950 (a number in a date cell)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _not_early(value, value), False
    text = "".join(halfwidth(str(value)).split()) if isinstance(value, str | int) else None
    if text is None:
        return parse_date(value), False
    found = _DAY_FORMS.fullmatch(text)
    if found or re.fullmatch(r"[0-9]{8}", text):
        if found:
            parts = (found["y"], found["m"] or found["m2"], found["d"] or found["d2"])
        else:
            parts = (text[:4], text[4:6], text[6:])
        return _not_early(_real_date(value, *parts), value), False
    ambiguous = _AMBIGUOUS.fullmatch(text)
    if ambiguous:
        raise _fail("bureau.month_ambiguous", value=value, year=ambiguous["y"])
    month = _MONTH_FORMS.fullmatch(text)
    if month:
        number = month["m"] or month["m2"] or month["m3"]
        return _not_early(_real_date(value, month["y"], number, "1"), value), True
    if _SERIAL.fullmatch(text):
        raise _fail("file.date_serial", value=value)
    return _not_early(parse_date(text), value), False


def parse_cell_date(value: Any) -> dt.date:
    """`cell_date` without telling whether it was a month only."""
    return cell_date(value)[0]


def _real_date(value: Any, year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _fail("file.not_a_real_date", value=value) from None


def _not_early(day: dt.date, value: Any) -> dt.date:
    """A date from 1950 on; an earlier one is a number pasted into a date cell."""
    if day < EARLIEST_DATE:
        written = value.isoformat() if isinstance(value, dt.date) else value
        raise _fail(
            "bureau.date_too_early",
            value=written,
            serial=(day - EXCEL_EPOCH).days,
            shown=day.isoformat(),
        )
    return day
