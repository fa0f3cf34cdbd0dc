#!/usr/bin/env python3
"""Deterministic synthetic national data for swplan benchmarks (benchmarks/README.md).

    python benchmarks/generate.py OUTDIR [--workers 1500000] [--sites 600000] [--seed 1]

Writes into OUTDIR:

* ``rules.yaml``        a full rules file (no ``extends``), the shape docs/rules.md gives, 6 grades
* ``populations.csv``   ``id,name,kind,<one column per category>`` (empty cell = 0)
* ``populations.yaml``  the same sites as YAML
* ``roster.csv``        ``id,name,site,education,title,post,hired,years_of_service,performance``
* ``passes.csv``        ``worker_id,exam,passed_on`` for about 5% of workers, with a
                        handful (~0.1%) of deliberate duplicate (worker, exam) pairs

Only the standard library is used.  Everything is drawn from one
``random.Random(seed)`` in a fixed order, so the same arguments always give
byte-identical files.  Rows are built as strings and written in chunks, so a
national-size run (1.5 million workers, 600,000 sites) takes seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from itertools import accumulate

CATEGORIES = ["elderly", "children", "youth", "disabled", "social_assistance", "corrections"]
EXAMS = [
    "assistant_social_worker",
    "social_worker",
    "senior_social_worker",
    "psychological_counselor",
]

CHUNK = 200_000  # rows per write

RULES_YAML = """\
# Synthetic national rules for swplan benchmarks (written by benchmarks/generate.py).
name: National synthetic 2026
effective: 2026-01-01
categories:
  elderly: {label: {zh: 老年人, en: Elderly}}
  children: {label: {zh: 儿童, en: Children}}
  youth: {label: {zh: 青少年, en: Youth}}
  disabled: {label: {zh: 残疾人, en: People with disabilities}}
  social_assistance: {label: {zh: 社会救助对象, en: Social assistance recipients}}
  corrections: {label: {zh: 社区矫正对象, en: Community corrections}, clients_per_worker: 10}
staffing:
  clients_per_worker: 20
  minimum_posts: {urban_community: 1}
  minimum_certified: {urban_community: 1}
pay:
  points:
    education: {secondary: 0, associate: 1, bachelor: 2, master: 3, doctorate: 4}
    title: {none: 0, assistant_social_worker: 2, social_worker: 4, senior_social_worker: 7}
    performance: {excellent: 2, good: 1, pass: 0, fail: -1}
    years_of_service: {per_year: 0.5, max: 10}
  default_performance: pass
  posts:
    lead: {label: {zh: 正职, en: Lead}, points: 6, min_grade: 3, max_grade: 3}
    deputy: {label: {zh: 副职, en: Deputy}, points: 3, min_grade: 2}
    staff: {label: {zh: 一般, en: Staff}, max_grade: 2}
  default_post: staff
  grades:
    - {grade: 1, min_points: 0, monthly: 4200}
    - {grade: 2, min_points: 3, monthly: 4800}
    - {grade: 3, min_points: 6, monthly: 5500}
    - {grade: 4, min_points: 9, monthly: 6300}
    - {grade: 5, min_points: 12, monthly: 7200}
    - {grade: 6, min_points: 15, monthly: 8200}
  months_per_year: 12
  allowances:
    title: {assistant_social_worker: 300, social_worker: 500, senior_social_worker: 800}
  performance_bonus_months: {excellent: 1, good: 0.5}
  contributions:
    base: {floor: 4000, ceiling: 25000}
    rates: {pension: 0.16, medical: 0.08, unemployment: 0.005, work_injury: 0.002, housing_fund: 0.07}
awards:
  exams:
    assistant_social_worker: 1000
    social_worker: 2000
    senior_social_worker: 5000
    psychological_counselor: 1000
  ladder: [assistant_social_worker, social_worker, senior_social_worker]
  upgrade: top_up
  claim_window_days: 365
budget:
  new_hire: {education: bachelor, title: none, years_of_service: 0}
  training_per_worker: 500
"""

# Name material: common surnames and given-name characters.
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
)
PLACE = list("金江河山湖海东西南北中新安和平兴福康宁华光明阳春秋桥林松梅兰竹泉石田龙凤鹤云星月城乡")
SITE_SUFFIX = {
    "urban_community": "社区",
    "rural_township": "镇社工站",
    "agency": "社会工作服务中心",
}


def cum(weights):
    return list(accumulate(weights))


def date_strings(start: dt.date, end: dt.date) -> list[str]:
    n = (end - start).days + 1
    return [(start + dt.timedelta(days=i)).isoformat() for i in range(n)]


def human(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def write_lines(path: str, header: str, lines_iter) -> int:
    """Write header + lines (an iterable of lists of row strings). Returns row count."""
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        if header:
            f.write(header)
            f.write("\n")
        for chunk in lines_iter:
            if chunk:
                f.write("\n".join(chunk))
                f.write("\n")
                rows += len(chunk)
    return rows


# --------------------------------------------------------------------------- sites


def make_sites(rng: random.Random, n_sites: int):
    """Return (ids, names, kinds, counts) where counts[i] is a 6-tuple of ints."""
    width = max(6, len(str(n_sites)))
    ids = [f"S{i:0{width}d}" for i in range(1, n_sites + 1)]
    kinds = rng.choices(
        ["urban_community", "rural_township", "agency"], cum_weights=cum([60, 30, 10]), k=n_sites
    )
    p1 = rng.choices(PLACE, k=n_sites)
    p2 = rng.choices(PLACE, k=n_sites)
    names = [a + b + SITE_SUFFIX[k] for a, b, k in zip(p1, p2, kinds, strict=True)]

    r = rng.random
    counts = []
    append = counts.append
    for k in kinds:
        # Skewed draws: u**2 puts most sites at the small end and a few large ones.
        # Rural townships have relatively more elderly clients; agencies fewer of all.
        scale = 0.5 if k == "agency" else 1.0
        u = r()
        elderly = int(301 * u**1.5) if k == "rural_township" else int(301 * scale * u * u)
        u = r()
        children = int(80 * scale * u * u)
        u = r()
        youth = int(60 * scale * u * u * u)
        u = r()
        disabled = int(50 * scale * u * u)
        u = r()
        assistance = int(120 * scale * u * u * u)
        u = r()
        if u < 0.5:
            corrections = 0
        elif u < 0.98:
            corrections = int(16 * (u - 0.5) / 0.48)  # 0..15
        else:
            corrections = 16 + int(r() * 25)  # rare: 16..40
        append((elderly, children, youth, disabled, assistance, corrections))
    # Which zero cells are written empty rather than "0" (CSV only).
    blank_zero = [r() < 0.5 for _ in range(n_sites)]
    return ids, names, kinds, counts, blank_zero


def write_populations_csv(path, ids, names, kinds, counts, blank_zero) -> int:
    def cell(v, blank):
        return "" if (v == 0 and blank) else str(v)

    def chunks():
        n = len(ids)
        for start in range(0, n, CHUNK):
            out = []
            for i in range(start, min(n, start + CHUNK)):
                b = blank_zero[i]
                c = counts[i]
                out.append(f"{ids[i]},{names[i]},{kinds[i]}," + ",".join([cell(v, b) for v in c]))
            yield out

    return write_lines(path, "id,name,kind," + ",".join(CATEGORIES), chunks())


def write_populations_yaml(path, ids, names, kinds, counts) -> int:
    def chunks():
        n = len(ids)
        for start in range(0, n, CHUNK):
            out = []
            for i in range(start, min(n, start + CHUNK)):
                c = counts[i]
                clients = ", ".join(
                    [f"{cat}: {v}" for cat, v in zip(CATEGORIES, c, strict=True) if v]
                )
                out.append(
                    f"  - id: {ids[i]}\n"
                    f'    name: "{names[i]}"\n'
                    f"    kind: {kinds[i]}\n"
                    f"    clients: {{{clients}}}"
                )
            yield out

    return write_lines(path, "region: National synthetic\nsites:", chunks())


# --------------------------------------------------------------------------- roster


def make_roster_rows(rng: random.Random, n_workers: int, site_ids: list[str]):
    width = max(7, len(str(n_workers)))
    ids = [f"W{i:0{width}d}" for i in range(1, n_workers + 1)]

    # Names: about 90% Chinese (surname + 1 or 2 given chars), 10% simple ASCII.
    sur = rng.choices(SURNAMES, k=n_workers)
    g1 = rng.choices(GIVEN, k=n_workers)
    g2 = rng.choices(GIVEN + [""] * (len(GIVEN) // 2), k=n_workers)
    r = rng.random
    ascii_first = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
    ascii_given = [
        "Wei",
        "Fang",
        "Na",
        "Min",
        "Jing",
        "Qiang",
        "Lei",
        "Jun",
        "Yan",
        "Jie",
        "Tao",
        "Ming",
    ]
    names = []
    for i in range(n_workers):
        if r() < 0.1:
            names.append(f"{ascii_given[int(r() * 12)]} {ascii_first[int(r() * 10)]}")
        else:
            names.append(sur[i] + g1[i] + g2[i])

    sites = rng.choices(site_ids, k=n_workers)
    education = rng.choices(
        ["secondary", "associate", "bachelor", "master", "doctorate"],
        cum_weights=cum([10, 30, 48, 11, 1]),
        k=n_workers,
    )
    title = rng.choices(
        ["none", "assistant_social_worker", "social_worker", "senior_social_worker"],
        cum_weights=cum([55, 28, 15, 2]),
        k=n_workers,
    )
    # Posts: roughly one lead per site at 2.5 workers per site would make leads 40%
    # of everyone; real stations share leads, so: most staff, some leads and
    # deputies, and ~8% rows naming no post (default_post applies).
    post = rng.choices(
        ["lead", "deputy", "staff", ""], cum_weights=cum([15, 10, 67, 8]), k=n_workers
    )
    performance = rng.choices(
        ["excellent", "good", "pass", "fail", ""], cum_weights=cum([15, 45, 32, 3, 5]), k=n_workers
    )

    # hired: 85% of rows; dates 1995-01-01..2025-12-31 skewed to recent
    # (index = N * sqrt(u) gives a density rising linearly towards the end).
    days = date_strings(dt.date(1995, 1, 1), dt.date(2025, 12, 31))
    nd = len(days)
    yos_vals = [str(v) for v in range(36)]
    yos_cum = cum([36 - v for v in range(36)])  # 0..35, fewer long-serving
    hired_col = []
    yos_col = []
    for _ in range(n_workers):
        if r() < 0.85:
            hired_col.append(days[min(nd - 1, int(nd * r() ** 0.5))])
            yos_col.append("")
        else:
            hired_col.append("")
            yos_col.append(None)  # filled below in one batch
    n_yos = sum(1 for v in yos_col if v is None)
    yos_draw = iter(rng.choices(yos_vals, cum_weights=yos_cum, k=n_yos))
    yos_col = [next(yos_draw) if v is None else v for v in yos_col]

    return ids, names, sites, education, title, post, hired_col, yos_col, performance


def write_roster_csv(path, cols) -> int:
    ids, names, sites, education, title, post, hired, yos, perf = cols

    def chunks():
        n = len(ids)
        for start in range(0, n, CHUNK):
            end = min(n, start + CHUNK)
            yield [
                ",".join(t)
                for t in zip(
                    ids[start:end],
                    names[start:end],
                    sites[start:end],
                    education[start:end],
                    title[start:end],
                    post[start:end],
                    hired[start:end],
                    yos[start:end],
                    perf[start:end],
                    strict=True,
                )
            ]

    return write_lines(
        path, "id,name,site,education,title,post,hired,years_of_service,performance", chunks()
    )


# --------------------------------------------------------------------------- passes


def make_passes(rng: random.Random, worker_ids: list[str]):
    n = len(worker_ids)
    days = date_strings(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    k = round(n * 0.05)
    chosen = sorted(rng.sample(range(n), k))
    exam_cum = cum([55, 25, 5, 15])
    first = rng.choices(EXAMS, cum_weights=exam_cum, k=k)
    r = rng.random
    rows = []  # (worker index, exam, date)
    for w, e in zip(chosen, first, strict=True):
        rows.append((w, e, days[int(r() * len(days))]))
        if r() < 0.08:  # a second, different exam for the same worker
            e2 = EXAMS[(EXAMS.index(e) + 1 + int(r() * 3)) % 4]
            rows.append((w, e2, days[int(r() * len(days))]))
    # Deliberate duplicates: ~0.1% of rows repeat a (worker, exam) pair, some with
    # the same date, some with another date.
    n_dup = max(1, round(len(rows) * 0.001)) if rows else 0
    dups = []
    for _ in range(n_dup):
        w, e, d = rows[int(r() * len(rows))]
        dups.append((w, e, d if r() < 0.5 else days[int(r() * len(days))]))
    rows.extend(dups)
    rows.sort(key=lambda t: (t[0], t[2], t[1]))
    return [f"{worker_ids[w]},{e},{d}" for w, e, d in rows], n_dup


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Generate synthetic national swplan data (deterministic)."
    )
    ap.add_argument("outdir")
    ap.add_argument("--workers", type=int, default=1_500_000)
    ap.add_argument("--sites", type=int, default=600_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.workers < 1 or a.sites < 1:
        ap.error("--workers and --sites must be at least 1")

    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(a.seed)
    t0 = time.perf_counter()
    written = []

    def done(name, rows):
        path = os.path.join(a.outdir, name)
        written.append((name, rows, os.path.getsize(path)))

    path = os.path.join(a.outdir, "rules.yaml")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(RULES_YAML)
    done("rules.yaml", None)

    ids, names, kinds, counts, blank_zero = make_sites(rng, a.sites)
    done(
        "populations.csv",
        write_populations_csv(
            os.path.join(a.outdir, "populations.csv"), ids, names, kinds, counts, blank_zero
        ),
    )
    done(
        "populations.yaml",
        write_populations_yaml(
            os.path.join(a.outdir, "populations.yaml"), ids, names, kinds, counts
        ),
    )
    site_ids = ids
    del names, kinds, counts, blank_zero

    cols = make_roster_rows(rng, a.workers, site_ids)
    done("roster.csv", write_roster_csv(os.path.join(a.outdir, "roster.csv"), cols))
    worker_ids = cols[0]
    del cols

    pass_lines, n_dup = make_passes(rng, worker_ids)
    done(
        "passes.csv",
        write_lines(os.path.join(a.outdir, "passes.csv"), "worker_id,exam,passed_on", [pass_lines]),
    )

    elapsed = time.perf_counter() - t0
    print(
        f"generated into {a.outdir} (seed {a.seed}, {a.workers} workers, {a.sites} sites) in {elapsed:.1f}s"
    )
    for name, rows, size in written:
        what = "" if rows is None else f"{rows:>10,} rows"
        if name == "passes.csv":
            what += f" ({n_dup} deliberate duplicates)"
        print(f"  {name:<18} {what:<40} {human(size):>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
