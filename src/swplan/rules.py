"""The rules model: a bureau's standard, validated as a whole.

Pure data and the checks between its parts; reading a rules file (strict YAML,
`extends`) is `swplan.io.rules_file`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

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


class Grade(_Model):
    grade: Annotated[int, BeforeValidator(parse_integer)]
    min_points: Number
    monthly: Amount


class Allowances(_Model):
    title: dict[Ident, Amount] = {}


class ContributionBase(_Model):
    floor: Amount
    ceiling: Amount


class Contributions(_Model):
    base: ContributionBase
    rates: dict[Ident, Rate] = {}


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
    plan: Plan = Plan()

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
        return self


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


def rules_as_data(rules: Rules) -> dict[str, Any]:
    """The effective rules as plain data (amounts as strings), for `rules show`."""
    return rules.model_dump(mode="json", exclude_none=True)
