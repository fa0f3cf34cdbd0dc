"""Messages: funding (see `swplan.messages`): key -> (English, Chinese).

`funding.*`: who pays the budget's lines (funders, shares, the economic classification);
`schemes.*`: award schemes, each with its funder, and what they decide about a pass.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # what an award scheme decides about a pass
    "schemes.not_awarded": (
        "the rules give no award for this exam",
        "该考试不在奖励之列",
    ),
}
