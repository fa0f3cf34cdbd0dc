"""The rules: a bureau's standard, validated as a whole.

Built from a file (`swplan.io.rules_file`) or in code (`Rules.model_validate`); either
way the long forms of the vocabularies are read, no label or alias names two words,
the parts agree with each other (`swplan.rules.checks`) and each dated change makes a
version that is checked as well (`swplan.rules.merge`).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from ..messages import Msg
from .base import Ident, Strict, Word
from .checks import rule_problems
from .columns import TableKind
from .floors import Area
from .funding import Funding
from .merge import apply_changes
from .parts import (
    Budget,
    Category,
    Change,
    Employment,
    IsoDate,
    Pay,
    SiteKind,
    Staffing,
)
from .plan import Plan
from .problems import RulesInconsistent
from .published import Series
from .schemes import AwardSchemes, award_schemes
from .vocabulary import (
    VOCABULARIES,
    alias_problems,
    index_names,
    split_long_forms,
    unknown_word_message,
    word_form,
)


class Rules(Strict):
    """The whole rules file, after `extends`.

    Built from a file (`swplan.io.rules_file.load_rules`) or in code with
    `Rules.model_validate(data)`: either way the cross-checks of `rule_problems` run,
    and inconsistent rules raise `RulesInconsistent`.

    Every vocabulary (education, title, performance, post, exam, category, site_kind,
    employment, contribution) names its words by key; an input file may also use a
    word's label or one of its aliases. `word()` is the one place that decides.
    """

    name: str
    effective: IsoDate
    categories: dict[Ident, Category] = Field(min_length=1)
    site_kinds: dict[Ident, SiteKind] = {}
    employment: dict[Ident, Employment] = {}
    default_employment: Ident | None = None
    areas: dict[Ident, Area] = {}  # 地区: floors and components may be keyed on them
    published: dict[Ident, Series] = {}  # yearly figures pay may take a share of
    staffing: Staffing = Staffing()
    pay: Pay
    awards: AwardSchemes = AwardSchemes()
    budget: Budget
    plan: Plan = Plan()
    changes: list[Change] = []
    funding: Funding | None = None  # who pays each budget line (None: not said)
    # per table kind: column -> more headers naming it, and `ignore` -> headers not read
    columns: dict[TableKind, dict[str, list[str]]] = {}

    # every version of the rules: (from, rules in force from that day), oldest first
    _versions: list[tuple[dt.date, Rules]] = PrivateAttr(default_factory=list)
    # the versions with every share of a published figure worked out, by the years they
    # take (`swplan.rules.published.resolved`), with the id of the rules they belong to
    _resolved: tuple[int, dict[tuple[int, ...], Rules] | None] | None = PrivateAttr(default=None)
    _source: str | None = PrivateAttr(default=None)  # the rules file, for messages

    def in_force(self, day: dt.date) -> Rules:
        """The rules in force on `day`: every change whose `from` is on or before it, merged in."""
        current = self
        for start, version in self._versions:
            if start <= day:
                current = version
            else:
                break
        return current

    def versions(self) -> list[tuple[dt.date | None, Rules]]:
        """The base rules (from None) and each version a change makes."""
        return [(None, self), *self._versions]

    @property
    def source(self) -> str:
        """The rules file these rules were read from (the rules' name when made in code)."""
        return self._source or self.name

    def with_source(self, file: str) -> Rules:
        for _, version in self.versions():
            version._source = file
        return self

    @property
    def uses_area(self) -> bool:
        """Whether any version of the rules pays by area (a floor or a component)."""
        return any(
            any(f.by == "area" for f in version.pay.floor)
            or any(c.by == "area" for c in version.pay.components.values())
            for _, version in self.versions()
        )

    @property
    def longest_window(self) -> int:
        """The most `for_months` of any component of any version (0: none)."""
        return max(
            (
                c.for_months or 0
                for _, version in self.versions()
                for c in version.pay.components.values()
            ),
            default=0,
        )

    def title_below(self, title: str) -> str:
        """The title one rung below `title` on `awards.ladder` (`none` below the first
        rung, or for a title not on the ladder)."""
        ladder = self.awards.ladder
        if title in ladder:
            i = ladder.index(title)
            if i > 0 and ladder[i - 1] in self.pay.points.title:
                return ladder[i - 1]
        return "none"

    # labels and aliases given in the long form of the number vocabularies
    # (`education: {bachelor: {points: 2, label: ..., aliases: [...]}}`): vocabulary -> key -> Word
    _long_words: dict[str, dict[str, Word]] = PrivateAttr(default_factory=dict)
    # whether the bureau's own file (not only a file it extends) lists `site_kinds`
    _own_site_kinds: bool = PrivateAttr(default=False)
    _indexes: dict[str, dict[str, str]] = PrivateAttr(default_factory=dict)
    _names: dict[str, list[tuple[str, str]]] = PrivateAttr(default_factory=dict)

    def ratio(self, category: str) -> int:
        own = self.categories[category].clients_per_worker
        return own if own is not None else self.staffing.clients_per_worker

    def label(self, category: str, lang: str) -> str:
        return self.label_of("category", category, lang)

    # ----------------------------------------------------------------- vocabularies

    def words(self, vocabulary: str) -> Mapping[str, Word]:
        """The entries of one vocabulary, key -> Word (labels and aliases), in rules order."""
        return VOCABULARIES[vocabulary](self)

    def word(self, vocabulary: str, text: str | None) -> str | None:
        """The key of the entry that `text` names (its key, a label or an alias), or None.

        Matching ignores spaces (U+3000 too), fullwidth/halfwidth forms and Latin case.
        """
        if text is None:
            return None
        index = self._indexes.get(vocabulary)
        if index is None:
            index = self._indexes[vocabulary] = index_names(self._all_names(vocabulary))[0]
        hit = index.get(text)  # already in its compared form (a key, mostly): no work
        return hit if hit is not None else index.get(word_form(text))

    def suggest(self, vocabulary: str, text: str) -> str | None:
        """The name (key, label or alias) closest to `text`, for "did you mean"; None if none is."""
        names = self._all_names(vocabulary)
        forms: dict[str, str] = {}
        for name, _ in names:  # keys first: a key is suggested before a label of the same form
            if name:
                forms.setdefault(word_form(name), name)
        close = difflib.get_close_matches(word_form(text), list(forms), n=1, cutoff=0.5)
        return forms[close[0]] if close else None

    def not_a_word(self, vocabulary: str, text: str) -> Msg:
        """`'bachlor' is not one of: secondary, ... (did you mean 'bachelor'?)`, for an
        input file: in Chinese the words are their labels (`中专、大专、本科`)."""
        return unknown_word_message(self, vocabulary, text)

    def unknown_word(self, vocabulary: str, text: str) -> str:
        """`not_a_word` in English."""
        return str(self.not_a_word(vocabulary, text))

    def label_of(self, vocabulary: str, key: str, lang: str) -> str:
        """The word's label in `lang` (zh or en), else its key."""
        entry = self.words(vocabulary).get(key)
        if entry is None:
            return key
        text = entry.label.zh if lang == "zh" else entry.label.en
        return text or key

    def _all_names(self, vocabulary: str) -> list[tuple[str, str]]:
        """Every (name, key) of a vocabulary: keys first, then labels and aliases."""
        names = self._names.get(vocabulary)
        if names is None:
            # keys, then labels, then aliases: a clash is blamed on the later, lesser name
            entries = self.words(vocabulary)
            names = [(key, key) for key in entries]
            for key, entry in entries.items():
                names += [(text, key) for text in (entry.label.zh, entry.label.en) if text]
            for key, entry in entries.items():
                names += [(alias, key) for alias in entry.aliases]
            self._names[vocabulary] = names
        return names

    def rating_rank(self, rating: str) -> int:
        """0 for the best rating; ratings rank in the order the rules list them."""
        return list(self.pay.points.performance).index(rating)

    @property
    def certified_titles(self) -> frozenset[str]:
        """Titles that count as certified (`staffing.certified_titles`; default: all but none)."""
        listed = self.staffing.certified_titles
        if listed is None:
            return frozenset(t for t in self.pay.points.title if t != "none")
        return frozenset(listed)

    @property
    def awards_judge_workers(self) -> bool:
        """Whether award eligibility (of any scheme) depends on facts of the worker
        (service, rating, employment)."""
        return any(
            e.min_service_months is not None
            or e.min_performance is not None
            or bool(e.exclude_employment)
            for e in (scheme.eligibility for scheme in award_schemes(self).values())
        )

    @property
    def own_site_kinds(self) -> bool:
        """True when the bureau's own rules file lists `site_kinds` (unlisted kinds are errors)."""
        return self._own_site_kinds

    def with_own_site_kinds(self, own: bool) -> Rules:
        self._own_site_kinds = own
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _long_forms(cls, data: Any, handler: ModelWrapValidatorHandler[Rules]) -> Rules:
        words: dict[str, dict[str, Word]] = {}
        if isinstance(data, dict):
            data, words, problems = split_long_forms(data)
            if problems:
                raise RulesInconsistent(problems)
        rules = handler(data)
        rules._long_words = words
        problems = alias_problems(rules)
        if problems:
            raise RulesInconsistent(problems)
        return rules

    @model_validator(mode="after")
    def _cross_checks(self) -> Rules:
        problems = rule_problems(self)
        if problems:
            raise RulesInconsistent(problems)
        if self.changes:
            self._versions = apply_changes(self)
        return self
