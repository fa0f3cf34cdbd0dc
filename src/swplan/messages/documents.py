"""Messages: documents (see `swplan.messages`): key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "schema.unknown": (
        "{name!r} is not one of swplan's schemas: {names}{hint}",
        "{name!r} 不是 swplan 的 schema，可选：{names}{hint}",
    ),
    "schema.about_output": (
        "the JSON of swplan {command} --format json",
        "swplan {command} --format json 输出的 JSON",
    ),
    "schema.about_rules": (
        "a rules file (YAML)",
        "规则文件（YAML）",
    ),
    "schema.list_hint": (
        "print one with: swplan schema NAME (a name above, or a command: swplan schema budget)",
        "输出其中一个：swplan schema 名称（上列名称，或命令名，如 swplan schema budget）",
    ),
    # workbooks: the unit line, axis titles, the signature block, the footer
    "documents.unit.yuan": ("Unit: CNY", "单位：元"),
    "documents.unit.people": ("Unit: persons", "单位：人"),
    "documents.unit.people_yuan": ("Units: persons, CNY", "单位：人、元"),
    "documents.unit_word.yuan": ("CNY", "元"),
    "documents.unit_word.people": ("persons", "人"),
    "documents.unit_word.year": ("year", "年"),
    "documents.axis_word.yuan": ("Amount", "金额"),
    "documents.axis_word.people": ("Persons", "人数"),
    "documents.axis": ("{title} ({unit})", "{title}（{unit}）"),
    "documents.signature.prepared": ("Prepared by:", "制表人："),
    "documents.signature.checked": ("Checked by:", "审核人："),
    "documents.signature.date": ("Date:", "日期："),
    "documents.footer": ("Page &P of &N", "第 &P 页，共 &N 页"),
    "documents.output.unknown_extension": (
        "{output!r} ends in {ext}, which swplan does not write; it writes .json, .csv, "
        ".md, .txt and .xlsx (name it {name}, or give no extension and --format)",
        "{output!r} 的扩展名 {ext} 不是 swplan 能写的格式；swplan 只写 .json、.csv、"
        ".md、.txt 和 .xlsx 文件（请命名为 {name}，或不带扩展名并用 --format 指定格式）",
    ),
    "documents.output.format_differs": (
        "{output!r} names a {implied} file but --format is {fmt}; "
        "drop --format or name the file {name}",
        "{output!r} 是 {implied} 文件，但 --format 为 {fmt}；请去掉 --format，或把文件命名为 {name}",
    ),
    "documents.output.xlsx_terminal": (
        "xlsx is a binary workbook and stdout is a terminal; "
        "add --output FILE.xlsx (or redirect: > FILE.xlsx)",
        "xlsx 是二进制工作簿，不能输出到终端；请加 --output 文件.xlsx（或重定向：> 文件.xlsx）",
    ),
    "documents.output.no_xlsx": (
        "xlsx is not available for this output",
        "此输出不提供 xlsx 格式",
    ),
    "documents.output.cannot_write": ("cannot be written: {why}", "无法写入：{why}"),
    # the title row of each sheet: region (when known), what, and the year or as-of date
    "documents.title.budget": (
        "{region}Social work staff budget {year}",
        "{region}{year}年度社会工作人员经费预算",
    ),
    "documents.title.budget_by_site": (
        "{region}Social work staff budget {year} by site",
        "{region}{year}年度各站点社会工作人员经费预算",
    ),
    "documents.title.budget_short": (
        "{region}Sites short of posts and their new hires {year}",
        "{region}{year}年度缺编站点及新增岗位经费",
    ),
    "documents.title.budget_funding": (
        "{region}Social work staff budget {year}: who pays",
        "{region}{year}年度社会工作人员经费预算资金来源",
    ),
    "documents.title.budget_items": (
        "{region}Social work staff budget {year} by economic classification",
        "{region}{year}年度社会工作人员经费预算（按经济分类）",
    ),
    "documents.title.budget_assumptions": (
        "{region}Social work staff budget {year}: what it rests on",
        "{region}{year}年度社会工作人员经费预算测算依据",
    ),
    "documents.title.staff": (
        "{region}Social work posts required ({as_of})",
        "{region}社会工作岗位配置测算（{as_of}）",
    ),
    "documents.title.pay": ("{region}Pay calculation ({as_of})", "{region}工资测算（{as_of}）"),
    "documents.title.pay_year": ("{region}Pay calculation {year}", "{region}{year}年度工资测算"),
    "documents.title.pay_by_site": (
        "{region}Pay by site ({when})",
        "{region}各站点工资汇总（{when}）",
    ),
    "documents.title.pay_by_grade": (
        "{region}Annual cost by grade ({when})",
        "{region}按薪级汇总的年度用人成本（{when}）",
    ),
    "documents.title.pay_by_step": (
        "{region}Annual cost by step ({when})",
        "{region}按档次汇总的年度用人成本（{when}）",
    ),
    "documents.title.awards_due": (
        "{region}Exam awards due ({as_of})",
        "{region}考试奖励发放表（{as_of}）",
    ),
    "documents.title.awards_not_due": (
        "{region}Exam passes with no award due ({as_of})",
        "{region}本次不发放的考试奖励（{as_of}）",
    ),
    "documents.title.awards_by_exam": (
        "{region}Exam awards due by exam ({as_of})",
        "{region}考试奖励按考试汇总（{as_of}）",
    ),
    "documents.title.plan_comparison": (
        "{region}Social work staffing plan {years}: total cost by scenario",
        "{region}{years}年社会工作人员规划：各方案年度总费用对比",
    ),
    "documents.title.plan_scenario": (
        "{region}Social work staffing plan {years}: scenario {scenario}",
        "{region}{years}年社会工作人员规划：方案 {scenario}",
    ),
    "documents.title.plan_targets": (
        "{region}Social work staffing plan {years}: targets",
        "{region}{years}年社会工作人员规划：目标",
    ),
    "documents.rate_row": ("Employer rate: {item}", "单位缴费比例：{item}"),
    "documents.csv_ids": (
        "ids such as {id!r} are numbers to a spreadsheet opening this CSV (0101 shows as "
        "101, an 18-digit id as 3.6E+17); in the xlsx output (--format xlsx, or -o NAME.xlsx) "
        "ids are text cells",
        "电子表格打开此 CSV 时会把 {id!r} 这样的编号当作数字（0101 显示为 101，18 位编号显示为 "
        "3.6E+17）；xlsx 输出（--format xlsx 或 -o 文件名.xlsx）中编号为文本单元格",
    ),
}
