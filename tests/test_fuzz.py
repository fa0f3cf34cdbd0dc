"""Mutated example files through every command: exit 0 or 2, never a traceback.

Each example is mutated (bytes deleted, inserted, replaced, lines repeated or cut,
the file truncated, or for a workbook a cell rewritten) and given to each command
that reads that kind of file. Bounded so the whole test takes a few seconds.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import openpyxl
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from swplan.cli import app

SMALL = EXAMPLES / "small"
FILES = {
    "roster.yaml": (SMALL / "roster.yaml").read_bytes(),
    "roster.csv": (SMALL / "roster.csv").read_bytes(),
    "populations.yaml": (SMALL / "populations.yaml").read_bytes(),
    "passes.yaml": (SMALL / "passes.yaml").read_bytes(),
    "ledger.csv": (SMALL / "ledger.csv").read_bytes(),
}
HOSTILE = [
    b"\x00",
    b"\xff\xfe",
    b"\r",
    b'"',
    b"[/]",
    b"9" * 5000,
    b"1" * 40 + b".5",
    b"-1",
    b"\xef\xbc\x91",  # fullwidth 1
    b"&a [*a, *a, *a]",
    b"!!python/object:os.system",
    b"=cmd|' /C calc'!A0",
    b"\t",
    b"\n",
    b",",
]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["delete", "insert", "replace", "repeat", "truncate"]))
    at = draw(st.integers(0, 1 << 20)) % (len(data) + 1)  # the same draws for any length
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    if kind == "insert":
        piece = draw(st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=8))
        return data[:at] + piece + data[at:]
    if kind == "replace":
        piece = draw(st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=4))
        return data[:at] + piece + data[at + len(piece) :]
    if kind == "repeat":
        lines = data.splitlines(keepends=True)
        i = draw(st.integers(0, 1 << 20)) % max(len(lines), 1)
        if not lines:
            return data
        return b"".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    return data[:at]


def workbook(roster_csv: bytes, row: int, column: int, value: object) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in roster_csv.decode("utf-8").splitlines():
        sheet.append(line.split(","))
    sheet.cell(row=row, column=column, value=value)  # type: ignore[arg-type]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def commands(f: dict[str, str]) -> list[list[str]]:
    roster = f.get("roster.xlsx") or f.get("roster.csv") or f["roster.yaml"]
    return [
        ["staff", f["populations.yaml"], "--roster", roster],
        ["pay", roster, "-f", "json"],
        ["pay", roster, "-f", "csv"],
        ["pay", roster, "-f", "markdown"],
        ["awards", roster, "--passes", f["passes.yaml"], "--ledger", f["ledger.csv"]],
        ["budget", f["populations.yaml"], roster, "--ledger", f["ledger.csv"]],
        ["check", *f.values()],
    ]


cell_values = st.sampled_from([None, "", "=1/0", "9" * 400, "[/]", "2016-13-45", 3.5, -7, True])


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(sorted(FILES) + ["roster.xlsx"]),
    data=st.data(),
)
def test_mutated_inputs_end_in_exit_0_or_2_without_a_traceback(
    name: str, data: st.DataObject
) -> None:
    if name == "roster.xlsx":
        content = workbook(
            FILES["roster.csv"],
            data.draw(st.integers(1, 8)),
            data.draw(st.integers(1, 10)),
            data.draw(cell_values),
        )
        if data.draw(st.booleans()):
            content = data.draw(mutated(content))
    else:
        content = data.draw(mutated(FILES[name]))
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for other, original in FILES.items():
            path = Path(tmp) / other
            path.write_bytes(original)
            paths[other] = str(path)
        target = Path(tmp) / name
        target.write_bytes(content)
        paths[name] = str(target)
        runner = CliRunner()
        for args in commands(paths):
            if name not in {Path(a).name for a in args}:
                continue
            result = runner.invoke(
                app, [*args, "--as-of", "2026-01-01"] if args[0] == "awards" else args
            )
            shown = f"{args}: {result.exit_code}\n{result.stderr}"
            assert result.exit_code in (0, 2), shown
            assert result.exception is None or isinstance(result.exception, SystemExit), shown
            assert "Traceback" not in result.stderr and "internal error" not in result.stderr, shown
            if result.exit_code == 2:  # errors, after the notes of what was read
                said = [x for x in result.stderr.splitlines() if not x.startswith("note: ")]
                assert said and said[0].startswith("error: "), shown
