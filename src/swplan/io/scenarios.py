"""The scenarios file of `swplan plan`: named overrides merged into the rules.

    scenarios:
      standard: {}
      ratio_1_15: {staffing: {clients_per_worker: 15}}
      pay_rise_5: {plan: {pay_rise: 0.05}}
      tight:
        label: {zh: 紧缩方案, en: Tight}
        targets: ['shortage<=0@2028']
        plan: {max_hires_per_year: 10}

Each scenario's overrides are merged into the rules as `extends` merges (a mapping key
by key, anything else replaces) and the result is validated as a whole; a problem
inside an override is reported at its line in the scenarios file. A scenario may also
give its `label` and its own `targets` (checked in that scenario only); the targets
are read by the command, each at its line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..messages import Text, msg
from ..model import Origin
from ..rules import Rules, RulesInconsistent, rules_as_data
from ..rules.problems import ours
from ..values import IDENT_RE
from .rules_file import Located, load_rules, merge, pydantic_problems
from .yamldoc import Document, Path_, format_path, load_yaml

BASELINE = "baseline"
OWN_KEYS = ("label", "targets")  # a scenario's keys that are not rules


@dataclass(frozen=True, slots=True)
class Scenario:
    """A scenario of the file: its name, its rules, its label and its own targets (each
    as written, with where it is written)."""

    name: str
    rules: Rules
    label: dict[str, str] = field(default_factory=dict)
    targets: list[tuple[str, Origin]] = field(default_factory=list)


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


class _Shifted(Located):
    """A view of the scenarios document in which a rules key path is found under one scenario."""

    def __init__(self, doc: Document, name: str, overrides: Any) -> None:
        super().__init__(doc)
        self.name = name
        self.overrides = overrides

    def problem(self, path: Path_, message: Text, *, key: bool = False) -> Problem:
        path = tuple(path)
        prefix = ("scenarios", self.name)
        if _inside(self.overrides, path):
            return super().problem((*prefix, *path), message, key=key)
        # the merged rules are wrong at a key the scenario did not write: point at the
        # scenario, name the key
        shown = ".".join(str(p) for p in path)
        return Problem(
            self.doc.file,
            self.doc.where(prefix, key=True),
            ".".join(prefix),
            msg("scenarios.wrong_at", key=shown, problem=ours(message)),
        )


def load_scenarios(
    path: str | os.PathLike[str] | None,
    rules_path: str | os.PathLike[str] | None,
    *,
    same_horizon: bool = True,
) -> tuple[Rules, list[Scenario]]:
    """The rules, and every scenario in file order; without a file, one `baseline`.

    `same_horizon`: a scenario may not change `plan.years` (the horizon is shared),
    unless the caller sets the horizon itself (`--years`).
    """
    base = load_rules(rules_path)
    if path is None:
        return base, [Scenario(BASELINE, base)]
    return base, scenario_entries(load_yaml(path), base, same_horizon=same_horizon)


def scenarios_from(
    doc: Document, base: Rules, *, same_horizon: bool = True
) -> list[tuple[str, Rules]]:
    """(name, rules) of each scenario of the scenarios document `doc`."""
    return [(s.name, s.rules) for s in scenario_entries(doc, base, same_horizon=same_horizon)]


def scenario_entries(doc: Document, base: Rules, *, same_horizon: bool = True) -> list[Scenario]:
    """Each scenario of the scenarios document `doc`, merged into the rules `base`."""
    at = Located(doc)
    data = doc.data
    if not isinstance(data, dict) or "scenarios" not in data:
        raise InputError([at.problem((), msg("scenarios.file_not_a_mapping"))])
    problems = [
        at.problem((key,), msg("scenarios.unknown_key", key=key), key=True)
        for key in data
        if key != "scenarios"
    ]
    entries = data["scenarios"]
    if not isinstance(entries, dict) or not entries:
        problems.append(at.problem(("scenarios",), msg("scenarios.none")))
        raise InputError(problems)
    # the rules as a file would give them: the labels and aliases of the long forms
    # (本科, 助理社工师, 优秀) kept, so a scenario reads the roster as the rules do
    rules_data = rules_as_data(base)
    out: list[Scenario] = []
    for name, written in entries.items():
        wrong = _not_overrides(at, name, written)
        if wrong is not None:
            problems.append(wrong)
            continue
        overrides = {k: v for k, v in (written or {}).items() if k not in OWN_KEYS}
        own, own_problems = _own_keys(doc, name, written or {})
        problems += own_problems
        shifted = _Shifted(doc, name, overrides)
        try:
            rules = Rules.model_validate(merge(rules_data, overrides))
            rules.with_own_site_kinds(base.own_site_kinds or "site_kinds" in overrides)
        except RulesInconsistent as exc:
            problems += [shifted.problem(p, m) for p, m in exc.found]
            continue
        except ValidationError as exc:
            problems += pydantic_problems(shifted, exc, Rules)
            continue
        if same_horizon and rules.plan.years != base.plan.years:
            problems.append(shifted.problem(("plan", "years"), msg("scenarios.same_horizon")))
            continue
        out.append(Scenario(name, rules, *own))
    if problems:
        raise InputError(problems)
    return out


def _own_keys(
    doc: Document, name: str, written: dict[str, Any]
) -> tuple[tuple[dict[str, str], list[tuple[str, Origin]]], list[Problem]]:
    """A scenario's `label: {zh, en}` and `targets: [...]` (each target as written, and
    where), and what is wrong with them."""
    at = Located(doc)
    where = ("scenarios", name)
    problems: list[Problem] = []
    label: dict[str, str] = {}
    given = written.get("label")
    if given is not None:
        if not isinstance(given, dict):
            problems.append(at.problem((*where, "label"), msg("plan.label_mapping")))
        else:
            for lang, text in given.items():
                if lang not in ("zh", "en") or not isinstance(text, str) or not text.strip():
                    key = lang not in ("zh", "en")
                    problems.append(
                        at.problem((*where, "label", lang), msg("plan.label_mapping"), key=key)
                    )
                else:
                    label[lang] = text.strip()
    targets: list[tuple[str, Origin]] = []
    listed = written.get("targets")
    if listed is not None:
        if not isinstance(listed, list):
            problems.append(at.problem((*where, "targets"), msg("plan.targets_list")))
        else:
            for i, text in enumerate(listed):
                path = (*where, "targets", i)
                if not isinstance(text, str):
                    problems.append(at.problem(path, msg("plan.targets_list")))
                    continue
                targets.append((text, Origin(doc.file, doc.where(path), format_path(path))))
    return (label, targets), problems


def _not_overrides(at: Located, name: Any, overrides: Any) -> Problem | None:
    """What makes a scenario no scenario: a bad name, no mapping, or its own `extends`."""
    where = ("scenarios", name)
    if not isinstance(name, str) or not IDENT_RE.match(name):
        return at.problem(where, msg("scenarios.bad_name", name=name), key=True)
    if overrides is not None and not isinstance(overrides, dict):
        return at.problem(where, msg("scenarios.not_overrides"))
    if overrides is not None and "extends" in overrides:
        return at.problem((*where, "extends"), msg("scenarios.extends"), key=True)
    return None
