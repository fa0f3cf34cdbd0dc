"""Bureau documents out: Excel workbooks, Chinese throughout, narrow terminals, init."""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ROOT, V1_RULES
from typer.testing import CliRunner

from swplan.cli import app

SMALL = ROOT / "examples" / "small"
POPS = str(SMALL / "populations.yaml")
ROSTER = str(SMALL / "roster.yaml")
PASSES = str(SMALL / "passes.yaml")
LEDGER = str(SMALL / "ledger.csv")


def cli(*args: Any, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


COMMANDS = {
    "staff": ["staff", POPS, "--roster", ROSTER],
    "pay": ["pay", ROSTER, "--by", "site"],
    "awards": ["awards", ROSTER, "--passes", PASSES, "--ledger", LEDGER, "--as-of", "2026-03-01"],
    "budget": ["budget", POPS, ROSTER, "--passes", PASSES, "--ledger", LEDGER, "--by", "site"],
}


def workbook(tmp_path: Path, name: str, *extra: str) -> tuple[Any, dict[str, Any]]:
    """The command's workbook (via --output NAME.xlsx, no --format) and its JSON."""
    out = tmp_path / f"{name}.xlsx"
    result = cli(*COMMANDS[name], *extra, "--output", out)
    assert result.exit_code == 0, result.stderr
    data = cli(*COMMANDS[name], *extra, "--format", "json")
    assert data.exit_code == 0, data.stderr
    return openpyxl.load_workbook(out), json.loads(data.stdout)


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def table(ws: Any) -> list[tuple[Any, ...]]:
    """The sheet's table: the header row (row 3, under the title and the unit line),
    the rows and the totals row, up to the first empty row."""
    header = next(ws.iter_rows(min_row=3, max_row=3, values_only=True))
    width = max(i for i, v in enumerate(header) if v is not None) + 1  # the page may be wider
    out = []
    for row in ws.iter_rows(min_row=3, max_col=width, values_only=True):
        if all(v is None for v in row):
            break
        out.append(row)
    return out


def money(value: Any) -> str:
    """A money cell read back as the JSON writes it."""
    assert isinstance(value, int | float), value
    return f"{Decimal(str(value)):.2f}"


def series_refs(ws: Any) -> list[str]:
    return [s.val.numRef.f for chart in ws._charts for s in chart.series]


def assert_sheet_basics(ws: Any) -> None:
    assert ws.freeze_panes == "A4"  # under the title, the unit line and the header
    assert ws.print_title_rows == "$3:$3"
    assert all(c.font.bold for c in ws[3] if c.value is not None)


# --------------------------------------------------------------------------- xlsx


def test_budget_workbook_numbers_are_the_json(tmp_path: Path) -> None:
    book, data = workbook(tmp_path, "budget")
    lines = book["Budget"]
    assert_sheet_basics(lines)
    body = table(lines)
    assert body[0] == ("Item", "Amount")
    assert [money(r[1]) for r in body[1:5]] == [line["amount"] for line in data["lines"]]
    assert body[5][0] == "Total" and money(body[5][1]) == data["total"]
    assert lines.cell(8, 1).font.bold and lines.cell(8, 2).font.bold
    assert lines.cell(4, 2).number_format == "#,##0.00"
    assert series_refs(lines) == ["'Budget'!$B$4:$B$7"]  # the four lines, not the total
    by_site = book["By site"]
    assert_sheet_basics(by_site)
    for row, site in zip(table(by_site)[1:], data["sites"], strict=False):
        assert row[0] == site["id"] and row[1] == site["name"]
        assert [money(v) for v in row[2:7]] == [
            site[k] for k in ("current_staff", "new_hires", "awards", "training", "total")
        ]
    assert series_refs(by_site) == ["'By site'!$G$4:$G$6"]
    short = book["Sites short"]
    # baisha: 4 required, 2 current, 2 short; jinjiang: 4, 3, 1
    assert table(short)[1][:5] == ("baisha", "白沙镇社工站", 4, 2, 2)
    assert table(short)[2][:5] == ("jinjiang", "金江社区", 4, 3, 1)
    assert series_refs(short) == ["'Sites short'!$E$4:$E$5"]
    assert "Assumptions" in book.sheetnames


def test_staff_workbook_has_sites_and_a_chart_of_required_and_current(tmp_path: Path) -> None:
    book, data = workbook(tmp_path, "staff")
    ws = book["Sites"]
    assert_sheet_basics(ws)
    header = table(ws)[0]
    at = {h: i for i, h in enumerate(header)}
    for row, site in zip(table(ws)[1:4], data["sites"], strict=True):
        assert row[at["Site"]] == site["id"]
        assert row[at["Required"]] == site["required"]
        assert row[at["Current"]] == site["current"]
        assert f"{Decimal(str(row[at['Workload FTE']])):.2f}" == site["workload_fte"]
    totals = table(ws)[4]
    assert totals[0] == "Total" and totals[at["Required"]] == data["totals"]["required"] == 9
    refs = series_refs(ws)
    col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert refs == [
        f"'Sites'!${col[at['Required']]}$4:${col[at['Required']]}$6",
        f"'Sites'!${col[at['Current']]}$4:${col[at['Current']]}$6",
    ]


def test_pay_workbook_money_exact_and_cost_by_grade_chart(tmp_path: Path) -> None:
    book, data = workbook(tmp_path, "pay")
    ws = book["Workers"]
    assert_sheet_basics(ws)
    header = table(ws)[0]
    at = {h: i for i, h in enumerate(header)}
    body = table(ws)[1:]
    for row, worker in zip(body, data["workers"], strict=False):
        assert row[at["Worker"]] == worker["id"]
        assert money(row[at["Annual cost"]]) == worker["annual_cost"]
        assert money(row[at["Employer contributions"]]) == worker["monthly_contributions"]
    total_row = body[len(data["workers"])]
    assert total_row[0] == "Total"
    assert money(total_row[at["Annual cost"]]) == data["totals"]["annual_cost"]
    assert ws.cell(4, at["Annual cost"] + 1).number_format == "#,##0.00"
    by_site = book["By site"]
    assert [r[0] for r in table(by_site)[1:-1]] == [s["site"] for s in data["by_site"]]
    assert [money(r[-1]) for r in table(by_site)[1:-1]] == [
        s["annual_cost"] for s in data["by_site"]
    ]
    by_grade = book["By grade"]
    grade_rows = table(by_grade)[1:-1]
    # the grades' costs add up to the total cost
    assert sum(Decimal(money(r[2])) for r in grade_rows) == Decimal(data["totals"]["annual_cost"])
    assert series_refs(by_grade) == [f"'By grade'!$C$4:$C${3 + len(grade_rows)}"]


def test_awards_workbook_due_not_due_by_exam(tmp_path: Path) -> None:
    book, data = workbook(tmp_path, "awards")
    assert book.sheetnames == ["Due", "Not due", "By exam"]
    due = [a for a in data["awards"] if a["status"] == "due"]
    body = table(book["Due"])[1:]
    assert [(r[0], money(r[7])) for r in body[:-1]] == [(a["worker_id"], a["amount"]) for a in due]
    assert money(body[-1][7]) == data["totals"]["due"]
    assert book["Due"].cell(4, 5).is_date and book["Due"].cell(4, 5).number_format == "yyyy-mm-dd"
    assert len(table(book["Not due"])) - 2 == len(data["awards"]) - len(due)
    by_exam = book["By exam"]
    assert sum(r[1] for r in table(by_exam)[1:-1]) == data["totals"]["count_due"]
    assert series_refs(by_exam) == [f"'By exam'!$C$4:$C${len(table(by_exam)) + 1}"]


def test_formula_like_names_are_text_in_the_workbook(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n  - {id: W1, name: '=HYPERLINK(\"x\")', site: s1, education: bachelor,"
        " title: none, years_of_service: 1}\n",
        encoding="utf-8",
    )
    out = tmp_path / "pay.xlsx"
    assert cli("pay", roster, "-o", out).exit_code == 0
    cell = openpyxl.load_workbook(out)["Workers"]["B4"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'


def test_zh_workbook_headers(tmp_path: Path) -> None:
    book, _ = workbook(tmp_path, "budget", "--lang", "zh")
    assert book.sheetnames == ["预算", "经济分类", "各站点", "缺编站点", "测算依据"]
    assert table(book["预算"])[0] == ("项目", "金额")
    assert table(book["预算"])[-1][0] == "合计"


def test_output_extension_contradicting_format_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("pay", ROSTER, "--format", "json", "--output", tmp_path / "pay.csv")
    assert result.exit_code == 2
    assert "--format is json" in result.stderr
    assert not (tmp_path / "pay.csv").exists()
    # an extension naming the format given, or naming none, is fine
    assert cli("pay", ROSTER, "-f", "csv", "-o", tmp_path / "pay.csv").exit_code == 0
    assert cli("pay", ROSTER, "-o", tmp_path / "pay.json").stdout == ""
    assert json.loads((tmp_path / "pay.json").read_text(encoding="utf-8"))["schema"]


def test_xlsx_is_refused_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from swplan.errors import InputError
    from swplan.render import resolve_format

    monkeypatch.setattr("sys.stdout", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    with pytest.raises(InputError, match="stdout is a terminal"):
        resolve_format("xlsx", None)
    assert resolve_format("xlsx", "x.xlsx") == "xlsx"


def test_xlsx_bytes_on_a_pipe() -> None:
    result = cli(*COMMANDS["staff"], "-f", "xlsx")
    assert result.exit_code == 0
    assert result.stdout_bytes[:2] == b"PK"  # a zip: the workbook
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert book.sheetnames == ["Sites"]


# --------------------------------------------------------------------------- zh


def vocabulary_keys() -> set[str]:
    from swplan.io.rules_file import load_rules

    r = load_rules(None)
    keys = set(r.categories) | set(r.pay.posts) | set(r.awards.exams)
    keys |= set(r.pay.points.education) | set(r.pay.points.title) | set(r.pay.points.performance)
    keys |= set(r.pay.contributions.rates) | set(r.staffing.minimum_posts)
    keys |= {"township_station", "due", "already_paid", "duplicate", "expired"}
    keys |= {"current_staff", "new_hires", "awards", "training", "top_up"}
    return keys


def english_keys(text: str) -> set[str]:
    # file names and key paths are places, not words: leave them out
    text = re.sub(r"[\w./-]+\.(yaml|csv|xlsx)(:[\w!:]+)?", " ", text)
    words = set(re.findall(r"[A-Za-z_]+", text))
    return words & vocabulary_keys()


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_zh_output_has_no_english_vocabulary_key(name: str, fmt: str) -> None:
    result = cli(*COMMANDS[name], "--lang", "zh", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert english_keys(result.stdout + result.stderr) == set()
    if fmt == "csv":  # every header cell in Chinese
        header = result.stdout.splitlines()[0]
        assert header.startswith("\ufeff") and not re.search(r"[A-Za-z]", header), header


def test_zh_explain_has_no_english_vocabulary_key() -> None:
    result = cli("pay", ROSTER, "--explain", "W001", "--lang", "zh")
    assert result.exit_code == 0
    assert "正职" in result.stdout or "一般" in result.stdout
    assert english_keys(result.stdout) == set()


def test_zh_error_keeps_place_and_value_in_chinese_words(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n  - {id: W1, site: s1, education: bachlor, title: none, years_of_service: 1}\n",
        encoding="utf-8",
    )
    result = cli("pay", roster, "--lang", "zh")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"错误：{roster}:2:")
    assert "workers[0].学历: 'bachlor' 不在可选值中" in line
    assert "is not one of" not in line
    from swplan.i18n import labels_accepted

    if labels_accepted():  # a roster may name the words by their labels: list those
        assert "中专、大专、本科、硕士、博士" in line
        assert english_keys(line) == set()


def test_zh_error_about_the_rules_lists_the_keys_a_rules_file_takes() -> None:
    from swplan.rules.problems import not_one_of

    text = not_one_of("average", ["excellent", "good"]).text("zh")
    assert text == "'average' 不在可选值中：excellent, good"


def test_swplan_lang_is_the_default_language() -> None:
    result = cli(*COMMANDS["staff"], env={"SWPLAN_LANG": "zh"})
    assert "所需岗位" in result.stdout
    result = cli(*COMMANDS["staff"], "--lang", "en", env={"SWPLAN_LANG": "zh"})
    assert "Required" in result.stdout


def test_bom_on_zh_csv_only() -> None:
    zh = cli("pay", ROSTER, "--lang", "zh", "-f", "csv").stdout
    en = cli("pay", ROSTER, "-f", "csv").stdout
    assert zh.startswith("\ufeff工号,姓名,站点,岗位,")
    assert en.startswith("id,name,site,post,")
    assert "\ufeff" not in en
    # labels from the rules in zh cells, keys in en cells
    assert ",一般," in zh.splitlines()[1] or ",正职," in zh.splitlines()[1]


def test_budget_headline_and_notes_as_a_chinese_reader_writes_them() -> None:
    out = cli(*COMMANDS["budget"], "--lang", "zh").stdout.splitlines()
    assert out[0].startswith("预算 2026")
    # the headline directly under its title
    assert re.fullmatch(r"2026年度预算：[\d,]+\.\d\d元；.*", out[1])
    assert any(re.fullmatch(r"考试奖励：应发\d+人次，[\d,]+\.\d\d元", line) for line in out)


def test_thousands_separators_in_tables_not_in_json_or_csv() -> None:
    v1 = ("--rules", V1_RULES)  # the figures of the README's version-1 walk-through
    table = cli(*COMMANDS["budget"], *v1).stdout
    assert "498,643.60" in table
    assert '"498643.60"' in cli(*COMMANDS["budget"], *v1, "-f", "json").stdout
    assert ",249701.20," in cli(*COMMANDS["budget"], *v1, "-f", "csv").stdout  # --by site: sites


# --------------------------------------------------------------------------- budget --by site


def test_budget_by_site_sums_exactly_to_the_lines() -> None:
    data = json.loads(cli(*COMMANDS["budget"], "--rules", V1_RULES, "-f", "json").stdout)
    for line in data["lines"]:
        assert sum(Decimal(s[line["item"]]) for s in data["sites"]) == Decimal(line["amount"])
    assert sum(Decimal(s["total"]) for s in data["sites"]) == Decimal(data["total"])
    baisha = next(s for s in data["sites"] if s["id"] == "baisha")
    # 2 short at baisha: 2 x 66,376.80 (one new hire's annual cost) = 132,753.60;
    # training 500 x (2 current + 2 short) = 2,000.00
    assert baisha["new_hires"] == "132753.60" and baisha["training"] == "2000.00"


def test_budget_by_site_attributes_workers_at_unknown_sites_to_their_site_id(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.yaml"
    text = (SMALL / "roster.yaml").read_text(encoding="utf-8")
    roster.write_text(text.replace("site: hongqi", "site: nowhere", 1), encoding="utf-8")
    result = cli("budget", POPS, roster, "--by", "site", "-f", "json", "--allow-unknown-sites")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    nowhere = next(s for s in data["sites"] if s["id"] == "nowhere")
    assert nowhere["name"] is None and nowhere["new_hires"] == "0.00"
    assert sum(Decimal(s["total"]) for s in data["sites"]) == Decimal(data["total"])


# --------------------------------------------------------------------------- terminals


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("name", ["staff", "pay", "awards", "budget"])
def test_narrow_terminal_keeps_every_id(name: str, width: int) -> None:
    from swplan.render_table import render_table

    data = json.loads(cli(*COMMANDS[name], "-f", "json").stdout)
    report = build_report(name)
    out = io.StringIO()
    render_table(report, out, color=True, width=width)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert max(len(line) for line in text.splitlines()) <= width
    ids = {
        "staff": [s["id"] for s in data.get("sites", [])],
        "pay": [w["id"] for w in data.get("workers", [])],
        "awards": [a["worker_id"] for a in data.get("awards", [])],
        "budget": [s["id"] for s in data.get("sites", [])],
    }[name]
    for ident in ids:
        assert re.search(rf"(^|\W){re.escape(ident)}(\W|$)", text, re.M), (ident, text)


def build_report(name: str) -> Any:
    import datetime as dt

    from swplan import load_ledger, load_passes, load_populations, load_roster
    from swplan.calc.awards import awards
    from swplan.calc.budget import budget, site_budgets
    from swplan.calc.pay import pay
    from swplan.calc.staffing import RosterCounts, staff
    from swplan.io.rules_file import load_rules
    from swplan.report.awards import awards_report
    from swplan.report.budget import budget_report
    from swplan.report.pay import pay_report
    from swplan.report.staff import staff_report

    r = load_rules(None)
    workers = load_roster(ROSTER, r)
    sites = load_populations(POPS, r).sites
    if name == "staff":
        return staff_report(staff(r, sites, RosterCounts.of(workers, r)), r, "en")
    if name == "pay":
        return pay_report(pay(r, workers, r.effective), r, "en", "site")
    passes, ledger = load_passes(PASSES, r), load_ledger(LEDGER)
    if name == "awards":
        return awards_report(awards(r, workers, passes, ledger, dt.date(2026, 3, 1)), r, "en")
    result = budget(r, sites, workers, passes, ledger)
    return budget_report(result, r, "en", sites=site_budgets(r, result, workers))


# --------------------------------------------------------------------------- once


def test_warnings_are_printed_once(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    text = (SMALL / "roster.yaml").read_text(encoding="utf-8")
    roster.write_text(text.replace("site: hongqi", "site: nowhere", 1), encoding="utf-8")
    table = cli("staff", POPS, "--roster", roster, "--allow-unknown-sites")
    assert (table.stdout + table.stderr).count("'nowhere'") == 1
    as_json = cli("staff", POPS, "--roster", roster, "-f", "json", "--allow-unknown-sites")
    assert as_json.stderr.count("'nowhere'") == 1  # JSON on stdout: the warning on stderr
    book = tmp_path / "staff.xlsx"
    in_book = cli("staff", POPS, "--roster", roster, "-o", book, "--allow-unknown-sites")
    assert in_book.stderr.count("'nowhere'") == 1  # a file: the warning on stderr too
    notes = [r[0] for r in rows(openpyxl.load_workbook(book)["Sites"]) if r[0]]
    assert any("'nowhere'" in str(n) for n in notes)


# --------------------------------------------------------------------------- init and help


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_files_pass_check_and_run_budget(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "new"
    result = cli("init", target, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    files = sorted(target.iterdir())
    assert [f.name for f in files] == [
        "passes.xlsx",
        "populations.xlsx",
        "roster.xlsx",
        "rules.yaml",
    ]
    check = cli("check", *files, "--lang", lang)
    assert check.exit_code == 0, check.stderr
    # each workbook's one example row is marked (示例 / example) and skipped, with a note
    mark = "示例" if lang == "zh" else "example"
    for name in ("passes.xlsx", "populations.xlsx", "roster.xlsx"):
        book = openpyxl.load_workbook(target / name)
        sheet = book.worksheets[0]
        assert sheet["A2"].value == mark and sheet["A3"].value is None, name
        skipped = (
            f"{target / name} 工作表 {sheet.title}：跳过第 2 行（示例行）"
            if lang == "zh"
            else f"{target / name} sheet {sheet.title}: skipped row 2: an example row"
        )
        assert skipped in check.stderr, name
    budget_args = [
        "budget",
        target / "populations.xlsx",
        target / "roster.xlsx",
        "--passes",
        target / "passes.xlsx",
        "--rules",
        target / "rules.yaml",
    ]
    budget = cli(*budget_args, "-f", "json")
    assert budget.exit_code == 0, budget.stderr
    data = json.loads(budget.stdout)
    # nothing filled in yet: no site, no worker, so nothing to pay and no post short
    assert data["headcount"]["current"] == 0 and data["total"] == "0.00"
    assert "example row" in " ".join(data["notes"])
    shown = cli(*budget_args, "--lang", lang)
    assert shown.exit_code == 0 and ("0.00元" if lang == "zh" else "0.00 CNY") in shown.stdout
    roster = openpyxl.load_workbook(target / "roster.xlsx")
    ws = roster.worksheets[0]
    header = [c.value for c in ws[1]]
    from swplan.report.starter import chinese_headers

    if lang == "zh" and chinese_headers():  # the readers know 工号, 姓名, ...
        assert header[:5] == ["工号", "姓名", "站点", "学历", "职称"]
        header = ["id", "name", "site", "education", "title", "post", "hired", "yos", "performance"]
    else:
        assert header[:5] == ["id", "name", "site", "education", "title"]
    hired = "ABCDEFGHIJ"[header.index("hired")]
    assert ws[f"{hired}2"].is_date
    # a dropdown on every vocabulary column of every workbook, read from the options sheet
    vocab_columns = {
        "roster.xlsx": [header.index(c) for c in ("site", "education", "title", "post")]
        + [header.index("performance")],
        "populations.xlsx": [2],  # kind
        "passes.xlsx": [1],  # exam
    }
    for name, indexes in vocab_columns.items():
        sheet = openpyxl.load_workbook(target / name).worksheets[0]
        lists = {
            str(v.sqref).split(":")[0]: v.formula1
            for v in sheet.data_validations.dataValidation
            if v.type == "list"
        }
        for i in indexes:
            assert f"{'ABCDEFGHIJ'[i]}2" in lists, (name, i)
            assert "!$" in lists[f"{'ABCDEFGHIJ'[i]}2"]
    options = roster["选项" if lang == "zh" else "options"]
    # the education dropdown offers the rules' words (their Chinese labels in a zh
    # workbook, once input files accept labels)
    offered = [c.value for c in options["B"]]
    assert offered[0] == ("学历" if lang == "zh" else "education")
    assert "bachelor" in offered or (lang == "zh" and "本科" in offered)
    rules_text = (target / "rules.yaml").read_text(encoding="utf-8")
    assert rules_text.count("\n#") > 30 and "extends: national" in rules_text


def test_init_rows_filled_in_below_the_example_are_read(tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert cli("init", target, "--lang", "zh").exit_code == 0
    pops = openpyxl.load_workbook(target / "populations.xlsx")
    for j, value in enumerate(["jinjiang", "金江社区", "城市社区", 30], start=1):
        pops.worksheets[0].cell(3, j, value)
    pops.save(target / "populations.xlsx")
    roster = openpyxl.load_workbook(target / "roster.xlsx")
    for j, value in enumerate(["W001", "李四", "jinjiang", "本科", "无"], start=1):
        roster.worksheets[0].cell(3, j, value)
    hired = [c.value for c in roster.worksheets[0][1]].index("入职日期") + 1
    roster.worksheets[0].cell(3, hired, datetime.date(2020, 9, 1))
    roster.save(target / "roster.xlsx")
    staff = cli(
        "staff",
        target / "populations.xlsx",
        "--roster",
        target / "roster.xlsx",
        "--rules",
        target / "rules.yaml",
        "-f",
        "json",
    )
    assert staff.exit_code == 0, staff.stderr
    (site,) = json.loads(staff.stdout)["sites"]
    assert site["id"] == "jinjiang" and site["current"] == 1, site


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_rules_file_uncommented_is_the_national_default(tmp_path: Path, lang: str) -> None:
    """Every key init writes is commented out with its national value: taking every '#'
    off a key line gives the national rules again, key for key (name and date aside)."""
    assert cli("init", tmp_path / "b", "--lang", lang).exit_code == 0
    text = (tmp_path / "b" / "rules.yaml").read_text(encoding="utf-8")
    keys = re.sub(r"(?m)^#(?=[A-Za-z_]|  )", "", text)
    assert keys.count("\n#") < text.count("\n#") - 40  # dozens of keys were commented
    (tmp_path / "all.yaml").write_text(keys, encoding="utf-8")
    shown = cli("rules", "show", "--rules", tmp_path / "all.yaml", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    national = json.loads(cli("rules", "show", "-f", "json").stdout)
    mine = json.loads(shown.stdout)
    for data in (national, mine):
        del data["name"], data["effective"]
    assert mine == national
    # and no section of the packaged file is left out of the list
    import yaml

    written = yaml.safe_load(keys)
    packaged = yaml.safe_load((ROOT / "configs" / "national.yaml").read_text(encoding="utf-8"))
    for section in ("staffing", "pay", "awards", "budget", "plan"):
        assert set(packaged[section]) <= set(written[section]), section
    assert set(packaged["pay"]["contributions"]) - {"items"} <= set(written["pay"]["contributions"])


def test_init_never_overwrites(tmp_path: Path) -> None:
    assert cli("init", tmp_path).exit_code == 0
    again = cli("init", tmp_path)
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize("command", ["staff", "pay", "awards", "budget", "check", "init"])
def test_help_has_no_type_noise_and_an_example(command: str) -> None:
    text = cli(command, "--help", env={"COLUMNS": "200"}).stdout
    assert "<bool>" not in text and "<path>" not in text and "{" not in text
    assert "Example: swplan " + command in text


def test_pay_help_states_the_as_of_default() -> None:
    text = cli("pay", "--help", env={"COLUMNS": "200"}).stdout
    assert "Default: today ($SWPLAN_TODAY fixes it)" in text


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in cli("--help", env={"COLUMNS": "200"}).stdout


def test_zh_workbooks_have_no_english_vocabulary_key(tmp_path: Path) -> None:
    for name in COMMANDS:
        book, _ = workbook(tmp_path, name, "--lang", "zh")
        text = "\n".join(
            str(value)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        )
        assert english_keys(text) == set(), name


def test_zh_check_and_init_print_chinese(tmp_path: Path) -> None:
    init = cli("init", tmp_path / "d", "--lang", "zh")
    assert init.stdout.startswith("已写入 ")
    check = cli("check", tmp_path / "d" / "roster.xlsx", "--lang", "zh")
    assert check.stdout.startswith("通过 ") and "（花名册，0 人）" in check.stdout
    assert "跳过第 2 行（示例行）" in check.stderr


def test_a_sheet_too_long_for_excel_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import swplan.workbook as wb
    import swplan.workbook_rows
    from swplan.errors import InputError

    monkeypatch.setattr(swplan.workbook_rows, "EXCEL_ROWS", 4)
    sheet = wb.Sheet("s", "t", [wb.Column("a")], [["x"]] * 4, totals=["y"])
    with pytest.raises(InputError, match="use --format csv"):
        wb.workbook_bytes([sheet])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1234567.50", "1,234,567.50"),
        ("-1234.00", "-1,234.00"),
        ("999.99", "999.99"),
        ("1000.00 *", "1,000.00 *"),
        ("0.00", "0.00"),
        ("+3", "+3"),  # not an amount
        ("W1000.00", "W1000.00"),
    ],
)
def test_thousands(text: str, shown: str) -> None:
    from swplan.render_view import thousands

    assert thousands(text) == shown


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("out.txt", "Annual cost"),
        ("out.md", "### Annual cost"),
        ("out.csv", "id,name,"),
        ("out", "Annual cost"),
    ],
)
def test_output_extension_picks_the_format(tmp_path: Path, name: str, starts: str) -> None:
    assert cli("pay", ROSTER, "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


def test_rules_show_refuses_xlsx_clearly() -> None:
    result = cli("rules", "show", "--format", "xlsx")
    assert result.exit_code == 2
    assert "'xlsx' is not available for the rules" in result.stderr


def test_zh_usage_errors() -> None:
    result = cli("pay", "x.yaml", "--bogus", "--lang", "zh")
    assert result.exit_code == 2
    assert result.stderr.strip() == "错误：没有选项 --bogus；见 swplan pay --help"
    missing = cli("pay", env={"SWPLAN_LANG": "zh"})
    assert missing.stderr.startswith("错误：缺少参数 ROSTER")
