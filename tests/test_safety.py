"""Nothing lost, nothing paid twice, no traceback: outputs, the ledger, hostile inputs.

Most cases run the CLI in-process; the few that need a real stdout, a second process
or a missing module run `swplan` in a subprocess.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import COMMAND, EXAMPLES, V1_RULES
from typer.testing import CliRunner

from swplan.cli import app
from swplan.io import xlsxbounds
from swplan.io.ledger import PAUSE_ENV

SMALL = EXAMPLES / "small"
AS_OF = "2026-01-01"
HEADER = "worker_id,exam,amount,paid_on\n"
OLD = "W006,senior_social_worker,5000.00,2019-05-10\nW001,assistant_social_worker,1000.00,2025-12-01\n"
# The awards examples/small/passes.yaml makes due against OLD on 2026-01-01 (see that
# file's comment): W005 1000.00, W001 social_worker top-up 2000.00 - 1000.00, W004's
# assistant 1000.00 then social_worker top-up 1000.00, W003 once: 5 rows.
DUE_COUNT = 5


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def cli(*args: str | os.PathLike[str]) -> Run:
    """`swplan ARGS` in-process."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    return Run(result.exit_code, result.stdout, result.stderr)


def sub(*args: str | os.PathLike[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`swplan ARGS` in a subprocess (stdout and stderr captured unless given)."""
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    options.update(kwargs)
    options.setdefault("timeout", 60)
    return subprocess.run([*COMMAND, *map(str, args)], text=True, **options)  # type: ignore[call-overload, no-any-return]


def assert_clean_error(run: Run, *words: str) -> None:
    assert run.code == 2, (run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert run.err.startswith("error: "), run.err
    for word in words:
        assert word in run.err, run.err


@pytest.fixture
def books(tmp_path: Path) -> dict[str, Path]:
    """Copies of the small example: roster, passes, ledger (two old rows)."""
    for name in ("roster.yaml", "roster.csv", "passes.yaml", "populations.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    (tmp_path / "ledger.csv").write_text(HEADER + OLD, encoding="utf-8")
    return {p.stem if p.suffix != ".csv" else p.stem + "_csv": p for p in tmp_path.iterdir()} | {
        "ledger": tmp_path / "ledger.csv",
        "roster": tmp_path / "roster.yaml",
        "passes": tmp_path / "passes.yaml",
    }


def record(
    books: dict[str, Path], *extra: str | os.PathLike[str], ledger: Path | None = None
) -> Run:
    return cli(
        "awards",
        books["roster"],
        "--passes",
        books["passes"],
        "--ledger",
        ledger or books["ledger"],
        "--as-of",
        AS_OF,
        "--record",
        *extra,
    )


def data_rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[1:]


# --------------------------------------------------------------------------- the ledger


def test_record_into_a_missing_ledger_creates_nothing_without_new_ledger(
    books: dict[str, Path],
) -> None:
    typo = books["ledger"].with_name("ledgr.csv")
    run = record(books, ledger=typo)
    assert_clean_error(run, "ledgr.csv", "does not exist", "--new-ledger")
    assert not typo.exists()
    made = record(books, "--new-ledger", ledger=typo)
    assert made.code == 0, made.err
    assert typo.read_text(encoding="utf-8").startswith(HEADER)
    # 6 due awards against an empty ledger: W001's assistant pass is no longer paid
    assert len(data_rows(typo)) == DUE_COUNT + 1


@pytest.mark.parametrize("where", ["missing-dir/out.json", "a-directory", "/dev/full"])
def test_record_with_an_unwritable_output_leaves_the_ledger_byte_identical(
    books: dict[str, Path], tmp_path: Path, where: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    before = books["ledger"].read_bytes()
    run = record(books, "-f", "json", "-o", tmp_path / where)
    assert_clean_error(run, "cannot be written")
    assert books["ledger"].read_bytes() == before
    assert "recorded" not in run.err


def test_full_disk_is_not_blamed_on_the_directory(books: dict[str, Path]) -> None:
    run = cli("pay", books["roster_csv"], "-f", "csv", "-o", "/dev/full")
    assert_clean_error(run, "disk is full")
    assert "directory" not in run.err


def test_the_report_is_of_what_was_recorded(books: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "awards.json"
    run = record(books, "-f", "json", "-o", out)
    assert run.code == 0, run.err
    due = [a for a in __import__("json").loads(out.read_text())["awards"] if a["status"] == "due"]
    assert len(due) == DUE_COUNT == len(data_rows(books["ledger"])) - 2


def test_import_and_every_command_without_fcntl(books: dict[str, Path], tmp_path: Path) -> None:
    """As on Windows: no `fcntl`; the ledger is locked with `msvcrt` instead (a stand-in)."""
    script = f"""
import sys, types
sys.modules["fcntl"] = None  # import fcntl now fails, as on Windows
import swplan
from typer.testing import CliRunner
from swplan.cli import app
calls = []
msvcrt = types.ModuleType("msvcrt")  # installed after the imports: subprocess looks for it
msvcrt.LK_NBLCK, msvcrt.LK_UNLCK = 2, 0
msvcrt.locking = lambda fd, mode, n: calls.append(mode)
sys.modules["msvcrt"] = msvcrt
small = {str(SMALL)!r}
for args in (
    ["staff", small + "/populations.yaml", "--roster", small + "/roster.csv"],
    ["pay", small + "/roster.csv", "-f", "csv"],
    ["budget", small + "/populations.yaml", small + "/roster.yaml"],
    ["check", small + "/roster.yaml"],
    ["awards", {str(books["roster"])!r}, "--passes", {str(books["passes"])!r},
     "--ledger", {str(books["ledger"])!r}, "--record", "--as-of", "2026-01-01"],
):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
assert calls == [2, 0], calls  # locked once, unlocked once
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "ok", done.stderr
    assert len(data_rows(books["ledger"])) == 2 + DUE_COUNT


def test_negative_ledger_amount_is_an_error(books: dict[str, Path]) -> None:
    books["ledger"].write_text(HEADER + "W001,assistant_social_worker,-1000.00,2025-12-01\n")
    run = cli("awards", books["roster"], "--ledger", books["ledger"], "--as-of", AS_OF)
    assert_clean_error(run, "ledger.csv:2:3: amount: '-1000.00' is negative")


def test_tsv_files_are_tab_separated(books: dict[str, Path], tmp_path: Path) -> None:
    roster = tmp_path / "roster.tsv"
    roster.write_text(books["roster_csv"].read_text(encoding="utf-8").replace(",", "\t"))
    ledger = tmp_path / "ledger.tsv"
    ledger.write_text((HEADER + OLD).replace(",", "\t"))
    for fmt in ("json", "csv"):  # the whole-file and the streamed reader
        run = cli("pay", roster, "-f", fmt)
        assert run.code == 0, run.err
        assert "W006" in run.out
    run = record(books, ledger=ledger)
    assert run.code == 0, run.err
    added = data_rows(ledger)[2:]
    assert len(added) == DUE_COUNT and all(line.count("\t") == 3 for line in added)


def test_a_ledger_in_another_column_order_is_appended_in_that_order(
    books: dict[str, Path],
) -> None:
    books["ledger"].write_text(
        "exam,worker_id,paid_on,amount\n"
        "senior_social_worker,W006,2019-05-10,5000.00\n"
        "assistant_social_worker,W001,2025-12-01,1000.00\n"
    )
    check = cli("check", books["ledger"])
    assert "appends in its column order: exam, worker_id, paid_on, amount" in check.out
    first = record(books)
    assert first.code == 0, first.err
    assert "psychological_counselor,W005,2026-01-01,1000.00" in data_rows(books["ledger"])
    again = record(books)
    assert "recorded nothing" in again.err  # read back as written: nothing paid twice
    assert len(data_rows(books["ledger"])) == 2 + DUE_COUNT


def test_a_header_it_cannot_write_back_is_refused(books: dict[str, Path]) -> None:
    text = " worker_id , exam,amount,paid_on\n" + OLD
    books["ledger"].write_text(text)
    run = record(books)
    assert_clean_error(run, "--record cannot append to this ledger")
    assert books["ledger"].read_text() == text
    assert "--record refuses it" in cli("check", books["ledger"]).out


def test_a_ledger_that_is_only_a_bom_is_empty(books: dict[str, Path]) -> None:
    books["ledger"].write_bytes(b"\xef\xbb\xbf")
    run = record(books)
    assert run.code == 0, run.err
    data = books["ledger"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    assert len(data_rows(books["ledger"])) == DUE_COUNT + 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_the_ledger_and_outputs_keep_owner_group_and_mode(
    books: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    for path in (books["ledger"], out):
        path.write_text(path.read_text() if path.exists() else "old\n")
        os.chown(path, 4321, 4322)
        path.chmod(0o640)
    assert record(books, "-f", "json", "-o", out).code == 0
    for path in (books["ledger"], out):
        info = path.stat()
        assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4322, 0o640)
    assert out.read_text().startswith("{")


def test_a_hard_linked_ledger_records_once_under_either_name(
    books: dict[str, Path], tmp_path: Path
) -> None:
    second = tmp_path / "other-name.csv"
    os.link(books["ledger"], second)
    assert record(books).code == 0
    again = record(books, ledger=second)
    assert "recorded nothing" in again.err
    assert books["ledger"].read_bytes() == second.read_bytes()
    assert os.stat(second).st_ino == os.stat(books["ledger"]).st_ino


def _start(books: dict[str, Path], ledger: Path, pause: str) -> subprocess.Popen[str]:
    args = ["awards", books["roster"], "--passes", books["passes"], "--ledger", ledger]
    return subprocess.Popen(
        [*COMMAND, *map(str, args), "--as-of", AS_OF, "--record", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PAUSE_ENV: pause},
    )


def test_two_names_of_one_ledger_share_the_lock(books: dict[str, Path], tmp_path: Path) -> None:
    second = tmp_path / "other-name.csv"
    os.link(books["ledger"], second)
    link = tmp_path / "symlink.csv"
    link.symlink_to(books["ledger"])
    first = _start(books, books["ledger"], "1.5")
    assert first.stdout is not None and first.stdout.readline() == "{\n"  # holds the lock
    others = [_start(books, name, "0") for name in (second, link)]
    errs = [p.communicate(timeout=60)[1] for p in (first, *others)]
    assert "recorded 5 award(s)" in errs[0]
    assert all("recorded nothing" in e for e in errs[1:]), errs
    assert len(data_rows(books["ledger"])) == 2 + DUE_COUNT
    assert not list(tmp_path.glob("*.lock"))


def test_a_row_appended_by_another_program_meanwhile_is_kept(
    books: dict[str, Path],
) -> None:
    run = _start(books, books["ledger"], "1")
    assert run.stdout is not None and run.stdout.readline() == "{\n"  # read, not yet written
    outside = "W777,social_worker,2000.00,2025-12-31\n"
    with open(books["ledger"], "a", encoding="utf-8") as f:  # no lock: a spreadsheet, a script
        f.write(outside)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    rows = data_rows(books["ledger"])
    assert rows[:3] == [*OLD.splitlines(), outside.strip()]
    assert len(rows) == 3 + DUE_COUNT


# --------------------------------------------------------------------------- outputs


@pytest.mark.parametrize("kind", ["ledger", "roster", "rules-symlink", "passes-hardlink"])
def test_an_output_that_is_an_input_is_a_usage_error(
    books: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("extends: national-v1\n")
    target = {"ledger": books["ledger"], "roster": books["roster"]}.get(kind)
    if kind == "rules-symlink":
        target = tmp_path / "link.yaml"
        target.symlink_to(rules)
    if kind == "passes-hardlink":
        target = tmp_path / "hard.yaml"
        os.link(books["passes"], target)
    assert target is not None
    before = {p: p.read_bytes() for p in (books["ledger"], books["roster"], rules, books["passes"])}
    run = record(books, "--rules", rules, "-f", "csv", "-o", target)
    assert_clean_error(run, "--output: is an input of this run")
    assert {p: p.read_bytes() for p in before} == before


def test_a_fifo_output_is_written_in_place(books: dict[str, Path], tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run = cli("pay", books["roster"], "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert run.code == 0, run.err
    assert got and got[0].startswith(b'{\n  "schema": "swplan.pay/1"')
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not replaced by a file


def test_dash_and_dev_stdout_write_to_stdout(books: dict[str, Path], tmp_path: Path) -> None:
    dash = cli("pay", books["roster"], "-f", "json", "-o", "-")
    assert dash.code == 0 and dash.out.startswith("{")
    assert not (Path.cwd() / "-").exists()
    piped = sub("pay", books["roster_csv"], "-f", "csv", "-o", "/dev/stdout")  # a pipe
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("id,name,site")


def test_a_full_or_closed_stdout_is_one_error_line(books: dict[str, Path]) -> None:
    with open("/dev/full", "w") as full:
        done = sub("pay", books["roster"], "-f", "json", stdout=full)
    assert done.returncode == 2 and done.stderr == (
        "error: stdout: cannot be written: the disk is full (no space left on device)\n"
    )
    closed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *COMMAND, "pay", str(books["roster"])],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    assert closed.returncode == 2 and closed.stderr.startswith("error: stdout: is closed")


@pytest.mark.parametrize("target", ["a-directory", "missing/x.csv"])
def test_streamed_pay_into_a_bad_output_is_one_error_line(
    books: dict[str, Path], tmp_path: Path, target: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    run = cli("pay", books["roster_csv"], "-f", "csv", "-o", tmp_path / target)
    assert_clean_error(run, "cannot be written")


# --------------------------------------------------------------------------- hostile values


def test_integers_of_thousands_of_digits(books: dict[str, Path], tmp_path: Path) -> None:
    huge = "9" * 5000
    roster = tmp_path / "huge.csv"
    roster.write_text(
        "id,site,education,title,years_of_service\nW1,s1,bachelor,none," + huge + "\n"
    )
    pops = tmp_path / "pops.yaml"
    pops.write_text(
        f"sites:\n  - {{id: s1, name: S, kind: agency, clients: {{elderly: {huge}}}}}\n"
    )
    for args in (("pay", roster, "-f", "csv"), ("pay", roster, "-f", "json"), ("staff", pops)):
        run = cli(*args)
        assert_clean_error(run, "too large")
        assert len(run.err) < 400  # the value is not repeated in full


def test_decimals_past_28_digits(books: dict[str, Path], tmp_path: Path) -> None:
    long = "1" * 30
    run = cli("budget", books["populations"], books["roster"], "--cap", long)
    assert_clean_error(run, "--cap")
    books["ledger"].write_text(HEADER + f"W001,assistant_social_worker,{long}.00,2025-12-01\n")
    assert_clean_error(cli("awards", books["roster"], "--ledger", books["ledger"]), "amount")
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"extends: national-v1\nbudget:\n  training_per_worker: '{long}'\n")
    assert_clean_error(cli("pay", books["roster"], "--rules", rules), "training_per_worker")


NAMES = ["Wang [/]", "Li [temp]", "[link=http://x]Zhao[/link]"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_names_print_literally_in_every_format(tmp_path: Path, fmt: str) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n"
        + "".join(
            f"  - {{id: W{i}, name: '{name}', site: s1, education: bachelor, title: none, "
            "years_of_service: 1}\n"
            for i, name in enumerate(NAMES)
        )
    )
    run = cli("pay", roster, "-f", fmt)
    assert run.code == 0, run.err
    for name in NAMES:
        assert name in run.out


def test_line_breaks_in_names_do_not_break_markdown_rows(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n"
        '  - {id: W1, name: "Li\\rSi", site: s1, education: bachelor, title: none, years_of_service: 1}\n'
        '  - {id: W2, name: "Wu\\r\\nQi\\nEr", site: s1, education: bachelor, title: none, years_of_service: 1}\n'
    )
    run = cli("pay", roster, "-f", "markdown")
    assert run.code == 0, run.err
    rows = [line for line in run.out.split("\n") if line.startswith(("| W1 ", "| W2 "))]
    assert len(rows) == 2 and "\r" not in run.out
    assert "| Li Si |" in rows[0] and "| Wu Qi Er |" in rows[1]


def test_fullwidth_digits_read_alike_in_counts_and_dates(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,site,education,title,hired,years_of_service\n"
        "W1,s1,bachelor,none,２０１６－０９－０１,\n"
        "W2,s1,bachelor,none,,９\n"
    )
    run = cli("pay", roster, "-f", "json", "--as-of", "2026-01-01", "--rules", V1_RULES)
    assert run.code == 0, run.err
    years = [w["years"] for w in __import__("json").loads(run.out)["workers"]]
    assert years == [9, 9]  # 2016-09-01 to 2026-01-01: 9 completed years


def test_year_must_be_a_whole_year(books: dict[str, Path]) -> None:
    run = cli("budget", books["populations"], books["roster"], "--year", "2026.0")
    assert_clean_error(run, "--year", "'2026.0' is not a year")


def test_usage_errors_are_error_lines_not_boxes(books: dict[str, Path]) -> None:
    run = cli("pay", books["roster"], "--bogus")
    assert_clean_error(run, "No such option: --bogus")
    assert "╭" not in run.err and "│" not in run.err


# --------------------------------------------------------------------------- workbooks


def _workbook(path: Path, hidden_first: bool = False) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    header = ["id", "site", "education", "title", "years_of_service"]
    if hidden_first:
        old = book.active
        old.title = "Old"
        old.sheet_state = "hidden"
        old.append(header)
        old.append(["X9", "s1", "bachelor", "none", "1"])
        sheet = book.create_sheet("Roster")
    else:
        sheet = book.active
    sheet.append(header)
    sheet.append(["W1", "s1", "bachelor", "none", "1"])
    book.save(path)
    return book


def test_a_hidden_sheet_is_never_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    _workbook(path, hidden_first=True)
    run = cli("pay", path, "-f", "csv")
    assert run.code == 0, run.err
    assert "W1" in run.out and "X9" not in run.out


def test_a_formula_without_a_value_is_named_and_a_merged_cell_fills_its_range(
    tmp_path: Path,
) -> None:
    path = tmp_path / "roster.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "site", "education", "title", "years_of_service"])
    sheet.append(["W1", "s1", "bachelor", "none", "=1+1"])  # openpyxl saves no value
    sheet.append(["W2", "s1", "bachelor", "none", "3"])
    sheet.append(["W3", None, "bachelor", "none", "3"])
    sheet.merge_cells("B3:B4")
    book.save(path)
    run = cli("pay", path)
    assert_clean_error(run, "Sheet!E2: years_of_service: formula '=1+1' has no saved value")
    # a merged cell's value counts for every cell it covers: W3 is at s1, like W2
    assert "B4" not in run.err
    assert "required value is missing" not in run.err
    sheet["E2"] = "2"
    book.save(path)
    run = cli("pay", path, "-f", "csv")
    assert run.code == 0, run.err
    assert [line.split(",")[:3] for line in run.out.splitlines()[1:]] == [
        ["W1", "", "s1"],
        ["W2", "", "s1"],
        ["W3", "", "s1"],
    ]


def test_a_workbook_declaring_two_million_rows_is_refused(tmp_path: Path) -> None:
    import zipfile

    small = tmp_path / "small.xlsx"
    _workbook(small)
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'ref="A1:E2"', b'ref="A1:E2000000"')
            dst.writestr(item, data)
    run = cli("pay", big)
    assert_clean_error(run, "declares 2,000,000 rows", "1,048,576")


def test_a_workbook_inflating_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roster.xlsx"
    _workbook(path)
    monkeypatch.setattr(xlsxbounds, "MAX_SHEET_XML_BYTES", 100)  # the sheet's XML is ~1 KB
    run = cli("pay", path)
    assert_clean_error(run, "is too big to read: its part", "MiB")


# --------------------------------------------------------------------------- pipes


@pytest.fixture
def fifo_roster(tmp_path: Path) -> Iterator[Path]:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    text = (SMALL / "roster.csv").read_bytes()

    def feed() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY)
        except OSError:
            return
        with os.fdopen(fd, "wb") as f:
            f.write(text)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    yield fifo
    # unblock a writer still waiting for a reader
    with os.fdopen(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK), "rb"):
        time.sleep(0.05)


@pytest.mark.parametrize("args", [("pay", "{}", "-f", "csv"), ("check", "{}")])
def test_a_roster_from_a_fifo_is_read_once(fifo_roster: Path, args: tuple[str, ...]) -> None:
    done = sub(*(a.format(fifo_roster) for a in args), timeout=30)
    assert done.returncode == 0, done.stderr
    assert "W006" in done.stdout or "6 workers" in done.stdout


def test_output_is_not_checked_for_readability(
    books: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "write-only.json"
    out.write_text("old\n")
    out.chmod(0o200)
    real_access = os.access
    # as root every file is readable: make this one look as it does to its owner
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == out else real_access(p, mode, **kw)
    )
    run = cli("pay", books["roster"], "-f", "json", "-o", out)
    assert run.code == 0, run.err
    monkeypatch.undo()
    out.chmod(0o600)
    assert out.read_text().startswith("{")


# --------------------------------------------------------------------------- torn appends


def _journal(ledger: Path) -> Path:
    from swplan.io.ledger import journal_path

    fd = os.open(ledger, os.O_RDONLY)
    try:
        return Path(journal_path(str(ledger), fd))
    finally:
        os.close(fd)


def _begin_append(ledger: Path, pending: bytes, written: int) -> None:
    """What a run stopped in the middle of its append leaves: the ledger noted (its mark
    and journal) and the first `written` bytes of `pending` appended."""
    from swplan.io import journal

    fd = os.open(ledger, os.O_RDWR | os.O_APPEND)
    try:
        journal.begin(str(ledger), fd, pending, ledger.read_bytes())
        os.write(fd, pending[:written])
    finally:
        os.close(fd)


def test_an_append_cut_short_is_taken_back_by_the_next_run(books: dict[str, Path]) -> None:
    old = books["ledger"].read_bytes()
    pending = (
        b"W005,psychological_counselor,1000.00,2026-01-01\nW001,social_worker,1000.00,2026-01-01\n"
    )
    _begin_append(books["ledger"], pending, 30)  # half a row
    assert books["ledger"].read_bytes() == old + pending[:30]
    run = record(books)
    assert run.code == 0, run.err
    assert (
        books["ledger"]
        .read_bytes()
        .startswith(old + b"W005,psychological_counselor,1000.00,2026-01-01\n")
    )
    assert len(data_rows(books["ledger"])) == 2 + DUE_COUNT  # no torn row, nothing twice
    assert not _journal(books["ledger"]).exists()


def test_an_append_complete_but_not_yet_cleared_is_kept(books: dict[str, Path]) -> None:
    assert record(books).code == 0
    done = books["ledger"].read_bytes()
    first_size = len(HEADER + OLD)
    books["ledger"].write_bytes(done[:first_size])
    _begin_append(books["ledger"], done[first_size:], len(done) - first_size)
    assert books["ledger"].read_bytes() == done and _journal(books["ledger"]).exists()
    again = record(books)
    assert "recorded nothing" in again.err
    assert books["ledger"].read_bytes() == done
    assert not _journal(books["ledger"]).exists()


def test_a_full_disk_while_appending_records_nothing(
    books: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    before = books["ledger"].read_bytes()
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if os.fstat(fd).st_ino == os.stat(books["ledger"]).st_ino:
            if len(data) > 10:
                return real_write(fd, bytes(data[:10]))  # a short write, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_full)
    run = record(books)
    monkeypatch.undo()
    assert_clean_error(run, "disk is full", "nothing was recorded")
    assert books["ledger"].read_bytes() == before
    assert not _journal(books["ledger"]).exists()


def test_a_device_as_output_stays_a_device(books: dict[str, Path], tmp_path: Path) -> None:
    null = tmp_path / "null"  # a device of our own, like /dev/null (never the machine's)
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    run = cli("pay", books["roster"], "-f", "json", "-o", null)
    assert run.code == 0, run.err
    assert stat.S_ISCHR(null.stat().st_mode)  # written to, never replaced by a file
