"""`swplan rules show`, `extends: national`, and the packaged national rules."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml
from conftest import ROOT, swplan

from swplan import load_rules
from swplan.io.rules_file import merge

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
    assert [g["grade"] for g in rules["pay"]["grades"]] == [1, 2, 3]
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
        "extends: national\n"
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
