"""A report as a terminal table (rich): one table per view, or `label  value` blocks
for a terminal too narrow for it."""

from __future__ import annotations

from typing import Any, TextIO

from .render_view import Report, View, shown_rows


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


_FOLDED_MIN = 6  # a folded column is never narrower than this


def _needed_width(view: View, rows: list[list[str]], totals: list[str] | None) -> int:
    """Terminal columns the table needs with its identifying and number columns whole."""
    total = 1 + 3 * len(view.columns)  # borders and padding
    for i, column in enumerate(view.columns):
        cells = [r[i] for r in rows] + ([totals[i]] if totals else [])
        full = max([_cell_width(column)] + [_cell_width(c) for c in cells])
        total += full if (i in view.ids or i in view.numeric) else min(full, _FOLDED_MIN)
    return total


def _print_blocks(
    console: Any, view: View, rows: list[list[str]], totals: list[str] | None
) -> None:
    """One block per row, `label: value` lines: for terminals too narrow for the table."""
    width = max(_cell_width(c) for c in view.columns)
    for row in [*rows, *([totals] if totals else [])]:
        console.print("")
        for column, cell in zip(view.columns, row, strict=True):
            if cell:
                pad = " " * (width - _cell_width(column))
                console.print(f"  {column}{pad}  {cell}", markup=False, overflow="fold")


def render_table(report: Report, file: TextIO, *, color: bool, width: int | None = None) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(
        file=file,
        force_terminal=color,
        no_color=not color,
        width=width or (None if color else 100_000),  # a file or pipe gets whole cells
        highlight=False,
        soft_wrap=False,
    )
    from rich.text import Text

    for view in report.table_views():
        console.print(view.title, markup=False, style="bold" if color else None)
        for line in view.headline:  # directly under its title
            console.print(line, markup=False)
        if view.columns:
            rows, totals = shown_rows(view)
            if _needed_width(view, rows, totals) > console.width:
                _print_blocks(console, view, rows, totals)
            else:
                table = Table(
                    box=box.SIMPLE_HEAD if color else box.ASCII2,
                    show_footer=totals is not None,
                )
                for i, column in enumerate(view.columns):
                    whole = i in view.ids or i in view.numeric or not color
                    cells = [r[i] for r in rows] + ([totals[i]] if totals else [])
                    table.add_column(
                        Text(column),  # names and labels print literally: no rich markup
                        footer=Text(totals[i] if totals else ""),
                        justify="right" if i in view.numeric else "left",
                        no_wrap=whole,
                        overflow="fold",
                        min_width=max(_cell_width(c) for c in [column, *cells]) if whole else None,
                    )
                for i, row in enumerate(rows):
                    table.add_row(*map(Text, row), end_section=i in view.sections)
                console.print(table)
        for note in view.notes:
            console.print(note, markup=False, overflow="fold")
