"""examples/bureau: examples/small as a bureau keeps it in Excel gives the same numbers.

The workbooks have a title row, Chinese headers and values, merged site cells, a 合计
row, a signature line and a 填表说明 sheet; the people, sites and passes are those of
examples/small (the roster's own exams are rows of passes.xlsx). Every command must
give the same JSON as on examples/small, apart from the notes naming the skipped rows
and the places (file:line or sheet!cell) quoted in messages.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, swplan
from openpyxl import load_workbook

BUREAU = EXAMPLES / "bureau"
SMALL = EXAMPLES / "small"
LEDGER = str(SMALL / "ledger.csv")

# Fields that name the input rather than count anything: the notes about the rows and
# columns a workbook skips, the populations file's region (a workbook has no place for
# it), and the site as the roster wrote it (pay reads no populations file, so a
# roster cell holding the site's name stays a name).
DROPPED = {"notes", "warnings", "region"}
PLACE = re.compile(r" at \S+")  # "repeats the pass of ... at examples/small/passes.yaml:14:5"


def _numbers(doc: Any, *, drop: set[str] = DROPPED) -> Any:
    if isinstance(doc, dict):
        return {k: _numbers(v, drop=drop) for k, v in doc.items() if k not in drop}
    if isinstance(doc, list):
        return [_numbers(v, drop=drop) for v in doc]
    if isinstance(doc, str):
        return PLACE.sub(" at PLACE", doc)
    return doc


def _json(*args: str) -> Any:
    result = swplan(*args, "--format", "json")
    assert result.code == 0, result.err
    return result.json()


def test_staff_same_numbers() -> None:
    small = _json("staff", str(SMALL / "populations.yaml"), "--roster", str(SMALL / "roster.yaml"))
    bureau = _json(
        "staff", str(BUREAU / "populations.xlsx"), "--roster", str(BUREAU / "roster.xlsx")
    )
    assert _numbers(bureau) == _numbers(small)
    # 3 sites, 6 workers: required 4 + 1 + 4 = 9 (README), current 3 + 1 + 2 = 6.
    assert bureau["totals"]["required"] == 9 and bureau["totals"]["current"] == 6


def test_pay_same_numbers() -> None:
    small = _json("pay", str(SMALL / "roster.yaml"))
    bureau = _json("pay", str(BUREAU / "roster.xlsx"))
    names = {"jinjiang": "金江社区", "hongqi": "红旗社区", "baisha": "白沙镇社工站"}
    assert [w["site"] for w in bureau["workers"]] == [names[w["site"]] for w in small["workers"]]
    assert _numbers(bureau, drop=DROPPED | {"site"}) == _numbers(small, drop=DROPPED | {"site"})


def test_awards_same_numbers() -> None:
    small = _json(
        "awards", str(SMALL / "roster.yaml"), "--passes", str(SMALL / "passes.yaml"),
        "--ledger", LEDGER, "--as-of", "2026-01-01",
    )  # fmt: skip
    bureau = _json(
        "awards", str(BUREAU / "roster.xlsx"), "--passes", str(BUREAU / "passes.xlsx"),
        "--ledger", LEDGER, "--as-of", "2026-01-01",
    )  # fmt: skip
    assert _numbers(bureau) == _numbers(small)


def test_budget_same_numbers_and_names_the_skipped_rows() -> None:
    small = _json(
        "budget", str(SMALL / "populations.yaml"), str(SMALL / "roster.yaml"),
        "--passes", str(SMALL / "passes.yaml"), "--ledger", LEDGER,
    )  # fmt: skip
    bureau = _json(
        "budget", str(BUREAU / "populations.xlsx"), str(BUREAU / "roster.xlsx"),
        "--passes", str(BUREAU / "passes.xlsx"), "--ledger", LEDGER,
    )  # fmt: skip
    assert _numbers(bureau) == _numbers(small)
    notes = "\n".join(bureau["notes"])
    # Roster: title row 1, header row 2, six workers in rows 3-8, 合计 in row 9, the
    # signature line in row 11.
    assert "花名册: skipped row 9: a totals row" in notes
    assert "花名册: skipped row 11: a footer row (a signature or a note)" in notes
    assert "'序号', '性别', '联系电话'" in notes


def _cells(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    out: dict[str, Any] = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "values": [[c.value for c in row] for row in ws.iter_rows()],
            "formats": [[c.number_format for c in row] for row in ws.iter_rows()],
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        }
    return out


@pytest.mark.parametrize("name", ["roster.xlsx", "populations.xlsx", "passes.xlsx"])
def test_committed_workbooks_are_what_the_script_builds(name: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bureau_generate", BUREAU / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    assert _cells(tmp_path / name) == _cells(BUREAU / name)
