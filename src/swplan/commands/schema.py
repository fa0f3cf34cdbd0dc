"""`swplan schema [NAME]`: the JSON Schemas of swplan's JSON outputs and of the rules file.

The schemas are the files of `docs/schema/`, installed as the package `swplan.schemas`;
each is named after its schema, `/` written `-`: `swplan.budget/2` is
`swplan.budget-2.json`. NAME may be the full name (`swplan.budget/2`), the file's name,
or the command alone (`budget`, `rules`).
"""

from __future__ import annotations

import difflib
from importlib import resources

from ..errors import InputError, Problem
from ..messages import Msg, Words, did_you_mean, msg
from .common import Outcome

PACKAGE = "swplan.schemas"


def names() -> list[str]:
    """Every schema shipped, by name (`swplan.budget/2`), in alphabetical order."""
    files = resources.files(PACKAGE).iterdir()
    found = [f.name.removesuffix(".json") for f in files if f.name.endswith(".json")]
    return sorted(stem[::-1].replace("-", "/", 1)[::-1] for stem in found)


def file_name(name: str) -> str:
    """`swplan.budget/2` -> `swplan.budget-2.json`."""
    return name.replace("/", "-") + ".json"


def text(name: str) -> str:
    """The schema `name` as its file holds it."""
    return resources.files(PACKAGE).joinpath(file_name(name)).read_text(encoding="utf-8")


def _short(name: str) -> str:
    """`swplan.budget/2` -> `budget`."""
    return name.removeprefix("swplan.").split("/")[0]


def resolve(given: str) -> str | None:
    """The schema a NAME means: `swplan.budget/2`, `swplan.budget-2.json`, `budget/2` or
    `budget` (the latest version of that command's schema); None when it names none."""
    wanted = given.strip().lower().removesuffix(".json").removeprefix("swplan.")
    known = names()
    for name in known:
        full = name.removeprefix("swplan.")
        if wanted in (full, full.replace("/", "-")):
            return name
    versions = [name for name in known if _short(name) == wanted]
    return max(versions, key=lambda n: int(n.rsplit("/", 1)[1]), default=None)


def _about(name: str) -> Msg:
    command = _short(name)
    if command == "rules":
        return msg("schema.about_rules")
    return msg("schema.about_output", command=command)


def listing(lang: str) -> str:
    """One line per schema: its name and what it describes."""
    known = names()
    width = max(len(name) for name in known) + 2
    return "".join(f"{name:<{width}}{_about(name).text(lang)}\n" for name in known)


def schema(*, name: str | None, lang: str) -> Outcome:
    """The schema NAME names, as its file holds it; without NAME, the list of them."""
    if name is None:
        return Outcome(text=listing(lang), messages=[msg("schema.list_hint").text(lang)])
    found = resolve(name)
    if found is None:
        known = names()
        close = difflib.get_close_matches(
            name.strip().lower(), [*known, *map(_short, known)], n=1, cutoff=0.5
        )
        problem = msg(
            "schema.unknown",
            name=name,
            names=Words(known),
            hint=did_you_mean(close[0] if close else None),
        )
        raise InputError([Problem("NAME", "", "", problem)])
    return Outcome(text=text(found))
