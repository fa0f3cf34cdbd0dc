"""The vocabularies of the rules: words named by key, label or alias.

Every vocabulary (education, title, performance, post, exam, category, site_kind,
employment, contribution) names its words by key; an input file may also use a
word's label or one of its aliases. The number vocabularies (education, title,
performance, exam) may give them in a long form, `bachelor: {points: 2, label: ...}`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..messages import L, Msg, Text, Words, did_you_mean, msg
from .base import Word
from .problems import Found, KeyPath, Theirs

if TYPE_CHECKING:
    from .model import Rules


def word_form(text: str) -> str:
    """How a name is compared: NFKC (fullwidth = halfwidth), no spaces at all, Latin lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def index_names(names: list[tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Normalized name -> key, and the (name, key, other key) of names naming two entries."""
    index: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for name, key in names:
        form = word_form(name)
        other = index.setdefault(form, key)
        if other != key:
            clashes.append((name, key, other))
    return index, clashes


def unknown_word_message(rules: Rules, vocabulary: str, text: str) -> Msg:
    """`'bachlor' is not one of: secondary, ... (did you mean 'bachelor'?)`: a word of an
    input file that names no entry; in Chinese the entries are named by their labels."""

    def shown(key: str) -> L:
        return L(key, rules.label_of(vocabulary, key, "zh"))

    entries = rules.words(vocabulary)
    close = rules.suggest(vocabulary, text)
    return msg(
        "rules.not_one_of",
        value=text,
        allowed=Words(map(shown, entries)) if entries else msg("rules.none_defined"),
        hint=did_you_mean(shown(close) if close is not None and close in entries else close),
    )


# Where each number vocabulary lives, and the key its long form gives the number under.
LONG_FORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "education": (("pay", "points", "education"), "points"),
    "title": (("pay", "points", "title"), "points"),
    "performance": (("pay", "points", "performance"), "points"),
    "exam": (("awards", "exams"), "amount"),
}


def _long_words(vocabulary: str) -> Callable[[Rules], Mapping[str, Word]]:
    path = LONG_FORMS[vocabulary][0]

    def words(rules: Rules) -> Mapping[str, Word]:
        node: Any = rules
        for part in path:
            node = getattr(node, part)
        given = rules._long_words.get(vocabulary, {})
        out = {}
        for key in node:
            word = given.get(key)
            if word is None and vocabulary == "exam":
                # an exam takes the labels and aliases of the title of the same name
                word = rules._long_words.get("title", {}).get(key)
            out[key] = word or Word()
        return out

    return words


def _exam_words(rules: Rules) -> Mapping[str, Word]:
    """`awards.exams`, then the exams only a scheme prices (with the scheme's words, or
    the title's of the same name)."""
    from .schemes import priced_exams, scheme_exam_words

    out = dict(_listed_exams(rules))
    if getattr(rules.awards, "schemes", None) is None:
        return out
    titles = rules._long_words.get("title", {})
    own = scheme_exam_words(rules)
    for key in priced_exams(rules):
        if key not in out:
            out[key] = own.get(key) or titles.get(key) or Word()
    return out


def _funding_sources(rules: Rules) -> Mapping[str, Word]:
    funding = getattr(rules, "funding", None)
    return funding.sources if funding is not None else {}


def _schemes(rules: Rules) -> Mapping[str, Word]:
    from .schemes import scheme_words

    return scheme_words(rules)  # type: ignore[return-value]


_listed_exams = _long_words("exam")

# vocabulary -> its entries. A new vocabulary (e.g. pay components) adds itself here.
VOCABULARIES: dict[str, Callable[[Rules], Mapping[str, Word]]] = {
    "category": lambda r: r.categories,
    "site_kind": lambda r: r.site_kinds,
    "education": _long_words("education"),
    "title": _long_words("title"),
    "performance": _long_words("performance"),
    "post": lambda r: r.pay.posts,
    "exam": _exam_words,
    "employment": lambda r: r.employment,
    "area": lambda r: r.areas,
    "contribution": lambda r: {
        k: r.pay.contributions.items.get(k) or Word()
        for k in {**r.pay.contributions.rates, **r.pay.contributions.items}
    },
    "source": _funding_sources,
    "scheme": _schemes,
}

# where each vocabulary's entries are in a rules file, for messages
VOCABULARY_PATHS: dict[str, tuple[str, ...]] = {
    "category": ("categories",),
    "site_kind": ("site_kinds",),
    "education": ("pay", "points", "education"),
    "title": ("pay", "points", "title"),
    "performance": ("pay", "points", "performance"),
    "post": ("pay", "posts"),
    "exam": ("awards", "exams"),
    "employment": ("employment",),
    "area": ("areas",),
    "contribution": ("pay", "contributions", "items"),
    "source": ("funding", "sources"),
    "scheme": ("awards", "schemes"),
}


def split_long_forms(
    data: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, dict[str, Word]], Found]:
    """Long-form entries of the number vocabularies turned into their numbers.

    Returns the data with short forms only, the labels and aliases found, and the
    problems of malformed long forms.
    """
    words: dict[str, dict[str, Word]] = {}
    problems: Found = []
    out = data
    for vocabulary, (path, number_key) in LONG_FORMS.items():
        node: Any = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict) or not any(isinstance(v, dict) for v in node.values()):
            continue
        short: dict[str, Any] = {}
        found: dict[str, Word] = {}
        for key, value in node.items():
            if not isinstance(value, dict):
                short[key] = value
                continue
            problems += _long_form_problems((*path, key), value, number_key)
            if number_key not in value:
                continue
            short[key] = value[number_key]
            try:
                found[key] = Word.model_validate(
                    {k: v for k, v in value.items() if k in ("label", "aliases")}
                )
            except ValueError as exc:  # pydantic's ValidationError is a ValueError
                problems.append(((*path, key), _first_error(exc)))
        words[vocabulary] = found
        out = _replaced(out, path, short)
    return out, words, problems


def _long_form_problems(where: KeyPath, entry: dict[str, Any], number_key: str) -> Found:
    """Keys a long form may not have, and the number it must have."""
    allowed = (number_key, "label", "aliases")
    found: Found = [
        (
            (*where, extra),
            msg("rules.key_not_allowed", key=extra, allowed=", ".join(allowed), hint=""),
        )
        for extra in entry
        if extra not in allowed
    ]
    if number_key not in entry:
        found.append((where, msg("rules.long_form_number_missing", key=number_key)))
    return found


def _first_error(exc: ValueError) -> Text:
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc)
    first = errors()[0]
    where = ".".join(map(str, first["loc"]))
    return msg("rules.at_key", key=where, problem=Theirs(first["msg"])) if where else first["msg"]


def _replaced(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = dict(data)
    if len(path) == 1:
        out[path[0]] = value
    else:
        out[path[0]] = _replaced(data[path[0]], path[1:], value)
    return out


def alias_problems(rules: Rules) -> Found:
    """One alias or label naming two entries of the same vocabulary."""
    problems: Found = []
    for vocabulary in VOCABULARIES:
        names = rules._all_names(vocabulary)
        for name, key, other in index_names(names)[1]:
            entry = rules.words(vocabulary).get(key)
            where: KeyPath = (*VOCABULARY_PATHS[vocabulary], key)
            if entry is not None and name in entry.aliases:
                where = (*where, "aliases", entry.aliases.index(name))
            elif entry is not None and name in (entry.label.zh, entry.label.en):
                where = (*where, "label", "zh" if name == entry.label.zh else "en")
            problems.append(
                (
                    where,
                    msg(
                        "rules.alias_names_two",
                        name=name,
                        other=other,
                        key=key,
                        vocabulary=vocabulary,
                    ),
                )
            )
    return problems
