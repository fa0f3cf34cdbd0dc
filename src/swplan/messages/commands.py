"""Messages of the commands and their options: key -> (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "option.not_a_year": (
        "{value!r} is not a year; write four digits, 1900-9999",
        "{value!r} 不是年份；请写四位数字，1900-9999",
    ),
    "option.not_a_count": (
        "{value!r} is not a whole number from {least} to {most}",
        "{value!r} 不是 {least} 至 {most} 之间的整数",
    ),
    "check.rules_among": (
        "the other files are checked against the rules in {rules}",
        "其余文件按 {rules} 中的规则检查",
    ),
}
