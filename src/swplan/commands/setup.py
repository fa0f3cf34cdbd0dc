"""`swplan init` (a new set of files to fill in) and `swplan rules show`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from ..messages import msg
from .common import (
    Outcome,
    load_rules_opt,
)

if TYPE_CHECKING:
    pass


def rules_show(*, rules: Path | None, fmt: str) -> Outcome:
    import json

    import yaml

    from ..rules import rules_as_data

    if fmt == "xlsx":
        raise InputError([Problem("--format", "", "", msg("rules_show.no_xlsx"))])
    if fmt not in ("yaml", "json"):
        raise InputError([Problem("--format", "", "", msg("rules_show.format", value=fmt))])
    data = rules_as_data(load_rules_opt(rules))
    if fmt == "json":
        return Outcome(text=json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return Outcome(text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def init(*, directory: Path | str, lang: str) -> Outcome:
    """A new set of files to fill in (see `report.starter`)."""
    from ..escapes import shown_path
    from ..io.rules_file import load_rules
    from ..report.starter import write_starter

    written = [shown_path(p) for p in write_starter(directory, load_rules(None), lang)]
    names = " ".join(written)
    lines = [msg("init.wrote", file=p).text(lang) for p in written]
    lines.append(msg("init.next", files=names).text(lang))
    return Outcome(text="".join(line + "\n" for line in lines))
