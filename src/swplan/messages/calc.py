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
        "hired 与 years_of_service 只能填写一个",
    ),
    "calc.hired_or_years": (
        "give hired (YYYY-MM-DD) or years_of_service; one is required",
        "请填写 hired（YYYY-MM-DD）或 years_of_service；二者必填其一",
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
}
