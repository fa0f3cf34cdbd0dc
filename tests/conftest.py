"""Shared helpers: run `swplan` as a user would, in this process (or, rarely, in a new one).

`swplan(...)` runs the command line in-process with Typer's CliRunner: the same
parsing, exit codes, stdout and stderr as the installed command, in milliseconds.
`COMMAND` is the installed `swplan`, for the few tests that need a real process
(`python -m swplan`, the README's shell scripts, killing a run, two runs holding
the ledger lock).
"""

from __future__ import annotations

import functools
import glob
import json
import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer.testing
from typer.testing import CliRunner

from swplan.cli import app
from swplan.io import rules_file

# CliRunner.invoke builds the click command tree of `app` again on every call, which is
# most of the time of a short in-process run; the tree never changes during the tests,
# so it is built once (for every test module that invokes the app).
if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = functools.lru_cache(maxsize=None)(typer.testing._get_command)

# "Today" for every run of the tests (and the README's examples): the last day of 2025,
# so that `pay` and `awards` are judged on it and `budget` and `plan` cost 2026, the
# year a bureau drafts its budget for in December.
os.environ.setdefault("SWPLAN_TODAY", "2025-12-31")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The version-1 national default: tests whose arithmetic is worked by hand on the three
# grades of version 1 pass it, so they do not move when the packaged default changes.
V1_RULES = ROOT / "tests" / "rules" / "v1-national.yaml"

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


# --------------------------------------------------------------------------- rules, read once
#
# A command reads its rules once a process; the suite runs thousands of commands in one
# process, nearly all on a handful of rule files. The rules a file gives depend only on
# its name (which messages show) and its bytes, and `Rules` is frozen, so the suite keeps
# what each (name, bytes) gave; a file written anew is read anew, and a file that fails
# is read (and fails) every time.
_RULES: dict[tuple[str | None, bytes | None], Any] = {}
_load_rules = rules_file.load_rules


def _rules_once(path: str | os.PathLike[str] | None = None) -> Any:
    try:
        key = (None, None) if path is None else (os.fspath(path), Path(path).read_bytes())
    except OSError:
        return _load_rules(path)
    if key not in _RULES:
        _RULES[key] = _load_rules(path)
    return _RULES[key]


# the built-in rule sets under a rules file that `extends` one: parsed once
rules_file.builtin_document = functools.cache(rules_file.builtin_document)

for _module in list(sys.modules.values()):
    if getattr(_module, "load_rules", None) is _load_rules and _module.__name__.startswith(
        "swplan"
    ):
        _module.load_rules = _rules_once  # type: ignore[union-attr]

# --------------------------------------------------------------------------- console blocks
#
# Every ```console block in the README and in docs/ is real output: each `$ command` is
# run in this process from the repository root, and its output (stdout and stderr, as a
# terminal shows them) compared with the lines below it; a block cut short ends with a
# line `...`. After a deliberate output change, rewrite them with the refresh command:
#
#     SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py tests/test_readme.py tests/test_docs.py

CONSOLE = re.compile(r"```console\n(.*?)```", flags=re.S)
EXIT = '; echo "exit $?"'
UPDATE_GOLDEN = os.environ.get("SWPLAN_UPDATE_GOLDEN") == "1"


def console_commands(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected lines) for every `$ ` line of every console block."""
    out: list[tuple[str, list[str]]] = []
    for block in CONSOLE.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out:
                out[-1][1].append(line)
    return out


def run_shown(command: str, where: str) -> list[str]:
    """What a terminal shows for `swplan ARGS [; echo "exit $?"]`, run in this process."""
    show_exit = command.endswith(EXIT)
    words = shlex.split(command.removesuffix(EXIT))
    assert words[0] == "swplan", f"a {where} console block may only run swplan: {command}"
    args: list[str] = []
    for word in words[1:]:
        args += sorted(glob.glob(word, root_dir=ROOT)) if "*" in word else [word]
    result = swplan(*args, cwd=ROOT)
    lines = result.shown.rstrip("\n").splitlines()
    return lines + ([f"exit {result.code}"] if show_exit else [])


def shown(expected: list[str], actual: list[str]) -> list[str]:
    """As much of `actual` as the text showed: all of it, or its first lines then `...`."""
    if expected and expected[-1] == "...":
        keep = len(expected) - 1
        return actual[:keep] + (["..."] if len(actual) > keep else [])
    return actual


def check_console_blocks(text: str, where: str) -> str:
    """Run every console block of `text` (a file shown as `where`): assert each output is
    still what the text shows, or, under SWPLAN_UPDATE_GOLDEN=1, return the text with
    the outputs rewritten."""
    updated = text
    for command, expected in console_commands(text):
        actual = shown(expected, run_shown(command, where))
        if UPDATE_GOLDEN:
            old = "$ " + command + "\n" + "".join(line + "\n" for line in expected)
            new = "$ " + command + "\n" + "".join(line + "\n" for line in actual)
            updated = updated.replace(old, new, 1)
            continue
        assert actual == expected, f"{where}: the output of `{command}` differs; refresh it"
    return updated
