"""Replace a file so that a reader sees the old one or the complete new one, never half.

The new content goes to a temporary file beside the target (same directory, so the
rename cannot cross file systems), is fsynced, takes the old file's permissions (or
the umask's, for a new file: mkstemp alone would leave 0600), and is renamed over the
target; the directory is fsynced so the rename survives a power cut. On any failure
the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any


def _mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_file(
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    prefix: str = ".swplan-",
    before_rename: Callable[[], None] | None = None,
) -> Iterator[IO[Any]]:
    """A file to write; it replaces `path` only when the block ends without an error."""
    target = os.path.realpath(path)  # through a symlink, not over it
    directory = os.path.dirname(target)
    mode = _mode(target)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with opened as f:
            yield f
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory that cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)
