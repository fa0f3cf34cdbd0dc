"""`swplan.plan(...)`: a plan from a script, as `swplan plan` makes it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model import ExamPass, LedgerRow, Site, Worker
from ..rules import Rules
from .plan import PlanResult, Target, parse_target
from .plan import plan as compute


def plan(  # noqa: PLR0913 - the public API: swplan.plan(...) keeps its signature
    rules: Rules,
    sites: Sequence[Site],
    workers: Sequence[Worker],
    passes: Sequence[ExamPass] = (),
    ledger: Sequence[LedgerRow] = (),
    *,
    scenarios: Mapping[str, Rules] | None = None,
    from_year: int | None = None,
    years: int | None = None,
    targets: Iterable[str | Target] = (),
) -> PlanResult:
    """The plan of `rules` (one scenario, `baseline`), or of each of `scenarios` (name ->
    rules, in order), from `from_year` (default: the year the rules take effect) for
    `years` years (default: `plan.years`); `targets` as `--target` takes them
    (`"shortage<=0@2028"`, `"per_10k>=18@2030:baseline"`).

        result = swplan.plan(rules, sites, workers, targets=["shortage<=0@2028"])
        result.ok, result.rows()

    Sites and workers as `load_populations(...).sites` and `load_roster(...)` give them.
    A target that cannot be read, names a year outside the plan or an unknown scenario
    raises `TargetError`; a worker at a site not open in the first year, `PlanInputError`
    (both `ValueError`s).
    """
    named = list((scenarios or {"baseline": rules}).items())
    goals = [parse_target(t) if isinstance(t, str) else t for t in targets]
    return compute(
        named,
        sites,
        workers,
        passes=passes,
        ledger=ledger,
        start=from_year,
        horizon=years,
        targets=goals,
        rules=rules,
    )
