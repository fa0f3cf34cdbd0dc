"""A ledger's state is a function of the file, not of its name: an append cut short is
seen and taken back through every name of the ledger, a journal cannot be forged into
dropping or adding rows, and nothing is recorded unless the report was written.

The ledger and passes are those of tests/test_ledger.py: the passes add three rows of
1,000.00 each to a ledger holding two old rows (3,000.00 in all).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COMMAND, swplan
from test_ledger import (
    AS_OF,
    HEADER,
    NEW_ROWS,
    OLD_ROWS,
    record_args,
    start,
    wait_for,
    write_inputs,
)

from swplan.io.ledger import PAUSE_ENV

# what a run killed in the middle of its write leaves: the first of its three rows
TORN = NEW_ROWS.splitlines(keepends=True)[0]
assert TORN == "W001,social_worker,1000.00,2026-01-01\n"


def journal_of(ledger: Path) -> Path:
    """Where swplan keeps the journal of `ledger`: beside the file itself, named by it."""
    info = ledger.stat()
    return ledger.resolve().parent / f".swplan-journal-{info.st_dev}-{info.st_ino}"


def journals(directory: Path) -> list[Path]:
    return list(directory.glob(".swplan-journal-*"))


def whole_journal(directory: Path) -> bool:
    """Whether a journal in `directory` holds all the rows the run is adding (a run
    appends only once its journal is whole)."""
    return any(j.read_bytes().endswith(NEW_ROWS.encode()) for j in journals(directory))


def populations(tmp_path: Path) -> Path:
    path = tmp_path / "populations.yaml"
    path.write_text("sites:\n  - {id: s1, name: One, kind: agency, clients: {elderly: 40}}\n")
    return path


def read_args(files: dict[str, Path], ledger: str) -> list[str]:
    return ["awards", str(files["roster"]), "--passes", str(files["passes"]), "--ledger", ledger]


def kill_in_the_append(files: dict[str, Path]) -> None:
    """Start a recording run, kill it as it appends, and leave what a kill in the middle
    of the write leaves: the ledger with the first new row, the journal beside it."""
    proc = start(record_args(files), **{PAUSE_ENV: "30"})
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "{\n"  # report written
        try:  # the journal is on disk, whole, before a byte is appended
            wait_for(lambda: whole_journal(files["ledger"].parent), timeout=5)
        except AssertionError:
            pass
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    with open(files["ledger"], "ab") as ledger:  # the write got as far as one row
        ledger.write(TORN.encode())


def other_names(tmp_path: Path, ledger: Path, kind: str) -> tuple[str, Callable[[], None]]:
    """Another name of `ledger`, in another directory, and what closes it afterwards."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    if kind == "symlink":
        link = elsewhere / "ledger-link.csv"
        link.symlink_to(ledger)
        return str(link), lambda: None
    if kind == "hard link":
        hard = elsewhere / "ledger-hard.csv"
        os.link(ledger, hard)
        return str(hard), lambda: None
    if kind == "/proc/self/fd":
        fd = os.open(ledger, os.O_RDONLY)
        return f"/proc/self/fd/{fd}", lambda: os.close(fd)
    return str(ledger), lambda: None


@pytest.mark.parametrize("kind", ["same name", "symlink", "hard link", "/proc/self/fd"])
def test_an_append_cut_short_is_seen_and_taken_back_through_any_name(
    tmp_path: Path, kind: str
) -> None:
    files = write_inputs(tmp_path)
    kill_in_the_append(files)
    name, close = other_names(tmp_path, files["ledger"], kind)
    try:
        # every command that reads the ledger refuses it: the torn row is no payment
        read = swplan(*read_args(files, name), "--as-of", AS_OF, "-f", "json")
        assert read.code == 2, (read.code, read.out)
        assert "cut short" in read.err and "--record" in read.err, read.err
        pops = populations(tmp_path)
        budget = swplan("budget", pops, files["roster"], "--ledger", name, "--year", "2026")
        assert budget.code == 2 and "cut short" in budget.err, budget.err
        check = swplan("check", name)
        assert check.code == 2 and "cut short" in check.err, check.out + check.err
        # a recording run, through that name, takes the torn row back and records all
        run = swplan(*read_args(files, name), "--as-of", AS_OF, "--record", "-f", "json")
        assert run.code == 0, run.err
        # all three passes due again: 3 x 1,000.00, none of them "already paid"
        assert run.json()["totals"] == {"due": "3000.00", "count_due": 3}
    finally:
        close()
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    assert not journals(files["ledger"].parent)


def test_a_run_killed_before_it_wrote_a_byte_leaves_a_ledger_every_command_reads(
    tmp_path: Path,
) -> None:
    files = write_inputs(tmp_path)
    proc = start(record_args(files), **{PAUSE_ENV: "30"})
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "{\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS
    read = swplan(*read_args(files, str(files["ledger"])), "--as-of", AS_OF, "-f", "json")
    assert read.code == 0, read.err
    assert read.json()["totals"] == {"due": "3000.00", "count_due": 3}


def test_a_ledger_where_no_journal_can_be_written_is_refused_for_record(
    tmp_path: Path,
) -> None:
    prefix = unprivileged()
    files = write_inputs(tmp_path)
    locked = tmp_path / "read-only"
    locked.mkdir()
    ledger = locked / "ledger.csv"
    shutil.move(files["ledger"], ledger)
    files["ledger"] = ledger
    locked.chmod(0o555)
    try:
        done = subprocess.run(
            [*prefix, *COMMAND, *record_args(files)], capture_output=True, text=True, timeout=60
        )
    finally:
        locked.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "no journal can be written" in done.stderr, done.stderr
    assert "permission denied" in done.stderr
    assert "nothing was recorded" in done.stderr
    assert ledger.read_text(encoding="utf-8") == HEADER + OLD_ROWS


def unprivileged() -> list[str]:
    """A command prefix under which file permissions hold (root drops its overrides)."""
    if os.geteuid() != 0:
        return []
    tool = shutil.which("setpriv")
    if tool is None:
        pytest.skip("permissions do not hold for root without setpriv")
    return [tool, "--bounding-set", "-dac_override,-dac_read_search,-fowner,-chown", "--"]


# --------------------------------------------------------------------------- journals


def _v1(size: int, pending: bytes) -> bytes:
    return b"swplan-ledger-journal 1 %d %d\n" % (size, len(pending)) + pending


def _forged(ledger: Path) -> bytes:
    # claims the ledger ended after its header and that the two paid rows, and one
    # more, were being appended: taken back, it would drop both paid rows
    pending = OLD_ROWS.encode() + b"W002,social_worker,2000.00,2026-01-01\n"
    return _v1(len(HEADER), pending)


def _stale(ledger: Path) -> bytes:
    # left by a run on an earlier file of the same name and inode (a ledger restored
    # from a backup): the ledger's last row is what that run was appending
    first = HEADER + OLD_ROWS.splitlines(keepends=True)[0]
    pending = OLD_ROWS.splitlines(keepends=True)[1].encode() + b"W777,social_worker,2000.00,x\n"
    return _v1(len(first), pending)


@pytest.mark.parametrize("journal", [_forged, _stale], ids=["forged", "stale"])
def test_a_journal_that_does_not_match_the_ledger_is_refused(
    tmp_path: Path, journal: Callable[[Path], bytes]
) -> None:
    files = write_inputs(tmp_path)
    path = journal_of(files["ledger"])
    path.write_bytes(journal(files["ledger"]))
    for args in (
        read_args(files, str(files["ledger"])) + ["--as-of", AS_OF],
        record_args(files),
    ):
        run = swplan(*args)
        assert run.code == 2, run.err
        assert str(files["ledger"]) in run.err and path.name in run.err, run.err
    # no paid row dropped, none added, the journal left for the user to look at
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS
    assert path.exists()


def test_a_journal_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    path = journal_of(files["ledger"])
    os.mkfifo(path)
    done = subprocess.run(
        [*COMMAND, *record_args(files)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2, done.stderr
    assert path.name in done.stderr and "not a journal" in done.stderr, done.stderr
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS
    assert stat.S_ISFIFO(path.lstat().st_mode)


def test_a_journal_that_is_a_directory_or_a_link_is_refused(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    path = journal_of(files["ledger"])
    path.mkdir()
    run = swplan(*record_args(files))
    assert run.code == 2 and "not a journal" in run.err, run.err
    path.rmdir()
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(_forged(files["ledger"]))
    path.symlink_to(target)
    run = swplan(*record_args(files))
    assert run.code == 2 and "not a journal" in run.err, run.err
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS


def _limit_memory() -> None:
    limit = 768 << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_huge_journal_is_refused_without_being_read(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    path = journal_of(files["ledger"])
    with open(path, "wb") as f:  # 1 GiB, sparse: what it says is no journal swplan wrote
        f.write(_v1(len(HEADER), OLD_ROWS.encode())[:30])
        f.truncate(1 << 30)
    began = time.monotonic()
    done = subprocess.run(
        [*COMMAND, *record_args(files)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr
    assert path.name in done.stderr and "not a journal" in done.stderr, done.stderr
    assert time.monotonic() - began < 20
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS


# --------------------------------------------------------------------------- report first


@pytest.mark.skipif(os.geteuid() != 0, reason="another user's file needs root to make")
def test_an_output_that_cannot_be_replaced_records_nothing(tmp_path: Path) -> None:
    prefix = unprivileged()
    files = write_inputs(tmp_path)
    shared = tmp_path / "shared"  # like /tmp: sticky, everyone's, owned by someone else
    shared.mkdir()
    shared.chmod(0o1777)
    os.chown(shared, 4322, 4322)
    due = shared / "due.csv"
    due.write_text("someone else's list\n")
    os.chown(due, 4321, 4321)
    due.chmod(0o644)
    args = [*prefix, *COMMAND, *record_args(files)[:-2], "-f", "csv", "-o", str(due)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "due.csv" in done.stderr and "recorded" not in done.stderr.replace(
        "nothing was recorded", ""
    ), done.stderr
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS
    assert due.read_text() == "someone else's list\n"
    # the same file, writable by all: written in place (its owner kept), then recorded
    due.chmod(0o666)
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # the header and the four passes: three due, W001's assistant pass already paid
    assert due.read_text().count("\n") == 1 + 4
    assert due.stat().st_uid == 4321
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS


def _close_stderr() -> None:
    os.close(2)


@pytest.mark.parametrize("stderr", ["/dev/full", "closed"])
def test_a_recorded_run_exits_0_when_stderr_cannot_be_written(tmp_path: Path, stderr: str) -> None:
    files = write_inputs(tmp_path)
    out = tmp_path / "due.json"
    args = [*COMMAND, *record_args(files), "-o", str(out)]
    if stderr == "closed":
        done = subprocess.run(args, stdout=subprocess.PIPE, timeout=60, preexec_fn=_close_stderr)
    else:
        with open(stderr, "w") as full:
            done = subprocess.run(args, stdout=subprocess.PIPE, stderr=full, timeout=60)
    assert done.returncode == 0
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    assert '"count_due": 3' in out.read_text()


def begun(ledger: Path, then: bytes = b"") -> tuple[str, bool]:
    """A recording run's journal begun beside `ledger` for NEW_ROWS (and `then` written
    after it to the ledger, as a torn append would): the journal's path, and whether the
    ledger bears its mark."""
    from swplan.io import journal

    fd = os.open(ledger, os.O_RDWR | os.O_APPEND)
    try:
        found = journal.begin(str(ledger), fd, NEW_ROWS.encode(), ledger.read_bytes())
        if then:
            os.write(fd, then)
    finally:
        os.close(fd)
    return found


def test_where_files_bear_no_marks_the_journal_is_found_beside_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file system that keeps no extended attributes (as on Windows or some network
    # shares): the journal, beside the file itself, is found through a symlink elsewhere
    for name in ("getxattr", "setxattr", "removexattr"):
        monkeypatch.delattr(os, name, raising=False)

    files = write_inputs(tmp_path)
    ledger = files["ledger"]
    begun(ledger, TORN.encode())
    link, _ = other_names(tmp_path, ledger, "symlink")
    read = swplan(*read_args(files, link), "--as-of", AS_OF)
    assert read.code == 2 and "cut short" in read.err, read.err
    run = swplan(*read_args(files, link), "--as-of", AS_OF, "--record", "-f", "json")
    assert run.code == 0, run.err
    assert run.json()["totals"] == {"due": "3000.00", "count_due": 3}
    assert ledger.read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    # a second name in another directory could not see a journal: refused for --record
    os.link(ledger, tmp_path / "elsewhere" / "hard.csv")
    before = ledger.read_bytes()
    files["passes"].write_text("worker_id,exam,passed_on\nW002,social_worker,2025-12-01\n")
    run = swplan(*record_args(files))
    assert run.code == 2 and "hard links" in run.err, run.err
    assert ledger.read_bytes() == before and not journals(tmp_path)


@pytest.mark.parametrize("written", [0, 20], ids=["empty", "part of its note"])
def test_a_run_stopped_before_its_journal_held_its_note_left_the_ledger_as_it_was(
    tmp_path: Path, written: int
) -> None:
    # a run killed just after creating its journal: the file is there, empty or with the
    # start of its first line, and the ledger bears the mark that names it

    files = write_inputs(tmp_path)
    ledger = files["ledger"]
    path, marked = begun(ledger)
    if not marked:
        pytest.skip("a file system that keeps no marks: such a journal is refused")
    note = Path(path).read_bytes().split(b"\n")[0]
    Path(path).write_bytes(note[:written])
    _passed_over_then_removed(files, Path(path))


def test_a_journal_that_is_not_the_start_of_the_marked_note_is_still_refused(
    tmp_path: Path,
) -> None:

    files = write_inputs(tmp_path)
    ledger = files["ledger"]
    path, marked = begun(ledger)
    Path(path).write_bytes(b"not a note")  # shorter than a note, and not its start
    before = ledger.read_bytes()
    run = swplan(*record_args(files))
    assert run.code == 2 and "is not a journal swplan wrote" in run.err, run.err
    assert ledger.read_bytes() == before and Path(path).exists()


def test_a_run_stopped_while_writing_its_journal_left_the_ledger_as_it_was(
    tmp_path: Path,
) -> None:

    files = write_inputs(tmp_path)
    ledger = files["ledger"]
    path = Path(begun(ledger)[0])
    with open(path, "r+b") as f:  # the journal got half its rows; the ledger none
        f.truncate(path.stat().st_size - 40)
    _passed_over_then_removed(files, path)


def _passed_over_then_removed(files: dict[str, Path], journal: Path) -> None:
    """A journal of a run stopped before its append: a reader passes it over (the
    three passes still due), and the next recording run appends and removes it."""
    ledger = files["ledger"]
    read = swplan(*read_args(files, str(ledger)), "--as-of", AS_OF, "-f", "json")
    assert read.code == 0, read.err
    assert read.json()["totals"] == {"due": "3000.00", "count_due": 3}
    run = swplan(*record_args(files))
    assert run.code == 0, run.err
    assert ledger.read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    assert not journal.exists()
