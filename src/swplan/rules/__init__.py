"""The rules model: a bureau's standard, validated as a whole.

Pure data and the checks between its parts; reading a rules file (strict YAML,
`extends`) is `swplan.io.rules_file`.

- `parts`: one pydantic model per section of a rules file (`Pay`, `Awards`, ...);
- `model`: `Rules`, the whole, built and checked as one;
- `vocabulary`: words by key, label or alias, and the long forms that give them;
- `checks`, `pay_checks`: the cross-checks (`RULE_CHECKS`), each a small function;
- `merge`: `extends` and dated `changes`, and `Rules.in_force`;
- `data`: the rules as plain data (`rules show`);
- `columns`: the columns of the tables a bureau gives;
- `problems`: `RulesInconsistent` and the key paths problems are at.
"""

from __future__ import annotations

from .base import Ident, Label, Strict, Word, parse_growth
from .checks import PLAN_CHECKS, RULE_CHECKS, plan_problems, rule_problems
from .columns import TABLE_COLUMNS, TableKind
from .data import rules_as_data
from .floors import Area, Floor, Prorate
from .funding import LINES, Funding, Source
from .merge import drop_replaced_bonus, merge
from .model import Rules
from .parts import (
    COMPONENT_BY,
    Allowances,
    Amount,
    AmountKey,
    Awards,
    Budget,
    Category,
    Change,
    Component,
    ContributionBase,
    ContributionItem,
    Contributions,
    Count,
    Eligibility,
    Employment,
    Grade,
    Growth,
    IsoDate,
    ItemBase,
    MonthDay,
    NewHire,
    Number,
    Pay,
    PerformanceBonus,
    Points,
    Positive,
    Post,
    Rate,
    Rounding,
    Service,
    Share,
    SiteKind,
    Staffing,
    Steps,
    YearsPoints,
    parse_share,
)
from .pay_checks import MAX_STEPS
from .plan import Plan, PlanChange
from .problems import KeyPath, RulesInconsistent
from .published import PayAmount, ShareOf, figure_of, number, resolved
from .schemes import (
    DEFAULT,
    AwardSchemes,
    Scheme,
    SchemeKeys,
    Scope,
    award_schemes,
    funder_of,
    priced_exams,
)
from .vocabulary import (
    LONG_FORMS,
    VOCABULARIES,
    VOCABULARY_PATHS,
    alias_problems,
    split_long_forms,
    word_form,
)

__all__ = [
    "COMPONENT_BY",
    "DEFAULT",
    "LINES",
    "LONG_FORMS",
    "MAX_STEPS",
    "PLAN_CHECKS",
    "RULE_CHECKS",
    "TABLE_COLUMNS",
    "VOCABULARIES",
    "VOCABULARY_PATHS",
    "Allowances",
    "Area",
    "Amount",
    "AmountKey",
    "AwardSchemes",
    "Awards",
    "Budget",
    "Category",
    "Change",
    "Component",
    "ContributionBase",
    "ContributionItem",
    "Contributions",
    "Count",
    "Eligibility",
    "Floor",
    "Employment",
    "Funding",
    "Grade",
    "Growth",
    "Ident",
    "IsoDate",
    "ItemBase",
    "KeyPath",
    "Label",
    "MonthDay",
    "NewHire",
    "Number",
    "Pay",
    "PayAmount",
    "PerformanceBonus",
    "Plan",
    "PlanChange",
    "Points",
    "Positive",
    "Prorate",
    "Post",
    "Rate",
    "Rounding",
    "Rules",
    "RulesInconsistent",
    "Scheme",
    "SchemeKeys",
    "Scope",
    "Service",
    "Share",
    "ShareOf",
    "SiteKind",
    "Source",
    "Staffing",
    "Steps",
    "Strict",
    "TableKind",
    "Word",
    "YearsPoints",
    "alias_problems",
    "award_schemes",
    "drop_replaced_bonus",
    "figure_of",
    "funder_of",
    "merge",
    "number",
    "parse_growth",
    "parse_share",
    "plan_problems",
    "resolved",
    "priced_exams",
    "rule_problems",
    "rules_as_data",
    "split_long_forms",
    "word_form",
]
