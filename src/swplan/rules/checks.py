"""The cross-checks of the rules: what a single key cannot say.

Each check is a small function `(rules) -> [(key path, message)]` about one thing
(grades ascend, every post's grades exist, the ladder names priced exams, ...);
`rule_problems` runs `RULE_CHECKS` in order, so problems come in the order of the
rules file's sections. The rules file reader turns each key path into a position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..messages import Msg, msg
from .columns import TABLE_COLUMNS
from .floors import floors_valid
from .funding import FUNDING_CHECKS
from .pay_checks import (
    allowances_titled,
    components_priced,
    contribution_bounds,
    default_performance_rated,
    default_post_named,
    education_posts,
    education_years_known,
    every_month_paid,
    grades_ascending,
    pay_steps,
    performance_bonus,
    post_bounds,
    title_none_listed,
)
from .plan_bounds import plan_bounded
from .plan_checks import by_year_known, site_growth_known
from .problems import Found, KeyPath, not_one_of
from .published import shares_named
from .schemes import SCHEME_CHECKS

if TYPE_CHECKING:
    from .model import Rules


Check = Callable[["Rules"], Found]


# ----------------------------------------------------------------------- the file


def table_columns(rules: Rules) -> Found:
    """`columns` adds headers to the columns a table has (a populations file: also each category)."""
    found: Found = []
    for table, entries in rules.columns.items():
        known = list(TABLE_COLUMNS[table])
        if table == "populations":
            known += list(rules.categories)
        for column in entries:
            if column != "ignore" and column not in known:
                found.append(
                    (
                        ("columns", table, column),
                        msg(
                            "rules.not_a_column",
                            column=column,
                            table=msg(f"rules.table.{table}"),
                            allowed=", ".join([*known, "ignore"]),
                        ),
                    )
                )
    return found


# --------------------------------------------------------------------- awards


def ladder_priced(rules: Rules) -> Found:
    """Every exam of the ladder has an award, and is on it once."""
    exams = rules.awards.exams
    found: Found = []
    seen: set[str] = set()
    for i, exam in enumerate(rules.awards.ladder):
        if exam not in exams:
            found.append(
                (
                    ("awards", "ladder", i),
                    msg("rules.ladder_exam_without_award", problem=not_one_of(exam, exams)),
                )
            )
        if exam in seen:
            found.append((("awards", "ladder", i), msg("rules.ladder_twice", exam=exam)))
        seen.add(exam)
    return found


def certified_titles_known(rules: Rules) -> Found:
    titles = rules.pay.points.title
    return [
        (("staffing", "certified_titles", i), not_one_of(title, titles))
        for i, title in enumerate(rules.staffing.certified_titles or ())
        if title not in titles
    ]


def default_employment_known(rules: Rules) -> Found:
    default = rules.default_employment
    if default is None or default in rules.employment:
        return []
    return [(("default_employment",), not_one_of(default, rules.employment))]


def eligibility_known(rules: Rules) -> Found:
    """The eligibility conditions name a rating and kinds of employment the rules have."""
    eligibility = rules.awards.eligibility
    ratings = rules.pay.points.performance
    where: KeyPath = ("awards", "eligibility")
    found: Found = []
    if eligibility.min_performance is not None and eligibility.min_performance not in ratings:
        found.append(
            ((*where, "min_performance"), not_one_of(eligibility.min_performance, ratings))
        )
    found += [
        ((*where, "exclude_employment", i), not_one_of(kind, rules.employment))
        for i, kind in enumerate(eligibility.exclude_employment)
        if kind not in rules.employment
    ]
    return found


def claim_deadline_real(rules: Rules) -> Found:
    deadline = rules.awards.claim_deadline
    if deadline is None or deadline.day <= deadline.in_year(2024).day:  # 2024: a leap year
        return []
    return [
        (
            ("awards", "claim_deadline", "day"),
            msg("rules.no_such_day", month=deadline.month, day=deadline.day),
        )
    ]


# --------------------------------------------------------------------- budget


def new_hire_known(rules: Rules) -> Found:
    """The budget's new hire has words the rules have, and starts in a month of the year."""
    hire = rules.budget.new_hire
    points = rules.pay.points
    where: KeyPath = ("budget", "new_hire")
    words: list[tuple[str, str | None, Any]] = [
        ("education", hire.education, points.education),
        ("title", hire.title, points.title),
        ("performance", hire.performance, points.performance),
        ("post", hire.post, rules.pay.posts),
    ]
    found: Found = [
        ((*where, key), not_one_of(value, known))
        for key, value, known in words
        if value is not None and value not in known
    ]
    if not 1 <= hire.start_month <= 12:
        found.append(((*where, "start_month"), msg("rules.not_a_month", month=hire.start_month)))
    return found


# ----------------------------------------------------------------------- plan


def client_growth_known(rules: Rules) -> Found:
    categories = ["default", *rules.categories]
    return [
        (("plan", "client_growth", category), not_one_of(category, categories))
        for category in rules.plan.client_growth
        if category not in categories
    ]


def planned_passes(rules: Rules) -> Found:
    """A planned pass names an exam of the ladder, and passing it gives a title pay knows."""
    ladder = rules.awards.ladder
    titles = rules.pay.points.title
    found: Found = []
    for exam in rules.plan.certification:
        where: KeyPath = ("plan", "certification", exam)
        if exam not in ladder:
            listed = not_one_of(exam, ladder) if ladder else _off_empty_ladder(exam)
            found.append((where, msg("rules.planned_pass_off_ladder", problem=listed)))
        elif exam not in titles:
            found.append((where, msg("rules.pass_gives_unlisted_title", exam=exam)))
    return found


def _off_empty_ladder(exam: str) -> Msg:
    return msg("rules.not_one_of", value=exam, allowed=msg("rules.empty"), hint="")


PLAN_CHECKS: list[Check] = [
    client_growth_known,
    planned_passes,
    site_growth_known,
    by_year_known,
    plan_bounded,
]

# In the order of a rules file's sections: the order problems are reported in.
RULE_CHECKS: list[Check] = [
    table_columns,
    title_none_listed,
    default_performance_rated,
    grades_ascending,
    post_bounds,
    default_post_named,
    allowances_titled,
    every_month_paid,
    performance_bonus,
    contribution_bounds,
    education_years_known,
    pay_steps,
    education_posts,
    components_priced,
    floors_valid,
    shares_named,
    ladder_priced,
    certified_titles_known,
    default_employment_known,
    eligibility_known,
    claim_deadline_real,
    new_hire_known,
    *PLAN_CHECKS,
    *SCHEME_CHECKS,
    *FUNDING_CHECKS,
]


def rule_problems(rules: Rules) -> Found:
    """What a single key cannot say: references between parts of the rules.

    Each problem is the key path it is about and a sentence; the rules file reader
    turns the path into a file position.
    """
    return [problem for check in RULE_CHECKS for problem in check(rules)]


def plan_problems(rules: Rules) -> Found:
    """Growth must name categories; a planned pass must name a ladder exam that is a title."""
    return [problem for check in PLAN_CHECKS for problem in check(rules)]
