"""Every message swplan writes, from one catalogue of keyed texts in English and Chinese.

A message is made where its cause is found and worded only when it is shown, in the
language of the run::

    problem = Problem(file, "D7", "education", msg("file.not_one_of", value="bachlor",
                      allowed=Words([word("bachelor", "本科"), ...])), kind="roster")
    str(problem.message)              # English: the JSON, the logs, the tests
    render(problem.message, "zh")     # Chinese, from the same key

The texts live in the modules of this package (`files`, `rules`, `calc`, `reports`,
`commands`, `plan`, `ledger`, ...), one dict each, merged by `catalogue()`; a test
checks that every key has both texts with the same placeholders. Nothing is
translated by matching English afterwards, except the messages of other libraries
(PyYAML, the CSV reader, click), which `swplan.i18n` words in Chinese.

Values that read differently by language:

* `L(en, zh)`: one word, such as a vocabulary key and its Chinese label;
* `Words(items, joiner)`: a list, `a, b, c` / `a、b、c` (joiner "or": `a or b` / `a 或 b`);
* `Field(kind, key)`: a column of a data file, by its key in English and its Chinese
  header (工号, 站点, 学历) in Chinese;
* `Msg`: a message inside a message; `Clauses(...)`: clauses, `a; b` / `a；b`.

A placeholder may take `!r` (`{value!r}`), which quotes the value as Python's repr
does, in both languages: the offending value is shown exactly as it was written.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .fields import header_zh

LANGS = ("en", "zh")

_formatter = string.Formatter()


class Localized:
    """A value whose text depends on the language."""

    __slots__ = ()

    def text(self, lang: str) -> str:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return repr(self.text("en"))


class L(Localized):
    """One word or phrase in both languages: `L("bachelor", "本科")`."""

    __slots__ = ("en", "zh")

    def __init__(self, en: str, zh: str | None = None) -> None:
        self.en = en
        self.zh = en if zh is None else zh

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __eq__(self, other: object) -> bool:
        return isinstance(other, L) and (self.en, self.zh) == (other.en, other.zh)

    def __hash__(self) -> int:
        return hash((self.en, self.zh))


class Quoted(L):
    """A word shown quoted, as `repr` quotes it: `'bachelor'` / `'本科'`."""

    __slots__ = ()

    def text(self, lang: str) -> str:
        return repr(super().text(lang))


class Field(Localized):
    """A column of a data file: `id` in English, 工号 (a roster's) in Chinese."""

    __slots__ = ("kind", "key")

    def __init__(self, kind: str | None, key: str) -> None:
        self.kind = kind
        self.key = key

    def text(self, lang: str) -> str:
        if lang == "zh":
            return header_zh(self.kind, self.key)
        return self.key


class Words(Localized):
    """A list of values: `a, b, c` / `a、b、c`; with `joiner="or"`, `a or b` / `a 或 b`;
    with `quoted=True` each plain text is quoted as `repr` quotes it."""

    __slots__ = ("items", "joiner", "quoted")

    def __init__(self, items: Iterable[Any], joiner: str = "list", quoted: bool = False) -> None:
        self.items = tuple(items)
        self.joiner = joiner
        self.quoted = quoted

    def text(self, lang: str) -> str:
        parts = [_value(item, lang, self.quoted) for item in self.items]
        if self.joiner == "or" and len(parts) > 1:
            last = " 或 " if lang == "zh" else " or "
            return ("、" if lang == "zh" else ", ").join(parts[:-1]) + last + parts[-1]
        if not parts:
            return "（无）" if lang == "zh" else "(none)"
        return ("、" if lang == "zh" else ", ").join(parts)


def _value(item: Any, lang: str, quoted: bool = False) -> str:
    if isinstance(item, Localized | Msg):
        return item.text(lang)
    return repr(item) if quoted else str(item)


@dataclass(frozen=True, slots=True, eq=False)
class Msg:
    """A message of the catalogue: its key and the values it is worded with."""

    key: str
    args: Mapping[str, Any]

    def text(self, lang: str = "en") -> str:
        texts = catalogue().get(self.key)
        if texts is None:
            raise KeyError(f"no message {self.key!r} in the catalogue")
        template = texts[1] if lang == "zh" else texts[0]
        return _fill(template, self.args, lang)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.text('en')!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Msg):
            return self.key == other.key and str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.key, str(self)))


class Clauses(Localized):
    """Messages read as one: `a; b` / `a；b`."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Msg | Localized | str) -> None:
        self.parts = tuple(p for p in parts if p != "")

    def text(self, lang: str) -> str:
        return ("；" if lang == "zh" else "; ").join(_value(p, lang) for p in self.parts)


def msg(key: str, /, **args: Any) -> Msg:
    """The message `key` of the catalogue, with its values."""
    return Msg(key, args)


Text = Msg | Localized | str  # what a problem, note or warning may hold


def render(text: Text, lang: str) -> str:
    """A message in `lang`; a plain string (another library's words) as it is."""
    if isinstance(text, Msg | Localized):
        return text.text(lang)
    return text


def _fill(template: str, args: Mapping[str, Any], lang: str) -> str:
    out: list[str] = []
    for literal, name, spec, conversion in _formatter.parse(template):
        out.append(literal)
        if name is None:
            continue
        value = args[name]
        if isinstance(value, Msg | Localized):
            shown = value.text(lang)
            if conversion == "r" and not isinstance(value, Quoted):
                shown = repr(shown)
        elif conversion == "r":
            shown = repr(value)
        else:
            shown = format(value, spec or "")
        out.append(shown)
    return "".join(out)


def did_you_mean(suggestion: Any) -> Msg | str:
    """` (did you mean 'x'?)` / `（是否应为 'x'？）`, or nothing when there is none."""
    if suggestion is None or suggestion == "":
        return ""
    return msg("hint.did_you_mean", hint=suggestion)


def placeholders(template: str) -> set[str]:
    """The names a template fills in: `{value!r} in {where}` -> {"value", "where"}."""
    return {name for _, name, _, _ in _formatter.parse(template) if name is not None}


_CATALOGUE: dict[str, tuple[str, str]] | None = None

# The modules that hold texts, one per part of swplan (each adds its own file, so two
# changes to different parts never touch the same one).
AREAS = (
    "common",
    "files",
    "rules",
    "calc",
    "reports",
    "commands",
    "plan",
    "ledger",
    "safety",
    "funding",
    "bureau",
    "documents",
)


def catalogue() -> dict[str, tuple[str, str]]:
    """Every message: key -> (English, Chinese)."""
    global _CATALOGUE
    if _CATALOGUE is None:
        import importlib

        merged: dict[str, tuple[str, str]] = {}
        for area in AREAS:
            module = importlib.import_module(f"{__name__}.{area}")
            texts: Mapping[str, tuple[str, str]] = module.MESSAGES
            for key, pair in texts.items():
                if key in merged:
                    raise ValueError(f"message {key!r} is in two catalogue modules")
                merged[key] = pair
        _CATALOGUE = merged
    return _CATALOGUE


def words(items: Sequence[Any], joiner: str = "list") -> Words:
    return Words(items, joiner)


__all__ = [
    "AREAS",
    "Clauses",
    "Field",
    "L",
    "Localized",
    "Msg",
    "Quoted",
    "Text",
    "Words",
    "catalogue",
    "did_you_mean",
    "msg",
    "placeholders",
    "render",
]
