"""Award schemes: several funders' awards, each judged on its own terms.

A city's award and a region's award are two sets of rules with their own exams,
ladder, conditions, deadline and cap; one `awards` section cannot hold both (a
combined ladder tops one up by the other, a shared ledger pays one by the other's
rows). `awards.schemes` names each as an `awards` section of its own, with its
funder::

    awards:
      schemes:
        city:   {funder: city, exams: {assistant_social_worker: 2000},
                 scope: {passed_from: 2022-01-01}}
        region: {funder: region, exams: {social_worker: 3000, senior_social_worker: 6000}}

Without `schemes`, the `awards` section is the one scheme `default`. With them, the
other keys of `awards` are no scheme and no scheme inherits them; `awards.ladder`
stays the ladder of titles (plans, certificates).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ModelWrapValidatorHandler, PrivateAttr, model_validator

from ..messages import msg
from .base import Ident, Label, Strict, Word
from .parts import Awards, IsoDate, Positive
from .problems import Found, KeyPath, not_one_of

if TYPE_CHECKING:
    from .model import Rules

DEFAULT = "default"  # the scheme of an `awards` section without `schemes`


def _year(value: Any) -> int:
    """A calendar year of `exam_years` (1900 to 2200)."""
    from ..values import parse_integer

    year = parse_integer(value)
    if not 1900 <= year <= 2200:
        raise ValueError(msg("schemes.not_a_year", value=value))
    return year


class Scope(Strict):
    """The passes a scheme rewards: by pass date (either bound alone, inclusive), or by
    the exam's year (`[FROM, TO]`, inclusive; the year of `passed_on` when the passes
    file gives no `exam_year`)."""

    passed_from: IsoDate | None = None
    passed_to: IsoDate | None = None
    exam_years: list[int] | None = None

    @model_validator(mode="before")
    @classmethod
    def _years(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("exam_years"), list):
            return {**data, "exam_years": [_year(v) for v in data["exam_years"]]}
        return data


class SchemeKeys(Awards):
    """The keys of one scheme, and of an `awards` section without schemes."""

    claim_within_months: Positive | None = None  # claimed by the N-th month anniversary
    scope: Scope | None = None


_LONG_KEYS = ("amount", "label", "aliases")


class Scheme(SchemeKeys):
    """One award scheme: an `awards` section of its own, with its funder and label.

    An exam may be written in the long form `{amount: 600, label: ..., aliases: [...]}`
    here too; its words join the exam vocabulary.
    """

    funder: Ident | None = None  # a source of `funding.sources`; None: the `awards` shares
    label: Label = Label()
    aliases: list[str] = []  # other names a ledger's scheme column may use

    _words: dict[str, Word] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _long_exams(cls, data: Any, handler: ModelWrapValidatorHandler[Scheme]) -> Scheme:
        words: dict[str, Word] = {}
        exams = data.get("exams") if isinstance(data, dict) else None
        if isinstance(exams, dict) and any(isinstance(v, dict) for v in exams.values()):
            short: dict[str, Any] = {}
            for key, value in exams.items():
                if not isinstance(value, dict):
                    short[key] = value
                    continue
                extra = [k for k in value if k not in _LONG_KEYS]
                if extra or "amount" not in value:
                    raise ValueError(msg("schemes.long_exam", exam=key))
                short[key] = value["amount"]
                words[key] = Word.model_validate(
                    {k: v for k, v in value.items() if k in ("label", "aliases")}
                )
            data = {**data, "exams": short}
        scheme = handler(data)
        scheme._words = words
        return scheme

    def exam_words(self) -> Mapping[str, Word]:
        return self._words


class AwardSchemes(SchemeKeys):
    """The `awards` section: one scheme, or the schemes of `schemes`."""

    schemes: dict[Ident, Scheme] | None = None


def award_schemes(rules: Rules) -> dict[str, SchemeKeys]:
    """Every scheme by name, in the rules' order: `default` (the `awards` section
    itself) when the rules give no `schemes`."""
    awards = rules.awards
    schemes = getattr(awards, "schemes", None)
    if schemes is None:
        if not isinstance(awards, SchemeKeys):  # a version-2 section put in by `model_copy`
            awards = SchemeKeys.model_validate(awards.model_dump())
        return {DEFAULT: awards}
    return dict(schemes)


def scheme_words(rules: Rules) -> dict[str, Word | Scheme]:
    """The schemes as a vocabulary (a ledger's scheme column names one by key, label
    or alias)."""
    return {
        name: scheme if isinstance(scheme, Scheme) else Word()
        for name, scheme in award_schemes(rules).items()
    }


def funder_of(scheme: SchemeKeys) -> str | None:
    return getattr(scheme, "funder", None)


def priced_exams(rules: Rules) -> list[str]:
    """Every exam the rules name: `awards.exams`, then those only a scheme prices."""
    out = dict.fromkeys(rules.awards.exams)
    for scheme in award_schemes(rules).values():
        out.update(dict.fromkeys(scheme.exams))
    return list(out)


def scheme_exam_words(rules: Rules) -> dict[str, Word]:
    """The labels and aliases schemes give their exams (the first scheme's win)."""
    out: dict[str, Word] = {}
    for scheme in award_schemes(rules).values():
        if isinstance(scheme, Scheme):
            for key, word in scheme.exam_words().items():
                out.setdefault(key, word)
    return out


# --------------------------------------------------------------------------- checks


def _where(name: str) -> KeyPath:
    return ("awards", "schemes", name)


def _each_scheme(rules: Rules) -> list[tuple[KeyPath, SchemeKeys]]:
    schemes = getattr(rules.awards, "schemes", None)
    if schemes is None:
        return []
    return [(_where(name), scheme) for name, scheme in schemes.items()]


def scheme_ladders(rules: Rules) -> Found:
    """A scheme's ladder names exams the scheme prices, each once."""
    found: Found = []
    for where, scheme in _each_scheme(rules):
        seen: set[str] = set()
        for i, exam in enumerate(scheme.ladder):
            if exam not in scheme.exams:
                found.append(
                    (
                        (*where, "ladder", i),
                        msg(
                            "rules.ladder_exam_without_award",
                            problem=not_one_of(exam, scheme.exams),
                        ),
                    )
                )
            if exam in seen:
                found.append(((*where, "ladder", i), msg("rules.ladder_twice", exam=exam)))
            seen.add(exam)
    return found


def scheme_conditions(rules: Rules) -> Found:
    """A scheme's conditions name ratings and employment the rules have, and its
    deadline is a real day."""
    ratings = rules.pay.points.performance
    found: Found = []
    for where, scheme in _each_scheme(rules):
        e = scheme.eligibility
        if e.min_performance is not None and e.min_performance not in ratings:
            found.append(
                (
                    (*where, "eligibility", "min_performance"),
                    not_one_of(e.min_performance, ratings),
                )
            )
        found += [
            ((*where, "eligibility", "exclude_employment", i), not_one_of(kind, rules.employment))
            for i, kind in enumerate(e.exclude_employment)
            if kind not in rules.employment
        ]
        deadline = scheme.claim_deadline
        if deadline is not None and deadline.day > deadline.in_year(2024).day:
            found.append(
                (
                    (*where, "claim_deadline", "day"),
                    msg("rules.no_such_day", month=deadline.month, day=deadline.day),
                )
            )
    return found


def scopes(rules: Rules) -> Found:
    """A scope is by dates or by exam years, not both; its bounds are in order."""
    found: Found = []
    every = [(("awards",), rules.awards), *_each_scheme(rules)]
    for where, scheme in every:
        scope = getattr(scheme, "scope", None)
        if scope is None:
            continue
        at: KeyPath = (*where, "scope")
        dates = scope.passed_from is not None or scope.passed_to is not None
        if dates and scope.exam_years is not None:
            found.append((at, msg("schemes.scope_both")))
        if (
            scope.passed_from is not None
            and scope.passed_to is not None
            and scope.passed_from > scope.passed_to
        ):
            found.append(((*at, "passed_to"), msg("schemes.scope_reversed")))
        years = scope.exam_years
        if years is not None and (len(years) != 2 or years[0] > years[1]):
            found.append(((*at, "exam_years"), msg("schemes.exam_years_form")))
    return found


def funders_listed(rules: Rules) -> Found:
    """A scheme's funder is a source of `funding.sources`."""
    funding = getattr(rules, "funding", None)
    sources = list(funding.sources) if funding is not None else []
    return [
        ((*where, "funder"), msg("funding.not_a_source", problem=not_one_of(funder, sources)))
        for where, scheme in _each_scheme(rules)
        if (funder := funder_of(scheme)) is not None and funder not in sources
    ]


SCHEME_CHECKS = [scheme_ladders, scheme_conditions, scopes, funders_listed]
