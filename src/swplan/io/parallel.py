"""Run one piece of loading in a second process, beside the first.

A national run reads a 100 MB roster and a 30 MB populations file; they are
independent, and the machine has two cores. `beside(fn)` forks, runs `fn()` in the
child and returns a function that waits for its result. Bad input in the child
comes back as the same `InputError`; anything else becomes an error naming the
step. Where fork is unavailable, `fn` simply runs when waited for; so it does in a
process that has loaded polars, whose worker threads a forked child would not have
(its locks could be held by a thread that is not there: the child would hang).

A value this process works out only after the fork (the ids a budget's passes name)
reaches the child through a `Later`: the child reads its files, then waits for the
value where it first needs it. A value the child has early (a roster's counts, before
its costs) comes back through an `Ahead`, which the child settles before its result
and this process takes before it: neither side can wait on the other's full pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..bulk import building
from ..errors import InputError

T = TypeVar("T")


V = TypeVar("V")


class _Piped:
    """A value between `beside`'s two processes: through a pipe once they are two."""

    def __init__(self) -> None:
        self._pipe: tuple[Any, Any] | None = None

    def forking(self, context: Any) -> None:
        """Called by `beside` just before it forks: the value will go through a pipe."""
        self._pipe = context.Pipe(duplex=False)


class Later(_Piped, Generic[V]):
    """A value given (`give`) by this process after `beside` forked, and taken (`take`)
    where it is needed: in the child, waiting for it; in this process, when nothing
    was forked, as it was given."""

    def __init__(self) -> None:
        super().__init__()
        self._value: tuple[V] | None = None

    def give(self, value: V) -> None:
        self._value = (value,)
        if self._pipe is None:
            return
        receive, send = self._pipe
        receive.close()

        def sent() -> None:  # the child reads it only when it needs it: never wait here
            try:
                send.send(value)
                send.close()
            except OSError:
                pass  # the child is gone; waiting for it says why

        threading.Thread(target=sent, daemon=True).start()

    def take(self) -> V:
        if self._value is None:
            if self._pipe is None:
                raise RuntimeError("a value taken before it was given")
            receive, send = self._pipe
            send.close()
            self._value = (receive.recv(),)
            receive.close()
        return self._value[0]


class Ahead(_Piped, Generic[V]):
    """A value `beside`'s child sends ahead of its result (a roster's counts, before its
    costs are worked out), for this process to use while the child goes on. `give` in
    `fn`; `take` here: the value, or None when `fn` gave none (then, without a fork,
    until `fn` has run)."""

    def __init__(self) -> None:
        super().__init__()
        self._value: tuple[V | None] | None = None
        self._sending: threading.Thread | None = None

    def give(self, value: V | None) -> None:
        if self._value is not None:
            return  # given once
        self._value = (value,)
        if self._pipe is None:
            return
        send = self._pipe[1]

        def sent() -> None:  # the child goes on meanwhile
            try:
                send.send(value)
            except OSError:
                pass  # this process is gone

        self._sending = threading.Thread(target=sent, daemon=True)
        self._sending.start()

    def settle(self) -> None:
        """In the child, before its result: None given when nothing was, and the value
        wholly sent (this process takes it before the result)."""
        if self._pipe is None:
            return
        self.give(None)
        if self._sending is not None:
            self._sending.join()

    def take(self) -> V | None:
        if self._value is None:
            if self._pipe is None:
                return None  # nothing forked: nothing given yet
            receive, send = self._pipe
            send.close()
            try:
                self._value = (receive.recv(),)
            except EOFError:  # the child stopped first; waiting for it says why
                self._value = (None,)
            receive.close()
        return self._value[0]


def beside(
    fn: Callable[[], T], later: Later[Any] | None = None, ahead: Ahead[Any] | None = None
) -> Callable[[], T]:
    """`fn` run in a forked child; the function that waits for its result. `later`, a
    value `fn` takes, goes to the child once given; `ahead`, a value `fn` gives, comes
    back before the result."""
    if not hasattr(os, "fork") or "fork" not in multiprocessing.get_all_start_methods():
        return fn
    if "polars" in sys.modules:  # its thread pool does not survive a fork
        return fn
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    if later is not None:
        later.forking(context)
    if ahead is not None:
        ahead.forking(context)

    def child() -> None:
        try:
            outcome: tuple[str, Any] = ("ok", fn())
        except InputError as exc:
            outcome = ("input", exc.problems)
        except BaseException as exc:  # any failure: reported by the parent
            outcome = ("failed", f"{type(exc).__name__}: {exc}")
        if ahead is not None:
            ahead.settle()
        send.send(outcome)
        send.close()
        sys.stderr.flush()

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def wait() -> T:
        if ahead is not None:
            ahead.take()  # the child sends it first, and waits until it is read
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
