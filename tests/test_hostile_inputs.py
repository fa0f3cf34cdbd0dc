"""Hostile inputs: numbers that are not numbers, workbook bombs in every part, outputs
onto inputs through `#SHEET`, workbooks that must hold every row, `init` and `plan`
at their limits, dates in 9999."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl
import pytest
from conftest import COMMAND, EXAMPLES, V1_RULES, swplan

SMALL = EXAMPLES / "small"
ROSTER_HEADER = "id,name,site,education,title,post,hired,years_of_service,performance\n"


def assert_refused(run: object, *words: str) -> None:
    code, err = run.code, run.err  # type: ignore[attr-defined]
    assert code == 2, (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.startswith(("error: ", "错误：")), err
    for word in words:
        assert word in err, err


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("written", ["1²", "1000¹", "①⓪⓪⓪", "٣"])
def test_a_count_is_never_guessed(tmp_path: Path, written: str) -> None:
    # NFKC would read 1² as 12, 1000¹ as 10001, ①⓪⓪⓪ as 1000; Python reads ٣ as 3
    pops = tmp_path / "populations.yaml"
    pops.write_text(
        f"sites:\n  - {{id: s1, name: S, kind: urban_community, clients: {{elderly: '{written}'}}}}\n",
        "utf-8",
    )
    assert_refused(swplan("staff", pops), "clients.elderly", repr(written))


@pytest.mark.parametrize("written", ["1²", "①⓪"])
def test_years_of_service_are_never_guessed(tmp_path: Path, written: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_HEADER + f"W1,A,s1,bachelor,none,,,{written},good\n", "utf-8")
    assert_refused(swplan("pay", roster, "--as-of", "2026-01-01"), "years_of_service")


@pytest.mark.parametrize("written", ["1000¹", "1²00.00", "①⓪⓪⓪.00"])
def test_a_ledger_amount_is_never_guessed(tmp_path: Path, written: str) -> None:
    # 1000¹ read as 10001.00 would make an award look paid several times over
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        f"worker_id,exam,amount,paid_on\nW001,assistant_social_worker,{written},2025-12-01\n",
        "utf-8",
    )
    run = swplan("awards", SMALL / "roster.yaml", "--ledger", ledger, "--as-of", "2026-01-01")
    assert_refused(run, "amount", repr(written))


def test_a_rate_and_a_cap_are_never_guessed(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("extends: national\nplan:\n  attrition: '0.0⁵'\n", "utf-8")
    assert_refused(swplan("pay", SMALL / "roster.yaml", "--rules", rules), "plan.attrition")
    run = swplan("budget", SMALL / "populations.yaml", SMALL / "roster.yaml", "--cap", "1000¹")
    assert_refused(run, "--cap", "'1000¹'")


def test_a_date_with_a_superscript_is_not_a_date(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_HEADER + "W1,A,s1,bachelor,none,,2016-09-0¹,,good\n", "utf-8")
    assert_refused(swplan("pay", roster, "--as-of", "2026-01-01"), "hired")


# --------------------------------------------------------------------------- workbook bombs


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "roster"
    sheet.append(ROSTER_HEADER.strip().split(","))
    sheet.append(["W1", "Wang", "s1", "bachelor", "none", None, None, 3, "good"])
    book.save(path)


def _bombed(
    tmp_path: Path,
    member: str,
    payload: Callable[[bytes], Iterable[bytes]],
    renames: dict[str, str] | None = None,
) -> Path:
    """A copy of a one-worker roster workbook with `member` replaced by what `payload`
    streams (given its old bytes); `renames` moves members (and the names inside the
    content types and relationships that point at them)."""
    small = tmp_path / "small.xlsx"
    _workbook(small)
    out = tmp_path / "bomb.xlsx"
    renames = renames or {}
    with (
        zipfile.ZipFile(small) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            for old, new in renames.items():
                data = data.replace(old.encode(), new.encode())
                data = data.replace(
                    old.removeprefix("xl/").encode(), new.removeprefix("xl/").encode()
                )
            name = renames.get(info.filename, info.filename)
            if info.filename != member:
                dst.writestr(name, data)
                continue
            with dst.open(name, "w", force_zip64=True) as f:
                for chunk in payload(data):
                    f.write(chunk)
    return out


def _padded(before: bytes, mib: int) -> Callable[[bytes], Iterable[bytes]]:
    """The member's own XML with `mib` MiB of spaces inserted before `before`."""

    def payload(data: bytes) -> Iterable[bytes]:
        at = data.rindex(before)
        yield data[:at]
        chunk = b" " * (1 << 20)
        for _ in range(mib):
            yield chunk
        yield data[at:]

    return payload


def _elements(before: bytes, element: bytes, count: int) -> Callable[[bytes], Iterable[bytes]]:
    def payload(data: bytes) -> Iterable[bytes]:
        at = data.index(before) + len(before)
        yield data[:at]
        for _ in range(count // 10_000):
            yield element * 10_000
        yield data[at:]

    return payload


def test_the_workbook_itself_reads(tmp_path: Path) -> None:
    path = _bombed(tmp_path, "nothing", _padded(b"", 0))
    run = swplan("pay", path, "-f", "csv", "--as-of", "2026-01-01")
    assert run.code == 0 and run.out.splitlines()[1].startswith("W1,Wang,s1"), run.err


def test_a_styles_part_of_too_many_elements_is_refused(tmp_path: Path) -> None:
    # 450,000 empty cell formats (2.2 MB): openpyxl builds an object for each, about
    # 800 bytes and 40 microseconds apiece (a 50 MB one took 8 GB and 7 minutes)
    path = _bombed(tmp_path, "xl/styles.xml", _elements(b'<cellXfs count="1">', b"<xf/>", 450_000))
    assert_refused(swplan("pay", path), "too big to read", "'xl/styles.xml'", "XML elements")


def test_a_theme_inflating_past_its_bound_is_refused(tmp_path: Path) -> None:
    path = _bombed(tmp_path, "xl/theme/theme1.xml", _padded(b"</a:theme>", 33))
    assert_refused(swplan("pay", path), "'xl/theme/theme1.xml' inflates to 33 MiB", "32 MiB")


def test_content_types_inflating_past_their_bound_are_refused(tmp_path: Path) -> None:
    path = _bombed(tmp_path, "[Content_Types].xml", _padded(b"</Types>", 33))
    assert_refused(swplan("pay", path), "'[Content_Types].xml' inflates to 33 MiB")


def test_a_sheet_under_another_name_is_bounded_as_a_sheet(tmp_path: Path) -> None:
    moved = {"xl/worksheets/sheet1.xml": "xl/data/rows.xml"}
    path = _bombed(tmp_path, "xl/worksheets/sheet1.xml", _padded(b"</sheetData>", 257), moved)
    assert_refused(swplan("pay", path), "'xl/data/rows.xml' inflates to 257 MiB", "256 MiB")


SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def test_shared_strings_under_another_name_are_bounded_as_shared_strings(tmp_path: Path) -> None:
    # the content types name xl/words.xml as the shared strings: 129 MiB of them
    def declared(data: bytes) -> Iterable[bytes]:
        part = f'<Override PartName="/xl/words.xml" ContentType="{SHARED_STRINGS}"/>'
        yield data.replace(b"</Types>", part.encode() + b"</Types>")

    path = _bombed(tmp_path, "[Content_Types].xml", declared)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as book,
        book.open("xl/words.xml", "w", force_zip64=True) as f,
    ):
        f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        for _ in range(129):
            f.write(b" " * (1 << 20))
        f.write(b"</sst>")
    assert_refused(swplan("pay", path), "its text inflates to 129 MiB", "128 MiB")


def test_the_parts_together_are_bounded(tmp_path: Path) -> None:
    # five pictures of 110 MiB that no reader opens: 550 MiB in all, past 512 MiB
    small = tmp_path / "small.xlsx"
    _workbook(small)
    path = tmp_path / "pictures.xlsx"
    shutil.copy(small, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for n in range(5):
            with book.open(f"xl/media/image{n}.png", "w", force_zip64=True) as f:
                for _ in range(110):
                    f.write(bytes(1 << 20))
    assert_refused(swplan("pay", path), "its parts inflate to 550 MiB in all", "512 MiB")


# --------------------------------------------------------------------------- #SHEET outputs


@pytest.mark.parametrize("sheet", ["花名册", "*"])
def test_an_output_onto_the_input_through_a_sheet_name_is_refused(
    tmp_path: Path, sheet: str
) -> None:
    roster = tmp_path / "roster.xlsx"
    shutil.copy(EXAMPLES / "bureau" / "roster.xlsx", roster)
    before = roster.read_bytes()
    run = swplan("pay", f"{roster}#{sheet}", "-o", roster, "--as-of", "2026-01-01")
    assert_refused(run, "--output", "is an input of this run")
    assert roster.read_bytes() == before


# --------------------------------------------------------------------------- xlsx rows


def test_a_workbook_holds_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from swplan.commands import roster as roster_commands

    # more workers than a table lists (5,000, scaled down to 50): a table shows only the
    # totals, a workbook every worker
    monkeypatch.setattr(roster_commands, "TABLE_ROWS", 50)
    roster = tmp_path / "r60.csv"
    rows = "".join(f"W{i:05d},N{i},s{i % 7},bachelor,none,,,3,good\n" for i in range(60))
    roster.write_text(ROSTER_HEADER + rows, "utf-8")
    args = ("--as-of", "2026-01-01", "--rules", V1_RULES)
    table = swplan("pay", roster, *args)
    assert table.code == 0 and "60 workers are too many to list here" in table.out, table.err
    out = tmp_path / "pay.xlsx"
    run = swplan("pay", roster, "-o", out, *args)
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(out, read_only=True)
    # the title, the unit line and the header, then 60 workers and the totals row
    ids = [r[0] for r in book["Workers"].iter_rows(min_row=4, values_only=True)]
    assert ids[:-1] == [f"W{i:05d}" for i in range(60)] and ids[-1] == "Total"


def test_a_sheet_past_excel_rows_is_an_error_saying_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swplan import workbook_rows

    monkeypatch.setattr(workbook_rows, "EXCEL_ROWS", 50)  # 1,048,576 rows, scaled down
    roster = tmp_path / "r60.csv"
    rows = "".join(f"W{i:03d},N{i},s1,bachelor,none,,,3,good\n" for i in range(60))
    roster.write_text(ROSTER_HEADER + rows, "utf-8")
    out = tmp_path / "pay.xlsx"
    run = swplan("pay", roster, "-o", out)
    # a title, a unit line, a header, 60 workers and a totals row: 64 rows
    assert_refused(run, "would need 64 rows", "use --format csv")
    assert not out.exists()


# --------------------------------------------------------------------------- init


def test_init_refuses_an_empty_directory_name(tmp_path: Path) -> None:
    run = swplan("init", "", cwd=tmp_path)
    assert_refused(run, "the directory name is empty")
    assert list(tmp_path.iterdir()) == []


def test_init_never_writes_through_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "new"
    target.mkdir()
    outside = tmp_path / "elsewhere.yaml"
    (target / "rules.yaml").symlink_to(outside)
    run = swplan("init", target)
    assert_refused(run, "rules.yaml: is a link")
    assert not outside.exists()
    assert sorted(p.name for p in target.iterdir()) == ["rules.yaml"]


def test_init_on_a_full_disk_leaves_nothing(tmp_path: Path) -> None:
    # 12 KiB per file: rules.yaml (4 KB) fits, a workbook does not
    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (12 << 10, 12 << 10))

    target = tmp_path / "set"
    done = subprocess.run(
        [*COMMAND, "init", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {target}: cannot be written"), done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert not target.exists()


def test_init_linking_the_third_file_fails_and_takes_back_the_first_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    link = os.link

    def third_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        link(src, dst)

    monkeypatch.setattr(os, "link", third_fails)
    target = tmp_path / "set"
    target.mkdir()
    run = swplan("init", target)
    assert_refused(run, "the disk is full", "nothing was written")
    assert list(target.iterdir()) == []


# --------------------------------------------------------------------------- plan


def test_plan_from_9998_blames_from(tmp_path: Path) -> None:
    run = swplan("plan", SMALL / "populations.yaml", SMALL / "roster.yaml", "--from", "9998")
    # the national horizon is 5 years: 9998-10002; 9995 is the latest start
    assert_refused(run, "error: --from: 5 years from 9998 run past 9999", "9995")
    assert "--target" not in run.err


def test_plan_years_are_bounded() -> None:
    pops, roster = SMALL / "populations.yaml", SMALL / "roster.yaml"
    assert_refused(swplan("plan", pops, roster, "--years", "31"), "--years", "from 1 to 30")
    assert swplan("plan", pops, roster, "--years", "30", "-f", "json").code == 0


def test_plan_growth_is_at_most_one_a_year(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national\nplan:\n  years: 3\n  client_growth: {default: 2}\n  pay_rise: 1.5\n",
        "utf-8",
    )
    run = swplan("plan", SMALL / "populations.yaml", SMALL / "roster.yaml", "--rules", rules)
    assert_refused(run, "plan.client_growth.default: 2 is more than 1", "plan.pay_rise: 1.5")


def test_plan_workforce_is_bounded_before_memory_runs_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from swplan.calc import plan_workforce

    monkeypatch.setattr(plan_workforce, "MAX_PLAN_WORKERS", 1000)  # 10,000,000, scaled down
    rules = tmp_path / "rules.yaml"
    rules.write_text("extends: national\nplan:\n  years: 30\n  client_growth: {default: 1}\n")
    run = swplan(
        "plan",
        SMALL / "populations.yaml",
        SMALL / "roster.yaml",
        "--rules",
        rules,
        "--from",
        "2026",
    )
    assert_refused(
        run, "error: plan: the planned workforce would reach", "more than a plan follows"
    )


# --------------------------------------------------------------------------- 9999


def test_awards_of_9999_with_a_claim_deadline_and_months_of_service(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "extends: national\nawards:\n  claim_deadline: {month: 12, day: 31}\n"
        "  eligibility: {min_service_months: 1}\n",
        "utf-8",
    )
    roster = tmp_path / "roster.csv"
    roster.write_text(
        ROSTER_HEADER
        + "W1,A,s1,bachelor,none,,9999-01-31,,good\nW2,B,s1,bachelor,none,,9999-12-01,,good\n",
        "utf-8",
    )
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "worker_id,exam,passed_on\nW1,assistant_social_worker,9999-12-31\n"
        "W2,assistant_social_worker,9999-12-30\n",
        "utf-8",
    )
    run = swplan(
        "awards",
        roster,
        "--passes",
        passes,
        "--rules",
        rules,
        "--as-of",
        "9999-12-31",
        "-f",
        "json",
    )
    assert run.code == 0, run.err
    # W1: 11 month anniversaries of 31 January by 31 December (28 February, 31 March,
    # ... 30 November: a short month's last day), due; W2: hired 1 December, 0 months by
    # 30 December, ineligible
    assert [a["status"] for a in run.json()["awards"]] == ["due", "ineligible"]
