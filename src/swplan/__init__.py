"""swplan: posts, pay grades, exam awards and budget drafts for social-work organisations.

The computations are plain functions over plain data, usable without the CLI::

    from swplan import load_rules, load_populations, load_roster, staff, pay
    rules = load_rules()                      # the built-in national rules
    sites = load_populations("populations.yaml", rules).sites
    result = staff(rules, sites, load_roster("roster.yaml", rules))
"""

from __future__ import annotations

__version__ = "0.1.0"

# Imported eagerly on purpose: `pay`, `awards`, `budget` and `staff` name both a
# module and its function, and only an import here keeps `swplan.pay` the function.
from .awards import awards  # noqa: E402
from .budget import budget  # noqa: E402
from .errors import InputError, Problem  # noqa: E402
from .inputs import load_ledger, load_passes, load_populations, load_roster  # noqa: E402
from .ledger import record_awards  # noqa: E402
from .pay import pay  # noqa: E402
from .rules import Rules, load_rules  # noqa: E402
from .staffing import staff  # noqa: E402

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
    "record_awards",
    "staff",
]
