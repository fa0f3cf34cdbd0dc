"""Bureau tables as they are kept: Chinese headers, extra columns (docs/formats.md).

Each rule has its own test. Tables are written here, in CSV and Excel, next to the
same data with swplan's own keys; both must give the same numbers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from conftest import EXAMPLES
from typer.testing import CliRunner

from swplan.cli import app

SMALL = EXAMPLES / "small"
KEYS = "id,name,site,education,title,post,hired,years_of_service,performance"
CN = "工号,姓名,所在站点,学历,职称,岗位,入职日期,工龄,考核等次"
ROWS = (SMALL / "roster.csv").read_text(encoding="utf-8").splitlines()[1:]


def cli(folder: Path, *args: str | Path) -> tuple[int, str, str]:
    here = os.getcwd()
    os.chdir(folder)
    try:
        result: Any = CliRunner().invoke(app, [str(a) for a in args])
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_chinese_headers_give_the_numbers_of_the_keys(tmp_path: Path) -> None:
    write(tmp_path, "keys.csv", [KEYS, *ROWS])
    write(tmp_path, "cn.csv", [CN, *ROWS])
    write_xlsx(tmp_path / "cn.xlsx", [c.split(",") for c in [CN, *ROWS]])
    code, keys, err = cli(tmp_path, "pay", "keys.csv", "-f", "json")
    assert (code, err) == (0, "")
    for name in ("cn.csv", "cn.xlsx"):
        assert cli(tmp_path, "pay", name, "-f", "json") == (0, keys, ""), name
    # 6 workers, 509296.60 as in the small example's README
    assert json.loads(keys)["totals"]["annual_cost"] == "509296.60"


def test_headers_match_without_spaces_and_in_any_case(tmp_path: Path) -> None:
    header = " 工 号 ,Name,SITE,学\u3000历,Title,post,hired,years_of_service,performance"
    write(tmp_path, "roster.csv", [header, *ROWS])
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["totals"]["workers"] == 6


def test_two_columns_naming_one_swplan_column_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "roster.csv", [KEYS + ",最高学历", *(r + ",本科" for r in ROWS)])
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert (code, out) == (2, "")
    assert err == (
        "error: roster.csv:1:10: 最高学历: columns 'education' and '最高学历' both give "
        "'education'; keep one\n"
    )


def test_other_columns_are_ignored_with_one_note(tmp_path: Path) -> None:
    lines = ["序号," + KEYS + ",性别,备注"]
    lines += [f"{i},{row},女,x" for i, row in enumerate(ROWS, 1)]
    write(tmp_path, "roster.csv", lines)
    note = (
        "note: roster.csv: ignored the columns '序号', '性别', '备注', which swplan does not use\n"
    )
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert (code, err) == (0, note)
    assert json.loads(out)["totals"]["annual_cost"] == "509296.60"
    # staff and budget also list it in their JSON
    pops = SMALL / "populations.yaml"
    for args in (["staff", pops, "--roster", "roster.csv"], ["budget", pops, "roster.csv"]):
        code, out, err = cli(tmp_path, *args, "-f", "json")
        assert (code, err) == (0, note)
        assert json.loads(out)["notes"] == [note[len("note: ") : -1]]


def test_a_latin_header_one_typo_from_a_key_is_an_error_but_never_for_id(tmp_path: Path) -> None:
    # "perfomance": 1 edit from performance; "titel": 2 edits from a 5-letter key
    write(tmp_path, "roster.csv", [KEYS.replace("performance", "perfomance"), *ROWS])
    code, _, err = cli(tmp_path, "pay", "roster.csv")
    assert code == 2
    assert (
        "roster.csv:1:9: perfomance: unknown column 'perfomance' (did you mean 'performance'?)"
        in err
    )
    # "ib" is one edit from "id", but ids are too short to guess: ignored, noted
    write(tmp_path, "roster.csv", ["ib," + KEYS, *(f"x,{r}" for r in ROWS)])
    code, _, err = cli(tmp_path, "pay", "roster.csv")
    assert (code, err) == (
        0,
        "note: roster.csv: ignored the column 'ib', which swplan does not use\n",
    )
    # "post" is present, so "pots" is not a typo of a missing column: ignored
    write(tmp_path, "roster.csv", [KEYS + ",pots", *(f"{r}," for r in ROWS)])
    code, _, err = cli(tmp_path, "pay", "roster.csv")
    assert (code, err) == (
        0,
        "note: roster.csv: ignored the column 'pots', which swplan does not use\n",
    )


def test_a_header_holding_a_known_header_whose_column_is_absent_is_an_error(
    tmp_path: Path,
) -> None:
    header = "工号,姓名,所在站点,第一学历,职称,岗位,入职日期,工龄,考核等次"
    write(tmp_path, "roster.csv", [header, *ROWS])
    code, _, err = cli(tmp_path, "pay", "roster.csv")
    assert code == 2
    assert (
        "error: roster.csv:1:4: 第一学历: unknown column '第一学历' (did you mean 'education'?)"
        in err
    )
    # with an education column present, 第一学历 is just another column
    write(tmp_path, "roster.csv", [CN + ",第一学历", *(f"{r},大专" for r in ROWS)])
    code, _, err = cli(tmp_path, "pay", "roster.csv")
    assert (code, err) == (
        0,
        "note: roster.csv: ignored the column '第一学历', which swplan does not use\n",
    )


def test_populations_headers_and_category_labels(tmp_path: Path) -> None:
    # the small example's populations, headed as a bureau heads them
    lines = [
        "站点编号,站点名称,站点类型,老年人,儿童,青少年,残疾人,社会救助对象,社区矫正对象",
        "jinjiang,金江社区,urban_community,57,12,,9,,",
        "hongqi,红旗社区,urban_community,8,,5,,,",
        "baisha,白沙镇社工站,township_station,41,,,,23,6",
    ]
    write(tmp_path, "populations.csv", lines)
    code, cn, err = cli(tmp_path, "staff", "populations.csv", "-f", "json")
    assert (code, err) == (0, CLIENTS)
    code, yaml_out, _ = cli(tmp_path, "staff", SMALL / "populations.yaml", "-f", "json")
    expected = json.loads(yaml_out)
    got = json.loads(cn)
    assert got["sites"] == expected["sites"] and got["totals"] == expected["totals"]


def test_passes_and_ledger_headers(tmp_path: Path) -> None:
    write(
        tmp_path,
        "passes.csv",
        [
            "工号,考试名称,取证日期",
            "W001,social_worker,2025-12-20",
            "W003,social_worker,2026-01-10",
        ],
    )
    write(
        tmp_path,
        "ledger.csv",
        ["人员编号,证书,金额,发放日期", "W001,social_worker,2000.00,2026-01-05"],
    )
    code, out, err = cli(
        tmp_path,
        "awards",
        SMALL / "roster.csv",
        "--passes",
        "passes.csv",
        "--ledger",
        "ledger.csv",
        "--as-of",
        "2026-03-01",
        "-f",
        "json",
    )
    assert code == 0, err
    statuses = [(a["worker_id"], a["status"], a["amount"]) for a in json.loads(out)["awards"]]
    # W001's pass is in the ledger; W003's is due: social_worker 2000.00, nothing paid before
    assert statuses == [("W001", "already_paid", "0.00"), ("W003", "due", "2000.00")]
    code, out, err = cli(tmp_path, "check", "passes.csv", "ledger.csv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "OK passes.csv (passes, 2 passes)"
    # the ledger reads, and --record appends under the bureau's own column names
    assert lines[1] == (
        "OK ledger.csv (ledger, 1 rows; --record appends in its column order: "
        "worker_id, exam, amount, paid_on)"
    )
    code, out, err = cli(
        tmp_path,
        "awards",
        SMALL / "roster.csv",
        "--passes",
        "passes.csv",
        "--ledger",
        "ledger.csv",
        "--as-of",
        "2026-03-01",
        "--record",
    )
    assert code == 0, err
    assert (tmp_path / "ledger.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "W001,social_worker,2000.00,2026-01-05",
        "W003,social_worker,2000.00,2026-03-01",
    ]


# --------------------------------------------------------------------------- layout


# the last note of `staff` on the small example's populations read from a table: the
# clients read per category, to hold against the sheet (57 + 8 + 41 = 106 elderly, ...)
CLIENTS = (
    "note: read 161 clients: Elderly 106, Children 12, Youth 5, People with disabilities 9, "
    "Social assistance 23, Community corrections 6\n"
)
POPULATIONS = [
    "站点编号,站点名称,站点类型,老年人,儿童,青少年,残疾人,社会救助对象,社区矫正对象",
    "jinjiang,金江社区,urban_community,57,12,,9,,",
    "hongqi,红旗社区,urban_community,8,,5,,,",
    "baisha,白沙镇社工站,township_station,41,,,,23,6",
]


def small_staff_json() -> Any:
    code, out, _ = cli(SMALL, "staff", "populations.yaml", "--roster", "roster.csv", "-f", "json")
    assert code == 0
    return json.loads(out)


def same_numbers(got: Any, expected: Any) -> None:
    assert (got["sites"], got["totals"]) == (expected["sites"], expected["totals"])


def test_the_header_is_the_first_row_that_holds_the_required_columns(tmp_path: Path) -> None:
    # a title, a date line and a blank line above the header, as bureaus lay out sheets
    title = ["2026年社工站服务对象统计表,,,,,,,,", "填报日期：2026年1月5日,,,,,,,,", ",,,,,,,,"]
    write(tmp_path, "populations.csv", [*title, *POPULATIONS])
    roster = ["万州区社会工作者花名册", *[",".join([CN, *ROWS][i : i + 1]) for i in range(7)]]
    write(tmp_path, "roster.csv", roster)
    code, out, err = cli(
        tmp_path, "staff", "populations.csv", "--roster", "roster.csv", "-f", "json"
    )
    assert (code, err) == (0, CLIENTS)
    same_numbers(json.loads(out), small_staff_json())
    # the same in a workbook: the header on sheet row 3
    write_xlsx(tmp_path / "roster.xlsx", [["花名册"], [], *[r.split(",") for r in [CN, *ROWS]]])
    code, out, err = cli(tmp_path, "pay", "roster.xlsx", "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["totals"]["annual_cost"] == "509296.60"


def test_a_header_past_the_first_20_rows_is_not_looked_for(tmp_path: Path) -> None:
    write(tmp_path, "populations.csv", [*(f"说明第{i}行" for i in range(20)), *POPULATIONS])
    code, _, err = cli(tmp_path, "staff", "populations.csv")
    assert code == 2
    assert not err.startswith("note:")
    assert (
        "error: populations.csv:1:1: id: the header needs a site id column ('id') or a site "
        "name column ('name'); with names only, each site's name is its id\n" in err
    )


def test_a_totals_row_is_skipped_with_a_note_and_the_numbers_stay(tmp_path: Path) -> None:
    # the 合计 row holds Excel's sums; read as a fourth site it doubled the required posts
    write(tmp_path, "populations.csv", [*POPULATIONS, "合计,,,106,12,5,9,23,6"])
    code, out, err = cli(
        tmp_path, "staff", "populations.csv", "--roster", SMALL / "roster.csv", "-f", "json"
    )
    assert (code, err) == (0, "note: populations.csv: skipped row 5: a totals row\n" + CLIENTS)
    data = json.loads(out)
    same_numbers(data, small_staff_json())
    assert data["notes"] == ["populations.csv: skipped row 5: a totals row", CLIENTS[6:-1]]
    # in a workbook, and with the word in another column than the id
    rows = [["序号", *POPULATIONS[0].split(",")]]
    rows += [[str(i), *r.split(",")] for i, r in enumerate(POPULATIONS[1:], 1)]
    rows += [["总计", None, None, None, "106", "12", "5", "9", "23", "6"]]
    write_xlsx(tmp_path / "populations.xlsx", rows)
    code, out, err = cli(
        tmp_path, "staff", "populations.xlsx", "--roster", SMALL / "roster.csv", "-f", "json"
    )
    assert (code, err) == (
        0,
        "note: populations.xlsx: ignored the column '序号', which swplan does not use\n"
        "note: populations.xlsx sheet Sheet: skipped row 5: a totals row\n" + CLIENTS,
    )
    same_numbers(json.loads(out), small_staff_json())


def test_a_totals_word_in_the_first_cell_with_a_real_id_is_read_as_data(tmp_path: Path) -> None:
    write(
        tmp_path,
        "populations.csv",
        ["备注," + POPULATIONS[0], *(f"合计数见下,{r}" for r in POPULATIONS[1:])],
    )
    code, out, err = cli(
        tmp_path, "staff", "populations.csv", "--roster", SMALL / "roster.csv", "-f", "json"
    )
    assert (code, err) == (
        0,
        "note: populations.csv: ignored the column '备注', which swplan does not use\n" + CLIENTS,
    )
    same_numbers(json.loads(out), small_staff_json())


def test_rows_without_swplan_values_and_example_rows_are_skipped_with_notes(tmp_path: Path) -> None:
    lines = ["序号," + CN, "示例,W000,示例,jinjiang,bachelor,none,,2020-01-01,,good"]
    lines += [f"{i},{row}" for i, row in enumerate(ROWS, 1)]
    lines += ["7,,,,,,,,,", "8,,,,,,,,,", "填表人：张三,,,,,,,,,"]
    write(tmp_path, "roster.csv", lines)
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert (code, err.splitlines()) == (
        0,
        [
            "note: roster.csv: ignored the column '序号', which swplan does not use",
            "note: roster.csv: skipped row 2: an example row",
            "note: roster.csv: skipped rows 9, 10: no value in any column swplan reads",
            "note: roster.csv: skipped row 11: a footer row (a signature or a note)",
        ],
    )
    assert json.loads(out)["totals"]["annual_cost"] == "509296.60"


# --------------------------------------------------------------------------- sites


def test_a_worker_at_a_site_in_no_populations_file_is_an_error(tmp_path: Path) -> None:
    # jinjang for jinjiang: costed as staff and its post again as a new hire, +66,876.80
    rows = [r.replace("W003,王五,jinjiang", "W003,王五,jinjang") for r in ROWS]
    write(tmp_path, "roster.csv", [KEYS, *rows])
    pops = SMALL / "populations.yaml"
    expected = (
        "error: roster.csv:4:3: site: 'jinjang' is not a site of the populations "
        "(did you mean 'jinjiang'?); 1 worker (W003) would be costed twice, as staff and as "
        "the post the site lacks: fix the site, add it to the populations, or give "
        "--allow-unknown-sites\n"
    )
    for args in (["staff", pops, "--roster", "roster.csv"], ["budget", pops, "roster.csv"]):
        for fmt in ("json", "table"):
            assert cli(tmp_path, *args, "-f", fmt) == (2, "", expected), (args, fmt)
    # a YAML roster: at the worker
    text = (
        (SMALL / "roster.yaml").read_text(encoding="utf-8").replace("site: hongqi", "site: hongq")
    )
    (tmp_path / "roster.yaml").write_text(text, encoding="utf-8")
    code, _, err = cli(tmp_path, "budget", pops, "roster.yaml")
    assert code == 2
    assert err.startswith("error: roster.yaml:") and "workers[3].site: 'hongq' is not a site" in err


def test_allow_unknown_sites_makes_it_a_warning_in_every_format(tmp_path: Path) -> None:
    rows = [r.replace("W003,王五,jinjiang", "W003,王五,jinjang") for r in ROWS]
    write(tmp_path, "roster.csv", [KEYS, *rows])
    pops = SMALL / "populations.yaml"
    warning = "worker W003 is at site 'jinjang', which is not in the populations; not counted"
    for command in (["staff", pops, "--roster", "roster.csv"], ["budget", pops, "roster.csv"]):
        code, out, err = cli(tmp_path, *command, "--allow-unknown-sites", "-f", "json")
        assert (code, err) == (0, f"warning: {warning}\n"), command
        assert json.loads(out)["warnings"] == [warning]
        for fmt in ("table", "markdown"):
            code, out, _ = cli(tmp_path, *command, "--allow-unknown-sites", "-f", fmt)
            assert code == 0 and warning in out, (command, fmt)


# --------------------------------------------------------------------------- cells


def test_a_table_row_with_both_hired_and_years_uses_hired_and_notes_disagreements(
    tmp_path: Path,
) -> None:
    # W001 hired 2016-09-01: 9 years at 2026-01-01. Row 2 gives 9 (agrees), row 3 gives 7.
    rows = [r.split(",") for r in ROWS]
    rows[0][7] = "9"
    rows[2][7] = "7"  # W003 hired 2024-03-15: 1 year, not 7
    write(tmp_path, "roster.csv", [KEYS, *(",".join(r) for r in rows)])
    write_xlsx(tmp_path / "roster.xlsx", [KEYS.split(","), *rows])
    day = ("--as-of", "2026-01-01")
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json", *day)
    assert code == 0
    for name, at in (("roster.csv", "4:7"), ("roster.xlsx", "Sheet!G4")):
        note = (
            f"note: {name}: hired and years_of_service disagree at 2026-01-01 in {at}; "
            "hired was used\n"
        )
        for fmt in ("json", "csv", "table"):
            code, out, err = cli(tmp_path, "pay", name, "-f", fmt, *day)
            assert (code, err) == (0, note), (name, fmt)
        # the numbers are those of hired alone
        assert cli(tmp_path, "pay", name, "-f", "json", *day)[1] == plain
    # in YAML both stay an error
    text = (SMALL / "roster.yaml").read_text(encoding="utf-8")
    text = text.replace("hired: 2016-09-01", "hired: 2016-09-01\n    years_of_service: 9", 1)
    (tmp_path / "roster.yaml").write_text(text, encoding="utf-8")
    code, _, err = cli(tmp_path, "pay", "roster.yaml")
    assert code == 2 and "give either hired or years_of_service, not both" in err


def test_the_date_forms_of_bureau_sheets(tmp_path: Path) -> None:
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    assert code == 0
    forms = ["2016-9-1", "2016/9/1", "2016.9.1", "2016年9月1日", "20160901", "2016 年 9 月 1 日"]
    for form in forms:  # W001's 2016-09-01, written as sheets write it
        write(tmp_path, "roster.csv", [KEYS, *(r.replace("2016-09-01", form) for r in ROWS)])
        assert cli(tmp_path, "pay", "roster.csv", "-f", "json") == (0, plain, ""), form
    # a date cell with a time of day is its day
    import datetime as dt

    rows: list[list[Any]] = [r.split(",") for r in ROWS]
    rows[0][6] = dt.datetime(2016, 9, 1, 8, 30)
    write_xlsx(tmp_path / "roster.xlsx", [KEYS.split(","), *rows])
    assert cli(tmp_path, "pay", "roster.xlsx", "-f", "json") == (0, plain, "")


def test_a_month_without_a_day_is_its_first_and_an_excel_serial_is_an_error_at_its_cell(
    tmp_path: Path,
) -> None:
    # W001's 2016-09-01 written as a month: read as 2016-09-01, the same pay, one note
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    for text in ("2016.09", "2016年9月", "2016-09", "201609"):
        write(tmp_path, "roster.csv", [KEYS, *(r.replace("2016-09-01", text) for r in ROWS)])
        note = (
            "note: roster.csv: 1 date(s) written as a month without a day (2:7) were read as "
            "the 1st of that month\n"
        )
        assert cli(tmp_path, "pay", "roster.csv", "-f", "json") == (0, plain, note), text
    message = (
        "'42614' looks like an Excel date serial number (a date in a cell not formatted "
        "as a date); format the cell as a date, or write YYYY-MM-DD"
    )
    write(tmp_path, "roster.csv", [KEYS, *(r.replace("2016-09-01", "42614") for r in ROWS)])
    for fmt in ("json", "csv", "table"):
        code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", fmt, "--as-of", "2026-01-01")
        assert (code, out, err) == (2, "", f"error: roster.csv:2:7: hired: {message}\n")
    # in a workbook, a number cell in the hired column
    rows: list[list[Any]] = [r.split(",") for r in ROWS]
    rows[0][6] = 42614
    write_xlsx(tmp_path / "roster.xlsx", [KEYS.split(","), *rows])
    code, _, err = cli(tmp_path, "pay", "roster.xlsx")
    assert (code, err) == (2, f"error: roster.xlsx:Sheet!G2: hired: {message}\n")


def test_a_number_id_formatted_0000_keeps_its_displayed_text(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(KEYS.split(","))
    for row in ROWS:
        sheet.append(row.split(","))
    for i in range(2, 8):  # W001..W006 -> the numbers 1..6, shown as 0001..0006
        sheet.cell(i, 1).value = i - 1
        sheet.cell(i, 1).number_format = "0000"
    book.save(tmp_path / "roster.xlsx")
    write(tmp_path, "roster.csv", [KEYS, *(r.replace("W", "0", 1) for r in ROWS)])
    code, out, err = cli(tmp_path, "pay", "roster.xlsx", "-f", "json")
    assert (code, err) == (0, "")
    assert [w["id"] for w in json.loads(out)["workers"]] == [f"000{i}" for i in range(1, 7)]
    assert cli(tmp_path, "pay", "roster.csv", "-f", "json") == (0, out, "")


# --------------------------------------------------------------------------- sheets


def roster_book(path: Path, sheets: list[tuple[str, list[str], str]]) -> None:
    """A workbook of (title, rows, state) sheets; the default sheet is removed."""
    import openpyxl

    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row.split(","))
    book.save(path)


NOTES_SHEET = ["填表说明", "1. 每人一行", "2. 日期写作 2016-09-01"]


def test_the_sheet_is_the_one_visible_sheet_whose_header_fits(tmp_path: Path) -> None:
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    roster_book(
        tmp_path / "roster.xlsx",
        [("填表说明", NOTES_SHEET, "visible"), ("花名册", [CN, *ROWS], "visible")],
    )
    assert cli(tmp_path, "pay", "roster.xlsx", "-f", "json") == (0, plain, "")


def test_two_fitting_sheets_are_an_error_unless_one_is_named(tmp_path: Path) -> None:
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    roster_book(
        tmp_path / "roster.xlsx",
        [("2025", [CN, *ROWS[:2]], "visible"), ("2026", [CN, *ROWS], "visible")],
    )
    assert cli(tmp_path, "pay", "roster.xlsx", "-f", "json") == (
        2,
        "",
        "error: roster.xlsx: has 2 sheets that hold such a table ('2025', '2026'); name the "
        "one to read, as roster.xlsx#SHEET\n",
    )
    assert cli(tmp_path, "pay", "roster.xlsx#2026", "-f", "json") == (0, plain, "")
    assert cli(tmp_path, "pay", "roster.xlsx#2024") == (
        2,
        "",
        "error: roster.xlsx: has no sheet '2024'; its sheets: '2025', '2026'\n",
    )


def test_a_hidden_sheet_is_read_only_when_named(tmp_path: Path) -> None:
    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    roster_book(
        tmp_path / "roster.xlsx",
        [("旧表", [CN, *ROWS[:2]], "hidden"), ("花名册", [CN, *ROWS], "visible")],
    )
    assert cli(tmp_path, "pay", "roster.xlsx", "-f", "json") == (0, plain, "")
    code, out, err = cli(tmp_path, "pay", "roster.xlsx#旧表", "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["totals"]["workers"] == 2


# --------------------------------------------------------------------------- one cause


def test_a_title_with_no_header_below_says_so_first_and_caps_the_repeats(tmp_path: Path) -> None:
    # a title row, then rows of data but no header row among the first 20
    write(tmp_path, "roster.csv", ["万州区社会工作者花名册", *ROWS * 10])
    code, out, err = cli(tmp_path, "pay", "roster.csv")
    lines = err.splitlines()
    assert (code, out) == (2, "")
    assert lines[0] == (
        "error: roster.csv:1:1: no header found: no row among the first 20 holds the columns "
        "a roster file needs, so the first row ('万州区社会工作者花名册') was read as one"
    )
    # 60 rows of 9 cells against a header of 1: three shown, the rest counted
    width = [line for line in lines if "cells but the header has 1" in line]
    assert width == [
        f"error: roster.csv:{n}: row has 9 cells but the header has 1" for n in (2, 3, 4)
    ]
    assert lines[-1] == "error: roster.csv: ... and 57 more like it"


def test_swapped_populations_and_roster_say_so_first(tmp_path: Path) -> None:
    order = (
        "check the order of the files: staff POPULATIONS --roster ROSTER, budget POPULATIONS ROSTER"
    )
    # a table's cause is at its header, a YAML file's at its first key
    for roster, at in (("roster.csv", "1:1"), ("roster.yaml", "2:1")):
        code, out, err = cli(SMALL, "budget", roster, "populations.yaml")
        assert (code, out) == (2, ""), roster
        assert err.splitlines() == [
            f"error: {roster}:{at}: is a roster file, not a populations file; {order}",
            f"error: populations.yaml:2:1: is a populations file, not a roster file; {order}",
        ]


def test_a_merged_site_cell_applies_to_every_row_of_its_range(tmp_path: Path) -> None:
    import openpyxl

    code, plain, _ = cli(SMALL, "pay", "roster.csv", "-f", "json")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["花名册"])
    sheet.merge_cells("A1:I1")  # a title over the whole width
    sheet.append(CN.split(","))
    for row in ROWS:
        sheet.append(row.split(","))
    # 所在站点 (column C) merged over the three jinjiang workers, and the two baisha ones
    for top, bottom in ((3, 5), (7, 8)):
        for r in range(top + 1, bottom + 1):
            sheet.cell(r, 3).value = None
        sheet.merge_cells(f"C{top}:C{bottom}")
    book.save(tmp_path / "roster.xlsx")
    assert cli(tmp_path, "pay", "roster.xlsx", "-f", "json") == (0, plain, "")


def test_a_merged_number_cell_over_rows_is_an_error(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(POPULATIONS[0].split(","))
    for row in POPULATIONS[1:]:
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row.split(",")])
    sheet.merge_cells("D2:D3")  # 老年人 57 shared by jinjiang and hongqi
    book.save(tmp_path / "populations.xlsx")
    code, out, err = cli(tmp_path, "staff", "populations.xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "error: populations.xlsx:Sheet!D3: elderly: is part of a merged cell over several "
        "rows, and a number belongs to one row; unmerge the cells and give each row its own "
        "number\n"
    )


def populations_book(path: Path, cached: bool) -> None:
    """The small populations with jinjiang's 老年人 as the formula =50+7 (and a totals row
    of formulas); `cached`: with the value Excel saves beside a formula, as Excel does."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(POPULATIONS[0].split(","))
    for row in POPULATIONS[1:]:
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row.split(",")])
    sheet["D2"] = "=50+7"
    sheet.append(["合计", None, None, "=SUM(D2:D4)"])
    book.save(path)
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    xml = files["xl/worksheets/sheet1.xml"].decode()
    if cached:
        xml = xml.replace("<f>50+7</f><v />", "<f>50+7</f><v>57</v>")
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_a_formula_cell_is_read_as_its_saved_value(tmp_path: Path) -> None:
    populations_book(tmp_path / "populations.xlsx", cached=True)
    code, out, err = cli(
        tmp_path, "staff", "populations.xlsx", "--roster", SMALL / "roster.csv", "-f", "json"
    )
    # the totals row's formula has no saved value, but the row is skipped, not read
    assert (code, err) == (
        0,
        "note: populations.xlsx sheet Sheet: skipped row 5: a totals row\n" + CLIENTS,
    )
    same_numbers(json.loads(out), small_staff_json())


def test_a_formula_without_a_saved_value_is_an_error_at_its_cell(tmp_path: Path) -> None:
    populations_book(tmp_path / "populations.xlsx", cached=False)
    code, out, err = cli(tmp_path, "staff", "populations.xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "note: populations.xlsx sheet Sheet: skipped row 5: a totals row\n"
        "error: populations.xlsx:Sheet!D2: elderly: formula '=50+7' has no saved value; open "
        "the file in Excel and save it, or type the value\n"
    )


def test_a_roster_site_may_be_the_site_name(tmp_path: Path) -> None:
    names = {"jinjiang": "金江社区", "hongqi": "红旗社区", "baisha": "白沙镇社工站"}
    rows = []
    for row in ROWS:
        cells = row.split(",")
        cells[2] = names[cells[2]]
        rows.append(",".join(cells))
    write(tmp_path, "roster.csv", [KEYS, *rows])
    pops = SMALL / "populations.yaml"
    for command in (["staff", pops, "--roster"], ["budget", pops]):
        by_id = cli(SMALL, *command, "roster.csv", "-f", "json")
        assert by_id[0] == 0
        assert cli(tmp_path, *command, "roster.csv", "-f", "json") == by_id, command


def test_a_site_name_two_sites_share_is_an_error(tmp_path: Path) -> None:
    text = (SMALL / "populations.yaml").read_text(encoding="utf-8")
    (tmp_path / "populations.yaml").write_text(
        text.replace("红旗社区", "金江社区"), encoding="utf-8"
    )
    rows = [r.replace("W003,王五,jinjiang", "W003,王五,金江社区") for r in ROWS]
    write(tmp_path, "roster.csv", [KEYS, *rows])
    code, out, err = cli(tmp_path, "staff", "populations.yaml", "--roster", "roster.csv")
    assert (code, out, err) == (
        2,
        "",
        "error: roster.csv:4:3: site: '金江社区' is the name of 2 sites (jinjiang, hongqi); "
        "write the site's id instead\n",
    )


def test_rules_add_headers_and_ignore_columns(tmp_path: Path) -> None:
    # 社工证等级 is no built-in header: the rules name it as `title`. 职称取得时间 contains
    # the title header 职称, so unless the rules ignore it, it is a "did you mean" error.
    write(
        tmp_path,
        "rules.yaml",
        [
            "extends: national",
            "name: bureau",
            "columns:",
            "  roster: {title: [社工证等级], ignore: [职称取得时间]}",
        ],
    )
    cn = CN.replace("职称", "社工证等级") + ",职称取得时间"
    write(tmp_path, "keys.csv", [KEYS, *ROWS])
    write(tmp_path, "cn.csv", [cn, *(r + ",2019-01-01" for r in ROWS)])
    write_xlsx(
        tmp_path / "cn.xlsx", [cn.split(","), *(r.split(",") + ["2019-01-01"] for r in ROWS)]
    )
    code, keys, err = cli(tmp_path, "pay", "keys.csv", "--rules", "rules.yaml", "-f", "json")
    assert (code, err) == (0, "")
    for name in ("cn.csv", "cn.xlsx"):  # same numbers, and no note about the ignored column
        assert cli(tmp_path, "pay", name, "--rules", "rules.yaml", "-f", "json") == (0, keys, "")
    code, _, err = cli(tmp_path, "pay", "cn.csv", "-f", "json")  # national rules: neither
    assert code == 2 and "'社工证等级'" in err and "'职称取得时间' (did you mean 'title'?)" in err


def test_rules_columns_must_name_real_columns(tmp_path: Path) -> None:
    write(
        tmp_path,
        "rules.yaml",
        ["extends: national", "name: bureau", "columns:", "  passes: {titel: [职称]}"],
    )
    write(tmp_path, "keys.csv", [KEYS, *ROWS])
    code, _, err = cli(tmp_path, "pay", "keys.csv", "--rules", "rules.yaml")
    assert code == 2
    assert "columns.passes.titel" in err and "not a column of a passes file" in err, err


def test_a_two_row_header_is_read_as_one(tmp_path: Path) -> None:
    import openpyxl

    # 服务对象（人） is merged over C2:D2; below it 老年人 | 儿童 name the categories, and
    # 站点编号 | 站点名称 are merged down over rows 2-3. Data starts at row 4.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026年站点服务对象统计"])
    sheet.append(["站点编号", "站点名称", "服务对象（人）", None])
    sheet.append([None, None, "老年人", "儿童"])
    sheet.append(["s1", "一号社区", 57, 12])
    sheet.append(["s2", "二号社区", 8, 0])
    for ref in ("C2:D2", "A2:A3", "B2:B3"):
        sheet.merge_cells(ref)
    book.save(tmp_path / "pops.xlsx")
    write(
        tmp_path,
        "pops.yaml",
        [
            "sites:",
            "  - {id: s1, name: 一号社区, clients: {elderly: 57, children: 12}}",
            "  - {id: s2, name: 二号社区, clients: {elderly: 8}}",
        ],
    )
    # the same table as CSV: a merged cell keeps its text in its first cell only
    write(
        tmp_path,
        "pops.csv",
        [
            "站点编号,站点名称,服务对象（人）,",
            ",,老年人,儿童",
            "s1,一号社区,57,12",
            "s2,二号社区,8,0",
        ],
    )
    code, expected, err = cli(tmp_path, "staff", "pops.yaml", "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(expected)["sites"][0]["covers"] == ["elderly", "children"]
    for name in ("pops.xlsx", "pops.csv"):
        code, out, err = cli(tmp_path, "staff", name, "-f", "json")
        # 57 + 8 elderly, 12 children: the clients read, to hold against the sheet
        assert (code, err) == (0, "note: read 77 clients: Elderly 65, Children 12\n"), name
        assert json.loads(out)["sites"] == json.loads(expected)["sites"], name


def test_hash_star_reads_every_fitting_sheet_as_one_table(tmp_path: Path) -> None:
    import openpyxl

    # one sheet per township, a 填表说明 sheet beside them and a hidden old version
    half = len(ROWS) // 2
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "金江镇"
    second = book.create_sheet("红旗镇")
    first.append(["金江镇社工花名册"])  # a title above the header: rows shift by one
    for sheet, rows in ((first, ROWS[:half]), (second, ROWS[half:])):
        sheet.append(CN.split(","))
        for row in rows:
            sheet.append(row.split(","))
        sheet.append(["合计"])
    book.create_sheet("填表说明").append(["请按模板填写"])
    old = book.create_sheet("旧版")
    old.append(CN.split(","))
    old.append(ROWS[0].split(","))
    old.sheet_state = "hidden"
    book.save(tmp_path / "all.xlsx")
    write(tmp_path, "keys.csv", [KEYS, *ROWS])
    code, keys, err = cli(tmp_path, "pay", "keys.csv", "-f", "json")
    assert (code, err) == (0, "")
    code, out, err = cli(tmp_path, "pay", "all.xlsx#*", "-f", "json")
    assert (code, out) == (0, keys)
    # each sheet's totals row is named with its own sheet: 金江镇 has the title in row 1,
    # the header in row 2 and its rows in 3..half+2, so the totals are in row half+3
    assert f"sheet 金江镇: skipped row {half + 3}: a totals row" in err, err
    assert f"sheet 红旗镇: skipped row {len(ROWS) - half + 2}: a totals row" in err, err
    # without #*, two fitting sheets are an error that names them
    code, _, err = cli(tmp_path, "pay", "all.xlsx")
    assert code == 2 and "'金江镇', '红旗镇'" in err
    # a bad cell in the second sheet is named with that sheet: row 2, 学历 is column D
    second["D2"] = "小学"
    book.save(tmp_path / "all.xlsx")
    code, _, err = cli(tmp_path, "pay", "all.xlsx#*")
    assert code == 2 and "all.xlsx:红旗镇!D2: education:" in err, err


def test_site_ids_are_any_short_printable_text(tmp_path: Path) -> None:
    # a bureau's own site codes: Chinese, with a space inside, with spaces around
    write(
        tmp_path,
        "pops.yaml",
        [
            "sites:",
            "  - {id: 金江社区, clients: {elderly: 57}}",
            "  - {id: 'JJ 01 ', clients: {elderly: 8}}",
        ],
    )
    write(tmp_path, "pops.csv", ["站点编号,老年人", "金江社区,57", " JJ 01 ,8"])
    roster = [KEYS, "W1,,金江社区,bachelor,none,,2016-09-01,,", "W2,,JJ 01 ,bachelor,none,,,3,"]
    write(tmp_path, "roster.csv", roster)
    code, yaml_out, err = cli(
        tmp_path, "staff", "pops.yaml", "--roster", "roster.csv", "-f", "json"
    )
    assert (code, err) == (0, ""), err
    assert [s["id"] for s in json.loads(yaml_out)["sites"]] == ["金江社区", "JJ 01"]
    code, out, _ = cli(tmp_path, "staff", "pops.csv", "--roster", "roster.csv", "-f", "json")
    # the same, but for the note of the clients read from a table
    table_out, yaml_doc = json.loads(out), json.loads(yaml_out)
    assert (table_out.pop("notes"), yaml_doc.pop("notes")) == (["read 65 clients: Elderly 65"], [])
    assert (code, table_out) == (0, yaml_doc)
    # the streamed pay path writes such a site as JSON and CSV text
    code, out, err = cli(tmp_path, "pay", "roster.csv", "-f", "json")
    assert code == 0 and [w["site"] for w in json.loads(out)["workers"]] == ["金江社区", "JJ 01"]
    # 65 characters, and a tab inside, are errors that say so
    long = "站" * 65
    write(tmp_path, "bad.csv", ["id,elderly", f"{long},1", '"a\tb",1'])
    code, _, err = cli(tmp_path, "staff", "bad.csv")
    assert code == 2
    assert "bad.csv:2:1: id:" in err and "has 65 characters; a site id has at most 64" in err
    assert "bad.csv:3:1: id:" in err and "control character (U+0009)" in err, err
