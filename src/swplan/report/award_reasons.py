"""Why a pass earns nothing now, and the conditions of each award scheme, as sentences
of the message catalogue in the run's language (`swplan awards`, `budget`)."""

from __future__ import annotations

from decimal import Decimal

from ..calc.awards import Award, AwardsResult, Failed
from ..messages import Clauses, did_you_mean, msg
from ..money import fmt_money
from ..rules import DEFAULT, Rules, SchemeKeys
from .common import sentence
from .vocab import word


def _word_of(rules: Rules, vocabulary: str, value: str, lang: str) -> str:
    """A rules word as shown in `lang`: its Chinese label, or the word itself in English."""
    return rules.label_of(vocabulary, value, lang) if lang == "zh" else value


def _service_source(source: str, lang: str) -> str:
    """Where a worker's service months were counted from: `hired 2020-01-01`, or the
    `years_of_service` given."""
    kind, _, value = source.partition(" ")
    key = {"hired": "awards.source_hired", "years_of_service": "awards.source_years"}.get(kind)
    return sentence(key, lang, value=value) if key else source


def _failed_reason(f: Failed, rules: Rules, lang: str) -> str:
    """One eligibility condition not met, with the worker's value."""
    if f.condition == "min_service_months":
        return sentence(
            "awards.failed_service",
            lang,
            value=f.value,
            source=_service_source(f.source, lang),
            required=f.required,
        )
    if f.condition == "min_performance":
        return sentence(
            "awards.failed_performance",
            lang,
            value=_word_of(rules, "performance", f.value, lang),
            default=sentence("awards.default_performance_used", lang) if f.source else "",
            required=_word_of(rules, "performance", f.required, lang),
        )
    return sentence(
        "awards.failed_employment",
        lang,
        value=_word_of(rules, "employment", f.value, lang),
        default=sentence("awards.default_employment_used", lang) if f.source else "",
    )


def condition_notes(config: SchemeKeys, rules: Rules, lang: str) -> list[str]:
    """The conditions of one scheme, one note each (none under version-1 rules)."""
    e = config.eligibility
    notes = []
    if e.min_service_months is not None:
        notes.append(sentence("awards.min_service_note", lang, months=e.min_service_months))
    if e.min_performance is not None:
        rating = _word_of(rules, "performance", e.min_performance, lang)
        notes.append(sentence("awards.min_performance_note", lang, rating=rating))
    if e.exclude_employment:
        kinds = ", ".join(_word_of(rules, "employment", k, lang) for k in e.exclude_employment)
        notes.append(sentence("awards.exclude_employment_note", lang, kinds=kinds))
    if config.claim_deadline is not None:
        d = config.claim_deadline
        notes.append(sentence("awards.claim_deadline_note", lang, month=d.month, day=d.day))
    if config.claim_within_months is not None:
        months = config.claim_within_months
        notes.append(msg("schemes.within_months_note", months=months).text(lang))
    if config.scope is not None:
        notes.append(msg("schemes.scope_note", scope=_scope_text(config, lang)).text(lang))
    if config.cap_per_worker is not None:
        notes.append(sentence("awards.cap_note", lang, cap=fmt_money(config.cap_per_worker)))
    return notes


def _scope_text(config: SchemeKeys, lang: str) -> str:
    """`2022-01-01 to 2023-12-31`, `from 2022-01-01`, `exam years 2021-2023`."""
    scope = config.scope
    if scope is None:
        return ""
    if scope.exam_years is not None:
        first, last = scope.exam_years[0], scope.exam_years[-1]
        return msg("schemes.scope_years", first=first, last=last).text(lang)
    start = scope.passed_from.isoformat() if scope.passed_from is not None else None
    end = scope.passed_to.isoformat() if scope.passed_to is not None else None
    if start is not None and end is not None:
        return msg("schemes.scope_between", start=start, end=end).text(lang)
    if start is not None:
        return msg("schemes.scope_from", start=start).text(lang)
    return msg("schemes.scope_to", end=end).text(lang)


def scheme_word(rules: Rules, scheme: str | None, lang: str) -> str:
    """A scheme as a table shows it: its label in Chinese, else its key ('' for none)."""
    if scheme is None:
        return ""
    return word(rules, "scheme", scheme, lang) if lang == "zh" else scheme


def award_reason(a: Award, result: AwardsResult, lang: str, rules: Rules | None = None) -> str:
    """Why a pass earns nothing now: `paid 1000.00 on 2025-12-01`, `passed 400 days ago, window 365`.

    Empty for a due award.
    """
    config = result.schemes.get(a.scheme) if a.scheme is not None else None
    if a.status == "not_on_roster":
        hint = did_you_mean(a.hint[0]) if len(a.hint) == 1 else ""
        return msg("schemes.not_on_roster", hint=hint).text(lang)
    if a.status == "ineligible" and rules is not None:
        return Clauses(*(_failed_reason(f, rules, lang) for f in a.failed)).text(lang)
    if a.status == "capped":
        cap = config.cap_per_worker if config is not None else result.cap_per_worker
        money = fmt_money(cap or Decimal(0))
        return sentence("awards.capped_reason", lang, cap=money, before=fmt_money(a.paid_before))
    if a.status == "expired":
        return _expired_reason(a, config, lang)
    if a.status == "already_paid":
        return "; ".join(
            sentence("awards.paid_on", lang, amount=fmt_money(r.amount), on=r.paid_on.isoformat())
            for r in a.paid
        )
    if a.status == "duplicate":
        return _duplicate_reason(a, lang)
    if a.status == "not_awarded":
        return _not_awarded_reason(a, lang)
    if a.status == "out_of_scope" and config is not None:
        return _out_of_scope_reason(a, config, lang)
    return ""


def _expired_reason(a: Award, config: SchemeKeys | None, lang: str) -> str:
    if a.late == "deadline" and a.deadline is not None:
        return sentence(
            "awards.deadline_reason", lang, year=a.passed_on.year, deadline=a.deadline.isoformat()
        )
    if a.late == "months" and a.claim_by is not None and config is not None:
        return msg(
            "schemes.within_months_reason",
            months=config.claim_within_months,
            claim_by=a.claim_by.isoformat(),
        ).text(lang)
    window = config.claim_window_days if config is not None else None
    return sentence("awards.expired_reason", lang, days=a.days, window=window)


def _not_awarded_reason(a: Award, lang: str) -> str:
    if a.scheme is None:
        return msg("schemes.no_scheme_prices").text(lang)
    if a.scheme == DEFAULT:
        return msg("schemes.not_awarded").text(lang)
    return msg("schemes.scheme_not_awarded", scheme=a.scheme).text(lang)


def _out_of_scope_reason(a: Award, config: SchemeKeys, lang: str) -> str:
    scope = _scope_text(config, lang)
    if config.scope is not None and config.scope.exam_years is not None:
        year = a.exam_year if a.exam_year is not None else a.passed_on.year
        return msg("schemes.out_of_scope_year", year=year, scope=scope).text(lang)
    return msg("schemes.out_of_scope_date", passed_on=a.passed_on.isoformat(), scope=scope).text(
        lang
    )


def _duplicate_reason(a: Award, lang: str) -> str:
    """`repeats the pass of 2025-03-01 at passes.csv:4; paid once`."""
    first = a.first
    when = first.passed_on.isoformat() if first is not None else ""
    o = first.origin if first is not None else None
    place = (f"{o.file}:{o.where}" if o.where else o.file) if o is not None else ""
    return (
        sentence("awards.repeats", lang, when=when)
        + (sentence("awards.repeats_at", lang, place=place) if place else "")
        + sentence("awards.paid_once", lang)
    )
