"""Who pays the budget: each site's lines split among the funding sources, to the fen.

Each *site's* line is split by its shares (`funding.shares`, or `by_site_kind` for
the site's kind): every part rounded half-up to the fen, and the difference to the
line given to the largest share (the first in `funding.sources` on a tie), so a
site's parts add up to its line exactly::

    100.01 at {city: 0.5, district: 0.5}:  50.005 -> 50.01, 50.01 = 100.02;
    -0.01 to the largest share, city (first of the tie): city 50.00, district 50.01

A district line's parts, and the total's, are the sums of the sites' parts. The
awards of a scheme with a funder go to that funder whole; the awards of a scheme
without one are split by the `awards` shares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO, round_fen
from ..rules import LINES, Funding

BySource = dict[str, Decimal]  # source -> amount, over every source in the rules' order


def split(amount: Decimal, shares: Mapping[str, Decimal], sources: Sequence[str]) -> BySource:
    """`amount` split by `shares` (summing to 1), to the fen, adding up to it exactly:
    each part half-up, the difference to the largest share (first of `sources` on a
    tie). Every source of `sources` is in the result, 0.00 when it has no share."""
    parts = {source: round_fen(amount * share) for source, share in shares.items()}
    difference = amount - sum(parts.values(), ZERO)
    if difference:
        order = {source: i for i, source in enumerate(sources)}
        largest = max(shares, key=lambda s: (shares[s], -order.get(s, len(order))))
        parts[largest] += difference
    return {source: parts.get(source, ZERO) for source in sources}


def add(into: BySource, more: Mapping[str, Decimal]) -> None:
    for source, amount in more.items():
        into[source] = into.get(source, ZERO) + amount


@dataclass(frozen=True, slots=True)
class SiteLines:
    """One site's budget lines, and the part of its awards each scheme's funder pays
    directly (`funded`; the rest of `awards` is split by the shares)."""

    kind: str | None
    lines: Mapping[str, Decimal]  # line -> amount
    funded: Mapping[str, Decimal]  # funder -> awards of schemes with that funder


@dataclass(slots=True)
class SiteFunding:
    """Who pays one site's lines: line -> {source: amount}, and the site's total."""

    lines: dict[str, BySource]
    total: BySource


@dataclass(slots=True)
class FundingResult:
    sources: list[str]  # in the rules' order
    lines: dict[str, BySource]  # each budget line, summed over the sites
    total: BySource
    sites: list[SiteFunding]  # in the order of the sites given


def site_funding(funding: Funding, site: SiteLines) -> SiteFunding:
    """One site's lines split among the sources (`split`)."""
    sources = list(funding.sources)
    lines: dict[str, BySource] = {}
    total = dict.fromkeys(sources, ZERO)
    for line in LINES:
        amount = site.lines.get(line, ZERO)
        if line == "awards":
            direct = sum(site.funded.values(), ZERO)
            parts = split(amount - direct, funding.line_shares(line, site.kind), sources)
            add(parts, site.funded)
        else:
            parts = split(amount, funding.line_shares(line, site.kind), sources)
        lines[line] = parts
        add(total, parts)
    return SiteFunding(lines, total)


def fund(funding: Funding, sites: Iterable[SiteLines]) -> FundingResult:
    """Every site's lines split among the sources; the district's lines and total are
    the sums of the sites' parts."""
    sources = list(funding.sources)
    lines = {line: dict.fromkeys(sources, ZERO) for line in LINES}
    total = dict.fromkeys(sources, ZERO)
    out = []
    for site in sites:
        found = site_funding(funding, site)
        for line, parts in found.lines.items():
            add(lines[line], parts)
        add(total, found.total)
        out.append(found)
    return FundingResult(sources, lines, total, out)
