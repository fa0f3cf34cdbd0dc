"""Memory stays flat on every path over a national-shaped roster (benchmarks/README.md).

Proven by counting, not by timing: on a roster made by the benchmark generator, the
streamed paths (`pay` in every format, in both languages, with `--by site` and with
`--explain`; `check`, `staff`, `budget` with or without `--by site`, `awards`) build no
`Worker` and no table `Row` for the rows that pass (`awards` and `--explain` keep only
the workers they name), and the memory a run allocates grows by far less per extra row
than one loaded worker takes.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.util
import io
import json
import tracemalloc
from dataclasses import astuple, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from swplan import budget, load_passes, load_populations, load_roster, load_rules, model, pay
from swplan.calc.budget import site_budgets
from swplan.cli import app
from swplan.commands import roster as stream
from swplan.io import csvfile, fields, populations, roster, table, text, xlsxfile
from swplan.model import Worker
from swplan.render import render
from swplan.report.budget import budget_site_json
from swplan.report.explain import explain_report
from swplan.report.pay import pay_report

WORKERS, SITES = 1200, 400
# A table lists this many workers (5,000 in a run): set lower here, so that a roster of
# 1,200 is too many to list and the runs stay short
TABLE_ROWS = 1000


def generate(folder: Path, workers: int, sites: int) -> Path:
    """The benchmark generator's files in `folder`, written in this process."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    args = [str(folder), "--workers", str(workers), "--sites", str(sites), "--seed", "3"]
    with contextlib.redirect_stdout(io.StringIO()):
        assert module.main(args) == 0
    return folder


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("scale"), WORKERS, SITES)


@pytest.fixture(autouse=True, scope="module")
def table_rows() -> Any:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(stream, "TABLE_ROWS", TABLE_ROWS)
        yield


# The API's days are the rules' (pay as of their effective date, 2026-01-01; budget for
# its year); the command's are today and next year. The command runs on the API's day
# here, so that the streamed and the loaded paths are held against each other.
API_DAY = {"pay": ["--as-of", "2026-01-01"], "budget": ["--year", "2026"]}


def cli(folder: Path, *args: str) -> tuple[int, str, str]:
    import os

    here = os.getcwd()
    os.chdir(folder)
    day = [] if {"--as-of", "--year"} & set(args) else API_DAY.get(args[0], [])
    try:
        result: Any = CliRunner().invoke(app, [*args, *day, "--rules", "rules.yaml"])
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


class Counter:
    """Counts the `Worker` and `Row` objects built while it is on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.workers = 0
        self.rows = 0
        counter = self
        row_class = table.Row

        class CountedWorker(Worker):
            __slots__ = ()

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                counter.workers += 1
                Worker.__init__(self, *args, **kwargs)

        class CountedRow(row_class):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                counter.rows += 1
                row_class.__init__(self, *args, **kwargs)

        monkeypatch.setattr(model, "Worker", CountedWorker)
        for module in (csvfile, xlsxfile, fields, populations, roster, stream):
            if hasattr(module, "Row"):
                monkeypatch.setattr(module, "Row", CountedRow)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    workers: int  # the `Worker` and `Row` objects the run built
    rows: int


_RUNS: dict[tuple[Path, tuple[str, ...]], Run] = {}


def counted(folder: Path, *args: str) -> Run:
    """`cli(folder, *args)`, counting the objects it builds. The generated files never
    change, so a command line is run once in a process and its run shared by the tests
    that look at it (its output, its counts)."""
    key = (folder, args)
    if key not in _RUNS:
        with pytest.MonkeyPatch.context() as monkeypatch:
            counter = Counter(monkeypatch)
            code, out, err = cli(folder, *args)
        _RUNS[key] = Run(code, out, err, counter.workers, counter.rows)
    return _RUNS[key]


RUNS = {
    "pay json": ["pay", "roster.csv", "-f", "json", "-o", "out.json"],
    "pay csv": ["pay", "roster.csv", "-f", "csv", "-o", "out.csv"],
    # to stdout: the runs the byte-for-byte tests below compare with the loaded report
    "pay csv zh": ["pay", "roster.csv", "-f", "csv", "--lang", "zh"],
    "pay json by site": ["pay", "roster.csv", "--by", "site", "-f", "json", "--lang", "en"],
    "pay csv by site": ["pay", "roster.csv", "--by", "site", "-f", "csv", "-o", "out.csv"],
    "pay table": ["pay", "roster.csv"],  # a table: the default format
    "pay markdown": ["pay", "roster.csv", "-f", "markdown"],
    "pay table by site": ["pay", "roster.csv", "--by", "site"],
    "pay markdown by site zh": [
        "pay",
        "roster.csv",
        "--by",
        "site",
        "-f",
        "markdown",
        "--lang",
        "zh",
    ],
    "check roster": ["check", "roster.csv"],
    "check populations": ["check", "populations.csv"],
    "staff": ["staff", "populations.csv", "--roster", "roster.csv", "-f", "json"],
    "budget": ["budget", "populations.csv", "roster.csv", "--passes", "passes.csv", "-f", "json"],
    "budget by site": [
        *("budget", "populations.csv", "roster.csv", "--passes", "passes.csv"),
        *("--by", "site", "-f", "json"),
    ],
}


# the other runs more than one test looks at
JSON = ["pay", "roster.csv", "-f", "json"]
BY_SITE = {
    ("json", "en"): RUNS["pay json by site"],
    ("csv", "en"): ["pay", "roster.csv", "--by", "site", "-f", "csv", "--lang", "en"],
    ("csv", "zh"): ["pay", "roster.csv", "--by", "site", "-f", "csv", "--lang", "zh"],
}


@pytest.mark.parametrize("name", list(RUNS))
def test_streamed_paths_build_no_worker_and_no_row(national: Path, name: str) -> None:
    run = counted(national, *RUNS[name])
    assert run.code == 0, run.err
    # budget reads the passes file as a table: one row per pass, none per worker or site
    rows = pass_count(national) if name.startswith("budget") else 0
    assert (run.workers, run.rows) == (0, rows)


def pass_count(folder: Path) -> int:
    with (folder / "passes.csv").open(encoding="utf-8") as f:
        return len(f.readlines()) - 1


def test_awards_keeps_only_the_workers_its_passes_name(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (national / "passes.csv").open(encoding="utf-8") as f:
        named = {line.split(",")[0] for line in list(f)[1:]}
    assert 0 < len(named) < WORKERS / 10  # about 5% of the workers pass an exam
    counted = Counter(monkeypatch)
    code, out, err = cli(
        national, "awards", "roster.csv", "--passes", "passes.csv", "--as-of", "2026-06-30"
    )
    assert code == 0, err
    assert counted.workers == len(named)  # one record per named worker, none for the rest
    # a row per pass (CSV passes are a table), none for the roster's rows
    assert counted.rows == pass_count(national)


EXPLAINED = "W0000601"  # a worker in the middle of the generated roster


@pytest.mark.parametrize(
    "more",
    [(), ("--year", "2027"), ("-f", "json", "--lang", "zh"), ("-f", "markdown", "--year", "2027")],
)
def test_explain_keeps_only_its_worker(
    national: Path, monkeypatch: pytest.MonkeyPatch, more: Any
) -> None:
    counted = Counter(monkeypatch)
    code, out, err = cli(national, "pay", "roster.csv", "--explain", EXPLAINED, *more)
    assert code == 0, err
    assert EXPLAINED in out
    # every row checked, one record built: the explained worker's (and no table row: a
    # CSV's records are read as they are)
    assert (counted.workers, counted.rows) == (1, 0)


@functools.cache
def held(folder: Path, year: int | None) -> tuple[Any, Any]:
    """The rules and the pay of the whole roster, held in memory as a YAML one is."""
    rules = load_rules(folder / "rules.yaml")
    return rules, pay(rules, load_roster(folder / "roster.csv", rules, year=year), year=year)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("year", [None, 2027])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_streamed_explain_is_the_loaded_explain_byte_for_byte(
    national: Path, lang: str, year: Any, fmt: str
) -> None:
    rules, result = held(national, year)
    report = explain_report(
        result, EXPLAINED, rules, lang, source="roster.csv", markdown=fmt == "markdown"
    )
    loaded = "".join(render(report, fmt))
    more = ["--year", str(year)] if year else []
    args = ["pay", "roster.csv", "--explain", EXPLAINED, "-f", fmt, "--lang", lang, *more]
    code, out, err = cli(national, *args)
    assert (code, err) == (0, "")
    assert out == loaded


def test_an_unknown_id_to_explain_is_looked_for_among_every_id(national: Path) -> None:
    code, out, err = cli(national, "pay", "roster.csv", "--explain", "W000101")
    assert (code, out) == (2, "")
    # every id of the form W000101 with one digit added is 7 of 8 characters alike
    # (similarity 2 * 7 / (7 + 8) = 0.93, the best there is): W0000101, W0001101,
    # W0001001 to W0001091 and W0001010 to W0001019 (W0002101 and W0001201 are not on a
    # roster of 1,200); of those equals, the three that sort last are named
    assert err == (
        "error: --explain: no worker with id 'W000101' in roster.csv (did you mean "
        "'W0001101', 'W0001091', 'W0001081'?); give one of the ids in the roster's id "
        "column\n"
    )


def test_explain_reports_a_bad_row_anywhere_in_the_roster(national: Path) -> None:
    lines = (national / "roster.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1000].split(",")  # line 1001, far after the explained worker
    cells[3] = "bachlor"  # the education
    lines[1000] = ",".join(cells)
    bad = national / "bad"
    bad.mkdir()
    (bad / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (bad / "rules.yaml").write_bytes((national / "rules.yaml").read_bytes())
    code, out, err = cli(bad, "pay", "roster.csv", "--explain", "W0000002")
    assert (code, out) == (2, "")
    assert err.startswith("error: roster.csv:1001:4: education: 'bachlor' is not one of: ")
    assert err.count("\n") == 1


def cells(table: str, first: str) -> list[list[str]]:
    """The cells of a table's rows that start with `first`."""
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith(f"| {first}")
    ]


def test_a_by_site_table_of_too_many_workers_shows_each_sites_sums(national: Path) -> None:
    code, out, err, *_ = astuple(counted(national, *RUNS["pay table by site"]))
    assert (code, err) == (0, "")
    assert cells(out, "Site") == [
        ["Site", "Workers", "Monthly gross", "Employer contributions", "Annual cost"]
    ]
    assert "W000" not in out  # no worker row
    assert out.rstrip().endswith(
        "1,200 workers are too many to list here, so each site shows only its sums; "
        "write every worker's row to a file with --format csv --output FILE (or --format json)"
    )
    # the sums of the held roster's workers, site by site, in order of first appearance
    _, result = held(national, None)
    fields = ("monthly_gross", "monthly_contributions", "annual_cost")
    sums: dict[str, list[Any]] = {}
    for w in result.workers:
        row = sums.setdefault(w.site, [0, *(Decimal(0) for _ in fields)])
        row[0] += 1
        for i, field in enumerate(fields, 1):
            row[i] += getattr(w.figures, field)
    subtotals = [
        [site, str(n), *(f"{m:,.2f}" for m in money)] for site, (n, *money) in sums.items()
    ]
    assert cells(out, "S0") == subtotals
    assert len(subtotals) > 300
    (total,) = cells(out, "Total")
    assert total[:2] == ["Total", "1200"]
    assert total[2:] == [f"{sum(row[i] for row in sums.values()):,.2f}" for i in (1, 2, 3)]


def test_the_note_of_a_table_too_big_to_list_is_in_the_reports_language(national: Path) -> None:
    code, out, err = cli(national, "pay", "roster.csv", "--by", "site", "--lang", "zh")
    assert (code, err) == (0, "")
    assert "| 站点    | 人数 |" in out
    assert out.rstrip().endswith(
        "1,200 人过多，无法在此逐一列出，每个站点只列合计；用 --format csv --output 文件 "
        "写出每人一行（或用 --format json）"
    )


def test_a_by_site_table_of_too_many_sites_shows_the_totals_and_says_how_to_get_them(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "TABLE_ROWS", 300)  # fewer than the roster's sites
    code, out, err = cli(national, "pay", "roster.csv", "--by", "site", "-f", "markdown")
    assert (code, err) == (0, "")
    assert "| **Total** | **1200 workers** |" in out
    assert "Subtotal" not in out
    sites = len(json.loads(counted(national, *BY_SITE["json", "en"]).out)["by_site"])
    assert out.rstrip().endswith(
        f"1,200 workers at {sites:,} sites are too many to list here; write each site's "
        "subtotal to a file with --by site --format csv --output FILE, or every worker's row "
        "to a file with --format csv --output FILE (or --format json)"
    )


def test_a_table_of_too_many_workers_shows_the_totals_and_says_how_to_get_the_rows(
    national: Path,
) -> None:
    code, out, err, *_ = astuple(counted(national, *RUNS["pay table"]))
    assert (code, err) == (0, "")
    assert "| Total  | 1200 workers |" in out
    assert out.count("\n") < 20  # no worker rows
    assert out.rstrip().endswith(
        "1,200 workers are too many to list here; write every row to a file with "
        "--format csv --output FILE (or --format json)"
    )
    # the totals are those of the full JSON
    total = json.loads(counted(national, *JSON).out)["totals"]["annual_cost"]
    whole, cents = total.split(".")
    assert f" {int(whole):,}.{cents} |" in out  # a table separates the thousands


def test_streamed_json_is_the_loaded_json_byte_for_byte(national: Path) -> None:
    rules, result = held(national, None)
    loaded = json.dumps(pay_report(result, rules, "en").json_data(), ensure_ascii=False, indent=2)
    run = counted(national, *JSON)
    assert run.code == 0, run.err
    assert run.out == loaded + "\n"


@pytest.mark.parametrize("year", [None, "2027"])
def test_streamed_zh_csv_is_the_loaded_zh_csv_byte_for_byte(national: Path, year: Any) -> None:
    rules, result = held(national, None if year is None else int(year))
    loaded = "".join(render(pay_report(result, rules, "zh"), "csv"))
    assert loaded.startswith("\ufeff工号,姓名,站点,岗位,")
    assert ",是," in loaded or ",否," in loaded  # labels, not `true`/`false`
    more = ["--year", year] if year else []
    code, out, err, *_ = astuple(counted(national, *RUNS["pay csv zh"], *more))
    assert (code, err) == (0, "")
    assert out == loaded
    assert out.count("\n") == WORKERS + 1


@pytest.mark.parametrize(("fmt", "lang"), list(BY_SITE))
def test_streamed_pay_by_site_is_the_loaded_one_byte_for_byte(
    national: Path, fmt: str, lang: str
) -> None:
    rules, result = held(national, None)
    loaded = "".join(render(pay_report(result, rules, lang, "site"), fmt))
    code, out, err, *_ = astuple(counted(national, *BY_SITE[fmt, lang]))
    assert (code, err) == (0, "")
    assert out == loaded
    # a row per site that has workers, in order of first appearance (CSV: and a header)
    first_seen = list(dict.fromkeys(w.site for w in result.workers))
    if fmt == "json":
        assert [s["site"] for s in json.loads(out)["by_site"]] == first_seen
    else:
        assert out.count("\n") == len(first_seen) + 1


def test_an_empty_roster_streams_the_same_zh_csv_as_loaded(tmp_path: Path) -> None:
    generate(tmp_path, 1, 1)
    (tmp_path / "roster.csv").write_text(
        "id,name,site,education,title,post,hired,years_of_service,performance\n", encoding="utf-8"
    )
    rules = load_rules(tmp_path / "rules.yaml")
    loaded = "".join(render(pay_report(pay(rules, [], None), rules, "zh"), "csv"))
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "csv", "--lang", "zh")
    assert (code, err) == (0, "")
    assert out == loaded == "\ufeff"  # no worker, no header: only the BOM


def test_budget_by_site_sums_exactly_to_the_lines_on_a_generated_roster(national: Path) -> None:
    code, out, err, *_ = astuple(counted(national, *RUNS["budget by site"]))
    assert code == 0, err
    data = json.loads(out)
    # written a few thousand pieces at a time: the same text as one `json.dumps`
    assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    sites = data["sites"]
    assert len(sites) == SITES  # every site of the populations, and no other
    for line in data["lines"]:
        assert sum(Decimal(s[line["item"]]) for s in sites) == Decimal(line["amount"])
        assert Decimal(line["amount"]) > 0  # each line has something to share out
    assert sum(Decimal(s["total"]) for s in sites) == Decimal(data["total"])
    # the costs are spread over the sites, not gathered on a few
    assert sum(1 for s in sites if Decimal(s["current_staff"]) > 0) > SITES / 2
    assert sum(1 for s in sites if Decimal(s["awards"]) > 0) > 40  # of about 60 passes
    # and each site's share is what the workers' own figures give when the roster is
    # held: pay costed worker by worker, not by the streamed profile cache
    rules = load_rules(national / "rules.yaml")
    workers = load_roster(national / "roster.csv", rules, year=2026)
    result = budget(
        rules,
        load_populations(national / "populations.csv", rules).sites,
        workers,
        load_passes(national / "passes.csv", rules),
        year=2026,
    )
    held = [budget_site_json(s) for s in site_budgets(rules, result, workers)]
    assert sites == held


def test_an_empty_roster_streams_the_same_json_as_loaded(tmp_path: Path) -> None:
    generate(tmp_path, 1, 1)
    (tmp_path / "roster.csv").write_text(
        "id,name,site,education,title,post,hired,years_of_service,performance\n", encoding="utf-8"
    )
    rules = load_rules(tmp_path / "rules.yaml")
    result = pay(rules, [], None)
    loaded = json.dumps(pay_report(result, rules, "en").json_data(), ensure_ascii=False, indent=2)
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert (code, err) == (0, "")
    assert out == loaded + "\n"
    assert '"workers": [],' in out


def peak_bytes(folder: Path, *args: str) -> int:
    gc.collect()  # what earlier runs left in reference cycles is freed before, not during
    tracemalloc.start()
    try:
        code, _, err = cli(folder, *args)
        assert code == 0, err
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def rosters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A generated template of 200 rows at 100 sites (ids renamed R0...), and a
    national-shaped roster and populations of 1,200 and of 2,700 rows.

    Both repeat the rows of one generated set under new ids, so they hold the same
    profiles (a national roster has about 14,000; these sizes would still be finding
    new ones) and differ only in how many rows there are.
    """
    tmp_path = tmp_path_factory.mktemp("rosters")
    template = generate(tmp_path / "template", 200, 100)
    (template / "sites.csv").write_bytes((template / "populations.csv").read_bytes())
    header, *rows = (template / "roster.csv").read_text(encoding="utf-8").splitlines()
    renamed = [f"R{i},{row.split(',', 1)[1]}" for i, row in enumerate(rows)]
    (template / "roster.csv").write_text("\n".join([header, *renamed]) + "\n", encoding="utf-8")
    folders = []
    for n in (SMALL_ROWS, BIG_ROWS):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / "rules.yaml").write_bytes((template / "rules.yaml").read_bytes())
        # the same sites for both sizes, so that only the roster grows (budget --by site)
        (folder / "sites.csv").write_bytes((template / "populations.csv").read_bytes())
        for name in ("roster.csv", "populations.csv"):
            header, *rows = (template / name).read_text(encoding="utf-8").splitlines()
            lines = [header]
            for i in range(n):
                _, rest = rows[i % len(rows)].split(",", 1)
                lines.append(f"R{i},{rest}")
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        folders.append(folder)
    return template, folders[0], folders[1]


# The two measured sizes: both more rows than a table lists (TABLE_ROWS, set to 500
# below) and than a JSON output holds before it writes them (1,024), so that what is
# held at the peak is the same for both; 1,500 rows apart, so that a run holding a
# `Worker` per row (about 670 bytes) grows by a megabyte more than one that keeps an id
# per row. Their difference is what is measured: the set-up of a run (rules, profiles,
# imports) is left out.
SMALL_ROWS, BIG_ROWS = 1200, 2700


# One run of each way a roster is read (see `swplan.commands.roster`): written as it is
# read, held for a table (past its limit, tallied), searched for one worker, summed per
# site, checked; and a populations file checked.
@pytest.mark.parametrize(
    "args",
    [
        ("pay", "roster.csv", "-f", "json", "-o", "out.json"),
        ("pay", "roster.csv", "--by", "site"),
        ("pay", "roster.csv", "--explain", "R150", "--year", "2027", "-f", "json"),
        ("budget", "sites.csv", "roster.csv", "--by", "site", "-f", "json", "-o", "out.json"),
        ("check", "roster.csv"),
        ("check", "populations.csv"),
    ],
    ids=["pay json", "pay table by site", "pay explain", "budget by site", "check", "populations"],
)
def test_memory_grows_by_an_id_per_row_not_a_worker(
    rosters: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch, args: Any
) -> None:
    # files are read a block at a time; with small blocks, these small files are many
    monkeypatch.setattr(text, "_BLOCK", 1 << 14)
    # both sizes more workers than a table lists, and fewer sites (100)
    monkeypatch.setattr(stream, "TABLE_ROWS", 500)
    template, small, big = rosters
    # a first run in this process sets up what every later run shares (imports, caches):
    # not growth, so it is left out of both measured runs (the 200 rows the two
    # measured rosters repeat are enough for it)
    cli(template, *args)
    growth = (peak_bytes(big, *args) - peak_bytes(small, *args)) / (BIG_ROWS - SMALL_ROWS)
    # what a streamed run keeps per row is its id, for the duplicate-id rule: about
    # 150 bytes. A run that holds the roster (as `pay --by site` as a table did) grows by
    # about 14,000 bytes a row; the loaded `Worker` records alone take about 670.
    # `--by site` keeps sums per site, and both sizes have the same sites.
    assert growth < 400, growth


def _writer_peak(rows: int) -> int:
    """The peak of `workbook_bytes` alone (the sheet made before it is measured) on a
    sheet of `rows` sites, 12 columns of text, counts and money, charted below and
    signed below the chart (as a budget's sheet of the sites short of posts is)."""
    from swplan.workbook import Chart, Column, Sheet, workbook_bytes

    columns = [Column("站点"), Column("名称"), *(Column(f"c{j}", "int") for j in range(5))]
    columns += [Column(f"m{j}", "money") for j in range(5)]
    values = [
        [f"S{i:06d}", f"第{i}社区", *range(i, i + 5), *(Decimal(i) / 4,) * 5] for i in range(rows)
    ]
    chart = Chart("岗位", categories=1, series=[2, 3], y_unit="people")
    sheet = Sheet(
        "sites",
        "测试 2026",
        columns,
        values,
        chart=chart,
        notes=["说明"],
        unit="yuan",
        signature=True,
    )
    gc.collect()
    tracemalloc.start()
    try:
        workbook_bytes([sheet], "zh")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_workbook_holds_no_cell_object_per_cell() -> None:
    # Each sheet is streamed to the file a row at a time (openpyxl's write-only mode):
    # a national `budget --by site` workbook held a cell object per cell, 4.2 GiB at
    # its peak (1.3 GiB streamed, as the JSON). What the writer holds grows by the
    # compressed file (tens of bytes a row), not by 12 cell objects a row (about 150
    # bytes each).
    _writer_peak(50)  # openpyxl imported, its styles made, before anything is measured
    small, big = _writer_peak(200), _writer_peak(600)
    per_row = (big - small) / 400
    assert per_row < 400, f"{per_row:.0f} bytes a row"
