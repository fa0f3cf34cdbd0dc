"""Messages: calc (see `swplan.messages`): key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # a word the rules do not know ({allowed}: a list, or calc.none_defined)
    "calc.not_one_of": (
        "{value!r} is not one of: {allowed}{hint}",
        "{value!r} 不在可选值中：{allowed}{hint}",
    ),
    "calc.none_defined": ("(none defined)", "（未定义）"),
    # a worker the rules cannot pay (a record made by a script, not by the readers)
    "calc.hired_and_years": (
        "give either hired or years_of_service, not both",
        "入职日期与工龄只能填写一个",
    ),
    "calc.hired_or_years": (
        "give hired (YYYY-MM-DD) or years_of_service; one is required",
        "请填写入职日期（YYYY-MM-DD）或工龄；二者必填其一",
    ),
    "calc.no_posts": (
        "the rules define no posts; leave post out",
        "规则未设岗位；请不要填写岗位",
    ),
    "calc.negative_years": (
        "{years} is negative; must be 0 or more",
        "{years} 是负数；应不小于 0",
    ),
    "calc.hired_after_as_of": (
        "hired {hired} is after the as-of date {as_of}; check the date or give a later --as-of",
        "入职日期 {hired} 晚于测算日期 {as_of}；请检查日期，或指定更晚的 --as-of",
    ),
    "calc.hired_after_year": (
        "hired {hired} is after the year {year}; check the date or give a later --year",
        "入职日期 {hired} 晚于 {year} 年；请检查日期，或指定更晚的 --year",
    ),
    # exam passes the awards cannot judge
    "calc.add_exam": (
        "add the exam to awards.exams in the rules or fix the name",
        "请在规则的 awards.exams 中加上该考试，或改正考试名称",
    ),
    "calc.pass_in_future": (
        "{passed_on} is after the as-of date {as_of}; a pass cannot be in the future "
        "(check the date or use --as-of)",
        "{passed_on} 晚于测算日期 {as_of}；通过日期不能在将来（请检查日期，或使用 --as-of）",
    ),
    "calc.worker_needed": (
        "worker {worker} is needed to judge eligibility",
        "需要人员 {worker} 的记录才能判断是否符合领取条件",
    ),
    # pay as local notices write it
    "calc.published_missing": (
        "no figure for {year}, which {where} takes in {month}; "
        "add {year} under published.{name}, or give its growth",
        "缺少 {year} 年的数据，{month} 的 {where} 要用到它；"
        "请在 published.{name} 中加上 {year} 年，或给出 growth",
    ),
    "calc.no_area": (
        "no area, and {where} pays by area; fill in the area, or give the site's area "
        "in the populations",
        "未填地区，而 {where} 按地区计；请填写地区，或在服务对象表中给出站点的地区",
    ),
    "calc.note_area_unpriced": (
        "area {area!r} has no amount in {where}: its workers ({workers}) get 0 there, no floor",
        "地区 {area!r} 在 {where} 中没有金额：该地区人员（{workers} 人）按 0 计，不托底",
    ),
    "calc.note_no_title_since": (
        "{workers} workers have no title_since: {where}, paid for some months after it, "
        "is paid them every month",
        "{workers} 人未填取证时间：{where} 本应只在取证后若干个月发放，现按每月发放",
    ),
    "calc.hire_no_area": (
        "site {site!r} has no area, and the rules pay by area: its new hires cannot be "
        "costed; give the site's area in the populations",
        "站点 {site!r} 未填地区，而规则按地区计酬：无法测算其新增人员；请在服务对象表中填写该站点的地区",
    ),
    # the lines of `pay --explain` that local notices add
    "calc.explain_area": ("area: {area}", "地区：{area}"),
    "calc.explain_title_held": (
        "title {title}: held from {start}, the month after title_since {since}",
        "职称 {title}：取证时间 {since}，自次月 {start} 起按此职称",
    ),
    "calc.explain_title_before": (
        "title {title} counts from {start}, the month after title_since {since}; "
        "until then {below} is paid",
        "职称 {title} 自 {start} 起计（取证时间 {since} 的次月）；此前按 {below} 计",
    ),
    "calc.explain_window": (
        "{id} is paid for {months} months after the certificate: {start} to {end}",
        "{id} 自取证次月起发放 {months} 个月：{start} 至 {end}",
    ),
    "calc.explain_window_undated": (
        "{id} is paid for {months} months after the certificate, but no title_since is "
        "given: paid every month",
        "{id} 应自取证次月起发放 {months} 个月，但未填取证时间：按每月发放",
    ),
    "calc.explain_floor_none": (
        "floor: none applies to this worker",
        "托底：本人不适用任何托底标准",
    ),
    "calc.explain_floor_of_gross": ("the gross", "月应发"),
    "calc.explain_floor_of_gross+contributions": (
        "gross and employer contributions",
        "月应发与单位缴费合计",
    ),
    "calc.explain_floor_raised": (
        "floor {floor} of {what}: raised by {amount} (floor) to a gross of {gross}, "
        "the least at which {parts} = {sum} reaches it",
        "托底 {floor}（{what}）：补差 {amount}，月应发补至 {gross}，"
        "为 {parts} = {sum} 达到托底的最低金额",
    ),
    "calc.explain_floor_reached": (
        "floor {floor} of {what}: reached ({parts}), no raise",
        "托底 {floor}（{what}）：已达到（{parts}），不补差",
    ),
    "calc.explain_part_year": (" x {n}/12 months paid", " × {n}/12（发放月数）"),
    "calc.explain_bonus": ("bonus", "绩效奖金"),
    "calc.explain_prorated": (
        "part-year: {what} {full} x {n}/12 months paid = {amount}",
        "年中入职：{what} {full} × {n}/12（发放月数）= {amount}",
    ),
    "calc.explain_calendar_year": (
        "a full year counts from the next 1 January (service.count: calendar_year)",
        "每满一年，从下一年度 1 月 1 日起计（service.count: calendar_year）",
    ),
    "calc.new_hires_by_area": ("New hires: {hires} ({profile})", "新增岗位：{hires}（{profile}）"),
    "calc.hires_in_area": ("{area} {count} x {cost}", "{area}{count}人×{cost}元"),
}
