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

from .errors import Problem

_Q = r"(?P<v>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+)"  # a quoted value (repr)

# `swplan plan`: targets, the scenarios file, the years, the roster's sites; tried before
# the clauses below (a narrower clause first)
_PLAN_CLAUSES: list[tuple[str, str]] = [
    (_Q + r" is not a target", "{v} 不是有效的目标"),
    (
        r"write METRIC OP VALUE@YEAR, e\.g\. (?P<a>\S+) or (?P<b>\S+) \(OP one of (?P<ops>.+)\)",
        "请写成 指标 比较符 数值@年份，例如 {a} 或 {b}（比较符为 {ops} 之一）",
    ),
    (
        r"in (?P<t>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"): (?P<inner>.+)",
        "目标 {t} 中：{inner}",
    ),
    (
        r"target " + _Q + r": (?P<y>\d+) is outside the plan, which covers (?P<span>\S+)",
        "目标 {v}：{y} 年不在规划期 {span} 内",
    ),
    (
        r"name a year of the plan or change --from/--years",
        "请填写规划期内的年份，或修改 --from/--years",
    ),
    (
        r"target failed: (?P<t>.+) in scenario (?P<s>\S+) \(value (?P<x>\S+)\)",
        "未达成目标：{t}，方案 {s}（实际值 {x}）",
    ),
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
        r"a scenarios file is a mapping 'scenarios: \{name: \{overrides\}\}'",
        "方案文件应为映射 'scenarios: {{方案名: {{要覆盖的规则}}}}'",
    ),
    (r"e\.g\. (?P<e>scenarios: .+)", "例如 '{e}'"),
    (
        r"must be a mapping of at least one name: \{overrides\}",
        "应为映射，至少包含一个方案（方案名：要覆盖的规则）",
    ),
    (
        r"must be a mapping of rules keys to override \(\{\} for the rules as they are\)",
        "应为要覆盖的规则键的映射（写 {{}} 表示沿用规则原样）",
    ),
    (
        r"a scenario starts from the rules given with --rules",
        "方案以 --rules 指定的规则为起点",
    ),
    (r"leave extends out", "请去掉 extends"),
    (
        r"with this scenario the rules are wrong at (?P<k>\S+): (?P<inner>.+)",
        "合并此方案后，规则的 {k} 有误：{inner}",
    ),
    (r"the horizon is the same for every scenario", "各方案的规划年数必须相同"),
    (
        r"set plan\.years in the rules or use --years",
        "请在规则中设定 plan.years，或使用 --years",
    ),
    (r"unknown key " + _Q, "未知的键 {v}"),
    (
        _Q + r" is not a site of the populations \(did you mean (?P<hint>.+)\?\)",
        "{v} 不是服务对象文件中的站点（是否应为 {hint}？）",
    ),
]

# Messages plan shares with staff and budget (rules, site kinds, unknown sites): tried
# after the clauses below, so that a wording there wins
_SHARED_CLAUSES: list[tuple[str, str]] = [
    (_Q + r" is -1 or less", "{v} 不大于 -1"),
    (r"a yearly change must be above -1 \(-100 %\)", "年变化率必须大于 -1（即 -100%）"),
    (_Q + r" is not a share", "{v} 不是比例"),
    (r"write a number from 0 to 1, e\.g\. (?P<e>\S+)", "请填写 0 至 1 之间的数，例如 {e}"),
    (r"planned passes follow the ladder", "计划通过的考试须在晋级顺序（awards.ladder）中"),
    (
        r"passing " + _Q + r" gives the title (?P<t>\S+), which pay\.points\.title does not list",
        "通过 {v} 即获得职称 {t}，但 pay.points.title 中没有该职称",
    ),
    (r"add it there", "请在其中加上"),
    # the populations' site kinds, a warning of plan (and of staff and budget)
    (
        r"site kind " + _Q + r" \(site (?P<s>.+?) and (?P<n>\d+) more\) is not listed in the "
        r"rules' site_kinds, so no minimum applies to it",
        "站点类型 {v}（站点 {s} 等，另有 {n} 个）不在规则的 site_kinds 中，不适用最低配置",
    ),
    (
        r"site kind " + _Q + r" \(site (?P<s>.+?)\) is not listed in the rules' site_kinds, "
        r"so no minimum applies to it",
        "站点类型 {v}（站点 {s}）不在规则的 site_kinds 中，不适用最低配置",
    ),
    (r"nearest listed kind: " + _Q + r" \((?P<k>[^)]+)\)", "最接近的已列类型：{v}（{k}）"),
    (r"nearest listed kind: " + _Q, "最接近的已列类型：{v}"),
    (r"listed kinds: (?P<list>.+)", "已列类型：{list}"),
    (_Q + r" is not a site of the populations", "{v} 不是服务对象文件中的站点"),
    (
        r"(?P<n>\d+) workers? \((?P<ids>.*)\) would be costed twice, as staff and as the post "
        r"the site lacks: fix the site, add it to the populations, or give --allow-unknown-sites",
        "这 {n} 名人员（{ids}）会被计算两次：既作为现有人员，又作为该站点所缺的岗位；"
        "请改正站点，或把该站点加入服务对象文件，或使用 --allow-unknown-sites",
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
    (r"required key is missing", "缺少必填项"),
    (r"must be a single value, not a list or mapping", "应为单个值，不能是列表或映射"),
    (_Q + r" is not a valid identifier", "{v} 不是有效的标识"),
    (_Q + r" is not a valid name", "{v} 不是有效的名称"),
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
    (r"cannot be read: (?P<why>.+)", "无法读取：{why}"),
    (r"cannot be written: (?P<why>.+)", "无法写入：{why}"),
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
    (r"not valid YAML: (?P<why>.+)", "不是有效的 YAML：{why}"),
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
    (r"no worker with id " + _Q + r" in (?P<f>\S+)", "{f} 中没有工号为 {v} 的人员"),
    (r"give one of the ids in the roster's id column", "请填写花名册工号列中的工号"),
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
    (_Q + r" is negative", "{v} 是负数"),
    (r"must be 0 or more", "应不小于 0"),
    (r"unknown category", "未知的服务对象类别"),
    (r"unknown key", "未知的键"),
    (r"(?P<a>.+) \(did you mean (?P<hint>.+)\?\)", "{a}（是否应为 {hint}？）"),
    (
        r"malformed CSV in the record starting at line (?P<n>\d+): (?P<why>.+)",
        "从第 {n} 行开始的记录不是有效的 CSV：{why}",
    ),
    (r"check for an unclosed (?P<q>.+)", "请检查是否有未闭合的 {q}"),
    (r"floor (?P<a>\S+) is above the ceiling (?P<b>\S+)", "下限 {a} 高于上限 {b}"),
    (
        r"min_points (?P<a>\S+) is not above (?P<b>\S+) of the grade before",
        "起点积分 {a} 不高于上一薪级的 {b}",
    ),
    (r"min_points must be strictly ascending", "起点积分必须严格递增"),
    (r"grade (?P<a>\S+) follows grade (?P<b>\S+)", "薪级 {a} 排在薪级 {b} 之后"),
    (r"grades must be strictly ascending", "薪级必须严格递增"),
    (r"the ladder names an exam with no award", "晋级顺序中的考试没有设定奖励"),
    (r"min_grade (?P<a>\S+) is above max_grade (?P<b>\S+)", "最低薪级 {a} 高于最高薪级 {b}"),
    (r"grade (?P<a>\S+) is not defined", "薪级 {a} 未定义"),
    (r"grades: (?P<list>.+)", "已有薪级：{list}"),
    (_Q + r" appears twice in the ladder", "{v} 在晋级顺序中出现了两次"),
    (r"the title 'none' \(no certificate\) must be listed", "必须列出职称 'none'（无证）"),
    (r"required when posts are defined", "设定了岗位时必填"),
    (r"name one of: (?P<list>.+)", "请填写其一：{list}"),
    (r"no posts are defined, so there is no default post", "未设岗位，因此没有默认岗位"),
    (
        r"a rules file must be a mapping of keys \(name, pay, \.\.\.\)",
        "规则文件应为键值映射（name、pay 等）",
    ),
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
    # usage errors of the command line
    (r"Missing argument '(?P<a>[^']+)'", "缺少参数 {a}"),
    (
        r"Invalid value for (?P<o>.+?): (?P<v>'[^']*') is not one of (?P<list>.+)",
        "{o} 的值 {v} 无效，可选：{list}",
    ),
    (r"Invalid value for (?P<o>.+?): (?P<why>.+)", "{o} 的值无效：{why}"),
    (r"No such option: (?P<o>\S+)(?: Did you mean (?P<h>\S+)\?)?", "没有选项 {o}"),
    (r"No such command '(?P<c>[^']+)'", "没有命令 {c}"),
    (r"Option '(?P<o>[^']+)' requires an argument", "选项 {o} 需要一个值"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "多余的参数（{a}）"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.+)\)", "多余的参数（{a}）"),
    (r"see '(?P<c>[^']+) --help'", "见 {c} --help"),
    (_Q + r" is not a year", "{v} 不是年份"),
    (r"write four digits, 1900-9999", "请写四位数字，1900-9999"),
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
    (r"cannot record in the ledger: (?P<why>.+)", "无法写入台账：{why}"),
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
    *_SHARED_CLAUSES,
]

_COMPILED = [(re.compile(pattern + r"\Z", re.S), text) for pattern, text in _CLAUSES]
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
            line = groups.get("line")
            groups["line_zh"] = f"（首次出现在第 {line} 行）" if line else ""
            return template.format(**groups)
    return text


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
    if lang != "zh":
        return str(problem)
    location = f"{problem.file}:{problem.where}" if problem.where else problem.file
    parts = [location, problem.path] if problem.path else [location]
    return "错误：" + ": ".join(parts) + ": " + problem_zh(problem.path, problem.message)


def message(text: str, lang: str) -> str:
    return zh(text) if lang == "zh" else text


def env_lang() -> str:
    """The default language: `SWPLAN_LANG` (`zh` or `en`), else `en`."""
    value = os.environ.get("SWPLAN_LANG", "").strip().lower()
    return value if value in ("zh", "en") else "en"
