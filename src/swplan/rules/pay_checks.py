"""The cross-checks of the `pay` section (see `swplan.rules.checks`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..messages import Msg, msg
from .parts import Component, ItemBase, Pay
from .problems import Found, KeyPath, not_one_of

if TYPE_CHECKING:
    from .model import Rules

MAX_STEPS = 1000  # a pay scale with more steps is a typing mistake


def title_none_listed(rules: Rules) -> Found:
    if "none" in rules.pay.points.title:
        return []
    return [(("pay", "points", "title"), msg("rules.title_none_missing"))]


def default_performance_rated(rules: Rules) -> Found:
    pay = rules.pay
    if pay.default_performance in pay.points.performance:
        return []
    return [
        (
            ("pay", "default_performance"),
            not_one_of(pay.default_performance, pay.points.performance),
        )
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
                    msg("rules.grade_not_ascending", grade=grade.grade, previous=previous.grade),
                )
            )
        if grade.min_points <= previous.min_points:
            found.append(
                (
                    ("pay", "grades", i, "min_points"),
                    msg(
                        "rules.min_points_not_ascending",
                        points=grade.min_points,
                        previous=previous.min_points,
                    ),
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
                        msg(
                            "rules.grade_not_defined",
                            grade=value,
                            grades=", ".join(map(str, numbers)),
                        ),
                    )
                )
        low, high = post.min_grade, post.max_grade
        if low is not None and high is not None and low > high:
            found.append(
                (
                    ("pay", "posts", name, "min_grade"),
                    msg("rules.min_grade_above_max", low=low, high=high),
                )
            )
    return found


def default_post_named(rules: Rules) -> Found:
    """Rules with posts name the default one; rules without name none."""
    pay = rules.pay
    where: KeyPath = ("pay", "default_post")
    if not pay.posts:
        if pay.default_post is not None:
            return [(where, msg("rules.default_post_without_posts"))]
        return []
    if pay.default_post is None:
        return [(where, msg("rules.default_post_required", posts=", ".join(pay.posts)))]
    if pay.default_post not in pay.posts:
        return [(where, not_one_of(pay.default_post, pay.posts))]
    return []


def allowances_titled(rules: Rules) -> Found:
    titles = rules.pay.points.title
    return [
        (("pay", "allowances", "title", title), not_one_of(title, titles))
        for title in rules.pay.allowances.title
        if title not in titles
    ]


def every_month_paid(rules: Rules) -> Found:
    months = rules.pay.months_per_year
    if months >= 12:
        return []
    return [(("pay", "months_per_year"), msg("rules.months_below_12", months=months))]


def performance_bonus(rules: Rules) -> Found:
    """One form of the bonus; its ratings rated; one month of it made of what there is."""
    pay = rules.pay
    if pay.performance_bonus is not None and pay.performance_bonus_months is not None:
        return [(("pay", "performance_bonus"), msg("rules.bonus_both_forms"))]
    where: KeyPath = (
        ("pay", "performance_bonus", "months")
        if pay.performance_bonus is not None
        else ("pay", "performance_bonus_months")
    )
    ratings = pay.points.performance
    found: Found = [
        ((*where, rating), not_one_of(rating, ratings))
        for rating in pay.bonus_months()
        if rating not in ratings
    ]
    return found + _bonus_made_of(pay, where)


def _bonus_made_of(pay: Pay, where: KeyPath) -> Found:
    paid = any(pay.bonus_months().values())
    if pay.performance_bonus is None:
        if not pay.grades and paid:
            return [(where, msg("rules.bonus_months_without_grades"))]
        return []
    found: Found = []
    allowed = ["grade", *pay.components, *(["floor"] if pay.floor else [])]
    for i, part in enumerate(pay.performance_bonus.of):
        if part not in allowed:
            found.append((("pay", "performance_bonus", "of", i), not_one_of(part, allowed)))
        elif part == "grade" and not pay.grades and paid:
            found.append(
                (("pay", "performance_bonus", "of", i), msg("rules.bonus_of_grade_without_grades"))
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
                msg("rules.floor_above_ceiling", floor=c.base.floor, ceiling=c.base.ceiling),
            )
        )
    for item, own in c.items.items():
        where: KeyPath = ("pay", "contributions", "items", item)
        if item not in c.rates:
            # words only (a label for a rate another file adds) are fine; a base or a
            # rounding for an item that is never paid is a mistake
            if own.base != ItemBase() or own.round is not None:
                found.append(
                    (where, msg("rules.item_needs_rate", problem=not_one_of(item, c.rates)))
                )
            continue
        floor, ceiling = c.bounds(item)
        if floor > ceiling:
            found.append(
                (
                    (*where, "base"),
                    msg("rules.item_floor_above_ceiling", floor=floor, ceiling=ceiling),
                )
            )
    return found


def education_years_known(rules: Rules) -> Found:
    education = rules.pay.points.education
    return [
        (("pay", "service", "education_years", word), not_one_of(word, education))
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
        found.append(
            (("pay", "steps", "first"), msg("rules.steps_first_negative", first=steps.first))
        )
    if steps.max < steps.first:
        found.append(
            (
                ("pay", "steps", "max"),
                msg("rules.steps_max_below_first", max=steps.max, first=steps.first),
            )
        )
    elif steps.max - steps.first >= MAX_STEPS:
        found.append(
            (
                ("pay", "steps", "max"),
                msg("rules.too_many_steps", count=steps.max - steps.first + 1, limit=MAX_STEPS),
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
            found.append((where, not_one_of(word, education)))
        if not pay.posts:
            found.append((where, msg("rules.no_posts_to_pay_as")))
        elif post not in pay.posts:
            found.append((where, not_one_of(post, pay.posts)))
    return found


def components_priced(rules: Rules) -> Found:
    """Each component prices words that exist; `by: step` and `by: grade` price every one."""
    found: Found = []
    for name, component in rules.pay.components.items():
        found += _component(rules.pay, ("pay", "components", name), component, list(rules.areas))
    return found


def _component(pay: Pay, where: KeyPath, component: Component, areas: list[str]) -> Found:
    if where[-1] == "grade":
        return [(where, msg("rules.component_named_grade"))]
    if where[-1] == "floor":
        return [(where, msg("rules.component_named_floor"))]
    found: Found = []
    if component.max_years is not None and component.per_year is None:
        found.append(((*where, "max_years"), msg("rules.max_years_without_per_year")))
    keys = _component_keys(pay, component.by, areas)
    if not isinstance(keys, list):
        return found + [((*where, "by"), keys)] if keys is not None else found
    found += [
        ((*where, "amounts", key), not_one_of(key, keys))
        for key in component.amounts
        if key not in keys
    ]
    missing = [k for k in keys if k not in component.amounts]
    if component.by in ("step", "grade") and missing:
        found.append(
            (
                (*where, "amounts"),
                msg(
                    "rules.component_unpriced",
                    by=component.by,
                    word=msg(f"rules.word.{component.by}"),
                    missing=", ".join(missing),
                ),
            )
        )
    return found


def _component_keys(pay: Pay, by: str, areas: list[str]) -> list[str] | Msg | None:
    """The keys a component `by` this prices, or why there are none (None: said elsewhere)."""
    if by == "area":
        return areas if areas else msg("rules.by_area_needs_areas")
    if by == "step":
        if pay.steps is None:
            return msg("rules.by_step_needs_steps")
        if not 0 <= pay.steps.max - pay.steps.first < MAX_STEPS:
            return None  # reported at pay.steps
        return [str(n) for n in range(pay.steps.first, pay.steps.max + 1)]
    if by == "grade":
        if not pay.grades:
            return msg("rules.by_grade_needs_grades")
        return [str(g.grade) for g in pay.grades]
    words: dict[str, dict[str, Any]] = {
        "post": pay.posts,
        "title": pay.points.title,
        "education": pay.points.education,
        "performance": pay.points.performance,
    }
    return list(words[by])
