"""Messages: reports (see `swplan.messages`): key -> (English, Chinese).

The sentences of the reports: titles with values, notes, reasons, the lines of
`pay --explain` and the warnings of a calculation, worded by `swplan.report`
(`sentence("staff.title", lang, rules=...)` is `reports.staff.title`). Column headers
and single words are the labels of `swplan.report.labels`.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # every report
    "reports.warning": ("warning: {text}", "注意：{text}"),
    "reports.unknown_site.one": (
        "worker {id} is at site {site!r}, which is not in the populations; not counted",
        "人员 {id} 所在站点 {site!r} 不在服务对象文件中；未计入",
    ),
    "reports.unknown_site.many": (
        "{count} workers ({ids}) are at site {site!r}, which is not in the populations; not counted",
        "{count} 名人员（{ids}）所在站点 {site!r} 不在服务对象文件中；未计入",
    ),
    # staff
    "reports.staff.title": ("Posts required — {rules}", "所需岗位 — {rules}"),
    "reports.staff.minimum_applied_note": (
        "* raised to the minimum posts for the site kind",
        "* 按该类型站点最低岗位数配置",
    ),
    "reports.staff.certified_below": (
        "! certified workers below the minimum for the site kind: {sites}",
        "! 持证人数低于该类型站点最低要求：{sites}",
    ),
    "reports.staff.shortage_surplus": (
        "Shortage: {shortage}   Surplus: {surplus}",
        "缺编：{shortage}   超编：{surplus}",
    ),
    "reports.staff.dedicated_column": ("Dedicated: {category}", "专职：{category}"),
    "reports.staff.chart": ("Required posts by site", "各站点所需岗位"),
    "reports.staff.chart_with_roster": (
        "Required posts and current staff by site",
        "各站点所需岗位与现有人数",
    ),
    # pay
    "reports.pay.title": ("Annual cost — {rules} ({when})", "年度用人成本 — {rules} ({when})"),
    "reports.pay.totals_note": (
        "Annual salary {salary}   Bonus {bonus}   Annual contributions {contributions}",
        "年度工资 {salary}   绩效奖金 {bonus}   年度单位缴费 {contributions}",
    ),
    "reports.pay.one_worker": ("{count} worker", "{count} 人"),
    "reports.pay.workers": ("{count} workers", "{count} 人"),
    "reports.pay.grade_row": ("Grade {value}", "薪级 {value}"),
    "reports.pay.step_row": ("Step {value}", "档次 {value}"),
    "reports.pay.chart_by_site": ("Annual cost by site", "各站点年度用人成本"),
    "reports.pay.chart_by_grade": ("Annual cost by grade", "各薪级年度用人成本"),
    "reports.pay.chart_by_step": ("Annual cost by step", "各档次年度用人成本"),
    # a pay table of a roster too big to list (the counts with thousands separators)
    "reports.too_many_workers": (
        "{count} workers are too many to list here; write every row to a file with --format csv --output FILE (or --format json)",
        "{count} 人过多，无法在此逐一列出；用 --format csv --output 文件 写出每一行（或用 --format json）",
    ),
    "reports.too_many_workers_by_site": (
        "{count} workers are too many to list here, so each site shows only its sums; write every worker's row to a file with --format csv --output FILE (or --format json)",
        "{count} 人过多，无法在此逐一列出，每个站点只列合计；用 --format csv --output 文件 写出每人一行（或用 --format json）",
    ),
    "reports.too_many_sites": (
        "{count} workers at {sites} sites are too many to list here; write each site's subtotal to a file with --by site --format csv --output FILE, or every worker's row to a file with --format csv --output FILE (or --format json)",
        "{sites} 个站点的 {count} 人过多，无法在此列出；用 --by site --format csv --output 文件 写出各站点小计，或用 --format csv --output 文件 写出每人一行（或用 --format json）",
    ),
    # pay --explain
    "reports.explain.head": (
        "{id} — pay as of {as_of} under {rules}",
        "{id} — 薪酬测算，截至 {as_of}，规则：{rules}",
    ),
    "reports.explain.years_hired": (
        "years of service: {years} (completed years from hired {hired} to {as_of})",
        "工龄：{years} 年（入职 {hired} 至 {as_of} 的整年数）",
    ),
    "reports.explain.years_given": (
        "years of service: {years} (as given)",
        "工龄：{years} 年（按填报）",
    ),
    "reports.explain.points": ("points:", "积分："),
    "reports.explain.default": (" (default)", "（默认）"),
    "reports.explain.no_post": ("(the rules define no posts)", "（规则未设岗位）"),
    "reports.explain.years_rule": (
        "{years} x {per_year}, at most {max}",
        "{years} × {per_year}，最多 {max}",
    ),
    "reports.explain.by_points": (
        "grade {grade} by points: the highest grade with min_points <= {points} (min_points {min})",
        "按积分为薪级 {grade}：起点积分不高于 {points} 的最高薪级（起点积分 {min}）",
    ),
    "reports.explain.below": (
        "grade {grade} by points: {points} is below every grade's min_points (lowest {min}), so the lowest grade",
        "按积分为薪级 {grade}：{points} 低于所有薪级的起点积分（最低 {min}），取最低薪级",
    ),
    "reports.explain.held": (
        "grade held to {grade} by post {post} ({bound} {grade})",
        "受岗位 {post} 限制，薪级定为 {grade}（{bound} {grade}）",
    ),
    "reports.explain.within": (
        "post {post} allows grades {lo} to {hi}: grade {grade} stands",
        "岗位 {post} 的薪级范围 {lo} 至 {hi}：薪级 {grade} 不变",
    ),
    "reports.explain.fixed": (
        "post {post} sets grade {lo}: grade {grade} stands",
        "岗位 {post} 定为薪级 {lo}：薪级 {grade} 不变",
    ),
    "reports.explain.any": ("any", "不限"),
    "reports.explain.base": (
        "monthly base (grade {grade}) = {amount}",
        "月基本工资（薪级 {grade}）= {amount}",
    ),
    "reports.explain.allowance": (
        "post allowance ({title}) = {amount}",
        "岗位津贴（{title}）= {amount}",
    ),
    "reports.explain.gross": (
        "monthly gross = {base} + {allowance} = {gross}",
        "月应发 = {base} + {allowance} = {gross}",
    ),
    "reports.explain.cb_within": (
        "contribution base = {base} (the monthly gross, within floor {floor} and ceiling {ceiling})",
        "缴费基数 = {base}（月应发，在下限 {floor} 与上限 {ceiling} 之间）",
    ),
    "reports.explain.cb_floor": (
        "contribution base = {base} (the floor: monthly gross {gross} is below it)",
        "缴费基数 = {base}（月应发 {gross} 低于下限，按下限）",
    ),
    "reports.explain.cb_ceiling": (
        "contribution base = {base} (the ceiling: monthly gross {gross} is above it)",
        "缴费基数 = {base}（月应发 {gross} 高于上限，按上限）",
    ),
    "reports.explain.times": ("x", "×"),
    "reports.explain.monthly_contributions": (
        "monthly contributions = {sum} = {amount}",
        "单位缴费（每月）= {sum} = {amount}",
    ),
    "reports.explain.salary": (
        "annual salary = {gross} x {months} months = {amount}",
        "年度工资 = {gross} × {months} 个月 = {amount}",
    ),
    "reports.explain.bonus": (
        "annual bonus = {base} x {months} {unit} ({rating}) = {amount}",
        "绩效奖金 = {base} × {months} {unit}（{rating}）= {amount}",
    ),
    "reports.explain.month": ("month", "个月"),
    "reports.explain.months": ("months", "个月"),
    "reports.explain.annual_contributions": (
        "annual contributions = {monthly} x 12 = {amount}",
        "年度单位缴费 = {monthly} × 12 = {amount}",
    ),
    "reports.explain.cost": (
        "annual cost = {salary} + {bonus} + {contributions} = {amount}",
        "年度用人成本 = {salary} + {bonus} + {contributions} = {amount}",
    ),
    "reports.explain.years_line": (
        "years of service: {years} ({source})",
        "工龄：{years} 年（{source}）",
    ),
    "reports.explain.src_hired": (
        "completed years from hired {hired} to {as_of}",
        "入职 {hired} 至 {as_of} 的整年数",
    ),
    "reports.explain.src_counted": (
        "completed years from {counted_from}, when service starts counting (hired {hired}), to {as_of}",
        "自 {counted_from} 起算（入职 {hired}）至 {as_of} 的整年数",
    ),
    "reports.explain.src_given": ("as given", "按填报"),
    "reports.explain.years_sum": (
        "years of service: {parts} = {years}",
        "工龄：{parts} = {years} 年",
    ),
    "reports.explain.years_education": ("{years} for {education}", "{education} 计 {years}"),
    "reports.explain.years_not_counted": ("{years} not counted", "不计 {years}"),
    "reports.explain.years_floor": (" (never below 0)", "（不低于 0）"),
    "reports.explain.step": (
        "step {step} = min({first} + {years} // {every}, {max})",
        "档次 {step} = min({first} + {years} // {every}, {max})",
    ),
    "reports.explain.pay_post": (
        "paid as post {paid} (education {education}; own post {post})",
        "按岗位 {paid} 计酬（学历 {education}；本人岗位 {post}）",
    ),
    "reports.explain.component": (
        "{id} (by {by} {key}) = {amount}",
        "{id}（按 {by} {key}）= {amount}",
    ),
    "reports.explain.per_year": (
        "{id} includes {per_year} x {years} years",
        "{id} 含每年 {per_year} × {years} 年",
    ),
    "reports.explain.allowances": (
        "monthly allowance = {gross} - {base} = {amount}",
        "津贴合计 = {gross} - {base} = {amount}",
    ),
    "reports.explain.gross_parts": (
        "monthly gross = {parts} = {gross}",
        "月应发 = {parts} = {gross}",
    ),
    "reports.explain.cb_item": (
        "{item}: its own base {base} (floor {floor}, ceiling {ceiling})",
        "{item}：单独缴费基数 {base}（下限 {floor}，上限 {ceiling}）",
    ),
    "reports.explain.rounded": ("rounded {round}", "取整方式 {round}"),
    "reports.explain.bonus_of": (
        "one month of bonus = {parts} = {amount}",
        "一个月绩效奖金基数 = {parts} = {amount}",
    ),
    "reports.explain.year_head": (
        "the year {year}, month by month (each month under the rules in force on its first day; the lines above are December's):",
        "{year} 年逐月测算（每月按当月 1 日有效的规则；以上为 12 月的计算）：",
    ),
    "reports.explain.unpaid": ("not paid (hired {hired})", "未发（入职 {hired}）"),
    "reports.explain.year_salary": (
        "annual salary = sum of {paid} months' gross {sum}{extra} = {amount}",
        "年度工资 = {paid} 个月应发合计 {sum}{extra} = {amount}",
    ),
    "reports.explain.year_extra": (
        " + {extra} extra months x {gross}",
        " + 额外 {extra} 个月 × {gross}",
    ),
    "reports.explain.year_bonus": (
        "annual bonus = December's: {amount}",
        "绩效奖金 = 按 12 月：{amount}",
    ),
    "reports.explain.year_contributions": (
        "annual contributions = sum of {paid} months = {amount}",
        "年度单位缴费 = {paid} 个月合计 = {amount}",
    ),
    "reports.explain.year_none": (
        "paid no month of {year}: every figure is 0.00",
        "{year} 年无发放月份：各项均为 0.00",
    ),
    "reports.explain.year_head_alone": ("the year {year}, month by month:", "{year} 年逐月测算："),
    "reports.explain.no_contributions": (
        "employer contributions: none (the rules give no rates)",
        "单位缴费：无（规则未设费率）",
    ),
    "reports.explain.no_worker": (
        "no worker with id {id!r} in {source}",
        "{source} 中没有工号为 {id!r} 的人员",
    ),
    "reports.explain.no_worker_close": (
        "no worker with id {id!r} in {source} (did you mean {hints}?)",
        "{source} 中没有工号为 {id!r} 的人员（是否应为 {hints}？）",
    ),
    "reports.explain.not_one_of": (
        "{value!r} is not one of: {allowed}{hint}",
        "{value!r} 不在可选值中：{allowed}{hint}",
    ),
    "reports.explain.none_defined": ("(none defined)", "(none defined)"),
    "reports.explain.give_an_id": (
        "give one of the ids in the roster's id column",
        "请填写花名册工号列中的工号",
    ),
    # awards
    "reports.awards.title": (
        "Exam awards due — {rules} ({as_of})",
        "应发考试奖励 — {rules} ({as_of})",
    ),
    "reports.awards.top_up_note": (
        "top_up: a ladder exam pays its award less the ladder awards already paid",
        "补差：晋级考试的奖励扣除已发放的晋级奖励，补发差额",
    ),
    "reports.awards.upgrade_note": (
        "upgrade: {upgrade}; claim window: {window}",
        "晋级发放：{upgrade}；领取期限：{window}",
    ),
    "reports.awards.window_days": ("{days} days", "{days} 天"),
    "reports.awards.no_window": ("none", "不限"),
    "reports.awards.paid_on": ("paid {amount} on {on}", "已于 {on} 发放 {amount}"),
    "reports.awards.repeats": ("repeats the pass of {when}", "重复：已有 {when} 的通过记录"),
    "reports.awards.repeats_at": (" at {place}", " ({place})"),
    "reports.awards.paid_once": ("; paid once", "，只发一次"),
    "reports.awards.expired_reason": (
        "passed {days} days ago, window {window}",
        "通过已 {days} 天，超过领取期限 {window} 天",
    ),
    "reports.awards.capped_note": (
        "* cut by cap_per_worker {cap}: all awards to one worker, ledger included",
        "* 按每人奖励上限 {cap} 削减（含已发放）",
    ),
    "reports.awards.capped_reason": (
        "cap_per_worker {cap} reached: {before} already paid to this worker",
        "已达每人奖励上限 {cap}（此前已发放 {before}）",
    ),
    "reports.awards.deadline_reason": (
        "passes of {year} had to be claimed by {deadline}",
        "{year} 年的通过须在 {deadline} 前领取，已过期",
    ),
    "reports.awards.failed_service": (
        "{value} months' service at the pass ({source}), under min_service_months {required}",
        "通过考试时服务 {value} 个月（{source}），不足 {required} 个月",
    ),
    "reports.awards.failed_performance": (
        "rating {value}{default} is below min_performance {required}",
        "考核等次 {value}{default} 低于要求的 {required}",
    ),
    "reports.awards.default_performance_used": (
        " (none given: default_performance)",
        "（未填，按默认等次）",
    ),
    "reports.awards.failed_employment": (
        "employment {value}{default} is excluded (exclude_employment)",
        "用工性质 {value}{default} 不在奖励范围内",
    ),
    "reports.awards.default_employment_used": (
        " (none given: default_employment)",
        "（未填，按默认）",
    ),
    "reports.awards.min_service_note": (
        "min_service_months: {months} (hired to the pass date)",
        "最低服务月数 {months}（入职至通过考试）",
    ),
    "reports.awards.min_performance_note": ("min_performance: {rating}", "考核等次不低于 {rating}"),
    "reports.awards.exclude_employment_note": (
        "exclude_employment: {kinds}",
        "不予奖励的用工性质: {kinds}",
    ),
    "reports.awards.claim_deadline_note": (
        "claim_deadline: {month:02d}-{day:02d} of the year after the pass",
        "领取截止：通过次年 {month} 月 {day} 日",
    ),
    "reports.awards.cap_note": (
        "cap_per_worker: {cap} (ledger included)",
        "每人奖励上限 {cap}（含已发放）",
    ),
    "reports.awards.source_hired": ("hired {value}", "入职 {value}"),
    "reports.awards.source_years": ("years_of_service {value}", "工龄 {value}"),
    "reports.awards.passes_count": ("{count} passes", "{count} 笔"),
    "reports.awards.chart_by_exam": ("Awards due by exam", "各考试应发奖励金额"),
    # budget
    "reports.budget.title": ("Budget {year} — {rules}", "预算 {year} — {rules}"),
    "reports.budget.total_line": ("Budget {year}: {total} CNY", "{year}年度预算：{total}元"),
    "reports.budget.headline": (
        "{total_line} · Headcount {current} → {planned} ({change}) · {cap}",
        "{total_line}；人数{current}人→{planned}人（{change}）；{cap}",
    ),
    "reports.budget.no_cap": ("no cap given", "未设上限"),
    "reports.budget.within_cap": ("within the cap of {cap}", "未超过上限{cap}元"),
    "reports.budget.over_cap": ("OVER the cap of {cap} by {over}", "超过上限{cap}元，超出{over}元"),
    "reports.budget.share_note": (
        "Personnel share: {share} ({percent}%)",
        "人员费用占比：{percent}%（{share}）",
    ),
    "reports.budget.headcount_note": (
        "Headcount: Current {current}, Shortage {shortage}, Planned {planned}",
        "人数：现有{current}人，缺编{shortage}人，计划{planned}人",
    ),
    "reports.budget.new_hires_note": (
        "New hires: {count} x {cost} ({profile})",
        "新增岗位：{count}人×{cost}元（{profile}）",
    ),
    "reports.budget.awards_note": (
        "Exam awards: {count} due, {amount}",
        "考试奖励：应发{count}人次，{amount}元",
    ),
    "reports.budget.profile_grade": ("grade {grade}", "薪级{grade}"),
    "reports.budget.profile_step": ("step {step}", "档次{step}"),
    "reports.budget.profile_from": ("paid from month {month}", "自{month}月起发放"),
    "reports.budget.profile_joiner": (", ", "，"),
    "reports.budget.by_site_title": ("Budget by site", "各站点预算"),
    "reports.budget.unknown_site_note": (
        "? a site the populations do not list: its workers' cost, awards and training are shown under its id",
        "? 不在服务对象文件中的站点：其人员费用、奖励和培训费计入该站点编号名下",
    ),
    "reports.budget.largest_shortages": ("Sites with the largest shortages", "缺编最多的站点"),
    "reports.budget.short_title": ("Sites short of posts — {rules}", "缺编站点 — {rules}"),
    "reports.budget.chart_shortage": ("Shortage by site", "各站点缺编"),
    # plan (swplan.report.plan)
    "reports.plan_start_note": (
        "Start: the previous year's workers less its leavers; hires take the budget.new_hire profile from the first day of start_month.",
        "年初人数为上年末在岗人数减离职；新招聘人员按规则中新招聘人员的学历、职称、岗位和绩效，于规则设定的入职月份首日入职。",
    ),
    "reports.plan_certified_note": (
        "Certified share: workers holding a certified title on 1 January / workers (four decimals, half-up).",
        "持证比例 = 1 月 1 日持证人数 / 在岗人数（四位小数，四舍五入）。",
    ),
    "reports.plan_pass_note": (
        "A planned pass on 31 December gives the new title from 1 January; its award is paid that next year.",
        "当年计划通过考试者自次年 1 月 1 日起持新职称，奖励于次年发放。",
    ),
    "reports.plan_assumptions": (
        "Assumptions: growth {growth}; attrition {attrition}; hiring {hiring}; certification {passes}; pay_rise {pay_rise}; base_rise {base_rise}",
        "假设：服务对象年增长 {growth}；年末离职比例 {attrition}；招聘 {hiring}；年度考试通过比例 {passes}；薪酬年涨幅 {pay_rise}；缴费基数年涨幅 {base_rise}",
    ),
    "reports.plan_no_passes": ("none", "无"),
    "reports.plan_hiring_fill": ("fill", "补足缺编"),
    "reports.plan_hiring_none": ("none", "不招聘"),
}
