"""swplan: posts, pay grades, exam awards and budget drafts for social-work organisations.

The computations are plain functions over plain data, usable without the CLI::

    from swplan import load_rules, load_populations, load_roster, staff, pay
    rules = load_rules()                      # the built-in national rules
    sites = load_populations("populations.yaml", rules).sites
    result = staff(rules, sites, load_roster("roster.yaml", rules))

Names are imported on first use, so `swplan --version` and `--help` stay quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "InputError": "errors",
    "Problem": "errors",
    "Rules": "rules",
    "load_rules": "rules",
    "load_ledger": "inputs",
    "load_passes": "inputs",
    "load_populations": "inputs",
    "load_roster": "inputs",
    "staff": "staffing",
    "pay": "pay",
    "awards": "awards",
    "record_awards": "ledger",
    "budget": "budget",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from .awards import awards
    from .budget import budget
    from .errors import InputError, Problem
    from .inputs import load_ledger, load_passes, load_populations, load_roster
    from .ledger import record_awards
    from .pay import pay
    from .rules import Rules, load_rules
    from .staffing import staff


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'swplan' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
