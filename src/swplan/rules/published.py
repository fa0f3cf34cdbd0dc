"""Published figures and pay amounts written as a share of one (`published`).

A notice often fixes pay as a share of a figure a statistics bureau publishes each
year ("不低于上年度全市城镇职工平均工资的 80%"). A rules file lists the figures::

    published:
      average_wage: {2024: 87500, 2025: 91000, growth: 0.05}

and any monthly money amount of `pay` (a grade's `monthly`, a component's amount or
`per_year`, a title allowance, a floor) may be `{share: 0.8, of: average_wage, year:
-1, from_month: 7}`: round-half-up(0.8 x the figure of year Y' / 12, 0.01), Y' = the
costed month's year + `year` from `from_month` on, one year earlier before it.

`resolved(rules, day)` gives the rules with every share worked out for the month of
`day`, so the pay calculation only ever sees numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator

from ..messages import msg
from ..money import EXACT, half_up
from ..values import parse_amount, parse_integer, parse_rate
from .base import Strict, parse_growth
from .problems import Found, KeyPath, not_one_of, ours

if TYPE_CHECKING:
    from .model import Rules

SHARE_KEYS = ("share", "of", "year", "from_month")
GROWTH = "growth"
MIN_YEAR, MAX_YEAR = 1900, 2200


class ShareOf(Strict):
    """A monthly amount as a share of a published yearly figure."""

    share: Decimal
    of: str
    year: int = 0
    from_month: int = 1

    def year_of(self, day: dt.date) -> int:
        """The year Y' of the figure the month of `day` takes."""
        shifted = day.year + self.year
        return shifted if day.month >= self.from_month else shifted - 1

    def amount(self, figure: Decimal) -> Decimal:
        """round-half-up(share x figure / 12, 0.01)."""
        return half_up(Fraction(self.share) * Fraction(figure) / 12, 2)


def _part(key: str, parse: Callable[[Any], Any], value: Any) -> Any:
    try:
        return parse(value)
    except ValueError as exc:
        raise ValueError(msg("rules.at_key", key=key, problem=ours(exc.args[0]))) from None


def _share_of(data: dict[Any, Any]) -> ShareOf:
    for key in data:
        if key not in SHARE_KEYS:
            raise ValueError(msg("rules.share_key_unknown", key=key, allowed=", ".join(SHARE_KEYS)))
    for key in ("share", "of"):
        if key not in data:
            raise ValueError(msg("rules.share_key_missing", key=key))
    of = data["of"]
    if not isinstance(of, str) or not of:
        raise ValueError(msg("rules.at_key", key="of", problem=msg("rules.not_text", value=of)))
    month = _part("from_month", parse_integer, data.get("from_month", 1))
    if not 1 <= month <= 12:
        raise ValueError(
            msg("rules.at_key", key="from_month", problem=msg("rules.not_a_month", month=month))
        )
    return ShareOf(
        share=_part("share", parse_rate, data["share"]),
        of=of,
        year=_part("year", parse_integer, data.get("year", 0)),
        from_month=month,
    )


def parse_pay_amount(value: Any) -> Decimal | ShareOf:
    """A monthly money amount of `pay`: yuan, or a share of a published figure."""
    if isinstance(value, ShareOf):
        return value
    if isinstance(value, dict):
        return _share_of(value)
    return parse_amount(value)


PayAmount = Annotated[Decimal | ShareOf, BeforeValidator(parse_pay_amount)]


def _year_key(key: Any) -> str:
    text = str(key).strip() if isinstance(key, int | str) and not isinstance(key, bool) else ""
    if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
        return str(int(text))
    raise ValueError(msg("rules.published_key", key=key, low=MIN_YEAR, high=MAX_YEAR))


def parse_series(value: Any) -> dict[str, Decimal]:
    """One published figure: `{2024: 87500, 2025: 91000, growth: 0.05}` -> years (as
    text) and `growth`."""
    if not isinstance(value, dict):
        raise ValueError(msg("rules.published_not_mapping"))
    out: dict[str, Decimal] = {}
    for key, amount in value.items():
        if key == GROWTH:
            out[GROWTH] = _part(GROWTH, parse_growth, amount)
            continue
        year = _year_key(key)
        out[year] = _part(year, parse_amount, amount)
    if not any(key != GROWTH for key in out):
        raise ValueError(msg("rules.published_no_year"))
    return out


Series = Annotated[dict[str, Decimal], BeforeValidator(parse_series)]


def figure_of(series: Mapping[str, Decimal], year: int) -> Decimal | None:
    """The figure of `year`: as listed, or grown from the last year listed (each year
    half-up to the yuan); None when it is neither."""
    own = series.get(str(year))
    if own is not None:
        return own
    growth = series.get(GROWTH)
    years = [int(key) for key in series if key != GROWTH]
    last = max(years)
    if growth is None or year < last:
        return None
    figure = series[str(last)]
    with localcontext(EXACT):
        for _ in range(year - last):
            figure = half_up(figure * (1 + growth), 0)
    return figure.quantize(Decimal("0.01"))


def number(amount: Decimal | ShareOf) -> Decimal:
    """An amount of rules whose shares are worked out (`resolved`): a number."""
    assert isinstance(amount, Decimal), "a share is worked out for its month before it is used"
    return amount


class MissingFigure(LookupError):
    """A share needs a year its published figure does not have."""

    def __init__(self, name: str, year: int, day: dt.date, where: KeyPath) -> None:
        super().__init__(f"published.{name}: no figure for {year}")
        self.name = name
        self.year = year
        self.day = day
        self.where = where


# ----------------------------------------------------------------------- where shares are


def pay_amounts(rules: Rules) -> Iterator[tuple[KeyPath, Decimal | ShareOf]]:
    """Every monthly money amount of `pay` a share may stand for, with its key path."""
    pay = rules.pay
    for i, grade in enumerate(pay.grades or []):
        yield ("pay", "grades", i, "monthly"), grade.monthly
    for name, component in pay.components.items():
        for key, amount in component.amounts.items():
            yield ("pay", "components", name, "amounts", key), amount
        if component.per_year is not None:
            yield ("pay", "components", name, "per_year"), component.per_year
    for title, amount in pay.allowances.title.items():
        yield ("pay", "allowances", "title", title), amount
    for i, floor in enumerate(pay.floor):
        if floor.monthly is not None:
            yield ("pay", "floor", i, "monthly"), floor.monthly
        for key, amount in floor.amounts.items():
            yield ("pay", "floor", i, "amounts", key), amount


def has_shares(rules: Rules) -> bool:
    return any(isinstance(amount, ShareOf) for _, amount in pay_amounts(rules))


def shares_named(rules: Rules) -> Found:
    """Every share names a published figure of the rules."""
    names = list(rules.published)
    return [
        ((*where, "of"), msg("rules.share_of_unknown", problem=not_one_of(amount.of, names)))
        for where, amount in pay_amounts(rules)
        if isinstance(amount, ShareOf) and amount.of not in rules.published
    ]


def resolved(rules: Rules, day: dt.date) -> Rules:
    """`rules` with every share of `pay` worked out for the month of `day` (the same
    object when there is none). Raises `MissingFigure`.

    Months whose shares take the same years share one object, so a calculator keyed
    on it works each profile out once for them all.
    """
    entry = rules._resolved  # (the id of the rules it was made for, the versions)
    if entry is None or entry[0] != id(rules):  # a copy of other rules starts afresh
        entry = rules._resolved = (id(rules), {} if has_shares(rules) else None)
    cache = entry[1]
    if cache is None:
        return rules
    amounts: dict[KeyPath, Decimal] = {}
    years = []
    for where, amount in pay_amounts(rules):
        if isinstance(amount, ShareOf):
            year = amount.year_of(day)
            figure = figure_of(rules.published[amount.of], year)
            if figure is None:
                raise MissingFigure(amount.of, year, day, where)
            amounts[where] = amount.amount(figure)
            years.append(year)
    key = tuple(years)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _with_amounts(rules, amounts)
    return found


def _with_amounts(rules: Rules, amounts: Mapping[KeyPath, Decimal]) -> Rules:
    """`rules` with the amounts at those key paths of `pay` replaced."""

    def at(where: KeyPath, old: Any) -> Any:
        return amounts.get(where, old)

    pay = rules.pay
    update: dict[str, Any] = {
        "components": {
            name: c.model_copy(
                update={
                    "amounts": {
                        k: at(("pay", "components", name, "amounts", k), a)
                        for k, a in c.amounts.items()
                    },
                    "per_year": at(("pay", "components", name, "per_year"), c.per_year),
                }
            )
            for name, c in pay.components.items()
        },
        "allowances": pay.allowances.model_copy(
            update={
                "title": {
                    t: at(("pay", "allowances", "title", t), a)
                    for t, a in pay.allowances.title.items()
                }
            }
        ),
        "floor": [
            f.model_copy(
                update={
                    "monthly": at(("pay", "floor", i, "monthly"), f.monthly),
                    "amounts": {
                        k: at(("pay", "floor", i, "amounts", k), a) for k, a in f.amounts.items()
                    },
                }
            )
            for i, f in enumerate(pay.floor)
        ],
    }
    if pay.grades is not None:
        update["grades"] = [
            g.model_copy(update={"monthly": at(("pay", "grades", i, "monthly"), g.monthly)})
            for i, g in enumerate(pay.grades)
        ]
    out = rules.model_copy(update={"pay": pay.model_copy(update=update)})
    out._resolved = (id(out), None)  # numbers only
    return out
