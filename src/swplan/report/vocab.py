"""The words of the rules' vocabularies as a reader sees them: one lookup for every format.

`word(rules, vocab, key, lang)` gives an entry's label in the language: the rules' own
`label: {zh, en}` when the entry has one (categories and posts today; any vocabulary
whose entries carry a `label`), else the built-in Chinese word for the national
default's keys, else the key itself. JSON never goes through here: its values stay keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..rules import Rules

# Chinese words for the national default's vocabulary keys, used when the rules give
# no label of their own.
BUILTIN_ZH: dict[str, dict[str, str]] = {
    "education": {
        "secondary": "中专",
        "associate": "大专",
        "bachelor": "本科",
        "master": "硕士",
        "doctorate": "博士",
    },
    "title": {
        "none": "无",
        "assistant_social_worker": "助理社会工作师",
        "social_worker": "社会工作师",
        "senior_social_worker": "高级社会工作师",
    },
    "exam": {
        "assistant_social_worker": "助理社会工作师",
        "social_worker": "社会工作师",
        "senior_social_worker": "高级社会工作师",
        "psychological_counselor": "心理咨询师",
    },
    "performance": {
        "excellent": "优秀",
        "good": "良好",
        "pass": "合格",
        "basic_pass": "基本合格",
        "fail": "不合格",
    },
    "kind": {
        "urban_community": "城市社区",
        "rural_community": "农村社区",
        "township_station": "乡镇社工站",
        "agency": "社工机构",
        "welfare_institution": "福利机构",
    },
    "contribution": {
        "pension": "养老保险",
        "medical": "医疗保险",
        "unemployment": "失业保险",
        "work_injury": "工伤保险",
        "maternity": "生育保险",
        "housing_fund": "住房公积金",
    },
    "status": {
        "due": "应发",
        "already_paid": "已发放",
        "duplicate": "重复",
        "expired": "已过期",
        "ineligible": "不符合条件",
        "capped": "已达上限",
        "not_awarded": "不予奖励",
        "out_of_scope": "不在奖励范围",
        "not_on_roster": "不在花名册",
    },
    "scheme": {"default": "默认方案"},
    "item": {
        "current_staff": "现有人员费用",
        "new_hires": "新增岗位",
        "awards": "考试奖励",
        "training": "培训费",
    },
    "component": {"floor": "托底补差"},
    "employment": {
        "contract": "合同制",
        "civil_servant": "公务员",
        "civil_servant_managed": "参公",
        "public_institution": "事业编制",
        "state_enterprise": "国企",
    },
}

# The English a table shows for words that are not vocabulary of the rules.
BUILTIN_EN: dict[str, dict[str, str]] = {
    "status": {
        "already_paid": "already paid",
        "not_awarded": "not awarded",
        "out_of_scope": "out of scope",
        "not_on_roster": "not on roster",
    },
    "item": {
        "current_staff": "Current staff",
        "new_hires": "New hires",
        "awards": "Exam awards",
        "training": "Training",
    },
}


def _entries(rules: Rules, vocab: str) -> Any:
    """The rules' mapping for a vocabulary (entries may be numbers or models)."""
    pay = rules.pay
    where: dict[str, Callable[[], Any]] = {
        "category": lambda: rules.categories,
        "post": lambda: pay.posts,
        "education": lambda: pay.points.education,
        "title": lambda: pay.points.title,
        "performance": lambda: pay.points.performance,
        "exam": lambda: rules.awards.exams,
        "kind": lambda: getattr(rules, "site_kinds", None),
        "employment": lambda: getattr(rules, "employment", None),
        "area": lambda: getattr(rules, "areas", None),
        "contribution": lambda: getattr(pay.contributions, "items", None),
        "component": lambda: getattr(pay, "components", None),
    }
    get = where.get(vocab)
    try:
        return get() if get is not None else None
    except AttributeError:
        return None


# the rules' own name of a vocabulary, where it differs from the one used here
_RULES_VOCABULARY = {"kind": "site_kind"}


def _entry(rules: Rules, vocab: str, key: str) -> Any:
    """The rules' entry for `key` (it may carry a `label`), or None."""
    words = getattr(rules, "words", None)  # rules whose every vocabulary has labels
    if callable(words):
        try:
            entries = words(_RULES_VOCABULARY.get(vocab, vocab))
        except (KeyError, AttributeError):
            entries = None
        if entries is not None:
            return entries.get(key)
    entries = _entries(rules, vocab)
    return entries.get(key) if isinstance(entries, dict) else None


def word(rules: Rules, vocab: str, key: str | None, lang: str) -> str:
    """The label of `key` in vocabulary `vocab` (see the module docstring); '' for None."""
    if key is None:
        return ""
    own = getattr(_entry(rules, vocab, key), "label", None)
    if own is not None:
        text = getattr(own, lang, None)
        if text:
            return str(text)
    if lang == "zh":
        builtin = BUILTIN_ZH.get(vocab, {}).get(key)
        if builtin is None and vocab == "exam":  # an exam named after a title
            builtin = BUILTIN_ZH["title"].get(key)
        if builtin:
            return builtin
    else:
        text = BUILTIN_EN.get(vocab, {}).get(key)
        if text:
            return text
    return key


def words(rules: Rules, lang: str) -> Callable[[str, str | None], str]:
    """`word` with the rules and language fixed: `w("post", "lead")`."""
    return lambda vocab, key: word(rules, vocab, key, lang)


_BUILTIN_RULES_ZH = {
    "national default": "全国默认标准",
    "national default (version 1)": "全国默认标准（第1版）",
}


def rules_name(rules: Rules, lang: str) -> str:
    """The rules' name for a title: the packaged defaults have a Chinese name too."""
    if lang == "zh":
        return _BUILTIN_RULES_ZH.get(rules.name, rules.name)
    return rules.name
