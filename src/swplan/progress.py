"""A progress bar for long runs: rich, on stderr, on a terminal only, after a second."""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

DELAY_SECONDS = 1.0


def estimate_rows(path: str | os.PathLike[str]) -> int | None:
    """Rows in a CSV file, estimated from its size and its first 64 KiB."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None  # a pipe is read once, by the reader, never peeked at
        size = info.st_size
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return None
    lines = head.count(b"\n")
    if not lines:
        return None
    return max(1, int(size / (len(head) / lines)) - 1)


def terminal_progress() -> bool:
    """Whether a long run shows a progress bar: on a terminal, outside CI."""
    err = sys.stderr
    return err is not None and err.isatty() and not os.environ.get("CI")


@contextmanager
def row_progress(path: str | os.PathLike[str], what: str) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback `update(rows_done)`, or None when stderr is not a terminal."""
    if not terminal_progress():
        yield None
        return
    started = time.monotonic()
    total = estimate_rows(path)
    bar: dict[str, Any] = {}

    def update(done: int) -> None:
        if "progress" not in bar:
            if time.monotonic() - started < DELAY_SECONDS:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            progress.start()
            bar["progress"] = progress
            bar["task"] = progress.add_task(what, total=total)
        bar["progress"].update(bar["task"], completed=min(done, total or done))

    try:
        yield update
    finally:
        if "progress" in bar:
            bar["progress"].stop()
