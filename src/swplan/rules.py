"""The rules model: a bureau's standard, validated as a whole.

Pure data and the checks between its parts; reading a rules file (strict YAML,
`extends`) is `swplan.io.rules_file`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

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


class Category(_Model):
    label: Label = Label()
    clients_per_worker: Positive | None = None


class Staffing(_Model):
    clients_per_worker: Positive = 20
    minimum_posts: dict[Ident, Count] = {}
    minimum_certified: dict[Ident, Count] = {}


class YearsPoints(_Model):
    per_year: Rate = Decimal("0.5")
    max: Rate = Decimal("10")


class Points(_Model):
    education: dict[Ident, Number]
    title: dict[Ident, Number]
    performance: dict[Ident, Number]
    years_of_service: YearsPoints = YearsPoints()


class Post(_Model):
    label: Label = Label()
    points: Number = Decimal(0)
    min_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None
    max_grade: Annotated[int, BeforeValidator(parse_integer)] | None = None


class Service(_Model):
    counted_from: IsoDate | None = None  # years count from max(hired, counted_from)
    education_years: dict[Ident, Count] = {}  # years added by education


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


class ContributionItem(_Model):
    base: ItemBase = ItemBase()
    round: Rounding | None = None  # None: the general `round`
    label: Label = Label()


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

    def bonus_months(self) -> dict[str, Decimal]:
        if self.performance_bonus is not None:
            return self.performance_bonus.months
        return self.performance_bonus_months or {}

    def bonus_of(self) -> list[str]:
        return self.performance_bonus.of if self.performance_bonus is not None else ["grade"]


class Awards(_Model):
    exams: dict[Ident, Amount] = {}
    ladder: list[Ident] = []
    upgrade: Literal["top_up", "full"] = "top_up"
    claim_window_days: Count | None = None


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


class Change(_Model):
    """A dated change: from `from` on, `set` is merged into the rules (as `extends` merges)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: IsoDate = Field(alias="from")
    note: str | None = None
    set: dict[str, Any]


class Rules(_Model):
    """The whole rules file, after `extends`.

    Built from a file (`swplan.io.rules_file.load_rules`) or in code with
    `Rules.model_validate(data)`: either way the cross-checks of `rule_problems` run,
    and inconsistent rules raise `RulesInconsistent`.
    """

    name: str
    effective: IsoDate
    categories: dict[Ident, Category] = Field(min_length=1)
    staffing: Staffing = Staffing()
    pay: Pay
    awards: Awards = Awards()
    budget: Budget
    changes: list[Change] = []

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

    def ratio(self, category: str) -> int:
        own = self.categories[category].clients_per_worker
        return own if own is not None else self.staffing.clients_per_worker

    def label(self, category: str, lang: str) -> str:
        label = self.categories[category].label
        text = label.zh if lang == "zh" else label.en
        return text or category

    @model_validator(mode="after")
    def _cross_checks(self) -> Rules:
        problems = rule_problems(self)
        if problems:
            raise RulesInconsistent(problems)
        if self.changes:
            self._versions = _apply_changes(self)
        return self


def merge(base: Any, override: Any, path: tuple[str, ...] = ()) -> Any:
    """A mapping merges key by key; anything else replaces.

    In `pay`, the two forms of the performance bonus replace each other: a file that
    gives `performance_bonus` drops an inherited `performance_bonus_months`, and the
    other way round.
    """
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value, (*path, str(key))) if key in base else value
        if path == ("pay",):
            for mine, other in (
                ("performance_bonus", "performance_bonus_months"),
                ("performance_bonus_months", "performance_bonus"),
            ):
                if mine in override and other not in override:
                    out.pop(other, None)
        return out
    return override


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
    for item in c.items:
        where = ("pay", "contributions", "items", item)
        if item not in c.rates:
            bad(where, "an item needs a rate; " + one_of(item, c.rates))
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

    Keys of local pay policies that are left at their defaults are not shown, so a
    rules file that uses none of them reads as it always did.
    """
    data = rules.model_dump(mode="json", exclude_none=True, by_alias=True)
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
    if not contributions.get("items"):
        contributions.pop("items", None)
        if contributions.get("round") == "fen":
            del contributions["round"]
    if data["budget"]["new_hire"].get("start_month") == 1:
        del data["budget"]["new_hire"]["start_month"]
    if not data.get("changes"):
        data.pop("changes", None)
    return data
