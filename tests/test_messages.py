"""One catalogue of keyed messages: every key has an English and a Chinese text, and both
fill in the same values."""

from __future__ import annotations

import pytest

from swplan.errors import Problem
from swplan.messages import AREAS, Clauses, Field, L, Words, catalogue, msg, placeholders


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_message_has_both_texts_with_the_same_values(key: str) -> None:
    en, zh = catalogue()[key]
    assert en.strip() and zh.strip(), key
    assert placeholders(en) == placeholders(zh), key
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), f"{key}: Chinese in the English text"


def test_the_catalogue_has_one_module_per_area() -> None:
    import importlib

    for area in AREAS:
        module = importlib.import_module(f"swplan.messages.{area}")
        assert isinstance(module.MESSAGES, dict)


def test_a_message_is_worded_in_the_language_it_is_shown_in() -> None:
    hint = msg("hint.did_you_mean", hint=L("bachelor", "本科"))
    assert str(hint) == " (did you mean 'bachelor'?)"
    assert hint.text("zh") == "（是否应为 '本科'？）"


def test_lists_fields_and_clauses_follow_the_language() -> None:
    listed = Words([L("secondary", "中专"), L("bachelor", "本科")])
    assert listed.text("en") == "secondary, bachelor"
    assert listed.text("zh") == "中专、本科"
    either = Words(["hired", "years_of_service"], joiner="or")
    assert either.text("en") == "hired or years_of_service"
    assert either.text("zh") == "hired 或 years_of_service"
    assert Field("roster", "id").text("zh") == "工号"
    assert Field("populations", "id").text("zh") == "站点编号"
    both = Clauses(msg("hint.did_you_mean", hint="x"), "plain")
    assert both.text("zh") == "（是否应为 'x'？）；plain"


def test_a_problem_names_a_data_field_by_its_chinese_header() -> None:
    p = Problem(
        "r.yaml", "4:5", "workers[3].education", msg("hint.did_you_mean", hint="b"), "roster"
    )
    assert str(p) == "error: r.yaml:4:5: workers[3].education:  (did you mean 'b'?)"
    assert p.line("zh") == "错误：r.yaml:4:5: workers[3].学历: （是否应为 'b'？）"
    rules = Problem("rules.yaml", "2:1", "pay.grades", msg("hint.did_you_mean", hint="b"))
    assert rules.line("zh").startswith("错误：rules.yaml:2:1: pay.grades: ")
