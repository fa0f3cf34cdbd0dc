"""Who pays the budget: funding sources and each budget line's shares of them.

::

    funding:
      sources: {city: {label: {zh: 市财政}}, district: {label: {zh: 区财政}}}
      shares:
        default: {city: 0.5, district: 0.5}     # every line without shares of its own
        awards: {city: 1}
      by_site_kind:
        agency: {district: 1}                   # every line of an agency's budget

A line's shares sum to exactly 1. How a site's line is split to the fen is
`swplan.calc.funding`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from ..messages import msg
from .base import Ident, Strict, Word
from .parts import Share
from .problems import Found, KeyPath, not_one_of

if TYPE_CHECKING:
    from .model import Rules

LINES = ("current_staff", "new_hires", "awards", "training")  # the budget's lines
DEFAULT = "default"  # the shares of a line that has none of its own

Shares = dict[Ident, Share]


class Source(Word):
    """A funding source (市财政, 区财政, 街道): its label and aliases."""


class Funding(Strict):
    sources: dict[Ident, Source] = Field(min_length=1)
    shares: dict[Ident, Shares] = Field(min_length=1)  # a line (or `default`) -> its shares
    by_site_kind: dict[Ident, Shares] = {}  # a site kind -> the shares of all its lines

    @field_validator("sources", mode="before")
    @classmethod
    def _bare_sources(cls, value: Any) -> Any:
        """`sources: {city: null}` (or a list of names): a source with no label."""
        if isinstance(value, list):
            return {name: {} for name in value}
        if isinstance(value, dict):
            return {name: {} if source is None else source for name, source in value.items()}
        return value

    def line_shares(self, line: str, kind: str | None = None) -> Shares:
        """The shares of a budget line of a site of `kind`."""
        if kind is not None and kind in self.by_site_kind:
            return self.by_site_kind[kind]
        own = self.shares.get(line)
        return own if own is not None else self.shares[DEFAULT]


def _shares_problems(where: KeyPath, shares: Shares, sources: dict[str, Source]) -> Found:
    found: Found = [
        ((*where, source), msg("funding.not_a_source", problem=not_one_of(source, sources)))
        for source in shares
        if source not in sources
    ]
    total = sum(shares.values(), Decimal(0))
    if total != 1:
        found.append((where, msg("funding.shares_sum", total=f"{total.normalize():f}")))
    return found


def funding_shares(rules: Rules) -> Found:
    """Shares name budget lines and sources, each line has shares, each set sums to 1."""
    funding: Funding | None = getattr(rules, "funding", None)
    if funding is None:
        return []
    found: Found = []
    lines = [*LINES, DEFAULT]
    for line, shares in funding.shares.items():
        where: KeyPath = ("funding", "shares", line)
        if line not in lines:
            found.append((where, msg("funding.not_a_line", problem=not_one_of(line, lines))))
        found += _shares_problems(where, shares, funding.sources)
    missing = [line for line in LINES if line not in funding.shares]
    if missing and DEFAULT not in funding.shares:
        found.append(
            (("funding", "shares"), msg("funding.line_without_shares", lines=", ".join(missing)))
        )
    kinds = rules.site_kinds
    for kind, shares in funding.by_site_kind.items():
        where = ("funding", "by_site_kind", kind)
        if kinds and kind not in kinds:
            found.append((where, msg("funding.not_a_kind", problem=not_one_of(kind, kinds))))
        found += _shares_problems(where, shares, funding.sources)
    return found


FUNDING_CHECKS = [funding_shares]
