"""What reaches a terminal or a pipeline: any locale, any file name, names with escape
sequences, exit codes that closed pipes and full devices do not change.

Locales, file names and pipes need a real process: those cases run `swplan` in a
subprocess; the rest in-process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import COMMAND, EXAMPLES, swplan

SMALL = EXAMPLES / "small"
AS_OF = "2026-01-01"


def environment(env: dict[str, str] | None) -> dict[str, str]:
    """This process's environment without its locale and stream settings, plus `env`."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    full.update(env or {})
    return full


def run(
    *args: str | os.PathLike[str] | bytes, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """`swplan ARGS` in a subprocess; stdout and stderr as bytes (they must be UTF-8)."""
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    options.update(kwargs)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*COMMAND, *(a if isinstance(a, bytes) else os.fspath(a) for a in args)],
        env=environment(env),
        timeout=60,
        **options,
    )


# A process that runs command lines one after another as `swplan` runs one: before
# each, its standard streams are put back to what the interpreter opened them with
# (the locale's, as a new process has them), and each run sets them up itself. A NUL
# on stdout and on stderr ends each run's output; the exit codes come last.
RUNNER = """
import json, os, sys
from swplan.cli import main
streams = [(s, s.encoding, s.errors) for s in (sys.stdout, sys.stderr)]
codes = []
for args in json.loads(sys.argv[1]):
    for stream, encoding, errors in streams:
        stream.reconfigure(encoding=encoding, errors=errors)
    sys.argv = ["swplan", *args]
    try:
        main()
        codes.append(0)
    except SystemExit as done:
        codes.append(done.code or 0)
    for stream, _, _ in streams:
        stream.flush()
    os.write(1, b"\\0")
    os.write(2, b"\\0")
os.write(1, json.dumps(codes).encode())
"""


def run_each(commands: list[list[str]], env: dict[str, str]) -> list[tuple[int, bytes, bytes]]:
    """Each command line's exit code, stdout and stderr (as bytes), run in one process
    under `env`: the locale a process starts with is what these runs are about, and
    one process gives each the streams a new process would have."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(commands)],
        env=environment(env),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")  # no traceback
    *outs, codes = done.stdout.split(b"\0")
    errs = done.stderr.split(b"\0")
    assert errs[-1] == b"", errs[-1]  # nothing written after the last run
    return list(zip(json.loads(codes), outs, errs[:-1], strict=True))


# --------------------------------------------------------------------------- locales

LOCALES = {
    "LANG=C without UTF-8": {"LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "LC_ALL=C without UTF-8": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "PYTHONIOENCODING=latin-1": {"PYTHONIOENCODING": "latin-1"},
}


@pytest.mark.parametrize("env", LOCALES.values(), ids=LOCALES.keys())
def test_every_locale_gets_utf8_and_no_traceback(env: dict[str, str]) -> None:
    roster = str(SMALL / "roster.yaml")
    table, bad, checked, helped = run_each(
        [
            ["pay", roster, "--as-of", AS_OF, "--lang", "zh"],
            ["pay", "no-such-roster.csv", "--lang", "zh"],
            ["check", roster],
            ["--help"],
        ],
        env,
    )
    code, out, err = table
    assert code == 0, err.decode("utf-8", "replace")
    assert "张三" in out.decode("utf-8") and "年度用人成本" in out.decode("utf-8")
    code, out, err = bad
    assert code == 2
    assert err.decode("utf-8") == "错误：no-such-roster.csv: 文件不存在\n"
    code, out, err = checked
    assert code == 0 and out.decode("utf-8").startswith("OK ")
    code, out, err = helped
    assert code == 0 and b"Usage: swplan" in out and b"Traceback" not in err


# --------------------------------------------------------------------------- file names


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/r\xff.csv"
    shutil.copy(SMALL / "roster.csv", os.fsdecode(name))
    # a UTF-8 locale whose streams are strict: a byte that is not UTF-8 cannot be written
    done = run("check", name, env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == f"OK {tmp_path}/r\\xff.csv (roster, 6 workers)\n"
    missing = run("pay", os.fsencode(tmp_path) + b"/m\xfe.csv", env={"PYTHONIOENCODING": "utf-8"})
    assert missing.returncode == 2
    assert missing.stderr.decode("utf-8") == f"error: {tmp_path}/m\\xfe.csv: no such file\n"


def test_a_file_name_with_a_newline_keeps_each_line_whole(tmp_path: Path) -> None:
    good = tmp_path / "a\nb.csv"
    shutil.copy(SMALL / "roster.csv", good)
    bad = tmp_path / "x\ny.csv"
    done = run("check", good, bad)
    assert done.returncode == 2
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert out == f"OK {tmp_path}/a\\nb.csv (roster, 6 workers)\n"
    assert err == f"error: {tmp_path}/x\\ny.csv: no such file\n"


# --------------------------------------------------------------------------- names


NAMES = [
    "Li\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",  # a hyperlink
    "Wu\x1b[31mred\x1b[0m\x07",  # a colour and a bell
    "Zhao\x9b2J",  # a C1 control sequence introducer: clear the screen
]


@pytest.fixture
def hostile_roster(tmp_path: Path) -> Path:
    roster = tmp_path / "roster.yaml"
    # YAML double-quoted escapes: "\x1b" is ESC, "\\" a backslash
    quoted = [name.encode("unicode_escape").decode("ascii") for name in NAMES]
    roster.write_text(
        "workers:\n"
        + "".join(
            f'  - {{id: W{i}, name: "{name}", site: s1, education: bachelor, title: none, '
            "years_of_service: 1}\n"
            for i, name in enumerate(quoted)
        ),
        "utf-8",
    )
    return roster


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_control_characters_in_names_are_shown_escaped(hostile_roster: Path, fmt: str) -> None:
    done = swplan("pay", hostile_roster, "-f", fmt, "--as-of", AS_OF)
    assert done.code == 0, done.err
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in done.out
    assert "Li\\x1b]8;;http://evil.example\\x1b\\click" in done.out
    assert "Wu\\x1b[31mred\\x1b[0m\\x07" in done.out and "Zhao\\x9b2J" in done.out


def test_names_keep_their_control_characters_in_json_and_csv(hostile_roster: Path) -> None:
    names = [w["name"] for w in swplan("pay", hostile_roster, "-f", "json").json()["workers"]]
    assert names == NAMES


def test_a_workbook_shows_what_a_cell_cannot_hold_escaped(
    hostile_roster: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pay.xlsx"
    done = swplan("pay", hostile_roster, "-o", out, "--as-of", AS_OF)
    assert done.code == 0, done.err
    sheet = openpyxl.load_workbook(out, read_only=True)["Workers"]
    # below the title, the unit line and the header
    names = [row[1] for row in sheet.iter_rows(min_row=4, max_row=6, values_only=True)]
    # ESC and BEL cannot be in a cell: written as escapes; U+009B can, and stays
    assert names == [
        "Li\\x1b]8;;http://evil.example\\x1b\\click\\x1b]8;;\\x1b\\",
        "Wu\\x1b[31mred\\x1b[0m\\x07",
        "Zhao\x9b2J",
    ]


# --------------------------------------------------------------------------- exit codes


def test_a_failed_gate_into_a_closed_pipe_still_exits_1() -> None:
    # `swplan budget ... --cap 1 | true`: the reader is gone before the report is written
    proc = subprocess.Popen(
        [*COMMAND, "budget", SMALL / "populations.yaml", SMALL / "roster.yaml", "--cap", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 1, err
    assert err.startswith("over the cap: total") and "Traceback" not in err


def test_a_closed_stdout_ends_a_good_run_quietly() -> None:
    proc = subprocess.Popen(
        [*COMMAND, "pay", SMALL / "roster.csv", "-f", "csv", "--as-of", "2026-01-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    assert proc.stderr.read() == b"" and proc.wait(timeout=60) == 0


@pytest.mark.parametrize("attempt", range(3))
def test_bad_input_with_errors_into_a_closed_pipe_exits_2(tmp_path: Path, attempt: int) -> None:
    # `swplan pay bad.csv 2>&1 | head -1`: the errors' reader leaves after one line
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,name,site,education,title,post,hired,years_of_service,performance\n"
        + "".join(f"W{i},N,s1,bachlor,none,,,3,good\n" for i in range(3000)),
        "utf-8",
    )
    proc = subprocess.Popen([*COMMAND, "pay", bad], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stderr.close()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 2


def test_record_with_stderr_on_a_full_device_exits_0_having_recorded(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("worker_id,exam,amount,paid_on\n", "utf-8")
    with open("/dev/full", "w") as full:
        done = run(
            "awards",
            SMALL / "roster.yaml",
            "--passes",
            SMALL / "passes.yaml",
            "--ledger",
            ledger,
            "--as-of",
            AS_OF,
            "--record",
            "-f",
            "json",
            stderr=full,
        )
    assert done.returncode == 0
    # examples/small/passes.yaml: 6 awards due with an empty ledger (its comment less
    # W001's assistant award already paid, which this empty ledger has not)
    recorded = ledger.read_text("utf-8").splitlines()[1:]
    assert len(recorded) == len([a for a in done_json(done) if a["status"] == "due"]) > 0


def done_json(done: subprocess.CompletedProcess[bytes]) -> list[dict[str, object]]:
    import json

    return json.loads(done.stdout.decode("utf-8"))["awards"]  # type: ignore[no-any-return]
