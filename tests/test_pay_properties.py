"""Properties of pay (docs/algorithms.md) over random, valid rule sets and rosters.

Rule sets are built with `Rules.model_validate`, which runs every check a bureau's
rules file goes through (keys, values and the cross-checks between them). Pay goes
through the public `pay` with `swplan.model.Worker` records, and every worker's cost
is compared with `reference_cost`, the pay rules of docs/algorithms.md written out again.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from conftest import V1_RULES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fastpay import rule_documents

from swplan import Rules, load_rules, pay
from swplan.model import Worker

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AS_OF = dt.date(2026, 1, 1)
NATIONAL = load_rules(V1_RULES)  # the reference below is version 1 pay: three grades by points

half_points = st.integers(-4, 16).map(lambda n: str(Decimal(n) / 2))
amounts = st.integers(0, 4_000_000).map(lambda fen: str(Decimal(fen) / 100))


def rising(values: list[Any]) -> list[Any]:
    """Running maxima: a non-decreasing list."""
    out, top = [], None
    for v in values:
        top = v if top is None or v > top else top
        out.append(top)
    return out


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    """A valid rules file. Ratings `r0 < r1 < ...` are in order of merit (points and
    bonus months never fall) and grade pay never falls, so a better rating can
    never be paid less; everything else is free."""
    educations = draw(st.lists(half_points, min_size=1, max_size=4))
    titles = draw(st.lists(half_points, min_size=0, max_size=3))
    rating_points = sorted(draw(st.lists(st.integers(-3, 4), min_size=1, max_size=4)))
    bonus = rising(
        draw(st.lists(st.integers(0, 24), min_size=len(rating_points), max_size=len(rating_points)))
    )
    n_grades = draw(st.integers(1, 6))
    mins = sorted(set(draw(st.lists(st.integers(-6, 30), min_size=n_grades, max_size=n_grades))))
    monthly = sorted(
        draw(st.lists(st.integers(0, 4_000_000), min_size=len(mins), max_size=len(mins)))
    )
    grades = [
        {"grade": i + 1, "min_points": str(m), "monthly": str(Decimal(fen) / 100)}
        for i, (m, fen) in enumerate(zip(mins, monthly, strict=True))
    ]
    floor, ceiling = sorted(draw(st.lists(st.integers(0, 4_000_000), min_size=2, max_size=2)))
    rates = draw(
        st.dictionaries(
            st.sampled_from(["pension", "medical", "injury", "fund", "x-1"]),
            st.integers(0, 30_000).map(lambda n: str(Decimal(n) / 100_000)),
            max_size=4,
        )
    )
    title_names = ["none", *(f"t{i}" for i in range(len(titles)))]
    pay_rules: dict[str, Any] = {
        "points": {
            "education": {f"e{i}": p for i, p in enumerate(educations)},
            "title": dict(zip(title_names, ["0", *titles], strict=True)),
            "performance": {f"r{i}": str(p) for i, p in enumerate(rating_points)},
            "years_of_service": {
                "per_year": draw(st.sampled_from(["0", "0.25", "0.5", "1", "2"])),
                "max": str(draw(st.integers(0, 20))),
            },
        },
        "default_performance": draw(st.sampled_from([f"r{i}" for i in range(len(rating_points))])),
        "grades": grades,
        "months_per_year": draw(st.integers(12, 14)),
        "allowances": {"title": {t: draw(amounts) for t in title_names if draw(st.booleans())}},
        "performance_bonus_months": {f"r{i}": str(Decimal(b) / 4) for i, b in enumerate(bonus)},
        "contributions": {
            "base": {"floor": str(Decimal(floor) / 100), "ceiling": str(Decimal(ceiling) / 100)},
            "rates": rates,
        },
    }
    if draw(st.booleans()):
        numbers = [g["grade"] for g in grades]
        posts = {}
        for name in ("lead", "staff")[: draw(st.integers(1, 2))]:
            lo, hi = sorted(draw(st.lists(st.sampled_from(numbers), min_size=2, max_size=2)))
            post: dict[str, Any] = {"points": str(draw(st.integers(0, 6)))}
            if draw(st.booleans()):
                post["min_grade"] = lo
            if draw(st.booleans()):
                post["max_grade"] = hi
            posts[name] = post
        pay_rules["posts"] = posts
        pay_rules["default_post"] = draw(st.sampled_from(sorted(posts)))
    document = {
        "name": "random",
        "effective": "2026-01-01",
        "categories": {"elderly": {}},
        "pay": pay_rules,
        "budget": {"new_hire": {"education": "e0", "title": "none"}},
    }
    return Rules.model_validate(document)


rules_and_national = st.one_of(st.just(NATIONAL), rule_sets())


@st.composite
def workers(draw: st.DrawFn, rules: Rules, worker_id: str = "W") -> Worker:
    points = rules.pay.points
    post = (
        draw(st.one_of(st.none(), st.sampled_from(sorted(rules.pay.posts))))
        if rules.pay.posts
        else None
    )
    if draw(st.booleans()):
        hired, years = draw(st.dates(dt.date(1970, 1, 1), AS_OF)), None
    else:
        hired, years = None, draw(st.integers(0, 60))
    return Worker(
        worker_id,
        draw(st.sampled_from(["s1", "s2", "s3"])),
        draw(st.sampled_from(sorted(points.education))),
        draw(st.sampled_from(sorted(points.title))),
        post=post,
        hired=hired,
        years_of_service=years,
        performance=draw(st.one_of(st.none(), st.sampled_from(sorted(points.performance)))),
    )


@st.composite
def rules_and_roster(draw: st.DrawFn) -> tuple[Rules, list[Worker]]:
    rules = draw(rules_and_national)
    n = draw(st.integers(0, 12))
    return rules, [draw(workers(rules, f"W{i}")) for i in range(n)]


def ordered_ratings(rules: Rules) -> list[str]:
    """Ratings from worst to best: the national words, or r0 < r1 < ... of random rules."""
    if rules is NATIONAL:
        return ["fail", "pass", "good", "excellent"]
    return sorted(rules.pay.points.performance, key=lambda r: int(r[1:]))


@SETTINGS
@given(st.data())
def test_more_years_never_lower_the_grade(data: st.DataObject) -> None:
    rules = data.draw(rules_and_national)
    worker = data.draw(workers(rules))
    years = data.draw(st.integers(0, 40))
    more = years + data.draw(st.integers(1, 30))
    base = {
        f: getattr(worker, f) for f in ("id", "site", "education", "title", "post", "performance")
    }
    result = pay(
        rules,
        [Worker(**base, years_of_service=years), Worker(**base, years_of_service=more)],
        AS_OF,
    )
    fewer, longer = (w.figures for w in result.workers)
    assert longer.points >= fewer.points
    assert longer.grade >= fewer.grade


@SETTINGS
@given(st.data())
def test_a_better_rating_never_lowers_pay(data: st.DataObject) -> None:
    rules = data.draw(rules_and_national)
    worker = data.draw(workers(rules))
    ratings = ordered_ratings(rules)
    low = data.draw(st.integers(0, len(ratings) - 1))
    high = data.draw(st.integers(low, len(ratings) - 1))
    base = {
        f: getattr(worker, f)
        for f in ("id", "site", "education", "title", "post", "hired", "years_of_service")
    }
    result = pay(
        rules,
        [Worker(**base, performance=ratings[low]), Worker(**base, performance=ratings[high])],
        AS_OF,
    )
    worse, better = (w.figures for w in result.workers)
    assert better.grade >= worse.grade
    assert better.annual_cost >= worse.annual_cost


def reference_cost(rules: Rules, w: Worker) -> Decimal:
    """A worker's annual cost at AS_OF, by the pay rules (docs/algorithms.md) written out again from the rules."""
    p = rules.pay
    if w.hired is not None:
        years = (
            AS_OF.year - w.hired.year - ((AS_OF.month, AS_OF.day) < (w.hired.month, w.hired.day))
        )
    else:
        assert w.years_of_service is not None
        years = w.years_of_service
    rating = w.performance or p.default_performance
    post = p.posts.get(w.post or p.default_post or "") if p.posts else None
    per_year = p.points.years_of_service
    points = (
        p.points.education[w.education]
        + p.points.title[w.title]
        + p.points.performance[rating]
        + (post.points if post else 0)
        + min(years * per_year.per_year, per_year.max)
    )
    reached = [g for g in p.grades if g.min_points <= points] or [p.grades[0]]
    grade = reached[-1].grade
    if post is not None and post.min_grade is not None:
        grade = max(grade, post.min_grade)
    if post is not None and post.max_grade is not None:
        grade = min(grade, post.max_grade)
    base = next(g.monthly for g in p.grades if g.grade == grade)
    gross = base + p.allowances.title.get(w.title, 0)
    limits = p.contributions.base
    clamped = min(max(gross, limits.floor), limits.ceiling)
    fen = Decimal("0.01")
    monthly = sum(
        ((clamped * r).quantize(fen, ROUND_HALF_UP) for r in p.contributions.rates.values()),
        Decimal(0),
    )
    bonus = (base * p.performance_bonus_months.get(rating, 0)).quantize(fen, ROUND_HALF_UP)
    return gross * p.months_per_year + bonus + monthly * 12


@SETTINGS
@given(rules_and_roster())
def test_every_cost_and_the_total_match_the_reference(case: tuple[Rules, list[Worker]]) -> None:
    rules, roster = case
    result = pay(rules, roster, AS_OF)
    assert [w.id for w in result.workers] == [w.id for w in roster]
    expected = [reference_cost(rules, w) for w in roster]
    assert [w.figures.annual_cost for w in result.workers] == expected
    assert result.totals["annual_cost"] == sum(expected, Decimal(0))
    assert result.count == len(roster)
    for value in result.totals.values():
        assert value.as_tuple().exponent == -2  # money to the fen


@SETTINGS
@given(rules_and_roster())
def test_grades_and_contribution_bases_stay_within_the_rules(
    case: tuple[Rules, list[Worker]],
) -> None:
    rules, roster = case
    base_rule = rules.pay.contributions.base
    grade_numbers = [g.grade for g in rules.pay.grades]
    for w in pay(rules, roster, AS_OF).workers:
        f = w.figures
        assert base_rule.floor <= f.contribution_base <= base_rule.ceiling
        if base_rule.floor <= f.monthly_gross <= base_rule.ceiling:
            assert f.contribution_base == f.monthly_gross
        for value in f.money():
            assert isinstance(value, Decimal) and value.as_tuple().exponent == -2
        assert f.grade in grade_numbers
        post = rules.pay.posts.get(f.post) if f.post else None
        if post is not None and post.min_grade is not None:
            assert f.grade >= post.min_grade
        if post is not None and post.max_grade is not None:
            assert f.grade <= post.max_grade


# --------------------------------------------------------------------------- the cost of a year


@st.composite
def year_cases(draw: st.DrawFn) -> tuple[Rules, Worker, int]:
    """Random rules with the local-policy keys (those of the stream tests) and one worker."""
    doc = draw(rule_documents())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        rules = load_rules(path)
    year = draw(st.sampled_from([2024, 2025, 2026, 2031]))
    points = rules.pay.points
    if draw(st.booleans()):
        hired, given = draw(st.dates(dt.date(1990, 1, 1), dt.date(year - 1, 12, 31))), None
    else:
        hired, given = None, draw(st.integers(0, 60))
    worker = Worker(
        "W",
        "s1",
        draw(st.sampled_from(sorted(points.education))),
        draw(st.sampled_from(sorted(points.title))),
        post=draw(st.one_of(st.none(), st.sampled_from(sorted(rules.pay.posts))))
        if rules.pay.posts
        else None,
        hired=hired,
        years_of_service=given,
        performance=draw(st.one_of(st.none(), st.sampled_from(sorted(points.performance)))),
        years_not_counted=draw(st.integers(0, 3)),
    )
    return rules, worker, year


@SETTINGS
@given(year_cases())
def test_the_months_of_a_year_add_up_to_its_annual_figures(case: tuple[Rules, Worker, int]) -> None:
    """Each month of `pay --year` is the run rate on that month's first day (under the
    rules then in force), and the year's figures are the sums of the months."""
    rules, worker, year = case
    costed = pay(rules, [worker], year=year).workers[0].figures
    grosses, contributions = [], []
    for month in range(1, 13):
        day = dt.date(year, month, 1)
        on_the_day = pay(rules, [worker], as_of=day).workers[0].figures
        grosses.append(on_the_day.monthly_gross)
        contributions.append(on_the_day.monthly_contributions)
        assert costed.months[month - 1].figures is not None
        assert costed.months[month - 1].figures.monthly_gross == on_the_day.monthly_gross
    december = pay(rules, [worker], as_of=dt.date(year, 12, 1)).workers[0].figures
    extra = rules.in_force(dt.date(year, 12, 1)).pay.months_per_year - 12
    assert costed.annual_salary == sum(grosses, Decimal(0)) + extra * december.monthly_gross
    assert costed.annual_contributions == sum(contributions, Decimal(0))
    assert costed.annual_bonus == december.annual_bonus
    assert costed.annual_cost == costed.annual_salary + costed.annual_bonus + (
        costed.annual_contributions
    )
    # with no change dated in the year and no anniversary in it, the year is the run rate
    if worker.years_of_service is not None and not rules.changes:
        assert (
            costed.annual_cost
            == pay(rules, [worker], as_of=dt.date(year, 1, 1)).totals["annual_cost"]
        )


@st.composite
def step_rules(draw: st.DrawFn) -> Rules:
    """The national default with steps and a basic wage that never falls with the step,
    and a seniority pay per year: more years can only mean more pay."""
    every = draw(st.integers(1, 4))
    first = draw(st.integers(0, 2))
    top = first + draw(st.integers(0, 10))
    wages = rising(
        draw(st.lists(st.integers(0, 400_000), min_size=top - first + 1, max_size=top - first + 1))
    )
    doc: dict[str, Any] = {
        "extends": "national",
        "pay": {
            "steps": {"every_years": every, "first": first, "max": top},
            "components": {
                "basic": {
                    "by": "step",
                    "amounts": {first + i: str(Decimal(w) / 100) for i, w in enumerate(wages)},
                },
                "seniority": {
                    "by": "post",
                    "per_year": draw(st.sampled_from(["0", "10", "50"])),
                    "max_years": draw(st.integers(0, 40)),
                },
            },
            "service": {"counted_from": draw(st.sampled_from(["2000-01-01", "2012-03-01"]))},
        },
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        return load_rules(path)


@SETTINGS
@given(step_rules(), st.integers(0, 50), st.integers(0, 20), st.data())
def test_more_years_never_lower_pay_where_amounts_rise_with_step(
    rules: Rules, years: int, more: int, data: st.DataObject
) -> None:
    points = rules.pay.points
    base = {
        "id": "W",
        "site": "s1",
        "education": data.draw(st.sampled_from(sorted(points.education))),
        "title": data.draw(st.sampled_from(sorted(points.title))),
        "post": data.draw(st.sampled_from(sorted(rules.pay.posts))),
    }
    fewer, longer = (
        pay(rules, [Worker(**base, years_of_service=years)]).workers[0].figures,
        pay(rules, [Worker(**base, years_of_service=years + more)]).workers[0].figures,
    )
    assert longer.step is not None and fewer.step is not None and longer.step >= fewer.step
    assert longer.monthly_gross >= fewer.monthly_gross
    assert longer.annual_cost >= fewer.annual_cost
    # and over a year, a worker hired earlier costs at least as much
    hired = data.draw(st.dates(dt.date(1995, 1, 1), dt.date(2025, 12, 31)))
    earlier = hired - dt.timedelta(days=365 * more)
    late = pay(rules, [Worker(**base, hired=hired)], year=2026).workers[0].figures
    early = pay(rules, [Worker(**base, hired=earlier)], year=2026).workers[0].figures
    assert early.annual_cost >= late.annual_cost
