"""Posts per site (docs/algorithms.md): pure functions over sites, workers and rules.

All arithmetic is on integers: with `L` the least common multiple of the ratios, a
remainder `rem / r` is `rem * (L // r) / L`, so the residual workload and its ceiling
are exact without fractions in the loop; the FTE workload is returned as the exact
fraction it is (the reports round it for display).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from operator import add
from typing import Any

from ..bulk import building
from ..model import Site, Worker
from ..money import ZERO
from ..rules import Rules


@dataclass(slots=True)
class SitePosts:
    id: str
    name: str | None
    kind: str | None
    required: int
    dedicated: dict[str, int]
    mixed: int
    primary: str | None
    covers: list[str]
    workload_fte: Fraction  # all clients as workers, exact
    minimum_applied: bool
    # with a roster
    current: int | None = None
    certified: int | None = None
    gap: int | None = None
    certified_ok: bool | None = None
    minimum_certified: int = 0


@dataclass(slots=True)
class StaffTotals:
    required: int = 0
    current: int | None = None
    gap: int | None = None
    shortage: int | None = None
    surplus: int | None = None
    certified: int | None = None


@dataclass(slots=True)
class StaffResult:
    sites: list[SitePosts]
    totals: StaffTotals
    # UnknownSite, or the populations' own words (a site kind the rules do not list)
    warnings: list[UnknownSite | str] = field(default_factory=list)
    with_roster: bool = False

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per site (see `swplan.calc.rows`)."""
        from .rows import rows

        return rows(self.sites)


class _Ratios:
    """Per-rules constants: category order, ratio and scale factor `L // r`."""

    def __init__(self, rules: Rules) -> None:
        self.order = {c: i for i, c in enumerate(rules.categories)}
        self.ratio = {c: rules.ratio(c) for c in rules.categories}
        self.lcm = math.lcm(*self.ratio.values())
        self.scale = {c: self.lcm // r for c, r in self.ratio.items()}
        self.table = [(c, self.order[c], self.ratio[c], self.scale[c]) for c in self.order]
        self.minimum_posts = rules.staffing.minimum_posts
        self.minimum_certified = rules.staffing.minimum_certified
        # by kind (no kind: none); a kind the rules do not name: none
        self.minimums: dict[str | None, int] = {k: n for k, n in self.minimum_posts.items() if k}
        self.certified: dict[str | None, int] = {
            k: n for k, n in self.minimum_certified.items() if k
        }
        self.fte: dict[int, Fraction] = {}  # workload times L -> the workload

    def minimum(self, kind: str | None) -> int:
        """The fewest posts a site of this kind has (`staffing.minimum_posts`)."""
        return self.minimums.get(kind, 0)


def _category_posts(n: int, ratio: int, scale: int) -> tuple[int, int]:
    """n clients of a category at 1:ratio: its dedicated posts, and the clients left
    over as residual workload times L (`rem / ratio` is `rem * scale / L`)."""
    dedicated, rem = divmod(n, ratio)
    return dedicated, rem * scale


def _mixed_posts(residual: int, lcm: int) -> int:
    """The mixed posts of a residual workload (times L): its ceiling."""
    return -(-residual // lcm)


def site_posts(site: Site, k: _Ratios) -> SitePosts:
    """The posts of one site (docs/algorithms.md), the one rule: each category with clients has
    floor(n / r) dedicated posts; the residual workload sum((n mod r) / r) is covered by
    ceil(W) mixed posts; required is their sum, never below the kind's minimum.

    Built 600,000 times a national run: each distinct workload's fraction made once."""
    dedicated: dict[str, int] = {}
    weights: list[tuple[int, int, str]] = []
    residual = 0  # the residual workload W, times L
    workload = 0  # the FTE workload, times L
    posts = 0
    clients = site.clients
    for category, order, r, scale in k.table:  # rules order
        n = clients.get(category)
        if not n or n <= 0:
            continue
        d, weight = _category_posts(n, r, scale)
        dedicated[category] = d
        posts += d
        workload += n * scale
        if weight:
            residual += weight
            weights.append((-weight, order, category))
    if len(weights) > 1:
        weights.sort()
    covers = [c for _, _, c in weights]
    mixed = _mixed_posts(residual, k.lcm)
    required = posts + mixed
    kind = site.kind
    minimum = k.minimum(kind)
    fte = k.fte.get(workload)
    if fte is None:
        fte = k.fte[workload] = Fraction(workload, k.lcm)
    return SitePosts(  # positional: built 600,000 times for a national run
        site.id,
        site.name,
        kind,
        required if required >= minimum else minimum,
        dedicated,
        mixed,
        covers[0] if covers else None,
        covers,
        fte,
        required < minimum,
        None,
        None,
        None,
        None,
        k.certified.get(kind, 0),
    )


@dataclass(slots=True)
class RosterCounts:
    """Workers per site, certified workers per site, and a few ids per site for messages.

    For `budget --by site` also each site's cost (`costs`, not None once asked for by
    `with_costs`) and the site of each worker named in advance (`site_of`: the workers
    the exam passes name, whose awards go to their site). These stay per site or per
    named worker however long the roster is.
    """

    current: Counter[str] = field(default_factory=Counter)
    certified: Counter[str] = field(default_factory=Counter)
    sample_ids: dict[str, list[str]] = field(default_factory=dict)
    costs: dict[str, Decimal] | None = None
    site_of: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # a site's name -> its id
    # come from another process: each site's first ids joined by "\n", split when asked
    joined: dict[str, str] = field(default_factory=dict, repr=False)

    SAMPLE = 5

    def add(self, worker_id: str, site: str, certified: bool) -> None:
        # called once per worker of a national roster: no allocation on the common path
        current = self.current
        current[site] = current.get(site, 0) + 1
        if certified:
            counts = self.certified
            counts[site] = counts.get(site, 0) + 1
        ids = self.sample_ids.get(site)
        if ids is None:
            self.sample_ids[site] = [worker_id]
        elif len(ids) < self.SAMPLE:
            ids.append(worker_id)

    def samples(self, site: str) -> list[str]:
        """The first few ids (`SAMPLE`) of the workers at `site`, in roster order."""
        ids = self.sample_ids.get(site)
        if ids is not None:
            return ids
        joined = self.joined.get(site)
        return joined.split("\n") if joined else []

    def __getstate__(self) -> tuple[Any, ...]:
        # sent between processes for a national roster (600,000 sites): the sites once,
        # the counts as arrays, every site's first ids in one string (ids and sites hold
        # no control characters); each site's ids are split only when asked for; each
        # site's cost as its decimal text, in one string (a Decimal pickles as a call)
        sites = list(self.current)
        same = {site: site for site in sites}  # pickled once, then referred to
        certified = [same.get(site, site) for site in self.certified]
        if not self.joined and list(self.sample_ids) == sites:  # as `add` made them
            samples = "\x1e".join(map("\n".join, self.sample_ids.values()))
        else:
            samples = "\x1e".join("\n".join(self.samples(site)) for site in sites)
        return (
            sites,
            array("q", self.current.values()),
            certified,
            array("q", self.certified.values()),
            samples,
            None if self.costs is None else [same.get(site, site) for site in self.costs],
            None if self.costs is None else " ".join(map(str, self.costs.values())),
            self.site_of,
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        sites, current, certified, held, samples, costed, costs, self.site_of = state
        self.costs = None
        if costed is not None:
            amounts = map(Decimal, costs.split(" ")) if costed else ()
            self.costs = dict(zip(costed, amounts, strict=True))
        self.renamed = {}
        self.current = Counter(dict(zip(sites, current, strict=True)))
        self.certified = Counter(dict(zip(certified, held, strict=True)))
        self.sample_ids = {}
        self.joined = dict(zip(sites, samples.split("\x1e"), strict=True)) if sites else {}

    def costed(self, costs: RosterCounts) -> RosterCounts:
        """These counts with the sites' costs and named workers' sites of `costs` (the
        rest of a roster's counts, made after these were sent ahead)."""
        self.costs, self.site_of = costs.costs, costs.site_of
        return self

    def with_costs(self, named: Collection[str] = ()) -> RosterCounts:
        """Ask for each site's cost and for the sites of the workers in `named`."""
        self.costs = {}
        self.site_of = dict.fromkeys(named, "")  # "": not (yet) found on the roster
        return self

    def add_cost(self, worker_id: str, site: str, cost: Decimal) -> None:
        """A worker's cost goes to their site (with `with_costs`)."""
        costs = self.costs
        assert costs is not None
        costs[site] = costs.get(site, ZERO) + cost
        if worker_id in self.site_of and not self.site_of[worker_id]:
            self.site_of[worker_id] = site

    def rename_site(self, old: str, new: str) -> None:
        """Count the workers at `old` (a site's name on the roster) at `new` (its id)."""
        self.current[new] = self.current.get(new, 0) + self.current.pop(old)
        if old in self.certified:
            self.certified[new] = self.certified.get(new, 0) + self.certified.pop(old)
        named = self.samples(old)
        self.sample_ids.pop(old, None)
        self.joined.pop(old, None)
        self.sample_ids[new] = (self.samples(new) + named)[: self.SAMPLE]
        if self.costs is not None and old in self.costs:
            self.costs[new] = self.costs.get(new, ZERO) + self.costs.pop(old)
        self.renamed[old] = new

    def site_of_worker(self, worker_id: str) -> str:
        """The site (its id, where the roster gave its name) of a worker in `named`."""
        site = self.site_of[worker_id]
        return self.renamed.get(site, site)

    @classmethod
    def of(cls, workers: Iterable[Worker], rules: Rules) -> RosterCounts:
        """Counts of `workers`; certified are those holding one of `rules.certified_titles`."""
        counts = cls()
        certified = rules.certified_titles
        for w in workers:
            counts.add(w.id, w.site, w.title in certified)
        return counts


@dataclass(slots=True)
class UnknownSite:
    """A warning: `count` workers of the roster are at `site`, which the populations do
    not list (allowed with `--allow-unknown-sites`); they are not counted. `ids` are the
    first few of them (`RosterCounts.SAMPLE`)."""

    site: str
    count: int
    ids: list[str]


@dataclass
class RosterSummary:
    """What staff and budget need of a roster, however big: cost, headcount, per-site counts."""

    staff_cost: Decimal
    headcount: int
    counts: RosterCounts
    workers: list[Worker]  # streamed: only those award conditions must judge
    ids: Collection[str] | None  # streamed: which of the wanted ids are on the roster
    notes: list[str] = field(default_factory=list)  # what the reader skipped (see io.notes)
    # streamed: the ids asked about that are roster ids spelt another way -> those ids
    respelt: dict[str, list[str]] = field(default_factory=dict)
    # the staff cost by economic classification (`calc.items`): salary, bonus, each
    # contribution item; empty when not costed over a year
    items: dict[str, Decimal] = field(default_factory=dict)


def staff(
    rules: Rules,
    sites: Sequence[Site],
    workers: Iterable[Worker] | RosterCounts | None = None,
) -> StaffResult:
    """Required posts for every site and, with a roster, the gap to current staff.

    `workers` may be the roster itself or its `RosterCounts` (what a streamed
    national roster provides).
    """
    result = required_posts(rules, sites)
    if workers is not None:
        add_roster(
            result,
            workers if isinstance(workers, RosterCounts) else RosterCounts.of(workers, rules),
        )
    return result


def required_posts(rules: Rules, sites: Sequence[Site]) -> StaffResult:
    """Required posts for every site, without a roster."""
    k = _Ratios(rules)
    with building():  # a SitePosts per site, none referring to another
        result = StaffResult([site_posts(s, k) for s in sites], StaffTotals())
    result.totals.required = sum(s.required for s in result.sites)
    return result


def posts_required(rules: Rules) -> Callable[[str | None, Mapping[str, int]], int]:
    """`site_posts(...).required` alone: a site's kind and clients -> its required posts."""
    k = _Ratios(rules)

    def required(kind: str | None, clients: Mapping[str, int]) -> int:
        return site_posts(Site("", None, kind, dict(clients)), k).required

    return required


def posts_required_columns(
    rules: Rules, kinds: Sequence[str | None], clients: Mapping[str, Sequence[int]]
) -> list[int]:
    """`site_posts(...).required` of many sites at once: `kinds` one per site, `clients`
    each category's clients as a column (one number per site, 0 for none).

    The rule of `site_posts`, a column at a time (a plan works out 600,000 sites every
    year): each distinct number of clients of a category is split into dedicated posts
    and residual workload once, each distinct residual workload covered once.
    """
    k = _Ratios(rules)
    lcm = k.lcm
    # per site: the dedicated posts x `big` + the residual workload times L (< big)
    big = len(k.table) * lcm + 1
    total = [0] * len(kinds)
    for category, _, r, scale in k.table:
        column = clients.get(category)
        if column is None:
            continue
        part = {}
        for n in set(column):
            d, weight = _category_posts(n, r, scale) if n > 0 else (0, 0)
            part[n] = d * big + weight
        total = list(map(add, total, map(part.__getitem__, column)))
    split = [divmod(t, big) for t in total]
    mixed = {w: _mixed_posts(w, lcm) for w in {w for _, w in split}}
    least = {kind: k.minimum(kind) for kind in set(kinds)}
    return [max(d + mixed[w], least[kind]) for (d, w), kind in zip(split, kinds, strict=True)]


def add_roster(result: StaffResult, counts: RosterCounts) -> None:
    """Fill in current staff, certified workers and gaps from the roster's counts."""
    totals = result.totals
    result.with_roster = True
    known = {s.id for s in result.sites}
    for site, n in counts.current.items():
        if site not in known:
            result.warnings.append(UnknownSite(site, n, counts.samples(site)))
    # 600,000 sites a national run: the sums kept in locals, each count read once
    staff = held = gaps = shortage = surplus = 0
    current, certified = counts.current.get, counts.certified.get
    for s in result.sites:
        s.current = n = current(s.id, 0)
        s.certified = c = certified(s.id, 0)
        s.gap = gap = s.required - n
        s.certified_ok = c >= s.minimum_certified
        staff += n
        held += c
        gaps += gap
        if gap > 0:
            shortage += gap
        else:
            surplus -= gap
    totals.current, totals.certified, totals.gap = staff, held, gaps
    totals.shortage, totals.surplus = shortage, surplus
