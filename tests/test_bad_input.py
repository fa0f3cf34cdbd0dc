"""One bad file per kind of input error, and the words its message must contain.

Each row of CASES names a file (under tests/bad/, or made by `GENERATED` when its
bytes are awkward to keep in git), the role it plays on the command line, the line
the message must point at, and words the message must contain. Every case must
exit 2, print `FILE:LINE` on stderr, show no traceback and leave `--output` unwritten.

To add a case: put the file in tests/bad/ and add one row.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, swplan

from swplan.errors import InputError
from swplan.io.yamldoc import parse_yaml

BAD = Path(__file__).resolve().parent / "bad"
POPULATIONS = EXAMPLES / "small" / "populations.yaml"


def bomb_text() -> str:
    return (BAD / "populations_alias_bomb.yaml").read_text("utf-8")


# Files whose bytes are made here: other encodings, binary data.
GENERATED: dict[str, bytes] = {
    "populations_gbk.yaml": "sites:\n  - id: jinjiang\n    name: 金江社区\n".encode("gbk"),
    # GBK with a byte no text has: neither UTF-8 nor GB18030 (a GB18030 CSV is read)
    "roster_gbk.csv": "id,name,site,education,title,hired\nW001,张三,jinjiang,bachelor,none,2016-09-01\n".encode(
        "gbk"
    )
    + b"\xff\n",
    "populations_binary.yaml": b"sites:\n\x00\x01\x02\x03\xff\xfe PK\x03\x04",
    "roster_binary.csv": b"id,site,education,title,hired\nW1,a,bachelor,none,2016-09-01\n\x00\x01",
    "roster_utf16.yaml": "workers:\n  - id: W001\n".encode("utf-16"),
}

# (file, role, line (0: any line), words the message must contain)
# role: how the file is passed: populations / roster / rules (see `command`).
CASES: list[tuple[str, str, int, list[str]]] = [
    # rules
    (
        "rules_key_typo.yaml",
        "rules",
        3,
        ["staffing.clients_per_workr", "unknown key", "did you mean 'clients_per_worker'"],
    ),
    ("rules_extends_typo.yaml", "rules", 1, ["extends", "'nationl'", "did you mean 'national'"]),
    (
        "rules_grades_not_ascending.yaml",
        "rules",
        6,
        ["pay.grades[2].min_points", "strictly ascending"],
    ),
    (
        "rules_floor_above_ceiling.yaml",
        "rules",
        5,
        ["pay.contributions.base.floor", "above the ceiling"],
    ),
    (
        "rules_ladder_no_award.yaml",
        "rules",
        5,
        ["awards.ladder[1]", "no award", "'social_wroker'", "did you mean 'social_worker'"],
    ),
    (
        "rules_post_min_above_max.yaml",
        "rules",
        5,
        ["pay.posts.lead", "min_grade 3 is above max_grade 2"],
    ),
    (
        "rules_default_performance.yaml",
        "rules",
        4,
        ["pay.default_performance", "'average'", "excellent, good, pass, basic_pass, fail"],
    ),
    ("rules_negative_rate.yaml", "rules", 5, ["pay.contributions.rates.pension", "negative"]),
    # roster
    (
        "roster_bad_education.yaml",
        "roster",
        5,
        [
            "workers[0].education",
            "'bachlor'",
            "secondary, associate, bachelor",
            "did you mean 'bachelor'",
        ],
    ),
    ("roster_bad_date.yaml", "roster", 6, ["workers[0].hired", "'2026-02-30'", "YYYY-MM-DD"]),
    ("roster_ambiguous_month.csv", "roster", 3, ["hired", "'2019.1'", "ambiguous"]),
    (
        "roster_unknown_column.csv",
        "roster",
        1,
        ["unknown column 'perfomance'", "did you mean 'performance'"],
    ),
    ("roster_missing_column.csv", "roster", 1, ["'title'", "missing"]),
    ("roster_hired_and_years.yaml", "roster", 7, ["years_of_service", "not both"]),
    ("roster_duplicate_worker.yaml", "roster", 4, ["duplicate worker id 'W001'", "unique"]),
    (
        "roster_exam_typo.yaml",
        "roster",
        8,
        ["workers[0].exams[0].exam", "'social_wroker'", "did you mean 'social_worker'"],
    ),
    ("roster_gbk.csv", "roster", 2, ["UTF-8", "GBK", "re-save"]),
    ("roster_utf16.yaml", "roster", 1, ["UTF-16", "re-save it as UTF-8"]),
    ("roster_binary.csv", "roster", 3, ["binary"]),
    ("roster_empty.csv", "roster", 1, ["empty", "header"]),
    ("roster_unterminated_quote.csv", "roster", 3, ["malformed CSV", "unclosed"]),
    ("roster_wrong_cells.csv", "roster", 3, ["5 cells", "header has 6"]),
    # populations
    ("populations_duplicate_key.yaml", "populations", 6, ["duplicate key 'clients'", "line 4"]),
    (
        "populations_python_tag.yaml",
        "populations",
        3,
        ["!!python/object/apply:os.system", "not allowed"],
    ),
    ("populations_alias_bomb.yaml", "populations", 7, ["f: too many aliases"]),
    ("populations_gbk.yaml", "populations", 3, ["not UTF-8", "GBK", "re-save it as UTF-8"]),
    ("populations_binary.yaml", "populations", 2, ["binary"]),
    ("populations_unterminated_quote.csv", "populations", 3, ["malformed CSV", "unclosed"]),
    ("populations_wrong_cells.csv", "populations", 3, ["5 cells", "header has 4"]),
    (
        "populations_negative.yaml",
        "populations",
        6,
        ["sites[0].clients.children", "'-3'", "negative", "0 to 10,000,000"],
    ),
    ("populations_too_many.csv", "populations", 3, ["'10000001'", "at most 10,000,000"]),
    (
        "populations_unknown_category.yaml",
        "populations",
        4,
        ["unknown category", "'childen'", "did you mean 'children'"],
    ),
    (
        "populations_duplicate_site.yaml",
        "populations",
        5,
        ["duplicate site id 'jinjiang'", "unique"],
    ),
    ("populations_empty.yaml", "populations", 1, ["sites:"]),
    ("populations_empty.csv", "populations", 1, ["empty", "header"]),
    ("populations_top_level_list.yaml", "populations", 1, ["top-level 'sites:'"]),
    ("populations_tab_indent.yaml", "populations", 2, ["not valid YAML"]),
    (
        "populations_unknown_key.yaml",
        "populations",
        4,
        ["sites[0].nmae", "unknown key", "did you mean 'name'"],
    ),
]


def place(name: str, directory: Path) -> Path:
    """Put the bad file `name` into `directory` and return its path."""
    target = directory / name
    if name in GENERATED:
        target.write_bytes(GENERATED[name])
    else:
        shutil.copyfile(BAD / name, target)
    return target


def command(role: str, name: str) -> list[str]:
    out = ["--format", "json", "--output", "out.json"]
    if role == "populations":
        return ["staff", name, *out]
    if role == "roster":
        return ["staff", str(POPULATIONS), "--roster", name, *out]
    return ["staff", str(POPULATIONS), "--rules", name, *out]


def assert_bad(result, name: str, line: int, words: list[str], out: Path) -> None:
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err, result.err
    at = r"\d+" if line == 0 else str(line)
    assert re.search(rf"^error: {re.escape(name)}:{at}(:\d+)?: ", result.err, re.M), result.err
    for word in words:
        assert word in result.err, (word, result.err)
    assert not out.exists(), "--output was written on bad input"
    assert not list(out.parent.glob(".swplan-*")), "a temporary file was left behind"


@pytest.mark.parametrize(("name", "role", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_file(tmp_path: Path, name: str, role: str, line: int, words: list[str]) -> None:
    place(name, tmp_path)
    result = swplan(*command(role, name), cwd=tmp_path)
    assert_bad(result, name, line, [w for w in words if w], tmp_path / "out.json")


ROSTER_CASES = [c for c in CASES if c[1] == "roster"]


@pytest.mark.parametrize(
    ("name", "role", "line", "words"), ROSTER_CASES, ids=[c[0] for c in ROSTER_CASES]
)
def test_bad_roster_for_pay(
    tmp_path: Path, name: str, role: str, line: int, words: list[str]
) -> None:
    """`swplan pay` reads rosters its own (streamed) way; the messages must not differ."""
    place(name, tmp_path)
    result = swplan("pay", name, "--format", "json", "--output", "out.json", cwd=tmp_path)
    assert_bad(result, name, line, words, tmp_path / "out.json")


def test_check_reports_every_bad_file(tmp_path: Path) -> None:
    """`swplan check` on all the bad files at once names each one, at the same line."""
    names = [name for name, *_ in CASES]
    for name in names:
        place(name, tmp_path)
    result = swplan("check", *names, cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert not result.out.strip(), "no bad file may be reported OK"
    for name, _, line, words in CASES:
        at = r"\d+" if line == 0 else str(line)
        assert re.search(rf"^error: {re.escape(name)}:{at}(:\d+)?: ", result.err, re.M), name
        if name not in ("populations_empty.yaml", "populations_top_level_list.yaml"):
            # (check cannot tell what kind of file those two are, and says so)
            mine = "\n".join(x for x in result.err.splitlines() if x.startswith(f"error: {name}:"))
            for word in words:
                assert word in mine, (name, word, mine)


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    place("roster_bad_education.yaml", tmp_path)
    out = tmp_path / "out.json"
    out.write_text("last year's report\n")
    result = swplan(*command("roster", "roster_bad_education.yaml"), cwd=tmp_path)
    assert result.code == 2
    assert out.read_text() == "last year's report\n"


def test_every_problem_is_reported(tmp_path: Path) -> None:
    """Several problems in one file: one line each, in one run."""
    (tmp_path / "roster.yaml").write_text(
        "workers:\n"
        "  - {id: W001, site: jinjiang, education: bachlor, title: none, hired: 2016-09-01}\n"
        "  - {id: W002, site: jinjiang, education: bachelor, title: assistent, hired: 2026-02-30}\n",
        encoding="utf-8",
    )
    result = swplan("staff", POPULATIONS, "--roster", "roster.yaml", cwd=tmp_path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 3, result.err
    assert lines[0].startswith("error: roster.yaml:2:")
    assert all(line.startswith("error: roster.yaml:3:") for line in lines[1:])


def test_alias_bomb_is_refused_before_it_expands() -> None:
    # expanded, the bomb is 9**9 strings; it is stopped at `f` (line 7), where the
    # count of values passes the limit, before the levels below it are reached
    with pytest.raises(InputError) as caught:
        parse_yaml("bomb.yaml", bomb_text())
    assert str(caught.value).startswith("error: bomb.yaml:7:1: f: too many aliases")


def test_aliases_within_bounds_are_fine() -> None:
    doc = parse_yaml("ok.yaml", "base: &b {elderly: '5'}\nsites:\n  - {id: a, clients: *b}\n")
    assert doc.data["sites"][0]["clients"] == {"elderly": "5"}


# --------------------------------------------------------------------------- must pass


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    text = "sites:\n  - id: jinjiang\n    name: 金江社区\n    clients: {elderly: 57}\n"
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "bom.csv").write_bytes(
        b"\xef\xbb\xbf" + "id,name,elderly\njinjiang,金江社区,57\n".encode()
    )
    for name in ("bom.yaml", "bom.csv"):
        result = swplan("staff", name, "--format", "json", cwd=tmp_path)
        assert result.code == 0, result.err
        site = result.json()["sites"][0]
        assert (site["id"], site["name"], site["required"]) == ("jinjiang", "金江社区", 3)


def test_leading_zero_id_stays_text(tmp_path: Path) -> None:
    """PyYAML would read `0101` as the octal integer 65; swplan keeps what was written."""
    (tmp_path / "p.yaml").write_text(
        "sites:\n  - id: 0101\n    name: 0101\n    clients: {elderly: 020}\n", encoding="utf-8"
    )
    result = swplan("staff", "p.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    site = result.json()["sites"][0]
    assert site["id"] == "0101"
    assert site["name"] == "0101"
    assert site["required"] == 1 and site["dedicated"] == {"elderly": 1}  # 020 is twenty


def test_yes_and_no_stay_words(tmp_path: Path) -> None:
    """YAML 1.1 would make these booleans; in swplan they are ids and names."""
    (tmp_path / "p.yaml").write_text(
        "sites:\n  - {id: no, name: yes, kind: on, clients: {elderly: 3}}\n"
        "  - {id: off, name: 'n', kind: y, clients: {}}\n",
        encoding="utf-8",
    )
    (tmp_path / "r.yaml").write_text(
        "workers:\n  - {id: yes, site: no, education: bachelor, title: none, years_of_service: 1}\n",
        encoding="utf-8",
    )
    result = swplan("staff", "p.yaml", "--roster", "r.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    sites = result.json()["sites"]
    assert [(s["id"], s["name"], s["kind"]) for s in sites] == [
        ("no", "yes", "on"),
        ("off", "n", "y"),
    ]
    assert sites[0]["current"] == 1
