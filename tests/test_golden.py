# Golden outputs for the small example, compared byte for byte.
#
# After a deliberate change to an output, refresh them all with ONE command, then
# review the diff of tests/golden/ before committing it:
#
#     SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py tests/test_readme.py
#
# (the second file rewrites the README's example outputs the same way)
"""Golden outputs: the small example (staff in every format, pay, awards, budget) and
the county budget, the draft a bureau would file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, V1_RULES, swplan

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SWPLAN_UPDATE_GOLDEN") == "1"

POPULATIONS = "examples/small/populations.yaml"
ROSTER = "examples/small/roster.yaml"
COUNTY = [
    "examples/county/populations.yaml",
    "examples/county/roster.yaml",
    "--passes",
    "examples/county/passes.csv",
    "--rules",
    "examples/county/rules.yaml",
]

# golden file -> command (run from the repository root, so paths in messages are relative)
CASES: dict[str, list[str]] = {
    "staff_small.table.txt": ["staff", POPULATIONS, "--roster", ROSTER, "--format", "table"],
    "staff_small.json": ["staff", POPULATIONS, "--roster", ROSTER, "--format", "json"],
    "staff_small.csv": ["staff", POPULATIONS, "--roster", ROSTER, "--format", "csv"],
    "staff_small.md": ["staff", POPULATIONS, "--roster", ROSTER, "--format", "markdown"],
    "pay_small.json": ["pay", ROSTER, "--format", "json", "--as-of", "2026-01-01"],
    "pay_small.csv": ["pay", ROSTER, "--format", "csv", "--as-of", "2026-01-01"],
    "awards_small.json": [
        "awards",
        ROSTER,
        "--passes",
        "examples/small/passes.yaml",
        "--ledger",
        "examples/small/ledger.csv",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ],
    "budget_small.md": [
        "budget",
        POPULATIONS,
        ROSTER,
        "--passes",
        "examples/small/passes.yaml",
        "--ledger",
        "examples/small/ledger.csv",
        "--format",
        "markdown",
    ],
    **{
        f"budget_county.{ext}": ["budget", *COUNTY, "--format", fmt]
        for ext, fmt in (("json", "json"), ("md", "markdown"), ("table.txt", "table"))
    },
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str) -> None:
    result = swplan(*CASES[name], cwd=ROOT)
    assert result.code == 0, result.err
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(result.out.encode("utf-8"))
    assert path.exists(), (
        f"no golden file {path.name}; run: SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py"
    )
    expected = path.read_bytes().decode("utf-8")
    assert result.out == expected, (
        f"{name} differs from its golden file; if the change is intended, run "
        "SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py and review the diff"
    )


@pytest.mark.parametrize("name", list(CASES))
def test_output_file_matches_stdout(name: str, tmp_path: Path) -> None:
    """`--output FILE` writes exactly what stdout shows (for the same format)."""
    if UPDATE:
        pytest.skip("updating golden files")
    out = tmp_path / name
    result = swplan(*CASES[name], "--output", out, cwd=ROOT)
    assert result.code == 0, result.err
    assert result.out == ""
    assert out.read_bytes() == (GOLDEN / name).read_bytes()


def test_version_1_rules_give_version_1_pay() -> None:
    """A rules file without the local-policy keys gives version 1's pay figures: the JSON
    is version 1's with only the keys version 2 adds (`step`, `components`)."""
    import json

    # the packaged default has moved on to 三岗十八级; national-v1 is version 1's
    result = swplan(*CASES["pay_small.json"], "--rules", V1_RULES, cwd=ROOT)
    data = json.loads(result.out)
    assert data["rules"] == "national default (version 1)"
    data["rules"] = "national default"  # its name when it was the packaged default
    for worker in data["workers"]:
        assert worker.pop("step") is None
        assert worker.pop("components") == {"grade": worker["monthly_base"]}
    v1 = json.loads((GOLDEN / "pay_small_v1.json").read_text(encoding="utf-8"))
    assert data == v1
    assert json.dumps(data, ensure_ascii=False, indent=2) + "\n" == (
        GOLDEN / "pay_small_v1.json"
    ).read_text(encoding="utf-8")
