"""The JSON keys of docs/json.md are a public contract: pinned here, command by command.

A change that fails this test breaks every pipeline reading swplan's JSON; it needs
a new schema version (`swplan.<command>/2`), not an edit here.
"""

from __future__ import annotations

import re

from conftest import ROOT, V1_RULES, swplan

SMALL = ROOT / "examples" / "small"
MONEY = re.compile(r"^-?\d+\.\d{2}$")


def test_staff_keys() -> None:
    plain = swplan("staff", SMALL / "populations.yaml", "--format", "json").json()
    assert {"schema", "as_of", "rules", "sites", "totals", "warnings"} <= set(plain)
    assert plain["schema"] == "swplan.staff/1"
    site_keys = {
        "id",
        "name",
        "kind",
        "required",
        "dedicated",
        "mixed",
        "primary",
        "covers",
        "workload_fte",
        "minimum_applied",
    }
    assert set(plain["sites"][0]) == site_keys
    assert set(plain["totals"]) == {"required"}
    roster = swplan(
        "staff", SMALL / "populations.yaml", "--roster", SMALL / "roster.yaml", "--format", "json"
    ).json()
    assert set(roster["sites"][0]) == site_keys | {"current", "certified", "gap", "certified_ok"}
    assert set(roster["totals"]) == {
        "required",
        "current",
        "gap",
        "shortage",
        "surplus",
        "certified",
    }
    site = roster["sites"][0]
    assert isinstance(site["required"], int) and isinstance(site["workload_fte"], str)


def test_pay_keys() -> None:
    data = swplan("pay", "--rules", V1_RULES, SMALL / "roster.yaml", "--format", "json").json()
    assert data["schema"] == "swplan.pay/1"
    assert {"as_of", "rules", "workers", "totals"} <= set(data)
    money = [
        "monthly_base",
        "monthly_allowance",
        "monthly_gross",
        "monthly_contributions",
        "annual_salary",
        "annual_bonus",
        "annual_contributions",
        "annual_cost",
    ]
    worker = data["workers"][0]
    assert list(worker) == [
        "id",
        "name",
        "site",
        "post",
        "years",
        "points",
        "grade",
        "step",
        *money,
        "components",
        "breakdown",
    ]
    assert worker["step"] is None  # the rules have no steps
    assert worker["components"] == {"grade": worker["monthly_base"]}
    assert all(MONEY.match(worker[k]) for k in money)
    assert isinstance(worker["points"], str) and isinstance(worker["years"], int)
    assert set(data["totals"]) == {*money, "workers"}
    assert all(MONEY.match(data["totals"][k]) for k in money)


def test_awards_keys() -> None:
    data = swplan(
        "awards",
        SMALL / "roster.yaml",
        "--passes",
        SMALL / "passes.yaml",
        "--ledger",
        SMALL / "ledger.csv",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ).json()
    assert data["schema"] == "swplan.awards/1"
    assert {"as_of", "rules", "awards", "totals", "warnings"} <= set(data)
    keys = {"worker_id", "exam", "passed_on", "scheme", "status", "amount", "reason", "capped"}
    assert all(set(a) == keys for a in data["awards"])
    # a reason for every status but due; capped is a boolean
    assert all((a["reason"] is None) == (a["status"] == "due") for a in data["awards"])
    assert all(a["capped"] is False for a in data["awards"])
    assert {a["status"] for a in data["awards"]} == {"due", "already_paid", "duplicate", "expired"}
    assert set(data["totals"]) == {"due", "count_due"}
    assert MONEY.match(data["totals"]["due"]) and isinstance(data["totals"]["count_due"], int)


def test_budget_keys() -> None:
    data = swplan(
        "budget",
        SMALL / "populations.yaml",
        SMALL / "roster.yaml",
        "--cap",
        "1",
        "--format",
        "json",
    ).json()
    assert data["schema"] == "swplan.budget/2"  # costed month by month
    assert {"as_of", "rules", "lines", "total", "personnel_share", "headcount", "cap_ok"} <= set(
        data
    )
    assert all(set(line) == {"item", "amount"} for line in data["lines"])
    assert MONEY.match(data["total"])
    assert re.fullmatch(r"\d\.\d{4}", data["personnel_share"])
    assert set(data["headcount"]) == {"current", "shortage", "planned"}
    assert data["cap_ok"] is False
