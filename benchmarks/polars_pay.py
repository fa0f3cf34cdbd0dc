#!/usr/bin/env python3
"""The columnar peer: `swplan pay ROSTER.csv -f csv`, byte for byte, written with polars.

    python benchmarks/polars_pay.py RULES ROSTER OUT.csv [--as-of 2026-01-01]

What a competent analyst with polars would write to get swplan's exact CSV (all its
columns): the roster read as columns, the years of service worked out for the whole
column at once, each distinct profile (education, title, rating, post, years) priced
once, joined back, and each line written as the worker's own cells followed by the
profile's part. The few thousand distinct profiles are priced and formatted by
swplan's own functions (what an analyst would reproduce by hand for the same bytes);
every per-row step is polars. It checks nothing: the roster is taken to be valid.
Prints the time and the sum of `annual_cost`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import polars as pl

FORMULA_FIRST = "^[=+\\-@\t\r\n＝＋－＠]"
NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def text_cell(column: str) -> pl.Expr:
    """A text cell as swplan's CSV writes it: formula-like text quoted with `'`, then
    CSV quoting where a comma, a quote or a line break needs it."""
    value = pl.col(column).fill_null("").str.strip_chars()
    guarded = (
        pl.when(value.str.contains(FORMULA_FIRST) & ~value.str.contains(NUMBER))
        .then(pl.lit("'") + value)
        .otherwise(value)
    )
    return (
        pl.when(guarded.str.contains('[,"\r\n]'))
        .then(pl.lit('"') + guarded.str.replace_all('"', '""', literal=True) + pl.lit('"'))
        .otherwise(guarded)
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rules", type=Path)
    parser.add_argument("roster", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--as-of", default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()

    from swplan import load_rules
    from swplan.calc.costing import RosterCosting
    from swplan.report.pay_stream import PayStreamWriter

    rules = load_rules(args.rules)
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else rules.effective
    costing = RosterCosting(rules, as_of=as_of)

    df = pl.read_csv(args.roster, infer_schema=False)
    for column in ("post", "performance", "hired", "years_of_service", "name"):
        if column not in df.columns:
            df = df.with_columns(pl.lit(None, pl.String).alias(column))
    hired = pl.col("hired").str.to_date("%Y-%m-%d", strict=False)
    completed = (
        pl.lit(as_of.year)
        - hired.dt.year()
        - (
            (hired.dt.month() > as_of.month)
            | ((hired.dt.month() == as_of.month) & (hired.dt.day() > as_of.day))
        ).cast(pl.Int32)
    )
    df = df.with_columns(
        pl.when(pl.col("years_of_service").is_not_null())
        .then(pl.col("years_of_service").cast(pl.Int32))
        .otherwise(completed)
        .alias("years"),
        pl.col("post").fill_null(rules.pay.default_post or ""),
    )
    key = ["education", "title", "performance", "post", "years"]
    profiles = df.select(key).unique(maintain_order=True)
    writer = PayStreamWriter(costing, open("/dev/null", "w"), fmt="csv")  # noqa: SIM115
    tails, costs = [], []
    for education, title, rating, post, years in profiles.iter_rows():
        costing.keys.append((education, title, rating or None, post or None, years))
        costing._money.append(None)
        no = len(costing.keys) - 1
        tails.append(writer.tail(no))
        costs.append(str(costing.money(no)[-1]))
    profiles = profiles.with_columns(
        pl.Series("tail", tails), pl.Series("cost", costs).str.to_decimal(scale=2)
    )
    df = df.join(profiles, on=key, how="left", maintain_order="left", nulls_equal=True)
    lines = df.select(
        pl.concat_str(
            [
                pl.col("id"),
                text_cell("name"),
                text_cell("site"),
                pl.col("tail"),
            ],
            separator=",",
        ).alias("line")
    )
    with args.out.open("w", encoding="utf-8", newline="") as out:
        out.write(writer.header_line())
        lines.write_csv(out, include_header=False, quote_style="never")
    total = df["cost"].sum()
    print(f"{time.perf_counter() - started:.2f} s; total annual_cost: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
