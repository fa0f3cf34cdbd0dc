"""The words of a plan's report that the other reports do not use: the columns of the
rates and ratios, the constraints, the sites, and the keys of `plan:` as a reader of
the assumptions sees them."""

from __future__ import annotations

PLAN_MORE_WORDS: dict[str, dict[str, str]] = {
    "hires_cut": {"en": "Hires cut", "zh": "未招满"},
    "binding": {"en": "Binding", "zh": "约束"},
    "per_10k": {"en": "Per 10,000 residents", "zh": "每万人社工数"},
    "cost_per_client": {"en": "Cost per client", "zh": "人均服务成本"},
    "attrition_applied": {"en": "Attrition applied", "zh": "实际离职率"},
    "attrition_stated": {"en": "Attrition stated", "zh": "设定离职率"},
    "pass_rate_applied": {"en": "Pass rate applied", "zh": "实际通过率"},
    "pass_rate_stated": {"en": "Pass rate stated", "zh": "设定通过率"},
    "rates": {"en": "Rates, ratios and constraints", "zh": "比率与约束"},
    "site": {"en": "Site", "zh": "站点"},
    "sites": {"en": "Sites", "zh": "各站点"},
    "reason": {"en": "Why", "zh": "原因"},
    # the constraints that cut the hires
    "max_hires": {"en": "max hires", "zh": "年度招聘上限"},
    "budget_ceiling": {"en": "budget ceiling", "zh": "预算上限"},
    "posts_cap": {"en": "posts cap", "zh": "编制数"},
}

# the keys of `plan:` as the assumptions name them (in English, by their keys)
PLAN_KEYS: dict[str, dict[str, str]] = {
    "client_growth": {"en": "growth", "zh": "服务对象年增长"},
    "site_growth": {"en": "site_growth", "zh": "站点年增长"},
    "attrition": {"en": "attrition", "zh": "年末离职比例"},
    "hiring": {"en": "hiring", "zh": "招聘"},
    "max_hires_per_year": {"en": "max_hires_per_year", "zh": "每年最多招聘"},
    "budget_ceiling": {"en": "budget_ceiling", "zh": "年度预算上限"},
    "certification": {"en": "certification", "zh": "年度考试通过比例"},
    "pay_rise": {"en": "pay_rise", "zh": "薪酬年涨幅"},
    "base_rise": {"en": "base_rise", "zh": "缴费基数年涨幅"},
}

BASELINE = "baseline"  # the plan's one scenario when no scenarios file is given


def scenario_name(name: str, lang: str) -> str:
    """A scenario as a reader sees it: `baseline` is 基准方案 in Chinese; any other name
    is the user's own word and stays as written."""
    return "基准方案" if lang == "zh" and name == BASELINE else name
