"""Other libraries' words in Chinese (`--lang zh`): pydantic's, the csv module's,
click's usage errors, the system's and the YAML parser's.

Every message of swplan's own comes from the catalogue (`swplan.messages`), in both
languages. What another library words (a usage error of the command line, a CSV
reader's complaint, PyYAML's) is shown under `--lang zh` rewritten clause by clause
(clauses are separated by `; `): each known clause pattern becomes its Chinese
sentence, keeping the option, position and offending value exactly as they were. A
clause no pattern knows stays as it is.
"""

from __future__ import annotations

import os
import re
from typing import Any

# (clause pattern, Chinese), tried in order; named groups are put back as they were.
_CLAUSES: list[tuple[str, str]] = [
    # click's usage errors with pydantic's words (a narrower clause first)
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
    # the system's words (an error swplan has no words of its own for)
    (r"[Nn]o such file or directory", "文件或目录不存在"),
    (r"[Pp]ermission denied", "没有权限"),
    (r"[Ii]s a directory", "这是一个目录"),
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
    # the csv module's own words
    (r"unexpected end of data", "数据意外结束"),
    (r"line contains NUL", "该行含有 NUL 字符"),
    (r"new-line character seen in unquoted field.*", "未加引号的字段中出现换行"),
    (r"(?P<q>'.') expected after '\"'", "'\"' 之后应为 {q}"),
    (r"field larger than field limit \((?P<n>\d+)\)", "字段超过长度上限（{n}）"),
    # usage errors of the command line (click)
    (r"Missing argument '(?P<a>[^']+)'", "缺少参数 {a}"),
    (
        r"Invalid value for (?P<o>.+?): (?P<v>'[^']*') is not one of (?P<list>.+)",
        "{o} 的值 {v} 无效，可选：{list}",
    ),
    (r"Invalid value for (?P<o>.+?): (?P<why>.+)", "{o} 的值无效：{why}"),
    (
        r"No such option: (?P<o>\S+)(?: Did you mean (?P<h>\S+)\?)?"
        r"(?: \(Possible options: (?P<list>[^)]+)\))?",
        "没有选项 {o}{hint}",
    ),
    (r"No such command '(?P<c>[^']+)'", "没有命令 {c}"),
    (r"Option '(?P<o>[^']+)' requires an argument", "选项 {o} 需要一个值"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "多余的参数（{a}）"),
    (r"Got unexpected extra argument\(s\) \((?P<a>.+)\)", "多余的参数（{a}）"),
]

_COMPILED = [(re.compile(pattern + r"\Z", re.S), text) for pattern, text in _CLAUSES]


def labels_accepted() -> bool:
    """Whether input files may name a vocabulary word by its label (rules with `word()`)."""
    from .rules import Rules

    return callable(getattr(Rules, "word", None))


def _clause(text: str) -> str:
    for pattern, template in _COMPILED:
        m = pattern.match(text)
        if m:
            groups = {k: (v or "") for k, v in m.groupdict().items()}
            hint = groups.get("h") or groups.get("list")
            groups["hint"] = f"（是否应为 {hint}？）" if hint else ""
            return template.format(**groups)
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


def yaml_zh(text: str) -> str:
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


def zh(text: str) -> str:
    """Another library's `text` in Chinese, clause by clause (see the module docstring)."""
    return "；".join(_clause(part) for part in text.split("; "))


def message(text: Any, lang: str) -> str:
    """A note, warning or message in `lang`: a catalogue message is worded from its key;
    a plain string (another library's words) as `zh` words it."""
    from .messages import Localized, Msg

    if isinstance(text, Msg | Localized):
        return text.text(lang)
    return zh(text) if lang == "zh" else text


def env_lang() -> str:
    """The default language: `SWPLAN_LANG` (`zh` or `en`), else `en`."""
    value = os.environ.get("SWPLAN_LANG", "").strip().lower()
    return value if value in ("zh", "en") else "en"
