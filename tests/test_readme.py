"""The README's promises: its set-up commands are CI's, and its CI snippets run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import COMMAND, ROOT, swplan

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
    script = next(b for b in fenced("bash") if "jq " in b)
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
    # the hand-checked budget of examples/small (see test_budget.py)
    assert lines[:4] == [
        "current_staff\t498643.60",
        "new_hires\t199130.40",
        "awards\t5000.00",
        "training\t4500.00",
    ]
    assert "total 707274.00, personnel share 0.9866" in lines
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

    def run_step(name: str, **extra: str) -> subprocess.CompletedProcess[str]:
        step = next(s for s in steps if s.get("name") == name)
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=workdir,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run_step("Install swplan").args[-1].strip() == "pip install ."  # not re-run here
    drafted = run_step("Draft the budget")
    assert drafted.returncode == 0, drafted.stderr
    summary = (workdir / "summary.md").read_text(encoding="utf-8")
    data = swplan("budget", *env["INPUTS"].split(), "--format", "json", cwd=workdir).json()
    total = Decimal(data["total"])
    assert f"{total:,.2f} CNY" in summary
    assert (workdir / "budget.json").read_text(encoding="utf-8").count('"total"') == 1
    # the gate: at the total passes, one fen below fails with exit 1
    assert run_step("Fail over the cap", BUDGET_CAP=str(total)).returncode == 0
    over = run_step("Fail over the cap", BUDGET_CAP=str(total - Decimal("0.01")))
    assert over.returncode == 1
    assert "over the cap" in over.stderr
    assert run_step("Fail over the cap").returncode == 0  # the shipped cap holds for the example


# --------------------------------------------------------------------------- console blocks
#
# Every ```console block in the README is real output: each `$ command` is run from the
# repository root and its output (stdout and stderr, as a terminal shows them) compared
# with the lines below it; a block cut short ends with a line `...`. After a deliberate
# output change, rewrite them with the golden refresh command:
#
#     SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py tests/test_readme.py

CONSOLE = re.compile(r"```console\n(.*?)```", flags=re.S)
UPDATE = os.environ.get("SWPLAN_UPDATE_GOLDEN") == "1"


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


def run_shown(command: str) -> list[str]:
    env = shell_env(ROOT)
    env["COLUMNS"] = "200"
    proc = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    return proc.stdout.rstrip("\n").splitlines()


def shown(expected: list[str], actual: list[str]) -> list[str]:
    """What the README shows of `actual`: as many lines as it showed before, then `...`."""
    if expected and expected[-1] == "...":
        keep = len(expected) - 1
        return actual[:keep] + (["..."] if len(actual) > keep else [])
    return actual


def test_readme_console_blocks_are_real_output() -> None:
    commands = console_commands(README)
    assert len(commands) >= 10
    text = README
    for command, expected in commands:
        actual = shown(expected, run_shown(command))
        if UPDATE:
            old = "$ " + command + "\n" + "".join(line + "\n" for line in expected)
            new = "$ " + command + "\n" + "".join(line + "\n" for line in actual)
            text = text.replace(old, new, 1)
            continue
        assert actual == expected, f"README output of `{command}` differs; see the comment above"
    if UPDATE:
        (ROOT / "README.md").write_text(text, encoding="utf-8")
