"""A sheet's own totals held against what was read, and columns of numbers nobody counts.

A subtotal row read as a site, a category column dropped, a number stored as text that
the sheet's SUM leaves out: each makes the clients read differ from the sheet's own
grand total. `SheetTotals` compares them, category by category, and says where to
look; `NumberColumns` finds the columns of numbers that no category reads, so that no
client is silently left out (docs/formats.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import Problem
from ..messages import L, Words, msg
from ..rules import Rules
from ..values import halfwidth, is_placeholder, parse_count
from .headers import UNCOUNTED
from .table import Table, header_key, totals_word

# rows kept to name the ones that may explain a mismatch (a workbook's are all kept)
KEPT_ROWS = 50_000
_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?")
_COUNT = re.compile(r"(?:共|计)?[:]?([0-9][0-9,]*)(?:人|名)?")
_UNCOUNTED_ENDS = ("代码", "编码", "电话", "号码", "邮编")
_WORDS = ("合计", "总计", "小计", "共计")


def category_word(rules: Rules, category: str) -> L:
    """A category by its label: `Elderly` / `老年人`."""
    return L(rules.label_of("category", category, "en"), rules.label_of("category", category, "zh"))


def clients_note(rules: Rules, sums: dict[str, int]) -> object:
    """`read 1,234 clients: Elderly 800, Children 300, ...` (说明：读入服务对象 1,234 人：老年人
    800、儿童 300、…), so that a user can hold them against the sheet."""
    parts = [
        msg(
            "bureau.clients_of",
            category=category_word(rules, c),
            n=f"{sums.get(c, 0):,}",
        )
        for c in rules.categories
        if sums.get(c)
    ]
    return msg("bureau.clients_read", n=f"{sum(sums.values()):,}", categories=Words(parts))


def roster_total(table: Table) -> tuple[int, int] | None:
    """(column index, count) of the roster's grand total row, when one of its text cells
    holds a count of workers (`15`, `15人`, `共15人`, `合计：15人`)."""
    if table.totals is None or table.parts:
        return None
    _, cells = table.totals
    for i, cell in enumerate(cells):
        column = table.columns[i]
        if (
            not cell
            or column in table.ignored
            or column in ("years_of_service", "years_not_counted")
        ):
            continue
        word = header_key(cell)
        for total in _WORDS:
            word = word.removeprefix(total)
        found = _COUNT.fullmatch(word)
        if found:
            return i, int(found[1].replace(",", ""))
    return None


class SheetTotals:
    """The clients read per category (`sums`), and the rows kept to explain a mismatch
    with the sheet's own grand total."""

    def __init__(self, rules: Rules, keep: bool) -> None:
        self.rules = rules
        self.sums: dict[str, int] = {}
        self.keep = keep
        self.kept: list[tuple[int, str | None, dict[str, int]]] = []

    def add(self, number: int, name: str | None, clients: dict[str, int]) -> None:
        sums = self.sums
        for category, n in clients.items():
            sums[category] = sums.get(category, 0) + n
        if self.keep:
            self.kept.append((number, name, clients))
            if len(self.kept) > KEPT_ROWS:
                self.keep = False
                self.kept = []

    def mismatches(self, table: Table) -> list[Problem]:
        """A problem for each category whose cell in the grand total row holds a number
        other than the sum read."""
        if table.totals is None or table.parts:
            return []
        number, cells = table.totals
        out = []
        for i, column in enumerate(table.columns):
            if column not in self.rules.categories or i >= len(cells):
                continue
            text = (cells[i] or "").strip()
            if not text or is_placeholder(text):
                continue
            try:
                said = parse_count(text)
            except ValueError:
                continue
            read = self.sums.get(column, 0)
            if said != read:
                out.append(self._mismatch(table, number, i, (said, read)))
        return out

    def _mismatch(self, table: Table, number: int, index: int, sums: tuple[int, int]) -> Problem:
        column = table.columns[index]
        said, read = sums
        rows = self._suspects(table, column, read - said)
        texts = sorted(r for r, c in table.text_numbers if c == index)
        cells = Words([table.cell(r, index) for r in texts[:10]])
        label = category_word(self.rules, column)
        message = msg(
            "bureau.total_mismatch",
            category=label,
            said=f"{said:,}",
            read=f"{read:,}",
            rows=msg("bureau.total_suspects", rows=Words(rows)) if rows else "",
            cells=msg("bureau.total_text_cells", cells=cells) if texts else "",
        )
        return table.problem_at(number, index, message)

    def _suspects(self, table: Table, category: str, excess: int) -> list[str]:
        """The rows that may be subtotals (their count is the excess, or the sum of the
        rows just above them) or duplicates (a name given twice)."""
        if excess <= 0 or not self.kept:
            return []
        found: list[int] = []
        seen: dict[str, int] = {}
        above: list[int] = []
        for number, name, clients in self.kept:
            n = clients.get(category, 0)
            if n and (n == excess or (len(above) > 1 and _ends_in_sum(above, n))):
                found.append(number)
            if name:
                if name in seen:
                    found += [seen[name], number]
                seen.setdefault(name, number)
            above.append(n)
        rows = sorted(dict.fromkeys(found))[:10]
        return [str(table.sheet_row(r)[1]) for r in rows]


def _ends_in_sum(above: list[int], n: int) -> bool:
    """Whether `n` is the sum of the last two or more numbers of `above` (a subtotal)."""
    total = 0
    for k, value in enumerate(reversed(above[-200:]), 1):
        total += value
        if total == n and k > 1:
            return True
        if total > n:
            return False
    return False


class NumberColumns:
    """The columns a populations table ignores whose every filled cell is a number:
    clients in a column no category names would be lost, so each is an error."""

    def __init__(self, table: Table, rules: Rules, ignore: Sequence[str]) -> None:
        silent = {header_key(h) for h in ignore}
        self.table = table
        self.rules = rules
        self.open: dict[int, int] = {}  # column index -> numbers seen
        for i, column in enumerate(table.columns):
            if column not in table.ignored or not column:
                continue
            key = header_key(column)
            if key in silent or totals_word(column) or _uncounted(key):
                continue
            self.open[i] = 0

    def add(self, cells: Sequence[str | None]) -> None:
        for i in list(self.open):
            cell = cells[i] if i < len(cells) else None
            text = halfwidth(cell).strip() if cell else ""
            if not text or is_placeholder(text):
                continue
            if _NUMBER.fullmatch(text):
                self.open[i] += 1
            else:
                del self.open[i]

    def problems(self) -> list[Problem]:
        out = []
        table = self.table
        for i, seen in self.open.items():
            if not seen:
                continue
            column = table.columns[i]
            close = self.rules.suggest("category", column)
            key = self.rules.word("category", close) if close is not None else None
            hint: object = ""
            if key is not None:
                hint = msg("bureau.nearest_category", category=category_word(self.rules, key))
            message = msg("bureau.number_column", column=column, key=key or "CATEGORY", hint=hint)
            out.append(Problem(table.file, table.cell(table.header_row, i), column, message))
        return out


def _uncounted(key: str) -> bool:
    return key in {header_key(h) for h in UNCOUNTED} or key.endswith(_UNCOUNTED_ENDS)
