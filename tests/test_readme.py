"""The README's promises: its set-up commands are CI's, and its CI snippets run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import string
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import (
    COMMAND,
    ROOT,
    UPDATE_GOLDEN,
    check_console_blocks,
    console_commands,
    swplan,
)

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def shell_env(tmp_path: Path) -> dict[str, str]:
    """PATH with the installed `swplan` first, as after `pip install .`."""
    bin_dir = str(Path(COMMAND[0]).parent) if len(COMMAND) == 1 else None
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    if bin_dir:
        env["PATH"] = bin_dir + os.pathsep + env["PATH"]
    return env


def away_from_dev_null(script: str, folder: Path) -> str:
    """`script` with its `--output /dev/null` sent to a file in `folder` instead: the
    tests run as any user, root included, and never write to the machine's /dev/null."""
    return script.replace("--output /dev/null", f"--output {folder / 'discarded.json'}")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    return tmp_path


def test_ci_runs_exactly_the_readme_test_command() -> None:
    commands = [b.strip() for b in fenced("bash") if b.strip().startswith("python3 -m venv")]
    assert len(commands) == 2, commands
    install_and_run, install_and_test = commands
    assert "swplan staff examples/small/populations.yaml" in install_and_run
    assert install_and_test.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


@pytest.mark.skipif(shutil.which("jq") is None, reason="the README's shell example uses jq")
def test_shell_example_with_jq(workdir: Path) -> None:
    script = away_from_dev_null(next(b for b in fenced("bash") if "jq " in b), workdir)
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=workdir,
        env=shell_env(workdir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    # the hand-checked budget of examples/small (see test_national_default.py)
    assert lines[:4] == [
        "current_staff\t509296.60",
        "new_hires\t189648.00",
        "awards\t5000.00",
        "training\t4500.00",
    ]
    assert "total 708444.60, personnel share 0.9866" in lines
    assert "sites are short of posts" in lines
    assert lines[-1] == "at the cap: passes"


def test_github_actions_job(workdir: Path) -> None:
    job = next(
        jobs["budget"]
        for jobs in (yaml.safe_load(block)["jobs"] for block in fenced("yaml"))
        if "budget" in jobs
    )
    steps = job["steps"]
    names = [s.get("name", s.get("uses")) for s in steps]
    assert "Keep the draft" in names
    upload = next(s for s in steps if s.get("name") == "Keep the draft")
    assert (
        upload["uses"].startswith("actions/upload-artifact")
        and upload["with"]["path"] == "budget.json"
    )
    env = {**shell_env(workdir), **{k: str(v) for k, v in job["env"].items()}}

    def run_step(name: str, **extra: str) -> tuple[int, str]:
        """Run a step as `bash -e` would, line by line: its `swplan` lines in this process
        (with `$NAME` expanded and words split as the shell does for these lines), the
        other lines in bash. Returns the exit code and stderr."""
        step = next(s for s in steps if s.get("name") == name)
        step_env = {**env, **extra}
        errors = ""
        for line in away_from_dev_null(step["run"], workdir).splitlines():
            if line.startswith("swplan "):
                words = shlex.split(string.Template(line).substitute(step_env))
                result = swplan(*words[1:], cwd=workdir)
                code, errors = result.code, errors + result.err
            else:
                proc = subprocess.run(
                    ["bash", "-e", "-c", line],
                    cwd=workdir,
                    env=step_env,
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                code, errors = proc.returncode, errors + proc.stderr
            if code != 0:
                return code, errors
        return 0, errors

    install = next(s for s in steps if s.get("name") == "Install swplan")
    assert install["run"].strip() == "pip install ."  # not run here
    code, errors = run_step("Draft the budget")
    assert code == 0, errors
    summary = (workdir / "summary.md").read_text(encoding="utf-8")
    data = swplan("budget", *env["INPUTS"].split(), "--format", "json", cwd=workdir).json()
    total = Decimal(data["total"])
    assert f"{total:,.2f} CNY" in summary
    assert (workdir / "budget.json").read_text(encoding="utf-8").count('"total"') == 1
    # the gate: at the total passes, one fen below fails with exit 1
    assert run_step("Fail over the cap", BUDGET_CAP=str(total))[0] == 0
    code, errors = run_step("Fail over the cap", BUDGET_CAP=str(total - Decimal("0.01")))
    assert code == 1
    assert "over the cap" in errors
    assert run_step("Fail over the cap")[0] == 0  # the shipped cap holds for the example


def test_python_example(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (block,) = fenced("python")
    monkeypatch.chdir(ROOT)  # its paths are relative to the clone
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    # shortage 3: jinjiang 4 - 3 + baisha 4 - 2 (see test_budget.py); the six workers'
    # annual costs add up to 509296.60 (test_national_default.py). The budget, with no
    # passes and no ledger, has only the roster's own exams as awards: W001
    # assistant_social_worker (2025-11-02) and W005 psychological_counselor (2025-06-20),
    # both within the 365 days, 1000.00 each; total 509296.60 + 189648.00 new hires
    # + 2000.00 + 4500.00 training = 705444.60
    assert printed == ["3", "509296.60", "705444.60"]
    # and the comments in the block show what it prints
    comments = [line.partition("#")[2].strip() for line in block.splitlines() if "print(" in line]
    assert comments[:2] == printed[:2]


# --------------------------------------------------------------------------- console blocks


def test_readme_console_blocks_are_real_output() -> None:
    assert len(console_commands(README)) >= 10
    text = check_console_blocks(README, "README")
    if UPDATE_GOLDEN and text != README:
        (ROOT / "README.md").write_text(text, encoding="utf-8")
