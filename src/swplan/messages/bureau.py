"""Messages: bureau (see `swplan.messages`): key -> (English, Chinese).

What swplan says about a bureau's files as they are received: dates written as a month,
numbers pasted into date cells, totals rows and columns, the sheet's own totals,
columns of numbers it does not count, identity numbers, encodings and sheets.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ dates
    "bureau.month_ambiguous": (
        "{value!r} is ambiguous: a number cell shows {year}.10 (October) as {year}.1, the "
        "same as January; write the date as text, e.g. {year}-10-01 or {year}-01-01",
        "{value!r} 有歧义：数字单元格会把 {year}.10（10 月）显示为 {year}.1，与 1 月相同；"
        "请把日期写成文本，例如 {year}-10-01 或 {year}-01-01",
    ),
    "bureau.date_too_early": (
        "{value!r} is before 1950: a number pasted into a date cell? Excel shows the "
        "number {serial} as {shown}; type the date, e.g. 2019-10-01",
        "{value!r} 早于 1950 年：是否把数字粘贴进了日期单元格？Excel 会把数字 {serial} "
        "显示为 {shown}；请填写日期，例如 2019-10-01",
    ),
    # ------------------------------------------------------------ encodings
    "bureau.read_gb18030": (
        "{file}: not UTF-8 but GB18030 (as Excel saves a CSV on Chinese Windows); read as GB18030",
        "{file}：不是 UTF-8 而是 GB18030 编码（中文 Windows 上 Excel 保存的 CSV）；"
        "已按 GB18030 读取",
    ),
    # ------------------------------------------------------------ rows
    "bureau.skip_footer": ("a footer row (a signature or a note)", "表尾行（签名或备注）"),
    # ------------------------------------------------------------ headers
    "bureau.site_id_or_name": (
        "the header needs a site id column ({id}) or a site name column ({name}); "
        "with names only, each site's name is its id",
        "表头需要站点编号列（{id}）或站点名称列（{name}）；只有名称时，以站点名称作为编号",
    ),
    "bureau.category_only_total": (
        "column {column!r} is a total of {category}, and the sheet has no column of "
        "{category} itself; swplan counts clients from their own column, never from a "
        "total: give {category} a column of its own, or head this column with the "
        "category's name",
        "列 {column!r} 是{category}的合计，而表中没有{category}本身的列；swplan 只从各类"
        "服务对象自己的列计数，不从合计列计数：请为{category}单独设一列，或把此列的表头改为"
        "该类别的名称",
    ),
    "bureau.month_dates": (
        "{file}: {n} date(s) written as a month without a day ({cells}) were read as the "
        "1st of that month",
        "{file}：{n} 个只写了年月、没有日的日期（{cells}）按当月 1 日读取",
    ),
    # ------------------------------------------------------------ identity numbers
    "bureau.id_number_check": (
        "{value}: the check character does not match the other 17; check the identity "
        "number (a number cell keeps only 15 digits: format the column as text)",
        "{value}：校验位不符：请核对身份证号（数字单元格只保留 15 位有效数字：请把该列设为文本格式）",
    ),
    "bureau.id_number_form": (
        "{value!r} has {n} characters; an identity number has 18 (or 15 digits)",
        "{value!r} 有 {n} 个字符；身份证号应为 18 位（或 15 位数字）",
    ),
    "bureau.hired_after_next_year": (
        "{hired} is after {year}, the year a budget drafted today is for; check the date",
        "{hired} 晚于 {year} 年（今天编制的预算所属年度）；请检查日期",
    ),
    "bureau.hired_after_today_note": (
        "{file}: {n} worker(s) hired after today, {day} ({cells}): pay and awards judged "
        "today refuse them; budget and plan cost them from the month they start",
        "{file}：{n} 名人员的入职日期晚于今天 {day}（{cells}）：按今天测算的工资和奖励不接受；"
        "预算和规划从其入职当月起计算",
    ),
    # ------------------------------------------------------------ the sheet's own totals
    "bureau.total_mismatch": (
        "the sheet's total of {category} is {said}, but the sites read hold {read}{rows}"
        "{cells}; fix the sheet, or give --no-totals-check to go on with a warning",
        "表中{category}的合计为 {said}，而读入的各站点合计为 {read}{rows}{cells}；"
        "请改正表格，或加 --no-totals-check 在警告后继续",
    ),
    "bureau.total_suspects": (
        "; rows that may be subtotals or given twice: {rows}",
        "；可能是小计或重复的行：第 {rows} 行",
    ),
    "bureau.total_text_cells": (
        "; cells holding a number as text, which the sheet's own SUM leaves out: {cells}",
        "；以文本形式存放数字的单元格（表格自己的 SUM 不计入）：{cells}",
    ),
    "bureau.roster_total": (
        "the totals row says {said} workers, but {read} were read; look for rows read as "
        "workers that are none (a subtotal, a worker given twice), or give "
        "--no-totals-check to go on with a warning",
        "合计行为 {said} 人，而读入 {read} 人；请检查是否有不是人员的行被读作人员"
        "（小计行、重复的人员），或加 --no-totals-check 在警告后继续",
    ),
    # ------------------------------------------------------------ every client counted
    "bureau.number_column": (
        "column {column!r} holds numbers but names no category, so they would not be "
        "counted{hint}; if they are clients, add the header to categories.{key}.aliases "
        "in the rules; if not, add it to columns.populations.ignore",
        "列 {column!r} 是数字，但不是任何服务对象类别，其中的人数不会被计入{hint}；"
        "如果是服务对象，请在规则中把该表头加入 categories.{key}.aliases；"
        "如果不是，请把它加入 columns.populations.ignore",
    ),
    "bureau.nearest_category": (" (nearest category: {category})", "（最接近的类别：{category}）"),
    "bureau.clients_read": ("read {n} clients: {categories}", "读入服务对象 {n} 人：{categories}"),
    "bureau.clients_of": ("{category} {n}", "{category} {n}"),
    # ------------------------------------------------------------ dates by default
    "bureau.as_of_today": (
        "note: judged as of today, {day}; give {option} YYYY-MM-DD for another day",
        "说明：按今天（{day}）测算；如需其他日期，请加 {option} YYYY-MM-DD",
    ),
    "bureau.next_year": (
        "note: costed for {year}, the year after today ({day}); give {option} YYYY for "
        "another year",
        "说明：按今天（{day}）的下一年 {year} 年测算；如需其他年份，请加 {option} YYYY",
    ),
    # ------------------------------------------------------------ sites by name
    "bureau.site_name_shared": (
        "{name!r} is the name of {n} sites ({ids}); write the site's id instead",
        "{name!r} 是 {n} 个站点的名称（{ids}）；请改填站点编号",
    ),
    "bureau.unknown_site": (
        "{site!r} is not a site of the populations{hint}; {count} ({workers}) would "
        "be costed twice, as staff and as the post the site lacks: fix the site, add it "
        "to the populations, or give --allow-unknown-sites",
        "{site!r} 不是服务对象文件中的站点{hint}；{count}（{workers}）会被重复计算"
        "（既计入现有人员，又计入该站点缺编岗位）：请改正站点，或把它加入服务对象文件，"
        "或加 --allow-unknown-sites",
    ),
    "bureau.worker": ("{n} worker", "{n} 名人员"),
    "bureau.workers": ("{n} workers", "{n} 名人员"),
    "bureau.site_in_no_populations": (
        "site {site!r} ({count}) is neither the id nor the name of a site of the populations{hint}",
        "站点 {site!r}（{count}）既不是服务对象文件中站点的编号，也不是其名称{hint}",
    ),
    # ------------------------------------------------------------ workers on no roster
    "bureau.pass_not_on_roster": (
        "worker {id!r} is on no roster ({rosters}){hint}; the pass gets the status "
        "not_on_roster and is never paid",
        "人员 {id!r} 不在花名册（{rosters}）中{hint}；该通过记录的状态为“不在花名册上”，不会发放",
    ),
    "bureau.ledger_not_on_roster": (
        "{ledger}: worker {id!r} is on no roster ({rosters}); an award paid to someone "
        "who has left is kept",
        "{ledger}：人员 {id!r} 不在花名册（{rosters}）中；已离职人员的奖励记录予以保留",
    ),
    "bureau.ledger_more_not_on_roster": (
        "{ledger}: and {n} more workers on no roster ({rosters})",
        "{ledger}：另有 {n} 名人员不在花名册（{rosters}）中",
    ),
    "bureau.warning": ("warning: {text}", "注意：{text}"),
    "bureau.pass_after_year": (
        "{passed_on} is after {as_of}, the day the awards of {year} are judged; a pass "
        "cannot be in the future (check the date or give a later {option})",
        "{passed_on} 晚于 {as_of}（{year} 年奖励的测算日期）；通过日期不能在将来"
        "（请检查日期，或指定更晚的 {option}）",
    ),
}
