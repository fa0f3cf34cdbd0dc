"""Shared helpers: run the installed `swplan` command as a user would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

_EXE = shutil.which("swplan", path=os.path.dirname(sys.executable)) or shutil.which("swplan")
COMMAND = [_EXE] if _EXE else [sys.executable, "-m", "swplan"]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def swplan(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """Run `swplan ARGS...` in a subprocess; return exit code, stdout and stderr."""
    proc = subprocess.run(
        [*COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=300,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def run() -> Any:
    return swplan
