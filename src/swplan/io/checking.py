"""`swplan check`: tell a file's kind from its content and validate it."""

from __future__ import annotations

import os

from ..errors import InputError, Problem
from ..rules import Rules
from .loading import file_format, load_yaml, read_table
from .records import load_ledger, load_passes, load_populations, load_roster
from .rules_file import load_rules, rules_from_document

RULES_KEYS = {"extends", "staffing", "pay", "awards"}


def kind_of(path: str | os.PathLike[str]) -> str:
    """`roster`, `populations`, `passes`, `ledger` or `rules` (SPEC §2.5)."""
    name = str(path)
    if file_format(path) == "yaml":
        data = load_yaml(path).data
        keys = set(data) if isinstance(data, dict) else set()
        if "workers" in keys:
            return "roster"
        if "sites" in keys:
            return "populations"
        if "passes" in keys:
            return "passes"
        if "scenarios" in keys:
            return "scenarios"
        if keys & RULES_KEYS:
            return "rules"
        what = "is empty" if data is None else "cannot tell what kind of swplan file this is"
        raise InputError(
            [
                Problem(
                    name,
                    "1",
                    "",
                    f"{what}; a roster has 'workers:', populations "
                    "'sites:', passes 'passes:', plan scenarios 'scenarios:', rules 'pay:' or "
                    "'extends:'",
                )
            ]
        )
    table, _ = read_table(path)
    columns = set(table.columns)
    if {"amount", "paid_on"} & columns:
        return "ledger"
    if "passed_on" in columns:
        return "passes"
    if {"education", "title", "hired", "years_of_service"} & columns:
        return "roster"
    if "id" in columns:
        return "populations"
    raise InputError(
        [
            Problem(
                name,
                table.cell(table.header_row, 0),
                "",
                "cannot tell what kind of swplan table this is from its header; "
                "a roster has id, site, education, title; populations id, name, kind",
            )
        ]
    )


def check_file(path: str | os.PathLike[str], rules: Rules | None) -> str:
    """Validate one file; return a short summary, or raise `InputError`."""
    kind = kind_of(path)
    if kind == "rules":
        loaded = rules_from_document(load_yaml(path))
        return f"rules {loaded.name!r}, {len(loaded.categories)} categories, {len(loaded.pay.grades or [])} grades"
    if rules is None:
        rules = load_rules()
    if kind == "roster":
        return f"roster, {len(load_roster(path, rules))} workers"
    if kind == "populations":
        return f"populations, {len(load_populations(path, rules).sites)} sites"
    if kind == "passes":
        return f"passes, {len(load_passes(path, rules))} passes"
    if kind == "scenarios":
        from .scenarios import scenarios_from

        named = scenarios_from(load_yaml(path), rules)
        return f"scenarios, {len(named)}: {', '.join(name for name, _ in named)}"
    from .ledger import append_order

    rows = len(load_ledger(path, rules))
    try:
        order = ", ".join(append_order(path))
    except InputError as exc:
        return f"ledger, {rows} rows; --record refuses it: {exc.problems[0].message}"
    return f"ledger, {rows} rows; --record appends in its column order: {order}"


__all__ = ["check_file", "kind_of", "load_rules"]
