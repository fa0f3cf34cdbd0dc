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
    field_validator,
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


class Service(_Model):
    counted_from: IsoDate | None = None  # years count from max(hired, counted_from)
    education_years: dict[Ident, Count] = {}  # years added by education

    @field_validator("education_years", mode="before")
    @classmethod
    def _none_is_no_years(cls, value: Any) -> Any:
        """`education_years: null` in a file that extends another: no years by education."""
        return {} if value is None else value


class Steps(_Model):
    every_years: Positive
    first: Annotated[int, BeforeValidator(parse_integer)] = 1
    max: Annotated[int, BeforeValidator(parse_integer)]


COMPONENT_BY = ("post", "title", "education", "performance", "grade", "step")


def _parse_key(value: Any) -> str:
    """A key of `amounts`: a word (post, title, ...) or a whole number (grade, step)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a name or a number")
    if isinstance(value, int):
        return str(value)
    return str(parse_ident(value))


AmountKey = Annotated[str, BeforeValidator(_parse_key)]


class Component(_Model):
    label: Label = Label()
    by: Literal["post", "title", "education", "performance", "grade", "step"]
    amounts: dict[AmountKey, Amount] = {}
    per_year: Amount | None = None
    max_years: Count | None = None


class PerformanceBonus(_Model):
    months: dict[Ident, Rate] = {}
    of: list[Ident] = ["grade"]


class Grade(_Model):
    grade: Annotated[int, BeforeValidator(parse_integer)]
    min_points: Number
    monthly: Amount


class Allowances(_Model):
    title: dict[Ident, Amount] = {}


class ContributionBase(_Model):
    floor: Amount
    ceiling: Amount


class ItemBase(_Model):
    floor: Amount | None = None  # None: the general bound in force
    ceiling: Amount | None = None


Rounding = Literal["fen", "jiao_up", "yuan"]


class ContributionItem(Word):
    """One contribution's label and aliases, and its own base range and rounding."""

    base: ItemBase = ItemBase()
    round: Rounding | None = None  # None: the general `round`


class Contributions(_Model):
    base: ContributionBase
    rates: dict[Ident, Rate] = {}
    round: Rounding = "fen"
    items: dict[Ident, ContributionItem] = {}

    def bounds(self, item: str) -> tuple[Decimal, Decimal]:
        """(floor, ceiling) of one item's contribution base."""
        own = self.items.get(item)
        floor, ceiling = self.base.floor, self.base.ceiling
        if own is not None:
            floor = own.base.floor if own.base.floor is not None else floor
            ceiling = own.base.ceiling if own.base.ceiling is not None else ceiling
        return floor, ceiling

    def rounding(self, item: str) -> str:
        own = self.items.get(item)
        return own.round if own is not None and own.round is not None else self.round


class Pay(_Model):
    points: Points
    default_performance: Ident
    posts: dict[Ident, Post] = {}
    default_post: Ident | None = None
    grades: list[Grade] | None = None  # optional: without grades, grade is null and counts 0
    months_per_year: Positive = 12
    allowances: Allowances = Allowances()
    performance_bonus_months: dict[Ident, Rate] | None = None  # version 1's form
    performance_bonus: PerformanceBonus | None = None
    contributions: Contributions
    service: Service = Service()
    steps: Steps | None = None
    components: dict[Ident, Component] = {}
    education_post: dict[Ident, Ident] = {}

    @field_validator("components", mode="before")
    @classmethod
    def _drop_removed_components(cls, value: Any) -> Any:
        """A component set to null (`cert: null`) removes the one the base rules define."""
        if isinstance(value, dict):
            return {key: part for key, part in value.items() if part is not None}
        return value

    def bonus_months(self) -> dict[str, Decimal]:
        if self.performance_bonus is not None:
            return self.performance_bonus.months
        return self.performance_bonus_months or {}

    def bonus_of(self) -> list[str]:
        return self.performance_bonus.of if self.performance_bonus is not None else ["grade"]


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
    start_month: Annotated[int, BeforeValidator(parse_integer)] = 1  # 1-12: costed from that month


class Budget(_Model):
    new_hire: NewHire
    training_per_worker: Amount = Decimal("0.00")


def parse_growth(value: Any) -> Decimal:
    number = parse_decimal(value)
    if number <= -1:
        raise ValueError(f"{value!r} is -1 or less; a yearly change must be above -1 (-100 %)")
    return number


def parse_share(value: Any) -> Decimal:
    number = parse_decimal(value)
    if not 0 <= number <= 1:
        raise ValueError(f"{value!r} is not a share; write a number from 0 to 1, e.g. 0.25")
    return number


Growth = Annotated[Decimal, BeforeValidator(parse_growth)]
Share = Annotated[Decimal, BeforeValidator(parse_share)]


class Plan(_Model):
    """The assumptions of `swplan plan`: horizon, growth, hiring, passes, rises."""

    years: Positive = 5
    client_growth: dict[Ident, Growth] = {"default": Decimal(0)}
    attrition: Share = Decimal(0)
    hiring: Literal["fill", "none"] = "fill"
    certification: dict[Ident, Share] = {}
    pay_rise: Growth = Decimal(0)
    base_rise: Growth = Decimal(0)

    def growth(self, category: str) -> Decimal:
        own = self.client_growth.get(category)
        return own if own is not None else self.client_growth.get("default", Decimal(0))


class Change(_Model):
    """A dated change: from `from` on, `set` is merged into the rules (as `extends` merges)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: IsoDate = Field(alias="from")
    note: str | None = None
    set: dict[str, Any]


# The columns of each kind of table a bureau may give (populations also: each category).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "roster": (
        "id",
        "name",
        "site",
        "education",
        "title",
        "post",
        "hired",
        "years_of_service",
        "performance",
        "employment",
        "years_not_counted",
    ),
    "populations": ("id", "name", "kind"),
    "passes": ("worker_id", "exam", "passed_on"),
    "ledger": ("worker_id", "exam", "amount", "paid_on"),
}

TableKind = Literal["roster", "populations", "passes", "ledger"]


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
    plan: Plan = Plan()
    changes: list[Change] = []
    # per table kind: column -> more headers naming it, and `ignore` -> headers not read
    columns: dict[TableKind, dict[str, list[str]]] = {}

    # every version of the rules: (from, rules in force from that day), oldest first
    _versions: list[tuple[dt.date, Rules]] = PrivateAttr(default_factory=list)

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
        if self.changes:
            self._versions = _apply_changes(self)
        return self


def merge(base: Any, override: Any, path: tuple[str, ...] = ()) -> Any:
    """A dated change merged into the rules: a mapping merges key by key; anything else
    replaces (as `extends` merges a file into the rules it names).

    In `pay`, the two forms of the performance bonus replace each other: a file that
    gives `performance_bonus` drops an inherited `performance_bonus_months`, and the
    other way round.
    """
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value, (*path, str(key))) if key in base else value
        if path == ("pay",):
            drop_replaced_bonus(out, override)
        return out
    return override


def drop_replaced_bonus(merged: dict[str, Any], override: dict[str, Any]) -> None:
    """`performance_bonus` over an inherited `performance_bonus_months` replaces it, and
    the other way round (one file giving both is still an error)."""
    for mine, other in (
        ("performance_bonus", "performance_bonus_months"),
        ("performance_bonus_months", "performance_bonus"),
    ):
        if mine in override and other not in override:
            merged.pop(other, None)


def _apply_changes(rules: Rules) -> list[tuple[dt.date, Rules]]:
    """Validate the rules as each change applies; the versions in order."""
    from pydantic import ValidationError

    data: Any = rules.model_dump(mode="python", by_alias=True, exclude={"changes"})
    versions: list[tuple[dt.date, Rules]] = []
    problems: list[tuple[KeyPath, str]] = []
    previous: dt.date | None = None
    for i, change in enumerate(rules.changes):
        where: KeyPath = ("changes", i)
        if previous is not None and change.from_ < previous:
            problems.append(
                (
                    (*where, "from"),
                    f"{change.from_} is before {previous}, the date of the change above; "
                    "list changes in date order",
                )
            )
        previous = change.from_
        for key in ("changes", "extends"):
            if key in change.set:
                problems.append(((*where, "set", key), f"a change cannot set {key!r}"))
        if problems:
            continue
        data = merge(data, change.set)
        try:
            version = Rules.model_validate(data)
        except RulesInconsistent as exc:
            problems += [((*where, "set", *path), message) for path, message in exc.problems]
            continue
        except ValidationError as exc:
            for err in exc.errors():
                message = err["msg"].removeprefix("Value error, ")
                if err["type"] == "extra_forbidden":
                    message = "unknown key"
                elif err["type"] == "missing":
                    message = "required key is missing"
                problems.append(((*where, "set", *err["loc"]), message))
            continue
        versions.append((change.from_, version))
    if problems:
        raise RulesInconsistent(problems)
    return versions


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

    for table, entries in rules.columns.items():
        known = list(TABLE_COLUMNS[table])
        if table == "populations":
            known += list(rules.categories)
        for column in entries:
            if column != "ignore" and column not in known:
                bad(
                    ("columns", table, column),
                    f"{column!r} is not a column of a {table} file; "
                    f"allowed: {', '.join([*known, 'ignore'])}",
                )
    pay = rules.pay
    points = pay.points
    if "none" not in points.title:
        bad(("pay", "points", "title"), "the title 'none' (no certificate) must be listed")
    if pay.default_performance not in points.performance:
        bad(("pay", "default_performance"), one_of(pay.default_performance, points.performance))
    previous: Grade | None = None
    for i, grade in enumerate(pay.grades or []):
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
    grade_numbers = [g.grade for g in pay.grades or []]
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
    if pay.months_per_year < 12:
        bad(
            ("pay", "months_per_year"),
            f"{pay.months_per_year} is below 12; every month is paid, so it must be 12 or more",
        )
    _bonus_problems(pay, bad)
    _contribution_problems(pay, bad)
    _service_problems(pay, bad)
    _component_problems(pay, bad)
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
    if not 1 <= hire.start_month <= 12:
        bad((*hire_path, "start_month"), f"{hire.start_month} is not a month; give 1 to 12")
    problems += plan_problems(rules)
    return problems


def plan_problems(rules: Rules) -> list[tuple[KeyPath, str]]:
    """Growth must name categories; a planned pass must name a ladder exam that is a title."""
    problems: list[tuple[KeyPath, str]] = []
    plan = rules.plan
    categories = ["default", *rules.categories]
    for category in plan.client_growth:
        if category not in categories:
            problems.append((("plan", "client_growth", category), one_of(category, categories)))
    ladder = rules.awards.ladder
    titles = rules.pay.points.title
    for exam in plan.certification:
        path: KeyPath = ("plan", "certification", exam)
        if exam not in ladder:
            problems.append(
                (path, "planned passes follow the ladder; " + one_of(exam, ladder or ["(empty)"]))
            )
        elif exam not in titles:
            problems.append(
                (
                    path,
                    f"passing {exam!r} gives the title {exam!r}, which pay.points.title "
                    "does not list; add it there",
                )
            )
    return problems


Bad = Callable[[KeyPath, str], None]
MAX_STEPS = 1000  # a pay scale with more steps is a typing mistake


def _bonus_problems(pay: Pay, bad: Bad) -> None:
    ratings = pay.points.performance
    if pay.performance_bonus is not None and pay.performance_bonus_months is not None:
        bad(
            ("pay", "performance_bonus"),
            "give either performance_bonus or performance_bonus_months, not both "
            "(performance_bonus: {months: ..., of: [...]} says everything the other does)",
        )
        return
    where = (
        ("pay", "performance_bonus", "months")
        if pay.performance_bonus is not None
        else ("pay", "performance_bonus_months")
    )
    months = pay.bonus_months()
    for rating in months:
        if rating not in ratings:
            bad((*where, rating), one_of(rating, ratings))
    if pay.performance_bonus is None:
        if not pay.grades and any(months.values()):
            bad(
                where,
                "one month of bonus is the grade's monthly, but the rules have no grades; "
                "write performance_bonus: {months: ..., of: [components]} instead",
            )
        return
    allowed = ["grade", *pay.components]
    for i, part in enumerate(pay.performance_bonus.of):
        if part not in allowed:
            bad(("pay", "performance_bonus", "of", i), one_of(part, allowed))
        elif part == "grade" and not pay.grades and any(months.values()):
            bad(
                ("pay", "performance_bonus", "of", i),
                "'grade' is the grade's monthly, but the rules have no grades; "
                "name the components one month of bonus is made of",
            )


def _contribution_problems(pay: Pay, bad: Bad) -> None:
    c = pay.contributions
    if c.base.floor > c.base.ceiling:
        bad(
            ("pay", "contributions", "base", "floor"),
            f"floor {c.base.floor} is above the ceiling {c.base.ceiling}",
        )
    for item, own in c.items.items():
        where = ("pay", "contributions", "items", item)
        if item not in c.rates:
            # words only (a label for a rate another file adds) are fine; a base or a
            # rounding for an item that is never paid is a mistake
            if own.base != ItemBase() or own.round is not None:
                bad(
                    where,
                    "an item with its own base or rounding needs a rate; " + one_of(item, c.rates),
                )
            continue
        floor, ceiling = c.bounds(item)
        if floor > ceiling:
            bad(
                (*where, "base"),
                f"floor {floor} is above the ceiling {ceiling} (an item's missing bound is "
                "the general one)",
            )


def _service_problems(pay: Pay, bad: Bad) -> None:
    education = pay.points.education
    for word in pay.service.education_years:
        if word not in education:
            bad(("pay", "service", "education_years", word), one_of(word, education))
    if pay.steps is not None:
        if pay.steps.first < 0:
            bad(("pay", "steps", "first"), f"{pay.steps.first} is negative; must be 0 or more")
        if pay.steps.max < pay.steps.first:
            bad(("pay", "steps", "max"), f"max {pay.steps.max} is below first {pay.steps.first}")
        elif pay.steps.max - pay.steps.first >= MAX_STEPS:
            bad(
                ("pay", "steps", "max"),
                f"{pay.steps.max - pay.steps.first + 1} steps; at most {MAX_STEPS} are allowed",
            )
    if pay.education_post:
        for word, post in pay.education_post.items():
            where = ("pay", "education_post", word)
            if word not in education:
                bad(where, one_of(word, education))
            if not pay.posts:
                bad(where, "the rules define no posts to be paid as")
            elif post not in pay.posts:
                bad(where, one_of(post, pay.posts))


def _component_problems(pay: Pay, bad: Bad) -> None:
    points = pay.points
    for name, comp in pay.components.items():
        where = ("pay", "components", name)
        if name == "grade":
            bad(where, "'grade' is reserved for the grade's monthly; give the component another id")
            continue
        if comp.max_years is not None and comp.per_year is None:
            bad((*where, "max_years"), "max_years limits per_year, which is not given")
        keys: list[str]
        if comp.by == "step":
            if pay.steps is None:
                bad((*where, "by"), "'by: step' needs pay.steps (every_years, first, max)")
                continue
            if not 0 <= pay.steps.max - pay.steps.first < MAX_STEPS:
                continue  # reported at pay.steps
            keys = [str(n) for n in range(pay.steps.first, pay.steps.max + 1)]
        elif comp.by == "grade":
            if not pay.grades:
                bad((*where, "by"), "'by: grade' needs pay.grades")
                continue
            keys = [str(g.grade) for g in pay.grades]
        else:
            words: dict[str, dict[str, Any]] = {
                "post": pay.posts,
                "title": points.title,
                "education": points.education,
                "performance": points.performance,
            }
            keys = list(words[comp.by])
        for key in comp.amounts:
            if key not in keys:
                bad((*where, "amounts", key), one_of(key, keys))
        if comp.by in ("step", "grade"):
            missing = [k for k in keys if k not in comp.amounts]
            if missing:
                bad(
                    (*where, "amounts"),
                    f"no amount for {comp.by} {', '.join(missing)}; "
                    f"'by: {comp.by}' must price every {comp.by}",
                )


def rules_as_data(rules: Rules) -> dict[str, Any]:
    """The effective rules as plain data (amounts as strings), for `rules show`.

    Entries of the number vocabularies that have labels or aliases are shown in their
    long form (`bachelor: {points: '2', label: {zh: 本科}, aliases: [大学本科]}`). Keys of
    local pay policies left at their defaults are not shown, so a rules file that uses
    none of them reads as it always did.
    """
    data = rules.model_dump(mode="json", exclude_none=True, by_alias=True)
    for vocabulary, (path, number_key) in LONG_FORMS.items():
        node: Any = data
        for part in path:
            node = node[part]
        for key, word in rules._long_words.get(vocabulary, {}).items():
            extra = word.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            if extra:
                node[key] = {number_key: node[key], **extra}
    _without_default_policies(data)
    cleaned: dict[str, Any] = _without_empty_aliases(data)
    return cleaned


def _without_default_policies(data: dict[str, Any]) -> None:
    pay = data["pay"]
    defaults: dict[str, Any] = {
        "service": {"education_years": {}},
        "components": {},
        "education_post": {},
    }
    for key, default in defaults.items():
        if pay.get(key) == default:
            del pay[key]
    contributions = pay["contributions"]
    if contributions.get("round") == "fen":
        del contributions["round"]
    for item in contributions.get("items", {}).values():
        if item.get("base") == {}:
            del item["base"]
    if data["budget"]["new_hire"].get("start_month") == 1:
        del data["budget"]["new_hire"]["start_month"]
    if not data.get("changes"):
        data.pop("changes", None)


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
