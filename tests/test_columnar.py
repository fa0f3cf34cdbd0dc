"""A big CSV roster is read in columns, and `pay` writes the very bytes of the row path.

`SWPLAN_COLUMNAR_BYTES=0` sends every CSV roster the columns can stand for through the
columnar reader; a threshold no file reaches keeps every roster on the row path. The
outputs of the two must be the same bytes, and a file the columns cannot stand for
must give the row path's own messages, at their cells.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, V1_RULES, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan.io import columnar

HEADER = "id,name,site,education,title,post,hired,years_of_service,performance\n"
NEVER = str(1 << 60)  # a threshold no roster reaches: the row path


def both_ways(
    *args: Any, monkeypatch: pytest.MonkeyPatch, spied: str = "read_columns"
) -> tuple[Any, Any, int]:
    """A command run on the row path and on the columnar path; how often the columnar
    reader `spied` (`read_columns`, `read_site_columns`) stood for its file."""
    taken: list[bool] = []
    real = getattr(columnar, spied)

    def spy(rows: Any) -> Any:
        found = real(rows)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(columnar, spied, spy)
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", NEVER)
    rows = swplan(*args)
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", "0")
    cols = swplan(*args)
    return rows, cols, sum(taken)


def both(roster: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """`pay` on the roster both ways (see `both_ways`)."""
    return both_ways("pay", roster, "--rules", V1_RULES, *args, monkeypatch=monkeypatch)


ROWS = [
    # plain ids, Chinese names and sites, every kind of cell the writer treats apart
    "W001,张三,金江社区,bachelor,social_worker,staff,2016-09-01,,good",
    "W002,,s1,associate,none,,,4,",  # no name (JSON null), years instead of hired
    "-W3,=SUM(A1),s1,master,assistant_social_worker,lead,2020-03-15,,excellent",
    "110105199001011232,李四,+s2,bachelor,none,deputy,2019-07-02,,pass",  # an identity number
    "W005, 王五 ,s 2,secondary,none,staff,2024-12-31,,fail",  # a name with spaces around
    "W006,O'Neil,s-3,doctorate,senior_social_worker,staff,2001-01-31,,good",
]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_columns_and_rows_write_the_same_bytes(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.csv"
    again = [f"{k}{row}" for k in ("A", "B") for row in ROWS if row[0] != "1"]
    roster.write_text(HEADER + "\n".join([*ROWS, *again]) + "\n", "utf-8")
    rows, cols, taken = both(roster, "--as-of", "2026-01-01", "-f", fmt, monkeypatch=monkeypatch)
    assert taken == 1  # the columns stood for the file
    assert rows.code == cols.code == 0, rows.err + cols.err
    assert cols.out == rows.out and cols.err == rows.err
    if fmt == "csv":
        lines = cols.out.splitlines()
        assert len(lines) == 1 + 6 + 10
        # W001: 12 x 4,800 ... the same line both ways; the masked identity number and
        # the formula-like name are written as the row path writes them
        assert lines[4].startswith("110105********1232,李四,'+s2,")
        assert lines[3].startswith("'-W3,'=SUM(A1),s1,")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a totals row", HEADER + ROWS[0] + "\n合计,,,,,,,,\n"),
        ("a quoted cell", HEADER + ROWS[0] + '\nW9,"Li, Wei",s1,bachelor,none,,,3,\n'),
        ("a blank line", HEADER + ROWS[0] + "\n\n" + ROWS[1] + "\n"),
        ("a bad cell", HEADER + ROWS[0] + "\nW9,x,s1,bachelr,none,,,3,\n"),
        ("a duplicate id", HEADER + ROWS[0] + "\n" + ROWS[0] + "\n"),
        ("a short line", HEADER + ROWS[0] + "\nW9,x,s1,bachelor\n"),
        ("a month without a day", HEADER + "W9,x,s1,bachelor,none,,2019.07,,\n"),
        ("a title row", "花名册\n" + HEADER + ROWS[0] + "\n"),
        ("not UTF-8", (HEADER + ROWS[0] + "\n").replace("张三", "Zo\udceb")),
    ],
)
def test_a_file_the_columns_cannot_stand_for_gets_the_row_path_words(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    rows, cols, taken = both(roster, "--as-of", "2026-01-01", "-f", "csv", monkeypatch=monkeypatch)
    assert taken == 0, name
    assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err), name


CELLS = {
    "education": st.sampled_from(["bachelor", "associate", "master", "本科", "大专", " bachelor"]),
    "title": st.sampled_from(
        ["none", "social_worker", "助理社会工作师", "assistant_social_worker"]
    ),
    "post": st.sampled_from(["", "staff", "lead", "副职"]),
    "hired": st.sampled_from(["", "2016-09-01", "2020-2-29", "2025-12-31", "2019/7/1"]),
    "performance": st.sampled_from(["", "good", "优秀", "fail"]),
}


@st.composite
def rosters(draw: st.DrawFn) -> str:
    lines = []
    for i in range(draw(st.integers(1, 30))):
        hired = draw(CELLS["hired"])
        years = "" if hired else str(draw(st.integers(0, 40)))
        name = draw(st.sampled_from(["张三", "", "Li", " 王 ", "=1", "a-b"]))
        site = draw(st.sampled_from(["s1", "金江社区", "S 2", "-3", "s1_b"]))
        cells = [f"W{i:03d}", name, site, draw(CELLS["education"]), draw(CELLS["title"])]
        cells += [draw(CELLS["post"]), hired, years, draw(CELLS["performance"])]
        lines.append(",".join(cells))
    return HEADER + "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(rosters(), st.sampled_from(["csv", "json"]))
def test_random_rosters_give_the_same_bytes_both_ways(text: str, fmt: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        roster = Path(tmp) / "roster.csv"
        roster.write_text(text, "utf-8")
        rows, cols, _ = both(roster, "--as-of", "2026-01-01", "-f", fmt, monkeypatch=mp)
        assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err)


def test_version_and_staff_import_neither_openpyxl_nor_the_engine() -> None:
    small = EXAMPLES / "small"
    code = (
        "import sys\n"
        "from swplan.cli import main\n"
        "for argv in (['swplan', '--version'], ['swplan', 'staff', sys.argv[1], '--roster', "
        "sys.argv[2]]):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    print('openpyxl' in sys.modules, 'polars' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, small / "populations.yaml", small / "roster.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr.splitlines()[-2:] == ["False False", "False False"], done.stderr


def test_a_roster_with_no_worker_gives_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a header and no row: no profile, no site cost (the columns once failed here)
    roster, pops = tmp_path / "roster.csv", tmp_path / "pops.csv"
    roster.write_text(HEADER, "utf-8")
    pops.write_text("id,name,kind,elderly\nS1,a,urban_community,50\n", "utf-8")
    runs = [
        ("budget", pops, roster, "--year", "2026", "--by", "site", "-f", "json"),
        ("staff", pops, "--roster", roster, "-f", "json"),
        ("pay", roster, "--as-of", "2026-01-01", "-f", "json"),
    ]
    for args in runs:
        monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", NEVER)
        rows = swplan(*args, "--rules", V1_RULES)
        monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", "0")
        cols = swplan(*args, "--rules", V1_RULES)
        assert rows.code == cols.code == 0, cols.err
        assert cols.out == rows.out, args[0]


def test_awards_judge_the_same_passes_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # W001 passes on the roster; W9 is on no roster but gives 张三's name (did you mean
    # W001?); X1 is on no roster at all: due, not_on_roster with a hint, not_on_roster
    roster, passes = tmp_path / "roster.csv", tmp_path / "passes.csv"
    roster.write_text(HEADER + "\n".join(ROWS) + "\n", "utf-8")
    passes.write_text(
        "worker_id,exam,passed_on,name\n"
        "W001,assistant_social_worker,2025-11-02,张三\n"
        "W9,social_worker,2025-10-01,张三\n"
        "X1,social_worker,2025-10-01,\n",
        "utf-8",
    )
    args = ("awards", roster, "--passes", passes, "--as-of", "2026-01-01", "-f", "json")
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", NEVER)
    rows = swplan(*args, "--rules", V1_RULES)
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", "0")
    cols = swplan(*args, "--rules", V1_RULES)
    assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err)
    statuses = [a["status"] for a in cols.json()["awards"]]
    assert statuses == ["due", "not_on_roster", "not_on_roster"]
    assert "W001" in cols.err  # the hint by name


@pytest.mark.parametrize("hired", ["2016-09-01", "2026-03-01"])  # the second: after today
def test_check_says_the_same_both_ways(
    hired: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a roster of six checked with a site file: the same OK lines and notes; a hire after
    # today (2025-12-31 in the tests) is named by the row reader at its cell either way
    roster, pops = tmp_path / "roster.csv", tmp_path / "pops.csv"
    roster.write_text(HEADER + "\n".join(ROWS).replace("2016-09-01", hired) + "\n", "utf-8")
    pops.write_text("id,name,kind,elderly\ns1,a,urban_community,50\n", "utf-8")
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", NEVER)
    rows = swplan("check", roster, pops, "--rules", V1_RULES)
    monkeypatch.setenv("SWPLAN_COLUMNAR_BYTES", "0")
    cols = swplan("check", roster, pops, "--rules", V1_RULES)
    assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err)
    assert f"OK {roster} (roster, 6 workers)" in cols.out
    assert ("2:7" in cols.err) == (hired == "2026-03-01")  # W001's hired cell, line 2
