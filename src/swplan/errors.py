"""Problems found in input files, and the exit codes.

Loading and validation collect every problem they find as a `Problem` value and raise
one `InputError` carrying all of them, so a user sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .messages import Text

EXIT_OK = 0
EXIT_CHECK_FAILED = 1  # --cap exceeded, --fail-on-shortage
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file.

    `where` is how the place is written after the file name: `14:5` for a line and
    column, `Sheet1!D7` for a spreadsheet cell, empty when the file has no positions.
    `message` is a message of the catalogue (`swplan.messages`), worded in the run's
    language when shown; a plain string only for another library's words. `kind` is
    the data file's kind (roster, populations, passes, ledger) when `path` names one
    of its fields, so that Chinese names the field by its header: `header`, the header
    the file itself gives the column, else the built-in one.
    """

    file: str
    where: str
    path: str
    message: Text
    kind: str | None = None
    header: str | None = None  # the column's header as the file writes it (人员编号 for id)

    def __str__(self) -> str:
        return self.line("en")

    def line(self, lang: str) -> str:
        """`error: FILE:WHERE: path: message` (`错误：...` in Chinese)."""
        from .messages import render
        from .messages.fields import path_zh

        location = f"{self.file}:{self.where}" if self.where else self.file
        if lang == "zh":
            text = render(self.message, "zh")
            if isinstance(self.message, str):  # another library's words
                from .i18n import zh

                text = zh(text)
            field = self.header or path_zh(self.kind, self.path)
            parts = [location, field] if self.path else [location]
            return "错误：" + ": ".join(parts) + ": " + text
        text = render(self.message, "en")
        parts = [location, self.path, text] if self.path else [location, text]
        return "error: " + ": ".join(parts)


class InputError(Exception):
    """Bad input: one or more problems, reported together (exit 2)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def position(line: int | None, col: int | None = None) -> str:
    """Format a 1-based line and column as `LINE:COL` (or `LINE`, or empty)."""
    if line is None:
        return ""
    return f"{line}:{col}" if col is not None else str(line)
