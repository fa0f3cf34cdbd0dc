"""One function per command: load -> compute -> report, and the exit code.

Each takes the command's options as keyword arguments (`awards`, `budget` and `plan`
take the files they share first, as one `RosterFiles` or `DistrictFiles`) and returns
an `Outcome`; the CLI only parses options and shows the outcome. Bad input raises
`InputError`.
Heavy modules are imported inside the functions so that `swplan --help` stays quick.
"""

from __future__ import annotations

from .awards import awards
from .budget import budget
from .check import check
from .common import DistrictFiles, Outcome, RosterFiles
from .pay import pay
from .plan import plan
from .schema import schema
from .setup import init, rules_show
from .staff import staff

__all__ = [
    "DistrictFiles",
    "Outcome",
    "RosterFiles",
    "awards",
    "budget",
    "check",
    "init",
    "pay",
    "plan",
    "rules_show",
    "schema",
    "staff",
]
