"""`swplan check` across files: roster sites, pass and ledger worker ids; lock files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, V1_RULES, swplan

POPULATIONS = (
    "sites:\n"
    "  - id: jinjiang\n"
    "    name: 金江社区\n"
    "    kind: urban_community\n"
    "    clients: {elderly: 57}\n"
    "  - id: hongqi\n"
    "    name: 红旗社区\n"
    "    kind: urban_community\n"
    "    clients: {elderly: 8}\n"
)


def write_roster_csv(tmp_path: Path, *sites: str) -> Path:
    rows = [f"W{n:03d},{site},bachelor,none,2020-01-01" for n, site in enumerate(sites, start=1)]
    path = tmp_path / "roster.csv"
    path.write_text("id,site,education,title,hired\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_roster_site_not_in_populations_is_named_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "populations.yaml").write_text(POPULATIONS, encoding="utf-8")
    # W002's site is a typo of jinjiang; W003's is a site's name, which is fine
    write_roster_csv(tmp_path, "jinjiang", "jinjang", "红旗社区")
    result = swplan("check", "populations.yaml", "roster.csv", cwd=tmp_path)
    assert result.code == 2
    assert result.out.splitlines() == [
        "OK populations.yaml (populations, 2 sites)",
        "OK roster.csv (roster, 3 workers)",
    ]
    # line 3 is W002's row (line 1 is the header), the site is column 2
    assert result.err == (
        "error: roster.csv:3:2: site: site 'jinjang' (1 worker) is neither the id nor the "
        "name of a site of the populations (did you mean 'jinjiang'?)\n"
    )


def test_each_file_alone_is_fine_so_each_gets_its_ok_line(tmp_path: Path) -> None:
    """Alone, the roster is good (no populations to compare with): exit 0."""
    write_roster_csv(tmp_path, "jinjang")
    result = swplan("check", "roster.csv", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")


def test_a_name_two_sites_share_cannot_place_a_worker(tmp_path: Path) -> None:
    (tmp_path / "populations.yaml").write_text(
        POPULATIONS.replace("红旗社区", "金江社区"), encoding="utf-8"
    )
    write_roster_csv(tmp_path, "金江社区")
    result = swplan("check", "populations.yaml", "roster.csv", cwd=tmp_path)
    assert result.code == 2
    assert "'金江社区' is the name of 2 sites (jinjiang, hongqi)" in result.err


def test_a_pass_for_a_worker_on_no_roster_is_a_warning(tmp_path: Path) -> None:
    # the commands give such a pass the status not_on_roster (a worker who left, or an
    # id mistyped): check accepts it too, and says so
    write_roster_csv(tmp_path, "jinjiang", "hongqi")
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\nW001,social_worker,2025-06-01\nW0002,social_worker,2025-06-01\n",
        encoding="utf-8",
    )
    result = swplan("check", "roster.csv", "passes.csv", cwd=tmp_path)
    assert result.code == 0
    # no id is suggested for an id alone: W0002 is one edit from W002, another person
    assert result.err == (
        "warning: passes.csv:3:1: worker_id: worker 'W0002' is on no roster (roster.csv); "
        "the pass gets the status not_on_roster and is never paid\n"
    )
    # with the worker's name on the pass, the worker of that name is suggested
    (tmp_path / "roster.csv").write_text(
        "id,name,site,education,title,hired\n"
        "W001,张三,jinjiang,bachelor,none,2020-01-01\nW002,李四,hongqi,bachelor,none,2020-01-01\n",
        encoding="utf-8",
    )
    (tmp_path / "passes.csv").write_text(
        "worker_id,姓名,exam,passed_on\nW0002,李四,social_worker,2025-06-01\n", encoding="utf-8"
    )
    result = swplan("check", "roster.csv", "passes.csv", cwd=tmp_path)
    assert result.code == 0
    assert "worker 'W0002' is on no roster (roster.csv) (did you mean 'W002'?)" in result.err


def test_a_yaml_pass_is_located_by_its_path(tmp_path: Path) -> None:
    write_roster_csv(tmp_path, "jinjiang")
    (tmp_path / "passes.yaml").write_text(
        "passes:\n  - {worker_id: X9, exam: social_worker, passed_on: 2025-06-01}\n",
        encoding="utf-8",
    )
    result = swplan("check", "roster.csv", "passes.yaml", cwd=tmp_path)
    assert result.code == 0
    assert "passes[0].worker_id: worker 'X9' is on no roster (roster.csv)" in result.err
    assert "did you mean" not in result.err  # nothing on the roster is close to X9


def test_a_ledger_may_name_a_worker_who_has_left(tmp_path: Path) -> None:
    """A ledger row for someone no longer on the roster is told, not refused."""
    write_roster_csv(tmp_path, "jinjiang")
    (tmp_path / "ledger.csv").write_text(
        "worker_id,exam,amount,paid_on\nW009,social_worker,2000.00,2024-03-01\n",
        encoding="utf-8",
    )
    result = swplan("check", "roster.csv", "ledger.csv", cwd=tmp_path)
    assert result.code == 0
    # no other worker's id is suggested: following it would move the award to them
    assert result.err == (
        "note: ledger.csv: worker 'W009' is on no roster (roster.csv); "
        "an award paid to someone who has left is kept\n"
    )


def test_two_rosters_together_know_every_worker(tmp_path: Path) -> None:
    write_roster_csv(tmp_path, "jinjiang")  # W001
    (tmp_path / "more.yaml").write_text(
        "workers:\n"
        "  - {id: W100, site: hongqi, education: bachelor, title: none, hired: 2020-01-01}\n",
        encoding="utf-8",
    )
    (tmp_path / "populations.yaml").write_text(POPULATIONS, encoding="utf-8")
    (tmp_path / "passes.csv").write_text(
        "worker_id,exam,passed_on\nW001,social_worker,2025-06-01\nW100,social_worker,2025-06-01\n",
        encoding="utf-8",
    )
    files = ["roster.csv", "more.yaml", "populations.yaml", "passes.csv"]
    result = swplan("check", *files, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert len(result.out.splitlines()) == 4


def test_small_example_together() -> None:
    """examples/small: every file good alone and together; W099 in the ledger has left."""
    small = EXAMPLES / "small"
    files = [small / name for name in ("ledger.csv", "roster.csv", "populations.yaml")]
    result = swplan("check", *files)
    assert result.code == 0
    assert result.err == (
        f"note: {files[0]}: worker 'W099' is on no roster ({files[1]}); "
        "an award paid to someone who has left is kept\n"
    )


def test_lock_files_are_skipped_with_a_note(tmp_path: Path) -> None:
    write_roster_csv(tmp_path, "jinjiang")
    (tmp_path / "ledger.csv.lock").write_text("", encoding="utf-8")
    result = swplan("check", "roster.csv", "ledger.csv.lock", cwd=tmp_path)
    assert result.code == 0
    assert result.out == "OK roster.csv (roster, 1 workers)\n"
    assert result.err == "note: ledger.csv.lock skipped: a lock file, not a swplan file\n"


def test_years_not_counted_has_a_chinese_header(tmp_path: Path) -> None:
    """不计工龄年数 is the years_not_counted column: 10 years from 2016-01-01 to
    2026-01-01, less 2 not counted, are 8 years of service."""
    (tmp_path / "roster.csv").write_text(
        "工号,站点,学历,职称,入职日期,不计工龄年数\nW001,jinjiang,bachelor,none,2016-01-01,2\n",
        encoding="utf-8",
    )
    result = swplan(
        "pay",
        "--rules",
        V1_RULES,
        "roster.csv",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert "not a swplan column" not in result.err and "ignored" not in result.err
    worker = json.loads(result.out)["workers"][0]
    assert worker["years"] == 8


def test_staff_and_budget_json_always_have_notes_and_warnings() -> None:
    small = EXAMPLES / "small"
    staff = swplan("staff", small / "populations.yaml", "--format", "json")
    assert staff.code == 0, staff.err
    data = json.loads(staff.out)
    assert (data["warnings"], data["notes"]) == ([], [])
    budget = swplan("budget", small / "populations.yaml", small / "roster.yaml", "--format", "json")
    assert budget.code == 0, budget.err
    data = json.loads(budget.out)
    assert (data["warnings"], data["notes"]) == ([], [])


def test_staff_json_lists_a_skipped_totals_row_in_notes(tmp_path: Path) -> None:
    (tmp_path / "populations.csv").write_text(
        "id,kind,elderly\njinjiang,urban_community,57\n合计,,57\n", encoding="utf-8"
    )
    result = swplan("staff", "populations.csv", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["warnings"] == []
    # the row skipped, then the clients read (the sheet's own total, 57, agrees)
    assert data["notes"] == [
        "populations.csv: skipped row 3: a totals row",
        "read 57 clients: Elderly 57",
    ]


def test_many_departed_ledger_workers_are_counted_after_twenty(tmp_path: Path) -> None:
    """22 ledger workers on no roster: 20 notes name one each, one counts the other 2."""
    write_roster_csv(tmp_path, "jinjiang")
    rows = "".join(f"X{n:03d},social_worker,2000.00,2024-03-01\n" for n in range(22))
    (tmp_path / "ledger.csv").write_text("worker_id,exam,amount,paid_on\n" + rows, encoding="utf-8")
    result = swplan("check", "roster.csv", "ledger.csv", cwd=tmp_path)
    assert result.code == 0
    lines = result.err.splitlines()
    assert len(lines) == 21
    assert lines[-1] == "note: ledger.csv: and 2 more workers on no roster (roster.csv)"
