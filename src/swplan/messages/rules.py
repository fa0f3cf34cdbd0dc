"""Messages: rules (see `swplan.messages`): key -> (English, Chinese).

The rules model (`swplan.rules`), the rules file (`swplan.io.rules_file`) and the
plan's scenarios file (`swplan.io.scenarios`). A rules file is written in keys, so
these messages name keys in both languages, and list them as a rules file writes them
(`a, b, c`).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # words
    "rules.not_one_of": (
        "{value!r} is not one of: {allowed}{hint}",
        "{value!r} 不在可选值中：{allowed}{hint}",
    ),
    "rules.none_defined": ("(none defined)", "（未定义）"),
    "rules.empty": ("(empty)", "（空）"),
    "rules.table.roster": ("roster", "花名册"),
    "rules.table.populations": ("populations", "服务对象"),
    "rules.table.passes": ("passes", "考试通过记录"),
    "rules.table.ledger": ("ledger", "奖励发放台账"),
    "rules.word.grade": ("grade", "薪级"),
    "rules.word.step": ("step", "档次"),
    "rules.alias_names_two": (
        "{name!r} names both {other!r} and {key!r} among the {vocabulary} words; "
        "a label or alias must name one entry",
        "{name!r} 在 {vocabulary} 词表中同时指向 {other!r} 和 {key!r}；一个标签或别名只能对应一项",
    ),
    "rules.long_form_number_missing": (
        "required key {key!r} is missing (e.g. {key}: 2)",
        "缺少必填项 {key!r}（例如 {key}: 2）",
    ),
    "rules.at_key": ("{key}: {problem}", "{key}: {problem}"),
    # values
    "rules.not_name_or_number": ("{value!r} is not a name or a number", "{value!r} 不是名称或数字"),
    "rules.growth_too_low": (
        "{value!r} is -1 or less; a yearly change must be above -1 (-100 %)",
        "{value!r} 不大于 -1；年变化率必须大于 -1（即 -100%）",
    ),
    "rules.not_a_share": (
        "{value!r} is not a share; write a number from 0 to 1, e.g. 0.25",
        "{value!r} 不是比例；请填写 0 至 1 之间的数，例如 0.25",
    ),
    # the cross-checks
    "rules.not_a_column": (
        "{column!r} is not a column of a {table} file; allowed: {allowed}",
        "{column!r} 不是{table}文件的列；允许的项：{allowed}",
    ),
    "rules.title_none_missing": (
        "the title 'none' (no certificate) must be listed",
        "必须列出职称 'none'（无证）",
    ),
    "rules.grade_not_ascending": (
        "grade {grade} follows grade {previous}; grades must be strictly ascending",
        "薪级 {grade} 排在薪级 {previous} 之后；薪级必须严格递增",
    ),
    "rules.min_points_not_ascending": (
        "min_points {points} is not above {previous} of the grade before; "
        "min_points must be strictly ascending",
        "起点积分 {points} 不高于上一薪级的 {previous}；起点积分必须严格递增",
    ),
    "rules.grade_not_defined": (
        "grade {grade} is not defined; grades: {grades}",
        "薪级 {grade} 未定义；已有薪级：{grades}",
    ),
    "rules.min_grade_above_max": (
        "min_grade {low} is above max_grade {high}",
        "最低薪级 {low} 高于最高薪级 {high}",
    ),
    "rules.default_post_required": (
        "required when posts are defined; name one of: {posts}",
        "设定了岗位时必填；请填写其一：{posts}",
    ),
    "rules.default_post_without_posts": (
        "no posts are defined, so there is no default post",
        "未设岗位，因此没有默认岗位",
    ),
    "rules.months_below_12": (
        "{months} is below 12; every month is paid, so it must be 12 or more",
        "{months} 小于 12；每个月都要发放，因此应不小于 12",
    ),
    "rules.bonus_both_forms": (
        "give either performance_bonus or performance_bonus_months, not both "
        "(performance_bonus: {{months: ..., of: [...]}} says everything the other does)",
        "performance_bonus 与 performance_bonus_months 只能填写一个"
        "（performance_bonus: {{months: ..., of: [...]}} 已包含后者的全部内容）",
    ),
    "rules.bonus_months_without_grades": (
        "one month of bonus is the grade's monthly, but the rules have no grades; "
        "write performance_bonus: {{months: ..., of: [components]}} instead",
        "一个月的奖金是薪级的月工资，但规则中没有薪级；"
        "请改写为 performance_bonus: {{months: ..., of: [...]}}，of 中列出构成一个月奖金的工资构成",
    ),
    "rules.bonus_of_grade_without_grades": (
        "'grade' is the grade's monthly, but the rules have no grades; "
        "name the components one month of bonus is made of",
        "'grade' 是薪级的月工资，但规则中没有薪级；请列出构成一个月奖金的工资构成",
    ),
    "rules.floor_above_ceiling": (
        "floor {floor} is above the ceiling {ceiling}",
        "下限 {floor} 高于上限 {ceiling}",
    ),
    "rules.item_floor_above_ceiling": (
        "floor {floor} is above the ceiling {ceiling} (an item's missing bound is the general one)",
        "下限 {floor} 高于上限 {ceiling}（单项未设的上下限按总的上下限）",
    ),
    "rules.item_needs_rate": (
        "an item with its own base or rounding needs a rate; {problem}",
        "单独设定缴费基数或取整方式的项目须有费率；{problem}",
    ),
    "rules.steps_first_negative": (
        "{first} is negative; must be 0 or more",
        "{first} 是负数；应不小于 0",
    ),
    "rules.steps_max_below_first": (
        "max {max} is below first {first}",
        "max {max} 小于 first {first}",
    ),
    "rules.too_many_steps": (
        "{count} steps; at most {limit} are allowed",
        "{count} 个档次；最多允许 {limit} 个",
    ),
    "rules.no_posts_to_pay_as": (
        "the rules define no posts to be paid as",
        "规则未设可按其计酬的岗位",
    ),
    "rules.component_named_grade": (
        "'grade' is reserved for the grade's monthly; give the component another id",
        "'grade' 专指薪级的月工资；请给该工资构成换一个标识",
    ),
    "rules.max_years_without_per_year": (
        "max_years limits per_year, which is not given",
        "max_years 限制的是 per_year，但未设 per_year",
    ),
    "rules.by_step_needs_steps": (
        "'by: step' needs pay.steps (every_years, first, max)",
        "'by: step' 需要 pay.steps（every_years、first、max）",
    ),
    "rules.by_grade_needs_grades": ("'by: grade' needs pay.grades", "'by: grade' 需要 pay.grades"),
    "rules.component_unpriced": (
        "no amount for {word} {missing}; 'by: {by}' must price every {word}",
        "{word} {missing} 没有金额；'by: {by}' 须为每个{word}设定金额",
    ),
    "rules.ladder_exam_without_award": (
        "the ladder names an exam with no award; {problem}",
        "晋级顺序中的考试没有设定奖励；{problem}",
    ),
    "rules.ladder_twice": (
        "{exam!r} appears twice in the ladder",
        "{exam!r} 在晋级顺序中出现了两次",
    ),
    "rules.no_such_day": ("month {month} has no day {day}", "{month} 月没有 {day} 日"),
    "rules.not_a_month": (
        "{month} is not a month; give 1 to 12",
        "{month} 不是月份；请填写 1 至 12",
    ),
    "rules.planned_pass_off_ladder": (
        "planned passes follow the ladder; {problem}",
        "计划通过的考试须在晋级顺序（awards.ladder）中；{problem}",
    ),
    "rules.pass_gives_unlisted_title": (
        "passing {exam!r} gives the title {exam!r}, which pay.points.title does not list; "
        "add it there",
        "通过 {exam!r} 即获得职称 {exam!r}，但 pay.points.title 中没有该职称；请在其中加上",
    ),
    # dated changes
    "rules.change_out_of_order": (
        "{date} is before {previous}, the date of the change above; list changes in date order",
        "{date} 早于上一项变更的日期 {previous}；请按日期顺序列出变更",
    ),
    "rules.change_cannot_set": ("a change cannot set {key!r}", "变更不能设置 {key!r}"),
    # the rules file
    "rules.file_not_a_mapping": (
        "a rules file must be a mapping of keys (name, pay, ...)",
        "规则文件应为键值映射（name、pay 等）",
    ),
    "rules.unknown_key": ("unknown key", "未知的键"),
    "rules.key_not_allowed": (
        "unknown key; {key!r} is not allowed here; allowed: {allowed}{hint}",
        "未知的键；此处不允许 {key!r}；允许的项：{allowed}{hint}",
    ),
    "rules.key_missing": ("required key is missing", "缺少必填项"),
    "rules.key_missing_extends": (
        "required key is missing; add it, or start the file with 'extends: national' to take "
        "the national one",
        "缺少必填项；请补上，或在文件开头写 'extends: national' 以沿用全国默认值",
    ),
    "rules.nothing_under": (
        "has nothing under it; write key: value lines under it, or remove the key",
        "下面没有内容；请在其下写“键: 值”的各行，或删去该键",
    ),
    "rules.not_a_mapping": (
        "{value} is not a mapping; write key: value lines",
        "{value} 不是映射；请写成“键: 值”的各行",
    ),
    "rules.not_a_list": (
        "{value} is not a list; write '- item' lines",
        "{value} 不是列表；请写成以 '- ' 开头的各行",
    ),
    "rules.a_mapping": ("a mapping", "映射"),
    "rules.a_list": ("a list", "列表"),
    "rules.not_text": ("{value} is not text", "{value} 不是文本"),
    "rules.must_not_be_empty": ("must not be empty", "不能为空"),
    # the plan's scenarios file
    "scenarios.file_not_a_mapping": (
        "a scenarios file is a mapping 'scenarios: {{name: {{overrides}}}}'; "
        "e.g. scenarios: {{baseline: {{}}, ratio_1_15: {{staffing: {{clients_per_worker: 15}}}}}}",
        "方案文件应为映射 'scenarios: {{方案名: {{要覆盖的规则}}}}'；"
        "例如 'scenarios: {{baseline: {{}}, ratio_1_15: {{staffing: {{clients_per_worker: 15}}}}}}'",
    ),
    "scenarios.unknown_key": (
        "unknown key {key!r}; allowed: scenarios",
        "未知的键 {key!r}；允许的项：scenarios",
    ),
    "scenarios.none": (
        "must be a mapping of at least one name: {{overrides}}",
        "应为映射，至少包含一个方案（方案名：要覆盖的规则）",
    ),
    "scenarios.bad_name": (
        "{name!r} is not a valid name; use letters, digits, '_' and '-'",
        "{name!r} 不是有效的名称；只能使用字母、数字、'_' 和 '-'",
    ),
    "scenarios.not_overrides": (
        "must be a mapping of rules keys to override ({{}} for the rules as they are)",
        "应为要覆盖的规则键的映射（写 {{}} 表示沿用规则原样）",
    ),
    "scenarios.extends": (
        "a scenario starts from the rules given with --rules; leave extends out",
        "方案以 --rules 指定的规则为起点；请去掉 extends",
    ),
    "scenarios.wrong_at": (
        "with this scenario the rules are wrong at {key}: {problem}",
        "合并此方案后，规则的 {key} 有误：{problem}",
    ),
    "scenarios.same_horizon": (
        "the horizon is the same for every scenario; set plan.years in the rules or use --years",
        "各方案的规划年数必须相同；请在规则中设定 plan.years，或使用 --years",
    ),
    # pay as local notices write it: published figures, floors, areas
    "rules.share_key_unknown": (
        "unknown key {key!r} in a share of a published figure; allowed: {allowed}",
        "公布数据占比中有未知的键 {key!r}；允许的项：{allowed}",
    ),
    "rules.share_key_missing": (
        "a share of a published figure needs {key!r}, e.g. {{share: 0.8, of: average_wage}}",
        "按公布数据占比计的金额须有 {key!r}，例如 {{share: 0.8, of: average_wage}}",
    ),
    "rules.share_of_unknown": (
        "not a published figure: {problem}; list it under published",
        "不是已公布的数据：{problem}；请在 published 中列出",
    ),
    "rules.published_not_mapping": (
        "a published figure is a mapping of years to yearly amounts, "
        "e.g. {{2024: 87500, 2025: 91000, growth: 0.05}}",
        "公布数据应为“年份: 年度金额”的映射，例如 {{2024: 87500, 2025: 91000, growth: 0.05}}",
    ),
    "rules.published_key": (
        "{key!r} is neither a year ({low}-{high}) nor growth",
        "{key!r} 既不是年份（{low}-{high}）也不是 growth",
    ),
    "rules.published_no_year": (
        "a published figure needs at least one year, e.g. {{2025: 91000}}",
        "公布数据至少要有一个年份，例如 {{2025: 91000}}",
    ),
    "rules.component_named_floor": (
        "'floor' is reserved for the raise a pay floor gives; give the component another id",
        "'floor' 为托底补差专用；请给该项改用其他名称",
    ),
    "rules.by_area_needs_areas": (
        "by: area needs the areas listed (areas: {{urban: {{label: {{zh: ...}}}}, ...}})",
        "by: area 需要先列出地区（areas: {{urban: {{label: {{zh: 主城区}}}}, ...}}）",
    ),
    "rules.floor_both": (
        "give monthly or by: area with amounts, not both",
        "monthly 与 by: area（及 amounts）只能填写一种",
    ),
    "rules.floor_neither": (
        "a floor needs monthly: AMOUNT, or by: area with amounts",
        "托底标准须有 monthly: 金额，或 by: area 及 amounts",
    ),
    "rules.floor_amounts_without_by": (
        "amounts are read by area: add by: area, or give one monthly amount",
        "amounts 按地区取值：请加上 by: area，或只给一个 monthly 金额",
    ),
    "rules.floor_includes": (
        "includes is [gross] or [gross, contributions]",
        "includes 只能是 [gross] 或 [gross, contributions]",
    ),
    "rules.floor_posts_without_posts": (
        "the rules define no posts; leave posts out",
        "规则未设岗位；请去掉 posts",
    ),
    "rules.not_plan_year": (
        "{value!r} is not a year from 1900 to 9999",
        "{value!r} 不是 1900 至 9999 之间的年份",
    ),
}
