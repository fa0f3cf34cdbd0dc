#!/usr/bin/env python3
"""The honest peer: swplan's pay (docs/algorithms.md) for a CSV roster, written the way a competent
analyst would write it with pandas (vectorised, no per-row Python loops).

    python benchmarks/pandas_pay.py RULES ROSTER OUT.csv [--as-of 2026-01-01]

RULES is a full rules file (no ``extends``); the as-of date defaults to the
rules' ``effective`` date.  All arithmetic is exact integer arithmetic:
points in units of 1/10**k (k = the most decimals any point value has), money
in fen, and every rate / bonus-month factor as an exact integer ratio, with
round-half-up at the points docs/algorithms.md names.  Prints ``total annual_cost: X``.
It checks only what it must to avoid silently wrong numbers (unknown words,
a worker with neither or both of hired / years_of_service, hired after the
as-of date); it is not a validator.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from decimal import Decimal

import numpy as np
import pandas as pd
import yaml


def dec(v) -> Decimal:
    return Decimal(str(v))


def places(values) -> int:
    """Decimal places needed to hold every value in `values` exactly."""
    return max([0] + [max(0, -dec(v).normalize().as_tuple().exponent) for v in values])


def scaled(v, scale: int) -> int:
    x = dec(v) * scale
    if x != x.to_integral_value():
        raise ValueError(f"{v} is not exact at scale {scale}")
    return int(x)


def fail(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def lookup(df: pd.DataFrame, col: str, mapping: dict, scale: int) -> np.ndarray:
    """Map a word column to scaled integers; unknown words are an error."""
    table = {k: scaled(v, scale) for k, v in mapping.items()}
    out = df[col].map(table)
    bad = out.isna()
    if bad.any():
        words = sorted(set(df.loc[bad, col].astype(str)))[:5]
        fail(f"{col}: unknown value(s) {words}; allowed: {', '.join(mapping)}")
    return out.to_numpy(dtype=np.int64)


def round_half_up_mul(amount_fen: np.ndarray, factor) -> np.ndarray:
    """round(amount * factor) half-up, exactly, for non-negative amounts and factors."""
    k = places([factor])
    den = 10**k
    num = scaled(factor, den)
    return (amount_fen * num + den // 2) // den


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="swplan's pay with pandas (benchmark peer).")
    ap.add_argument("rules")
    ap.add_argument("roster")
    ap.add_argument("out")
    ap.add_argument("--as-of", dest="as_of")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()

    with open(a.rules, encoding="utf-8-sig") as f:
        rules = yaml.safe_load(f)
    pay = rules["pay"]
    as_of = dt.date.fromisoformat(a.as_of) if a.as_of else rules["effective"]
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)

    df = pd.read_csv(
        a.roster, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
    )
    for col in ("post", "hired", "years_of_service", "performance"):
        if col not in df.columns:
            df[col] = np.nan

    # ---- years of service -------------------------------------------------
    has_hired = df["hired"].notna().to_numpy()
    has_yos = df["years_of_service"].notna().to_numpy()
    if (has_hired == has_yos).any():
        fail("each worker needs exactly one of hired / years_of_service")
    hired = pd.to_datetime(df["hired"], format="%Y-%m-%d")
    hy = hired.dt.year.to_numpy(dtype="float64")
    hmd = (hired.dt.month * 100 + hired.dt.day).to_numpy(dtype="float64")
    asof_md = as_of.month * 100 + as_of.day
    completed = as_of.year - hy - (hmd > asof_md)
    if (completed[has_hired] < 0).any():
        fail(f"hired after the as-of date {as_of}")
    yos = pd.to_numeric(df["years_of_service"]).to_numpy(dtype="float64")
    years = np.where(has_hired, completed, yos).astype(np.int64)

    # ---- points, exact in units of 1/scale --------------------------------
    pts = pay["points"]
    posts = pay.get("posts") or {}
    ysr = pts["years_of_service"]
    all_points = (
        [
            *pts["education"].values(),
            *pts["title"].values(),
            *pts["performance"].values(),
            ysr["per_year"],
            ysr["max"],
        ]
        + [p.get("points", 0) for p in posts.values()]
        + [g["min_points"] for g in pay["grades"]]
    )
    scale = 10 ** places(all_points)

    perf = df["performance"].fillna(pay["default_performance"])
    df["performance"] = perf
    points = (
        lookup(df, "education", pts["education"], scale)
        + lookup(df, "title", pts["title"], scale)
        + lookup(df, "performance", pts["performance"], scale)
        + np.minimum(years * scaled(ysr["per_year"], scale), scaled(ysr["max"], scale))
    )
    if posts:
        df["post"] = df["post"].fillna(pay["default_post"])
        points = points + lookup(
            df, "post", {k: v.get("points", 0) for k, v in posts.items()}, scale
        )
    else:
        df["post"] = ""

    # ---- grade --------------------------------------------------------------
    grades = pay["grades"]
    min_pts = np.array([scaled(g["min_points"], scale) for g in grades], dtype=np.int64)
    gidx = np.clip(np.searchsorted(min_pts, points, side="right") - 1, 0, None)
    if posts:
        pos = {g["grade"]: i for i, g in enumerate(grades)}
        lo = df["post"].map({k: pos[v["min_grade"]] for k, v in posts.items() if "min_grade" in v})
        hi = df["post"].map({k: pos[v["max_grade"]] for k, v in posts.items() if "max_grade" in v})
        gidx = np.maximum(gidx, lo.fillna(0).to_numpy(dtype=np.int64))
        gidx = np.minimum(gidx, hi.fillna(len(grades) - 1).to_numpy(dtype=np.int64))
    grade_no = np.array([g["grade"] for g in grades])[gidx]

    # ---- money, in fen --------------------------------------------------------
    monthly_fen = np.array([scaled(g["monthly"], 100) for g in grades], dtype=np.int64)
    base = monthly_fen[gidx]
    allowance = np.zeros(len(df), dtype=np.int64)
    for col, table in (pay.get("allowances") or {}).items():
        allowance += (
            df[col]
            .map({k: scaled(v, 100) for k, v in table.items()})
            .fillna(0)
            .to_numpy(dtype=np.int64)
        )
    gross = base + allowance

    contrib = pay["contributions"]
    cbase = np.clip(
        gross, scaled(contrib["base"]["floor"], 100), scaled(contrib["base"]["ceiling"], 100)
    )
    monthly_contrib = np.zeros(len(df), dtype=np.int64)
    for rate in contrib["rates"].values():
        monthly_contrib += round_half_up_mul(cbase, rate)

    annual_salary = gross * int(pay["months_per_year"])
    annual_bonus = np.zeros(len(df), dtype=np.int64)
    for rating, months in (pay.get("performance_bonus_months") or {}).items():
        annual_bonus = np.where(
            perf.to_numpy() == rating, round_half_up_mul(base, months), annual_bonus
        )
    annual_contrib = monthly_contrib * 12
    annual_cost = annual_salary + annual_bonus + annual_contrib

    # ---- output -------------------------------------------------------------
    # points: shortest exact decimal string; only a handful of distinct values.
    uniq = np.unique(points)
    pstr = {int(p): format((Decimal(int(p)) / scale).normalize(), "f") for p in uniq}
    out = pd.DataFrame(
        {
            "id": df["id"],
            "name": df.get("name", ""),
            "site": df["site"],
            "post": df["post"],
            "years": years,
            "points": pd.Series(points).map(pstr),
            "grade": grade_no,
        }
    )
    money = {
        "monthly_base": base,
        "monthly_allowance": allowance,
        "monthly_gross": gross,
        "monthly_contributions": monthly_contrib,
        "annual_salary": annual_salary,
        "annual_bonus": annual_bonus,
        "annual_contributions": annual_contrib,
        "annual_cost": annual_cost,
    }
    # fen / 100 as float, printed with %.2f, is exact for |fen| < 2**53.
    for k, v in money.items():
        out[k] = v / 100
    out.to_csv(a.out, index=False, float_format="%.2f")

    total = int(annual_cost.sum())
    print(f"{len(df)} workers, {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    print(f"total annual_cost: {total // 100}.{total % 100:02d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
