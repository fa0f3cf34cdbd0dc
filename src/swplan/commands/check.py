"""`swplan check`: every file read exactly as the commands read it, then the files together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_BAD_INPUT, InputError, Problem
from ..messages import Clauses, msg
from .common import (
    Outcome,
    load_rules_opt,
)

if TYPE_CHECKING:
    pass


def check(*, files: list[Path], rules: Path | None, lang: str = "en") -> Outcome:
    """`OK FILE (summary)` for each good file; every problem of the others (exit 2); then
    the good files together (roster sites, pass and ledger worker ids)."""
    from ..escapes import shown_path
    from ..io import notes
    from .checking import Checked, check_together, checked_all

    r = None
    problems: list[Problem] = []
    if rules is None:
        rules = _rules_among(files)
        if rules is not None and len(files) > 1:
            notes.add([msg("check.rules_among", rules=str(rules))])
    try:
        r = load_rules_opt(rules)
    except InputError as exc:
        problems += exc.problems
    lines = []
    good: list[tuple[Path, Checked]] = []
    for path in files:
        if path.name.endswith(".lock"):  # left by an older version beside a ledger
            notes.add([msg("check.lock_file", file=str(path))])
            continue
        try:
            results = checked_all(path, r, keep=len(files) > 1)
        except InputError as exc:
            problems += exc.problems
            continue
        good += [(path, result) for result in results]
        summary = Clauses(*(result.summary for result in results))
        lines.append(msg("check.ok", file=shown_path(path), summary=summary).text(lang) + "\n")
    if r is not None and len(good) > 1:
        try:
            problems += check_together(good, r)
        except InputError as exc:  # unreachable for files that were each good
            problems += exc.problems
    code = EXIT_BAD_INPUT if problems else 0
    messages = [p.line(lang) for p in problems]
    # warnings: a pass naming a worker on no roster, a sheet's total (--no-totals-check)
    warnings = notes.take_warnings()
    return Outcome(code=code, messages=messages, text="".join(lines), warnings=warnings)


def _rules_among(files: list[Path]) -> Path | None:
    """The one rules file among the files checked together (`check DIR/*`), if there is
    one and it is good (a bad one is reported once, as a file of its own)."""
    from ..io.kinds import kind_of

    found = []
    for path in files:
        if path.suffix.lower() not in (".yaml", ".yml") or path.name.endswith(".lock"):
            continue
        try:
            if kind_of(path) == "rules":
                found.append(path)
        except (InputError, OSError):  # reported when the file itself is checked
            continue
    if len(found) != 1:
        return None
    try:
        load_rules_opt(found[0])
    except InputError:
        return None
    return found[0]
