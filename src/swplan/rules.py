"""The rules model: a bureau's standard, validated as a whole.

Pure data and the checks between its parts; reading a rules file (strict YAML,
`extends`) is `swplan.io.rules_file`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)

from .errors import one_of
from .values import (
    parse_amount,
    parse_count,
    parse_date,
    parse_decimal,
    parse_ident,
    parse_integer,
    parse_positive,
    parse_rate,
)

Ident = Annotated[str, BeforeValidator(parse_ident)]
Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
Rate = Annotated[Decimal, BeforeValidator(parse_rate)]
Number = Annotated[Decimal, BeforeValidator(parse_decimal)]
Count = Annotated[int, BeforeValidator(parse_count)]
Positive = Annotated[int, BeforeValidator(parse_positive)]
IsoDate = Annotated[dt.date, BeforeValidator(parse_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Model):
    zh: str | None = None
    en: str | None = None


class Word(_Model):
    """What a vocabulary entry may be called besides its key: labels and aliases."""

    label: Label = Label()
    aliases: list[str] = []


class Category(Word):
    clients_per_worker: Positive | None = None


class SiteKind(Word):
    pass


class Employment(Word):
    pass


class Staffing(_Model):
    clients_per_worker: Positive = 20
    minimum_posts: dict[Ident, Count] = {}
    minimum_certified: dict[Ident, Count] = {}
    certified_titles: list[Ident] | None = None  # None: every title but `none`


class YearsPoints(_Model):
    per_year: Rate = Decimal("0.5")
    max: Rate = Decimal("10")


class Points(_Model):
    education: dict[Ident, Number]
    title: dict[Ident, Number]
    performance: dict[Ident, Number]
    years_of_service: YearsPoints = YearsPoints()


class Post(Word):
    points: Number = Decimal(0)
    min_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None
    max_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None


class Grade(_Model):
    grade: Annotated[int, BeforeValidator(parse_integer)]
    min_points: Number
    monthly: Amount


class Allowances(_Model):
    title: dict[Ident, Amount] = {}


class ContributionBase(_Model):
    floor: Amount
    ceiling: Amount


class ContributionItem(Word):
    pass


class Contributions(_Model):
    base: ContributionBase
    rates: dict[Ident, Rate] = {}
    items: dict[Ident, ContributionItem] = {}


class Pay(_Model):
    points: Points
    default_performance: Ident
    posts: dict[Ident, Post] = {}
    default_post: Ident | None = None
    grades: list[Grade] = Field(min_length=1)
    months_per_year: Positive = 12
    allowances: Allowances = Allowances()
    performance_bonus_months: dict[Ident, Rate] = {}
    contributions: Contributions


class Eligibility(_Model):
    min_service_months: Count | None = None
    min_performance: Ident | None = None
    exclude_employment: list[Ident] = []


class MonthDay(_Model):
    month: Annotated[int, BeforeValidator(parse_integer)] = Field(ge=1, le=12)
    day: Annotated[int, BeforeValidator(parse_integer)] = Field(ge=1, le=31)

    def in_year(self, year: int) -> dt.date:
        """This day of `year`; a day past the month's end is its last day (29 Feb -> 28 Feb)."""
        last = (dt.date(year + self.month // 12, self.month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(year, self.month, min(self.day, last))


class Awards(_Model):
    exams: dict[Ident, Amount] = {}
    ladder: list[Ident] = []
    upgrade: Literal["top_up", "full"] = "top_up"
    claim_window_days: Count | None = None
    eligibility: Eligibility = Eligibility()
    claim_deadline: MonthDay | None = None
    cap_per_worker: Amount | None = None


class NewHire(_Model):
    education: Ident
    title: Ident
    years_of_service: Count = 0
    post: Ident | None = None
    performance: Ident | None = None


class Budget(_Model):
    new_hire: NewHire
    training_per_worker: Amount = Decimal("0.00")


class Rules(_Model):
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
    staffing: Staffing = Staffing()
    pay: Pay
    awards: Awards = Awards()
    budget: Budget

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
            index = self._indexes[vocabulary] = _index(self._all_names(vocabulary))[0]
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

    def unknown_word(self, vocabulary: str, text: str) -> str:
        """`'bachlor' is not one of: secondary, ... (did you mean 'bachelor'?)`"""
        keys = list(self.words(vocabulary))
        message = f"{text!r} is not one of: {', '.join(keys) if keys else '(none defined)'}"
        close = self.suggest(vocabulary, text)
        if close is not None:
            message += f" (did you mean {close!r}?)"
        return message

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
        """Whether award eligibility depends on facts of the worker (service, rating, employment)."""
        e = self.awards.eligibility
        return (
            e.min_service_months is not None
            or e.min_performance is not None
            or bool(e.exclude_employment)
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
        return self


def word_form(text: str) -> str:
    """How a name is compared: NFKC (fullwidth = halfwidth), no spaces at all, Latin lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _index(names: list[tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Normalized name -> key, and the (name, key, other key) of names naming two entries."""
    index: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for name, key in names:
        form = word_form(name)
        other = index.setdefault(form, key)
        if other != key:
            clashes.append((name, key, other))
    return index, clashes


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


# vocabulary -> its entries. A new vocabulary (e.g. pay components) adds itself here.
VOCABULARIES: dict[str, Callable[[Rules], Mapping[str, Word]]] = {
    "category": lambda r: r.categories,
    "site_kind": lambda r: r.site_kinds,
    "education": _long_words("education"),
    "title": _long_words("title"),
    "performance": _long_words("performance"),
    "post": lambda r: r.pay.posts,
    "exam": _long_words("exam"),
    "employment": lambda r: r.employment,
    "contribution": lambda r: {
        k: r.pay.contributions.items.get(k) or Word()
        for k in {**r.pay.contributions.rates, **r.pay.contributions.items}
    },
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
    "contribution": ("pay", "contributions", "items"),
}


def split_long_forms(
    data: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, dict[str, Word]], list[tuple[KeyPath, str]]]:
    """Long-form entries of the number vocabularies turned into their numbers.

    Returns the data with short forms only, the labels and aliases found, and the
    problems of malformed long forms.
    """
    words: dict[str, dict[str, Word]] = {}
    problems: list[tuple[KeyPath, str]] = []
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
            allowed = (number_key, "label", "aliases")
            for extra in value:
                if extra not in allowed:
                    problems.append(
                        (
                            (*path, key, extra),
                            f"unknown key; {extra!r} is not allowed here; allowed: "
                            + ", ".join(allowed),
                        )
                    )
            if number_key not in value:
                problems.append(
                    ((*path, key), f"required key {number_key!r} is missing (e.g. {number_key}: 2)")
                )
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


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc)
    first = errors()[0]
    where = ".".join(map(str, first["loc"]))
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _replaced(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = dict(data)
    if len(path) == 1:
        out[path[0]] = value
    else:
        out[path[0]] = _replaced(data[path[0]], path[1:], value)
    return out


def alias_problems(rules: Rules) -> list[tuple[KeyPath, str]]:
    """One alias or label naming two entries of the same vocabulary."""
    problems: list[tuple[KeyPath, str]] = []
    for vocabulary in VOCABULARIES:
        names = rules._all_names(vocabulary)
        for name, key, other in _index(names)[1]:
            entry = rules.words(vocabulary).get(key)
            where: KeyPath = (*VOCABULARY_PATHS[vocabulary], key)
            if entry is not None and name in entry.aliases:
                where = (*where, "aliases", entry.aliases.index(name))
            elif entry is not None and name in (entry.label.zh, entry.label.en):
                where = (*where, "label", "zh" if name == entry.label.zh else "en")
            problems.append(
                (
                    where,
                    f"{name!r} names both {other!r} and {key!r} among the {vocabulary} words; "
                    "a label or alias must name one entry",
                )
            )
    return problems


KeyPath = tuple[str | int, ...]


class RulesInconsistent(Exception):
    """Rules whose parts contradict each other; `problems` are (key path, sentence)."""

    def __init__(self, problems: list[tuple[KeyPath, str]]) -> None:
        self.problems = problems
        super().__init__(
            "; ".join(f"{'.'.join(map(str, path))}: {message}" for path, message in problems)
        )


def rule_problems(rules: Rules) -> list[tuple[KeyPath, str]]:
    """What a single key cannot say: references between parts of the rules.

    Each problem is the key path it is about and a sentence; the rules file reader
    turns the path into a file position.
    """
    problems: list[tuple[KeyPath, str]] = []

    def bad(path: KeyPath, message: str) -> None:
        problems.append((path, message))

    pay = rules.pay
    points = pay.points
    if "none" not in points.title:
        bad(("pay", "points", "title"), "the title 'none' (no certificate) must be listed")
    if pay.default_performance not in points.performance:
        bad(("pay", "default_performance"), one_of(pay.default_performance, points.performance))
    previous: Grade | None = None
    for i, grade in enumerate(pay.grades):
        if previous is not None and grade.grade <= previous.grade:
            bad(
                ("pay", "grades", i, "grade"),
                f"grade {grade.grade} follows grade {previous.grade}; grades must be strictly ascending",
            )
        if previous is not None and grade.min_points <= previous.min_points:
            bad(
                ("pay", "grades", i, "min_points"),
                f"min_points {grade.min_points} is not above {previous.min_points} of the grade before; "
                "min_points must be strictly ascending",
            )
        previous = grade
    grade_numbers = [g.grade for g in pay.grades]
    for name, post in pay.posts.items():
        for bound in ("min_grade", "max_grade"):
            value = getattr(post, bound)
            if value is not None and value not in grade_numbers:
                bad(
                    ("pay", "posts", name, bound),
                    f"grade {value} is not defined; grades: {', '.join(map(str, grade_numbers))}",
                )
        if (
            post.min_grade is not None
            and post.max_grade is not None
            and post.min_grade > post.max_grade
        ):
            bad(
                ("pay", "posts", name, "min_grade"),
                f"min_grade {post.min_grade} is above max_grade {post.max_grade}",
            )
    if pay.posts:
        if pay.default_post is None:
            bad(
                ("pay", "default_post"),
                "required when posts are defined; name one of: " + ", ".join(pay.posts),
            )
        elif pay.default_post not in pay.posts:
            bad(("pay", "default_post"), one_of(pay.default_post, pay.posts))
    elif pay.default_post is not None:
        bad(("pay", "default_post"), "no posts are defined, so there is no default post")
    for title in pay.allowances.title:
        if title not in points.title:
            bad(("pay", "allowances", "title", title), one_of(title, points.title))
    for rating in pay.performance_bonus_months:
        if rating not in points.performance:
            bad(("pay", "performance_bonus_months", rating), one_of(rating, points.performance))
    base = pay.contributions.base
    if base.floor > base.ceiling:
        bad(
            ("pay", "contributions", "base", "floor"),
            f"floor {base.floor} is above the ceiling {base.ceiling}",
        )
    seen: set[str] = set()
    for i, exam in enumerate(rules.awards.ladder):
        if exam not in rules.awards.exams:
            bad(
                ("awards", "ladder", i),
                "the ladder names an exam with no award; " + one_of(exam, rules.awards.exams),
            )
        if exam in seen:
            bad(("awards", "ladder", i), f"{exam!r} appears twice in the ladder")
        seen.add(exam)
    certified = rules.staffing.certified_titles
    for i, title in enumerate(certified or ()):
        if title not in points.title:
            bad(("staffing", "certified_titles", i), one_of(title, points.title))
    if rules.default_employment is not None and rules.default_employment not in rules.employment:
        bad(("default_employment",), one_of(rules.default_employment, rules.employment))
    eligibility = rules.awards.eligibility
    if (
        eligibility.min_performance is not None
        and eligibility.min_performance not in points.performance
    ):
        bad(
            ("awards", "eligibility", "min_performance"),
            one_of(eligibility.min_performance, points.performance),
        )
    for i, kind in enumerate(eligibility.exclude_employment):
        if kind not in rules.employment:
            bad(("awards", "eligibility", "exclude_employment", i), one_of(kind, rules.employment))
    deadline = rules.awards.claim_deadline
    if deadline is not None and deadline.day > deadline.in_year(2024).day:  # 2024: a leap year
        bad(
            ("awards", "claim_deadline", "day"),
            f"month {deadline.month} has no day {deadline.day}",
        )
    hire = rules.budget.new_hire
    hire_path = ("budget", "new_hire")
    if hire.education not in points.education:
        bad((*hire_path, "education"), one_of(hire.education, points.education))
    if hire.title not in points.title:
        bad((*hire_path, "title"), one_of(hire.title, points.title))
    if hire.performance is not None and hire.performance not in points.performance:
        bad((*hire_path, "performance"), one_of(hire.performance, points.performance))
    if hire.post is not None and hire.post not in pay.posts:
        bad((*hire_path, "post"), one_of(hire.post, pay.posts))
    return problems


def rules_as_data(rules: Rules) -> dict[str, Any]:
    """The effective rules as plain data (amounts as strings), for `rules show`.

    Entries of the number vocabularies that have labels or aliases are shown in their
    long form (`bachelor: {points: '2', label: {zh: 本科}, aliases: [大学本科]}`).
    """
    data = rules.model_dump(mode="json", exclude_none=True)
    for vocabulary, (path, number_key) in LONG_FORMS.items():
        node: Any = data
        for part in path:
            node = node[part]
        for key, word in rules._long_words.get(vocabulary, {}).items():
            extra = word.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            if extra:
                node[key] = {number_key: node[key], **extra}
    cleaned: dict[str, Any] = _without_empty_aliases(data)
    return cleaned


def _without_empty_aliases(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: _without_empty_aliases(v)
            for k, v in data.items()
            if not (k == "aliases" and v == [])
        }
    if isinstance(data, list):
        return [_without_empty_aliases(v) for v in data]
    return data
