"""Identity numbers (居民身份证号码, GB 11643): checked when read, masked when shown.

A roster keyed by 身份证号 has the worker's identity number as the worker id. It must
be 18 characters whose last is the check character of the first 17 (a digit or X;
x is X), or 15 digits (the older form). Every output but the ledger shows such an id
masked: the first 6 and the last 4 characters with 8 asterisks between.
"""

from __future__ import annotations

import re

from .messages import msg
from .values import ValueProblem

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECKS = "10X98765432"
_FORM = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")


def check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return _CHECKS[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def is_id_number(text: str) -> bool:
    """Whether `text` is a valid identity number (18 with its check character, or 15 digits)."""
    if not _FORM.fullmatch(text):
        return False
    return len(text) == 15 or check_character(text[:17]) == text[17]


def parse_id_number(text: str) -> str:
    """An identity number as written (spaces around it removed, x as X), or `ValueProblem`."""
    number = text.strip()
    if number[-1:] == "x":
        number = number[:-1] + "X"
    if is_id_number(number):
        return number
    if len(number) == 18 and _FORM.fullmatch(number):
        raise ValueProblem(msg("bureau.id_number_check", value=mask(number)))
    raise ValueProblem(msg("bureau.id_number_form", value=mask(number), n=len(number)))


def mask(text: str) -> str:
    """`360722********1234`: the first 6 and last 4 characters of a 15- or 18-character
    text, 8 asterisks between; anything else as it is."""
    if len(text) not in (15, 18):
        return text
    return text[:6] + "*" * 8 + text[-4:]


def shown_id(worker_id: str) -> str:
    """A worker id as every output but the ledger shows it: an identity number masked."""
    if len(worker_id) in (15, 18) and is_id_number(worker_id):
        return mask(worker_id)
    return worker_id


def same_id(given: str, worker_id: str) -> bool:
    """Whether an id given on the command line (`--explain`) names this worker: the id
    itself, or an identity number as outputs show it (masked)."""
    return given == worker_id or (given != worker_id and given == shown_id(worker_id))


_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")


def mask_text(text: str) -> str:
    """A message with every identity number in it masked (errors, warnings, notes)."""
    if len(text) < 15:
        return text
    return _IN_TEXT.sub(
        lambda m: shown_id(m[0].upper()) if is_id_number(m[0].upper()) else m[0], text
    )
