"""The scenarios file of `swplan plan`: named overrides merged into the rules.

    scenarios:
      standard: {}
      ratio_1_15: {staffing: {clients_per_worker: 15}}
      pay_rise_5: {plan: {pay_rise: 0.05}}

Each scenario's overrides are merged into the rules as `extends` merges (a mapping key
by key, anything else replaces) and the result is validated as a whole; a problem
inside an override is reported at its line in the scenarios file.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..rules import Rules, RulesInconsistent, merge
from ..values import IDENT_RE
from .loading import Document, load_yaml
from .rules_file import load_rules, pydantic_problems

BASELINE = "baseline"


def _inside(overrides: Any, path: tuple[Any, ...]) -> bool:
    node = overrides
    for part in path:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and part < len(node)
        ):
            node = node[part]
        else:
            return False
    return True


class _Shifted(Document):
    """A view of the scenarios document in which a rules key path is found under one scenario."""

    def __init__(self, doc: Document, name: str, overrides: Any) -> None:
        super().__init__(doc.file, doc.data, doc.positions, doc.key_positions)
        self.name = name
        self.overrides = overrides

    def problem(self, path: Any, message: str, *, key: bool = False) -> Problem:
        path = tuple(path)
        prefix = ("scenarios", self.name)
        if _inside(self.overrides, path):
            return super().problem((*prefix, *path), message, key=key)
        # the merged rules are wrong at a key the scenario did not write: point at the
        # scenario, name the key
        shown = ".".join(str(p) for p in path)
        return Problem(
            self.file,
            self.where(prefix, key=True),
            ".".join(prefix),
            f"with this scenario the rules are wrong at {shown}: {message}",
        )


def load_scenarios(
    path: str | os.PathLike[str] | None,
    rules_path: str | os.PathLike[str] | None,
    *,
    same_horizon: bool = True,
) -> list[tuple[str, Rules]]:
    """(name, rules) of every scenario in file order; without a file, one `baseline`.

    `same_horizon`: a scenario may not change `plan.years` (the horizon is shared),
    unless the caller sets the horizon itself (`--years`).
    """
    base = load_rules(rules_path)
    if path is None:
        return [(BASELINE, base)]
    return scenarios_from(load_yaml(path), base, same_horizon=same_horizon)


def scenarios_from(
    doc: Document, base: Rules, *, same_horizon: bool = True
) -> list[tuple[str, Rules]]:
    """Each scenario of the scenarios document `doc`, merged into the rules `base`."""
    data = doc.data
    if not isinstance(data, dict) or "scenarios" not in data:
        raise InputError(
            [
                doc.problem(
                    (),
                    "a scenarios file is a mapping 'scenarios: {name: {overrides}}'; "
                    "e.g. scenarios: {baseline: {}, ratio_1_15: {staffing: {clients_per_worker: 15}}}",
                )
            ]
        )
    problems = [
        doc.problem((key,), f"unknown key {key!r}; allowed: scenarios", key=True)
        for key in data
        if key != "scenarios"
    ]
    entries = data["scenarios"]
    if not isinstance(entries, dict) or not entries:
        problems.append(
            doc.problem(("scenarios",), "must be a mapping of at least one name: {overrides}")
        )
        raise InputError(problems)
    rules_data = base.model_dump(mode="json", exclude_none=True)
    out: list[tuple[str, Rules]] = []
    for name, overrides in entries.items():
        where = ("scenarios", name)
        if not isinstance(name, str) or not IDENT_RE.match(name):
            problems.append(
                doc.problem(
                    where,
                    f"{name!r} is not a valid name; use letters, digits, '_' and '-'",
                    key=True,
                )
            )
            continue
        if overrides is None:
            overrides = {}
        if not isinstance(overrides, dict):
            problems.append(
                doc.problem(
                    where,
                    "must be a mapping of rules keys to override ({} for the rules as they are)",
                )
            )
            continue
        if "extends" in overrides:
            problems.append(
                doc.problem(
                    (*where, "extends"),
                    "a scenario starts from the rules given with --rules; leave extends out",
                    key=True,
                )
            )
            continue
        shifted = _Shifted(doc, name, overrides)
        try:
            rules = Rules.model_validate(merge(rules_data, overrides))
        except RulesInconsistent as exc:
            problems += [shifted.problem(p, m) for p, m in exc.problems]
            continue
        except ValidationError as exc:
            problems += pydantic_problems(shifted, exc, Rules)
            continue
        if same_horizon and rules.plan.years != base.plan.years:
            problems.append(
                shifted.problem(
                    ("plan", "years"),
                    "the horizon is the same for every scenario; set plan.years in the "
                    "rules or use --years",
                )
            )
            continue
        out.append((name, rules))
    if problems:
        raise InputError(problems)
    return out
