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
}
