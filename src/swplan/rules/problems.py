"""What can be wrong with rules: each problem is a key path and a message.

The messages are the catalogue's (`swplan.messages`, keys `rules.*`), worded in the
language of the run when shown. pydantic's own words stay as pydantic wrote them;
inside a message of ours they are `Theirs`, which `swplan.i18n` words in Chinese.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic_core import ErrorDetails

from ..messages import Localized, Msg, Text, did_you_mean, msg

KeyPath = tuple[str | int, ...]
Found = list[tuple[KeyPath, Text]]


class RulesInconsistent(Exception):
    """Rules whose parts contradict each other.

    `found`: (key path, message) with the catalogue's messages; `problems`: the same
    with each message in English.
    """

    def __init__(self, found: Sequence[tuple[KeyPath, Text]]) -> None:
        self.found = list(found)
        self.problems = [(path, str(message)) for path, message in self.found]
        super().__init__(
            "; ".join(f"{'.'.join(map(str, path))}: {message}" for path, message in self.problems)
        )


class Theirs(Localized):
    """Another library's words inside a message of ours; in Chinese as `swplan.i18n` has them."""

    __slots__ = ("words", "yaml")

    def __init__(self, words: str, *, yaml: bool = False) -> None:
        self.words = words
        self.yaml = yaml  # the YAML parser's words (PyYAML's, libyaml's)

    def text(self, lang: str) -> str:
        if lang != "zh":
            return self.words
        from ..i18n import yaml_zh, zh

        return yaml_zh(self.words) if self.yaml else zh(self.words)


def ours(message: Text) -> Msg | Localized:
    """A message to put inside another: ours as it is, another library's as `Theirs`."""
    return message if isinstance(message, Msg | Localized) else Theirs(message)


def not_one_of(value: object, allowed: Iterable[Any]) -> Msg:
    """`'bachlor' is not one of: a, b, c (did you mean 'bachelor'?)`: keys, as a rules
    file writes them, in both languages."""
    words = [str(word) for word in allowed]
    return msg("rules.not_one_of", value=value, allowed=listing(words), hint=closest(value, words))


def listing(words: Sequence[str]) -> Msg | str:
    """Keys as a rules file writes them, `a, b, c` in both languages."""
    return ", ".join(words) if words else msg("rules.none_defined")


def closest(value: object, words: Sequence[str]) -> Msg | str:
    """` (did you mean 'x'?)` with the word closest to `value`, or nothing."""
    close = difflib.get_close_matches(str(value), words, n=1, cutoff=0.6)
    return did_you_mean(close[0] if close else None)


def error_message(error: ErrorDetails) -> Text:
    """The message of one of pydantic's errors: ours when a check of ours raised it
    (`ValueError(msg(...))`), else pydantic's words without its `Value error, `."""
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, ValueError) and raised.args:
        first = raised.args[0]
        if isinstance(first, Msg | Localized):
            return first
    return error["msg"].removeprefix("Value error, ")
