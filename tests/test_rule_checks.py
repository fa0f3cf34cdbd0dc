"""The cross-checks of the rules: one small function each, run in the order of a rules
file's sections, every message worded in the language of the run."""

from __future__ import annotations

from pathlib import Path

from conftest import swplan

from swplan.io.rules_file import load_rules
from swplan.rules import RULE_CHECKS


def test_problems_come_in_the_order_of_the_rules_file_sections(tmp_path: Path) -> None:
    # written awards first, pay last: the report follows the checks (pay, then awards)
    (tmp_path / "rules.yaml").write_text(
        "extends: national\n"
        "awards: {ladder: [social_worker, social_worker]}\n"
        "pay: {months_per_year: 10}\n",
        encoding="utf-8",
    )
    result = swplan("check", "rules.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: rules.yaml:3:24: pay.months_per_year: 10 is below 12; every month is paid, "
        "so it must be 12 or more",
        "error: rules.yaml:2:34: awards.ladder[1]: 'social_worker' appears twice in the ladder",
    ]


def test_the_national_rules_pass_every_check() -> None:
    national = load_rules()
    assert [check.__name__ for check in RULE_CHECKS if check(national)] == []


def test_a_bonus_without_grades_is_said_in_chinese(tmp_path: Path) -> None:
    # without grades one month of bonus has nothing to be: the message, in Chinese
    (tmp_path / "rules.yaml").write_text(
        "extends: national\npay:\n  grades: null\n",
        encoding="utf-8",
    )
    result = swplan("check", "rules.yaml", "--lang", "zh", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "错误：rules.yaml:3:3: pay.performance_bonus_months: 一个月的奖金是薪级的月工资，"
        "但规则中没有薪级；请改写为 performance_bonus: {months: ..., of: [...]}，"
        "of 中列出构成一个月奖金的工资构成\n"
    )


def test_a_rules_file_is_told_its_keys_and_an_input_file_its_labels(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "extends: national\ndefault_employment: contrct\n", encoding="utf-8"
    )
    result = swplan("check", "rules.yaml", "--lang", "zh", cwd=tmp_path)
    assert result.err == (
        "错误：rules.yaml:2:21: default_employment: 'contrct' 不在可选值中："
        "contract, civil_servant, civil_servant_managed, public_institution, state_enterprise, "
        "dispatched, public_welfare_post（是否应为 'contract'？）\n"
    )
    unknown = load_rules().not_a_word("employment", "contrct")
    assert unknown.text("zh") == (
        "'contrct' 不在可选值中：合同制、公务员、参公、事业编制、国企、劳务派遣、公益性岗位"
        "（是否应为 '合同制'？）"
    )
