"""Locks on a ledger file: one recording run at a time, and no reader while one records.

The lock belongs to the file, not to its name (`flock`; on Windows `msvcrt.locking`):
every name of one ledger (a symlink, a hard link, `/proc/self/fd/N`) shares it, and no
lock file is left beside it. A recording run holds it exclusively; a reader holds it
shared, so it never reads an append half done by a run that is still working.
"""

from __future__ import annotations

import importlib
import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

# Windows locks byte ranges; this one is far past any real ledger's end, so the
# lock never stands in the way of reading the file.
_WINDOWS_LOCK_OFFSET = 1 << 40


def lock(fd: int, *, shared: bool = False) -> Callable[[], None]:
    """Wait for a lock on the open file `fd` (exclusive, or `shared`); return what
    releases it.

    `flock` where there is one (closing the file releases it too); on Windows, a
    one-byte `msvcrt` lock far past the end of the file, exclusive only (a shared
    lock is then no lock: readers do not wait there).
    """
    try:
        import fcntl
    except ImportError:
        pass
    else:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        return lambda: fcntl.flock(fd, fcntl.LOCK_UN)
    if shared:
        return lambda: None
    msvcrt: Any = importlib.import_module("msvcrt")  # Windows (typed loosely: checked on Linux)

    def at_lock_byte() -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)

    while True:
        at_lock_byte()
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            break
        except OSError:
            time.sleep(0.05)

    def unlock() -> None:
        at_lock_byte()
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    return unlock


def same_file(fd: int, path: str) -> bool:
    """Whether `path` still names the file open as `fd`."""
    try:
        now = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


@contextmanager
def locked_ledger(path: str, *, create: bool) -> Iterator[tuple[int, bool]]:
    """The ledger opened for appending, under its exclusive lock: (fd, created).

    Should the name be moved to another file while this run waits (a workbook
    replaced by the run before), the new file is opened and locked instead.
    """
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        created = False
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            if not create:
                raise
            try:
                fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o666)
                created = True
            except FileExistsError:
                continue  # another run created it first: open that one
        try:
            unlock = lock(fd)
            if same_file(fd, path):
                try:
                    yield fd, created
                finally:
                    with suppress(OSError):
                        unlock()
                return
        finally:
            os.close(fd)


@contextmanager
def reading_lock(path: str) -> Iterator[int | None]:
    """The ledger at `path` opened for reading, under its shared lock; None for what is
    not a regular file (a pipe is read once and has no one appending to it)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                yield None
                return
            fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            yield None  # the reader says what is wrong with it
            return
        try:
            unlock = lock(fd, shared=True)
            if same_file(fd, path):
                try:
                    yield fd
                finally:
                    with suppress(OSError):
                        unlock()
                return
        finally:
            os.close(fd)
