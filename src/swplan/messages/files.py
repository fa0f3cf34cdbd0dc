"""Messages: files (see `swplan.messages`): key -> (English, Chinese).

What the readers of `swplan.io` and the value parsers of `swplan.values` say about a
file, a sheet, a header, a row or a cell. A `{value}` placeholder takes a value
already quoted (`shown`), a `{value!r}` one the value itself.
"""

from __future__ import annotations

_DATE_HINT = ("write YYYY-MM-DD, e.g. 2026-01-01", "请写成 YYYY-MM-DD，例如 2026-01-01")

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ values (swplan.values)
    "file.not_identifier": (
        "{value!r} is not a valid identifier; use letters, digits, '_' and '-'",
        "{value!r} 不是有效的标识；只能使用字母、数字、'_' 和 '-'",
    ),
    "file.site_id_not_text": (
        "{value} is not a site id; write it as text",
        "{value} 不是站点编号；请写成文本",
    ),
    "file.site_id_empty": ("the site id is empty", "站点编号为空"),
    "file.site_id_too_long": (
        "{value} has {n} characters; a site id has at most {most}",
        "{value} 有 {n} 个字符；站点编号最多 {most} 个字符",
    ),
    "file.site_id_control": (
        "{value} holds a control character ({code}); a site id is printable text on one line",
        "{value} 含有控制字符（{code}）；站点编号应为单行可打印文字",
    ),
    "file.float_not_allowed": (
        "a float is not allowed here; write the number as text",
        "此处不能填写浮点数；请把数字写成文本",
    ),
    "file.not_a_number": ("{value!r} is not a number", "{value!r} 不是数字"),
    "file.not_a_number_shown": ("{value} is not a number", "{value} 不是数字"),
    "file.number_too_long": (
        "{value} is too long a number; at most {most} digits",
        "{value} 数字过长；最多 {most} 位",
    ),
    "file.not_finite": ("{value!r} is not a finite number", "{value!r} 不是有限数值"),
    "file.too_many_digits": (
        "{value} is too large or has too many digits; at most {whole} digits before the "
        "point and {most} in all",
        "{value} 过大或位数过多；整数部分最多 {whole} 位，总共最多 {most} 位",
    ),
    "file.not_an_amount": (
        "{value} is not an amount; write yuan with up to two decimals, e.g. {example}",
        "{value} 不是金额；请以元为单位填写，最多两位小数，例如 {example}",
    ),
    "file.amount_negative": (
        "{value} is negative; amounts must be 0 or more",
        "{value} 是负数；金额应不小于 0",
    ),
    "file.amount_decimals": (
        "{value} has more than two decimals; amounts are in yuan and fen",
        "{value} 超过两位小数；金额以元为单位，精确到分",
    ),
    "file.negative": ("{value} is negative; must be 0 or more", "{value} 是负数；应不小于 0"),
    "file.not_whole": ("{value} is not a whole number", "{value} 不是整数"),
    "file.not_whole_range": (
        "{value} is not a whole number; write a whole number from 0 to {most}",
        "{value} 不是整数；请填写 0 至 {most} 的整数",
    ),
    "file.negative_range": (
        "{value} is negative; write a whole number from 0 to {most}",
        "{value} 是负数；请填写 0 至 {most} 的整数",
    ),
    "file.too_large": ("{value} is too large; at most {most}", "{value} 过大；最多 {most}"),
    "file.too_large_digits": (
        "{value} is too large; at most {most} digits",
        "{value} 过大；最多 {most} 位",
    ),
    "file.not_positive": ("{value} must be 1 or more", "{value} 应不小于 1"),
    "file.not_a_date": (
        "{value!r} is not a date; " + _DATE_HINT[0],
        "{value!r} 不是日期；" + _DATE_HINT[1],
    ),
    "file.not_a_real_date": (
        "{value!r} is not a real date; " + _DATE_HINT[0],
        "{value!r} 不是真实存在的日期；" + _DATE_HINT[1],
    ),
    "file.date_serial": (
        "{value!r} looks like an Excel date serial number (a date in a cell not formatted "
        "as a date); format the cell as a date, or write YYYY-MM-DD",
        "{value!r} 像是 Excel 的日期序列号（单元格未设置为日期格式）；"
        "请把单元格设为日期格式，或写成 YYYY-MM-DD",
    ),
    # ------------------------------------------------------------ files (io.text)
    "file.no_such_file": ("no such file", "文件不存在"),
    "file.is_directory": ("is a directory, not a file", "是目录，不是文件"),
    "file.cannot_read": ("cannot be read: {why}", "无法读取：{why}"),
    "file.utf16": (
        "is UTF-16 text, not UTF-8; re-save it as UTF-8 and run again",
        "是 UTF-16 文本，不是 UTF-8；请另存为 UTF-8 后重新运行",
    ),
    "file.binary": (
        "is a binary file, not UTF-8 text; save it as a UTF-8 text file (YAML or CSV) or as .xlsx",
        "是二进制文件，不是 UTF-8 文本；请另存为 UTF-8 文本（YAML 或 CSV）或 .xlsx",
    ),
    "file.not_utf8": (
        "is not UTF-8 text (files saved from Windows are often GBK); "
        "re-save it as UTF-8 and run again",
        "不是 UTF-8 文本（Windows 保存的文件常为 GBK）；请另存为 UTF-8 后重新运行",
    ),
    # ------------------------------------------------------------ CSV (io.csvfile)
    "file.malformed_csv": (
        "malformed CSV in the record starting at line {line}: {why}{hint}",
        "从第 {line} 行开始的记录不是有效的 CSV：{why}{hint}",
    ),
    "file.unclosed_quote": ("; check for an unclosed '\"'", "；请检查是否有未闭合的 '\"'"),
    "file.empty": ("is empty; a header row is required", "是空文件；需要表头行"),
    "file.row_width": (
        "row has {n} cells but the header has {width}",
        "该行有 {n} 个单元格，表头有 {width} 列",
    ),
    # ------------------------------------------------------------ headers (io.table)
    "file.column_twice": ("column {column!r} appears twice", "列 {column!r} 出现了两次"),
    "file.columns_both": (
        "columns {a!r} and {b!r} both give {key}; keep one",
        "列 {a!r} 和 {b!r} 都对应 {key}；请只保留一列",
    ),
    "file.unknown_column": (
        "unknown column {column!r}{hint}; allowed: {allowed}",
        "未知列 {column!r}{hint}；允许的项：{allowed}",
    ),
    "file.column_missing": (
        "required column {column} is missing; the header needs: {required}",
        "缺少必需的列 {column}；表头需要：{required}",
    ),
    "file.ignored_column": (
        "{file}: ignored the column {columns}, which swplan does not use",
        "{file}：忽略了 swplan 不使用的列 {columns}",
    ),
    "file.ignored_columns": (
        "{file}: ignored the columns {columns}, which swplan does not use",
        "{file}：忽略了 swplan 不使用的列 {columns}",
    ),
    # ------------------------------------------------------------ rows (io.skips, io.source)
    "file.skipped": ("{where}: skipped {rows}: {why}", "{where}：跳过{rows}（{why}）"),
    "file.in_sheet": ("{file} sheet {sheet}", "{file} 工作表 {sheet}"),
    "file.row": ("row {row}", "第 {row} 行"),
    "file.rows": ("rows {rows}", "第 {rows} 行"),
    "file.rows_more": ("rows {rows} and {more} more", "第 {rows} 行，另有 {more} 行"),
    "file.skip_totals": ("a totals row", "合计行"),
    "file.skip_example": ("an example row", "示例行"),
    "file.skip_empty": ("no value in any column swplan reads", "swplan 读取的各列均无值"),
    "file.formula_no_value": (
        "formula {formula!r} has no saved value; open the file in Excel and save it, "
        "or type the value",
        "公式 {formula!r} 没有保存的计算结果；请用 Excel 打开并保存该文件，或直接填写数值",
    ),
    # ------------------------------------------------------------ workbooks (io.xlsxfile)
    "file.needs_openpyxl": ("reading Excel needs openpyxl", "读取 Excel 需要 openpyxl"),
    "file.not_xlsx": (
        "is not a readable Excel workbook (.xlsx); open it in Excel and save it as "
        "'Excel Workbook (.xlsx)', or save the sheet as CSV UTF-8",
        "不是可读取的 Excel 工作簿（.xlsx）；请用 Excel 打开并另存为“Excel 工作簿 (.xlsx)”，"
        "或另存为 CSV UTF-8",
    ),
    "file.no_sheet": (
        "has no sheet {sheet!r}; its sheets: {sheets}",
        "没有工作表 {sheet!r}；已有工作表：{sheets}",
    ),
    "file.no_visible_sheet": ("has no visible sheet to read", "没有可读取的可见工作表"),
    "file.sheets_fit": (
        "has {n} sheets that hold such a table ({sheets}); name the one to read, as {file}#SHEET",
        "有 {n} 个工作表都是这类表格（{sheets}）；请指明要读取的工作表，写成 {file}#工作表名",
    ),
    "file.no_sheet_fits": (
        "no visible sheet holds such a table (#* reads every one that does); "
        "its visible sheets: {sheets}",
        "没有可见工作表是这类表格（#* 读取所有这类工作表）；可见工作表：{sheets}",
    ),
    "file.sheet_headers_differ": (
        "the header of sheet {sheet} differs from that of sheet {first}; sheets read as one "
        "table (#*) need the same columns in the same order",
        "工作表 {sheet} 的表头与工作表 {first} 的不同；合并读取（#*）的工作表需要相同的列、相同的顺序",
    ),
    "file.sheet_too_big": (
        "sheet {sheet!r} declares {rows} rows and {columns} columns; at most {max_rows} rows "
        "and {max_columns} columns (Excel's own limits) are read",
        "工作表 {sheet!r} 声明有 {rows} 行、{columns} 列；最多读取 {max_rows} 行、"
        "{max_columns} 列（Excel 自身的上限）",
    ),
    "file.sheet_empty": (
        "the sheet {sheet} is empty; a header row is required",
        "工作表 {sheet} 是空的；需要表头行",
    ),
    "file.sheet_rows": (
        "the sheet has more than {most} rows (Excel's own limit); "
        "save the table as CSV UTF-8 instead",
        "工作表超过 {most} 行（Excel 自身的上限）；请改存为 CSV UTF-8",
    ),
    "file.cell_without_header": (
        "cell has a value ({value!r}) but its column has no header; "
        "name the column or clear the cell",
        "单元格有值（{value!r}）但所在列没有表头；请填写列名或清空该单元格",
    ),
    "file.sheet_inflates": (
        "is too big to read: a sheet inflates to {size} MiB (at most {most} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：解压后达 {size} MiB（最多 {most} MiB）；请改存为 CSV UTF-8",
    ),
    "file.text_inflates": (
        "is too big to read: its text inflates to {size} MiB (at most {most} MiB); "
        "save the table as CSV UTF-8 instead",
        "过大，无法读取：解压后达 {size} MiB（最多 {most} MiB）；请改存为 CSV UTF-8",
    ),
    # ------------------------------------------------------------ kinds (io.headers)
    "file.wrong_kind": (
        "is a {found} file, not a {wanted} file; check the order of the files: "
        "staff POPULATIONS --roster ROSTER, budget POPULATIONS ROSTER",
        "是{found}文件，不是{wanted}文件；请检查文件顺序：swplan staff POPULATIONS --roster "
        "ROSTER，swplan budget POPULATIONS ROSTER",
    ),
    "file.no_header": (
        "no header found: no row among the first 20 holds the columns a {kind} file needs, "
        "so the first row ({row}) was read as one",
        "未找到表头：前 20 行中没有一行包含{kind}文件所需的列，因此把第一行（{row}）当作了表头",
    ),
    "file.hired_or_years_column": (
        "the header needs a {hired} or a {years} column",
        "表头需要 {hired} 或 {years} 列",
    ),
    # ------------------------------------------------------------ records (io.fields)
    "file.missing": ("required value is missing", "缺少必填值"),
    "file.single": (
        "must be a single value, not a list or mapping",
        "应为单个值，不能是列表或映射",
    ),
    "file.duplicate_worker": (
        "duplicate worker id {id!r} (first at {at}); worker ids must be unique",
        "工号 {id!r} 重复（首次出现在 {at}）；工号不能重复",
    ),
    "file.duplicate_site": (
        "duplicate site id {id!r} (first at {at}); site ids must be unique",
        "站点编号 {id!r} 重复（首次出现在 {at}）；站点编号不能重复",
    ),
    "file.unknown_key": (
        "unknown key; {key!r} is not allowed here; allowed: {allowed}{hint}",
        "未知的键；此处不允许 {key!r}；允许的项：{allowed}{hint}",
    ),
    "file.needs_top": (
        "a {kind} file needs a top-level {top!r} list",
        "{kind}文件需要顶层的 {top!r} 列表",
    ),
    "file.top_not_list": (
        "{top!r} must be a list of '- ...' entries",
        "{top!r} 应为以 '- ...' 开头的列表",
    ),
    "file.entry_not_mapping": (
        "each entry must be a mapping of key: value",
        "每一项都应为“键: 值”的映射",
    ),
    "file.merged_number": (
        "is part of a merged cell over several rows, and a number belongs to one row; "
        "unmerge the cells and give each row its own number",
        "属于跨多行的合并单元格，而一个数字只能属于一行；请取消合并，并为每行分别填写数字",
    ),
    # ------------------------------------------------------------ workers (io.worker_rules)
    "file.hired_or_years": (
        "give {hired} (YYYY-MM-DD) or {years}; one is required",
        "请填写 {hired}（YYYY-MM-DD）或 {years}；二者必填其一",
    ),
    "file.hired_after_as_of": (
        "{hired} is after the as-of date {as_of}; check the date or give a later --as-of",
        "{hired} 晚于测算日期 {as_of}；请检查日期，或指定更晚的 --as-of",
    ),
    "file.hired_after_year": (
        "{hired} is after the year {year}; check the date or give a later {option}",
        "{hired} 晚于 {year} 年；请检查日期，或指定更晚的 {option}",
    ),
    # ------------------------------------------------------------ sites (io.populations)
    "file.unknown_category": ("unknown category; {why}", "未知的服务对象类别；{why}"),
    "file.category_twice": ("category {category!r} is given twice", "类别 {category!r} 重复"),
    "file.clients_not_mapping": (
        "must be a mapping of category: count",
        "应为“类别: 人数”的映射",
    ),
    "file.kind_unlisted": (
        "site kind {kind!r} (site {sites}{more}) is not listed in the rules' site_kinds, "
        "so no minimum applies to it; {hint}",
        "站点类型 {kind!r}（站点 {sites}{more}）不在规则的 site_kinds 中，因此不适用最低配置；"
        "{hint}",
    ),
    "file.more_sites": (" and {n} more", " 等，另有 {n} 个"),
    "file.nearest_kind": ("nearest listed kind: {kind!r}{named}", "最接近的类型：{kind!r}{named}"),
    "file.kind_named": (" ({name})", "（{name}）"),
    "file.listed_kinds": ("listed kinds: {kinds}", "已列出的类型：{kinds}"),
    # ------------------------------------------------------------ kinds (io.kinds)
    "file.table_kind_unknown": (
        "cannot tell what kind of swplan table this is from its header; "
        "a roster has id, site, education, title; populations id, name, kind",
        "无法从表头判断这是哪类 swplan 表格；花名册需有工号、站点、学历、职称列；"
        "服务对象需有站点编号、名称、类型列",
    ),
    "file.yaml_empty": ("is empty", "是空文件"),
    "file.yaml_kind_unknown": (
        "cannot tell what kind of swplan file this is",
        "无法判断这是哪类 swplan 文件",
    ),
    "file.yaml_kinds": (
        "{what}; a roster has 'workers:', populations 'sites:', passes 'passes:', plan "
        "scenarios 'scenarios:', rules 'pay:' or 'extends:'",
        "{what}；花名册以 'workers:' 开头，服务对象以 'sites:'，考试通过记录以 'passes:'，"
        "规划方案以 'scenarios:'，规则以 'pay:' 或 'extends:'",
    ),
    # ------------------------------------------------------------ rosters (io.roster)
    "file.exams_not_list": (
        "must be a list of {{exam, passed_on}}",
        "应为 {{exam, passed_on}} 的列表",
    ),
    "file.exam_not_mapping": (
        "each exam must be {{exam: ..., passed_on: ...}}",
        "每个考试都应为 {{exam: ..., passed_on: ...}}",
    ),
    "file.disagree": (
        "{file}: hired and years_of_service disagree at {day} in {cells}{more}; hired was used",
        "{file}：入职日期与工龄在 {day} 不一致：{cells}{more}；按入职日期计算",
    ),
    "file.and_more_places": (" and {n} more", " 等，另有 {n} 处"),
    # YAML documents (swplan.io.yamldoc)
    "file.not_yaml": ("not valid YAML: {what}", "不是有效的 YAML：{what}"),
    "file.yaml_too_deep": ("nesting is too deep", "嵌套层数过多"),
    "file.yaml_aliases": (
        "too many aliases: this expands to too many values; "
        "write the values out instead of nesting aliases",
        "别名过多：展开后的值过多；请直接写出各个值，不要嵌套别名",
    ),
    "file.yaml_tag": (
        "YAML tag {tag!r} is not allowed; write plain values",
        "不允许使用 YAML 标签 {tag!r}；请只写普通值",
    ),
    "file.yaml_key_not_plain": ("a key must be a plain word", "键必须是普通的词"),
    "file.yaml_duplicate_key": (
        "duplicate key {key!r}{earlier}; each key may appear once",
        "键 {key!r} 重复{earlier}；每个键只能出现一次",
    ),
    "file.yaml_first_at": (" (first at line {line})", "（首次出现在第 {line} 行）"),
}
