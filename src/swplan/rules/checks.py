"""The cross-checks of the rules: what a single key cannot say."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import one_of
from .columns import TABLE_COLUMNS
from .parts import Grade, ItemBase, Pay
from .problems import KeyPath

if TYPE_CHECKING:
    from .model import Rules


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
