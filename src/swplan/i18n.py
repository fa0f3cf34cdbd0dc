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
]

# (clause pattern, Chinese), tried in order; named groups are put back as they were.
_CLAUSES: list[tuple[str, str]] = [
    *_PLAN_CLAUSES,
    (
        _Q + r" is not one of: (?P<list>.*?) \(did you mean (?P<hint>.+)\?\)",
        "{v} 不在可选值中：{list}（是否应为 {hint}？）",
    ),
    (_Q + r" is not one of: (?P<list>.*)", "{v} 不在可选值中：{list}"),
    (r"at most (?P<max>\S+)", "最多 {max}"),
    (
        r"allowed: (?P<list>.*?) \(did you mean (?P<hint>.+)\?\)",
        "允许的项：{list}（是否应为 {hint}？）",
    ),
    (r"allowed: (?P<list>.*)", "允许的项：{list}"),
    (r"duplicate key " + _Q + r"(?: \(first at line (?P<line>\d+)\))?", "键 {v} 重复{line_zh}"),
    (r"each key may appear once", "每个键只能出现一次"),
    (r"cannot be written: (?P<why>.+)", "无法写入：{why_zh}"),
    (r"name a file in an existing, writable directory", "请指定一个位于已存在且可写目录中的文件"),
    (r"not valid YAML: (?P<yaml>.+)", "不是有效的 YAML：{yaml_zh}"),
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
    (r"is not one of: (?P<list>.*)", "不在可选值中：{list}"),
    (r"too many aliases: this expands to too many values", "别名过多：展开后的值过多"),
    (r"write the values out instead of nesting aliases", "请直接写出各个值，不要嵌套别名"),
    (r"YAML tag " + _Q + r" is not allowed", "不允许使用 YAML 标签 {v}"),
    (r"write plain values", "请只写普通值"),
    (r"unknown key", "未知的键"),
    (r"shows one worker, so --by has nothing to group", "只显示一名人员，--by 无可分组"),
    (r"leave out --by", "请去掉 --by"),
    (r"nesting is too deep", "嵌套层数过多"),
    # what the readers skipped or ignored (notes)
    (
        r"(?P<f>.+) skipped: a lock file, not a swplan file",
        "{f} 已跳过：这是锁定文件，不是 swplan 文件",
    ),
    # dates and cells
    # sites
    # output files
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
    # merged cells
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
    # passes, ledger and options
    (
        r"costs a whole year, --as-of one day's run rate",
        "--year 测算全年费用，--as-of 测算某一天的年化费用",
    ),
    (r"give one of them", "请只指定其中一个"),
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
    (r"cannot record in the ledger: (?P<why>.+)", "无法写入台账：{why_zh}"),
    (r"check that its directory exists and is writable", "请确认其目录存在且可写"),
    (r"already exists", "已存在"),
    (
        r"swplan init never overwrites a file: choose a new directory or move the file away",
        "swplan init 不会覆盖已有文件：请换一个目录，或先移走该文件",
    ),
    (r"is a file, not a directory", "是文件，不是目录"),
    (r"cannot be created: (?P<why>.+)", "无法创建：{why}"),
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
    # `swplan check` summaries
    (r"roster, (?P<n>\d+) workers", "花名册，{n} 人"),
    (r"populations, (?P<n>\d+) sites", "服务对象，{n} 个站点"),
    (r"passes, (?P<n>\d+) passes", "考试通过记录，{n} 条"),
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
