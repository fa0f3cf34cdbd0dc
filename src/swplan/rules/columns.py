"""The columns of the tables a bureau gives (read by `swplan.io`).

They are named here because a rules file's `columns` section adds headers to them
and the rules check that it names real columns.
"""

from __future__ import annotations

from typing import Literal

# The columns of each kind of table a bureau may give (populations also: each category).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "roster": (
        "id",
        "name",
        "site",
        "education",
        "title",
        "post",
        "hired",
        "years_of_service",
        "performance",
        "employment",
        "years_not_counted",
        "area",
        "title_since",
    ),
    # residents, posts_cap, opens and closes: what a plan reads (and growth.CATEGORY)
    "populations": (
        "id",
        "name",
        "kind",
        "aliases",
        "area",
        "residents",
        "posts_cap",
        "opens",
        "closes",
    ),
    "passes": ("worker_id", "exam", "passed_on", "name", "exam_year"),
    "ledger": ("worker_id", "exam", "amount", "paid_on", "scheme"),
}
# The columns a passes or ledger table must have (the others may be left out).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "passes": ("worker_id", "exam", "passed_on"),
    "ledger": ("worker_id", "exam", "amount", "paid_on"),
}

TableKind = Literal["roster", "populations", "passes", "ledger"]
