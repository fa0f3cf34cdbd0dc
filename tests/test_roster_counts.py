"""A roster's counts per site survive the trip from the process that read the roster.

A national roster is read in a second process and its counts (600,000 sites) are
pickled back; they are packed for the trip (sites once, counts as arrays, first ids
in one string). What arrives must count the same, in the same order, and name the
same first workers, also once a site named on the roster is renamed to its id.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from swplan.calc.staffing import RosterCounts

SITES = st.sampled_from(["jinjiang", "金江社区", "JJ 01", "3501-02", "s"])
WORKERS = st.lists(st.tuples(SITES, st.booleans()), max_size=40)


COSTS = st.sampled_from(["0.00", "66376.80", "1E+2", "0.005", "123456789012.34"]).map(Decimal)


def _counted(workers: list[tuple[str, bool]], costs: list[Decimal] | None = None) -> RosterCounts:
    """The counts of the workers; with `costs`, each worker's cost too (the i-th
    worker costs `costs[i % len(costs)]`), and the sites of W000 and W999 asked for."""
    counts = RosterCounts()
    if costs:
        counts.with_costs(["W000", "W999"])
    for i, (site, certified) in enumerate(workers):
        counts.add(f"W{i:03d}", site, certified)
        if costs:
            counts.add_cost(f"W{i:03d}", site, costs[i % len(costs)])
    return counts


def _seen(counts: RosterCounts) -> tuple[object, ...]:
    sites = list(counts.current)
    costs = counts.costs
    return (
        list(counts.current.items()),
        list(counts.certified.items()),
        [counts.samples(site) for site in sites],
        None if costs is None else [(site, str(cost)) for site, cost in costs.items()],
        counts.site_of,
    )


def test_counts_by_hand_come_back_whole() -> None:
    counts = _counted([("a", True), ("b", False), *[("a", False)] * 6, ("b", True)])
    counts.with_costs(["W001"])
    counts.add_cost("W001", "b", Decimal("66376.80"))
    back = pickle.loads(pickle.dumps(counts))
    # a: W000 (certified) and W002..W007; b: W001 and W008 (certified)
    assert list(back.current.items()) == [("a", 7), ("b", 2)]
    assert list(back.certified.items()) == [("a", 1), ("b", 1)]
    assert back.samples("a") == ["W000", "W002", "W003", "W004", "W005"]  # the first 5
    assert back.samples("b") == ["W001", "W008"]
    assert back.samples("nowhere") == []
    assert back.costs == {"b": Decimal("66376.80")}
    assert back.site_of == {"W001": "b"}


@settings(max_examples=60, deadline=None)
@given(WORKERS, st.lists(st.tuples(SITES, SITES), max_size=3), st.lists(COSTS, max_size=3))
def test_counts_come_back_as_they_left(workers, renames, costs) -> None:
    here = _counted(workers, costs)
    there = pickle.loads(pickle.dumps(here))
    assert _seen(there) == _seen(here)
    again = pickle.loads(pickle.dumps(there))  # sent on again, as it arrived
    assert _seen(again) == _seen(here)
    for old, new in renames:  # a site the roster names, counted at its id
        if old == new or old not in here.current:
            continue
        here.rename_site(old, new)
        there.rename_site(old, new)
        assert _seen(there) == _seen(here)
