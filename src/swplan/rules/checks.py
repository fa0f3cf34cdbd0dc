"""The cross-checks of the rules: what a single key cannot say.

Each check is a small function `(rules) -> [(key path, message)]` about one thing
(grades ascend, every post's grades exist, the ladder names priced exams, ...);
`rule_problems` runs `RULE_CHECKS` in order, so problems come in the order of the
rules file's sections. The rules file reader turns each key path into a position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import one_of
from .columns import TABLE_COLUMNS
from .parts import Component, ItemBase, Pay
from .problems import KeyPath

if TYPE_CHECKING:
    from .model import Rules

Found = list[tuple[KeyPath, str]]
Check = Callable[["Rules"], Found]

MAX_STEPS = 1000  # a pay scale with more steps is a typing mistake


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
                        f"{column!r} is not a column of a {table} file; "
                        f"allowed: {', '.join([*known, 'ignore'])}",
                    )
                )
    return found


# ------------------------------------------------------------------------ pay


def title_none_listed(rules: Rules) -> Found:
    if "none" in rules.pay.points.title:
        return []
    return [(("pay", "points", "title"), "the title 'none' (no certificate) must be listed")]


def default_performance_rated(rules: Rules) -> Found:
    pay = rules.pay
    if pay.default_performance in pay.points.performance:
        return []
    return [
        (("pay", "default_performance"), one_of(pay.default_performance, pay.points.performance))
    ]


def grades_ascending(rules: Rules) -> Found:
    """Grades and their min_points both strictly ascend."""
    found: Found = []
    grades = rules.pay.grades or []
    for i, (previous, grade) in enumerate(zip(grades, grades[1:], strict=False), start=1):
        if grade.grade <= previous.grade:
            found.append(
                (
                    ("pay", "grades", i, "grade"),
                    f"grade {grade.grade} follows grade {previous.grade}; grades must be strictly ascending",
                )
            )
        if grade.min_points <= previous.min_points:
            found.append(
                (
                    ("pay", "grades", i, "min_points"),
                    f"min_points {grade.min_points} is not above {previous.min_points} of the grade "
                    "before; min_points must be strictly ascending",
                )
            )
    return found


def post_bounds(rules: Rules) -> Found:
    """A post's min_grade and max_grade are grades, the one not above the other."""
    found: Found = []
    numbers = [g.grade for g in rules.pay.grades or []]
    for name, post in rules.pay.posts.items():
        for bound in ("min_grade", "max_grade"):
            value = getattr(post, bound)
            if value is not None and value not in numbers:
                found.append(
                    (
                        ("pay", "posts", name, bound),
                        f"grade {value} is not defined; grades: {', '.join(map(str, numbers))}",
                    )
                )
        low, high = post.min_grade, post.max_grade
        if low is not None and high is not None and low > high:
            found.append(
                (("pay", "posts", name, "min_grade"), f"min_grade {low} is above max_grade {high}")
            )
    return found


def default_post_named(rules: Rules) -> Found:
    """Rules with posts name the default one; rules without name none."""
    pay = rules.pay
    where: KeyPath = ("pay", "default_post")
    if not pay.posts:
        if pay.default_post is not None:
            return [(where, "no posts are defined, so there is no default post")]
        return []
    if pay.default_post is None:
        return [(where, "required when posts are defined; name one of: " + ", ".join(pay.posts))]
    if pay.default_post not in pay.posts:
        return [(where, one_of(pay.default_post, pay.posts))]
    return []


def allowances_titled(rules: Rules) -> Found:
    titles = rules.pay.points.title
    return [
        (("pay", "allowances", "title", title), one_of(title, titles))
        for title in rules.pay.allowances.title
        if title not in titles
    ]


def every_month_paid(rules: Rules) -> Found:
    months = rules.pay.months_per_year
    if months >= 12:
        return []
    return [
        (
            ("pay", "months_per_year"),
            f"{months} is below 12; every month is paid, so it must be 12 or more",
        )
    ]


def performance_bonus(rules: Rules) -> Found:
    """One form of the bonus; its ratings rated; one month of it made of what there is."""
    pay = rules.pay
    if pay.performance_bonus is not None and pay.performance_bonus_months is not None:
        return [
            (
                ("pay", "performance_bonus"),
                "give either performance_bonus or performance_bonus_months, not both "
                "(performance_bonus: {months: ..., of: [...]} says everything the other does)",
            )
        ]
    where: KeyPath = (
        ("pay", "performance_bonus", "months")
        if pay.performance_bonus is not None
        else ("pay", "performance_bonus_months")
    )
    ratings = pay.points.performance
    found: Found = [
        ((*where, rating), one_of(rating, ratings))
        for rating in pay.bonus_months()
        if rating not in ratings
    ]
    return found + _bonus_made_of(pay, where)


def _bonus_made_of(pay: Pay, where: KeyPath) -> Found:
    paid = any(pay.bonus_months().values())
    if pay.performance_bonus is None:
        if not pay.grades and paid:
            return [
                (
                    where,
                    "one month of bonus is the grade's monthly, but the rules have no grades; "
                    "write performance_bonus: {months: ..., of: [components]} instead",
                )
            ]
        return []
    found: Found = []
    allowed = ["grade", *pay.components]
    for i, part in enumerate(pay.performance_bonus.of):
        if part not in allowed:
            found.append((("pay", "performance_bonus", "of", i), one_of(part, allowed)))
        elif part == "grade" and not pay.grades and paid:
            found.append(
                (
                    ("pay", "performance_bonus", "of", i),
                    "'grade' is the grade's monthly, but the rules have no grades; "
                    "name the components one month of bonus is made of",
                )
            )
    return found


def contribution_bounds(rules: Rules) -> Found:
    """Floors are not above ceilings; an item with its own base or rounding is paid."""
    c = rules.pay.contributions
    found: Found = []
    if c.base.floor > c.base.ceiling:
        found.append(
            (
                ("pay", "contributions", "base", "floor"),
                f"floor {c.base.floor} is above the ceiling {c.base.ceiling}",
            )
        )
    for item, own in c.items.items():
        where: KeyPath = ("pay", "contributions", "items", item)
        if item not in c.rates:
            # words only (a label for a rate another file adds) are fine; a base or a
            # rounding for an item that is never paid is a mistake
            if own.base != ItemBase() or own.round is not None:
                found.append(
                    (
                        where,
                        "an item with its own base or rounding needs a rate; "
                        + one_of(item, c.rates),
                    )
                )
            continue
        floor, ceiling = c.bounds(item)
        if floor > ceiling:
            found.append(
                (
                    (*where, "base"),
                    f"floor {floor} is above the ceiling {ceiling} (an item's missing bound is "
                    "the general one)",
                )
            )
    return found


def education_years_known(rules: Rules) -> Found:
    education = rules.pay.points.education
    return [
        (("pay", "service", "education_years", word), one_of(word, education))
        for word in rules.pay.service.education_years
        if word not in education
    ]


def pay_steps(rules: Rules) -> Found:
    """Steps count from 0 or more, up to at most MAX_STEPS of them."""
    steps = rules.pay.steps
    if steps is None:
        return []
    found: Found = []
    if steps.first < 0:
        found.append((("pay", "steps", "first"), f"{steps.first} is negative; must be 0 or more"))
    if steps.max < steps.first:
        found.append((("pay", "steps", "max"), f"max {steps.max} is below first {steps.first}"))
    elif steps.max - steps.first >= MAX_STEPS:
        found.append(
            (
                ("pay", "steps", "max"),
                f"{steps.max - steps.first + 1} steps; at most {MAX_STEPS} are allowed",
            )
        )
    return found


def education_posts(rules: Rules) -> Found:
    """`education_post` pays an education level as a post: both must exist."""
    pay = rules.pay
    education = pay.points.education
    found: Found = []
    for word, post in pay.education_post.items():
        where: KeyPath = ("pay", "education_post", word)
        if word not in education:
            found.append((where, one_of(word, education)))
        if not pay.posts:
            found.append((where, "the rules define no posts to be paid as"))
        elif post not in pay.posts:
            found.append((where, one_of(post, pay.posts)))
    return found


def components_priced(rules: Rules) -> Found:
    """Each component prices words that exist; `by: step` and `by: grade` price every one."""
    found: Found = []
    for name, component in rules.pay.components.items():
        found += _component(rules.pay, ("pay", "components", name), component)
    return found


def _component(pay: Pay, where: KeyPath, component: Component) -> Found:
    if where[-1] == "grade":
        return [
            (where, "'grade' is reserved for the grade's monthly; give the component another id")
        ]
    found: Found = []
    if component.max_years is not None and component.per_year is None:
        found.append(((*where, "max_years"), "max_years limits per_year, which is not given"))
    keys = _component_keys(pay, component.by)
    if isinstance(keys, str):
        return found + [((*where, "by"), keys)] if keys else found
    found += [
        ((*where, "amounts", key), one_of(key, keys))
        for key in component.amounts
        if key not in keys
    ]
    missing = [k for k in keys if k not in component.amounts]
    if component.by in ("step", "grade") and missing:
        found.append(
            (
                (*where, "amounts"),
                f"no amount for {component.by} {', '.join(missing)}; "
                f"'by: {component.by}' must price every {component.by}",
            )
        )
    return found


def _component_keys(pay: Pay, by: str) -> list[str] | str:
    """The keys a component `by` this prices, or why there are none ("" if said elsewhere)."""
    if by == "step":
        if pay.steps is None:
            return "'by: step' needs pay.steps (every_years, first, max)"
        if not 0 <= pay.steps.max - pay.steps.first < MAX_STEPS:
            return ""  # reported at pay.steps
        return [str(n) for n in range(pay.steps.first, pay.steps.max + 1)]
    if by == "grade":
        if not pay.grades:
            return "'by: grade' needs pay.grades"
        return [str(g.grade) for g in pay.grades]
    words: dict[str, dict[str, Any]] = {
        "post": pay.posts,
        "title": pay.points.title,
        "education": pay.points.education,
        "performance": pay.points.performance,
    }
    return list(words[by])


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
                    "the ladder names an exam with no award; " + one_of(exam, exams),
                )
            )
        if exam in seen:
            found.append((("awards", "ladder", i), f"{exam!r} appears twice in the ladder"))
        seen.add(exam)
    return found


def certified_titles_known(rules: Rules) -> Found:
    titles = rules.pay.points.title
    return [
        (("staffing", "certified_titles", i), one_of(title, titles))
        for i, title in enumerate(rules.staffing.certified_titles or ())
        if title not in titles
    ]


def default_employment_known(rules: Rules) -> Found:
    default = rules.default_employment
    if default is None or default in rules.employment:
        return []
    return [(("default_employment",), one_of(default, rules.employment))]


def eligibility_known(rules: Rules) -> Found:
    """The eligibility conditions name a rating and kinds of employment the rules have."""
    eligibility = rules.awards.eligibility
    ratings = rules.pay.points.performance
    where: KeyPath = ("awards", "eligibility")
    found: Found = []
    if eligibility.min_performance is not None and eligibility.min_performance not in ratings:
        found.append(((*where, "min_performance"), one_of(eligibility.min_performance, ratings)))
    found += [
        ((*where, "exclude_employment", i), one_of(kind, rules.employment))
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
            f"month {deadline.month} has no day {deadline.day}",
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
        ((*where, key), one_of(value, known))
        for key, value, known in words
        if value is not None and value not in known
    ]
    if not 1 <= hire.start_month <= 12:
        found.append(((*where, "start_month"), f"{hire.start_month} is not a month; give 1 to 12"))
    return found


# ----------------------------------------------------------------------- plan


def client_growth_known(rules: Rules) -> Found:
    categories = ["default", *rules.categories]
    return [
        (("plan", "client_growth", category), one_of(category, categories))
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
            found.append(
                (where, "planned passes follow the ladder; " + one_of(exam, ladder or ["(empty)"]))
            )
        elif exam not in titles:
            found.append(
                (
                    where,
                    f"passing {exam!r} gives the title {exam!r}, which pay.points.title "
                    "does not list; add it there",
                )
            )
    return found


PLAN_CHECKS: list[Check] = [client_growth_known, planned_passes]

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
    ladder_priced,
    certified_titles_known,
    default_employment_known,
    eligibility_known,
    claim_deadline_real,
    new_hire_known,
    *PLAN_CHECKS,
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
