"""The documentation in docs/ keeps up with swplan.

* every command `swplan --help` lists (and every option it takes) is in docs/cli.md;
* every key of the effective national rules, and every field a rules file may hold,
  is in docs/rules.md;
* every relative link in README.md, CONTRIBUTING.md, CHANGELOG.md and docs/*.md leads
  to a file that exists (and, with a `#fragment`, to a heading in it);
* every ```console block in docs/*.md is real output: each `$ swplan ...` line is run
  in-process from the repository root and its output (stdout and stderr together)
  compared with the lines below it. A block cut short ends with a line `...`; a
  command may end with `; echo "exit $?"` to show its exit code. After a deliberate
  output change, rewrite the blocks with the golden refresh command, adding this file:

      SWPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py tests/test_readme.py tests/test_docs.py

  and re-read the prose around a changed block (worked examples show their arithmetic).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from conftest import ROOT, UPDATE_GOLDEN, check_console_blocks, swplan
from pydantic import BaseModel

from swplan import Rules

DOCS = ROOT / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- commands

# a row starts one space after the border; a wrapped description starts further right
PANEL_ROW = re.compile(r"^│ (-{1,2}[a-z][\w-]*|[a-z][\w-]*)", re.M)


def help_panel(text: str, title: str) -> list[str]:
    """First words of the rows of the help panel `title` (`Commands`, `Options`)."""
    match = re.search(rf"─ {title} ─+.\n(.*?)\n\s*╰", text, re.S)
    if match is None:
        return []
    return PANEL_ROW.findall(match.group(1))


def commands(prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command `swplan --help` shows, sub-commands (`rules show`) included."""
    result = swplan(*prefix, "--help", cwd=ROOT)
    assert result.code == 0, result.shown
    out: list[tuple[str, ...]] = []
    for name in help_panel(result.shown, "Commands"):
        sub = (*prefix, name)
        nested = commands(sub)
        out += nested or [sub]
    return out


def section(text: str, heading: str) -> str:
    """The text under the `## ` heading that starts with `heading`, to the next `## `."""
    match = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match is not None, f"docs/cli.md has no heading '## {heading}'"
    return match.group(1)


def test_every_command_and_option_is_in_cli_md() -> None:
    cli = read("cli.md")
    found = commands()
    assert ("staff",) in found and ("rules", "show") in found, found  # the help was read
    for command in found:
        name = " ".join(command)
        body = section(cli, f"`swplan {name}")
        result = swplan(*command, "--help", cwd=ROOT)
        options = [o for o in help_panel(result.shown, "Options") if o.startswith("--")]
        assert "--help" in options, result.shown
        for option in options:
            if option != "--help":
                assert f"`{option}" in body, f"docs/cli.md, swplan {name}: {option} is missing"


# --------------------------------------------------------------------------- rules


def model_fields(model: Any) -> set[str]:
    """The field names of `model` and of every model inside it, however nested."""
    names: set[str] = set()
    todo, seen = [model], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            for name, field in current.model_fields.items():
                names.add(field.alias or name)  # `from`, not the Python name `from_`
                todo.append(field.annotation)
        elif get_origin(current) is not None or get_args(current):
            todo.extend(get_args(current))
    return names


def test_every_rules_key_is_in_rules_md() -> None:
    rules_md = read("rules.md")
    result = swplan("rules", "show", "--format", "json", cwd=ROOT)
    assert result.code == 0, result.shown
    effective = json.loads(result.out)
    paths = ["extends", *effective]
    for part in ("pay", "staffing", "awards", "budget"):
        paths += [f"{part}.{key}" for key in effective[part]]
    assert "pay.grades" in paths and "budget.new_hire" in paths, paths
    for path in paths:
        assert f"`{path}`" in rules_md, f"docs/rules.md does not describe `{path}`"
    for name in sorted(model_fields(Rules)):
        assert re.search(rf"`[\w.\[\]<>-]*\b{name}\b[\w.\[\]<>-]*`", rules_md), (
            f"docs/rules.md never names the key `{name}`"
        )


# --------------------------------------------------------------------------- links

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def markdown_files() -> list[Path]:
    top = [ROOT / n for n in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    return [p for p in top if p.exists()] + sorted(DOCS.glob("*.md"))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: `## \\`swplan pay\\`` -> `swplan-pay`."""
    text = heading.strip().lower()
    text = "".join(
        c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN"
    )  # letters, digits, spaces, '-' and '_' stay
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        base = slug(heading)
        name, n = base, 0
        while name in out:
            n += 1
            name = f"{base}-{n}"
        out.add(name)
    return out


def test_relative_links_lead_somewhere() -> None:
    files = markdown_files()
    assert DOCS / "README.md" in files
    checked = 0
    for path in files:
        text = FENCE.sub("", path.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            file_part, _, fragment = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(ROOT)}: link ({target})"
            assert linked.exists(), f"{where} leads to no file"
            if fragment and linked.suffix == ".md":
                assert fragment in anchors(linked), f"{where}: no heading makes #{fragment}"
            checked += 1
    assert checked >= 20, checked


# --------------------------------------------------------------------------- console blocks


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.md")))
def test_console_blocks_are_real_output(name: str) -> None:
    path = DOCS / name
    text = path.read_text(encoding="utf-8")
    updated = check_console_blocks(text, f"docs/{name}")
    if UPDATE_GOLDEN and updated != text:
        path.write_text(updated, encoding="utf-8")
