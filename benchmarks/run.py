#!/usr/bin/env python3
"""Time swplan on national-size data against its peers, in one run.

    python benchmarks/run.py [--data DIR] [--repeat 3] [--workers 1500000] [--sites 600000]

Generates the data with benchmarks/generate.py when DIR lacks it, then runs each
task `--repeat` times, alternating (pay, the polars peer, the pandas peer, staff,
budget, budget by site, pay JSON, check, awards, county budget, --version, import
floor, pay, ...), so that a noisy neighbour hurts every task alike.
Reports the median wall time and the peak RSS of each task (for a run that forks
a helper process, the larger of the two, as wait4 reports it), every ratio a target
is stated in, and checks that swplan's CSV is the polars peer's byte for byte and
that swplan's and pandas' sums of `annual_cost` agree to the fen. Prints a Markdown
table; nothing is timed in tests. The polars peer needs polars installed beside
swplan (`pip install polars`).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FILES = ("rules.yaml", "roster.csv", "populations.csv", "passes.csv")


def swplan_command() -> list[str]:
    exe = shutil.which("swplan", path=os.path.dirname(sys.executable)) or shutil.which("swplan")
    return [exe] if exe else [sys.executable, "-m", "swplan"]


def measure(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process; fails loudly on error."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(argv)}\n{err}")
    return wall, usage.ru_maxrss * 1024


def column_sum(path: Path, column: str) -> tuple[Decimal, int]:
    total, rows = Decimal(0), 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            total += Decimal(row[column])
            rows += 1
    return total, rows


def write_plan_inputs(data: Path, out: Path) -> tuple[Path, Path]:
    """The national rules with plan assumptions, and three scenarios, for `swplan plan`."""
    rules = out / "plan-rules.yaml"
    rules.write_text(
        (data / "rules.yaml").read_text(encoding="utf-8") + "plan:\n"
        "  client_growth: {default: 0.02, elderly: 0.04}\n"
        "  attrition: 0.05\n"
        "  certification: {assistant_social_worker: 0.25, social_worker: 0.10}\n"
        "  base_rise: 0.03\n",
        encoding="utf-8",
    )
    scenarios = out / "plan-scenarios.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  standard: {}\n"
        "  ratio_1_15: {staffing: {clients_per_worker: 15}}\n"
        "  pay_rise_5: {plan: {pay_rise: 0.05}}\n",
        encoding="utf-8",
    )
    return rules, scenarios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/swplan-national"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--quick-repeat",
        type=int,
        default=7,
        help="runs of each start-up-sized task per round (they take ~0.2 s)",
    )
    parser.add_argument("--workers", type=int, default=1_500_000)
    parser.add_argument("--sites", type=int, default=600_000)
    parser.add_argument(
        "--plan",
        action="store_true",
        help="also time `swplan plan` (5 years, 3 scenarios) once per round, against pay",
    )
    args = parser.parse_args()

    data: Path = args.data
    if not all((data / f).exists() for f in FILES):
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(data),
                "--workers",
                str(args.workers),
                "--sites",
                str(args.sites),
            ],
            check=True,
        )
    out = data / "out"
    out.mkdir(exist_ok=True)
    sw = swplan_command()
    rules = str(data / "rules.yaml")
    county = ROOT / "examples" / "county"
    tasks: dict[str, list[str]] = {
        "swplan pay (CSV -> CSV)": [
            *sw,
            "pay",
            str(data / "roster.csv"),
            "--rules",
            rules,
            "--format",
            "csv",
            "--output",
            str(out / "pay.csv"),
        ],
        "polars peer (CSV -> the same CSV)": [
            sys.executable,
            str(HERE / "polars_pay.py"),
            rules,
            str(data / "roster.csv"),
            str(out / "polars.csv"),
        ],
        "pandas peer (CSV -> CSV)": [
            sys.executable,
            str(HERE / "pandas_pay.py"),
            rules,
            str(data / "roster.csv"),
            str(out / "pandas.csv"),
        ],
        "swplan staff (sites CSV + roster CSV)": [
            *sw,
            "staff",
            str(data / "populations.csv"),
            "--roster",
            str(data / "roster.csv"),
            "--rules",
            rules,
            "--format",
            "csv",
            "--output",
            str(out / "staff.csv"),
        ],
        "swplan budget (national)": [
            *sw,
            "budget",
            str(data / "populations.csv"),
            str(data / "roster.csv"),
            "--passes",
            str(data / "passes.csv"),
            "--rules",
            rules,
            "--format",
            "json",
            "--output",
            str(out / "budget.json"),
        ],
        "swplan budget --by site (national)": [
            *sw,
            "budget",
            str(data / "populations.csv"),
            str(data / "roster.csv"),
            "--passes",
            str(data / "passes.csv"),
            "--rules",
            rules,
            "--by",
            "site",
            "--format",
            "json",
            "--output",
            str(out / "budget-sites.json"),
        ],
        "swplan pay (CSV -> JSON)": [
            *sw,
            "pay",
            str(data / "roster.csv"),
            "--rules",
            rules,
            "--format",
            "json",
            "--output",
            str(out / "pay.json"),
        ],
        "swplan check (roster + populations + passes)": [
            *sw,
            "check",
            str(data / "roster.csv"),
            str(data / "populations.csv"),
            str(data / "passes.csv"),
            "--rules",
            rules,
        ],
        "swplan awards (national roster + passes)": [
            *sw,
            "awards",
            str(data / "roster.csv"),
            "--passes",
            str(data / "passes.csv"),
            "--rules",
            rules,
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
            "--output",
            str(out / "awards.json"),
        ],
        "swplan budget (county, YAML)": [
            *sw,
            "budget",
            str(county / "populations.yaml"),
            str(county / "roster.yaml"),
            "--passes",
            str(county / "passes.csv"),
            "--rules",
            str(county / "rules.yaml"),
            "--year",
            "2026",
            "--format",
            "json",
            "--output",
            str(out / "county.json"),
        ],
        "swplan --version": [*sw, "--version"],
        "import floor (typer, pydantic, rich.table, yaml)": [
            sys.executable,
            "-c",
            "import typer, pydantic, rich.table, yaml",
        ],
    }
    plan_task = PLAN
    if args.plan:
        plan_rules, scenarios = write_plan_inputs(data, out)
        tasks[plan_task] = [
            *sw,
            "plan",
            str(data / "populations.csv"),
            str(data / "roster.csv"),
            "--passes",
            str(data / "passes.csv"),
            "--rules",
            str(plan_rules),
            "--scenarios",
            str(scenarios),
            "--format",
            "csv",
            "--output",
            str(out / "plan.csv"),
        ]
    # every task costs the same day (or year) as the peers, the rules' effective date:
    # without the options, pay judges today and budget and plan cost the year after
    effective = rules_effective(rules)
    for name in (PAY, PAY_JSON, POLARS, PANDAS):
        tasks[name] += ["--as-of", effective]
    for name in (BUDGET, BUDGET_SITES):
        tasks[name] += ["--year", effective[:4]]
    if plan_task in tasks:
        tasks[plan_task] += ["--from", effective[:4]]
    times: dict[str, list[float]] = {name: [] for name in tasks}
    peaks: dict[str, int] = dict.fromkeys(tasks, 0)
    quick = {COUNTY, VERSION, FLOOR}  # short, so run more often
    for round_ in range(args.repeat):
        for name, argv in tasks.items():
            for _ in range(args.quick_repeat if name in quick else 1):
                wall, rss = measure(argv)
                times[name].append(wall)
                peaks[name] = max(peaks[name], rss)
            print(
                f"round {round_ + 1}: {name}: {wall:.2f} s, {rss / 2**20:.0f} MiB", file=sys.stderr
            )
    report(args, tasks, times, peaks, out)


PAY, POLARS, PANDAS = (
    "swplan pay (CSV -> CSV)",
    "polars peer (CSV -> the same CSV)",
    "pandas peer (CSV -> CSV)",
)
PAY_JSON = "swplan pay (CSV -> JSON)"
BUDGET, BUDGET_SITES = "swplan budget (national)", "swplan budget --by site (national)"


def rules_effective(rules: str) -> str:
    """The `effective:` date of a generated rules file (`YYYY-MM-DD`)."""
    for line in Path(rules).read_text("utf-8").splitlines():
        if line.startswith("effective:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    raise SystemExit(f"{rules}: no effective date")


COUNTY, VERSION, FLOOR = (
    "swplan budget (county, YAML)",
    "swplan --version",
    "import floor (typer, pydantic, rich.table, yaml)",
)
PLAN = "swplan plan (5 years x 3 scenarios)"
WITHIN_3X_OF_PEER = (
    "swplan pay (CSV -> JSON)",
    "swplan budget (national)",
    "swplan budget --by site (national)",
    "swplan check (roster + populations + passes)",
    "swplan awards (national roster + passes)",
)


def report(
    args: argparse.Namespace,
    tasks: dict[str, list[str]],
    times: dict[str, list[float]],
    peaks: dict[str, int],
    out: Path,
) -> None:
    median = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(
        f"Data: {args.workers:,} workers, {args.sites:,} sites; {args.repeat} alternating rounds\n"
    )
    print("| task | median wall (s) | runs | peak RSS (MiB) |")
    print("|---|---:|---|---:|")
    for name in tasks:
        values = times[name]
        runs = (
            ", ".join(f"{t:.2f}" for t in values)
            if len(values) <= 5
            else f"{len(values)} runs, {min(values):.3f}-{max(values):.3f}"
        )
        print(f"| {name} | {median[name]:.3f} | {runs} | {peaks[name] / 2**20:.0f} |")
    pay, peer = median[PAY], median[POLARS]
    print()
    print(f"- pay CSV / polars peer: {pay / peer:.2f} (target <= 2.0)")
    for name in WITHIN_3X_OF_PEER:
        print(f"- {name} / polars peer: {median[name] / peer:.2f} (target <= 3.0)")
    if PLAN in median:
        print(f"- plan / pay: {median[PLAN] / pay:.2f} (target <= 4.0)")
    print(f"- pay / pandas peer: {pay / median[PANDAS]:.2f}")
    swplan_tasks = [name for name in tasks if name.startswith("swplan")]
    heaviest = max(swplan_tasks, key=lambda name: peaks[name])
    print(
        f"- peak RSS, the largest of every swplan task: {peaks[heaviest] / 2**30:.2f} GiB "
        f"({heaviest}; target <= 2 GiB on every path)"
    )
    print(f"- --version / import floor: {median[VERSION] / median[FLOOR]:.2f} (target <= 1.3)")
    print(f"- county budget / import floor: {median[COUNTY] / median[FLOOR]:.2f} (target <= 1.5)")
    same = (out / "pay.csv").read_bytes() == (out / "polars.csv").read_bytes()
    print(f"- swplan's pay CSV and the polars peer's: {'identical' if same else 'DIFFERENT'}")
    ours, rows = column_sum(out / "pay.csv", "annual_cost")
    theirs, their_rows = column_sum(out / "pandas.csv", "annual_cost")
    agree = "agree" if (ours, rows) == (theirs, their_rows) else "DISAGREE"
    with open(out / "pay.json", "rb") as f:  # the totals close the document
        f.seek(max(0, f.seek(0, os.SEEK_END) - 4096))
        tail = f.read().decode("utf-8", "replace")
    in_json = tail[tail.rindex('"annual_cost": "') :].split('"')[3]
    print(
        f"- pay JSON totals.annual_cost: {in_json} "
        f"({'agrees' if Decimal(in_json) == ours else 'DISAGREES'} with the CSV)"
    )
    print(
        f"- sum of annual_cost: swplan {ours} over {rows:,} rows, pandas {theirs} over "
        f"{their_rows:,} rows: {agree}"
    )


if __name__ == "__main__":
    main()
