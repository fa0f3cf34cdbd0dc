"""The layers stay visible: the calculations import no file reading, reporting or CLI code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "swplan"
FORBIDDEN_FOR_CALC = (
    "swplan.io",
    "swplan.report",
    "swplan.render",
    "swplan.cli",
    "swplan.commands",
)
STDLIB_IO_FOR_CALC = {
    "os",
    "sys",
    "io",
    "csv",
    "json",
    "pathlib",
    "shutil",
    "tempfile",
    "openpyxl",
    "yaml",
    "typer",
    "rich",
}


def imported_modules(path: Path, package: str | None = None) -> set[str]:
    """Every module `path` imports, relative imports resolved to absolute names."""
    if package is None:
        package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


CALC_MODULES = sorted((PACKAGE / "calc").rglob("*.py"))
IO_MODULES = sorted((PACKAGE / "io").rglob("*.py"))
FORBIDDEN_FOR_IO = (
    "swplan.report",
    "swplan.render",
    "swplan.i18n",
    "swplan.workbook",
    "swplan.cli",
    "swplan.commands",
    "swplan.calc",
)
MAX_LINES = 500


@pytest.mark.parametrize("path", CALC_MODULES, ids=lambda p: p.name)
def test_calc_imports_no_io_report_render_or_cli(path: Path) -> None:
    modules = imported_modules(path)
    bad = sorted(m for m in modules if m.startswith(FORBIDDEN_FOR_CALC))
    bad += sorted(m for m in modules if m.split(".")[0] in STDLIB_IO_FOR_CALC)
    assert not bad, f"{path.name} imports {bad}"


def test_the_checker_sees_relative_imports(tmp_path: Path) -> None:
    # The check must fail on a calc module that reaches into io: prove it resolves `..io`.
    probe = tmp_path / "probe.py"
    probe.write_text("from ..io.text import read_text\nfrom . import pay\n", "utf-8")
    modules = imported_modules(probe, package="swplan.calc")
    assert {"swplan.io.text", "swplan.calc.pay"} <= modules
    assert len(CALC_MODULES) >= 4  # staffing, pay, awards, budget


@pytest.mark.parametrize("path", IO_MODULES, ids=lambda p: p.name)
def test_io_reads_and_writes_files_and_never_formats_or_computes(path: Path) -> None:
    # io turns files into records and records into files; wording (report, render,
    # i18n, workbook), computing (calc) and commands are above it
    modules = imported_modules(path)
    bad = sorted(m for m in modules if m.startswith(FORBIDDEN_FOR_IO))
    assert not bad, f"{path.name} imports {bad}"


def test_the_io_checker_sees_a_report_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from ..report.labels import words\n", "utf-8")
    assert "swplan.report.labels" in imported_modules(probe, package="swplan.io")


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_is_over_500_lines(path: Path) -> None:
    lines = path.read_text("utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"
