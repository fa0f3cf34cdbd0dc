"""Messages of the commands and their options: key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "option.not_a_year": (
        "{value!r} is not a year; write four digits, 1900-9999",
        "{value!r} 不是年份；请写四位数字，1900-9999",
    ),
    "option.not_a_count": (
        "{value!r} is not a whole number from {least} to {most}",
        "{value!r} 不是 {least} 至 {most} 之间的整数",
    ),
    "check.rules_among": (
        "the other files are checked against the rules in {rules}",
        "其余文件按 {rules} 中的规则检查",
    ),
    "check.ok": ("OK {file} ({summary})", "通过 {file}（{summary}）"),
    "check.lock_file": (
        "{file} skipped: a lock file, not a swplan file",
        "{file} 已跳过：这是锁定文件，不是 swplan 文件",
    ),
    "check.rules_summary": (
        "rules {name!r}, {categories} categories, {grades} grades",
        "规则 {name!r}，{categories} 类服务对象，{grades} 个薪级",
    ),
    "check.roster_summary": ("roster, {n} workers", "花名册，{n} 人"),
    "check.populations_summary": ("populations, {n} sites", "服务对象，{n} 个站点"),
    "check.passes_summary": ("passes, {n} passes", "考试通过记录，{n} 条"),
    "check.scenarios_summary": ("scenarios, {n}: {names}", "规划方案，{n} 个：{names}"),
    "pay.year_and_as_of": (
        "costs a whole year, --as-of one day's run rate; give one of them",
        "--year 测算全年费用，--as-of 测算某一天的年化费用；请只指定其中一个",
    ),
    "pay.explain_by": (
        "shows one worker, so --by has nothing to group; leave out --by",
        "只显示一名人员，--by 无可分组；请去掉 --by",
    ),
    "budget.over_cap": (
        "over the cap: total {total} is above --cap {cap}",
        "超过上限：合计 {total} 高于 --cap {cap}",
    ),
    "staff.shortage": (
        "shortage: {n} posts short across the sites",
        "缺编：各站点共缺编 {n} 个岗位",
    ),
    "rules_show.no_xlsx": (
        "'xlsx' is not available for the rules, which are nested; use yaml or json",
        "规则是嵌套结构，不提供 xlsx 格式；请使用 yaml 或 json",
    ),
    "rules_show.format": (
        "{value!r} is not one of: yaml, json",
        "{value!r} 不在可选值中：yaml、json",
    ),
    "init.wrote": ("wrote {file}", "已写入 {file}"),
    "init.next": (
        "next: fill them in, then run swplan check {files}",
        "下一步：填写这些文件，然后运行 swplan check {files}",
    ),
    # what no reader foresaw (swplan.cli.running)
    "run.see_help": ("see '{command} --help'", "见 {command} --help"),
    "run.more_like_it": ("... and {n} more like it", "……另有 {n} 处同样的问题"),
    "run.cannot_read_or_write": ("cannot be read or written: {why}", "无法读取或写入：{why}"),
    "run.number_too_large": (
        "a number is too large or too precise to compute exactly; "
        "check the amounts and rates of the inputs",
        "有数字过大或精度过高，无法精确计算；请检查输入中的金额和费率",
    ),
    "run.too_deep": ("an input is nested too deeply", "输入的嵌套层数过多"),
    "run.out_of_memory": ("out of memory; the input is too large", "内存不足；输入过大"),
    "run.internal_error": (
        "internal error ({error}); please report it",
        "内部错误（{error}）；请报告此问题",
    ),
}
