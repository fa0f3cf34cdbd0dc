"""The Chinese header of each column of a data file, for naming fields in messages.

Under `--lang zh` a message about a roster, populations, passes or ledger file names a
field by the header a bureau's own sheet uses (工号, 站点, 学历), not by its key; a
YAML key path reads `workers[3].学历`. Rules files are written in keys, so messages
about them keep the keys.
"""

from __future__ import annotations

import re

HEADERS_ZH: dict[str, dict[str, str]] = {
    "roster": {
        "id": "工号",
        "name": "姓名",
        "site": "站点",
        "education": "学历",
        "title": "职称",
        "post": "岗位",
        "hired": "入职日期",
        "years_of_service": "工龄",
        "performance": "考核等次",
        "employment": "用工性质",
        "years_not_counted": "不计工龄年数",
        "area": "地区",
        "title_since": "取证时间",
        "exams": "考试",
        "exam": "考试",
        "passed_on": "通过日期",
        "workers": "人员",
    },
    "populations": {
        "id": "站点编号",
        "name": "名称",
        "kind": "类型",
        "clients": "服务对象",
        "aliases": "别名",
        "residents": "常住人口",
        "posts_cap": "编制数",
        "opens": "开办年份",
        "closes": "撤销年份",
        "growth": "增长率",
        "area": "地区",
        "region": "地区名称",
        "sites": "站点",
    },
    "passes": {
        "worker_id": "工号",
        "exam": "考试",
        "passed_on": "通过日期",
        "name": "姓名",
        "exam_year": "考试年度",
        "passes": "通过记录",
    },
    "ledger": {
        "worker_id": "工号",
        "exam": "考试",
        "amount": "金额",
        "paid_on": "发放日期",
        "scheme": "奖励方案",
    },
}

_INDEX = re.compile(r"^(?P<key>[^\[\]]*)(?P<index>(?:\[[^\]]*\])*)$")


def header_zh(kind: str | None, key: str) -> str:
    """The Chinese header of column `key` of a `kind` file, else the key itself."""
    if kind is None:
        return key
    return HEADERS_ZH.get(kind, {}).get(key, key)


def path_zh(kind: str | None, path: str) -> str:
    """A key path with each field of a data file named by its Chinese header:
    `workers[3].education` -> `workers[3].学历` (a rules path stays as it is)."""
    if kind is None or kind not in HEADERS_ZH or not path or path.startswith("-"):
        return path
    out = []
    for part in path.split("."):
        m = _INDEX.match(part)
        if m is None or m["key"] == "workers" or m["key"] in ("sites", "passes"):
            out.append(part)
            continue
        out.append(header_zh(kind, m["key"]) + m["index"])
    return ".".join(out)
