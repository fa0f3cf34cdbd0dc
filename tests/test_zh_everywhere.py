"""Under `--lang zh` every word swplan prints is Chinese.

Every command runs in every format on the examples and on a corpus of broken inputs
(tests/bad/ and the files written below: title and totals rows, bad dates, unknown
words, YAML syntax errors, duplicate keys, wrong headers, unknown sites), and what it
prints (stdout and stderr) may hold no English word outside the places a message keeps
as they are: file names and positions, key paths, quoted values, `--options`, the ids
and names of the inputs, and the lists of words a file may hold (`允许的项：id, site`).
"""

from __future__ import annotations

import csv
import datetime
import functools
import glob
import io
import re
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT, Result, swplan

from swplan.io.rules_file import load_rules
from swplan.messages.fields import HEADERS_ZH
from swplan.report.vocab import BUILTIN_ZH

E = "examples"
S = f"{E}/small"
FORMATS = ("table", "json", "csv", "markdown", "xlsx")

# Words that are the same in Chinese text: file formats, encodings, the date pattern,
# the command's own name and the `min()` of a `--explain` formula.
TECHNICAL = {
    "yaml",
    "csv",
    "json",
    "xlsx",
    "excel",
    "windows",
    "tab",
    "utf",
    "gbk",
    "bom",
    "yyyy",
    "swplan",
    "min",
}

# Column keys a message may name as they are written in a file.
# Column keys a message may name as they are written in a file: none. A message
# about a data file (roster, populations, passes, ledger) names a column by its
# Chinese header (工号, 站点, 学历); one about the rules names the rules' keys, which
# are written with an underscore or in a key path (`pay.points`), allowed below.
KEYS: set[str] = set()

# The columns of the data files, which under zh a reader sees by their headers.
DATA_KEYS = sorted(
    {key for headers in HEADERS_ZH.values() for key in headers} - {"workers", "sites", "passes"},
    key=len,
    reverse=True,
)

# After these words comes a list of what a file may hold: keys, as a user writes them.
LIST_LEADS = ("允许的项：", "不在可选值中：", "表头需要：", "可选：", "已有薪级：", "请填写其一：")

# The national vocabulary keys with an underscore: under zh a reader sees their labels.
VOCABULARY = sorted(
    {k for words in BUILTIN_ZH.values() for k in words if "_" in k}
    | {"social_assistance", "post_wage"},
    key=len,
    reverse=True,
)

_PLACES = [
    re.compile(r"swplan(?: rules show| [a-z]+)?"),  # a command: see 'swplan pay --help'
    # an argument's name: ROSTER, FILE, SHEET
    re.compile(r"\b(?:ROSTER|POPULATIONS|FILE|SHEET|DIR|DATE|AMOUNT|EXPR|METRIC|VALUE|YEAR)\b"),
    re.compile(r"'(?:[^'\\]|\\.)*'"),  # a quoted value
    re.compile(r'"(?:[^"\\]|\\.)*"'),
    re.compile(r"\S*[/\\]\S*"),  # a path
    re.compile(r"\S+\.(?:ya?ml|csv|xlsx|json|md|txt|lock)\b(?:#\S*)?", re.I),  # a file name
    re.compile(r"--[a-z][\w-]*"),  # an option
    # a key path (workers[0].hired, pay.points) or a key (years_of_service), not a part of
    # a Chinese CSV header (明细.steps)
    re.compile(r"(?<![.\w])[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\]|\.[A-Za-z0-9_]+)+", re.A),
    # a key such as years_of_service, but never a word a reader should see as its label
    re.compile(
        r"(?<![.\w])(?!(?:" + "|".join(VOCABULARY + DATA_KEYS) + r")\b)[A-Za-z]+_[A-Za-z0-9_]+",
        re.A,
    ),
    re.compile(r"\S+@\d{4}"),  # a plan target: total<=25000000@2027
    re.compile(r"是否应为 [^）]*）"),  # a suggestion
]


_LATIN_PATH = re.compile(r"[\w.\[\]-]+")


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The lines of `text` that hold an English word swplan should have put in Chinese."""
    found = []
    for line in text.splitlines():
        rest = line
        if rest.startswith("错误："):  # error: FILE:LINE:COL: key.path: what
            parts = rest.split(": ")
            keep = parts[2:] if len(parts) > 2 and _LATIN_PATH.fullmatch(parts[1]) else parts[1:]
            rest = ": ".join(keep)
        for lead in LIST_LEADS:
            if lead in rest:
                rest = rest.split(lead)[0] + lead
        for place in _PLACES:
            rest = place.sub(" ", rest)
        words = [
            w
            for w in re.findall(r"[A-Za-z]{3,}", rest)
            if w.lower() not in TECHNICAL and w not in KEYS and w.lower() not in allowed
        ]
        if words:
            found.append(f"{words}: {line}")
    return found


ID_HEADERS = {"id", "name", "site", "worker_id", "工号", "姓名", "站点", "站点编号", "名称"}


def input_words(paths: Iterable[Path]) -> set[str]:
    """The Latin words of the ids, names, sites, regions and scenarios of the inputs."""
    words: set[str] = set()
    for path in paths:
        if path.is_file():
            seen = path.stat()
            words |= file_words(path, seen.st_size, seen.st_mtime_ns)
    return words


_ID_LINE = re.compile(r"^\s*-?\s*(?:id|name|site|region|worker_id|sites?)\s*:\s*(.+)$", re.M)


@functools.cache
def file_words(path: Path, size: int, mtime_ns: int) -> frozenset[str]:
    """`input_words` of one file, as it is at that size and time (the examples are read
    by many runs: each once)."""
    words: set[str] = set()
    if path.suffix == ".xlsx":
        try:
            book = openpyxl.load_workbook(path, read_only=True)
        except Exception:  # a file named .xlsx that is not a workbook
            return frozenset()
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                first = [str(c) for c in row[:3] if isinstance(c, str)]
                words.update(w.lower() for c in first for w in re.findall(r"[A-Za-z]+", c))
        book.close()
        return frozenset(words)
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(text)))
        columns = [i for i, h in enumerate(rows[0] if rows else []) if h in ID_HEADERS]
        for row in rows:
            for i in columns:
                if i < len(row):
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", row[i]))
        return frozenset(words)
    for value in _ID_LINE.findall(text):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    scenarios = re.search(r"^scenarios:\n((?:[ #].*\n?)*)", text, re.M)
    if scenarios:
        names = re.findall(r"^  (\w+):", scenarios.group(1), re.M)
        words.update(n.lower() for part in names for n in re.findall(r"[A-Za-z]+", part))
    return frozenset(words)


def run_zh(args: list[str], cwd: Path = ROOT) -> tuple[Result, list[str]]:
    """Run `swplan ARGS --lang zh` and the English words of what it printed."""
    result = swplan(*args, "--lang", "zh", cwd=cwd)
    paths = [cwd / a for a in args if not a.startswith("-") and (cwd / a).exists()]
    allowed = input_words(paths)
    # JSON never changes with the language; `rules show` prints the rules (keys) as YAML
    keys_only = args[-2:] == ["-f", "json"] or args[:2] == ["rules", "show"]
    printed = result.err if keys_only else result.out + result.err
    return result, english_words(printed, allowed)


def example_runs() -> list[list[str]]:
    runs: list[list[str]] = []
    bureau = [f"{E}/bureau/populations.xlsx", f"{E}/bureau/roster.xlsx"]
    county = [f"{E}/county/populations.yaml", f"{E}/county/roster.yaml"]
    for f in FORMATS:
        fmt = ["-f", f] if f != "xlsx" else ["-o", "OUT.xlsx"]
        runs += [
            ["staff", f"{S}/populations.yaml", "--roster", f"{S}/roster.yaml", *fmt],
            ["staff", f"{E}/xiangan/populations.yaml", "--roster", f"{E}/xiangan/roster.yaml"]
            + ["--rules", f"{E}/xiangan/rules.yaml", *fmt],
            ["pay", f"{S}/roster.yaml", *fmt],
            ["pay", f"{S}/roster.csv", "--by", "site", *fmt],
            ["pay", f"{E}/bureau/roster.xlsx", *fmt],
            ["pay", f"{E}/xiangan/roster.yaml", "--rules", f"{E}/xiangan/rules.yaml"]
            + ["--year", "2026", *fmt],
            ["pay", f"{E}/beijing/roster.yaml", "--rules", f"{E}/beijing/rules.yaml"]
            + ["--year", "2025", *fmt],
            ["awards", f"{S}/roster.yaml", "--passes", f"{S}/passes.yaml"]
            + ["--ledger", f"{S}/ledger.csv", "--as-of", "2026-01-01", *fmt],
            ["budget", f"{S}/populations.yaml", f"{S}/roster.yaml", "--passes"]
            + [f"{S}/passes.yaml", "--ledger", f"{S}/ledger.csv", "--cap", "700000", *fmt],
            ["budget", f"{S}/populations.yaml", f"{S}/roster.yaml", "--by", "site", *fmt],
            ["budget", *bureau, "--passes", f"{E}/bureau/passes.xlsx", *fmt],
            ["budget", *county, "--passes", f"{E}/county/passes.csv"]
            + ["--rules", f"{E}/county/rules.yaml", "--fail-on-shortage", *fmt],
            ["budget", f"{E}/beijing/populations.yaml", f"{E}/beijing/roster.yaml"]
            + ["--rules", f"{E}/beijing/rules.yaml", *fmt],
            ["plan", *county, "--passes", f"{E}/county/passes.csv"]
            + ["--rules", f"{E}/plan/rules.yaml", "--scenarios", f"{E}/plan/scenarios.yaml"]
            + ["--target", "total<=25000000@2027", *fmt],
            ["plan", f"{E}/plan/one-site/populations.yaml", f"{E}/plan/one-site/roster.yaml"]
            + ["--rules", f"{E}/plan/one-site/rules.yaml", *fmt],
        ]
        for town in ("changning", "hengqin", "ningbo", "ninghe", "weihai"):
            runs.append(
                ["awards", f"{E}/awards/roster.csv", "--passes", f"{E}/awards/passes.csv"]
                + ["--ledger", f"{E}/awards/ledger.csv", "--rules", f"{E}/awards/{town}.yaml"]
                + ["--as-of", "2025-10-31", *fmt]
            )
    runs += [
        ["pay", f"{S}/roster.yaml", "--explain", "W001"],
        ["pay", f"{S}/roster.yaml", "--explain", "W002", "--year", "2026"],
        ["pay", f"{E}/beijing/roster.yaml", "--rules", f"{E}/beijing/rules.yaml"]
        + ["--year", "2025", "--explain", "B002"],
        ["pay", f"{E}/xiangan/roster.yaml", "--rules", f"{E}/xiangan/rules.yaml"]
        + ["--year", "2026", "--explain", "X002"],
        ["pay", f"{E}/xiangan/roster.yaml", "--rules", f"{E}/xiangan/rules.yaml"]
        + ["--as-of", "2026-12-01", "--explain", "X004"],
        ["rules", "show"],
        ["rules", "show", "--rules", f"{E}/county/rules.yaml"],
        ["check", *sorted(glob.glob(f"{S}/*", root_dir=ROOT))],
        ["check", *sorted(glob.glob(f"{E}/bureau/*.xlsx", root_dir=ROOT))],
        ["check", *sorted(glob.glob(f"{E}/county/*.[cy]*", root_dir=ROOT))],
        ["check", f"{E}/plan/scenarios.yaml", f"{E}/plan/rules.yaml"],
    ]
    return runs


@pytest.mark.parametrize("args", example_runs(), ids=lambda a: " ".join(a)[:90])
def test_examples_speak_chinese(args: list[str], tmp_path: Path) -> None:
    args = [str(tmp_path / "out.xlsx") if a == "OUT.xlsx" else a for a in args]
    result, english = run_zh(args)
    assert result.code in (0, 1), result.err
    assert not english, "\n".join(english)
    if "-o" in args:
        book = openpyxl.load_workbook(args[args.index("-o") + 1])
        shown = "\n".join(
            str(c)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if isinstance(c, str)
        )
        allowed = input_words(ROOT / a for a in args if (ROOT / a).is_file())
        assert not english_words(shown, allowed)


# --------------------------------------------------------------------------- broken inputs

ROSTER_HEAD = "工号,姓名,站点,学历,职称,入职日期,考核等次"


def _workbook(path: Path, rows: list[list[object]], sheet: str = "花名册") -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)


POPULATIONS = "sites:\n  - {id: jinjiang, name: 金江社区, kind: 城市社区, clients: {老年人: 57}}\n"

# name -> (files to write, the command's arguments)
BROKEN: dict[str, tuple[dict[str, str], list[str]]] = {
    "csv skipped rows and ignored columns": (
        {
            "r.csv": "序号,"
            + ROSTER_HEAD
            + ",备注\n1,W1,张三,jinjiang,本科,无,2020-01-01,合格,\n"
            + "示例,W9,李四,jinjiang,本科,无,2020-01-01,合格,\n,,,,,,,,填表人\n"
            + "合计,,,,,,,,\n"
        },
        ["pay", "r.csv"],
    ),
    "month without a day": (
        {"r.csv": ROSTER_HEAD + "\nW1,张三,jj,本科,无,2016.09,合格\n"},
        ["pay", "r.csv"],
    ),
    "not a real date": (
        {"r.csv": ROSTER_HEAD + "\nW1,张三,jj,本科,无,2016-13-01,合格\n"},
        ["pay", "r.csv"],
    ),
    "excel serial date": (
        {"r.csv": ROSTER_HEAD + "\nW1,张三,jj,本科,无,42614,合格\n"},
        ["pay", "r.csv"],
    ),
    "unknown words": (
        {"r.csv": ROSTER_HEAD + "\nW1,张三,jj,初中,高级工程师,2016-09-01,很好\n"},
        ["pay", "r.csv"],
    ),
    "after the as-of date": (
        {"r.csv": ROSTER_HEAD + "\nW1,张三,jj,本科,无,2030-01-01,合格\n"},
        ["pay", "r.csv", "--as-of", "2026-01-01"],
    ),
    "two columns for one": (
        {"r.csv": "工号,站点,学历,最高学历,职称,工龄\nW1,jj,本科,本科,无,3\n"},
        ["pay", "r.csv"],
    ),
    "a header that looks like a column": (
        {"r.csv": "id,site,education,title,years_of_service,performence\nW1,jj,本科,无,3,合格\n"},
        ["pay", "r.csv"],
    ),
    "a header containing a known header": (
        {"r.csv": "工号,站点,第一学历,职称,工龄\nW1,jj,本科,无,3\n"},
        ["pay", "r.csv"],
    ),
    "no header": ({"r.csv": "a,b,c\n1,2,3\n"}, ["pay", "r.csv"]),
    "duplicate worker": (
        {"r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\nW1,jj,本科,无,4\n"},
        ["pay", "r.csv"],
    ),
    "hired and years disagree": (
        {"r.csv": "工号,站点,学历,职称,入职日期,工龄\nW1,jj,本科,无,2016-09-01,3\n"},
        ["pay", "r.csv", "--as-of", "2026-01-01"],
    ),
    "yaml mapping values": ({"r.yaml": "workers:\n  - id: W1: x\n"}, ["pay", "r.yaml"]),
    "yaml tab": ({"r.yaml": "workers:\n\t- id: W1\n"}, ["pay", "r.yaml"]),
    "yaml unclosed quote": ({"r.yaml": "workers:\n  - id: 'W1\n"}, ["pay", "r.yaml"]),
    "yaml unclosed bracket": ({"r.yaml": "workers: [{id: W1\n"}, ["pay", "r.yaml"]),
    "yaml bad indent": (
        {"r.yaml": "workers:\n  - id: W1\n    site: jj\n   education: x\n"},
        ["pay", "r.yaml"],
    ),
    "yaml block end": ({"r.yaml": "workers:\n  - id: W1\n  site\n"}, ["pay", "r.yaml"]),
    "yaml duplicate key": (
        {
            "p.yaml": "sites:\n  - {id: a, name: A, kind: 城市社区, clients: {老年人: 1}}\n"
            "region: x\nregion: y\n"
        },
        ["staff", "p.yaml"],
    ),
    "yaml not a mapping": ({"r.yaml": "- 1\n- 2\n"}, ["pay", "r.yaml"]),
    "yaml workers not a list": ({"r.yaml": "workers: 3\n"}, ["pay", "r.yaml"]),
    "unknown site": (
        {"p.yaml": POPULATIONS, "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\n"},
        ["budget", "p.yaml", "r.csv"],
    ),
    "unknown site allowed": (
        {"p.yaml": POPULATIONS, "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\n"},
        ["staff", "p.yaml", "--roster", "r.csv", "--allow-unknown-sites"],
    ),
    "unlisted site kind": (
        {"p.yaml": "sites:\n  - {id: a, name: A, kind: 城市小区, clients: {老年人: 30}}\n"},
        ["staff", "p.yaml"],
    ),
    "unknown category": (
        {"p.yaml": "sites:\n  - {id: a, name: A, kind: 城市社区, clients: {老人们: 30}}\n"},
        ["staff", "p.yaml"],
    ),
    "a site name shared by two": (
        {
            "p.yaml": "sites:\n  - {id: a, name: 同名, kind: 城市社区, clients: {老年人: 3}}\n"
            "  - {id: b, name: 同名, kind: 城市社区, clients: {老年人: 3}}\n",
            "r.csv": "工号,站点,学历,职称,工龄\nW1,同名,本科,无,3\n",
        },
        ["staff", "p.yaml", "--roster", "r.csv"],
    ),
    "passes of unknown workers": (
        {
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\n",
            "passes.csv": "工号,考试,通过日期\nW2,社会工作师,2025-08-22\nW1,社工师X,2025-08-22\n",
        },
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "check a set with problems": (
        {
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\n",
            "p.yaml": POPULATIONS,
            "passes.csv": "工号,考试,通过日期\nW2,社会工作师,2025-08-22\n",
            "ledger.csv": "worker_id,exam,amount,paid_on\nW3,social_worker,1000,2025-01-01\n",
            "~$r.xlsx.lock": "x",
        },
        ["check", "r.csv", "p.yaml", "passes.csv", "ledger.csv", "~$r.xlsx.lock"],
    ),
    "ledger in a workbook": (
        {"r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\n", "l.xlsx": ""},
        ["awards", "r.csv", "--ledger", "l.xlsx", "--record"],
    ),
    "record without a ledger": (
        {"r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\n"},
        ["awards", "r.csv", "--record"],
    ),
    "missing file": ({}, ["pay", "nothere.csv"]),
    "a directory": ({"d/x.csv": "a"}, ["pay", "d"]),
    "not utf-8": ({"r.csv": "工号,站点\n"}, ["pay", "gbk.csv"]),
    "empty file": ({"r.csv": ""}, ["pay", "r.csv"]),
    "bad format": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "-f", "xml"]),
    "bad as-of": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "--as-of", "2026-02-30"]),
    "bad year": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "--year", "26"]),
    "extension contradicts format": (
        {},
        ["pay", f"{ROOT}/{S}/roster.yaml", "-f", "csv", "-o", "x.json"],
    ),
    "missing argument": ({}, ["budget", f"{ROOT}/{S}/populations.yaml"]),
    "unknown option": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "--rule", "x"]),
    "explain an unknown worker": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "--explain", "W999"]),
    "over the cap": (
        {},
        ["budget", f"{ROOT}/{S}/populations.yaml", f"{ROOT}/{S}/roster.yaml", "--cap", "1000"],
    ),
    "rules key typo": (
        {},
        ["pay", f"{ROOT}/{S}/roster.yaml", "--rules", f"{ROOT}/tests/bad/rules_key_typo.yaml"],
    ),
    "init into a file": ({"f": "x"}, ["init", "f"]),
    "record awards": (
        {},
        ["awards", f"{ROOT}/{S}/roster.yaml", "--passes", f"{ROOT}/{S}/passes.yaml"]
        + ["--ledger", "new.csv", "--new-ledger", "--record", "--as-of", "2026-01-01"],
    ),
    "plan bad target": (
        {},
        ["plan", f"{ROOT}/{S}/populations.yaml", f"{ROOT}/{S}/roster.yaml"]
        + ["--target", "totl<=5@2027"],
    ),
    "plan target outside": (
        {},
        ["plan", f"{ROOT}/{S}/populations.yaml", f"{ROOT}/{S}/roster.yaml"]
        + ["--target", "total<=5@2040"],
    ),
    "plan bad scenarios": (
        {
            "s.yaml": "scenarios:\n  a: {staffing: {clients_per_workr: 15}}\n  b: {plan: {years: 3}}\n"
        },
        [
            "plan",
            f"{ROOT}/{S}/populations.yaml",
            f"{ROOT}/{S}/roster.yaml",
            "--scenarios",
            "s.yaml",
        ],
    ),
    "bad cap": (
        {},
        ["budget", f"{ROOT}/{S}/populations.yaml", f"{ROOT}/{S}/roster.yaml", "--cap", "abc"],
    ),
    "bad by": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "--by", "worker"]),
    "output in no directory": ({}, ["pay", f"{ROOT}/{S}/roster.yaml", "-o", "no/such/dir/x.csv"]),
    "output is an input": (
        {"r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\n"},
        ["pay", "r.csv", "-o", "r.csv"],
    ),
    "new ledger without record": (
        {},
        ["awards", f"{ROOT}/{S}/roster.yaml", "--ledger", "l.csv", "--new-ledger"],
    ),
    "record into a missing ledger": (
        {},
        ["awards", f"{ROOT}/{S}/roster.yaml", "--ledger", "l.csv", "--record"],
    ),
    "explain with by": (
        {},
        ["pay", f"{ROOT}/{S}/roster.yaml", "--explain", "W001", "--by", "site"],
    ),
    "rules in a wrong shape": (
        {
            "rules.yaml": "extends: national\npay:\n  grades: 3\nstaffing: {clients_per_worker: -1}\n"
        },
        ["pay", f"{ROOT}/{S}/roster.yaml", "--rules", "rules.yaml"],
    ),
    "rules unknown word": (
        {
            "rules.yaml": "extends: national\npay:\n  default_post: boss\n  performance_bonus_months: {great: 1}\n"
        },
        ["check", "rules.yaml"],
    ),
    "rules site kinds": (
        {
            "rules.yaml": "extends: national\nsite_kinds: {urban_community: {label: {zh: 城市社区}}}\n",
            "p.yaml": "sites:\n  - {id: a, name: A, kind: 乡镇社工站, clients: {老年人: 3}}\n",
        },
        ["staff", "p.yaml", "--rules", "rules.yaml"],
    ),
    "ledger problems": (
        {
            "ledger.csv": "worker_id,exam,amount,paid_on\nW001,social_wroker,1000.005,2025-13-01\n"
            "W001,social_worker,-5,2025-01-01\n",
        },
        ["awards", f"{ROOT}/{S}/roster.yaml", "--ledger", "ledger.csv", "--as-of", "2026-01-01"],
    ),
    "passes problems": (
        {
            "passes.yaml": "passes:\n  - {worker_id: W001, exam: 社工师, passed_on: 2025-02-30}\n  - {worker_id: W001}\n"
        },
        ["awards", f"{ROOT}/{S}/roster.yaml", "--passes", "passes.yaml", "--as-of", "2026-01-01"],
    ),
    "populations in a csv with problems": (
        {"p.csv": "站点编号,名称,类型,老年人,儿童\na,A,城市社区,-3,x\na,B,城市社区,1,2\n"},
        ["staff", "p.csv"],
    ),
    "files in the wrong order": (
        {},
        ["budget", f"{ROOT}/{S}/roster.yaml", f"{ROOT}/{S}/populations.yaml"],
    ),
    "init twice": ({"d/rules.yaml": "x"}, ["init", "d"]),
}


def _xlsx_cases(tmp_path: Path) -> dict[str, list[str]]:
    """Workbooks: a title row, a totals row, an example row, a number date, two sheets."""
    title = [["某区社工花名册"], ROSTER_HEAD.split(",")]
    _workbook(
        tmp_path / "title.xlsx",
        [
            *title,
            ["W1", "张三", "jj", "本科", "无", datetime.date(2020, 1, 1), "合格"],
            ["示例", "", "", "", "", None, ""],
            ["合计", "1人"],
        ],
    )
    _workbook(tmp_path / "serial.xlsx", [*title, ["W1", "张三", "jj", "本科", "无", 42614, "合格"]])
    _workbook(
        tmp_path / "formula.xlsx", [*title, ["W1", "张三", "jj", "本科", "无", "=TODAY()", "合格"]]
    )
    book = openpyxl.Workbook()
    for name in ("一", "二"):
        ws = book.create_sheet(name)
        ws.append(ROSTER_HEAD.split(","))
        ws.append(["W1", "张三", "jj", "本科", "无", "2020-01-01", "合格"])
    book.remove(book.worksheets[0])
    book.save(tmp_path / "two.xlsx")
    _workbook(
        tmp_path / "merged.xlsx",
        [
            ["工号", "站点", "学历", "职称", "工龄"],
            ["W1", "jj", "本科", "无", 3],
            ["W2", "jj", "本科", "无", None],
        ],
    )
    merged = openpyxl.load_workbook(tmp_path / "merged.xlsx")
    merged.worksheets[0].merge_cells("E2:E3")
    merged.save(tmp_path / "merged.xlsx")
    _workbook(
        tmp_path / "headless.xlsx",
        [["工号", "站点", "学历", "职称", "工龄"], ["W1", "jj", "本科", "无", 3, "额外"]],
    )
    return {
        "xlsx title totals example": ["pay", "title.xlsx"],
        "xlsx serial date": ["pay", "serial.xlsx"],
        "xlsx formula": ["pay", "formula.xlsx"],
        "xlsx two sheets": ["pay", "two.xlsx"],
        "xlsx no such sheet": ["pay", "two.xlsx#三"],
        "xlsx every sheet": ["check", "two.xlsx#*"],
        "xlsx merged number cell": ["pay", "merged.xlsx"],
        "xlsx cell without a header": ["pay", "headless.xlsx"],
        "not a workbook": ["pay", "r.xlsx"],
    }


def test_broken_inputs_speak_chinese(tmp_path: Path) -> None:
    cases: list[tuple[str, list[str], Path]] = []
    for n, (name, (files, args)) in enumerate(BROKEN.items()):
        here = tmp_path / f"case{n}"
        here.mkdir()
        for file, text in files.items():
            path = here / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if name == "not utf-8":
            (here / "gbk.csv").write_bytes(
                "工号,站点,学历,职称,工龄\nW1,站,本科,无,3\n".encode("gbk")
            )
        cases.append((name, args, here))
    books = tmp_path / "books"
    books.mkdir()
    (books / "r.xlsx").write_text("not a workbook")
    cases += [(name, args, books) for name, args in _xlsx_cases(books).items()]
    for bad in sorted((ROOT / "tests" / "bad").iterdir()):
        cases.append((f"check {bad.name}", ["check", str(bad)], tmp_path))
        if bad.name.startswith("rules"):
            cases.append((f"rules {bad.name}", ["rules", "show", "--rules", str(bad)], tmp_path))
        else:
            command = "pay" if bad.name.startswith("roster") else "staff"
            cases.append((f"{command} {bad.name}", [command, str(bad)], tmp_path))
    failures = []
    for name, args, here in cases:
        result, english = run_zh(args, cwd=here)
        if not (result.out + result.err).strip():
            failures.append(f"{name}: printed nothing")
        if english:
            failures.append(f"{name} ({' '.join(args)}):\n  " + "\n  ".join(english))
    assert not failures, "\n".join(failures)


def test_swplan_lang_in_the_environment_is_the_same(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("workers:\n  - id: W1: x\n", encoding="utf-8")
    by_option = swplan("pay", "r.yaml", "--lang", "zh", cwd=tmp_path)
    by_env = swplan("pay", "r.yaml", cwd=tmp_path, env={"SWPLAN_LANG": "zh"})
    assert by_option.err == by_env.err
    assert by_env.err.startswith("错误：r.yaml:2:")
    assert not english_words(by_env.err, set())


def test_the_checker_finds_english() -> None:
    """The checker is not blind: it finds what it is for and passes what it must."""
    assert english_words("说明：r.csv: skipped row 3: a totals row", set())
    assert english_words("| W001 | 张三 | jinjiang | lead |", {"jinjiang"})
    assert not english_words("| W001 | 张三 | jinjiang | 正职 |", {"jinjiang"})
    assert english_words("  W001 social_worker 1,000.00", set())
    assert english_words("hired 与 years_of_service 只能填写一个", set())  # a roster's columns
    assert not english_words("入职日期与工龄只能填写一个", set())
    assert not english_words("performance_bonus 与 performance_bonus_months 只能填写一个", set())
    assert not english_words(
        "错误：tests/bad/x.csv:1:7: workers[0].hired: 'perfomance' 未知列；允许的项：id, site",
        set(),
    )
    assert EXAMPLES.is_dir()


def test_notes_and_parser_errors_read_as_a_chinese_reader_writes_them(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(
        "工号,站点,学历,职称,工龄,备注\nW1,jj,本科,无,3,\n合计,,,,,\n示例,jj,本科,无,3,\n",
        encoding="utf-8",
    )
    notes = run_zh(["pay", "r.csv"], cwd=tmp_path)[0].err.splitlines()
    assert notes == [
        "说明：r.csv：忽略了 swplan 不使用的列 '备注'",
        "说明：r.csv：跳过第 3 行（合计行）",
        "说明：r.csv：跳过第 4 行（示例行）",
    ]
    (tmp_path / "r.yaml").write_text("workers:\n\t- id: W1\n", encoding="utf-8")
    tab = run_zh(["pay", "r.yaml"], cwd=tmp_path)[0]
    assert tab.err == (
        "错误：r.yaml:2:1: 不是有效的 YAML：读取下一个记号时遇到不能开始任何内容的字符"
        "（YAML 不能用 Tab 键缩进）\n"
    )
    (tmp_path / "q.yaml").write_text("workers:\n  - id: 'W1\n", encoding="utf-8")
    quote = run_zh(["pay", "q.yaml"], cwd=tmp_path)[0]
    assert quote.err == (
        "错误：q.yaml:3:1: 不是有效的 YAML：读取带引号的值时文件意外结束（引号或括号是否未闭合？）\n"
    )


# --------------------------------------------------------------------------- data files

DATA_ROSTER = "工号,姓名,站点,学历,职称,岗位,入职日期,考核等次,用工性质"
PASSES_HEAD = "工号,考试,通过日期"
LEDGER_HEAD = "工号,考试,金额,发放日期"
ROSTER_OK = "工号,站点,学历,职称,工龄\nW1,jinjiang,本科,无,3\nW0101,jinjiang,本科,无,3\n"

# Bad cells of every kind in rosters, populations, passes and ledgers, unknown words,
# missing and doubled columns, duplicate ids, dates after the judged day, ids spelt
# otherwise, a scheme the rules lack, unknown sites: name -> (files, arguments).
DATA_BROKEN: dict[str, tuple[dict[str, str], list[str]]] = {
    "roster bad education": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,小学,无,,2020-01-01,合格,合同制\n"},
        ["pay", "r.csv"],
    ),
    "roster bad title": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,工程师,,2020-01-01,合格,合同制\n"},
        ["pay", "r.csv"],
    ),
    "roster bad post": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,无,站长,2020-01-01,合格,合同制\n"},
        ["pay", "r.csv"],
    ),
    "roster bad performance": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,无,,2020-01-01,优良,合同制\n"},
        ["pay", "r.csv"],
    ),
    "roster bad employment": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,无,,2020-01-01,合格,临时工\n"},
        ["pay", "r.csv"],
    ),
    "roster english keys mistyped": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,bachlor,socal_worker,,2020-01-01,god,contrct\n"},
        ["pay", "r.csv"],
    ),
    "roster bad dates": (
        {
            "r.csv": DATA_ROSTER
            + "\nW1,张,jinjiang,本科,无,,2020-02-30,合格,合同制\nW2,李,jinjiang,本科,无,,昨天,合格,合同制\n"
        },
        ["pay", "r.csv"],
    ),
    "roster empty cells": (
        {"r.csv": DATA_ROSTER + "\n,张,,本科,无,,2020-01-01,合格,合同制\n"},
        ["pay", "r.csv"],
    ),
    "roster years bad": (
        {
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,-2\nW2,jj,本科,无,abc\nW3,jj,本科,无,2.5\nW4,jj,本科,无,\n"
        },
        ["pay", "r.csv"],
    ),
    "roster missing columns": ({"r.csv": "工号,姓名\nW1,张\n"}, ["pay", "r.csv"]),
    "roster missing education": ({"r.csv": "工号,站点,职称,工龄\nW1,jj,无,3\n"}, ["pay", "r.csv"]),
    "roster duplicate ids": (
        {"r.csv": "工号,站点,学历,职称,工龄\nW1,jj,本科,无,3\nW1,jj,本科,无,4\nW1,jj,本科,无,5\n"},
        ["check", "r.csv"],
    ),
    "roster hired after the day": (
        {"r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,无,,2026-06-01,合格,合同制\n"},
        ["pay", "r.csv", "--as-of", "2026-01-01"],
    ),
    "roster hired after the year": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": DATA_ROSTER + "\nW1,张,jinjiang,本科,无,,2031-06-01,合格,合同制\n",
        },
        ["budget", "p.yaml", "r.csv", "--year", "2026"],
    ),
    "roster hired and years": (
        {
            "r.csv": "工号,站点,学历,职称,入职日期,工龄\nW1,jj,本科,无,2020-01-01,3\nW2,jj,本科,无,,\n"
        },
        ["pay", "r.csv", "--as-of", "2026-01-01"],
    ),
    "roster yaml bad cells": (
        {
            "r.yaml": "workers:\n  - {id: W1, site: jj, education: [a], title: none, years_of_service: x, performance: great, hired: 2020-01-01}\n  - {id: W2, site: jj, education: bachelor, title: none, extra: 1}\n"
        },
        ["pay", "r.yaml"],
    ),
    "roster yaml exams": (
        {
            "r.yaml": "workers:\n  - {id: W1, site: jj, education: bachelor, title: none, years_of_service: 1, exams: [{exam: socal, passed_on: 2025-13-01}]}\n"
        },
        ["awards", "r.yaml", "--as-of", "2026-01-01"],
    ),
    "roster unknown area": (
        {
            "r.csv": "工号,站点,学历,职称,工龄,地区,取证时间,不计工龄年数\nW1,jj,本科,无,3,月球,2020-13-01,-1\n"
        },
        ["pay", "r.csv"],
    ),
    "populations bad cells": (
        {
            "p.csv": "站点编号,名称,类型,老年人,常住人口,编制数,开办年份,撤销年份\na,A,城市小区,x,-1,2.5,20x,1800\na,B,城市社区,1,2,3,2020,2019\n,C,城市社区,1,,,,\n"
        },
        ["staff", "p.csv"],
    ),
    "populations missing columns": ({"p.csv": "名称,老年人\nA,3\n"}, ["staff", "p.csv"]),
    "populations yaml bad": (
        {
            "p.yaml": "sites:\n  - {id: a, name: A, kind: urban_comunity, clients: {elderly: -1}}\n  - {id: a, name: B, kind: 城市社区, clients: 5}\n  - {name: C, kind: 城市社区, clients: {老年人: 1}, residents: x, posts_cap: -1}\n"
        },
        ["staff", "p.yaml"],
    ),
    "populations unknown area": (
        {"p.csv": "站点编号,名称,类型,老年人,地区\na,A,城市社区,3,火星\n"},
        ["staff", "p.csv"],
    ),
    "passes bad cells": (
        {
            "r.csv": ROSTER_OK,
            "passes.csv": PASSES_HEAD
            + "\nW1,社工,2025-01-01\nW1,社会工作师,2025-02-30\n,社会工作师,2025-01-01\nW1,,\n",
        },
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "passes after the day": (
        {"r.csv": ROSTER_OK, "passes.csv": PASSES_HEAD + "\nW1,社会工作师,2026-05-01\n"},
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "passes after the year": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": ROSTER_OK,
            "passes.csv": PASSES_HEAD + "\nW1,社会工作师,2030-05-01\n",
        },
        ["budget", "p.yaml", "r.csv", "--passes", "passes.csv", "--year", "2026"],
    ),
    "passes ids spelt otherwise": (
        {
            "r.csv": ROSTER_OK,
            "passes.csv": PASSES_HEAD + "\nw1,社会工作师,2025-05-01\nW101,社会工作师,2025-05-01\n",
        },
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "passes missing columns": (
        {"r.csv": ROSTER_OK, "passes.csv": "工号,通过日期\nW1,2025-01-01\n"},
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "passes yaml bad": (
        {
            "r.csv": ROSTER_OK,
            "passes.yaml": "passes:\n  - {worker_id: W1, exam: social_wroker, passed_on: x}\n  - {worker_id: W1, exam: social_worker, passed_on: 2025-01-01, extra: 1}\n  - 5\n",
        },
        ["awards", "r.csv", "--passes", "passes.yaml", "--as-of", "2026-01-01"],
    ),
    "passes exam year bad": (
        {
            "r.csv": ROSTER_OK,
            "passes.csv": "工号,考试,通过日期,考试年度\nW1,社会工作师,2025-01-01,二〇二五\n",
        },
        ["awards", "r.csv", "--passes", "passes.csv", "--as-of", "2026-01-01"],
    ),
    "ledger bad cells": (
        {
            "r.csv": ROSTER_OK,
            "l.csv": LEDGER_HEAD
            + "\nW1,社工,1000,2025-01-01\nW1,社会工作师,abc,2025-01-01\nW1,社会工作师,-3,2025-02-30\n,社会工作师,1,2025-01-01\n",
        },
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "ledger ids spelt otherwise": (
        {
            "r.csv": ROSTER_OK,
            "l.csv": LEDGER_HEAD
            + "\nw1,社会工作师,1000,2025-01-01\nW101,社会工作师,1000,2025-01-01\nW9,社会工作师,1000,2025-01-01\n",
        },
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "ledger missing columns": (
        {"r.csv": ROSTER_OK, "l.csv": "工号,考试\nW1,社会工作师\n"},
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "ledger after the day": (
        {"r.csv": ROSTER_OK, "l.csv": LEDGER_HEAD + "\nW1,社会工作师,1000,2026-05-01\n"},
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "ledger unknown scheme": (
        {
            "r.csv": ROSTER_OK,
            "l.csv": LEDGER_HEAD + ",奖励方案\nW1,社会工作师,1000,2025-01-01,区级奖励\n",
        },
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "check ledger unknown scheme": (
        {
            "r.csv": ROSTER_OK,
            "l.csv": LEDGER_HEAD
            + ",奖励方案\nW1,社会工作师,1000,2025-01-01,区级奖励\nW9,社会工作师,1000,2025-01-01,\n",
        },
        ["check", "r.csv", "l.csv"],
    ),
    "unknown sites": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\nW2,nowhere,本科,无,3\n",
        },
        ["staff", "p.yaml", "--roster", "r.csv"],
    ),
    "unknown sites check": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\nW2,nowhere,本科,无,3\n",
        },
        ["check", "p.yaml", "r.csv"],
    ),
    "unknown sites plan": (
        {"p.yaml": POPULATIONS, "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\n"},
        ["plan", "p.yaml", "r.csv"],
    ),
    "unknown sites plan allowed": (
        {"p.yaml": POPULATIONS, "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\n"},
        ["plan", "p.yaml", "r.csv", "--allow-unknown-sites"],
    ),
    "unknown sites budget allowed": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\nW2,nowhere,本科,无,3\n",
        },
        ["budget", "p.yaml", "r.csv", "--allow-unknown-sites"],
    ),
    "check passes unknown worker": (
        {
            "r.csv": ROSTER_OK,
            "passes.csv": PASSES_HEAD + "\nW9,社会工作师,2025-05-01\nw1,社会工作师,2025-05-01\n",
        },
        ["check", "r.csv", "passes.csv"],
    ),
    "check bad everything": (
        {
            "r.csv": DATA_ROSTER + "\nW1,张,jinjiang,小学,无,,2020-01-01,合格,合同制\n",
            "p.csv": "站点编号,名称,类型,老年人\na,A,城市小区,x\n",
            "passes.csv": PASSES_HEAD + "\nW1,社工,2025-01-01\n",
            "ledger.csv": LEDGER_HEAD + "\nW1,社会工作师,x,2025-01-01\n",
        },
        ["check", "r.csv", "p.csv", "passes.csv", "ledger.csv"],
    ),
    "header like a column": (
        {"r.csv": "id,site,education,title,years_of_service,performence\nW1,jj,本科,无,3,合格\n"},
        ["pay", "r.csv"],
    ),
    "header unknown chinese": (
        {"r.csv": "工号,站点,学历,职称,工龄,考合等次\nW1,jj,本科,无,3,合格\n"},
        ["pay", "r.csv"],
    ),
    "two columns for one": (
        {"r.csv": "工号,站点,学历,最高学历,职称,工龄\nW1,jj,本科,本科,无,3\n"},
        ["pay", "r.csv"],
    ),
    "two columns id": (
        {"r.csv": "工号,人员编号,站点,学历,职称,工龄\nW1,W1,jj,本科,无,3\n"},
        ["pay", "r.csv"],
    ),
    "passes yaml unknown key": (
        {
            "r.csv": ROSTER_OK,
            "passes.yaml": "passes:\n  - {worker_id: W1, exam: social_wroker, passed_on: 2025-13-01, note: x}\n",
        },
        ["awards", "r.csv", "--passes", "passes.yaml", "--as-of", "2026-01-01"],
    ),
    "populations yaml unknown key": (
        {
            "p.yaml": "sites:\n  - {id: a, name: A, kind: 城市社区, clients: {老年人: 1}, kinds: x}\n"
        },
        ["staff", "p.yaml"],
    ),
    "roster yaml missing": ({"r.yaml": "workers:\n  - {id: W1}\n"}, ["pay", "r.yaml"]),
    "plan unknown site allowed table": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\nW2,jinjiang,本科,无,3\n",
        },
        ["plan", "p.yaml", "r.csv", "--allow-unknown-sites"],
    ),
    "staff unknown site allowed table": (
        {
            "p.yaml": POPULATIONS,
            "r.csv": "工号,站点,学历,职称,工龄\nW1,jinjang,本科,无,3\nW2,jinjiang,本科,无,3\n",
        },
        ["staff", "p.yaml", "--roster", "r.csv", "--allow-unknown-sites"],
    ),
    "scheme rules lack": (
        {
            "rules.yaml": "extends: national\nawards:\n  schemes:\n    district: {label: {zh: 区级奖励}, exams: {social_worker: 1000}}\n    city: {label: {zh: 市级奖励}, exams: {social_worker: 500}}\n",
            "r.csv": ROSTER_OK,
            "l.csv": LEDGER_HEAD
            + ",奖励方案\nW1,社会工作师,1000,2025-01-01,省级\nW1,社会工作师,1000,2025-01-01,\n",
        },
        ["awards", "r.csv", "--ledger", "l.csv", "--rules", "rules.yaml", "--as-of", "2026-01-01"],
    ),
    "ledger unknown exam": (
        {"r.csv": ROSTER_OK, "l.csv": LEDGER_HEAD + "\nW1,社工考试,1000,2025-01-01\n"},
        ["awards", "r.csv", "--ledger", "l.csv", "--as-of", "2026-01-01"],
    ),
    "populations unknown category": (
        {"p.csv": "站点编号,名称,类型,老年人们,儿童\na,A,城市社区,3,x\n"},
        ["staff", "p.csv"],
    ),
    "populations kind key": (
        {"p.yaml": "sites:\n  - {id: a, name: A, kind: urban_comunity, clients: {elderly: 3}}\n"},
        ["staff", "p.yaml"],
    ),
}

# The words a reader of a data file's message must never see as keys: its columns
# (hired, worker_id, passed_on), the national vocabulary (bachelor, social_worker) and
# the national categories of clients (elderly, social_assistance).
NEVER_KEYS = {
    *DATA_KEYS,
    *(k for words in BUILTIN_ZH.values() for k in words),
    *load_rules(None).categories,
}
_AS_WRITTEN = [
    re.compile(r"'(?:[^'\\]|\\.)*'"),  # a quoted value, as the file writes it
    re.compile(r"\S*[/\\]\S*"),  # a path
    re.compile(r"\S+\.(?:ya?ml|csv|xlsx)(?::[\d:]+)?", re.I),  # a file and a position
    re.compile(r"--[a-z][\w-]*(?: site)?"),  # an option (--by site)
    re.compile(r"\w+\[\d+\][^\s:]*"),  # a YAML key path, as written: sites[0].服务对象.elderly
    re.compile(r"是否应为 [^）]*）"),  # a suggestion
]


def keys_named(text: str) -> list[str]:
    """The lines of `text` that name a data file's column or a vocabulary word by its key."""
    found = []
    for line in text.splitlines():
        rest = line
        if ".yaml:" in rest and "允许的项：" in rest:  # a YAML file is written in keys
            rest = rest.split("允许的项：")[0]
        for place in _AS_WRITTEN:
            rest = place.sub(" ", rest)
        keys = [w for w in re.findall(r"[A-Za-z_]+", rest) if w in NEVER_KEYS]
        if keys:
            found.append(f"{keys}: {line}")
    return found


def test_data_file_messages_name_columns_and_words_in_chinese(tmp_path: Path) -> None:
    failures = []
    for n, (name, (files, args)) in enumerate(DATA_BROKEN.items()):
        here = tmp_path / f"case{n}"
        here.mkdir()
        for file, text in files.items():
            (here / file).write_text(text, encoding="utf-8")
        result, english = run_zh(args, cwd=here)
        printed = result.out + result.err
        if result.code == 2 and "错误：" not in result.err:
            failures.append(f"{name}: no error line")
        keys = keys_named(printed)
        if english or keys:
            failures.append(f"{name} ({' '.join(args)}):\n  " + "\n  ".join(english + keys))
    assert not failures, "\n".join(failures)


def test_the_key_checker_finds_keys() -> None:
    assert keys_named("错误：r.csv:2:4: 学历: 'x' 不在可选值中：secondary、associate")
    assert keys_named("说明：r.csv：hired（入职日期）与工龄不一致")
    assert keys_named("错误：l.csv:2:5: 奖励方案: '省级' 不是规则中的奖励方案；方案有：default")
    assert not keys_named(
        "错误：r.csv:2:4: 学历: 'bachlor' 不在可选值中：中专、本科（是否应为 '本科'？）"
    )
    assert not keys_named("错误：r.yaml:3:5: workers[1].extra: 未知的键；允许的项：id, name, site")
