"""A big CSV populations file is read in columns: the same sites, the same outputs.

As for a roster (tests/test_columnar.py): `SWPLAN_COLUMNAR_BYTES=0` sends every CSV
populations file the columns can stand for through the columnar reader, a threshold no
file reaches keeps it on the row path, and the two must give the same bytes, notes,
warnings and exit codes; a file the columns cannot stand for gets the row path's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_columnar import both_ways, rosters

from swplan.io import columnar

HEADER = "id,name,kind,elderly,children,disabled\n"
ROSTER = (
    "id,name,site,education,title,post,hired,performance\n"
    "W1,张三,S1,bachelor,social_worker,staff,2016-09-01,good\n"
    "W2,李四,S3,associate,none,staff,2020-03-01,good\n"
)

SITES = [
    "S1,金江社区,urban_community,120,30,",  # 120 elderly at 1:60 -> 2 posts
    "S2,,社工站,—,0,7",  # no name; a placeholder and a 0: no clients of either
    "S3, 西河村 ,村,61,,",  # a name with spaces round it; kinds by label and alias
    "S4,街道办甲,街道办,5,5,5",  # a kind the rules do not list: a warning
    "S-5,街道办乙,街道办,,,",  # the same unlisted kind, no clients at all
]


def both(*args: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """A command run both ways; how often the populations were read in columns."""
    return both_ways(*args, monkeypatch=monkeypatch, spied="read_site_columns")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "populations.csv"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("staff", "-f", "json"),
        ("staff", "-f", "csv", "--lang", "zh"),
        ("staff",),
        ("budget", "-f", "json", "--year", "2027"),
        ("check",),
    ],
    ids=["staff json", "staff csv zh", "staff table", "budget json", "check"],
)
def test_sites_in_columns_give_the_same_outputs(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pops = write(tmp_path, HEADER + "\n".join(SITES) + "\n")
    command, *rest = args
    roster = tmp_path / "roster.csv"
    files = {"staff": [pops, "--roster", roster], "budget": [pops, roster]}.get(command, [pops])
    rows, cols, taken = both(command, *files, *rest, monkeypatch=monkeypatch)
    assert taken == 1  # the columns stood for the file
    assert rows.code == cols.code == 0, rows.err + cols.err
    assert (cols.out, cols.err) == (rows.out, rows.err)
    if command == "staff" and rest == ["-f", "json"]:
        import json

        out = json.loads(cols.out)
        posts = {s["id"]: s["required"] for s in out["sites"]}
        assert list(posts) == ["S1", "S2", "S3", "S4", "S-5"]  # every site, in file order
        # S1 at 1:20 (the national ratio): 120 elderly = 6 dedicated posts, 30 children =
        # 1 dedicated + 10/20 = 0.5 of workload left, covered by 1 mixed post: 8
        assert posts["S1"] == 8 and out["sites"][0]["workload_fte"] == "7.50"
        assert out["sites"][1]["name"] is None and out["sites"][2]["name"] == "西河村"
        assert out["sites"][1]["kind"] == "township_station"  # 社工站, an alias
        assert "'街道办'" in cols.err and "S4" in cols.err and "S-5" in cols.err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a totals row", HEADER + SITES[0] + "\n合计,,,120,30,\n"),
        ("a duplicate id", HEADER + SITES[0] + "\n" + SITES[0] + "\n"),
        ("a bad count", HEADER + SITES[0] + "\nS7,x,村,12.5,,\n"),
        ("a blank id", HEADER + SITES[0] + "\n,x,村,3,,\n"),
        ("a column no category reads", HEADER.replace("\n", ",youth_x\n") + SITES[0] + ",4\n"),
        ("a quoted count", HEADER + SITES[0] + '\nS7,x,村,"1,200",,\n'),
        ("a short line", HEADER + SITES[0] + "\nS7,x\n"),
        ("a title row", "站点人口表\n" + HEADER + SITES[0] + "\n"),
        ("not UTF-8", HEADER + SITES[0].replace("金江", "Zo\udceb") + "\n"),
        ("an example row", HEADER + "示例,金江社区,urban_community,1,1,1\n" + SITES[0] + "\n"),
    ],
)
def test_a_file_the_columns_cannot_stand_for_gets_the_row_path_words(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pops = write(tmp_path, text)
    rows, cols, taken = both("staff", pops, "-f", "json", monkeypatch=monkeypatch)
    assert taken == 0, name
    assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err), name


def test_a_site_kind_the_rules_own_list_lacks_is_the_row_paths_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national\nsite_kinds:\n  urban_community: {label: {zh: 城市社区}}\n", "utf-8"
    )
    pops = write(tmp_path, HEADER + SITES[0] + "\n" + SITES[3] + "\n")
    rows, cols, taken = both("staff", pops, "--rules", rules, monkeypatch=monkeypatch)
    assert taken == 0
    assert rows.code == cols.code == 2
    assert cols.err == rows.err and "街道办" in cols.err


KINDS = ["urban_community", "社区", "村", "社工站", "街道办", "", " 村 "]
COUNTS = ["", "0", "1", "29", "30", "61", "—", "无", " 7 ", "１２"]


@st.composite
def populations(draw: st.DrawFn) -> str:
    lines = []
    for i in range(draw(st.integers(1, 25))):
        name = draw(st.sampled_from(["金江社区", "", " 西河 ", "a-b", "=1"]))
        cells = [f"S{i:02d}", name, draw(st.sampled_from(KINDS))]
        cells += [draw(st.sampled_from(COUNTS)) for _ in range(3)]
        lines.append(",".join(cells))
    return HEADER + "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(populations(), st.sampled_from(["staff", "budget"]))
def test_random_populations_give_the_same_bytes_both_ways(text: str, command: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            pops = write(Path(folder), text)
            roster = Path(folder) / "roster.csv"
            files = [pops, roster] if command == "budget" else [pops, "--roster", roster]
            rows, cols, taken = both(command, *files, "-f", "json", monkeypatch=monkeypatch)
    assert taken == 1
    assert (cols.code, cols.out, cols.err) == (rows.code, rows.out, rows.err)


def test_names_with_separators_round_them_are_stripped_as_the_row_path_strips_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python's strip takes U+001C-U+001F and U+0085 from the ends of a cell; polars'
    # own strip leaves the first four, so a roster read in columns once wrote them out
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,site,education,title,post,hired,performance\n"
        "W1,\x1f王五\x1f,s1,bachelor,none,staff,2016-09-01,good\n"
        "W2,\x85李\xa0,s1,bachelor,none,staff,2016-09-01,good\n",
        "utf-8",
    )
    args = ("pay", roster, "-f", "csv", "--as-of", "2026-01-01")
    rows, cols, taken = both_ways(*args, monkeypatch=monkeypatch)
    assert taken == 1 and rows.code == cols.code == 0
    assert cols.out == rows.out
    assert [line.split(",")[1] for line in cols.out.splitlines()[1:]] == ["王五", "李"]


def test_every_character_python_strips_is_one_the_columns_look_at() -> None:
    # the columnar reader looks only at names that begin or end with one of
    # SPACE_AT_AN_END; every character str.strip takes must be one of them
    import re

    pattern = re.compile(columnar.SPACE_AT_AN_END)
    pl = columnar.engine()
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) == 29  # \t \n \v \f \r, U+001C-U+001F, space, U+0085, U+00A0, ...
    found = pl.Series([f"{c}x" for c in spaces] + [f"x{c}" for c in spaces])
    assert found.str.contains(columnar.SPACE_AT_AN_END).all()  # polars' regex, as used
    assert all(pattern.search(s) for s in found.to_list())  # and Python's reads it alike
    assert not pl.Series(["王五", "x y", "a\u200bb"]).str.contains(pattern.pattern).any()


def test_a_plan_reads_a_big_roster_and_populations_in_columns_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pops = write(tmp_path, HEADER + "\n".join(SITES) + "\n")
    roster = tmp_path / "roster.csv"
    hired = ["2016-09-01", "2020-03-17", "2024-12-31", "2019-07-01"]
    lines = [
        f"W{i},工{i},S{1 + i % 3},bachelor,{'social_worker' if i % 4 else 'none'},staff,"
        f"{hired[i % 4]},good"
        for i in range(40)
    ]
    roster.write_text(ROSTER.splitlines()[0] + "\n" + "\n".join(lines) + "\n", "utf-8")
    taken: list[bool] = []
    real = columnar.read_columns
    monkeypatch.setattr(columnar, "read_columns", lambda r: taken.append(1) or real(r))
    rows, cols, sites_taken = both(
        "plan",
        pops,
        roster,
        "--from",
        "2026",
        "--years",
        "3",
        "--by",
        "site",
        "-f",
        "csv",
        monkeypatch=monkeypatch,
    )
    assert taken and sites_taken == 1
    assert rows.code == cols.code == 0, rows.err + cols.err
    assert (cols.out, cols.err) == (rows.out, rows.err)
    first = {line.split(",")[1]: line.split(",") for line in cols.out.splitlines()[1:4]}
    # W0, W3, ... W39 at S1: 14 workers; W1 ... W37 at S2 and W2 ... W38 at S3: 13 each.
    # S1: 120 + 30 clients, 8 posts (as above); training 14 x 500.00 = 7,000.00
    assert first["S1"][3:6] == ["150", "8", "14"] and first["S1"][12] == "7000.00"
    assert first["S2"][5] == first["S3"][5] == "13"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from([2026, None]))
def test_profiles_are_numbered_as_row_after_row(data: st.DataObject, year: int | None) -> None:
    """The columns number each (facts, service) pair's profile in one pass over the
    distinct parts; the numbers and keys must be those of `profile` called pair after
    pair, as the row reader calls it."""
    import tempfile

    from swplan.calc.costing import RosterCosting
    from swplan.commands.columnar import _pair_profiles
    from swplan.io.roster import RosterRows
    from swplan.io.rules_file import load_rules

    rules = load_rules(None)
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setenv("SWPLAN_COLUMNAR_BYTES", "0")
        roster = Path(tmp) / "roster.csv"
        roster.write_text(data.draw(rosters()), "utf-8")
        cols = columnar.read_columns(RosterRows(roster, rules))
    if cols is None:  # a roster the columns decline (a bad cell)
        return
    made = [RosterCosting(rules, year=year) for _ in range(2)]
    found = _pair_profiles(columnar.engine(), cols, made[0])
    expected = [made[1].profile(cols.facts[f], cols.services[s]) for f, s in cols.pairs]
    assert found == expected and made[0].keys == made[1].keys
