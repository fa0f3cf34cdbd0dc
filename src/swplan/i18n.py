"""Messages in Chinese (`--lang zh`): errors, warnings and notes, translated in one place.

Every module words its problems in English (the text stays greppable and the JSON
`warnings` never change with the language). Before a message is printed under
`--lang zh`, `zh(text)` rewrites it clause by clause (clauses are separated by `; `):
each known clause pattern becomes its Chinese sentence, keeping the file, position,
key path and offending value exactly as they were. A clause no pattern knows stays
as it is.
"""

from __future__ import annotations

import os
import re
from typing import Any

from .errors import Problem

_Q = r"(?P<v>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+)"  # a quoted value (repr)

# `swplan plan`: the years, the roster's sites; tried before the clauses below (a
# narrower clause first)
_PLAN_CLAUSES: list[tuple[str, str]] = [
    (
        r"Invalid value for (?P<o>.+?): Input should be greater than or equal to (?P<n>\S+)",
        "{o} 的值无效：应不小于 {n}",
    ),
    (
        r"Invalid value for (?P<o>.+?): Input should be less than or equal to (?P<n>\S+)",
        "{o} 的值无效：应不大于 {n}",
    ),
    (
        r"Invalid value for (?P<o>.+?): Input should be a valid integer, "
        r"unable to parse string as an integer",
        "{o} 的值无效：应为整数",
    ),
    (
        _Q + r" is not a site of the populations \(did you mean (?P<hint>.+)\?\)",
        "{v} 不是服务对象文件中的站点（是否应为 {hint}？）",
    ),
]

# (clause pattern, Chinese), tried in order; named groups are put back as they were.
_CLAUSES: list[tuple[str, str]] = [
    *_PLAN_CLAUSES,
    (
        _Q + r" is not one of: (?P<list>.*?) \(did you mean (?P<hint>.+)\?\)",
        "{v} 不在可选值中：{list}（是否应为 {hint}？）",
    ),
    (_Q + r" is not one of: (?P<list>.*)", "{v} 不在可选值中：{list}"),
    (r"required value is missing", "缺少必填值"),
    (r"must be a single value, not a list or mapping", "应为单个值，不能是列表或映射"),
    (_Q + r" is not a valid identifier", "{v} 不是有效的标识"),
    (r"use letters, digits, '_' and '-'", "只能使用字母、数字、'_' 和 '-'"),
    (_Q + r" is not a whole number", "{v} 不是整数"),
    (r"write a whole number from 0 to (?P<max>\S+)", "请填写 0 至 {max} 的整数"),
    (_Q + r" is too large", "{v} 过大"),
    (r"at most (?P<max>\S+)", "最多 {max}"),
    (_Q + r" is not an amount", "{v} 不是金额"),
    (
        r"write yuan with up to two decimals, e\.g\. (?P<e>.+)",
        "请以元为单位填写，最多两位小数，例如 {e}",
    ),
    (_Q + r" is not a number", "{v} 不是数字"),
    (_Q + r" is not a finite number", "{v} 不是有限数值"),
    (r"a float is not allowed here", "此处不能填写浮点数"),
    (r"write the number as text", "请把数字写成文本"),
    (_Q + r" is not a valid date", "{v} 不是有效日期"),
    (_Q + r" is not a real date", "{v} 不是真实存在的日期"),
    (_Q + r" is not a date", "{v} 不是日期"),
    (r"write YYYY-MM-DD, e\.g\. (?P<e>\S+)", "请写成 YYYY-MM-DD，例如 {e}"),
    (r"write YYYY-MM-DD", "请写成 YYYY-MM-DD"),
    (r"(?P<key>\S+) is not allowed here", "此处不允许 {key}"),
    (
        r"allowed: (?P<list>.*?) \(did you mean (?P<hint>.+)\?\)",
        "允许的项：{list}（是否应为 {hint}？）",
    ),
    (r"allowed: (?P<list>.*)", "允许的项：{list}"),
    (
        r"duplicate (?P<what>worker|site) id " + _Q + r" \(first at (?P<at>[^)]+)\)",
        "{what_zh} {v} 重复（首次出现在 {at}）",
    ),
    (r"worker ids must be unique", "工号不能重复"),
    (r"site ids must be unique", "站点编号不能重复"),
    (r"duplicate key " + _Q + r"(?: \(first at line (?P<line>\d+)\))?", "键 {v} 重复{line_zh}"),
    (r"each key may appear once", "每个键只能出现一次"),
    (
        r"unknown column " + _Q + r" \(did you mean (?P<hint>.+)\?\)",
        "未知列 {v}（是否应为 {hint}？）",
    ),
    (r"unknown column " + _Q, "未知列 {v}"),
    (r"column " + _Q + r" appears twice", "列 {v} 出现了两次"),
    (r"required column " + _Q + r" is missing", "缺少必需的列 {v}"),
    (r"the header needs: (?P<list>.*)", "表头需要：{list}"),
    (
        r"the header needs a 'hired' or a 'years_of_service' column",
        "表头需要 'hired' 或 'years_of_service' 列",
    ),
    (
        r"row has (?P<n>\d+) cells but the header has (?P<m>\d+)",
        "该行有 {n} 个单元格，表头有 {m} 列",
    ),
    (r"is empty", "是空文件"),
    (r"a header row is required", "需要表头行"),
    (r"is a directory, not a file", "是目录，不是文件"),
    (r"cannot be read: (?P<why>.+)", "无法读取：{why_zh}"),
    (r"cannot be written: (?P<why>.+)", "无法写入：{why_zh}"),
    (r"name a file in an existing, writable directory", "请指定一个位于已存在且可写目录中的文件"),
    (r"is a binary file, not UTF-8 text", "是二进制文件，不是 UTF-8 文本"),
    (
        r"save it as a UTF-8 text file \(YAML or CSV\) or as \.xlsx",
        "请另存为 UTF-8 文本（YAML 或 CSV）或 .xlsx",
    ),
    (
        r"is not UTF-8 text \(files saved from Windows are often GBK\)",
        "不是 UTF-8 文本（Windows 保存的文件常为 GBK）",
    ),
    (r"re-save it as UTF-8 and run again", "请另存为 UTF-8 后重新运行"),
    (r"not valid YAML: (?P<yaml>.+)", "不是有效的 YAML：{yaml_zh}"),
    (r"give either hired or years_of_service, not both", "hired 与 years_of_service 只能填写一个"),
    (
        r"give hired \(YYYY-MM-DD\) or years_of_service",
        "请填写 hired（YYYY-MM-DD）或 years_of_service",
    ),
    (r"one is required", "二者必填其一"),
    (
        r"(?P<d>\d{4}-\d\d-\d\d) is after the as-of date (?P<a>\d{4}-\d\d-\d\d)",
        "{d} 晚于测算日期 {a}",
    ),
    (r"check the date or give a later --as-of", "请检查日期，或指定更晚的 --as-of"),
    (r"the rules define no posts", "规则未设岗位"),
    (r"leave post out", "请不要填写岗位"),
    (
        r"(?P<v>\S+) names a (?P<a>\w+) file but --format is (?P<b>\w+)",
        "{v} 是 {a} 文件，但 --format 为 {b}",
    ),
    (r"drop --format or name the file (?P<f>.+)", "请去掉 --format，或把文件命名为 {f}"),
    (r"xlsx is a binary workbook and stdout is a terminal", "xlsx 是二进制工作簿，不能输出到终端"),
    (
        r"add --output FILE\.xlsx \(or redirect: > FILE\.xlsx\)",
        "请加 --output 文件.xlsx（或重定向：> 文件.xlsx）",
    ),
    (r"xlsx is not available for this output", "此输出不提供 xlsx 格式"),
    (r"cannot tell what kind of swplan file this is", "无法判断这是哪类 swplan 文件"),
    (
        r"worker (?P<id>\S+) is at site " + _Q + r", which is not in the populations",
        "人员 {id} 所在站点 {v} 不在服务对象文件中",
    ),
    (
        r"(?P<n>\d+) workers \((?P<ids>[^)]*)\) are at site "
        + _Q
        + r", which is not in the populations",
        "{n} 名人员（{ids}）所在站点 {v} 不在服务对象文件中",
    ),
    (r"not counted", "未计入"),
    (r"its directory does not exist", "所在目录不存在"),
    (r"is not one of: (?P<list>.*)", "不在可选值中：{list}"),
    (r"too many aliases: this expands to too many values", "别名过多：展开后的值过多"),
    (r"write the values out instead of nesting aliases", "请直接写出各个值，不要嵌套别名"),
    (r"YAML tag " + _Q + r" is not allowed", "不允许使用 YAML 标签 {v}"),
    (r"write plain values", "请只写普通值"),
    (
        r"a roster has 'workers:', populations 'sites:', passes 'passes:', rules 'pay:' or 'extends:'",
        "花名册以 'workers:' 开头，服务对象以 'sites:'，考试通过记录以 'passes:'，规则以 'pay:' 或 'extends:'",
    ),
    (
        r"a roster has 'workers:', populations 'sites:', passes 'passes:', plan scenarios "
        r"'scenarios:', rules 'pay:' or 'extends:'",
        "花名册以 'workers:' 开头，服务对象以 'sites:'，考试通过记录以 'passes:'，"
        "规划方案以 'scenarios:'，规则以 'pay:' 或 'extends:'",
    ),
    (_Q + r" is negative", "{v} 是负数"),
    (r"must be 0 or more", "应不小于 0"),
    (r"unknown category", "未知的服务对象类别"),
    (r"unknown key", "未知的键"),
    (
        r"malformed CSV in the record starting at line (?P<n>\d+): (?P<why>.+)",
        "从第 {n} 行开始的记录不是有效的 CSV：{why_zh}",
    ),
    (r"check for an unclosed (?P<q>.+)", "请检查是否有未闭合的 {q}"),
    (
        r"needs --ledger FILE, the ledger CSV to record the awards in \(created if missing\)",
        "需要 --ledger 文件：记录奖励的台账 CSV（不存在时新建）",
    ),
    (r"shows one worker, so --by has nothing to group", "只显示一名人员，--by 无可分组"),
    (r"leave out --by", "请去掉 --by"),
    (
        r"cannot tell what kind of swplan table this is from its header",
        "无法从表头判断这是哪类 swplan 表格",
    ),
    (
        r"a roster has id, site, education, title; populations id, name, kind",
        "花名册需有 id、site、education、title 列；服务对象需有 id、name、kind 列",
    ),
    (r"a roster has id, site, education, title", "花名册需有 id、site、education、title 列"),
    (r"populations id, name, kind", "服务对象需有 id、name、kind 列"),
    (
        r"swplan records awards only in a CSV ledger, never in a workbook",
        "swplan 只在 CSV 台账中记录奖励，不写入工作簿",
    ),
    (
        r"save it as CSV \(worker_id,exam,amount,paid_on\) and give the \.csv file",
        "请另存为 CSV（worker_id,exam,amount,paid_on）并指定该 .csv 文件",
    ),
    (r"nesting is too deep", "嵌套层数过多"),
    (r"no such file", "文件不存在"),
    (r"reading Excel needs openpyxl", "读取 Excel 需要 openpyxl"),
    (_Q + r" has more than two decimals", "{v} 超过两位小数"),
    (r"amounts are in yuan and fen", "金额以元为单位，精确到分"),
    (r"amounts must be 0 or more", "金额应不小于 0"),
    (_Q + r" must be 1 or more", "{v} 应不小于 1"),
    (
        r"xlsx: the sheet (?P<s>.+) would need (?P<n>\S+) rows, more than a worksheet holds "
        r"\((?P<m>\S+)\)",
        "xlsx：工作表 {s} 需要 {n} 行，超过一个工作表的上限（{m}）",
    ),
    (r"use --format csv", "请使用 --format csv"),
    (r"is UTF-16 text, not UTF-8", "是 UTF-16 文本，不是 UTF-8"),
    # what the readers skipped or ignored (notes)
    (
        r"(?P<where>.+?): skipped rows? (?P<rows>[\d, ]+?)(?: and (?P<more>\d+) more)?: "
        r"(?P<why>a totals row|an example row|no value in any column swplan reads)",
        "{where_zh}：跳过第 {rows} 行{more_rows}（{why_zh}）",
    ),
    (
        r"(?P<where>.+?): ignored the columns? (?P<list>.+), which swplan does not use",
        "{where_zh}：忽略了 swplan 不使用的列 {list_quoted}",
    ),
    (
        r"(?P<f>.+?): hired and years_of_service disagree at (?P<d>\S+) in (?P<at>.+?)"
        r"(?: and (?P<more>\d+) more)?",
        "{f}：hired（入职日期）与 years_of_service（工龄）在 {d} 不一致：{at}{more_zh}",
    ),
    (r"hired was used", "按 hired 计算"),
    (
        r"(?P<f>.+) skipped: a lock file, not a swplan file",
        "{f} 已跳过：这是锁定文件，不是 swplan 文件",
    ),
    (
        r"(?P<f>.+?): worker " + _Q + r" is on no roster \((?P<r>[^)]*)\)",
        "{f}：人员 {v} 不在花名册（{r}）中",
    ),
    (r"worker " + _Q + r" is on no roster \((?P<r>[^)]*)\)", "人员 {v} 不在花名册（{r}）中"),
    (r"an award paid to someone who has left is kept", "已离职人员的奖励记录予以保留"),
    (
        r"(?P<f>.+?): and (?P<n>\d+) more workers on no roster \((?P<r>[^)]*)\)",
        "{f}：另有 {n} 名人员不在花名册（{r}）中",
    ),
    (
        r"--record appends in its column order: (?P<list>.+)",
        "--record 按其列顺序追加：{list}",
    ),
    (r"--record refuses it: (?P<why>.+)", "--record 不能写入它：{why_zh}"),
    # dates and cells
    (_Q + r" is a month without a day", "{v} 只有年月，没有日"),
    (r"write the whole date, e\.g\. (?P<e>\S+)", "请写完整日期，例如 {e}"),
    (
        _Q + r" looks like an Excel date serial number \(a date in a cell not formatted as a "
        r"date\)",
        "{v} 像是 Excel 的日期序列号（单元格未设置为日期格式）",
    ),
    (
        r"format the cell as a date, or write YYYY-MM-DD",
        "请把单元格设为日期格式，或写成 YYYY-MM-DD",
    ),
    (r"formula " + _Q + r" has no saved value", "公式 {v} 没有保存的计算结果"),
    (
        r"open the file in Excel and save it, or type the value",
        "请用 Excel 打开并保存该文件，或直接填写数值",
    ),
    (
        r"has (?P<n>\d+) sheets that hold such a table \((?P<list>.+)\)",
        "有 {n} 个工作表都是这类表格（{list}）",
    ),
    (r"name the one to read, as (?P<f>\S+)", "请指明要读取的工作表，写成 {f}"),
    (r"has no sheet " + _Q, "没有工作表 {v}"),
    (r"its sheets: (?P<list>.+)", "已有工作表：{list}"),
    (
        r"columns " + _Q + r" and (?P<w>'(?:[^'\\]|\\.)*') both give (?P<k>'[^']*')",
        "列 {v} 和 {w} 都对应 {k}",
    ),
    (r"keep one", "请只保留一列"),
    (
        r"a (?P<kind>\w+) file needs a top-level (?P<top>'[^']*') list",
        "{kind_zh}文件需要顶层的 {top} 列表",
    ),
    (r"(?P<top>'[^']*') must be a list of '- \.\.\.' entries", "{top} 应为以 '- ...' 开头的列表"),
    (r"must be a list of \{exam, passed_on\}", "应为 {{exam, passed_on}} 的列表"),
    (r"is a (?P<a>\w+) file, not a (?P<kind>\w+) file", "是{a_zh}文件，不是{kind_zh}文件"),
    (
        r"check the order of the files: staff POPULATIONS --roster ROSTER, budget POPULATIONS "
        r"ROSTER",
        "请检查文件顺序：swplan staff POPULATIONS --roster ROSTER，swplan budget POPULATIONS ROSTER",
    ),
    # sites
    (_Q + r" is not a site of the populations", "{v} 不是服务对象文件中的站点"),
    (
        r"(?P<n>\d+) workers? \((?P<ids>[^)]*)\) would be costed twice, as staff and as the "
        r"post the site lacks: fix the site, add it to the populations, or give "
        r"--allow-unknown-sites",
        "{n} 名人员（{ids}）会被重复计算（既计入现有人员，又计入该站点缺编岗位）："
        "请改正站点，或把它加入服务对象文件，或加 --allow-unknown-sites",
    ),
    (
        r"site " + _Q + r" \((?P<n>\d+) workers?\) is neither the id nor the name of a site of "
        r"the populations",
        "站点 {v}（{n} 人）既不是服务对象文件中站点的编号，也不是其名称",
    ),
    (
        _Q + r" is the name of (?P<n>\d+) sites \((?P<ids>[^)]*)\)",
        "{v} 是 {n} 个站点的名称（{ids}）",
    ),
    (r"write the site's id instead", "请改填站点编号"),
    (
        r"site kind " + _Q + r" \(site (?P<ids>.+?)(?: and (?P<more>\d+) more)?\) is not listed "
        r"in the rules' site_kinds, so no minimum applies to it",
        "站点类型 {v}（站点 {ids_zh}{more_sites}）不在规则的 site_kinds 中，因此不适用最低配置",
    ),
    (r"nearest listed kind: " + _Q + r"(?: \((?P<k>[^)]*)\))?", "最接近的类型：{v}{k_zh}"),
    (r"listed kinds: (?P<list>.+)", "已列出的类型：{list_labels}"),
    # ledger options
    (
        r"needs --ledger FILE, the ledger CSV to record the awards in \(with --new-ledger to "
        r"start one\)",
        "需要 --ledger 文件：记录奖励的台账 CSV（新建台账请加 --new-ledger）",
    ),
    (r"only applies with --record", "只能与 --record 一起使用"),
    (r"add --record", "请加 --record"),
    (r"the ledger does not exist", "台账不存在"),
    (
        r"check the path \(a new, empty ledger would pay every award again\), or add "
        r"--new-ledger to start one",
        "请检查路径（新的空台账会把每笔奖励再发一次），或加 --new-ledger 新建台账",
    ),
    # output files
    (r"cannot be written: its directory (?P<d>.+) does not exist", "无法写入：所在目录 {d} 不存在"),
    (
        r"is an input of this run \((?:the (?P<arg>[A-Z]+) argument|(?P<opt>--\S+)) (?P<f>.+)\)",
        "是本次运行的输入文件（{arg}{opt} {f}）",
    ),
    (r"writing the report there would destroy it", "把报表写到那里会覆盖它"),
    (r"its directory (?P<d>.+) does not exist", "所在目录 {d} 不存在"),
    (r"the disk is full \(no space left on device\)", "磁盘已满"),
    (r"the disk quota is exceeded", "超出磁盘配额"),
    (r"the file system is read-only", "文件系统只读"),
    (r"permission denied", "没有权限"),
    (r"the reader closed the pipe", "读取方已关闭管道"),
    (r"it is a directory", "这是一个目录"),
    (r"name a file", "请指定文件"),
    (r"[Nn]o such file or directory", "文件或目录不存在"),
    (r"[Pp]ermission denied", "没有权限"),
    (r"[Ii]s a directory", "这是一个目录"),
    (r"name another file", "请换一个文件名"),
    (r"cannot create the ledger: its directory does not exist", "无法新建台账：所在目录不存在"),
    # merged cells
    (
        r"is part of a merged cell over several rows, and a number belongs to one row",
        "属于跨多行的合并单元格，而一个数字只能属于一行",
    ),
    (r"unmerge the cells and give each row its own number", "请取消合并，并为每行分别填写数字"),
    # pydantic's own words
    (r"Field required", "缺少必填项"),
    (r"Input should be greater than or equal to (?P<n>\S+)", "应不小于 {n}"),
    (r"Input should be greater than (?P<n>\S+)", "应大于 {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "应不大于 {n}"),
    (r"Input should be less than (?P<n>\S+)", "应小于 {n}"),
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be a valid number.*", "应为数字"),
    (r"Input should be a valid boolean.*", "应为 true 或 false"),
    (r"Input should be a valid string", "应为文本"),
    (r"Input should be a valid date.*", "应为日期（YYYY-MM-DD）"),
    (r"Input should be a valid (?:dictionary|mapping).*", "应为映射"),
    (r"Input should be a valid list", "应为列表"),
    (r"Extra inputs are not permitted", "此处不允许该项"),
    # values, cells and sheets
    (_Q + r" is too large or has too many digits", "{v} 过大或位数过多"),
    (
        r"at most (?P<a>\d+) digits before the point and (?P<b>\d+) in all",
        "整数部分最多 {a} 位，总共最多 {b} 位",
    ),
    (_Q + r" holds a control character \((?P<u>U\+[0-9A-F]+)\)", "{v} 含有控制字符（{u}）"),
    (r"a site id is printable text on one line", "站点编号应为单行可打印文字"),
    (_Q + r" has (?P<n>\d+) characters", "{v} 有 {n} 个字符"),
    (r"a site id has at most (?P<n>\d+)", "站点编号最多 {n} 个字符"),
    (
        r"no header found: no row among the first 20 holds the columns a (?P<kind>\w+) file "
        r"needs, so the first row \((?P<list>.*)\) was read as one",
        "未找到表头：前 20 行中没有一行包含{kind_zh}文件所需的列，因此把第一行（{list}）当作了表头",
    ),
    (
        r"is too big to read: (?:a sheet|its text) inflates to (?P<n>\S+) MiB \(at most "
        r"(?P<m>\S+) MiB\)",
        "过大，无法读取：解压后达 {n} MiB（最多 {m} MiB）",
    ),
    (r"save the table as CSV UTF-8 instead", "请改存为 CSV UTF-8"),
    (
        r"sheet " + _Q + r" declares (?P<r>\S+) rows and (?P<c>\S+) columns",
        "工作表 {v} 声明有 {r} 行、{c} 列",
    ),
    (
        r"at most (?P<r>\S+) rows and (?P<c>\S+) columns \(Excel's own limits\) are read",
        "最多读取 {r} 行、{c} 列（Excel 自身的上限）",
    ),
    # passes, ledger and options
    (
        r"--record cannot append to this ledger: its header " + _Q + r" is not the four columns "
        r"(?P<list>.+?) \(in any order, each once, no other column\)",
        "--record 不能追加到此台账：其表头 {v} 不是 {list} 这四列（顺序不限，各一次，不能有其他列）",
    ),
    (
        r"rows written under it could be misread\. Fix the header and run again",
        "在其下写入的行可能被误读。请改正表头后重新运行",
    ),
    (r"nothing was recorded", "未记录任何内容"),
    (
        r"costs a whole year, --as-of one day's run rate",
        "--year 测算全年费用，--as-of 测算某一天的年化费用",
    ),
    (r"give one of them", "请只指定其中一个"),
    (r"is closed", "已关闭"),
    (
        r"give --output FILE, or run with stdout open",
        "请指定 --output 文件，或在标准输出可用时运行",
    ),
    (r"name a file to write", "请指定要写入的文件"),
    (r"\.\.\. and (?P<n>\d+) more like it", "……另有 {n} 处同样的问题"),
    # what no reader foresaw
    (r"cannot be read or written: (?P<why>.+)", "无法读取或写入：{why_zh}"),
    (
        r"a number is too large or too precise to compute exactly",
        "有数字过大或精度过高，无法精确计算",
    ),
    (r"check the amounts and rates of the inputs", "请检查输入中的金额和费率"),
    (r"an input is nested too deeply", "输入的嵌套层数过多"),
    (r"out of memory", "内存不足"),
    (r"the input is too large", "输入过大"),
    (r"internal error \((?P<e>.+)\)", "内部错误（{e}）"),
    (r"please report it", "请报告此问题"),
    # the csv module's own words
    (r"unexpected end of data", "数据意外结束"),
    (r"line contains NUL", "该行含有 NUL 字符"),
    (r"new-line character seen in unquoted field.*", "未加引号的字段中出现换行"),
    (r"(?P<q>'.') expected after '\"'", "'\"' 之后应为 {q}"),
    (r"field larger than field limit \((?P<n>\d+)\)", "字段超过长度上限（{n}）"),
    # usage errors of the command line
    (r"Missing argument '(?P<a>[^']+)'", "缺少参数 {a}"),
    (
        r"Invalid value for (?P<o>.+?): (?P<v>'[^']*') is not one of (?P<list>.+)",
        "{o} 的值 {v} 无效，可选：{list}",
    ),
    (r"Invalid value for (?P<o>.+?): (?P<why>.+)", "{o} 的值无效：{why}"),
    (
        r"No such option: (?P<o>\S+)(?: Did you mean (?P<h>\S+)\?)?"
        r"(?: \(Possible options: (?P<list>[^)]+)\))?",
        "没有选项 {o}{h_zh}",
    ),
    (r"No such command '(?P<c>[^']+)'", "没有命令 {c}"),
    (r"Option '(?P<o>[^']+)' requires an argument", "选项 {o} 需要一个值"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "多余的参数（{a}）"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.+)\)", "多余的参数（{a}）"),
    (r"see '(?P<c>[^']+) --help'", "见 {c} --help"),
    (_Q + r" is not a year", "{v} 不是年份"),
    (r"is not a readable Excel workbook \(\.xlsx\)", "不是可读取的 Excel 工作簿（.xlsx）"),
    (
        r"open it in Excel and save it as 'Excel Workbook \(\.xlsx\)', or save the sheet as CSV UTF-8",
        "请用 Excel 打开并另存为“Excel 工作簿 (.xlsx)”，或另存为 CSV UTF-8",
    ),
    (
        r"cell has a value \((?P<v>.+)\) but its column has no header",
        "单元格有值（{v}）但所在列没有表头",
    ),
    (r"name the column or clear the cell", "请填写列名或清空该单元格"),
    (r"the first sheet \((?P<s>.+)\) is empty", "第一个工作表（{s}）是空的"),
    (r"already exists", "已存在"),
    (
        r"swplan init never overwrites a file: choose a new directory or move the file away",
        "swplan init 不会覆盖已有文件：请换一个目录，或先移走该文件",
    ),
    (r"is a file, not a directory", "是文件，不是目录"),
    (r"cannot be created: (?P<why>.+)", "无法创建：{why}"),
    (r"cannot record in the ledger: (?P<why>.+)", "无法写入台账：{why_zh}"),
    (r"check that its directory exists and is writable", "请确认其目录存在且可写"),
    (
        r"'xlsx' is not available for the rules, which are nested",
        "规则是嵌套结构，不提供 xlsx 格式",
    ),
    (r"use yaml or json", "请使用 yaml 或 json"),
    (
        r"over the cap: total (?P<t>\S+) is above --cap (?P<c>\S+)",
        "超过上限：合计 {t} 高于 --cap {c}",
    ),
    (r"shortage: (?P<v>\S+) posts short across the sites", "缺编：各站点共缺编 {v} 个岗位"),
    (r"(?P<v>\S+) posts short across the sites", "各站点共缺编 {v} 个岗位"),
    (r"(?P<n>\d+) award\(s\) due, (?P<t>\S+) in total", "应发 {n} 笔奖励，共 {t} 元"),
    (r"add --record to record them in the ledger", "加 --record 可记入台账"),
    (
        r"recorded (?P<n>\d+) award\(s\), (?P<t>\S+) in total, paid_on (?P<d>\S+), in (?P<l>.+)",
        "已记录 {n} 笔奖励，共 {t} 元，发放日期 {d}，记入 {l}",
    ),
    (r"the ledger now has (?P<n>\d+) rows:", "台账现有 {n} 行："),
    (
        r"recorded nothing: no award is due that (?P<l>.+) does not already hold",
        "未记录：没有 {l} 中尚未记录的应发奖励",
    ),
    (r"the ledger has (?P<n>\d+) rows", "台账有 {n} 行"),
    (r"  \.\.\. and (?P<n>\d+) more \(see the ledger\)", "  ……另有 {n} 笔（见台账）"),
    # `swplan check` summaries
    (r"roster, (?P<n>\d+) workers", "花名册，{n} 人"),
    (r"populations, (?P<n>\d+) sites", "服务对象，{n} 个站点"),
    (r"passes, (?P<n>\d+) passes", "考试通过记录，{n} 条"),
    (r"ledger, (?P<n>\d+) rows", "奖励发放台账，{n} 行"),
    (
        r"rules " + _Q + r", (?P<c>\d+) categories, (?P<g>\d+) grades",
        "规则 {v}，{c} 类服务对象，{g} 个薪级",
    ),
    (r"total (?P<t>\S+) is above --cap (?P<c>\S+)", "合计 {t} 超过 --cap {c}"),
]

_COMPILED = [(re.compile(pattern + r"\Z", re.S), text) for pattern, text in _CLAUSES]
_DID_YOU_MEAN = re.compile(r"(?P<a>.+) \(did you mean (?P<hint>.+)\?\)\Z", re.S)
_KIND_ZH = {
    "roster": "花名册",
    "populations": "服务对象",
    "passes": "考试通过记录",
    "ledger": "奖励发放台账",
    "rules": "规则",
    "scenarios": "规划方案",
}
_SKIP_ZH = {
    "a totals row": "合计行",
    "an example row": "示例行",
    "no value in any column swplan reads": "swplan 读取的各列均无值",
}
_WHAT = {"worker": "工号", "site": "站点编号"}


def labels_accepted() -> bool:
    """Whether input files may name a vocabulary word by its label (rules with `word()`)."""
    from .rules import Rules

    return callable(getattr(Rules, "word", None))


def _zh_word(key: str) -> str:
    """The Chinese label of a national vocabulary key, else the key."""
    from .report.vocab import BUILTIN_ZH

    for vocab in ("education", "title", "performance", "exam", "kind", "employment"):
        found = BUILTIN_ZH[vocab].get(key)
        if found:
            return found
    return key


def _as_labels(text: str) -> str:
    """`secondary, associate` -> `中专、大专`; a quoted `'bachelor'` -> `'本科'`."""
    if len(text) > 1 and text[0] == text[-1] == "'":
        return "'" + _zh_word(text[1:-1]) + "'"
    return "、".join(_zh_word(word) for word in text.split(", "))


def _clause(text: str, labels: bool = False) -> str:
    for pattern, template in _COMPILED:
        m = pattern.match(text)
        if m:
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            if labels and "不在可选值中" in template:  # input files take the labels too
                groups["list"] = _as_labels(groups.get("list", ""))
                if groups.get("hint"):
                    groups["hint"] = _as_labels(groups["hint"])
            if groups.get("inner"):  # a message inside the message
                groups["inner"] = _clause(groups["inner"], labels)
            groups["what_zh"] = _WHAT.get(groups.get("what", ""), "")
            why = groups.get("why", "")
            groups["why_zh"] = _SKIP_ZH.get(why) or (_clause(why, labels) if why else "")
            line = groups.get("line")
            groups["line_zh"] = f"（首次出现在第 {line} 行）" if line else ""
            groups["where_zh"] = _where(groups.get("where", ""))
            groups["yaml_zh"] = _yaml_zh(groups.get("yaml", ""))
            more = groups.get("more")
            groups["more_zh"] = f" 等，另有 {more} 处" if more else ""
            groups["more_rows"] = f"，另有 {more} 行" if more else ""
            groups["more_sites"] = f" 等，另有 {more} 个" if more else ""
            groups["ids_zh"] = groups.get("ids", "").replace(", ", "、")
            groups["kind_zh"] = _KIND_ZH.get(groups.get("kind", ""), groups.get("kind", ""))
            groups["a_zh"] = _KIND_ZH.get(groups.get("a", ""), groups.get("a", ""))
            groups["list_quoted"] = groups.get("list", "").replace("', '", "'、'")
            groups["list_labels"] = _as_labels(groups.get("list", ""))
            groups["k_zh"] = f"（{groups['k']}）" if groups.get("k") else ""
            hint = groups.get("h") or groups.get("list")
            groups["h_zh"] = f"（是否应为 {hint}？）" if hint and "h_zh" in template else ""
            groups["rows"] = groups.get("rows", "").replace(", ", "、")
            return template.format(**groups)
    m = _DID_YOU_MEAN.match(text)
    if m:  # any message with a suggestion: the message, then the suggestion
        return f"{_clause(m['a'], labels)}（是否应为 {m['hint']}？）"
    return text


# The YAML parser's words (PyYAML and libyaml): what it was reading, then what it found.
_YAML_CONTEXT = re.compile(
    r"while (?:scanning|parsing) (?:an? )?(?P<what>[\w -]+?)"
    r"(?= (?:found|did|could|expected|mapping values)\b|\Z) ?"
)
_YAML_WHAT = {
    "for the next token": "下一个记号",
    "quoted scalar": "带引号的值",
    "double-quoted scalar": "双引号中的值",
    "single-quoted scalar": "单引号中的值",
    "plain scalar": "值",
    "block scalar": "多行文本",
    "simple key": "键",
    "flow mapping": "花括号 {...}",
    "flow sequence": "方括号 [...]",
    "block mapping": "映射",
    "block collection": "列表",
    "block node": "节点",
    "flow node": "节点",
    "node": "节点",
    "anchor": "锚点 &",
    "alias": "别名 *",
    "tag": "标签",
    "directive": "指令",
}
_YAML_PROBLEMS: list[tuple[str, str]] = [
    (
        r"mapping values are not allowed (?:here|in this context)",
        "此处不能出现“键: 值”（冒号后的内容是否应加引号，或缩进有误？）",
    ),
    (
        r"found character (?P<c>'.+?' )?that cannot start any token",
        "遇到不能开始任何内容的字符 {c}（YAML 不能用 Tab 键缩进）",
    ),
    (r"found unexpected end of stream", "文件意外结束（引号或括号是否未闭合？）"),
    (r"found unexpected document separator", "遇到意外的文档分隔符"),
    (r"(?:did not|could not) find expected key", "未找到预期的键（缩进是否有误？）"),
    (r"(?:did not|could not) find expected node content", "未找到预期的内容"),
    (r"(?:did not|could not) find expected (?P<x>.+?)(?: indicator)?", "未找到预期的 {x}"),
    (r"expected <block end>, but found (?P<x>.+)", "缩进不一致：此处应结束上一层，却遇到{x}"),
    (r"expected (?P<a>.+), but (?:found|got) (?P<x>.+)", "应为 {a}，却遇到 {x}"),
    (r"found undefined alias (?P<x>.+)", "未定义的别名 {x}"),
    (r"found duplicate anchor (?P<x>.+?)(?:; first occurrence.*)?", "锚点 {x} 重复"),
    (r"found unknown escape character (?P<x>.+)", "未知的转义字符 {x}"),
    (
        r"found a tab character (?:that violates|where an) indentation(?: space is expected)?",
        "此处缩进不能用 Tab 字符",
    ),
    (r"found undefined tag handle (?P<x>.+)", "未定义的标签 {x}"),
    (r"expected a single document in the stream.*", "文件中只能有一个文档"),
    (r"found incompatible YAML document.*", "不兼容的 YAML 版本"),
    (r"found duplicate YAML directive", "YAML 指令重复"),
    (r"(?P<x>.+?) not allowed", "不允许 {x}"),
]
_YAML_TOKENS = {
    "block mapping start": "新的映射",
    "block sequence start": "新的列表",
    "block end": "层级结束",
    "scalar": "值",
    "block entry": "列表项 '-'",
    "key": "键",
    "value": "值",
    "flow mapping start": "'{'",
    "flow mapping end": "'}'",
    "flow sequence start": "'['",
    "flow sequence end": "']'",
    "flow entry": "','",
    "anchor": "锚点",
    "alias": "别名",
    "tag": "标签",
    "stream end": "文件结尾",
    "document start": "文档开头 '---'",
    "document end": "文档结尾",
}
_YAML_TOKEN = re.compile(r"'?<(?P<t>[a-z ]+)>'?")
_YAML_COMPILED = [(re.compile(p + r"\Z", re.S), t) for p, t in _YAML_PROBLEMS]


def _yaml_zh(text: str) -> str:
    """A YAML parser's `while scanning a quoted scalar found unexpected end of stream`."""
    what = ""
    m = _YAML_CONTEXT.match(text)
    if m:
        context = _YAML_WHAT.get(m["what"].strip())
        if context is None:
            return text
        what = f"读取{context}时"
        text = text[m.end() :].strip()
    for pattern, template in _YAML_COMPILED:
        found = pattern.match(text)
        if found:
            groups = {k: (v or "") for k, v in found.groupdict().items()}
            groups = {
                k: _YAML_TOKEN.sub(lambda t: _YAML_TOKENS.get(t["t"], t[0]), v).replace(
                    "' or '", "' 或 '"
                )
                for k, v in groups.items()
            }
            return what + template.format(**groups).replace(" （", "（")
    return (what + "：" + text) if what and text else (what or text)


def _where(where: str) -> str:
    """`FILE sheet SHEET` -> `FILE 工作表 SHEET`."""
    file, sep, sheet = where.rpartition(" sheet ")
    return f"{file} 工作表 {sheet}" if sep else where


def zh(text: str, *, labels: bool = False) -> str:
    """`text` in Chinese, clause by clause (see the module docstring).

    `labels`: the message is about an input file (not the rules, where words are keys),
    so a list of allowed words is shown as their Chinese labels, when labels are accepted.
    """
    labels = labels and labels_accepted()
    return "；".join(_clause(part, labels) for part in text.split("; "))


_RULES_PATHS = (
    "pay",
    "awards",
    "staffing",
    "budget",
    "categories",
    "extends",
    "site_kinds",
    "plan",
    "scenarios",  # a scenario's overrides are rules
)


def problem_zh(path: str, text: str) -> str:
    """A problem's message in Chinese; its key path tells a rules file from an input file."""
    in_rules = path.split(".")[0].split("[")[0] in _RULES_PATHS
    return zh(text, labels=not in_rules)


def problem_line(problem: Problem, lang: str) -> str:
    """`error: FILE:LINE:COL: key.path: what` (under zh the words, not the places, in Chinese)."""
    return problem.line(lang)


def message(text: Any, lang: str) -> str:
    """A note, warning or message in `lang`: a catalogue message is worded from its key;
    a plain string (not yet in the catalogue, or another library's) as before."""
    from .messages import Localized, Msg

    if isinstance(text, Msg | Localized):
        return text.text(lang)
    return zh(text) if lang == "zh" else text


def env_lang() -> str:
    """The default language: `SWPLAN_LANG` (`zh` or `en`), else `en`."""
    value = os.environ.get("SWPLAN_LANG", "").strip().lower()
    return value if value in ("zh", "en") else "en"
