"""Messages: funding (see `swplan.messages`): key -> (English, Chinese).

`funding.*`: who pays the budget's lines (funders, shares, the economic classification);
`schemes.*`: award schemes, each with its funder, and what they decide about a pass.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the rules: funding
    "funding.not_a_source": (
        "names no funding source; {problem}; list it in funding.sources",
        "不是资金来源；{problem}；请在 funding.sources 中列出",
    ),
    "funding.not_a_line": (
        "is not a budget line; {problem}",
        "不是预算项目；{problem}",
    ),
    "funding.shares_sum": (
        "the shares add up to {total}; a line's shares must add up to exactly 1",
        "各来源份额合计为 {total}；同一项目的份额合计须恰好为 1",
    ),
    "funding.line_without_shares": (
        "no shares for {lines}; give those lines shares, or give default",
        "{lines} 没有份额；请为这些项目给出份额，或给出 default",
    ),
    "funding.not_a_kind": (
        "is not a site kind of site_kinds; {problem}",
        "不是 site_kinds 中的站点类型；{problem}",
    ),
    # the rules: schemes
    "schemes.not_a_year": (
        "{value!r} is not a year from 1900 to 2200",
        "{value!r} 不是 1900 至 2200 之间的年份",
    ),
    "schemes.long_exam": (
        "exam {exam!r}: the long form is {{amount: ..., label: ..., aliases: [...]}}, with an amount",
        "考试 {exam!r}：完整写法为 {{amount: ..., label: ..., aliases: [...]}}，须有 amount",
    ),
    "schemes.scope_both": (
        "a scope is by passed_from/passed_to or by exam_years, not both",
        "范围只能按 passed_from/passed_to 或按 exam_years 给出，不能同时给出",
    ),
    "schemes.scope_reversed": (
        "passed_to is before passed_from",
        "passed_to 早于 passed_from",
    ),
    "schemes.exam_years_form": (
        "exam_years is [FROM, TO]: two years, the first not after the second",
        "exam_years 的写法为 [起始年, 截止年]：两个年份，前者不晚于后者",
    ),
    # what an award scheme decides about a pass
    "schemes.scheme_not_awarded": (
        "scheme {scheme!r} gives no award for this exam",
        "奖励方案 {scheme!r} 不奖励该考试",
    ),
    "schemes.no_scheme_prices": (
        "no award scheme rewards this exam",
        "没有奖励方案奖励该考试",
    ),
    "schemes.out_of_scope_date": (
        "passed on {passed_on}, outside the passes the scheme rewards ({scope})",
        "通过日期 {passed_on} 不在奖励范围内（{scope}）",
    ),
    "schemes.out_of_scope_year": (
        "exam year {year}, outside the passes the scheme rewards ({scope})",
        "考试年度 {year} 不在奖励范围内（{scope}）",
    ),
    "schemes.within_months_reason": (
        "not claimed within {months} months of the pass (by {claim_by})",
        "未在通过后 {months} 个月内（{claim_by} 前）申领",
    ),
    "schemes.scope_years": ("exam years {first}-{last}", "{first}—{last} 年度考试"),
    "schemes.scope_between": ("passed {start} to {end}", "{start} 至 {end} 通过"),
    "schemes.scope_from": ("passed from {start}", "{start} 起通过"),
    "schemes.scope_to": ("passed by {end}", "{end} 前通过"),
    # the notes under the awards due
    "schemes.scope_note": ("rewards only: {scope}", "奖励范围：{scope}"),
    "schemes.within_months_note": (
        "claim_within_months: {months} (from the pass date)",
        "须在通过后 {months} 个月内申领",
    ),
    "schemes.scheme_note": ("{scheme}: {note}", "{scheme}：{note}"),
    "schemes.not_on_roster": (
        "not on the roster (left, or a wrong worker id){hint}",
        "不在花名册上（已离职或工号有误）{hint}",
    ),
    "schemes.not_on_roster_warning": (
        "{place}worker {worker!r} is not on the roster (left, or a wrong worker id): "
        "the {exam} pass of {passed_on} is not paid{hint}",
        "{place}工号 {worker!r} 不在花名册上（已离职或工号有误）：其 {passed_on} 通过的{exam}不计奖励{hint}",
    ),
    "schemes.row_without_scheme": (
        "the row names no scheme, and the rules have several ({schemes}): "
        "say in a scheme column which one paid it",
        "该行未写奖励方案，而规则有多个方案（{schemes}）：请在“方案”列写明由哪个方案发放",
    ),
    "schemes.default": ("default", "默认方案"),
    "schemes.not_a_scheme": (
        "{value!r} is not a scheme of the rules; the schemes are: {schemes}",
        "{value!r} 不是规则中的奖励方案；方案有：{schemes}",
    ),
    "schemes.not_awarded": (
        "the rules give no award for this exam",
        "该考试不在奖励之列",
    ),
}
