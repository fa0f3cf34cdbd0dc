"""Every word swplan shows a user, in English and Chinese (`--lang en|zh`).

`LABELS` holds column headers and single words, `SENTENCES` the notes and titles
with `{placeholders}`, `EXPLAIN` the lines of `pay --explain`. The reports look words
up here and only fill in numbers; a missing Chinese entry falls back to English.
"""

from __future__ import annotations

from typing import Any

# Column headers and single words, by language.
LABELS: dict[str, dict[str, str]] = {
    "site": {"zh": "站点", "en": "Site"},
    "name": {"zh": "名称", "en": "Name"},
    "kind": {"zh": "类型", "en": "Kind"},
    "clients": {"zh": "服务对象", "en": "Clients"},
    "required": {"zh": "所需岗位", "en": "Required"},
    "dedicated": {"zh": "专职", "en": "Dedicated"},
    "mixed": {"zh": "兼顾岗位", "en": "Mixed"},
    "primary": {"zh": "主要服务对象", "en": "Primary"},
    "covers": {"zh": "兼顾", "en": "Covers"},
    "workload_fte": {"zh": "工作量(人)", "en": "Workload FTE"},
    "minimum_applied": {"zh": "按最低配置", "en": "Minimum applied"},
    "current": {"zh": "现有人数", "en": "Current"},
    "certified": {"zh": "持证", "en": "Certified"},
    "gap": {"zh": "缺口", "en": "Gap"},
    "shortage": {"zh": "缺编", "en": "Shortage"},
    "surplus": {"zh": "超编", "en": "Surplus"},
    "worker": {"zh": "工号", "en": "Worker"},
    "worker_id": {"zh": "工号", "en": "Worker"},
    "person": {"zh": "姓名", "en": "Name"},
    "workers": {"zh": "人数", "en": "Workers"},
    "education": {"zh": "学历", "en": "Education"},
    "title": {"zh": "职称", "en": "Title"},
    "years": {"zh": "工龄", "en": "Years"},
    "performance": {"zh": "绩效", "en": "Performance"},
    "post": {"zh": "岗位", "en": "Post"},
    "points": {"zh": "积分", "en": "Points"},
    "grade": {"zh": "薪级", "en": "Grade"},
    "step": {"zh": "档次", "en": "Step"},
    "monthly_base": {"zh": "月基本工资", "en": "Monthly base"},
    "monthly_allowance": {"zh": "岗位津贴", "en": "Post allowance"},
    "monthly_gross": {"zh": "月应发", "en": "Monthly gross"},
    "monthly_contributions": {"zh": "单位缴费(五险一金)", "en": "Employer contributions"},
    "annual_salary": {"zh": "年度工资", "en": "Annual salary"},
    "annual_bonus": {"zh": "绩效奖金", "en": "Bonus"},
    "annual_contributions": {"zh": "年度单位缴费", "en": "Annual contributions"},
    "annual_cost": {"zh": "年度用人成本", "en": "Annual cost"},
    "exam": {"zh": "考试", "en": "Exam"},
    "passed_on": {"zh": "通过日期", "en": "Passed on"},
    "status": {"zh": "状态", "en": "Status"},
    "amount": {"zh": "金额", "en": "Amount"},
    "award": {"zh": "奖励", "en": "Award"},
    "due": {"zh": "应发", "en": "due"},
    "already_paid": {"zh": "已发放", "en": "already paid"},
    "duplicate": {"zh": "重复", "en": "duplicate"},
    "expired": {"zh": "已过期", "en": "expired"},
    "ineligible": {"zh": "不符合条件", "en": "ineligible"},
    "capped": {"zh": "已达上限", "en": "capped"},
    "budget": {"zh": "预算", "en": "Budget"},
    "item": {"zh": "项目", "en": "Item"},
    "total": {"zh": "合计", "en": "Total"},
    "subtotal": {"zh": "小计", "en": "Subtotal"},
    "personnel_share": {"zh": "人员费用占比", "en": "Personnel share"},
    "training": {"zh": "培训费", "en": "Training"},
    "new_hires": {"zh": "新增岗位", "en": "New hires"},
    "current_staff": {"zh": "现有人员费用", "en": "Current staff"},
    "awards": {"zh": "考试奖励", "en": "Exam awards"},
    "cap": {"zh": "上限", "en": "Cap"},
    "headcount": {"zh": "人数", "en": "Headcount"},
    "planned": {"zh": "计划人数", "en": "Planned"},
    "count": {"zh": "人次", "en": "Count"},
    "reason": {"zh": "原因", "en": "Reason"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # awards
    "awards_due": {"zh": "应发考试奖励", "en": "Exam awards due"},
    "awards_by_exam": {"zh": "应发奖励按考试合计", "en": "Awards due by exam"},
    "awards_not_due": {"zh": "本次不发放", "en": "Not due"},
    "less_paid": {"zh": "已发抵扣", "en": "Less paid"},
    "assistant_social_worker": {"zh": "助理社会工作师", "en": "assistant_social_worker"},
    "social_worker": {"zh": "社会工作师", "en": "social_worker"},
    "senior_social_worker": {"zh": "高级社会工作师", "en": "senior_social_worker"},
    "psychological_counselor": {"zh": "心理咨询师", "en": "psychological_counselor"},
}


def label(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


# Notes, titles and reasons, by language; `{name}` is filled in by `words()`.
SENTENCES: dict[str, dict[str, str]] = {
    # staff
    "posts_required": {"en": "Posts required", "zh": "所需岗位"},
    "minimum_applied_note": {
        "en": "* raised to the minimum posts for the site kind",
        "zh": "* 按该类型站点最低岗位数配置",
    },
    "certified_below": {
        "en": "! certified workers below the minimum for the site kind: {sites}",
        "zh": "! 持证人数低于该类型站点最低要求：{sites}",
    },
    "warning": {"en": "warning: {text}", "zh": "注意：{text}"},
    # pay
    "one_worker": {"en": "{count} worker", "zh": "{count} 人"},
    "workers": {"en": "{count} workers", "zh": "{count} 人"},
    # a table of a roster too big to list (the counts with thousands separators)
    "too_many_workers": {
        "en": "{count} workers are too many to list here; write every row to a file with "
        "--format csv --output FILE (or --format json)",
        "zh": "{count} 人过多，无法在此逐一列出；用 --format csv --output 文件 写出每一行"
        "（或用 --format json）",
    },
    "too_many_workers_by_site": {
        "en": "{count} workers are too many to list here, so each site shows only its sums; "
        "write every worker's row to a file with --format csv --output FILE (or --format json)",
        "zh": "{count} 人过多，无法在此逐一列出，每个站点只列合计；用 --format csv --output 文件 "
        "写出每人一行（或用 --format json）",
    },
    "too_many_sites": {
        "en": "{count} workers at {sites} sites are too many to list here; write each site's "
        "subtotal to a file with --by site --format csv --output FILE, or every worker's row "
        "to a file with --format csv --output FILE (or --format json)",
        "zh": "{sites} 个站点的 {count} 人过多，无法在此列出；用 --by site --format csv --output "
        "文件 写出各站点小计，或用 --format csv --output 文件 写出每人一行（或用 --format json）",
    },
    # awards
    "top_up_note": {
        "en": "top_up: a ladder exam pays its award less the ladder awards already paid",
        "zh": "补差：晋级考试的奖励扣除已发放的晋级奖励，补发差额",
    },
    "upgrade_note": {
        "en": "upgrade: {upgrade}; claim window: {window}",
        "zh": "晋级发放：{upgrade}；领取期限：{window}",
    },
    "window_days": {"en": "{days} days", "zh": "{days} 天"},
    "no_window": {"en": "none", "zh": "不限"},
    "paid_on": {"en": "paid {amount} on {on}", "zh": "已于 {on} 发放 {amount}"},
    "repeats": {"en": "repeats the pass of {when}", "zh": "重复：已有 {when} 的通过记录"},
    "repeats_at": {"en": " at {place}", "zh": " ({place})"},
    "paid_once": {"en": "; paid once", "zh": "，只发一次"},
    "expired_reason": {
        "en": "passed {days} days ago, window {window}",
        "zh": "通过已 {days} 天，超过领取期限 {window} 天",
    },
    "capped_note": {
        "en": "* cut by cap_per_worker {cap}: all awards to one worker, ledger included",
        "zh": "* 按每人奖励上限 {cap} 削减（含已发放）",
    },
    "capped_reason": {
        "en": "cap_per_worker {cap} reached: {before} already paid to this worker",
        "zh": "已达每人奖励上限 {cap}（此前已发放 {before}）",
    },
    "deadline_reason": {
        "en": "passes of {year} had to be claimed by {deadline}",
        "zh": "{year} 年的通过须在 {deadline} 前领取，已过期",
    },
    "reasons_joiner": {"en": "; ", "zh": "；"},
    "failed_service": {
        "en": "{value} months' service at the pass ({source}), under min_service_months {required}",
        "zh": "通过考试时服务 {value} 个月（{source}），不足 {required} 个月",
    },
    "failed_performance": {
        "en": "rating {value}{default} is below min_performance {required}",
        "zh": "考核等次 {value}{default} 低于要求的 {required}",
    },
    "default_performance_used": {
        "en": " (none given: default_performance)",
        "zh": "（未填，按默认等次）",
    },
    "failed_employment": {
        "en": "employment {value}{default} is excluded (exclude_employment)",
        "zh": "用工性质 {value}{default} 不在奖励范围内",
    },
    "default_employment_used": {
        "en": " (none given: default_employment)",
        "zh": "（未填，按默认）",
    },
    "min_service_note": {
        "en": "min_service_months: {months} (hired to the pass date)",
        "zh": "最低服务月数 {months}（入职至通过考试）",
    },
    "min_performance_note": {"en": "min_performance: {rating}", "zh": "考核等次不低于 {rating}"},
    "exclude_employment_note": {
        "en": "exclude_employment: {kinds}",
        "zh": "不予奖励的用工性质: {kinds}",
    },
    "claim_deadline_note": {
        "en": "claim_deadline: {month:02d}-{day:02d} of the year after the pass",
        "zh": "领取截止：通过次年 {month} 月 {day} 日",
    },
    "cap_note": {
        "en": "cap_per_worker: {cap} (ledger included)",
        "zh": "每人奖励上限 {cap}（含已发放）",
    },
    # budget
    "budget_headline": {
        "en": "{budget} {year}: {total} CNY · {headcount} {current} → {planned} ({change}) · {cap}",
        "zh": "{budget} {year}: {total} CNY · {headcount} {current} → {planned} ({change}) · {cap}",
    },
    "no_cap": {"en": "no cap given", "zh": "未设上限"},
    "within_cap": {"en": "within the cap of {cap}", "zh": "未超上限 {cap}"},
    "over_cap": {"en": "OVER the cap of {cap} by {over}", "zh": "超出上限 {cap}，超 {over}"},
    "new_hire_profile": {
        "en": "({education}, {title}, grade {grade})",
        "zh": "({education}, {title}, grade {grade})",
    },
    "largest_shortages": {"en": "Sites with the largest shortages", "zh": "缺编最多的站点"},
    # plan
    "plan_start_note": {
        "en": "Start: the previous year's workers less its leavers; hires take the "
        "budget.new_hire profile from the first day of start_month.",
        "zh": "年初人数为上年末在岗人数减离职；新招聘人员按规则中新招聘人员的学历、职称、岗位和绩效，"
        "于规则设定的入职月份首日入职。",
    },
    "plan_certified_note": {
        "en": "Certified share: workers holding a certified title on 1 January / workers "
        "(four decimals, half-up).",
        "zh": "持证比例 = 1 月 1 日持证人数 / 在岗人数（四位小数，四舍五入）。",
    },
    "plan_pass_note": {
        "en": "A planned pass on 31 December gives the new title from 1 January; its award "
        "is paid that next year.",
        "zh": "当年计划通过考试者自次年 1 月 1 日起持新职称，奖励于次年发放。",
    },
    "plan_assumptions": {
        "en": "Assumptions: growth {growth}; attrition {attrition}; hiring {hiring}; "
        "certification {passes}; pay_rise {pay_rise}; base_rise {base_rise}",
        "zh": "假设：服务对象年增长 {growth}；年末离职比例 {attrition}；招聘 {hiring}；"
        "年度考试通过比例 {passes}；薪酬年涨幅 {pay_rise}；缴费基数年涨幅 {base_rise}",
    },
    "plan_no_passes": {"en": "none", "zh": "无"},
    "plan_hiring_fill": {"en": "fill", "zh": "补足缺编"},
    "plan_hiring_none": {"en": "none", "zh": "不招聘"},
}


# How the source of a worker's service months is worded (`hired 2020-01-01`).
SOURCE_WORDS: dict[str, dict[str, str]] = {"zh": {"hired ": "入职 ", "years_of_service ": "工龄 "}}

# What a pay component is keyed on (`by:`), as the explain lines name it
COMPONENT_BY: dict[str, dict[str, str]] = {
    "zh": {
        "post": "岗位",
        "title": "职称",
        "education": "学历",
        "performance": "绩效",
        "grade": "薪级",
        "step": "档次",
        "area": "地区",
    }
}


def words(key: str, lang: str, **values: Any) -> str:
    """The sentence `key` in `lang`, its `{placeholders}` filled from `values`."""
    entry = SENTENCES[key]
    return (entry.get(lang) or entry["en"]).format(**values)


# The lines of `pay --explain`, by language.
EXPLAIN: dict[str, dict[str, str]] = {
    "en": {
        "head": "{id} — pay as of {as_of} under {rules}",
        "years_hired": "years of service: {years} (completed years from hired {hired} to {as_of})",
        "years_given": "years of service: {years} (as given)",
        "points": "points:",
        "default": " (default)",
        "no_post": "(the rules define no posts)",
        "years_rule": "{years} x {per_year}, at most {max}",
        "by_points": "grade {grade} by points: the highest grade with min_points <= {points} "
        "(min_points {min})",
        "below": "grade {grade} by points: {points} is below every grade's min_points "
        "(lowest {min}), so the lowest grade",
        "held": "grade held to {grade} by post {post} ({bound} {grade})",
        "within": "post {post} allows grades {lo} to {hi}: grade {grade} stands",
        "fixed": "post {post} sets grade {lo}: grade {grade} stands",
        "any": "any",
        "base": "monthly base (grade {grade}) = {amount}",
        "allowance": "post allowance ({title}) = {amount}",
        "gross": "monthly gross = {base} + {allowance} = {gross}",
        "cb_within": "contribution base = {base} (the monthly gross, within floor {floor} "
        "and ceiling {ceiling})",
        "cb_floor": "contribution base = {base} (the floor: monthly gross {gross} is below it)",
        "cb_ceiling": "contribution base = {base} (the ceiling: monthly gross {gross} is above it)",
        "times": "x",
        "monthly_contributions": "monthly contributions = {sum} = {amount}",
        "salary": "annual salary = {gross} x {months} months = {amount}",
        "bonus": "annual bonus = {base} x {months} {unit} ({rating}) = {amount}",
        "month": "month",
        "months": "months",
        "annual_contributions": "annual contributions = {monthly} x 12 = {amount}",
        "cost": "annual cost = {salary} + {bonus} + {contributions} = {amount}",
        "years_line": "years of service: {years} ({source})",
        "src_hired": "completed years from hired {hired} to {as_of}",
        "src_counted": "completed years from {counted_from}, when service starts counting "
        "(hired {hired}), to {as_of}",
        "src_given": "as given",
        "years_sum": "years of service: {parts} = {years}",
        "years_education": "{years} for {education}",
        "years_not_counted": "{years} not counted",
        "years_floor": " (never below 0)",
        "step": "step {step} = min({first} + {years} // {every}, {max})",
        "pay_post": "paid as post {paid} (education {education}; own post {post})",
        "component": "{id} (by {by} {key}) = {amount}",
        "per_year": "{id} includes {per_year} x {years} years",
        "allowances": "monthly allowance = {gross} - {base} = {amount}",
        "gross_parts": "monthly gross = {parts} = {gross}",
        "cb_item": "{item}: its own base {base} (floor {floor}, ceiling {ceiling})",
        "rounded": "rounded {round}",
        "bonus_of": "one month of bonus = {parts} = {amount}",
        "year_head": "the year {year}, month by month (each month under the rules in force on its "
        "first day; the lines above are December's):",
        "unpaid": "not paid (hired {hired})",
        "year_salary": "annual salary = sum of {paid} months' gross {sum}{extra} = {amount}",
        "year_extra": " + {extra} extra months x {gross}",
        "year_bonus": "annual bonus = December's: {amount}",
        "year_contributions": "annual contributions = sum of {paid} months = {amount}",
        "year_none": "paid no month of {year}: every figure is 0.00",
        "year_head_alone": "the year {year}, month by month:",
        "no_contributions": "employer contributions: none (the rules give no rates)",
    },
    "zh": {
        "head": "{id} — 薪酬测算，截至 {as_of}，规则：{rules}",
        "years_hired": "工龄：{years} 年（入职 {hired} 至 {as_of} 的整年数）",
        "years_given": "工龄：{years} 年（按填报）",
        "points": "积分：",
        "default": "（默认）",
        "no_post": "（规则未设岗位）",
        "years_rule": "{years} × {per_year}，最多 {max}",
        "by_points": "按积分为薪级 {grade}：起点积分不高于 {points} 的最高薪级（起点积分 {min}）",
        "below": "按积分为薪级 {grade}：{points} 低于所有薪级的起点积分（最低 {min}），取最低薪级",
        "held": "受岗位 {post} 限制，薪级定为 {grade}（{bound} {grade}）",
        "within": "岗位 {post} 的薪级范围 {lo} 至 {hi}：薪级 {grade} 不变",
        "fixed": "岗位 {post} 定为薪级 {lo}：薪级 {grade} 不变",
        "any": "不限",
        "base": "月基本工资（薪级 {grade}）= {amount}",
        "allowance": "岗位津贴（{title}）= {amount}",
        "gross": "月应发 = {base} + {allowance} = {gross}",
        "cb_within": "缴费基数 = {base}（月应发，在下限 {floor} 与上限 {ceiling} 之间）",
        "cb_floor": "缴费基数 = {base}（月应发 {gross} 低于下限，按下限）",
        "cb_ceiling": "缴费基数 = {base}（月应发 {gross} 高于上限，按上限）",
        "times": "×",
        "monthly_contributions": "单位缴费（每月）= {sum} = {amount}",
        "salary": "年度工资 = {gross} × {months} 个月 = {amount}",
        "bonus": "绩效奖金 = {base} × {months} {unit}（{rating}）= {amount}",
        "month": "个月",
        "months": "个月",
        "annual_contributions": "年度单位缴费 = {monthly} × 12 = {amount}",
        "cost": "年度用人成本 = {salary} + {bonus} + {contributions} = {amount}",
        "years_line": "工龄：{years} 年（{source}）",
        "src_hired": "入职 {hired} 至 {as_of} 的整年数",
        "src_counted": "自 {counted_from} 起算（入职 {hired}）至 {as_of} 的整年数",
        "src_given": "按填报",
        "years_sum": "工龄：{parts} = {years} 年",
        "years_education": "{education} 计 {years}",
        "years_not_counted": "不计 {years}",
        "years_floor": "（不低于 0）",
        "step": "档次 {step} = min({first} + {years} // {every}, {max})",
        "pay_post": "按岗位 {paid} 计酬（学历 {education}；本人岗位 {post}）",
        "component": "{id}（按 {by} {key}）= {amount}",
        "per_year": "{id} 含每年 {per_year} × {years} 年",
        "allowances": "津贴合计 = {gross} - {base} = {amount}",
        "gross_parts": "月应发 = {parts} = {gross}",
        "cb_item": "{item}：单独缴费基数 {base}（下限 {floor}，上限 {ceiling}）",
        "rounded": "取整方式 {round}",
        "bonus_of": "一个月绩效奖金基数 = {parts} = {amount}",
        "year_head": "{year} 年逐月测算（每月按当月 1 日有效的规则；以上为 12 月的计算）：",
        "unpaid": "未发（入职 {hired}）",
        "year_salary": "年度工资 = {paid} 个月应发合计 {sum}{extra} = {amount}",
        "year_extra": " + 额外 {extra} 个月 × {gross}",
        "year_bonus": "绩效奖金 = 按 12 月：{amount}",
        "year_contributions": "年度单位缴费 = {paid} 个月合计 = {amount}",
        "year_none": "{year} 年无发放月份：各项均为 0.00",
        "year_head_alone": "{year} 年逐月测算：",
        "no_contributions": "单位缴费：无（规则未设费率）",
    },
}


# The columns of the month-by-month table of `pay --explain --year`.
MONTH_COLUMNS: dict[str, tuple[str, ...]] = {
    "en": ("month", "years", "step", "grade", "gross", "contributions"),
    "zh": ("月份", "工龄", "档次", "薪级", "月应发", "单位缴费"),
}

# The words of `swplan plan`.
PLAN_WORDS: dict[str, dict[str, str]] = {
    "scenario": {"en": "Scenario", "zh": "方案"},
    "year": {"en": "Year", "zh": "年度"},
    "clients": {"en": "Clients", "zh": "服务对象"},
    "required": {"en": "Required", "zh": "所需岗位"},
    "workers_start": {"en": "Start", "zh": "年初人数"},
    "hires": {"en": "Hires", "zh": "新招聘"},
    "workers": {"en": "Workers", "zh": "在岗人数"},
    "leavers": {"en": "Leavers", "zh": "离职"},
    "shortage": {"en": "Shortage", "zh": "缺编"},
    "certified": {"en": "Certified", "zh": "持证"},
    "certified_share": {"en": "Certified share", "zh": "持证比例"},
    "staff_cost": {"en": "Staff cost", "zh": "人员费用"},
    "awards": {"en": "Awards", "zh": "考试奖励"},
    "training": {"en": "Training", "zh": "培训费"},
    "total": {"en": "Total", "zh": "合计"},
    "plan": {"en": "Plan", "zh": "规划"},
    "comparison": {"en": "Total cost by scenario", "zh": "各方案年度总费用对比"},
    "targets": {"en": "Targets", "zh": "目标"},
    "target": {"en": "Target", "zh": "目标"},
    "value": {"en": "Value", "zh": "实际值"},
    "ok": {"en": "OK", "zh": "达成"},
    "met": {"en": "met", "zh": "达成"},
    "failed": {"en": "FAILED", "zh": "未达成"},
    "all": {"en": "all years", "zh": "合计"},
}
