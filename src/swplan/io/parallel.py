"""Run one piece of loading in a second process, beside the first.

A national run reads a 100 MB roster and a 30 MB populations file; they are
independent, and the machine has two cores. `beside(fn)` forks, runs `fn()` in the
child and returns a function that waits for its result. Bad input in the child
comes back as the same `InputError`; anything else becomes an error naming the
step. Where fork is unavailable, `fn` simply runs when waited for; so it does in a
process that has loaded polars, whose worker threads a forked child would not have
(its locks could be held by a thread that is not there: the child would hang).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from ..bulk import building
from ..errors import InputError

T = TypeVar("T")


def beside(fn: Callable[[], T]) -> Callable[[], T]:
    if not hasattr(os, "fork") or "fork" not in multiprocessing.get_all_start_methods():
        return fn
    if "polars" in sys.modules:  # its thread pool does not survive a fork
        return fn
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            outcome: tuple[str, Any] = ("ok", fn())
        except InputError as exc:
            outcome = ("input", exc.problems)
        except BaseException as exc:  # any failure: reported by the parent
            outcome = ("failed", f"{type(exc).__name__}: {exc}")
        send.send(outcome)
        send.close()
        sys.stderr.flush()

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def wait() -> T:
        try:
            with building():  # a national roster's counts: a few objects per site
                kind, value = receive.recv()
        except EOFError:
            process.join()
            raise RuntimeError(
                f"the process reading beside this one stopped (exit {process.exitcode})"
            ) from None
        finally:
            receive.close()
        process.join()
        if kind == "input":
            raise InputError(value)
        if kind == "failed":
            raise RuntimeError(value)
        return value  # type: ignore[no-any-return]

    return wait
