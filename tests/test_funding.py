"""Who pays the budget (`funding`) and the budget by economic classification (`items`).

The split rule: each site's line × each share, half-up to the fen; the difference to
the line goes to the largest share, the first source listed on a tie. Every expected
figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import budget, load_rules
from swplan.calc.budget import site_budgets
from swplan.calc.funding import split
from swplan.model import ExamPass, Site, Worker

SMALL = EXAMPLES / "small"
D = Decimal


def shares(**parts: str) -> dict[str, Decimal]:
    return {k: D(v) for k, v in parts.items()}


# --------------------------------------------------------------------------- the split rule


def test_a_line_that_does_not_divide_evenly() -> None:
    # 0.10 x 0.3333 = 0.03333 -> 0.03, twice; 0.10 x 0.3334 = 0.03334 -> 0.03;
    # 0.03 + 0.03 + 0.03 = 0.09: the missing 0.01 goes to the largest share, c
    got = split(D("0.10"), shares(a="0.3333", b="0.3333", c="0.3334"), ["a", "b", "c"])
    assert got == {"a": D("0.03"), "b": D("0.03"), "c": D("0.04")}


def test_three_sources_with_a_tie_give_the_fen_to_the_first_listed() -> None:
    # 10.01 x 0.35 = 3.5035 -> 3.50, twice; 10.01 x 0.30 = 3.003 -> 3.00; 10.00 in all:
    # the missing 0.01 goes to the largest share, a tie of city and district: city
    got = split(
        D("10.01"),
        shares(city="0.35", district="0.35", street="0.30"),
        ["city", "district", "street"],
    )
    assert got == {"city": D("3.51"), "district": D("3.50"), "street": D("3.00")}


def test_a_fen_too_many_is_taken_from_the_first_listed_of_a_tie() -> None:
    # 100.01 x 0.5 = 50.005 -> 50.01, twice: 100.02, one fen too many; the tie is
    # broken by the order of funding.sources, not of the shares: district first
    got = split(D("100.01"), shares(city="0.5", district="0.5"), ["district", "city"])
    assert got == {"district": D("50.00"), "city": D("50.01")}


def test_every_source_is_listed_with_0_00_for_none() -> None:
    got = split(D("99.99"), shares(city="1"), ["province", "city", "district"])
    assert got == {"province": D("0.00"), "city": D("99.99"), "district": D("0.00")}


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10**9).map(lambda fen: D(fen) / 100),
    st.lists(st.integers(0, 100), min_size=1, max_size=5).filter(lambda w: sum(w) > 0),
)
def test_the_parts_add_up_exactly_and_stay_within_a_few_fen(amount: Decimal, weights: list) -> None:
    # shares of 1/10000 that add up to exactly 1 (the last takes the remainder)
    total = sum(weights)
    parts = [D(w * 10000 // total) / 10000 for w in weights]
    parts[-1] += 1 - sum(parts)
    names = [f"s{i}" for i in range(len(parts))]
    got = split(amount, dict(zip(names, parts, strict=True)), names)
    assert sum(got.values()) == amount
    # the rounding difference goes to the largest share (the first on a tie): every other
    # part is its own half-up, never below 0
    largest = max(names, key=lambda n: (parts[names.index(n)], -names.index(n)))
    for name, share in zip(names, parts, strict=True):
        assert got[name] >= 0 or name == largest
        assert abs(got[name] - amount * share) <= D("0.005") * len(parts) + D("0.005")


def test_a_tiny_line_can_leave_the_largest_share_below_zero() -> None:
    # as the rule is written: 0.02 in four equal shares is 0.005 each, half-up 0.01
    # each (0.04 in all); the difference, -0.02, goes to the first of the tied largest
    names = ["city", "district", "street", "province"]
    got = split(D("0.02"), dict.fromkeys(names, D("0.25")), names)
    assert got == {
        "city": D("-0.01"),
        "district": D("0.01"),
        "street": D("0.01"),
        "province": D("0.01"),
    }


# --------------------------------------------------------------------------- the budget


def _rules(tmp: Path, funding: dict[str, Any], extends: str = "national-v1") -> Path:
    path = tmp / "rules.yaml"
    data = {"extends": extends, "name": "t", "funding": funding}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


THIRDS = {
    "sources": {
        "city": {"label": {"zh": "市财政"}},
        "district": {"label": {"zh": "区财政"}},
        "street": {"label": {"zh": "街道"}},
    },
    "shares": {
        "default": {"city": "0.3333", "district": "0.3333", "street": "0.3334"},
        "awards": {"city": 1},
    },
    "by_site_kind": {"township_station": {"district": "0.6", "street": "0.4"}},
}


def _budget(rules: Path, *more: str) -> dict[str, Any]:
    out = swplan(
        "budget",
        SMALL / "populations.yaml",
        SMALL / "roster.yaml",
        "--passes",
        SMALL / "passes.yaml",
        "--ledger",
        SMALL / "ledger.csv",
        "--rules",
        rules,
        "--year",
        "2026",
        "--by",
        "site",
        "-f",
        "json",
        *more,
    )
    assert out.code == 0, out.err
    return out.json()


def test_each_site_is_split_by_its_shares_and_the_district_is_their_sum(tmp_path: Path) -> None:
    data = _budget(_rules(tmp_path, THIRDS))
    sites = {s["id"]: s for s in data["sites"]}
    # jinjiang (urban_community) staff 249701.20 (83000.40 + 100324.00 + 66376.80):
    #   x 0.3333 = 83225.40996 -> 83225.41, twice; x 0.3334 = 83250.38008 -> 83250.38;
    #   83225.41 + 83225.41 + 83250.38 = 249701.20: nothing to move
    assert sites["jinjiang"]["current_staff"] == "249701.20"
    assert sites["jinjiang"]["by_funder"]["current_staff"] == {
        "city": "83225.41",
        "district": "83225.41",
        "street": "83250.38",
    }
    # hongqi staff 86922.00: x 0.3333 = 28971.1026 -> 28971.10, twice; x 0.3334 =
    #   28979.7948 -> 28979.79; sum 86921.99, 0.01 short: street 28979.80
    assert sites["hongqi"]["by_funder"]["current_staff"] == {
        "city": "28971.10",
        "district": "28971.10",
        "street": "28979.80",
    }
    # baisha is a township_station: district 0.6, street 0.4 of every line;
    #   staff 162020.40 x 0.6 = 97212.24, x 0.4 = 64808.16; its awards 1000.00 (W005's
    #   counsellor award, a scheme without a funder) 600.00 and 400.00, not the city's
    assert sites["baisha"]["by_funder"]["current_staff"] == {
        "city": "0.00",
        "district": "97212.24",
        "street": "64808.16",
    }
    assert sites["baisha"]["by_funder"]["awards"] == {
        "city": "0.00",
        "district": "600.00",
        "street": "400.00",
    }
    # the district's staff line: the sites' parts summed, not 498643.60 split again
    #   city 83225.41 + 28971.10 + 0 = 112196.51; district 83225.41 + 28971.10 + 97212.24
    #   = 209408.75; street 83250.38 + 28979.80 + 64808.16 = 177038.34
    assert data["lines"][0]["by_funder"] == {
        "city": "112196.51",
        "district": "209408.75",
        "street": "177038.34",
    }
    assert sum(D(v) for v in data["lines"][0]["by_funder"].values()) == D("498643.60")
    total = {k: sum(D(line["by_funder"][k]) for line in data["lines"]) for k in ("city",)}
    assert D(data["by_funder"]["city"]) == total["city"]
    assert sum(D(v) for v in data["by_funder"].values()) == D(data["total"])


def test_a_scheme_with_a_funder_is_paid_by_it(tmp_path: Path) -> None:
    funding = dict(THIRDS)
    funding["sources"] = {**THIRDS["sources"], "province": {"label": {"zh": "省财政"}}}
    path = tmp_path / "rules.yaml"
    data = {
        "extends": "national-v1",
        "name": "t",
        "funding": funding,
        "awards": {
            "schemes": {
                "province": {
                    "funder": "province",
                    "exams": {"psychological_counselor": 1000},
                    "claim_window_days": 365,
                },
                "default": {  # the ledger's rows (no scheme column) are this scheme's
                    "exams": {"assistant_social_worker": 1000, "social_worker": 2000},
                    "ladder": ["assistant_social_worker", "social_worker"],
                    "claim_window_days": 365,
                },
            }
        },
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = _budget(path)
    sites = {s["id"]: s for s in out["sites"]}
    # baisha's awards: W005's counsellor 1000.00 is the province's scheme: all the
    # province's, not the township's 0.6 / 0.4
    assert sites["baisha"]["by_funder"]["awards"] == {
        "city": "0.00",
        "district": "0.00",
        "street": "0.00",
        "province": "1000.00",
    }
    # the default scheme has no funder: its awards (2000.00 at jinjiang, W001's top-up
    # and W003's assistant award; 2000.00 at hongqi, W004's two) are the awards
    # shares', city 1
    assert out["lines"][2]["by_funder"] == {
        "city": "4000.00",
        "district": "0.00",
        "street": "0.00",
        "province": "1000.00",
    }


def test_the_funding_table_and_sheets(tmp_path: Path) -> None:
    rules = _rules(tmp_path, THIRDS)
    args = ["budget", SMALL / "populations.yaml", SMALL / "roster.yaml", "--rules", rules]
    zh = swplan(*args, "--year", "2026", "--lang", "zh")
    assert zh.code == 0, zh.err
    assert "资金来源" in zh.out and "市财政" in zh.out and "街道" in zh.out
    book_path = tmp_path / "budget.xlsx"
    assert swplan(*args, "--year", "2026", "--lang", "zh", "-o", book_path).code == 0
    import openpyxl

    book = openpyxl.load_workbook(book_path)
    assert "资金来源" in book.sheetnames and "经济分类" in book.sheetnames
    csv_zh = swplan(*args, "--year", "2026", "--lang", "zh", "-f", "csv")
    assert "资金来源.市财政" in csv_zh.out.splitlines()[0]


def test_without_funding_there_is_no_by_funder_and_the_numbers_stay() -> None:
    out = swplan(
        "budget", SMALL / "populations.yaml", SMALL / "roster.yaml", "--year", "2026", "-f", "json"
    )
    data = out.json()
    assert "by_funder" not in data and all("by_funder" not in line for line in data["lines"])
    # the version-2 figures of the national rules, without passes: 704274.00 - 5000 + 2000
    assert data["total"] == "705444.60"


@pytest.mark.parametrize(
    ("funding", "path", "text"),
    [
        (
            {"sources": ["city"], "shares": {"default": {"city": "0.9"}}},
            "funding.shares.default",
            "the shares add up to 0.9; a line's shares must add up to exactly 1",
        ),
        (
            {"sources": ["city"], "shares": {"default": {"cty": 1}}},
            "funding.shares.default.cty",
            "names no funding source; 'cty' is not one of: city (did you mean 'city'?)",
        ),
        (
            {"sources": ["city"], "shares": {"awards": {"city": 1}}},
            "funding.shares",
            "no shares for current_staff, new_hires, training",
        ),
        (
            {"sources": ["city"], "shares": {"staff": {"city": 1}, "default": {"city": 1}}},
            "funding.shares.staff",
            "is not a budget line",
        ),
        (
            {
                "sources": ["city"],
                "shares": {"default": {"city": 1}},
                "by_site_kind": {"agncy": {"city": 1}},
            },
            "funding.by_site_kind.agncy",
            "(did you mean 'agency'?)",
        ),
    ],
)
def test_funding_rules_are_checked(tmp_path: Path, funding: dict, path: str, text: str) -> None:
    from swplan import InputError

    with pytest.raises(InputError) as caught:
        load_rules(_rules(tmp_path, funding, extends="national"))
    found = {p.path: str(p.message) for p in caught.value.problems}
    assert path in found, found
    assert text in found[path]


# --------------------------------------------------------------------------- items


def test_items_by_economic_classification_by_hand() -> None:
    out = swplan(
        "budget",
        SMALL / "populations.yaml",
        SMALL / "roster.yaml",
        "--passes",
        SMALL / "passes.yaml",
        "--ledger",
        SMALL / "ledger.csv",
        "--year",
        "2026",
        "-f",
        "json",
    )
    items = {i["item"]: i["amount"] for i in out.json()["items"]}
    # the three new hires under the national rules: gross 4000.00 a month, 12 months,
    # no bonus; pension 640.00, medical 320.00, unemployment 20.00, work injury 8.00,
    # housing fund 280.00 a month: x 12 x 3 = 23040.00, 11520.00, 720.00, 288.00, 10080.00
    # salary: the roster's 377400.00 (see pay) + 3 x 48000.00 = 521400.00
    assert items["salary"] == "521400.00"
    assert items["awards"] == "5000.00" and items["training"] == "4500.00"
    assert list(items)[2:7] == ["pension", "medical", "unemployment", "work_injury", "housing_fund"]
    assert sum(D(v) for v in items.values()) == D(out.json()["total"])  # 708444.60


def test_items_follow_a_contribution_base_change_in_july(tmp_path: Path) -> None:
    """Contributions are what each month costs under that month's rules."""
    path = tmp_path / "rules.yaml"
    path.write_text(
        "extends: national-v1\nname: t\n"
        "changes:\n  - from: 2026-07-01\n    set: {pay: {contributions: {rates: {pension: 0.14}}}}\n",
        encoding="utf-8",
    )
    roster = tmp_path / "roster.csv"
    roster.write_text("id,site,education,title,years_of_service\nW1,s1,bachelor,none,0\n")
    pops = tmp_path / "populations.yaml"
    pops.write_text("sites:\n  - {id: s1, kind: agency, clients: {elderly: 20}}\n")
    out = swplan("budget", pops, roster, "--rules", path, "--year", "2026", "-f", "json")
    assert out.code == 0, out.err
    items = {i["item"]: D(i["amount"]) for i in out.json()["items"]}
    # one worker, grade 1 (bachelor 2 points): gross 4200.00; pension 16 % for January
    # to June (672.00 x 6 = 4032.00) and 14 % from July (588.00 x 6 = 3528.00): 7560.00
    assert items["pension"] == D("7560.00")
    assert items["salary"] == D("50400.00")  # 4200.00 x 12
    assert sum(items.values()) == D(out.json()["total"])


# --------------------------------------------------------------------------- property


KINDS = ["urban_community", "agency", "township_station"]


@st.composite
def funded_budgets(draw: Any) -> tuple[Any, ...]:
    n_sources = draw(st.integers(1, 4))
    sources = [f"src{i}" for i in range(n_sources)]

    def share_set() -> dict[str, str]:
        weights = draw(st.lists(st.integers(0, 50), min_size=n_sources, max_size=n_sources))
        if not sum(weights):
            weights[0] = 1
        parts = [D(w * 10000 // sum(weights)) / 10000 for w in weights]
        parts[-1] += 1 - sum(parts)
        return {s: str(p) for s, p in zip(sources, parts, strict=True) if p}

    funding: dict[str, Any] = {
        "sources": sources,
        "shares": {"default": share_set()},
    }
    for line in draw(
        st.sets(st.sampled_from(["current_staff", "new_hires", "awards", "training"]))
    ):
        funding["shares"][line] = share_set()
    if draw(st.booleans()):
        funding["by_site_kind"] = {draw(st.sampled_from(KINDS)): share_set()}
    funder = draw(st.sampled_from([None, *sources]))
    schemes = {
        "a": {"exams": {"assistant_social_worker": draw(st.integers(0, 3000))}},
        "b": {
            "exams": {"assistant_social_worker": draw(st.integers(0, 3000)), "social_worker": 777}
        },
    }
    if funder is not None:
        schemes["a"]["funder"] = funder
    n_sites = draw(st.integers(1, 4))
    sites = [
        Site(f"s{i}", None, draw(st.sampled_from(KINDS)), {"elderly": draw(st.integers(0, 70))})
        for i in range(n_sites)
    ]
    workers = [
        Worker(
            f"W{i}",
            f"s{draw(st.integers(0, n_sites - 1))}",
            draw(st.sampled_from(["bachelor", "associate", "master"])),
            draw(st.sampled_from(["none", "assistant_social_worker", "social_worker"])),
            years_of_service=draw(st.integers(0, 30)),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    passes = [
        ExamPass(
            w.id,
            draw(st.sampled_from(["assistant_social_worker", "social_worker"])),
            dt.date(2025, draw(st.integers(1, 12)), 1),
        )
        for w in workers
        if draw(st.booleans())
    ]
    rules = {
        "extends": "national",
        "name": "p",
        "funding": funding,
        "budget": {"training_per_worker": str(draw(st.integers(0, 99999)) / D(100))},
        "awards": {"schemes": schemes},
    }
    return rules, sites, workers, passes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(funded_budgets())
def test_funder_parts_and_items_add_up_exactly(case: tuple[Any, ...]) -> None:
    data, sites, workers, passes = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        rules = load_rules(path)
    result = budget(rules, sites, workers, passes, year=2026)
    funding = result.funding
    assert funding is not None
    # every site: each line's parts add up to it, and the site's total's to its total
    by_site = site_budgets(rules, result, workers)
    for site, found in zip(by_site, funding.sites, strict=True):
        for line, amount in site.lines().items():
            assert sum(found.lines[line].values()) == amount
            assert all(v >= 0 for v in found.lines[line].values())
        assert sum(found.total.values()) == site.total
    # every line of the budget, and the total
    for line in result.lines:
        parts = funding.lines[line.item]
        assert sum(parts.values()) == line.amount
        assert set(parts) == set(data["funding"]["sources"])
        for source in parts:
            assert parts[source] == sum(f.lines[line.item][source] for f in funding.sites)
    assert sum(funding.total.values()) == result.total
    # a funded scheme's awards are all its funder's
    funder = data["awards"]["schemes"]["a"].get("funder")
    if funder is not None:
        funded = sum((a.amount for a in result.awards.due_awards if a.scheme == "a"), D("0.00"))
        assert funding.lines["awards"][funder] >= funded
    # the items add up to the total
    assert sum(i.amount for i in result.items) == result.total
    staff = result.lines[0].amount + result.lines[1].amount
    assert sum(i.amount for i in result.items[:-2]) == staff
