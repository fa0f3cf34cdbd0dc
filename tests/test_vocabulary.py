"""Vocabulary labels and aliases, site kinds and certified titles (docs/formats.md)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import swplan

from swplan import InputError, load_ledger, load_populations, load_roster, load_rules, staff
from swplan.rules import Rules

NATIONAL = load_rules()


class Streamed:
    """What a roster read row by row gave: totals, count, and the ids in file order."""

    def __init__(self, totals: Any, count: int, ids: Any) -> None:
        self.totals, self.count, self.ids = totals, count, ids


def stream_pay(
    path: Path,
    rules: Rules,
    as_of: dt.date | None,
    out: Any,
    *,
    counts: Any = None,
    year: int | None = None,
) -> Streamed:
    """`pay -f csv` into `out` (None: nothing written), or with `counts` the per-site
    counts `staff` and `budget` take from the roster."""
    from swplan.calc.costing import RosterCosting
    from swplan.commands.roster import summarise_roster, write_pay

    costing = RosterCosting(rules, as_of=as_of, year=year)
    if counts is not None:
        summary = summarise_roster(path, rules, costing)
        counts.current.update(summary.counts.current)
        counts.certified.update(summary.counts.certified)
        counts.sample_ids.update(summary.counts.sample_ids)
    target = out if out is not None else io.StringIO()
    tally = write_pay(path, rules, costing, target, fmt="csv", lang="en", by=None)
    return Streamed(tally.totals(), tally.count, _ids(path, rules))


def _ids(path: Path, rules: Rules) -> list[str]:
    from swplan.io.roster import RosterRows

    rows = RosterRows(path, rules)
    return [row.id for row in rows]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("vocabulary", "text", "key"),
    [
        ("education", "bachelor", "bachelor"),  # the key
        ("education", "本科", "bachelor"),  # the zh label
        ("education", "大学本科", "bachelor"),  # an alias
        ("education", " 大学 本科 ", "bachelor"),  # spaces removed
        ("education", "大学\u3000本科", "bachelor"),  # the ideographic space too
        ("education", "BACHELOR", "bachelor"),  # Latin case ignored
        ("education", "ｂａｃｈｅｌｏｒ", "bachelor"),  # fullwidth = halfwidth
        ("education", "中专", "secondary"),
        ("education", "高中", "secondary"),
        ("education", "专科", "associate"),
        ("education", "研究生", "master"),
        ("education", "博士研究生", "doctorate"),
        ("title", "无", "none"),
        ("title", "", "none"),  # blank is none in the national rules
        ("title", "助理社工师", "assistant_social_worker"),
        ("title", "初级", "assistant_social_worker"),
        ("title", "中级", "social_worker"),
        ("title", "高级社工师", "senior_social_worker"),
        ("exam", "社会工作师", "social_worker"),  # exams take the titles' words
        ("exam", "心理咨询师", "psychological_counselor"),
        ("performance", "优秀", "excellent"),
        ("performance", "良好", "good"),
        ("performance", "称职", "pass"),
        ("performance", "基本合格", "basic_pass"),
        ("performance", "基本称职", "basic_pass"),
        ("performance", "不称职", "fail"),
        ("site_kind", "城市社区", "urban_community"),
        ("site_kind", "村", "rural_community"),
        ("site_kind", "乡镇(街道)社工站", "township_station"),  # halfwidth brackets
        ("site_kind", "乡镇（街道）社工站", "township_station"),
        ("employment", "参公", "civil_servant_managed"),
        ("employment", "事业编制", "public_institution"),
        ("post", "站长", "lead"),
        ("post", "正职", "lead"),
        ("category", "老年人", "elderly"),
        ("category", "Elderly", "elderly"),
        ("contribution", "住房公积金", "housing_fund"),
        ("education", "本课", None),
        ("title", "社工", None),
    ],
)
def test_word_names_the_entry(vocabulary: str, text: str, key: str | None) -> None:
    assert NATIONAL.word(vocabulary, text) == key


def test_unknown_word_suggests_the_nearest_name() -> None:
    assert NATIONAL.unknown_word("education", "bachlor") == (
        "'bachlor' is not one of: secondary, associate, bachelor, master, doctorate "
        "(did you mean 'bachelor'?)"
    )
    assert NATIONAL.unknown_word("education", "大学本").endswith("(did you mean '大学本科'?)")


def test_label_of() -> None:
    assert NATIONAL.label_of("title", "social_worker", "zh") == "社会工作师"
    assert NATIONAL.label_of("title", "social_worker", "en") == "social_worker"  # no en label
    assert NATIONAL.label_of("category", "elderly", "en") == "Elderly"
    assert NATIONAL.label_of("contribution", "maternity", "zh") == "生育保险"
    assert NATIONAL.label_of("site_kind", "somewhere", "zh") == "somewhere"


# --------------------------------------------------------------------------- the rules file


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text("extends: national-v1\nname: t\n" + text, encoding="utf-8")
    return path


def test_long_and_short_forms(tmp_path: Path) -> None:
    rules = load_rules(
        rules_file(
            tmp_path,
            "pay:\n  points:\n    education:\n"
            "      bachelor: 3\n"  # short form over the national long form: labels kept
            "      vocational: {points: 1, label: {zh: 职高, en: Vocational}, aliases: [技校]}\n"
            "awards:\n  exams:\n    social_worker: 2500\n"
            "    counsellor_b: {amount: 800, label: {zh: 婚姻家庭咨询师}}\n",
        )
    )
    assert rules.pay.points.education["bachelor"] == 3
    assert rules.word("education", "大学本科") == "bachelor"
    assert rules.word("education", "技校") == "vocational"
    assert rules.pay.points.education["vocational"] == 1
    assert rules.awards.exams["counsellor_b"] == 800
    assert rules.word("exam", "婚姻家庭咨询师") == "counsellor_b"
    assert rules.word("exam", "社工师") == "social_worker"


def test_an_alias_naming_two_entries_is_a_rules_error(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path,
        "pay:\n  points:\n    education:\n"
        "      associate: {points: 1, label: {zh: 大专}, aliases: [专科, 本科]}\n",
    )
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert str(err.value) == (
        f"error: {path}:6:61: pay.points.education.associate.aliases[1]: '本科' names both "
        "'bachelor' and 'associate' among the education words; a label or alias must name one entry"
    )


def test_an_alias_clash_after_normalising_is_an_error(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path, "site_kinds:\n  hub: {label: {zh: 枢纽站}, aliases: [乡镇 (街道) 社工站]}\n"
    )
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert "'乡镇 (街道) 社工站' names both 'township_station' and 'hub'" in str(err.value)


def test_a_malformed_long_form_is_an_error(tmp_path: Path) -> None:
    path = rules_file(tmp_path, "pay:\n  points:\n    title:\n      trainee: {label: {zh: 见习}}\n")
    with pytest.raises(InputError) as err:
        load_rules(path)
    assert "pay.points.title.trainee: required key 'points' is missing" in str(err.value)


def test_rules_show_shows_labels_and_basic_pass() -> None:
    result = swplan("rules", "show")
    assert result.code == 0
    shown = yaml.safe_load(result.out)
    assert shown["pay"]["points"]["performance"]["basic_pass"] == {
        "points": "0",
        "label": {"zh": "基本合格"},
        "aliases": ["基本称职"],
    }
    assert list(shown["pay"]["points"]["performance"]) == [
        "excellent",
        "good",
        "pass",
        "basic_pass",
        "fail",
    ]
    assert shown["pay"]["performance_bonus_months"] == {"excellent": "1", "good": "0.5"}
    assert shown["site_kinds"]["township_station"]["aliases"] == [
        "社工站",
        "乡镇（街道）社工站",
        "街道社工站",
        "社会工作服务站",
    ]
    assert shown["awards"]["exams"]["social_worker"] == "2000.00"
    assert shown["awards"]["exams"]["psychological_counselor"]["label"] == {"zh": "心理咨询师"}
    assert shown["default_employment"] == "contract"


# --------------------------------------------------------------------------- input files


ENGLISH = (
    "id,name,site,education,title,post,hired,performance\n"
    "W1,张三,s1,bachelor,assistant_social_worker,lead,2016-09-01,good\n"
    "W2,李四,s1,master,none,,2020-03-01,basic_pass\n"
    "W3,王五,s2,associate,social_worker,deputy,2012-01-01,fail\n"
)
CHINESE = (
    "id,name,site,education,title,post,hired,performance\n"
    "W1,张三,s1,本科,助理社会工作师,站长,2016-09-01,良好\n"
    "W2,李四,s1,硕士研究生,,,2020-03-01,基本称职\n"
    "W3,王五,s2, 大 专 ,中级,副职,2012-01-01,不合格\n"
)


def test_chinese_roster_values_give_the_same_pay_on_every_path(tmp_path: Path) -> None:
    (tmp_path / "en.csv").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "zh.csv").write_text(CHINESE, encoding="utf-8")
    english = load_roster(tmp_path / "en.csv", NATIONAL)
    chinese = load_roster(tmp_path / "zh.csv", NATIONAL)
    assert chinese == english
    outputs = []
    for name in ("en.csv", "zh.csv"):
        with (tmp_path / f"{name}.out").open("w", encoding="utf-8", newline="") as out:
            totals = stream_pay(tmp_path / name, NATIONAL, None, out)
        outputs.append((tmp_path / f"{name}.out").read_text(encoding="utf-8"))
        assert totals.count == 3
    assert outputs[0] == outputs[1]  # the same bytes
    pay_json = [
        swplan("pay", tmp_path / name, "-f", "json").json()["workers"]
        for name in ("en.csv", "zh.csv")
    ]
    assert pay_json[0] == pay_json[1]


def test_unknown_chinese_value_is_an_error_on_the_streamed_path_too(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(
        "id,site,education,title,years_of_service,employment\n"
        "W1,s1,本课,无,3,\nW2,s1,本科,无,3,编外\n",
        encoding="utf-8",
    )
    for args in (("-f", "json"), ("-f", "csv")):  # per-row and streamed
        result = swplan("pay", tmp_path / "r.csv", *args)
        assert result.code == 2
        assert "r.csv:2:3: education: '本课' is not one of:" in result.err
        assert "r.csv:3:6: employment: '编外' is not one of: contract," in result.err


def test_yaml_values_and_client_categories_by_label(tmp_path: Path) -> None:
    (tmp_path / "roster.yaml").write_text(
        "workers:\n  - {id: W1, site: s1, education: 博士, title: 高级, years_of_service: 2,"
        " performance: 优秀, employment: 国企}\n",
        encoding="utf-8",
    )
    (worker,) = load_roster(tmp_path / "roster.yaml", NATIONAL)
    assert (worker.education, worker.title, worker.performance, worker.employment) == (
        "doctorate",
        "senior_social_worker",
        "excellent",
        "state_enterprise",
    )
    (tmp_path / "pops.yaml").write_text(
        "sites:\n  - {id: s1, kind: 城市社区, clients: {老年人: 30, children: 5}}\n",
        encoding="utf-8",
    )
    (site,) = load_populations(tmp_path / "pops.yaml", NATIONAL).sites
    assert site.kind == "urban_community" and site.clients == {"elderly": 30, "children": 5}


def test_ledger_exam_by_label(tmp_path: Path) -> None:
    (tmp_path / "ledger.csv").write_text(
        "worker_id,exam,amount,paid_on\nW1,社工师,2000.00,2025-01-01\nW2,retired_exam,5.00,2019-01-01\n",
        encoding="utf-8",
    )
    rows = load_ledger(tmp_path / "ledger.csv", NATIONAL)
    assert [r.exam for r in rows] == ["social_worker", "retired_exam"]


# --------------------------------------------------------------------------- site kinds


def test_chinese_site_kind_keeps_its_minimum(tmp_path: Path) -> None:
    """城市社区 is urban_community: its minimum of 1 post and 1 certified worker applies."""
    (tmp_path / "pops.csv").write_text(
        "id,name,kind,elderly\ns1,金江社区,城市社区,5\n", encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service\nW1,s1,本科,无,1\n", encoding="utf-8"
    )
    result = swplan(
        "staff", tmp_path / "pops.csv", "--roster", tmp_path / "roster.csv", "-f", "json"
    )
    assert result.code == 0, result.err
    (site,) = result.json()["sites"]
    # 5 elderly / 20: 0 dedicated, 1 mixed; the minimum (1) is not above it
    assert (site["kind"], site["required"], site["certified"], site["certified_ok"]) == (
        "urban_community",
        1,
        0,
        False,
    )


def test_unlisted_site_kind_warns_with_the_nearest_kind(tmp_path: Path) -> None:
    (tmp_path / "pops.yaml").write_text(
        "sites:\n  - {id: s1, kind: urban_comunity, clients: {elderly: 5}}\n"
        "  - {id: s2, kind: urban_comunity, clients: {elderly: 5}}\n",
        encoding="utf-8",
    )
    result = swplan("staff", tmp_path / "pops.yaml", "-f", "json")
    assert result.code == 0
    assert result.json()["warnings"] == [
        "site kind 'urban_comunity' (site s1, s2) is not listed in the rules' site_kinds, so no "
        "minimum applies to it; nearest listed kind: 'urban_community'"
    ]
    assert "warning: site kind 'urban_comunity'" in result.err
    assert [s["kind"] for s in result.json()["sites"]] == ["urban_comunity", "urban_comunity"]


def test_unlisted_site_kind_is_an_error_when_the_bureau_lists_site_kinds(tmp_path: Path) -> None:
    rules = rules_file(tmp_path, "site_kinds:\n  hamlet: {label: {zh: 自然村}}\n")
    (tmp_path / "pops.yaml").write_text(
        "sites:\n  - {id: s1, kind: 城市社区, clients: {elderly: 5}}\n", encoding="utf-8"
    )
    (tmp_path / "pops.csv").write_text("id,kind,elderly\ns1,城市社区x,5\n", encoding="utf-8")
    yaml_result = swplan("staff", tmp_path / "pops.yaml", "--rules", rules)
    assert yaml_result.code == 0  # 城市社区 is listed (extends national)
    csv_result = swplan("staff", tmp_path / "pops.csv", "--rules", rules)
    assert csv_result.code == 2
    assert "pops.csv:2:2: kind: '城市社区x' is not one of: urban_community," in csv_result.err
    assert "(did you mean '城市社区'?)" in csv_result.err


def test_a_minimum_naming_an_unlisted_kind_is_an_error_when_the_bureau_lists_kinds(
    tmp_path: Path,
) -> None:
    rules = rules_file(
        tmp_path, "site_kinds:\n  hamlet: {}\nstaffing:\n  minimum_posts: {hamlt: 1}\n"
    )
    with pytest.raises(InputError) as err:
        load_rules(rules)
    assert "staffing.minimum_posts.hamlt: 'hamlt' is not one of:" in str(err.value)


# --------------------------------------------------------------------------- certified titles


def test_certified_titles_decide_who_counts(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path, "staffing:\n  certified_titles: [social_worker, senior_social_worker]\n"
    )
    rules: Rules = load_rules(path)
    (tmp_path / "pops.yaml").write_text(
        "sites:\n  - {id: s1, kind: urban_community, clients: {elderly: 40}}\n", encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text(
        "id,site,education,title,years_of_service\n"
        "W1,s1,本科,助理社会工作师,1\nW2,s1,本科,社会工作师,1\nW3,s1,本科,无,1\n",
        encoding="utf-8",
    )
    sites = load_populations(tmp_path / "pops.yaml", rules).sites
    workers = load_roster(tmp_path / "roster.csv", rules)
    assert staff(rules, sites, workers).sites[0].certified == 1  # W2 only
    assert staff(NATIONAL, sites, workers).sites[0].certified == 2  # W1 and W2
    streamed = swplan(
        "staff", tmp_path / "pops.yaml", "--roster", tmp_path / "roster.csv", "--rules", path,
        "-f", "json", env={"SWPLAN_PARALLEL_BYTES": "0"},
    )  # fmt: skip
    assert streamed.json()["sites"][0]["certified"] == 1


def test_certified_titles_must_be_titles(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load_rules(rules_file(tmp_path, "staffing:\n  certified_titles: [social_workr]\n"))
    assert "staffing.certified_titles[0]: 'social_workr' is not one of:" in str(err.value)
