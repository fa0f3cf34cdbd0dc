"""Old home of the file readers, kept while the importers move (see text, yamldoc,
table, csvfile, xlsxfile, source)."""

from __future__ import annotations

from .csvfile import *  # noqa: F403
from .csvfile import _malformed, _records  # noqa: F401
from .source import *  # noqa: F403
from .source import _sheet_rows  # noqa: F401
from .table import *  # noqa: F403
from .table import _SPECIAL_FIRST, _TOTAL_WORDS, _TOTALS, _marks_a_skip  # noqa: F401
from .text import *  # noqa: F403
from .xlsxfile import *  # noqa: F403
from .xlsxfile import _cell_text, _inflated_size_problem, _sheet_table  # noqa: F401
from .yamldoc import *  # noqa: F403
from .yamldoc import Path_  # noqa: F401
