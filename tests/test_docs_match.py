"""What the docs say that the code can confirm: the schema names, the presets, the exit codes.

Each list here is read from the code (the schema files, the configs, the CLI's help)
and looked for in every doc that names it, so a doc cannot fall behind silently.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT, swplan

DOCS = {
    name: (ROOT / name).read_text("utf-8")
    for name in ("README.md", "CHANGELOG.md", "CONTRIBUTING.md", "docs/json.md", "docs/rules.md")
}


def output_schemas() -> set[str]:
    """The output schemas swplan writes, from their files (the rules file's aside)."""
    names = set()
    for path in (ROOT / "docs" / "schema").glob("*.json"):
        name = json.loads(path.read_text("utf-8"))["title"]
        if not name.startswith("swplan.rules"):
            names.add(name)
    return names


def test_the_readme_and_the_changelog_name_every_output_schema_and_no_other() -> None:
    schemas = output_schemas()
    assert {"swplan.staff/1", "swplan.pay/1", "swplan.awards/1"} <= schemas
    readme = DOCS["README.md"]
    section = readme[readme.index("## Output formats") :]
    assert set(re.findall(r"swplan\.\w+/\d+", section.split("\n\n")[1])) == schemas
    changelog = DOCS["CHANGELOG.md"]
    header = changelog[: changelog.index("## ")]
    assert set(re.findall(r"swplan\.\w+/\d+", header)) == schemas


def test_every_preset_is_named_where_presets_are_listed() -> None:
    presets = {p.stem for p in (ROOT / "configs").glob("*.yaml")}
    assert {"national", "national-v1"} <= presets
    extends_row = next(
        line for line in DOCS["docs/rules.md"].splitlines() if line.startswith("| `extends` |")
    )
    assert set(re.findall(r"`([\w-]+)`", extends_row)) - {"extends"} == presets
    contributing = DOCS["CONTRIBUTING.md"]
    configs_row = next(
        line for line in contributing.splitlines() if line.startswith("| `configs/`")
    )
    assert set(re.findall(r"`([\w-]+)\.yaml`", configs_row)) == presets


def test_every_check_that_exits_1_is_named_wherever_exit_1_is_explained() -> None:
    # the options whose failed check exits 1, read from the command line's own help
    help_text = swplan("--help").out
    gates = set(re.findall(r"--[\w-]+", help_text[help_text.index("1 a check failed") :][:120]))
    assert gates == {"--cap", "--fail-on-shortage", "--target"}
    for name in ("README.md", "CONTRIBUTING.md", "docs/json.md"):
        text = DOCS[name]
        sentence = re.search(
            r"[Ee]xit 1(?::| only for)[^\n]*(?:\n[^\n]+){0,2}|\| 1 \| a check failed[^\n]*", text
        )
        assert sentence is not None, name
        for gate in gates:
            assert gate in sentence[0], f"{name} leaves {gate} out of exit 1"
