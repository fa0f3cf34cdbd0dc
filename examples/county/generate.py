#!/usr/bin/env python3
"""Write the county example: an urban district of about 60 sites and 220 workers.

    python examples/county/generate.py            # rewrites the files beside this script

Writes, next to this script:

* ``rules.yaml``        ``extends: national`` with the district's own changes
                        (corrections at 1:10, a township-station minimum, maternity insurance)
* ``populations.yaml``  about 60 sites: mostly urban communities (城市社区), a few township
                        social-work stations (乡镇/街道社工站) and two service agencies (社工机构)
* ``roster.yaml``       about 220 workers, a few with their own exam passes
* ``passes.csv``        exam passes of the 2025 sittings, for ``swplan awards --passes``

Only the standard library is used, and everything is drawn from one seeded
``random.Random`` in a fixed order: the same script always writes the same bytes.
The district is made up; the shape (an ageing population, many small communities,
a few big stations, a shortage of posts and of certified workers) is the usual one.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent
EFFECTIVE = dt.date(2026, 1, 1)

CATEGORIES = ["elderly", "children", "youth", "disabled", "social_assistance", "corrections"]
RATIO = {"corrections": 10}  # the district's own ratio; others use the 1:20 standard
DEFAULT_RATIO = 20
MINIMUM_POSTS = {"urban_community": 1, "township_station": 2}

# (id, name) of the urban communities: pinyin ids, Chinese names.
COMMUNITIES = [
    ("jinjiang", "金江"),
    ("hongqi", "红旗"),
    ("xinhua", "新华"),
    ("dongfang", "东方"),
    ("chengnan", "城南"),
    ("chengbei", "城北"),
    ("binjiang", "滨江"),
    ("wenhua", "文化"),
    ("heping", "和平"),
    ("yongan", "永安"),
    ("changqing", "长青"),
    ("qingshan", "青山"),
    ("lvyuan", "绿苑"),
    ("taoyuan", "桃源"),
    ("xingfu", "幸福"),
    ("minzhu", "民主"),
    ("jianshe", "建设"),
    ("gongnong", "工农"),
    ("shuguang", "曙光"),
    ("chaoyang", "朝阳"),
    ("nanmen", "南门"),
    ("ximen", "西门"),
    ("beiyuan", "北苑"),
    ("dongcheng", "东城"),
    ("huayuan", "花园"),
    ("jinxiu", "锦绣"),
    ("fuxing", "复兴"),
    ("hexie", "和谐"),
    ("kangning", "康宁"),
    ("ruyi", "如意"),
    ("tianfu", "天府"),
    ("baiyun", "白云"),
    ("lianhua", "莲花"),
    ("yuquan", "玉泉"),
    ("songlin", "松林"),
    ("meiyuan", "梅园"),
    ("zhuxi", "竹溪"),
    ("guanghua", "光华"),
    ("xinglong", "兴隆"),
    ("tongxin", "同心"),
    ("fengshou", "丰收"),
    ("huimin", "惠民"),
    ("anju", "安居"),
    ("lerong", "乐融"),
    ("jiangbei", "江北"),
    ("wangjiang", "望江"),
    ("shuangqiao", "双桥"),
    ("yingbin", "迎宾"),
    ("xiyuan", "西苑"),
    ("qiaonan", "桥南"),
]
TOWNSHIPS = [
    ("baisha", "白沙镇社工站"),
    ("longju", "龙驹镇社工站"),
    ("gaoliang", "高梁镇社工站"),
    ("tiancheng", "天城街道社工站"),
    ("zhoujiaba", "周家坝街道社工站"),
    ("shuanghekou", "双河口街道社工站"),
    ("ganning", "甘宁镇社工站"),
]
AGENCIES = [
    # (id, name, what they mostly serve)
    ("agency-xinyu", "心语社会工作服务中心", ("youth", "children", "disabled")),
    ("agency-anhe", "安和社会工作事务所", ("corrections", "social_assistance")),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩凯健俊帆帅旭宁琳晨欣怡婷雪梅慧倩"

EDUCATION = [
    ("secondary", 4),
    ("associate", 30),
    ("bachelor", 54),
    ("master", 11),
    ("doctorate", 1),
]
TITLE = [
    ("none", 38),
    ("assistant_social_worker", 40),
    ("social_worker", 19),
    ("senior_social_worker", 3),
]
PERFORMANCE = [("excellent", 10), ("good", 36), ("pass", 48), ("fail", 2), (None, 4)]
# Results days of the national exams and of the psychological-counsellor exam
EXAM_DAYS = {
    "assistant_social_worker": [dt.date(2024, 8, 23), dt.date(2025, 8, 22)],
    "social_worker": [dt.date(2024, 8, 23), dt.date(2025, 8, 22)],
    "senior_social_worker": [dt.date(2025, 9, 30)],
    "psychological_counselor": [dt.date(2025, 6, 18), dt.date(2025, 12, 5)],
}


def pick(rng: random.Random, table: list[tuple[object, int]]) -> object:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights)[0]


def required_posts(kind: str, clients: dict[str, int]) -> int:
    """ceil(sum n / r), raised to the kind's minimum (docs/algorithms.md, for sizing the roster)."""
    workload = sum(n / RATIO.get(c, DEFAULT_RATIO) for c, n in clients.items())
    return max(MINIMUM_POSTS.get(kind, 0), math.ceil(workload - 1e-9))


# --------------------------------------------------------------------------- sites


def make_sites(rng: random.Random) -> list[dict[str, object]]:
    sites: list[dict[str, object]] = []
    for i, (ident, name) in enumerate(COMMUNITIES):
        # An ageing city: elderly clients dominate; a few new or small communities.
        small = i % 17 == 16
        scale = 0.12 if small else rng.uniform(0.55, 1.2)
        clients = {
            "elderly": round(rng.triangular(15, 75, 30) * scale),
            "children": round(rng.triangular(0, 16, 4) * scale),
            "youth": round(rng.triangular(0, 10, 2) * scale) if rng.random() < 0.7 else 0,
            "disabled": round(rng.triangular(1, 14, 4) * scale),
            "social_assistance": round(rng.triangular(0, 18, 5) * scale),
            "corrections": rng.choice([0, 0, 0, 0, 1, 1, 2, 3]) if not small else 0,
        }
        sites.append(
            {"id": ident, "name": name + "社区", "kind": "urban_community", "clients": clients}
        )
    for ident, name in TOWNSHIPS:
        clients = {
            "elderly": round(rng.triangular(50, 180, 90)),
            "children": round(rng.triangular(10, 50, 20)),  # left-behind children (留守儿童)
            "youth": round(rng.triangular(2, 25, 8)),
            "disabled": round(rng.triangular(8, 35, 15)),
            "social_assistance": round(rng.triangular(20, 80, 40)),
            "corrections": round(rng.triangular(2, 14, 6)),
        }
        sites.append({"id": ident, "name": name, "kind": "township_station", "clients": clients})
    for ident, name, focus in AGENCIES:
        clients = {c: (round(rng.triangular(20, 70, 35)) if c in focus else 0) for c in CATEGORIES}
        if "corrections" in focus:
            clients["corrections"] = round(rng.triangular(15, 40, 25))
        sites.append({"id": ident, "name": name, "kind": "agency", "clients": clients})
    return sites


def populations_yaml(sites: list[dict[str, object]]) -> str:
    out = [
        "# 示例区 (an example urban district): 50 urban communities, 7 township stations,",
        "# 2 social-work agencies. Written by examples/county/generate.py; do not edit by hand.",
        "region: 示例区",
        "sites:",
    ]
    for site in sites:
        clients = site["clients"]
        assert isinstance(clients, dict)
        counts = ", ".join(f"{c}: {n}" for c, n in clients.items() if n)
        out += [
            f"  - id: {site['id']}",
            f"    name: {site['name']}",
            f"    kind: {site['kind']}",
            f"    clients: {{{counts}}}",
        ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- roster


def staffing_plan(rng: random.Random, sites: list[dict[str, object]]) -> list[str]:
    """The site of each worker: most sites a little short, a few over, stations led."""
    plan: list[str] = []
    for site in sites:
        clients = site["clients"]
        assert isinstance(clients, dict)
        need = required_posts(str(site["kind"]), clients)
        if site["kind"] == "urban_community":
            have = need + rng.choice([-2, -1, -1, -1, 0, 0, 0, 0, 1])
        else:
            have = need - rng.randint(1, 4)
        plan += [str(site["id"])] * max(1 if need else 0, have)
    return plan


def worker_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def make_workers(rng: random.Random, sites: list[dict[str, object]]) -> list[dict[str, object]]:
    plan = staffing_plan(rng, sites)
    kinds = {str(s["id"]): str(s["kind"]) for s in sites}
    workers: list[dict[str, object]] = []
    led: set[str] = set()
    for number, site in enumerate(plan, start=1):
        title = str(pick(rng, TITLE))
        education = str(pick(rng, EDUCATION))
        if title == "senior_social_worker" and education in ("secondary", "associate"):
            education = "bachelor"
        worker: dict[str, object] = {
            "id": f"W{number:04d}",
            "name": worker_name(rng),
            "site": site,
            "education": education,
            "title": title,
        }
        kind = kinds[site]
        if kind != "urban_community" and site not in led:
            worker["post"] = "lead"  # station head (站长) / agency director
            led.add(site)
        elif rng.random() < (0.06 if kind == "urban_community" else 0.15):
            worker["post"] = "deputy"
        # Most stations opened 2012-2020; hiring has picked up since 2021.
        year = rng.choice(
            [
                2009,
                2011,
                2013,
                2014,
                2015,
                2016,
                2017,
                2018,
                2018,
                2019,
                2019,
                2020,
                2020,
                2021,
                2021,
                2022,
                2022,
                2023,
                2023,
                2024,
                2024,
                2025,
            ]
        )
        if rng.random() < 0.12:  # transferred in: service recognised as years
            worker["years_of_service"] = max(1, 2025 - year + rng.randint(0, 6))
        else:
            hired = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            worker["hired"] = min(hired, dt.date(2025, 12, 1)).isoformat()
        performance = pick(rng, PERFORMANCE)
        if year >= 2025:
            performance = None  # hired this year: not rated yet (default rating applies)
        if performance is not None:
            worker["performance"] = performance
        workers.append(worker)
    # Some workers bring their own recorded passes (2024 ones are past the claim window).
    for worker in rng.sample(workers, 9):
        title = worker["title"]
        exam = {
            "none": "psychological_counselor",
            "assistant_social_worker": "assistant_social_worker",
            "social_worker": "social_worker",
        }.get(str(title), "psychological_counselor")
        day = rng.choice(EXAM_DAYS[exam])
        worker["exams"] = [{"exam": exam, "passed_on": day.isoformat()}]
    return workers


def roster_yaml(workers: list[dict[str, object]]) -> str:
    out = [
        f"# 示例区 roster: {len(workers)} workers at the sites of populations.yaml.",
        "# Written by examples/county/generate.py; do not edit by hand.",
        "workers:",
    ]
    keys = [
        "id",
        "name",
        "site",
        "education",
        "title",
        "post",
        "hired",
        "years_of_service",
        "performance",
    ]
    for worker in workers:
        first = True
        for key in keys:
            if key in worker:
                out.append(f"  {'- ' if first else '  '}{key}: {worker[key]}")
                first = False
        exams = worker.get("exams")
        if isinstance(exams, list):
            out.append("    exams:")
            out += [f"      - {{exam: {e['exam']}, passed_on: {e['passed_on']}}}" for e in exams]
    return "\n".join(out) + "\n"


def passes_csv(rng: random.Random, workers: list[dict[str, object]]) -> str:
    """Passes of the 2025 sittings; no (worker, exam) repeats one already in the roster."""
    taken = {(w["id"], e["exam"]) for w in workers for e in w.get("exams", [])}  # type: ignore[attr-defined]
    upgrade = {
        "none": "assistant_social_worker",
        "assistant_social_worker": "social_worker",
        "social_worker": "senior_social_worker",
        "senior_social_worker": None,
    }
    rows = []
    for worker in workers:
        roll = rng.random()
        exam: str | None
        if roll < 0.11:
            exam = upgrade[str(worker["title"])]
        elif roll < 0.15:
            exam = "psychological_counselor"
        else:
            continue
        if exam is None or (worker["id"], exam) in taken:
            continue
        day = EXAM_DAYS[exam][-1]
        taken.add((worker["id"], exam))
        rows.append(f"{worker['id']},{exam},{day.isoformat()}")
    return "worker_id,exam,passed_on\n" + "\n".join(rows) + "\n"


RULES_YAML = """\
# 示例区's local standard for 2026: the national rules, with the district's changes.
# Written by examples/county/generate.py; do not edit by hand.
extends: national
name: 示例区 2026
effective: 2026-01-01
categories:
  corrections: {clients_per_worker: 10}     # community corrections: one worker per 10
staffing:
  minimum_posts: {township_station: 2}      # merged with the national urban_community: 1
  minimum_certified: {township_station: 1}
pay:
  contributions:
    base: {floor: 4200, ceiling: 23500}     # the city's contribution base for 2026
    rates: {maternity: 0.008}               # the city still levies maternity insurance
budget:
  training_per_worker: 800
"""


def main() -> None:
    rng = random.Random(SEED)
    sites = make_sites(rng)
    workers = make_workers(rng, sites)
    files = {
        "rules.yaml": RULES_YAML,
        "populations.yaml": populations_yaml(sites),
        "roster.yaml": roster_yaml(workers),
        "passes.csv": passes_csv(rng, workers),
    }
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")
    need = sum(required_posts(str(s["kind"]), s["clients"]) for s in sites)  # type: ignore[arg-type]
    print(f"wrote {len(sites)} sites ({need} posts needed), {len(workers)} workers to {HERE}")


if __name__ == "__main__":
    main()
