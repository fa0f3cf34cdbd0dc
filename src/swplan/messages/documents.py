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
}
