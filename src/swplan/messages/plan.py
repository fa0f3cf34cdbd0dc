"""Messages: plan (see `swplan.messages`): key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "plan.not_a_target": (
        "{text!r} is not a target; write METRIC OP VALUE@YEAR, e.g. "
        "certified_share>=0.6@2030 or total<=25000000@2027 (OP one of <= >= < > ==)",
        "{text!r} 不是有效的目标；请写成 指标 比较符 数值@年份，例如 "
        "certified_share>=0.6@2030 或 total<=25000000@2027（比较符为 <= >= < > == 之一）",
    ),
    "plan.in_target": ("in {text!r}: {problem}", "目标 {text!r} 中：{problem}"),
    "plan.target_outside": (
        "target {text!r}: {year} is outside the plan, which covers {span}; "
        "name a year of the plan or change --from/--years",
        "目标 {text!r}：{year} 年不在规划期 {span} 内；请填写规划期内的年份，或修改 --from/--years",
    ),
    "plan.unknown_site": (
        "{count} worker(s) at site {site!r}, which is not in the populations: "
        "costed, never hired for",
        "{count} 名人员所在站点 {site!r} 不在服务对象文件中：计入费用，但不为其招聘",
    ),
    "plan.change_null": (
        "give a value, or leave the key out (only max_hires_per_year and budget_ceiling "
        "are cleared by null)",
        "请填写取值，或删去此键（只有 max_hires_per_year 和 budget_ceiling 可用 null 取消）",
    ),
    "plan.not_a_year": (
        "{value!r} is not a year; write a year from 1900 to 9999, e.g. 2028",
        "{value!r} 不是有效的年份；请填写 1900 至 9999 之间的年份，例如 2028",
    ),
    "plan.closes_before_opens": (
        "the site closes in {closes}, not after it opens in {opens}; "
        "a site counts in the years opens <= Y < closes",
        "站点撤销年份 {closes} 不晚于开办年份 {opens}；站点计入开办年份至撤销年份前一年",
    ),
    "plan.growth_mapping": (
        "must be a mapping of category: yearly growth, e.g. {{elderly: 0.08}}",
        "应为 类别: 年增长率 的映射，例如 {{elderly: 0.08}}",
    ),
    "plan.unknown_growth_category": (
        "unknown category; {problem}",
        "未知的服务对象类别；{problem}",
    ),
    "plan.target_scenario": (
        "target {text!r} names no scenario of the plan: {problem}",
        "目标 {text!r} 所指方案不在规划中：{problem}",
    ),
    "plan.sites_and_more": ("{sites} and {n} more", "{sites} 等，另有 {n} 个"),
    "plan.no_residents": (
        "no value in {year}: {count} site(s) counted that year have no residents "
        "({sites}); give the populations a residents column",
        "{year} 年无此值：当年计入的 {count} 个站点没有常住人口（{sites}）；"
        "请在服务对象文件中填写常住人口",
    ),
    "plan.no_residents_counted": (
        "no value in {year}: the sites counted that year have no residents",
        "{year} 年无此值：当年计入的站点常住人口合计为 0",
    ),
    "plan.no_clients": (
        "no value in {year}: there are no clients that year",
        "{year} 年无此值：当年没有服务对象",
    ),
    "plan.no_candidates": (
        "no value in {year}: no worker could leave that year",
        "{year} 年无此值：当年没有可计算离职的人员",
    ),
    "plan.label_mapping": (
        "a scenario's label is a mapping of zh and en to text, e.g. {{en: Tight}}",
        "方案名称应为 zh、en 到文字的映射，例如 {{zh: 紧缩方案, en: Tight}}",
    ),
    "plan.targets_list": (
        "a scenario's targets are a list of METRIC OP VALUE@YEAR, e.g. ['shortage<=0@2028']",
        "方案的目标应为 指标 比较符 数值@年份 的列表，例如 ['shortage<=0@2028']",
    ),
    "plan.own_target_scenario": (
        "target {text!r} is the scenario {scenario!r}'s own: leave out ':{named}'",
        "目标 {text!r} 属于方案 {scenario!r}：请删去 ':{named}'",
    ),
    "plan.worker_before_opening": (
        "{count} worker(s) ({ids}) at site {site!r}, which opens in {year}, after the plan's "
        "first year {start}: move them to an open site, or give the site an earlier opening year",
        "{count} 名人员（{ids}）所在站点 {site!r} 于 {year} 年开办，晚于规划首年 {start}："
        "请将其调至已开办的站点，或提前该站点的开办年份",
    ),
    "plan.worker_after_closing": (
        "{count} worker(s) ({ids}) at site {site!r}, which closes in {year}, by the plan's "
        "first year {start}: move them to an open site",
        "{count} 名人员（{ids}）所在站点 {site!r} 于 {year} 年撤销，不晚于规划首年 {start}："
        "请将其调至未撤销的站点",
    ),
    "plan.site_growth_unknown": (
        "plan.site_growth names site {site!r}, which is not in the populations",
        "plan.site_growth 中的站点 {site!r} 不在服务对象文件中",
    ),
    "plan.over_ceiling": (
        "scenario {scenario}, {year}: the current staff alone cost more than the budget "
        "ceiling, so no one is hired",
        "方案 {scenario}，{year} 年：现有人员费用已超过预算上限，不再招聘",
    ),
    "plan.no_constraint": ("none", "无"),
    "plan.constraints": ("Also: {said}", "另：{said}"),
    "plan.from_year": ("From {year}: {said}", "自 {year} 年起：{said}"),
    "plan.rates_note": (
        "Leavers and passes are shared over the district, so the applied rates are the "
        "stated ones to within one worker; hires cut: posts left unfilled after hiring.",
        "离职与考试通过人数按全区统一分配，实际比率与设定比率相差不超过一人；"
        "未招满：招聘后仍空缺的岗位数。",
    ),
    "plan.target_failed": (
        "target failed: {text} in scenario {scenario} (value {value})",
        "未达成目标：{text}，方案 {scenario}（实际值 {value}）",
    ),
    "plan.target_no_value": (
        "target failed: {text} in scenario {scenario} ({why})",
        "未达成目标：{text}，方案 {scenario}（{why}）",
    ),
    "documents.title.plan_sites": (
        "{region}Social work staffing plan {years}: sites",
        "{region}{years}年社会工作人员规划：各站点",
    ),
}
