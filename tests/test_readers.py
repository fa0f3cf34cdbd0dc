"""One reader per record kind: every command and format says the same about one file.

The YAML, CSV, Excel and streamed readers share one text source, one CSV row rule
and one validator per record, so a bad file gets one message whichever command
reads it, in whatever format it was asked to answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from swplan.cli import app

SMALL = EXAMPLES / "small"
HEADER = "id,name,site,education,title,post,hired,years_of_service,performance"
FORMATS = ("table", "json", "csv", "markdown")


def cli(*args: str | Path, cwd: Path) -> tuple[int, str, str]:
    """`swplan ARGS` in this process, in `cwd`: exit code, stdout, stderr."""
    import os

    here = os.getcwd()
    os.chdir(cwd)
    try:
        result: Any = CliRunner().invoke(app, [str(a) for a in args])
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


def every_command(roster: str) -> list[list[str]]:
    """Every command that reads a roster, in every output format."""
    pops = str(SMALL / "populations.yaml")
    runs = []
    for fmt in FORMATS:
        runs += [
            ["pay", roster, "-f", fmt],
            ["pay", roster, "-f", fmt, "--by", "site"],
            ["pay", roster, "-f", fmt, "--explain", "W00001"],
            ["staff", pops, "--roster", roster, "-f", fmt],
            ["budget", pops, roster, "-f", fmt],
            ["awards", roster, "-f", fmt],
        ]
    return [*runs, ["check", roster]]


def good_rows(n: int) -> list[str]:
    """`n` valid workers of the small example's sites (about 60 bytes a row)."""
    return [
        f"W{i:05d},Li,jinjiang,bachelor,assistant_social_worker,,2016-09-01,,good"
        for i in range(1, n + 1)
    ]


def test_a_nul_byte_on_line_3002_is_one_message_from_every_command_and_format(
    tmp_path: Path,
) -> None:
    # header on line 1, workers on lines 2..3004; line 3002 holds a NUL in its name
    lines = [HEADER, *good_rows(3003)]
    lines[3001] = lines[3001].replace(",Li,", ",L\x00i,")
    (tmp_path / "roster.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    expected = (
        "error: roster.csv:3002: is a binary file, not UTF-8 text; "
        "save it as a UTF-8 text file (YAML or CSV) or as .xlsx\n"
    )
    runs = every_command("roster.csv")
    assert len(runs) == 25
    for args in runs:
        code, out, err = cli(*args, cwd=tmp_path)
        assert (code, out, err) == (2, "", expected), args


def test_bytes_that_are_not_utf8_are_one_message_from_every_command(tmp_path: Path) -> None:
    # a Latin-1 name on line 4, which is neither UTF-8 nor GB18030 (a GB18030 file is
    # read, with a note); the block reader finds it wherever the file is cut
    lines = [HEADER, *good_rows(5)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    data = data.replace(b"W00003,Li", "W00003,Zoë".encode("latin-1"))
    (tmp_path / "roster.csv").write_bytes(data)
    expected = (
        "error: roster.csv:4: is not UTF-8 text (files saved from Windows are often GBK); "
        "re-save it as UTF-8 and run again\n"
    )
    for args in every_command("roster.csv"):
        assert cli(*args, cwd=tmp_path) == (2, "", expected), args


def test_a_row_of_the_wrong_width_and_a_duplicate_id_read_the_same_everywhere(
    tmp_path: Path,
) -> None:
    lines = [HEADER, *good_rows(3), "W00002,Li,jinjiang,bachelor,none,,,3,", "W9,Li,jinjiang"]
    (tmp_path / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = (
        "error: roster.csv:5:1: id: duplicate worker id 'W00002' (first at roster.csv:3:1); "
        "worker ids must be unique\n"
        "error: roster.csv:6: row has 3 cells but the header has 9\n"
    )
    for args in every_command("roster.csv"):
        code, out, err = cli(*args, cwd=tmp_path)
        assert (code, out) == (2, ""), args
        assert sorted(err.splitlines()) == sorted(expected.splitlines()), args


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


BAD_WORKER = {
    "id": "W1",
    "site": "jinjiang",
    "education": "bachlor",
    "title": "none",
    "hired": "2016-09-01",
    "years_of_service": "3",
}


@pytest.mark.parametrize("kind", ["yaml", "csv", "xlsx"])
def test_one_worker_validator_for_yaml_csv_and_excel(tmp_path: Path, kind: str) -> None:
    columns = list(BAD_WORKER)
    if kind == "yaml":
        body = "".join(f"    {k}: {v}\n" for k, v in BAD_WORKER.items()).replace("    ", "  - ", 1)
        (tmp_path / "roster.yaml").write_text("workers:\n" + body, encoding="utf-8")
    elif kind == "csv":
        (tmp_path / "roster.csv").write_text(
            ",".join(columns) + "\n" + ",".join(BAD_WORKER.values()) + "\n", encoding="utf-8"
        )
    else:
        write_xlsx(tmp_path / "roster.xlsx", [columns, list(BAD_WORKER.values())])
    code, out, err = cli("pay", f"roster.{kind}", "-f", "json", cwd=tmp_path)
    assert (code, out) == (2, "")
    # the same sentences at the place each format has; a table may fill both hired and
    # years_of_service (hired is used), YAML may not
    messages = [line.split(": ", 2)[2].removeprefix("workers[0].") for line in err.splitlines()]
    assert messages == [
        "education: 'bachlor' is not one of: secondary, associate, bachelor, master, "
        "doctorate (did you mean 'bachelor'?)",
        *(["years_of_service: give either hired or years_of_service, not both"] * (kind == "yaml")),
    ]


def test_cap_and_ledger_amounts_share_one_amount_parser(tmp_path: Path) -> None:
    pops, roster = SMALL / "populations.yaml", SMALL / "roster.yaml"
    code, _, err = cli("budget", pops, roster, "--cap", "lots", cwd=tmp_path)
    assert (code, err) == (
        2,
        "error: --cap: 'lots' is not an amount; write yuan with up to two decimals, "
        "e.g. 1500000 or 1500000.00\n",
    )
    (tmp_path / "ledger.csv").write_text(
        "worker_id,exam,amount,paid_on\nW001,social_worker,10.005,2026-01-01\n", encoding="utf-8"
    )
    code, _, err = cli("awards", roster, "--ledger", "ledger.csv", cwd=tmp_path)
    assert (code, err) == (
        2,
        "error: ledger.csv:2:3: amount: '10.005' has more than two decimals; "
        "amounts are in yuan and fen\n",
    )
    code, _, err = cli("budget", pops, roster, "--cap", "10.005", cwd=tmp_path)
    assert (code, err) == (
        2,
        "error: --cap: '10.005' has more than two decimals; amounts are in yuan and fen\n",
    )
