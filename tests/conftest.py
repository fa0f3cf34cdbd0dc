"""Shared helpers: run `swplan` as a user would, in this process (or, rarely, in a new one).

`swplan(...)` runs the command line in-process with Typer's CliRunner: the same
parsing, exit codes, stdout and stderr as the installed command, in milliseconds.
`COMMAND` is the installed `swplan`, for the few tests that need a real process
(`python -m swplan`, the README's shell scripts, killing a run, two runs holding
the ledger lock).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer.testing
from typer.testing import CliRunner

from swplan.cli import app

# CliRunner.invoke builds the click command tree of `app` again on every call, which is
# most of the time of a short in-process run; the tree never changes during the tests,
# so it is built once (for every test module that invokes the app).
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = functools.lru_cache(maxsize=None)(typer.testing._get_command)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

_EXE = shutil.which("swplan", path=os.path.dirname(sys.executable)) or shutil.which("swplan")
COMMAND = [_EXE] if _EXE else [sys.executable, "-m", "swplan"]


@dataclass
class Result:
    code: int
    out: str
    err: str
    shown: str = ""  # in-process only: stdout and stderr interleaved, as a terminal shows them

    def json(self) -> Any:
        return json.loads(self.out)


def swplan(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """Run `swplan ARGS...` in this process; return exit code, stdout and stderr.

    A crash fails the test here: an exception that escaped, or the CLI's own
    "internal error" line for one it caught.
    """
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            app,
            [os.fspath(a) for a in args],
            input=input,
            env={"COLUMNS": "200", **(env or {})},
            prog_name="swplan",
        )
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    stderr = result.stderr_bytes.decode("utf-8")
    assert "internal error (" not in stderr, stderr  # a crash, caught and worded by the CLI
    return Result(
        result.exit_code,
        result.stdout_bytes.decode("utf-8"),
        stderr,
        result.output_bytes.decode("utf-8"),
    )
