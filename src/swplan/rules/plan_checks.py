"""The cross-checks of the plan's newer keys: per-site growth and the assumptions that
change by year name categories and ladder exams the rules know."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from ..messages import msg
from .problems import Found, KeyPath, not_one_of

if TYPE_CHECKING:
    from .model import Rules


def _categories(where: KeyPath, growth: Mapping[str, Decimal], known: list[str]) -> Found:
    return [
        ((*where, category), not_one_of(category, known))
        for category in growth
        if category not in known
    ]


def site_growth_known(rules: Rules) -> Found:
    """Each site's own growth names categories of the rules."""
    known = list(rules.categories)
    found: Found = []
    for site, growth in rules.plan.site_growth.items():
        found += _categories(("plan", "site_growth", site), growth, known)
    return found


def by_year_known(rules: Rules) -> Found:
    """What changes by year names categories (or `default`) and ladder exams, as the
    section itself must."""
    categories = ["default", *rules.categories]
    ladder = rules.awards.ladder
    titles = rules.pay.points.title
    found: Found = []
    for year, change in rules.plan.by_year.items():
        where: KeyPath = ("plan", "by_year", str(year))  # as the file writes it
        found += _categories((*where, "client_growth"), change.client_growth or {}, categories)
        for site, growth in (change.site_growth or {}).items():
            found += _categories((*where, "site_growth", site), growth, list(rules.categories))
        for exam in change.certification or {}:
            at: KeyPath = (*where, "certification", exam)
            if exam not in ladder:
                listed = (
                    not_one_of(exam, ladder)
                    if ladder
                    else msg("rules.not_one_of", value=exam, allowed=msg("rules.empty"), hint="")
                )
                found.append((at, msg("rules.planned_pass_off_ladder", problem=listed)))
            elif exam not in titles:
                found.append((at, msg("rules.pass_gives_unlisted_title", exam=exam)))
    return found
