"""Output: CSV that no spreadsheet runs, atomic --output, labels, totals, version, help."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, V1_RULES, swplan

import swplan as swplan_pkg
from swplan.render import csv_cell, write_atomic

POPULATIONS = EXAMPLES / "small" / "populations.yaml"
ROSTER = EXAMPLES / "small" / "roster.yaml"

# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\t=1",
        "\r=1",
        "\n=1",
        "-",
        "+",
        "-1-1",
        "- 5",
    ],
)
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [0, 7, -2, -2.5, "4200.00", "-4200.00", "+12", "-0.5", "3.90", "1e3", "-7"],
)
def test_real_numbers_stay_numbers(value: object) -> None:
    assert csv_cell(value) == value


@pytest.mark.parametrize("text", ["金江社区", "elderly;children", "a=b", "W-001", "", "100%"])
def test_plain_text_is_untouched(text: str) -> None:
    assert csv_cell(text) == text


def test_non_ascii_digits_are_not_numbers() -> None:
    assert csv_cell("-١٢") == "'-١٢"  # Arabic-Indic digits: not a number a spreadsheet reads


def test_csv_output_end_to_end(tmp_path: Path) -> None:
    """Names that look like formulas are neutralised; negative gaps stay numbers."""
    # (leading tab, CR and LF are stripped from values on input; csv_cell is tested above)
    names = ["=1+1", "+SUM(A1)", "-ALERT", "@cmd", "＝1", "＋1", "－1", "＠x", "-1+1", "+86 138"]
    lines = ["sites:"]
    for i, name in enumerate(names):
        quoted = (
            name.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\t", "\\t")
            .replace("\r", "\\r")
            .replace("\n", "\\n")
        )
        lines.append(
            f'  - {{id: s{i}, name: "{quoted}", kind: urban_community, clients: {{elderly: 3}}}}'
        )
    (tmp_path / "p.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text(
        "workers:\n"
        + "".join(
            f"  - {{id: W{i}, site: s0, education: bachelor, title: none, years_of_service: 1}}\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    result = swplan("staff", "p.yaml", "--roster", "r.yaml", "--format", "csv", cwd=tmp_path)
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert [r["name"] for r in rows] == ["'" + n for n in names]
    assert rows[0]["gap"] == "-2"  # 1 required, 3 current: a real negative number
    assert rows[1]["gap"] == "1"
    assert rows[0]["workload_fte"] == "0.15"


# --------------------------------------------------------------------------- --output


def test_write_atomic_renames_a_complete_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The target only ever appears whole: written beside it, then renamed over it."""
    target = tmp_path / "report.csv"
    target.write_text("old\n")
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((Path(src).read_text(), Path(dst).read_text()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(target, iter(["a,b\n", "1,2\n"]))
    assert seen == [("a,b\n1,2\n", "old\n")]  # complete at the rename; old until then
    assert target.read_text() == "a,b\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old\n")

    def chunks():
        yield "half a "
        raise RuntimeError("crash while rendering")

    with pytest.raises(RuntimeError):
        write_atomic(target, chunks())
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_output_option_on_success_and_on_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "staff.json"
    ok = swplan("staff", POPULATIONS, "--format", "json", "--output", out)
    assert ok.code == 0 and ok.out == ""
    assert out.read_text(encoding="utf-8") == swplan("staff", POPULATIONS, "--format", "json").out
    before = out.read_bytes()
    (tmp_path / "bad.yaml").write_text("sites:\n  - {id: a, clients: {elderly: many}}\n")
    bad = swplan("staff", tmp_path / "bad.yaml", "--format", "json", "--output", out)
    assert bad.code == 2
    assert out.read_bytes() == before  # not overwritten
    fresh = tmp_path / "never.json"
    assert swplan("staff", tmp_path / "bad.yaml", "--output", fresh).code == 2
    assert not fresh.exists()  # not created
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "staff.json"]


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    for target in (tmp_path / "no-such-dir" / "out.json", tmp_path):
        result = swplan("staff", POPULATIONS, "--output", target)
        assert result.code == 2, result.err
        assert "Traceback" not in result.err
        assert f"error: {target}" in result.err and "cannot be written" in result.err


# --------------------------------------------------------------------------- tables


def test_lang_zh_labels() -> None:
    result = swplan("staff", POPULATIONS, "--roster", ROSTER, "--lang", "zh")
    assert result.code == 0, result.err
    for word in [
        "站点",
        "类型",
        "所需岗位",
        "专职",
        "兼顾岗位",
        "主要服务对象",
        "工作量(人)",
        "现有人数",
        "持证",
        "缺口",
        "合计",
        "缺编",
        "超编",
        "老年人",
        "儿童",
        "残疾人",
        "社区矫正对象",
    ]:  # the last four from the rules
        assert word in result.out, word
    assert "Required" not in result.out and "Elderly" not in result.out


def test_lang_en_is_the_default() -> None:
    result = swplan("staff", POPULATIONS)
    assert "Required" in result.out and "Elderly" in result.out and "所需岗位" not in result.out


def test_table_has_a_totals_row_and_no_colour_in_a_pipe() -> None:
    result = swplan("staff", POPULATIONS, "--roster", ROSTER)
    assert "\x1b[" not in result.out
    totals = [line for line in result.out.splitlines() if line.startswith("| Total")]
    assert len(totals) == 1
    assert totals[0].split("|")[4].strip() == "9"  # required, summed over the three sites


def test_markdown_has_a_totals_row() -> None:
    result = swplan("staff", POPULATIONS, "--roster", ROSTER, "--format", "markdown")
    assert result.code == 0
    rows = [line for line in result.out.splitlines() if line.startswith("|")]
    header, rule, *body = rows
    assert rule.startswith("|---")
    assert body[-1].startswith("| **Total** |")
    assert "**9**" in body[-1]
    assert all(row.count("|") == header.count("|") for row in body)


def test_json_money_and_counts() -> None:
    data = swplan("pay", ROSTER, "--format", "json").json()
    assert data["schema"] == "swplan.pay/1"
    worker = data["workers"][0]
    assert isinstance(worker["grade"], int) and isinstance(worker["years"], int)
    for key in ("monthly_base", "monthly_gross", "annual_cost"):
        assert isinstance(worker[key], str) and worker[key].count(".") == 1
        assert len(worker[key].split(".")[1]) == 2


# --------------------------------------------------------------------------- version, help


def test_version() -> None:
    result = swplan("--version")
    assert result.code == 0
    assert result.out.strip() == f"swplan {swplan_pkg.__version__}"


def test_python_dash_m_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "swplan", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"swplan {swplan_pkg.__version__}"


def all_commands() -> list[tuple[list[str], str]]:
    """(words, help) of every command and sub-command of the CLI."""
    import typer.main

    from swplan.cli import app

    found: list[tuple[list[str], str]] = []

    def walk(command, words: list[str]) -> None:
        found.append((words, command.help or command.short_help or ""))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_help_text() -> None:
    commands = all_commands()
    names = {" ".join(words) for words, _ in commands}
    assert {"staff", "pay", "check", "rules", "rules show"} <= names
    for words, text in commands:
        assert text.strip(), f"`swplan {' '.join(words)}` has no help text"


@pytest.mark.parametrize(
    "words", [w for w, _ in all_commands()], ids=lambda w: " ".join(w) or "swplan"
)
def test_help_runs(words: list[str]) -> None:
    result = swplan(*words, "--help")
    assert result.code == 0, result.err
    assert "Usage:" in result.out


def test_output_file_gets_ordinary_permissions_and_keeps_existing_ones(tmp_path) -> None:
    # the file is written to a temporary file first; mkstemp alone would leave it 0600
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        swplan(
            "pay",
            "--rules",
            V1_RULES,
            "examples/small/roster.yaml",
            "-f",
            "json",
            "-o",
            fresh,
            cwd=ROOT,
        )
        assert fresh.stat().st_mode & 0o777 == 0o644
        shared = tmp_path / "shared.json"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o664)
        swplan(
            "pay",
            "--rules",
            V1_RULES,
            "examples/small/roster.yaml",
            "-f",
            "json",
            "-o",
            shared,
            cwd=ROOT,
        )
        assert shared.stat().st_mode & 0o777 == 0o664
        assert (
            json.loads(shared.read_text(encoding="utf-8"))["totals"]["annual_cost"] == "498643.60"
        )
    finally:
        os.umask(old)
