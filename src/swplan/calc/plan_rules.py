"""The rules of a plan year: pay amounts and contribution base bounds risen (each
half-up to the fen)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..money import half_up
from ..rules import Rules, ShareOf


def rise_factor(rate: Decimal, k: int) -> Fraction:
    """(1 + rate)^k, exact."""
    return (1 + Fraction(rate)) ** k


def risen(amount: Decimal, factor: Fraction) -> Decimal:
    """`amount` x `factor`, half-up to the fen: risen(4200, 1.03^2) == 4455.78."""
    return half_up(Fraction(amount) * factor, 2)


def _risen_pay(rules: Rules, pay_f: Fraction, base_f: Fraction) -> Rules:
    """`rules` with every money amount of `pay` x pay_f and every contribution base
    bound x base_f, each half-up to the fen (floors too; a share of a published figure
    stays as it is)."""
    pay = rules.pay
    contributions = pay.contributions
    base = contributions.base

    def up(amount: Decimal | ShareOf) -> Decimal | ShareOf:
        # a number rises; a share follows its published figure
        return risen(amount, pay_f) if isinstance(amount, Decimal) else amount

    def up_base(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else risen(amount, base_f)

    update: dict[str, object] = {
        "allowances": pay.allowances.model_copy(
            update={"title": {t: up(a) for t, a in pay.allowances.title.items()}}
        ),
        "components": {
            name: c.model_copy(
                update={
                    "amounts": {k: up(a) for k, a in c.amounts.items()},
                    "per_year": None if c.per_year is None else up(c.per_year),
                }
            )
            for name, c in pay.components.items()
        },
        "floor": [
            f.model_copy(
                update={
                    "monthly": None if f.monthly is None else up(f.monthly),
                    "amounts": {k: up(a) for k, a in f.amounts.items()},
                }
            )
            for f in pay.floor
        ],
        "contributions": contributions.model_copy(
            update={
                "base": base.model_copy(
                    update={
                        "floor": risen(base.floor, base_f),
                        "ceiling": risen(base.ceiling, base_f),
                    }
                ),
                "items": {
                    name: item.model_copy(
                        update={
                            "base": item.base.model_copy(
                                update={
                                    "floor": up_base(item.base.floor),
                                    "ceiling": up_base(item.base.ceiling),
                                }
                            )
                        }
                    )
                    for name, item in contributions.items.items()
                },
            }
        ),
    }
    if pay.grades is not None:
        update["grades"] = [g.model_copy(update={"monthly": up(g.monthly)}) for g in pay.grades]
    return rules.model_copy(update={"pay": pay.model_copy(update=update)})


def rules_of_year(rules: Rules, k: int) -> Rules:
    """The rules of plan year k: pay amounts and contribution base bounds risen k times,
    on top of the dated changes in force (each version of the rules is risen)."""
    plan = rules.plan
    return risen_rules(rules, rise_factor(plan.pay_rise, k), rise_factor(plan.base_rise, k))


def risen_rules(rules: Rules, pay_f: Fraction, base_f: Fraction) -> Rules:
    """`rules` with every pay amount x pay_f and every contribution base bound x base_f
    (each half-up to the fen), on top of the dated changes in force (each version of the
    rules is risen)."""
    if pay_f == 1 and base_f == 1:
        return rules
    out = _risen_pay(rules, pay_f, base_f)
    versions = [(day, v) for day, v in rules.versions() if day is not None]
    if versions:
        out._versions = [(day, _risen_pay(v, pay_f, base_f)) for day, v in versions]
    return out
