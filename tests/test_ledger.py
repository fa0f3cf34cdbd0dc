"""`swplan awards --record`: the ledger gains each due award once, atomically, under a lock."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from conftest import COMMAND, swplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swplan import awards, load_ledger, load_rules, record_awards
from swplan.calc.awards import ALREADY_PAID, DUE, DUPLICATE, EXPIRED, NOT_AWARDED
from swplan.io.ledger import PAUSE_ENV, new_ledger_bytes
from swplan.model import ExamPass, LedgerRow, Worker
from swplan.rules import Awards

AS_OF = "2026-01-01"
D = dt.date(2026, 1, 1)
HEADER = "worker_id,exam,amount,paid_on\n"
OLD_ROWS = (
    "W001,assistant_social_worker,1000.00,2025-06-01\nW900,social_worker,2000.00,2024-01-01\n"
)
# What the passes below add to a ledger holding OLD_ROWS, as of 2026-01-01.
NEW_ROWS = (
    "W001,social_worker,1000.00,2026-01-01\n"
    "W002,assistant_social_worker,1000.00,2026-01-01\n"
    "W003,psychological_counselor,1000.00,2026-01-01\n"
)


ADDED_TO_EMPTY = (
    "W001,social_worker,1000.00,2026-01-01\n"
    "W002,assistant_social_worker,1000.00,2026-01-01\n"
    "W003,psychological_counselor,1000.00,2026-01-01\n"
    "W001,assistant_social_worker,1000.00,2026-01-01\n"
)


def write_inputs(tmp_path: Path, ledger: str | None = HEADER + OLD_ROWS) -> dict[str, Path]:
    roster = tmp_path / "roster.yaml"
    roster.write_text(
        "workers:\n"
        + "".join(
            f"  - {{id: {w}, site: s1, education: bachelor, title: none, years_of_service: 1}}\n"
            for w in ("W001", "W002", "W003")
        ),
        encoding="utf-8",
    )
    passes = tmp_path / "passes.csv"
    passes.write_text(
        "worker_id,exam,passed_on\n"
        "W001,social_worker,2025-12-20\n"
        "W002,assistant_social_worker,2025-12-01\n"
        "W003,psychological_counselor,2025-07-01\n"
        "W001,assistant_social_worker,2025-05-05\n",
        encoding="utf-8",
    )
    path = tmp_path / "ledger.csv"
    if ledger is not None:
        path.write_bytes(ledger.encode("utf-8"))
    return {"roster": roster, "passes": passes, "ledger": path}


def record_args(files: dict[str, Path]) -> list[str]:
    return [
        "awards",
        str(files["roster"]),
        "--passes",
        str(files["passes"]),
        "--ledger",
        str(files["ledger"]),
        "--as-of",
        AS_OF,
        "--record",
        "--format",
        "json",
    ]


def temp_files(directory: Path) -> list[Path]:
    return list(directory.glob(".ledger.csv.*.tmp"))


def holds_lock(path: Path) -> bool:
    """Whether some process holds the ledger's lock (a lock on the file itself)."""
    import fcntl

    with open(path, "rb") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
        return False


def wait_for(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


def start(args: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


# --------------------------------------------------------------------------- recording


def test_record_appends_the_due_awards_and_keeps_old_rows(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    result = swplan(*record_args(files))
    assert result.code == 0, result.err
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    assert result.json()["totals"] == {"due": "3000.00", "count_due": 3}
    assert "recorded 3 award(s), 3000.00 in total, paid_on 2026-01-01" in result.err
    assert "the ledger now has 5 rows" in result.err
    assert "  W001 social_worker 1000.00" in result.err
    assert not temp_files(tmp_path)


def test_recording_twice_records_nothing_the_second_time(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    first = swplan(*record_args(files))
    assert first.code == 0, first.err
    after_first = files["ledger"].read_bytes()
    stat = files["ledger"].stat()
    second = swplan(*record_args(files))
    assert second.code == 0, second.err
    assert files["ledger"].read_bytes() == after_first
    assert files["ledger"].stat().st_ino == stat.st_ino  # not even rewritten
    assert "recorded nothing" in second.err and "the ledger has 5 rows" in second.err
    data = second.json()
    assert [a["status"] for a in data["awards"]] == [ALREADY_PAID] * 4
    assert data["totals"] == {"due": "0.00", "count_due": 0}


def test_record_creates_a_missing_ledger_with_its_header(tmp_path: Path) -> None:
    files = write_inputs(tmp_path, ledger=None)
    result = swplan(*record_args(files), "--new-ledger")
    assert result.code == 0, result.err
    # The assistant pass comes after the social_worker one in the input, but in ladder
    # order it is worked out first: it pays 1000.00 and the social_worker award tops up
    # by 2000.00 - 1000.00. Rows are recorded in input order.
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + ADDED_TO_EMPTY
    assert "the ledger now has 4 rows" in result.err


def test_record_into_an_empty_file(tmp_path: Path) -> None:
    files = write_inputs(tmp_path, ledger="")
    result = swplan(*record_args(files))
    assert result.code == 0, result.err
    text = files["ledger"].read_text(encoding="utf-8")
    assert text.startswith(HEADER) and len(text.splitlines()) == 5


def test_old_bytes_survive_crlf_bom_and_a_missing_last_newline(tmp_path: Path) -> None:
    old = "\ufeffworker_id,exam,amount,paid_on\r\nW001,assistant_social_worker,1000.00,2025-06-01"
    files = write_inputs(tmp_path, ledger=old)
    result = swplan(*record_args(files))
    assert result.code == 0, result.err
    data = files["ledger"].read_bytes()
    assert data.startswith(old.encode("utf-8") + b"\r\n")
    assert data[len(old.encode("utf-8")) :] == (
        b"\r\nW001,social_worker,1000.00,2026-01-01\r\n"
        b"W002,assistant_social_worker,1000.00,2026-01-01\r\n"
        b"W003,psychological_counselor,1000.00,2026-01-01\r\n"
    )
    assert len(load_ledger(files["ledger"])) == 4


def test_new_ledger_bytes() -> None:
    row = LedgerRow("W1", "x", Decimal("5"), D)
    assert new_ledger_bytes(None, [row]) == b"worker_id,exam,amount,paid_on\nW1,x,5.00,2026-01-01\n"
    h = HEADER.encode()
    assert new_ledger_bytes(h, [row]) == h + b"W1,x,5.00,2026-01-01\n"
    assert new_ledger_bytes(h.rstrip(), []) == h


def test_a_bad_ledger_stops_the_run_and_is_left_alone(tmp_path: Path) -> None:
    bad = HEADER + "W001,assistant_social_worker,lots,2025-06-01\n"
    files = write_inputs(tmp_path, ledger=bad)
    result = swplan(*record_args(files))
    assert result.code == 2
    assert "ledger.csv:2:3: amount: 'lots' is not an amount" in result.err
    assert files["ledger"].read_text(encoding="utf-8") == bad


def test_file_mode_is_kept(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    files["ledger"].chmod(0o640)
    assert swplan(*record_args(files)).code == 0
    assert files["ledger"].stat().st_mode & 0o777 == 0o640


# --------------------------------------------------------------------------- crash safety


def test_killed_before_the_append_leaves_the_old_ledger(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    old = files["ledger"].read_bytes()
    proc = start(record_args(files), **{PAUSE_ENV: "30"})
    try:
        # the report is written and the rows worked out, under the lock, not yet appended
        assert proc.stdout is not None and proc.stdout.readline() == "{\n"
        assert holds_lock(files["ledger"])
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert files["ledger"].read_bytes() == old
    assert len(load_ledger(files["ledger"])) == 2
    # the lock died with the process: the next run records everything, once
    result = swplan(*record_args(files))
    assert result.code == 0, result.err
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS
    assert not temp_files(tmp_path) and not list(tmp_path.glob("*.lock"))


def test_killed_at_any_moment_the_ledger_is_old_or_complete(tmp_path: Path) -> None:
    # A ledger big enough that reading it and recording takes a while, killed at
    # moments spread over its work (counted from when it takes the ledger's lock, so
    # a slow start-up does not make every kill land before the ledger is touched):
    # never a torn file, never part of the new rows. The runs, each on a ledger of its
    # own, go side by side, each killed by a thread of its own.
    many = "".join(f"X{i:06d},social_worker,2000.00,2020-01-01\n" for i in range(20_000))
    old = (HEADER + many).encode()
    new = old + ADDED_TO_EMPTY.encode()  # no W001..W003 rows in that ledger
    runs = []
    for delay in (0.0, 0.1, 0.3, 0.8):  # its work takes 0.2 s to 0.8 s on a busy machine
        (tmp_path / str(delay)).mkdir()
        files = write_inputs(tmp_path / str(delay), ledger=HEADER + many)
        runs.append((delay, files, start(record_args(files))))

    def kill(delay: float, files: dict[str, Path], proc: subprocess.Popen[str]) -> None:
        try:
            wait_for(lambda: holds_lock(files["ledger"]) or proc.poll() is not None)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            proc.kill()

    with ThreadPoolExecutor(len(runs)) as pool:
        for killed in [pool.submit(kill, *run) for run in runs]:
            killed.result()
    for delay, files, _ in runs:
        data = files["ledger"].read_bytes()
        assert data in (old, new), f"torn ledger after {delay}s"
    # and either is a ledger every command reads: its 20,000 rows, or those and the 4 new
    for data, rows in ((old, 20_000), (new, 20_004)):
        (tmp_path / "read.csv").write_bytes(data)
        assert len(load_ledger(tmp_path / "read.csv")) == rows


# --------------------------------------------------------------------------- concurrency


def test_a_run_waiting_for_the_lock_records_nothing(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    first = start(record_args(files), **{PAUSE_ENV: "1.5"})
    wait_for(lambda: holds_lock(files["ledger"]))  # the first run holds the lock now
    second = start(record_args(files))
    out2, err2 = second.communicate(timeout=60)
    out1, err1 = first.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "recorded 3 award(s)" in err1
    assert "recorded nothing" in err2
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS


def test_runs_started_together_record_each_award_once(tmp_path: Path) -> None:
    files = write_inputs(tmp_path)
    procs = [start(record_args(files)) for _ in range(4)]
    errs = []
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        errs.append(err)
    assert sum("recorded 3 award(s)" in e for e in errs) == 1
    assert sum("recorded nothing" in e for e in errs) == 3
    assert files["ledger"].read_text(encoding="utf-8") == HEADER + OLD_ROWS + NEW_ROWS


# --------------------------------------------------------------------------- properties

RULES = load_rules()
WORKERS = ["W1", "W2", "W3"]
EXAMS = ["a", "b", "c", "p", "z"]  # a < b < c may form the ladder; p, z are off it

money_st = st.integers(min_value=0, max_value=600_000).map(lambda fen: Decimal(fen).scaleb(-2))
# strategies built once: building them for every case is most of a case's cost
AMOUNTS = st.lists(money_st, min_size=len(EXAMS), max_size=len(EXAMS))
LADDERS = st.sampled_from([[], ["a", "b"], ["a", "b", "c"], ["c", "a"]])
UPGRADES = st.sampled_from(["top_up", "full"])
WINDOWS = st.none() | st.integers(0, 400)
PASSES = st.lists(
    st.builds(
        ExamPass,
        st.sampled_from(WORKERS),
        st.sampled_from(EXAMS),
        st.integers(0, 500).map(lambda d: D - dt.timedelta(days=d)),
    ),
    max_size=12,
)
LEDGERS = st.lists(
    st.builds(
        LedgerRow,
        st.sampled_from([*WORKERS, "W9"]),
        st.sampled_from([*EXAMS, "old"]),
        money_st,
        st.just(dt.date(2025, 1, 1)),
    ),
    max_size=6,
)
ROSTER = [Worker(w, "s1", "bachelor", "none", years_of_service=1) for w in WORKERS]


@st.composite
def cases(draw):  # type: ignore[no-untyped-def]
    amounts = dict(zip(EXAMS, draw(AMOUNTS), strict=True))
    rules = RULES.model_copy(
        update={
            "awards": Awards.model_validate(
                {
                    "exams": {e: str(v) for e, v in amounts.items()},
                    "ladder": draw(LADDERS),
                    "upgrade": draw(UPGRADES),
                    "claim_window_days": draw(WINDOWS),
                }
            )
        }
    )
    return rules, ROSTER, draw(PASSES), draw(LEDGERS)


def reference(rules, passes, ledger):  # type: ignore[no-untyped-def]
    """The award rules (docs/algorithms.md) written out again, as plainly as possible (with a ledger row of
    0.00 paid nothing, an exam priced 0 is not awarded)."""
    cfg = rules.awards
    seen, statuses = set(), []
    paid = {(r.worker_id, r.exam) for r in ledger if r.amount}
    for p in passes:
        if (p.worker_id, p.exam) in seen:
            statuses.append(DUPLICATE)
            continue
        seen.add((p.worker_id, p.exam))
        if (p.worker_id, p.exam) in paid:
            statuses.append(ALREADY_PAID)
        elif not cfg.exams[p.exam]:
            statuses.append(NOT_AWARDED)
        elif cfg.claim_window_days is not None and (D - p.passed_on).days > cfg.claim_window_days:
            statuses.append(EXPIRED)
        else:
            statuses.append(DUE)
    amounts = [Decimal("0.00")] * len(passes)
    for worker in WORKERS:
        so_far = sum(
            (r.amount for r in ledger if r.worker_id == worker and r.exam in cfg.ladder),
            Decimal("0.00"),
        )
        for exam in cfg.ladder:
            for i, p in enumerate(passes):
                if p.worker_id == worker and p.exam == exam and statuses[i] == DUE:
                    if cfg.upgrade == "top_up":
                        amounts[i] = max(Decimal("0.00"), cfg.exams[exam] - so_far)
                        so_far += amounts[i]
                    else:
                        amounts[i] = cfg.exams[exam]
    for i, p in enumerate(passes):
        if statuses[i] == DUE and p.exam not in cfg.ladder:
            amounts[i] = cfg.exams[p.exam]
    return list(zip(statuses, amounts, strict=True))


@settings(max_examples=150, deadline=None)
@given(cases())
def test_matches_the_reference(case) -> None:  # type: ignore[no-untyped-def]
    rules, workers, passes, ledger = case
    result = awards(rules, workers, passes, ledger, D)
    assert [(a.status, a.amount) for a in result.awards] == reference(rules, passes, ledger)
    assert [(a.worker_id, a.exam, a.passed_on) for a in result.awards] == [
        (p.worker_id, p.exam, p.passed_on) for p in passes
    ]


@settings(max_examples=100, deadline=None)  # the per-pass comparison above takes 150
@given(cases())
def test_totals_and_never_paying_twice(case) -> None:  # type: ignore[no-untyped-def]
    rules, workers, passes, ledger = case
    result = awards(rules, workers, passes, ledger, D)
    due = [a for a in result.awards if a.status == DUE]
    # the totals are those of the reference's awards, not a re-count of the result's own
    expected = [
        (p.exam, amount)
        for p, (status, amount) in zip(passes, reference(rules, passes, ledger), strict=True)
        if status == DUE
    ]
    assert result.due == sum((amount for _, amount in expected), Decimal(0))
    assert result.count_due == len(expected)
    assert {t.exam: (t.count, t.amount) for t in result.by_exam} == {
        exam: (
            sum(1 for e, _ in expected if e == exam),
            sum((a for e, a in expected if e == exam), Decimal(0)),
        )
        for exam in {e for e, _ in expected}
    }
    assert all(a.amount == 0 for a in result.awards if a.status != DUE)
    assert all(a.amount >= 0 and a.amount <= a.award for a in due)
    keys = [(a.worker_id, a.exam) for a in due]
    assert len(keys) == len(set(keys))  # at most one award per (worker, exam)
    # never what was paid (a row of 0.00 paid nothing)
    assert not set(keys) & {(r.worker_id, r.exam) for r in ledger if r.amount}
    ladder = rules.awards.ladder
    if rules.awards.upgrade == "top_up":
        # after a run a worker has had, for ladder exams, the highest of what they had
        # and the awards of the ladder exams now due: each step pays only the difference
        for w in WORKERS:
            before = sum(
                (r.amount for r in ledger if r.worker_id == w and r.exam in ladder), Decimal(0)
            )
            now = [a for a in due if a.worker_id == w and a.exam in ladder]
            after = before + sum((a.amount for a in now), Decimal(0))
            assert after == max([before, *(a.award for a in now)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_recording_twice_is_idempotent(case) -> None:  # type: ignore[no-untyped-def]
    rules, workers, passes, ledger = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.csv"
        old = HEADER + "".join(f"{r.worker_id},{r.exam},{r.amount},{r.paid_on}\n" for r in ledger)
        path.write_text(old, encoding="utf-8")
        expected = awards(rules, workers, passes, ledger, D)
        first = record_awards(rules, workers, passes, path, D)
        text = path.read_text(encoding="utf-8")
        assert text == old + "".join(
            f"{a.worker_id},{a.exam},{a.amount},2026-01-01\n"
            for a in expected.due_awards
            if a.amount  # a due amount of 0.00 is never recorded
        )
        assert first.row_count == len(ledger) + len([a for a in expected.due_awards if a.amount])
        second = record_awards(rules, workers, passes, path, D)
        assert second.rows == []
        assert second.result.due == 0  # (a top-up of 0.00 is still due, and still 0.00)
        assert path.read_text(encoding="utf-8") == text
