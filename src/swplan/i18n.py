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

_Q = r"(?P<v>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+)"  # a quoted value (repr)

# (clause pattern, Chinese), tried in order; named groups are put back as they were.
_CLAUSES: list[tuple[str, str]] = [
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
    (r"write YYYY-MM-DD", "请写成 YYYY-MM-DD"),
    (r"(?P<key>\S+) is not allowed here", "此处不允许 {key}"),
    (r"allowed: (?P<list>.*)", "允许的项：{list}"),
    (
        r"duplicate (?P<what>worker|site) id " + _Q + r" \(first at (?P<at>[^)]+)\)",
        "{what_zh}编号 {v} 重复（首次出现在 {at}）",
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
    (r"(?P<v>\S+) posts short across the sites", "各站点共缺编 {v} 个岗位"),
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
_WHAT = {"worker": "人员", "site": "站点"}


def _clause(text: str) -> str:
    for pattern, template in _COMPILED:
        m = pattern.match(text)
        if m:
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            groups["what_zh"] = _WHAT.get(groups.get("what", ""), "")
            line = groups.get("line")
            groups["line_zh"] = f"（首次出现在第 {line} 行）" if line else ""
            return template.format(**groups)
    return text


def zh(text: str) -> str:
    """`text` in Chinese, clause by clause (see the module docstring)."""
    return "；".join(_clause(part) for part in text.split("; "))


def message(text: str, lang: str) -> str:
    return zh(text) if lang == "zh" else text


def env_lang() -> str:
    """The default language: `SWPLAN_LANG` (`zh` or `en`), else `en`."""
    value = os.environ.get("SWPLAN_LANG", "").strip().lower()
    return value if value in ("zh", "en") else "en"
