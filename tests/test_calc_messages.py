"""What the calculations say about what they cannot work out, in English and Chinese,
through the public API (records built in code, which the readers never saw)."""

from __future__ import annotations

import datetime as dt

import pytest

from swplan import InputError, awards, load_rules, pay
from swplan.calc.plan import parse_target, plan
from swplan.messages import render
from swplan.model import ExamPass, Site, Worker

RULES = load_rules()  # the national rules


def lines(error: InputError) -> list[tuple[str, str]]:
    return [(p.line("en"), p.line("zh")) for p in error.problems]


def test_a_word_the_rules_do_not_know_is_listed_by_label() -> None:
    with pytest.raises(InputError) as caught:
        pay(RULES, [Worker("A", "s", "bachlor", "none", years_of_service=1)])
    assert lines(caught.value) == [
        (
            "error: worker A: education: 'bachlor' is not one of: secondary, associate, "
            "bachelor, master, doctorate (did you mean 'bachelor'?)",
            "错误：worker A: education: 'bachlor' 不在可选值中：中专、大专、本科、硕士、博士"
            "（是否应为 '本科'？）",
        )
    ]


def test_a_hire_after_the_costed_year() -> None:
    late = Worker("D", "s", "bachelor", "none", hired=dt.date(2027, 1, 1))
    with pytest.raises(InputError) as caught:
        pay(RULES, [late], year=2026)
    assert lines(caught.value) == [
        (
            "error: worker D: hired: hired 2027-01-01 is after the year 2026; "
            "check the date or give a later --year",
            "错误：worker D: hired: 入职日期 2027-01-01 晚于 2026 年；"
            "请检查日期，或指定更晚的 --year",
        )
    ]


def test_passes_the_awards_cannot_judge() -> None:
    workers = [Worker("W001", "s", "bachelor", "none", years_of_service=1)]
    passes = [
        ExamPass("W001", "social_wrker", dt.date(2025, 1, 1)),
        ExamPass("W00x", "social_worker", dt.date(2025, 1, 1)),
        ExamPass("W001", "social_worker", dt.date(2030, 1, 1)),
    ]
    with pytest.raises(InputError) as caught:
        awards(RULES, workers, passes, [], dt.date(2026, 1, 1))
    # (W00x is not on the roster: a status, not a problem; see test_schemes.py)
    (exam_en, exam_zh), (day_en, day_zh) = lines(caught.value)
    assert exam_en.endswith(
        "(did you mean 'social_worker'?); add the exam to awards.exams in the rules or fix the name"
    )
    assert exam_zh.endswith(
        "（是否应为 '社会工作师'？）；请在规则的 awards.exams 中加上该考试，或改正考试名称"
    )
    assert day_zh == (
        "错误：<passes>: passed_on: 2030-01-01 晚于测算日期 2026-01-01；"
        "通过日期不能在将来（请检查日期，或使用 --as-of）"
    )
    assert "2030-01-01 is after the as-of date 2026-01-01" in day_en


def test_a_misspelt_metric_in_a_target() -> None:
    with pytest.raises(ValueError) as caught:
        parse_target("shortag<=0@2027")
    assert str(caught.value).startswith("in 'shortag<=0@2027': 'shortag' is not one of: clients")
    assert str(caught.value).endswith(" (did you mean 'shortage'?)")


def test_workers_at_a_site_the_populations_lack_are_costed_and_said_so() -> None:
    stray = Worker("A", "t", "bachelor", "none", years_of_service=1)
    result = plan([("s", RULES)], [Site("s", None, None, {"elderly": 30})], [stray])
    (warning,) = result.warnings
    assert str(warning) == (
        "1 worker(s) at site 't', which is not in the populations: costed, never hired for"
    )
    assert (
        render(warning, "zh") == "1 名人员所在站点 't' 不在服务对象文件中：计入费用，但不为其招聘"
    )
