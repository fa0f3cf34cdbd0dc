"""The assumptions of each year of a scenario, and what they compound to.

`plan.by_year` changes an assumption from a year on, so a rate may differ from one
year to the next: a rise or a growth changed from a year on compounds year by year,
the factor of year k being the product of (1 + r_y) over the years y = Y0 + 1 .. Y0 + k,
year y's rate taking year y - 1 to y. Without `by_year` that is (1 + r)^k.

A site's clients grow at its own rate where it has one (`plan.site_growth` of the
year, else the populations' `growth.CATEGORY`), else at the district's; a site that
opens after the first year grows from the year it opens (its clients in the file are
those of that year).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from ..model import Site
from ..rules import Plan, Rules
from .plan_rules import risen_rules


def compounded(rates: Sequence[Decimal]) -> list[Fraction]:
    """The factor of each year k: the product of (1 + rates[j]) for j = 1 .. k (year 0: 1)."""
    out = [Fraction(1)]
    for rate in rates[1:]:
        out.append(out[-1] * (1 + Fraction(rate)) if rate else out[-1])
    return out


class Timeline:
    """One scenario's assumptions year by year: the `plan:` section in force, the rules
    of the year (pay and contribution bases risen), and the growth of the clients."""

    def __init__(self, rules: Rules, start: int, horizon: int) -> None:
        self.rules = rules
        self.start = start
        self.horizon = horizon
        self.plans: list[Plan] = [rules.plan.in_year(start + k) for k in range(horizon)]
        self.pay = compounded([p.pay_rise for p in self.plans])
        self.base = compounded([p.base_rise for p in self.plans])
        self._rules: dict[int, Rules] = {}
        categories = list(rules.categories)
        self.categories = categories
        # the district's growth of each category, from the first year
        self.common: list[dict[str, Fraction]] = []
        by_category = {c: compounded([p.growth(c) for p in self.plans]) for c in categories}
        for k in range(horizon):
            self.common.append({c: f[k] for c, f in by_category.items() if f[k] != 1})

    def plan(self, k: int) -> Plan:
        return self.plans[k]

    def rules_of(self, k: int) -> Rules:
        """The rules of year k: every pay amount and contribution base bound risen."""
        known = self._rules.get(k)
        if known is None:
            known = self._rules[k] = risen_rules(self.rules, self.pay[k], self.base[k])
        return known

    def site_growth_named(self) -> set[str]:
        """The sites some year's `plan.site_growth` names."""
        return {site for p in self.plans for site in p.site_growth}

    def site_factors(self, site: Site) -> list[dict[str, Fraction]]:
        """The growth of a site's clients in each year k, per category, from its first
        counted year (the year it opens, or the plan's first): an empty mapping before."""
        first = 0 if site.opens is None else max(0, site.opens - self.start)
        own: Mapping[str, Decimal] = site.growth or {}
        out: list[dict[str, Fraction]] = [{} for _ in range(self.horizon)]
        running = {c: Fraction(1) for c in self.categories}
        for k in range(first, self.horizon):
            if k > first:
                plan = self.plans[k]
                named = plan.site_growth.get(site.id, {})
                for c in self.categories:
                    rate = named.get(c)
                    if rate is None:
                        rate = own.get(c)
                    if rate is None:
                        rate = plan.growth(c)
                    if rate:
                        running[c] *= 1 + Fraction(rate)
            out[k] = dict(running)
        return out

    def key(self) -> tuple[object, ...]:
        """What the growth of every site depends on (besides the sites): to share the
        staffing of the years between scenarios that grow alike."""
        named = tuple(
            tuple(sorted((s, tuple(sorted(g.items()))) for s, g in p.site_growth.items()))
            for p in self.plans
        )
        return (tuple(tuple(sorted(c.items())) for c in self.common), named)
