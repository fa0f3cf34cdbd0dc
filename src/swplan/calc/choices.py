"""A word that is not one of the words allowed, as a message of the catalogue."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from ..messages import L, Msg, Words, did_you_mean, msg


def not_one_of(
    value: object, allowed: Iterable[str], label: Callable[[str], str] | None = None
) -> Msg:
    """`'bachlor' is not one of: a, b, c (did you mean 'bachelor'?)`; in Chinese each
    allowed word by its `label` (a vocabulary's label), when one is given."""
    words = list(allowed)

    def shown(word: str) -> L | str:
        return word if label is None else L(word, label(word))

    listed = Words([shown(w) for w in words]) if words else msg("calc.none_defined")
    close = difflib.get_close_matches(str(value), words, n=1, cutoff=0.6)
    hint = did_you_mean(shown(close[0])) if close else ""
    return msg("calc.not_one_of", value=value, allowed=listed, hint=hint)
