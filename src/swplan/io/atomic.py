"""Writing outputs: a reader sees the old file or the complete new one, never half.

* A regular file (or a new name) is written to a temporary file beside it (same
  directory, so the rename cannot cross file systems), fsynced, given the old file's
  mode, owner and group, and renamed over it; the directory is then fsynced so the
  rename survives a power cut. A file whose owner cannot be kept (someone else's
  file that you may write to), that has hard links, or that may not be renamed over
  (someone else's file in a sticky directory such as /tmp) is overwritten in place
  instead, after the whole new content is ready, so its owner and its other names stay.
* Whatever runs "before the rename" (`--record` writing the ledger) runs only once the
  last step is proven: the rename is allowed, or the file is open for writing with room
  for the new content. So a ledger is never recorded for a report that then fails.
* Stdout (`-`, `/dev/stdout`), a device (`/dev/null`) or a FIFO is never replaced:
  the content is gathered first and then written to it, in place.
* Every failure is an `InputError` naming the output and what went wrong (a
  directory, a missing directory, a full disk, a closed stdout), never a traceback;
  on any failure the target is untouched and the temporary file removed.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any

from ..errors import InputError, Problem
from ..messages import L, Msg, msg
from .text import split_sheet

STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return _umask_mode()


_WHY = {
    errno.ENOSPC: "ledger.why_full",
    errno.EDQUOT: "ledger.why_quota",
    errno.EROFS: "ledger.why_read_only",
    errno.EACCES: "ledger.why_permission",
    errno.EPERM: "ledger.why_permission",
    errno.EPIPE: "ledger.why_pipe",
    errno.EISDIR: "ledger.why_directory",
}


def why(exc: OSError) -> Msg | str:
    """What an OS error means for a file being written, in words for the user (the
    system's own words for an error swplan has none for)."""
    key = _WHY.get(exc.errno) if exc.errno is not None else None
    if key is not None:
        return msg(key)
    return exc.strerror or str(exc)


def _output_problem(name: str, message: Msg) -> InputError:
    return InputError([Problem(name, "", "--output" if name != "stdout" else "", message)])


def target_problem(path: str) -> Msg | None:
    """Why `path` cannot be an output file (a directory, a missing directory), or None."""
    if path in STDOUT_NAMES:
        return None
    target = os.path.realpath(path)
    if os.path.isdir(target):
        return msg("ledger.output_is_directory")
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        return msg("ledger.output_no_directory", directory=os.path.dirname(path) or ".")
    return None


def rename_allowed(path: str | os.PathLike[str]) -> bool:
    """Whether a new file may be renamed over `path`: not in a sticky directory (such as
    /tmp) where neither the file nor the directory is this user's."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
        directory = os.stat(os.path.dirname(target) or ".")
    except OSError:
        return True
    if not directory.st_mode & stat.S_ISVTX or not hasattr(os, "geteuid"):
        return True
    return os.geteuid() in (info.st_uid, directory.st_uid)


def _is_regular_or_new(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


@contextmanager
def atomic_file(
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    prefix: str = ".swplan-",
    before_rename: Callable[[], None] | None = None,
) -> Iterator[IO[Any]]:
    """A file to write; it replaces `path` only when the block ends without an error.

    `before_rename` runs once the new content is complete and synced, just before it
    takes the place of the old (an error there leaves the old file). Raises `OSError`.
    """
    target = os.path.realpath(path)  # through a symlink, not over it
    directory = os.path.dirname(target)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    mode = old.st_mode & 0o7777 if old else _umask_mode()
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with opened as f:
            yield f
            f.flush()
            _set_mode(f.fileno(), tmp, mode)
            in_place = old is not None and (
                not _keep_owner(f.fileno(), old) or not rename_allowed(target)
            )
            os.fsync(f.fileno())
        if in_place:
            # opened, with room for the new content, before anything else is done
            with _in_place(target, os.path.getsize(tmp)) as dst:
                if before_rename is not None:
                    before_rename()
                _copy_into(tmp, dst)
            os.unlink(tmp)
        else:
            if before_rename is not None:
                before_rename()
            os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _set_mode(fd: int, path: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows has no fchmod
        os.chmod(path, mode)


def _keep_owner(fd: int, old: os.stat_result) -> bool:
    """Give the new file `old`'s owner and group; False when that cannot be done.

    A file with other hard links counts as "cannot": a rename would leave its other
    names holding the old content.
    """
    if old.st_nlink > 1:
        return False
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows: no owners to keep
        return True
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (old.st_uid, old.st_gid):
        return True
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        return False
    return True


@contextmanager
def _in_place(target: str, size: int) -> Iterator[IO[bytes]]:
    """`target` open for writing in place, with room for `size` bytes where the file
    system can promise it. Raises `OSError` (permission denied, a full disk) at once."""
    with open(target, "r+b") as dst:
        allocate = getattr(os, "posix_fallocate", None)
        if allocate is not None and size:
            try:
                allocate(dst.fileno(), 0, size)
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENODEV):
                    raise
        yield dst


def _copy_into(source: str, dst: IO[bytes]) -> None:
    """The content of `source` over `dst`, from its start; then `dst` ends there."""
    with open(source, "rb") as src:
        dst.seek(0)
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.truncate()
        dst.flush()
        os.fsync(dst.fileno())


def _fsync_directory(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory that cannot be opened (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- outputs


def _stdout() -> IO[str]:
    out = sys.stdout
    if out is None or getattr(out, "closed", False):
        raise _output_problem("stdout", msg("ledger.stdout_closed"))
    return out


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the exit flush cannot fail again."""
    with suppress(Exception):
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)


@contextmanager
def output_file(
    path: str | None,
    *,
    before_publish: Callable[[], None] | None = None,
    binary: bool = False,
) -> Iterator[IO[Any]]:
    """A text file (`binary`: a bytes file) for a report going to `path` (None or `-`: stdout).

    What is written becomes visible only when the block ends without an error:
    renamed over a regular file, or copied to stdout, a device or a FIFO. For a
    regular file `before_publish` runs just before the rename, once the new content is
    complete; for the others just after the content was written and flushed. So
    `awards --record` records only a report that was (or is about to be, by a rename
    that cannot fail for want of space) written.
    """
    if path is None or path in STDOUT_NAMES:
        yield from _to_stream(None, before_publish, binary)
        return
    problem = target_problem(path)
    if problem:
        raise _output_problem(path, problem)
    if not _is_regular_or_new(path):  # a device or FIFO: written in place, never replaced
        yield from _to_stream(path, before_publish, binary)
        return
    try:
        with atomic_file(path, before_rename=before_publish, binary=binary) as f:
            yield f
    except OSError as exc:
        raise _output_problem(path, msg("ledger.cannot_be_written", why=why(exc))) from None


def _to_stream(
    path: str | None, after_write: Callable[[], None] | None, binary: bool = False
) -> Iterator[IO[Any]]:
    """Gather the content in a spool, then write it to stdout (None) or the file `path`.

    The spool holds bytes; text is written into it as UTF-8 through a wrapper whose
    `buffer` is the spool (so a writer of UTF-8 bytes can skip the text layer), and
    copied out as bytes wherever the destination takes UTF-8."""
    name = path or "stdout"
    if path is None:
        _stdout()  # fail before any work when stdout is closed
    try:
        spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+b")  # noqa: SIM115
    except OSError as exc:
        raise _output_problem(name, msg("ledger.cannot_be_written", why=why(exc))) from None
    with spool:
        try:
            if binary:
                yield spool
            else:
                text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
                try:
                    yield text
                    text.flush()
                finally:
                    with suppress(ValueError, OSError):  # after a failure: its error stands
                        text.detach()
            spool.flush()
            spool.seek(0)
        except OSError as exc:  # the spool itself: a full temporary directory
            raise _output_problem(name, msg("ledger.cannot_be_written", why=why(exc))) from None
        try:
            if path is None:
                _copy_to_stdout(spool, binary)
            else:
                with open(path, "wb") as raw:
                    shutil.copyfileobj(spool, raw, 1 << 20)
        except OSError as exc:
            if path is None:
                _silence_stdout()
                if isinstance(exc, BrokenPipeError) and after_write is None:
                    raise  # `swplan ... | head`: the reader has what it wanted
            raise _output_problem(name, msg("ledger.cannot_be_written", why=why(exc))) from None
    if after_write is not None:
        after_write()


def _copy_to_stdout(spool: IO[bytes], binary: bool) -> None:
    """The spool's bytes to stdout: as they are where stdout takes bytes (binary) or
    UTF-8 text without newline translation, else decoded and written as text (in
    stdout's own encoding, with its own line ends: Windows' CRLF)."""
    out: IO[Any] = _stdout()
    raw = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if binary or (raw is not None and encoding == "utf8" and os.linesep == "\n"):
        out.flush()
        raw = out.buffer  # type: ignore[attr-defined]
        shutil.copyfileobj(spool, raw, 1 << 20)
        raw.flush()
        return
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    try:
        shutil.copyfileobj(text, out, 1 << 20)
        out.flush()
    finally:
        text.detach()


def output_clash(output: str, inputs: dict[str, Any]) -> Problem | None:
    """The problem when `output` is one of `inputs` (option -> path, or a list of paths).

    The same file is the same file whatever the name: symlinks are followed and hard
    links compared by device and inode; a name that does not exist yet is compared by
    its resolved path.
    """
    if output in STDOUT_NAMES:
        return None
    try:
        out: os.stat_result | None = os.stat(output)
    except OSError:
        out = None
    resolved = os.path.realpath(output)
    for option, given in inputs.items():
        for path in given if isinstance(given, list | tuple) else [given]:
            if path is None:
                continue
            file = split_sheet(path)[0]  # `roster.xlsx#花名册` and `#*` are roster.xlsx
            try:
                st: os.stat_result | None = os.stat(file)
            except OSError:
                st = None
            if out is not None and st is not None:
                same = (out.st_dev, out.st_ino) == (st.st_dev, st.st_ino)
            else:
                same = os.path.realpath(file) == resolved
            if same:
                what = option if option.startswith("-") else L(f"the {option} argument", option)
                text = msg("ledger.output_is_input", what=what, path=os.fspath(path))
                return Problem(output, "", "--output", text)
    return None
