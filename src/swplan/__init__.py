"""swplan: posts, pay grades, exam awards and budget drafts for social-work organisations.

The computations are plain functions over plain data, usable without the CLI::

    from swplan import load_rules, load_populations, load_roster, staff, pay, plan
    rules = load_rules()                      # the built-in national rules
    sites = load_populations("populations.yaml", rules).sites
    result = staff(rules, sites, load_roster("roster.yaml", rules))
    result.rows()                             # one flat dict per site, money as Decimal
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The API is imported when a name of it is first used (`swplan.pay`), not with the
# package: `swplan --version` and the command line's start need none of it.
_API = {
    "record_awards": "api",
    "awards": "calc.awards",
    "budget": "calc.budget",
    "pay": "calc.pay",
    "plan": "calc.plan_api",
    "staff": "calc.staffing",
    "InputError": "errors",
    "Problem": "errors",
    "load_ledger": "io.passes",
    "load_passes": "io.passes",
    "load_populations": "io.populations",
    "load_roster": "io.roster",
    "load_rules": "io.rules_file",
    "Rules": "rules",
}

if TYPE_CHECKING:
    from .api import record_awards
    from .calc.awards import awards
    from .calc.budget import budget
    from .calc.pay import pay
    from .calc.plan_api import plan
    from .calc.staffing import staff
    from .errors import InputError, Problem
    from .io.passes import load_ledger, load_passes
    from .io.populations import load_populations
    from .io.roster import load_roster
    from .io.rules_file import load_rules
    from .rules import Rules


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'swplan' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "InputError",
    "Problem",
    "Rules",
    "__version__",
    "awards",
    "budget",
    "load_ledger",
    "load_passes",
    "load_populations",
    "load_roster",
    "load_rules",
    "pay",
    "plan",
    "record_awards",
    "staff",
]
