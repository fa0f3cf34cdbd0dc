"""The JSON Schemas of docs/schema/: every output of every example fits its schema,
every rules file swplan ships fits the rules schema, a broken output or rules file
does not, and `swplan schema` prints them as the files hold them.

The schemas are checked with the `jsonschema` library (draft 2020-12, formats too).
A rules file is read as an editor reads YAML: numbers as numbers, dates and mapping
keys as strings (docs/json.md).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, ROOT, V1_RULES, swplan
from jsonschema import Draft202012Validator, FormatChecker

SCHEMAS = ROOT / "docs" / "schema"
OUTPUTS = {"swplan.staff/1", "swplan.pay/1", "swplan.awards/1", "swplan.budget/2", "swplan.plan/2"}
GOLDEN = ROOT / "tests" / "golden"


def schema_path(name: str) -> Path:
    """`swplan.budget/2` -> docs/schema/swplan.budget-2.json."""
    return SCHEMAS / (name.replace("/", "-") + ".json")


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def problems(data: Any, name: str | None = None) -> list[str]:
    """Where `data` breaks its schema (the one its `schema` key names): `path: message`."""
    errors = validator(name or data["schema"]).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


# --------------------------------------------------------------------------- the schemas


def test_each_schema_is_a_2020_12_schema_named_after_its_file() -> None:
    files = sorted(SCHEMAS.glob("*.json"))
    names = set()
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path.name
        assert schema["$id"] == f"https://swplan.example/schema/{path.name}", path.name
        assert schema_path(schema["title"]) == path
        names.add(schema["title"])
    assert names == {*OUTPUTS, "swplan.rules/1"}


# --------------------------------------------------------------------------- outputs

# Each example directory: its files and what the commands are given.
SETS: dict[str, dict[str, Any]] = {
    "small": {
        "populations": "small/populations.yaml",
        "roster": "small/roster.yaml",
        "more": ["--passes", "small/passes.yaml", "--ledger", "small/ledger.csv"],
        "year": "2026",
        "explain": ["W001"],
    },
    "small-csv": {
        "populations": "small/populations.yaml",
        "roster": "small/roster.csv",
        "more": ["--passes", "small/passes.yaml", "--ledger", "small/ledger.csv"],
        "year": "2026",
        "explain": ["W005"],
    },
    "county": {
        "populations": "county/populations.yaml",
        "roster": "county/roster.yaml",
        "more": ["--passes", "county/passes.csv", "--rules", "county/rules.yaml"],
        "year": "2026",
        "explain": ["W0001"],
    },
    "beijing": {
        "populations": "beijing/populations.yaml",
        "roster": "beijing/roster.yaml",
        "more": ["--rules", "beijing/rules.yaml"],
        "year": "2025",
        "explain": ["B002"],
    },
    # X003 has years_not_counted; X004 is hired in April, so its first months are unpaid
    "xiangan": {
        "populations": "xiangan/populations.yaml",
        "roster": "xiangan/roster.yaml",
        "more": ["--rules", "xiangan/rules.yaml"],
        "year": "2026",
        "as_of": "2026-12-01",
        "explain": ["X003", "X004"],
    },
    "bureau": {
        "populations": "bureau/populations.xlsx",
        "roster": "bureau/roster.xlsx",
        "more": ["--passes", "bureau/passes.xlsx"],
        "year": "2026",
        "explain": ["W001"],
    },
    "plan-one-site": {
        "populations": "plan/one-site/populations.yaml",
        "roster": "plan/one-site/roster.yaml",
        "more": ["--rules", "plan/one-site/rules.yaml"],
        "year": "2026",
        "explain": ["W1"],
    },
}


def _e(path: str) -> str:
    return str(EXAMPLES / path)


def _runs() -> list[Any]:
    """(expected schema, command line) for every command on every example."""
    runs = []
    for key, s in SETS.items():
        pops, roster, year = _e(s["populations"]), _e(s["roster"]), s["year"]
        more = [a if a.startswith("--") else _e(a) for a in s["more"]]
        rules = more[more.index("--rules") : more.index("--rules") + 2] if "--rules" in more else []
        when = ["--as-of", s["as_of"]] if "as_of" in s else []
        cases: dict[str, tuple[str, list[str]]] = {
            "staff": ("staff", ["staff", pops, *rules]),
            "staff --roster": ("staff", ["staff", pops, "--roster", roster, *rules]),
            "pay": ("pay", ["pay", roster, *rules, *when]),
            "pay --by site": ("pay", ["pay", roster, *rules, *when, "--by", "site"]),
            "pay --year": ("pay", ["pay", roster, *rules, "--year", year]),
            "pay --year --by site": (
                "pay",
                ["pay", roster, *rules, "--year", year, "--by", "site"],
            ),
            "awards": ("awards", ["awards", roster, *more, "--as-of", f"{year}-06-30"]),
            "awards --lang zh": (
                "awards",
                ["awards", roster, *more, "--lang", "zh", "--as-of", f"{year}-06-30"],
            ),
            "budget": ("budget", ["budget", pops, roster, *more]),
            "budget --by site --cap": (
                "budget",
                ["budget", pops, roster, *more, "--year", year, "--by", "site", "--cap", "1000"],
            ),
            "plan --target": (
                "plan",
                ["plan", pops, roster, *more, "--years", "2", "--from", year]
                + [f"--target=shortage<=0@{year}", f"--target=certified_share>=0.5@{year}"]
                + [f"--target=total<=1000@{year}"],
            ),
            # each site's figures; a target whose metric has no value (no residents)
            "plan --by site": (
                "plan",
                ["plan", pops, roster, *more, "--years", "2", "--from", year, "--by", "site"]
                + [f"--target=per_10k>=1@{year}", f"--target=cost_per_client>=1@{year}"],
            ),
        }
        for worker in s["explain"]:
            explain = ["pay", roster, *rules, "--explain", worker]
            cases[f"pay --explain {worker}"] = ("pay", [*explain, *when])
            cases[f"pay --year --explain {worker}"] = ("pay", [*explain, "--year", year])
        runs += [
            pytest.param(command, args, id=f"{key}: {case}")
            for case, (command, args) in cases.items()
        ]
    awards = ["awards", _e("awards/roster.csv"), "--passes", _e("awards/passes.csv")]
    awards += ["--ledger", _e("awards/ledger.csv"), "--as-of", "2025-04-15"]
    for rules in sorted((EXAMPLES / "awards").glob("*.yaml")):
        runs.append(pytest.param("awards", [*awards, "--rules", rules], id=f"awards: {rules.name}"))
    county = [_e("county/populations.yaml"), _e("county/roster.yaml")]
    county += ["--passes", _e("county/passes.csv"), "--rules", _e("plan/rules.yaml")]
    runs.append(
        pytest.param(
            "plan",
            ["plan", *county, "--scenarios", _e("plan/scenarios.yaml")],
            id="plan: scenarios",
        )
    )
    # workers at a site the populations do not have: the warnings
    one_site = [_e("plan/one-site/populations.yaml"), ROOT / "tests/bad/roster_unknown_site.yaml"]
    loose = ["--rules", _e("plan/one-site/rules.yaml"), "--allow-unknown-sites"]
    runs += [
        pytest.param(
            "staff",
            ["staff", one_site[0], "--roster", one_site[1], *loose],
            id="unknown site: staff",
        ),
        pytest.param(
            "budget", ["budget", *one_site, *loose, "--by", "site"], id="unknown site: budget"
        ),
        pytest.param("plan", ["plan", *one_site, *loose], id="unknown site: plan"),
    ]
    return runs


RUNS = _runs()


@pytest.mark.parametrize(("command", "args"), RUNS)
def test_every_example_output_fits_its_schema(command: str, args: list[str]) -> None:
    result = swplan(*args, "--format", "json", cwd=ROOT)
    assert result.code in (0, 1), result.err  # 1: a --cap or --target that failed
    data = result.json()
    assert data["schema"].startswith(f"swplan.{command}/")
    assert problems(data) == []


def test_the_runs_write_every_output_schema() -> None:
    written = {f"swplan.{p.values[0]}/" for p in RUNS}
    assert written == {name.split("/")[0] + "/" for name in OUTPUTS}


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.json")))
def test_golden_json_fits_its_schema(name: str) -> None:
    data = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    if name == "pay_small_v1.json":
        # version 1's pay, kept as it was before `step` and `components` were added
        # (docs/json.md): with the two keys today's swplan writes for it, it fits
        assert problems(data) != []
        for worker in data["workers"]:
            worker["step"] = None
            worker["components"] = {"grade": worker["monthly_base"]}
    assert problems(data) == []


def test_the_version_1_rules_give_pay_that_fits_the_schema() -> None:
    result = swplan("pay", EXAMPLES / "small" / "roster.yaml", "--rules", V1_RULES, "-f", "json")
    assert result.code == 0, result.err
    assert problems(result.json()) == []


# --------------------------------------------------------------------------- the schemas can fail


def _golden(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def _set(data: Any, path: str, value: Any) -> Any:
    """`data` with the value at `a/0/b` replaced (`...` deletes it, `name=new` renames)."""
    *parents, last = path.split("/")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if "=" in last:
        old, new = last.split("=")
        node[new] = node.pop(old)
    elif value is ...:
        del node[last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return data


# case: (golden file, the path changed, its new value, where the schema says it is wrong:
# the same path unless given)
BROKEN: dict[str, tuple[Any, ...]] = {
    "money as a number": ("pay_small.json", "workers/0/monthly_base", 4600.0),
    "money with one decimal": ("budget_county.json", "total", "1000.0"),
    "a count as text": ("staff_small.json", "totals/required", "9"),
    "a missing key": ("awards_small.json", "awards/0/reason", ..., "awards/0"),
    "a missing top-level key": ("budget_county.json", "headcount", ..., ""),
    "an unknown status": ("awards_small.json", "awards/0/status", "paid"),
    "a renamed key": ("staff_small.json", "sites/0/workload_fte=workload", None, "sites/0"),
    "a renamed top-level key": ("pay_small.json", "totals=total", None, ""),
    "an amount on a pass not due": ("awards_small.json", "awards/0/amount", "1000.00"),
    "a date that is not one": ("awards_small.json", "awards/0/passed_on", "2025-02-30"),
    "a fifth budget line": ("budget_county.json", "lines/4", {"item": "x", "amount": "1.00"}),
    "another schema name": ("staff_small.json", "schema", "swplan.staff/2"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_output_does_not_fit(case: str) -> None:
    name, path, value, *where = BROKEN[case]
    data = _golden(name)
    schema = data["schema"]
    assert problems(data) == []
    if path == "lines/4":
        data["lines"].append(value)
        where = ["lines"]
    else:
        _set(data, path, value)
    found = problems(data, schema)
    assert found, case
    assert any(p.split(":")[0] == (where or [path])[0] for p in found), found


# --------------------------------------------------------------------------- rules files


class _EditorYaml(yaml.SafeLoader):
    """YAML as an editor reads it: dates stay strings, and only true/false are booleans."""


_EditorYaml.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if not tag.endswith((":timestamp", ":bool"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EditorYaml.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_rules(text: str) -> Any:
    """A rules file read with dates and mapping keys as strings (`1: 1200` -> "1")."""

    def keyed(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): keyed(v) for k, v in node.items()}
        if isinstance(node, list):
            return [keyed(v) for v in node]
        return node

    return keyed(yaml.load(text, Loader=_EditorYaml))  # a SafeLoader


def shipped_rules() -> list[Path]:
    """Every rules file swplan ships: the built-in sets, the examples', the tests'."""
    files = [*sorted((ROOT / "configs").glob("*.yaml"))]
    files += sorted((ROOT / "tests" / "rules").glob("*.yaml"))
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = read_rules(path.read_text(encoding="utf-8"))
        if "extends" in data or "pay" in data:  # not a roster, populations, passes or scenarios
            files.append(path)
    return files


RULES = shipped_rules()


def test_the_shipped_rules_files_are_found() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in RULES}
    assert {
        "configs/national.yaml",
        "examples/county/rules.yaml",
        "examples/awards/weihai.yaml",
    } <= names
    assert len(RULES) >= 15, names


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_rules_file_fits_the_rules_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert problems(read_rules(text), "swplan.rules/1") == []
    # as swplan itself reads YAML (every value a string) it fits as well
    from swplan.io.yamldoc import parse_yaml

    assert problems(parse_yaml(str(path), text).data, "swplan.rules/1") == []
    # and the rules in force, as `rules show --format json` writes them
    shown = swplan("rules", "show", "--rules", path, "--format", "json")
    assert shown.code == 0, shown.err
    assert problems(shown.json(), "swplan.rules/1") == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rules_file_init_writes_fits_commented_and_uncommented(
    tmp_path: Path, lang: str
) -> None:
    assert swplan("init", tmp_path / "new", "--lang", lang).code == 0
    text = (tmp_path / "new" / "rules.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=swplan.rules-1.json ")
    assert problems(read_rules(text), "swplan.rules/1") == []
    every_key = re.sub(r"(?m)^#(?=[A-Za-z_]|  )", "", text)  # every key init shows, in force
    assert len(read_rules(every_key)["pay"]) > 10
    assert problems(read_rules(every_key), "swplan.rules/1") == []


LONG_FORMS = """\
extends: national
name: 长写法
effective: 2026-01-01
categories:
  elderly: {label: {zh: 老人, en: Older people}, aliases: [老年人, 长者], clients_per_worker: 25}
site_kinds:
  street_station: {label: {zh: 街道服务站}, aliases: [街道站]}
employment:
  agency_staff: {label: {zh: 外包}, aliases: [服务外包]}
pay:
  points:
    education:
      bachelor: {points: 2, label: {zh: 本科, en: Bachelor}, aliases: [大学本科, 学士]}
    title:
      social_worker: {points: 1.5, label: {zh: 社会工作师}, aliases: [社工师, 中级社工]}
    performance:
      excellent: {points: '1', label: {en: Excellent}, aliases: [优]}
  posts:
    staff: {label: {zh: 一般, en: Staff}, aliases: [一般岗位, 办事员], points: 0}
  contributions:
    items:
      pension: {label: {zh: 养老保险, en: Pension}, aliases: [养老], base: {floor: 4500}, round: jiao_up}
awards:
  exams:
    social_worker: {amount: 2500.50, label: {zh: 社会工作师}, aliases: [中级考试]}
    psychological_counselor: {amount: 800}
"""


def test_long_forms_of_vocabulary_entries_fit(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(LONG_FORMS, encoding="utf-8")
    assert swplan("check", path).code == 0  # swplan takes it
    assert problems(read_rules(LONG_FORMS), "swplan.rules/1") == []
    typo = LONG_FORMS.replace("aliases: [社工师", "alias: [社工师")
    assert problems(read_rules(typo), "swplan.rules/1") != []


RULES_BROKEN = {
    "rules_key_typo.yaml": "staffing",  # clients_per_workr
    "rules_extends_typo.yaml": "extends",  # nationl
    "rules_negative_rate.yaml": "pay/contributions/rates/pension",
}


@pytest.mark.parametrize("name", list(RULES_BROKEN))
def test_a_broken_rules_file_does_not_fit(name: str) -> None:
    text = (ROOT / "tests" / "bad" / name).read_text(encoding="utf-8")
    found = problems(read_rules(text), "swplan.rules/1")
    assert [p.split(":")[0] for p in found] == [RULES_BROKEN[name]], found


def test_a_rules_file_without_extends_must_give_the_required_keys() -> None:
    national = read_rules((ROOT / "configs" / "national.yaml").read_text(encoding="utf-8"))
    assert problems(national, "swplan.rules/1") == []
    for path in ("budget", "pay/contributions/base/ceiling", "pay/points/title"):
        lacking = _set(copy.deepcopy(national), path, ...)
        assert problems(lacking, "swplan.rules/1") != [], path
        # laid over a built-in set, the file may leave them out
        assert problems({**lacking, "extends": "national"}, "swplan.rules/1") == [], path


# --------------------------------------------------------------------------- swplan schema


def _names() -> list[str]:
    return sorted(
        json.loads(p.read_text(encoding="utf-8"))["title"] for p in SCHEMAS.glob("*.json")
    )


@pytest.mark.parametrize("name", _names())
def test_swplan_schema_prints_each_schema_as_its_file_holds_it(name: str) -> None:
    text = schema_path(name).read_text(encoding="utf-8")
    command = name.removeprefix("swplan.").split("/")[0]
    for given in (name, schema_path(name).name, command, command.upper()):
        result = swplan("schema", given)
        assert (result.code, result.out, result.err) == (0, text, ""), given


def test_swplan_schema_lists_the_schemas() -> None:
    result = swplan("schema")
    assert result.code == 0
    rows = [line.split(None, 1) for line in result.out.splitlines()]
    assert [name for name, _ in rows] == _names()
    assert dict(rows)["swplan.budget/2"] == "the JSON of swplan budget --format json"
    assert dict(rows)["swplan.rules/1"] == "a rules file (YAML)"
    assert result.err.startswith("print one with: swplan schema NAME")
    zh = swplan("schema", "--lang", "zh")
    assert "swplan.rules/1   规则文件（YAML）" in zh.out.splitlines()


def test_an_unknown_schema_is_a_usage_error_with_a_suggestion() -> None:
    result = swplan("schema", "budgt")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: NAME: 'budgt' is not one of swplan's schemas: swplan.awards/1, swplan.budget/2, "
        "swplan.pay/1, swplan.plan/2, swplan.rules/1, swplan.staff/1 (did you mean 'budget'?)\n"
    )
    assert swplan("schema", "swplan.pay/2").err.endswith("(did you mean 'swplan.pay/1'?)\n")
    zh = swplan("schema", "budgt", "--lang", "zh")
    assert zh.code == 2 and zh.err.startswith("错误：NAME: 'budgt' 不是 swplan 的 schema")


# --------------------------------------------------------------------------- packaging


def test_the_installed_schemas_are_the_files_of_docs_schema() -> None:
    """`pip install .` ships docs/schema as swplan.schemas: the same files, byte for byte."""
    installed = resources.files("swplan.schemas")
    shipped = {p.name: p.read_bytes() for p in installed.iterdir() if p.name.endswith(".json")}
    assert shipped == {p.name: p.read_bytes() for p in SCHEMAS.glob("*.json")}


def test_every_package_is_installed() -> None:
    """Every package of src/swplan is in pyproject's list (one left out breaks a wheel),
    and the schemas are installed from docs/schema with their files."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    config = pyproject["tool"]["setuptools"]
    src = ROOT / "src"
    found = {
        ".".join(p.parent.relative_to(src).parts) for p in (src / "swplan").rglob("__init__.py")
    }
    assert found <= set(config["packages"])
    assert config["package-dir"]["swplan.schemas"] == "docs/schema"
    assert "swplan.schemas" in config["packages"]
    assert config["package-data"]["swplan.schemas"] == ["*.json"]
