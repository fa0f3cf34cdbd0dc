"""`swplan rules show`, `extends: national`, and the packaged national rules."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, swplan

from swplan import Rules, load_rules
from swplan.io.rules_file import merge
from swplan.rules import RulesInconsistent, rules_as_data

CATEGORIES = ["elderly", "children", "youth", "disabled", "social_assistance", "corrections"]


def show(*args: str | Path, cwd: Path | None = None) -> dict:
    result = swplan("rules", "show", *args, cwd=cwd)
    assert result.code == 0, result.err
    return yaml.safe_load(result.out)


def test_show_prints_the_national_rules() -> None:
    rules = show()
    assert rules["name"] == "national default"
    assert str(rules["effective"]) == "2026-01-01"
    assert list(rules["categories"]) == CATEGORIES
    assert rules["categories"]["elderly"]["label"] == {"zh": "老年人", "en": "Elderly"}
    assert rules["staffing"]["clients_per_worker"] == 20
    assert rules["staffing"]["minimum_posts"] == {"urban_community": 1}
    # 三岗十八级: eighteen grades, 3 points apart; posts start their bands at 7 and 4
    assert [g["grade"] for g in rules["pay"]["grades"]] == list(range(1, 19))
    assert [g["min_points"] for g in rules["pay"]["grades"]][:4] == ["0", "3", "6", "9"]
    assert {p: rules["pay"]["posts"][p]["points"] for p in ("lead", "deputy", "staff")} == {
        "lead": "18",
        "deputy": "9",
        "staff": "0",
    }
    assert rules["pay"]["service"]["education_years"] == {
        "bachelor": 3,
        "master": 5,
        "doctorate": 7,
    }
    assert rules["pay"]["components"]["cert"]["by"] == "title"
    assert rules["pay"]["contributions"]["rates"]["pension"] == "0.16"  # exact, as text
    assert rules["awards"]["ladder"] == [
        "assistant_social_worker",
        "social_worker",
        "senior_social_worker",
    ]


def test_show_json_is_the_same_data() -> None:
    result = swplan("rules", "show", "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == json.loads(json.dumps(show(), default=str))


def test_show_is_the_shipped_file() -> None:
    """What `rules show` prints is configs/national.yaml, read and validated."""
    shipped = yaml.safe_load((ROOT / "configs" / "national.yaml").read_text("utf-8"))
    shown = show()
    assert shown["pay"]["points"]["education"] == {
        k: {**v, "points": str(v["points"])}
        for k, v in shipped["pay"]["points"]["education"].items()
    }
    assert list(shown["awards"]["exams"]) == list(shipped["awards"]["exams"])


def test_extends_merges_mappings_and_replaces_lists(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "extends: national-v1\n"
        "name: 示例区 2026\n"
        "categories:\n"
        "  corrections: {clients_per_worker: 10}\n"  # a mapping: merged into the national one
        "staffing:\n"
        "  minimum_posts: {township_station: 2}\n"
        "pay:\n"
        "  contributions:\n"
        "    rates: {maternity: 0.008, pension: 0.14}\n"
        "  grades:\n"  # a list: replaces the national one
        "    - {grade: 1, min_points: 0, monthly: 4500}\n"
        "    - {grade: 2, min_points: 4, monthly: 5200}\n"
        "    - {grade: 3, min_points: 8, monthly: 6100}\n"
        "awards:\n"
        "  ladder: [social_worker]\n",
        encoding="utf-8",
    )
    rules = show("--rules", "rules.yaml", cwd=tmp_path)
    assert rules["name"] == "示例区 2026"
    assert str(rules["effective"]) == "2026-01-01"  # kept from national
    assert list(rules["categories"]) == CATEGORIES  # order kept
    corrections = rules["categories"]["corrections"]
    assert corrections["clients_per_worker"] == 10
    assert corrections["label"] == {"zh": "社区矫正对象", "en": "Community corrections"}
    assert rules["staffing"]["minimum_posts"] == {"urban_community": 1, "township_station": 2}
    assert rules["staffing"]["clients_per_worker"] == 20
    assert rules["pay"]["contributions"]["rates"] == {
        "pension": "0.14",
        "medical": "0.08",
        "unemployment": "0.005",
        "work_injury": "0.002",
        "housing_fund": "0.07",
        "maternity": "0.008",
    }
    assert rules["pay"]["contributions"]["base"] == {"floor": "4000.00", "ceiling": "25000.00"}
    assert [(g["grade"], g["monthly"]) for g in rules["pay"]["grades"]] == [
        (1, "4500.00"),
        (2, "5200.00"),
        (3, "6100.00"),
    ]
    assert rules["awards"]["ladder"] == ["social_worker"]
    assert rules["awards"]["exams"]["senior_social_worker"] == "5000.00"


def test_merge() -> None:
    base = {"a": {"x": 1, "y": [1, 2]}, "b": [1], "c": 3}
    assert merge(base, {"a": {"y": [3]}, "b": [2, 3], "d": 4}) == {
        "a": {"x": 1, "y": [3]},
        "b": [2, 3],
        "c": 3,
        "d": 4,
    }
    assert merge(base, {"a": None})["a"] is None  # a non-mapping replaces
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": [1], "c": 3}  # the base is not changed


def test_a_full_rules_file_without_extends(tmp_path: Path) -> None:
    """The national file itself is a complete rules file."""
    text = (
        (ROOT / "configs" / "national.yaml")
        .read_text("utf-8")
        .replace("name: national default", "name: 自定义")
    )
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    assert show("--rules", "rules.yaml", cwd=tmp_path)["name"] == "自定义"


def test_missing_keys_without_extends(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "name: 太少\nstaffing: {clients_per_worker: 20}\n", encoding="utf-8"
    )
    result = swplan("rules", "show", "--rules", "rules.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "error: rules.yaml:" in result.err
    assert "pay: required key is missing" in result.err
    assert "start the file with 'extends: national'" in result.err


def test_national_rules_are_packaged() -> None:
    files = resources.files("swplan.configs")
    national = files.joinpath("national.yaml")
    assert national.is_file()
    assert "extends" not in yaml.safe_load(national.read_text("utf-8"))
    assert load_rules().name == "national default"


def test_national_rules_found_from_any_directory(tmp_path: Path) -> None:
    """No file of the repository is needed at run time: run from an empty directory."""
    rules = show(cwd=tmp_path)
    assert rules["name"] == "national default"
    (tmp_path / "p.yaml").write_text(
        "sites:\n  - {id: a, clients: {elderly: 57}}\n", encoding="utf-8"
    )
    result = swplan("staff", "p.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.json()["sites"][0]["required"] == 3


# --------------------------------------------------------------------------- cross-checks

# A complete rules file (no `extends`) whose title list lacks 'none'.
NO_NONE_TITLE = """\
name: no none
effective: 2026-01-01
categories:
  elderly: {}
pay:
  points:
    education: {bachelor: 2}
    title: {social_worker: 4}
    performance: {pass: 0}
  default_performance: pass
  grades:
    - {grade: 1, min_points: 0, monthly: 4000}
  contributions:
    base: {floor: 4000, ceiling: 25000}
budget:
  new_hire: {education: bachelor, title: social_worker}
"""


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        pytest.param(
            "extends: national-v1\npay:\n  posts:\n    lead: {min_grade: 3, max_grade: 7}\n",
            "4:37",  # line 4, the 7 after `    lead: {min_grade: 3, max_grade: `
            "pay.posts.lead.max_grade: grade 7 is not defined; grades: 1, 2, 3",
            id="post-bound-names-no-grade",
        ),
        pytest.param(
            "extends: national-v1\npay:\n  default_post: boss\n",
            "3:17",  # `boss`, after `  default_post: `
            "pay.default_post: 'boss' is not one of: lead, deputy, staff",
            id="unknown-default-post",
        ),
        pytest.param(
            "extends: national-v1\nbudget:\n  new_hire: {education: bachlor, title: none}\n",
            "3:25",  # `bachlor`, after `  new_hire: {education: `
            "budget.new_hire.education: 'bachlor' is not one of: secondary, associate, "
            "bachelor, master, doctorate (did you mean 'bachelor'?)",
            id="unknown-new-hire-word",
        ),
        pytest.param(
            NO_NONE_TITLE,
            "8:12",  # the title mapping, after `    title: `
            "pay.points.title: the title 'none' (no certificate) must be listed",
            id="none-title-missing",
        ),
        pytest.param(
            "extends: national-v1\nawards:\n  ladder: [social_worker, assistant_social_worker, "
            "social_worker]\n",
            "3:52",  # the second `social_worker`: 11 + 13 + 2 + 23 + 2 = 51 characters before it
            "awards.ladder[2]: 'social_worker' appears twice in the ladder",
            id="ladder-exam-twice",
        ),
        pytest.param(
            "extends: national-v1\npay:\n  allowances:\n    title:\n      socialworker: 100\n",
            "5:21",  # the 100, after `      socialworker: `
            "pay.allowances.title.socialworker: 'socialworker' is not one of: none, "
            "assistant_social_worker, social_worker, senior_social_worker "
            "(did you mean 'social_worker'?)",
            id="unknown-allowance-title",
        ),
    ],
)
def test_inconsistent_rules_are_bad_input_at_their_key(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    shown = swplan("rules", "show", "--rules", "rules.yaml", cwd=tmp_path)
    checked = swplan("check", "rules.yaml", cwd=tmp_path)
    for result in (shown, checked):
        assert (result.code, result.out) == (2, ""), result.out
        assert f"error: rules.yaml:{where}: {message}\n" in result.err


def test_rules_built_in_code_are_cross_checked() -> None:
    data = rules_as_data(load_rules())
    data["awards"]["ladder"] = ["social_worker", "social_worker"]
    data["pay"]["default_post"] = "boss"
    with pytest.raises(RulesInconsistent) as info:
        Rules.model_validate(data)
    assert info.value.problems == [
        (("pay", "default_post"), "'boss' is not one of: lead, deputy, staff"),
        (("awards", "ladder", 1), "'social_worker' appears twice in the ladder"),
    ]
    data["pay"]["default_post"] = "staff"
    data["awards"]["ladder"] = ["social_worker"]
    assert Rules.model_validate(data).awards.ladder == ["social_worker"]


def test_a_section_with_nothing_under_it_is_said_so(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("extends: national\npay:\n", encoding="utf-8")
    result = swplan("rules", "show", "--rules", rules)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "rules.yaml:2:5: pay: has nothing under it; write key: value lines under it, or remove "
        "the key\n"
    )
    zh = swplan("rules", "show", "--rules", rules, "--lang", "zh")
    assert zh.err.endswith("pay: 下面没有内容；请在其下写“键: 值”的各行，或删去该键\n")
