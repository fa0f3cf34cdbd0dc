"""Each site's figures of a plan year (`--by site`): its clients, posts and workers,
and its share of the money, which sums to the year's to the fen.

A site's staff cost is the cost of its workers' pay facts (each priced once for the
year), its awards those paid to its workers (a planned pass's award to the site the
worker passed at), its training the training of its workers.
"""

from __future__ import annotations

from decimal import Decimal

from .plan_cost import PayFacts
from .plan_sites import Shared
from .plan_targets import SitePlanYear
from .plan_workforce import Year

ZERO = Decimal(0)


def site_figures(
    y: Year, shared: Shared, units: dict[PayFacts, Decimal], k: int, training_per_worker: Decimal
) -> list[SitePlanYear]:
    """The figures of every site counted in the year, or with anything to show (a site
    of the roster only, a closed site's awards), in site order."""
    assert y.sites is not None
    sites = y.sites
    table = y.table
    unit_of: dict[int, Decimal] = {}  # facts number -> the cost of one worker holding it
    known_slots = set(shared.known_slots)
    counted = {shared.slot[s.id] for s in shared.sites if s.counts_in(y.year)}
    out = []
    for slot, site_id in enumerate(shared.slot):
        workers = sites.workers[slot]
        awards = sites.awards[slot]
        if slot not in counted and not workers and not awards and not sites.leavers[slot]:
            continue
        staff = ZERO
        for no, n in sites.facts[slot].items():
            unit = unit_of.get(no)
            if unit is None:
                e, t, r, p, h, given, not_counted, _ = table[no]
                pay = (e, t, r, p, h, None if given is None else given + k, not_counted)
                unit = unit_of[no] = units[pay]
            staff += unit * n
        training = training_per_worker * workers
        required = sites.required[slot] if slot < len(sites.required) else 0
        out.append(
            SitePlanYear(
                site=site_id,
                year=y.year,
                clients=sites.clients[slot] if slot < len(sites.clients) else 0,
                required=required,
                workers_start=sites.starts[slot],
                hires=sites.hires[slot],
                workers=workers,
                leavers=sites.leavers[slot],
                shortage=max(0, required - workers),
                staff_cost=staff,
                awards=awards,
                training=training,
                total=staff + awards + training,
                known=slot in known_slots,
            )
        )
    return out
