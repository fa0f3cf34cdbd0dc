"""`swplan check`: every shipped example is clean; a bad file gets every problem reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, swplan

SWPLAN_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
EXAMPLE_DIRS = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())


def swplan_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in SWPLAN_SUFFIXES)


def test_there_are_examples() -> None:
    assert {"small", "county"} <= {d.name for d in EXAMPLE_DIRS}
    assert all(swplan_files(d) for d in EXAMPLE_DIRS)


@pytest.mark.parametrize("directory", EXAMPLE_DIRS, ids=[d.name for d in EXAMPLE_DIRS])
def test_every_example_passes(directory: Path) -> None:
    """One OK line per file, exit 0 (with the directory's own rules): the files of a
    directory are also good together. Nothing on stderr but notes: the rows and columns
    the bureau's workbooks skip, and small's ledger worker who has left."""
    files = [p.relative_to(ROOT) for p in swplan_files(directory)]
    rules = directory / "rules.yaml"
    args = ["--rules", str(rules.relative_to(ROOT))] if rules.exists() else []
    result = swplan("check", *args, *files, cwd=ROOT)
    assert result.code == 0, result.err
    # xiangan, notices: a hire in 2026 (after today in the tests), a note
    if directory.name in ("bureau", "small", "xiangan", "notices"):
        notes = result.err.splitlines()
        assert notes and all(line.startswith("note: ") for line in notes), result.err
    else:
        assert result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == len(files)
    for line, path in zip(lines, files, strict=True):
        assert line.startswith(f"OK {path} ("), line


def test_county_example_is_the_generators_output(tmp_path: Path) -> None:
    """examples/county/ is exactly what generate.py writes (it is deterministic)."""
    import contextlib
    import io
    import runpy
    import shutil

    county = EXAMPLES / "county"
    copy = tmp_path / "county"
    copy.mkdir()
    shutil.copy(county / "generate.py", copy / "generate.py")
    with contextlib.redirect_stdout(io.StringIO()):  # it writes beside itself
        runpy.run_path(str(copy / "generate.py"), run_name="__main__")
    for path in swplan_files(county):
        assert (copy / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} differs from what generate.py writes; run python {path.parent}/generate.py"
        )


def test_two_problems_in_one_file_give_two_lines(tmp_path: Path) -> None:
    (tmp_path / "roster.yaml").write_text(
        "workers:\n"
        "  - id: W001\n"
        "    site: jinjiang\n"
        "    education: bachlor\n"
        "    title: none\n"
        "    hired: 2016-02-30\n",
        encoding="utf-8",
    )
    result = swplan("check", "roster.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 2, result.err
    assert lines[0].startswith("error: roster.yaml:4:16: workers[0].education: 'bachlor'")
    assert lines[1].startswith("error: roster.yaml:6:12: workers[0].hired: '2016-02-30'")


def test_good_and_bad_files_together(tmp_path: Path) -> None:
    """Each good file still gets its OK line; each problem its error line; exit 2."""
    (tmp_path / "rules.yaml").write_text(
        "extends: national-v1\nstaffing:\n  clients_per_workr: 10\npay:\n  default_performance: avg\n",
        encoding="utf-8",
    )
    good = EXAMPLES / "small" / "populations.yaml"
    result = swplan("check", good, "rules.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.out.splitlines() == [f"OK {good} (populations, 3 sites)"]
    errors = result.err.splitlines()
    assert len(errors) == 2, result.err
    assert all(e.startswith("error: rules.yaml:") for e in errors)
    assert any("clients_per_workr" in e for e in errors)
    assert any("'avg'" in e for e in errors)


def test_kind_is_told_from_content(tmp_path: Path) -> None:
    (tmp_path / "sites.txt.yaml").write_text("sites:\n  - {id: a}\n", encoding="utf-8")
    (tmp_path / "staff.csv").write_text(
        "id,site,education,title,years_of_service\nW1,a,bachelor,none,1\n", encoding="utf-8"
    )
    (tmp_path / "exams.csv").write_text(
        "worker_id,exam,passed_on\nW1,social_worker,2025-08-22\n", encoding="utf-8"
    )
    result = swplan("check", "sites.txt.yaml", "staff.csv", "exams.csv", cwd=tmp_path)
    assert result.code == 0, result.err
    kinds = [line.split("(")[1].split(",")[0] for line in result.out.splitlines()]
    assert kinds == ["populations", "roster", "passes"]


def test_unknown_kind(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("title: minutes of the meeting\n", encoding="utf-8")
    result = swplan("check", "notes.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("error: notes.yaml:1")
    assert "workers:" in result.err and "sites:" in result.err


def test_swplan_own_zh_awards_csv_reads_back_as_passes(tmp_path: Path) -> None:
    """The awards CSV under --lang zh (工号, 考试, 通过日期, 状态, 金额 ...) is a passes
    table: its 金额 (amount) column must not make `check` take it for a ledger."""
    out = tmp_path / "awards.csv"
    made = swplan(
        "awards",
        "examples/small/roster.yaml",
        "--passes",
        "examples/small/passes.yaml",
        "--as-of",
        "2026-01-01",
        "-f",
        "csv",
        "--lang",
        "zh",
        "-o",
        str(out),
    )
    assert made.code == 0, made.err
    checked = swplan("check", str(out))
    assert checked.code == 0, checked.err
    # examples/small/passes.yaml holds 6 passes and the roster 2 exams of its own: 8 rows
    assert "(passes, 8 passes)" in checked.out


def test_zh_pay_csv_has_no_english_column_words() -> None:
    result = swplan("pay", "examples/small/roster.yaml", "-f", "csv", "--lang", "zh")
    assert result.code == 0, result.err
    header = result.out.lstrip("\ufeff").splitlines()[0]
    assert "工资构成.薪级" in header.split(",")
    assert "components" not in header


def test_a_rules_file_among_the_files_is_the_rules_of_the_others() -> None:
    # 翔安区's roster names the posts of its own rules (zhengzhi, yiban, fuzhi), which
    # the national rules do not have: checked with its rules file, as `check DIR/*` is
    xiangan = EXAMPLES / "xiangan"
    files = [xiangan / "populations.yaml", xiangan / "roster.yaml", xiangan / "rules.yaml"]
    result = swplan("check", *files)
    assert result.code == 0, result.err
    # a worker hired 2026-04-15, after today (2025-12-31 in the tests): budget 2026 pays
    # from April, pay judged today refuses; check says so and accepts the file
    hired = (
        f"note: {xiangan / 'roster.yaml'}: 1 worker(s) hired after today, 2025-12-31 "
        "(31:12): pay and awards judged today refuse them; budget and plan cost them from "
        "the month they start\n"
    )
    assert result.err == (
        f"note: the other files are checked against the rules in {xiangan / 'rules.yaml'}\n" + hired
    )
    assert "OK " + str(xiangan / "roster.yaml") + " (roster, 5 workers)" in result.out
    # without it, the national rules: the posts are unknown
    alone = swplan("check", xiangan / "roster.yaml")
    assert alone.code == 2
    assert "'zhengzhi' is not one of: lead, deputy, staff" in alone.err
    # two rules files: neither is chosen, and --rules still decides
    two = swplan("check", *files, EXAMPLES / "county" / "rules.yaml")
    assert two.code == 2 and "note: the other files" not in two.err
    given = swplan("check", *files, "--rules", xiangan / "rules.yaml")
    assert given.code == 0 and given.err == hired
