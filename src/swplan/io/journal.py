"""The journal of an append to a CSV ledger: what makes a cut-short append seen and
taken back through every name of the ledger, and never lets a stray file drop a row.

One write of many rows can be cut short by a kill, a power cut or a full disk. Before
appending, a recording run (holding the ledger's lock):

1. marks the ledger *file* itself (an extended attribute, `user.swplan.journal`, where
   the file system keeps them): where the ledger ended, a digest of its bytes up to
   there, the length and digest of what is being added, and where the journal is;
2. writes the journal: the same note and the bytes being added, in the ledger's real
   directory, named by the file (`.swplan-journal-DEV-INODE`);
3. appends, syncs, then removes the journal and then the mark.

Every command that reads the ledger, through whatever name (a symlink elsewhere, a hard
link, `/proc/self/fd/N`), finds the mark on the file, and a recording run takes a
cut-short append back (the ledger is truncated to where it ended). A journal is believed
only when everything agrees: it is a regular file of the ledger's owner or of this user
(never a FIFO, a directory or a link, never read past its note and the ledger's own
length), it names this file, the ledger bears its mark (where the file system keeps
marks), the ledger's bytes up to where it ended have the digest it noted, and what
follows is what it was adding. Anything else is refused with an error naming both
files: taken back, it could drop paid rows or add unpaid ones. (A journal holding no
more than the start of the note the ledger's mark gives, beside a ledger as the note
found it, is a run stopped before its append began: harmless, and removed.)
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..errors import InputError, Problem
from ..messages import Msg, msg

MAGIC = b"swplan-ledger-journal 2"
MARK = "user.swplan.journal"
_NOTE_BYTES = 512  # a note is one short line; a journal's first line is never read past it
_CHUNK = 1 << 20

State = Literal["untouched", "torn", "complete"]


@dataclass(frozen=True, slots=True)
class Note:
    """What an append noted before it began: the file, where the ledger ended (`size`)
    and the digest of its bytes up to there, the length and digest of what it adds."""

    dev: int
    ino: int
    size: int
    old: str
    length: int
    new: str

    def line(self) -> bytes:
        return MAGIC + b" %d %d %d %s %d %s\n" % (
            self.dev,
            self.ino,
            self.size,
            self.old.encode(),
            self.length,
            self.new.encode(),
        )

    @classmethod
    def parse(cls, line: bytes) -> Note | None:
        parts = line.rstrip(b"\n").split(b" ")
        if len(parts) != 8 or b" ".join(parts[:2]) != MAGIC:
            return None
        try:
            dev, ino, size, length = (int(parts[i]) for i in (2, 3, 4, 6))
            old, new = parts[5].decode("ascii"), parts[7].decode("ascii")
        except (ValueError, UnicodeDecodeError):
            return None
        if min(dev, ino, size, length) < 0 or len(old) != 64 or len(new) != 64:
            return None
        return cls(dev, ino, size, old, length, new)


def journal_path(path: str, fd: int) -> str:
    """Where a run appending to the ledger open as `fd` (named `path`) keeps its journal:
    in the directory of the file itself (links followed), named by the file."""
    info = os.fstat(fd)
    directory = os.path.dirname(os.path.realpath(path))
    return os.path.join(directory, f".swplan-journal-{info.st_dev}-{info.st_ino}")


# --------------------------------------------------------------------------- the mark


class _Unsupported:
    """The file system keeps no extended attributes (or this system has none)."""


UNSUPPORTED = _Unsupported()
_NO_MARKS = {errno.ENOTSUP, errno.EOPNOTSUPP, getattr(errno, "ENOATTR", errno.ENODATA)}


def read_mark(fd: int) -> tuple[Note, str] | None | _Unsupported:
    """The mark on the ledger open as `fd`: (note, journal path), None, or UNSUPPORTED."""
    getxattr = getattr(os, "getxattr", None)
    if getxattr is None:
        return UNSUPPORTED
    try:
        value: bytes = getxattr(fd, MARK)
    except OSError as exc:
        if exc.errno == errno.ENODATA:
            return None
        if exc.errno in _NO_MARKS:
            return UNSUPPORTED
        raise
    line, _, where = value.partition(b"\n")
    note = Note.parse(line)
    if note is None or not where:
        return None  # not a mark this version wrote: the journal decides alone
    return note, os.fsdecode(where)


def set_mark(fd: int, note: Note, journal: str) -> bool:
    """Mark the ledger; False when its file system keeps no marks. Raises `OSError`."""
    setxattr = getattr(os, "setxattr", None)
    if setxattr is None:
        return False
    try:
        setxattr(fd, MARK, note.line() + os.fsencode(journal))
    except OSError as exc:
        if exc.errno in _NO_MARKS:
            return False
        raise
    return True


def clear_mark(fd: int) -> None:
    removexattr = getattr(os, "removexattr", None)
    if removexattr is None:
        return
    try:
        removexattr(fd, MARK)
    except OSError as exc:
        if exc.errno not in (errno.ENODATA, *_NO_MARKS):
            raise


# --------------------------------------------------------------------------- digests


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """Up to `size` bytes of the file `fd` from `offset` (`pread` where there is one)."""
    pread = getattr(os, "pread", None)
    if pread is not None:
        return pread(fd, size, offset)  # type: ignore[no-any-return]
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, size)  # pragma: no cover - Windows


def digest(fd: int, start: int, length: int) -> str:
    """The SHA-256 of `length` bytes of the file `fd` from `start`, read a block at a time."""
    h = hashlib.sha256()
    for block in _chunks(fd, start, length):
        h.update(block)
    return h.hexdigest()


def _chunks(fd: int, start: int, length: int) -> Iterator[bytes]:
    end = start + length
    while start < end:
        block = _read_at(fd, min(_CHUNK, end - start), start)
        if not block:
            return
        yield block
        start += len(block)


def _same_bytes(a: int, a_start: int, b: int, b_start: int, length: int) -> bool:
    done = 0
    while done < length:
        n = min(_CHUNK, length - done)
        if _read_at(a, n, a_start + done) != _read_at(b, n, b_start + done):
            return False
        done += n
    return True


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Pending:
    """An append a run noted and did not clear: its note, its journal (None when the
    journal is gone) and what the ledger shows of it."""

    note: Note
    journal: str | None
    state: State


def _refuse(ledger: str, message: Msg) -> InputError:
    return InputError([Problem(ledger, "", "", message)])


def pending(name: str, fd: int) -> Pending | None:
    """The append left unfinished in the ledger `name`, open as `fd` (locked), or None.

    Raises `InputError` naming both files for a journal that does not match the ledger.
    """
    info = os.fstat(fd)
    mark = read_mark(fd)
    noted = mark[0] if isinstance(mark, tuple) else None
    path = journal_path(name, fd)
    # the mark names the journal, wherever the run that wrote it named the ledger; a
    # mark copied with the file from another one says only what its bytes should be
    own = noted is not None and (noted.dev, noted.ino) == (info.st_dev, info.st_ino)
    if own and isinstance(mark, tuple):
        path = mark[1]
    try:
        os.lstat(path)
    except FileNotFoundError:
        if noted is None:
            return None
        return Pending(noted, None, _by_digests(name, fd, noted, path))
    if (
        own
        and noted is not None
        and info.st_size == noted.size
        and _note_begun(path, noted, info)
        and digest(fd, 0, noted.size) == noted.old
    ):
        # the run was stopped between creating its journal and writing its note: it had
        # not begun its append (the journal is whole before a byte of it is written)
        return Pending(noted, path, "untouched")
    note, whole, jfd = _open_journal(name, path, info)
    try:
        if noted is not None and own and noted != note:
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["mark"]))
        if note.size > info.st_size or digest(fd, 0, note.size) != note.old:
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["old"]))
        state = _tail_state(name, fd, info.st_size, note, jfd, path) if whole else "untouched"
        if not whole and info.st_size != note.size:  # a journal cut short: nothing written
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["tail"]))
        if not own and mark is not UNSUPPORTED and state != "untouched":
            # a file system that keeps marks, and no mark: no run of this ledger wrote it
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["unmarked"]))
        return Pending(note, path, state)
    finally:
        os.close(jfd)


_WHY = {
    "mark": msg("ledger.why_other_mark"),
    "old": msg("ledger.why_old_bytes"),
    "tail": msg("ledger.why_tail"),
    "unmarked": msg("ledger.why_unmarked"),
    "file": msg("ledger.why_other_file"),
    "owner": msg("ledger.why_owner"),
}


def _open_journal(name: str, path: str, ledger: os.stat_result) -> tuple[Note, bool, int]:
    """The journal's note, whether it holds all it says (a run stopped while writing the
    journal had not begun its append), and its open file; refused unless it is a regular
    file of the ledger's owner or this user that names this ledger."""
    try:
        jfd = _open_read(path)
    except OSError as exc:
        what = msg("ledger.journal_a_link") if exc.errno == errno.ELOOP else str(exc.strerror)
        raise _refuse(name, msg("ledger.not_a_journal", journal=path, what=what)) from None
    try:
        info = os.fstat(jfd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise _refuse(name, msg("ledger.not_a_journal", journal=path, what=kind))
        first = _read_at(jfd, _NOTE_BYTES, 0)
        line = first[: first.find(b"\n") + 1] if b"\n" in first else b""
        note = Note.parse(line)
        if note is None or info.st_size > len(line) + note.length:
            what = msg("ledger.journal_unknown", size=info.st_size)
            raise _refuse(name, msg("ledger.not_a_journal", journal=path, what=what))
        if (note.dev, note.ino) != (ledger.st_dev, ledger.st_ino):
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["file"]))
        if not _owned(info, ledger):
            raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["owner"]))
        return note, info.st_size == len(line) + note.length, jfd
    except BaseException:
        os.close(jfd)
        raise


def _open_read(path: str) -> int:
    """The journal at `path` opened to read, never through a link and never waiting on
    a FIFO (`OSError` when it cannot be)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    return os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _owned(info: os.stat_result, ledger: os.stat_result) -> bool:
    """Whether a journal belongs to the ledger's owner or to this user."""
    return info.st_uid in (ledger.st_uid, os.geteuid() if hasattr(os, "geteuid") else -1)


def _note_begun(path: str, note: Note, ledger: os.stat_result) -> bool:
    """Whether the file at `path` is a journal begun and not yet given its note: a
    regular file of the ledger's owner or this user, holding less than the note the
    ledger's mark gives and nothing but its start (nothing at all, as a rule)."""
    try:
        jfd = _open_read(path)
    except OSError:
        return False  # refused, as any journal that cannot be opened, by `_open_journal`
    try:
        info = os.fstat(jfd)
        line = note.line()
        if not stat.S_ISREG(info.st_mode) or info.st_size >= len(line):
            return False
        if not _owned(info, ledger):
            return False
        return _read_at(jfd, len(line), 0) == line[: info.st_size]
    finally:
        os.close(jfd)


def _kind(mode: int) -> Msg | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return msg("ledger.journal_a_directory")
    if stat.S_ISFIFO(mode):
        return msg("ledger.journal_a_fifo")
    return msg("ledger.journal_not_regular")


def _tail_state(name: str, fd: int, size: int, note: Note, jfd: int, path: str) -> State:
    """What the ledger's bytes after `note.size` are of the append the journal holds."""
    tail = size - note.size
    if tail == 0:
        return "untouched"
    start = len(Note.line(note))
    shown = min(tail, note.length)
    if not _same_bytes(fd, note.size, jfd, start, shown):
        raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["tail"]))
    if shown < note.length:
        return "torn"
    if digest(fd, note.size, note.length) != note.new:
        raise _refuse(name, msg("ledger.journal_mismatch", journal=path, why=_WHY["tail"]))
    return "complete"  # (rows another program appended after it are kept)


def _by_digests(name: str, fd: int, note: Note, path: str) -> State:
    """The state of a marked append whose journal is gone, from the note's digests."""
    size = os.fstat(fd).st_size
    if size >= note.size and digest(fd, 0, note.size) == note.old:
        if size == note.size:
            return "untouched"
        if size >= note.size + note.length and digest(fd, note.size, note.length) == note.new:
            return "complete"
    line = _line_of(fd, note.size)
    raise _refuse(name, msg("ledger.cut_short_no_journal", journal=path, line=line))


def _line_of(fd: int, offset: int) -> int:
    """The line a byte offset of the file starts (1-based)."""
    return 1 + sum(block.count(b"\n") for block in _chunks(fd, 0, offset))


def refuse_if_pending(name: str, fd: int) -> None:
    """For a command that reads the ledger (under its shared lock): refuse a ledger with
    an append cut short; a journal left of an append that is whole or never began is
    harmless (the next recording run removes it)."""
    found = pending(name, fd)
    if found is not None and found.state == "torn":
        raise _refuse(name, msg("ledger.cut_short", journal=found.journal or ""))


# --------------------------------------------------------------------------- recovering


def take_back(name: str, fd: int) -> None:
    """Finish what a run stopped while appending left (with the lock held): a torn
    append is truncated away; then the journal and the mark are removed."""
    found = pending(name, fd)
    if found is not None:
        if found.state == "torn":
            os.ftruncate(fd, found.note.size)
            os.fsync(fd)
        if found.journal is not None:
            os.unlink(found.journal)
            _sync_directory(os.path.dirname(found.journal))
    if read_mark(fd) is not None:
        clear_mark(fd)


def _sync_directory(directory: str) -> None:
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory that cannot be opened (Windows)
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(dfd)


# --------------------------------------------------------------------------- writing


def begin(name: str, fd: int, data: bytes, current: bytes) -> tuple[str, bool]:
    """Note an append of `data` to the ledger open as `fd`, which holds `current`, before
    a byte of it is written: the mark, then the journal. Returns (journal, marked).
    Raises `InputError` (nothing written, nothing left) when no journal can be kept."""
    info = os.fstat(fd)
    note = Note(
        info.st_dev,
        info.st_ino,
        len(current),
        hashlib.sha256(current).hexdigest(),
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    path = journal_path(name, fd)
    try:
        marked = set_mark(fd, note, path)
    except OSError as exc:
        raise _refuse(name, msg("ledger.cannot_mark", why=_why(exc))) from None
    if not marked and info.st_nlink > 1:
        raise _refuse(name, msg("ledger.links_without_marks"))
    try:
        _write_journal(path, note, data, stat.S_IMODE(info.st_mode))
    except OSError as exc:
        if marked:
            clear_mark(fd)
        directory = os.path.dirname(path)
        raise _refuse(name, msg("ledger.no_journal", directory=directory, why=_why(exc))) from None
    return path, marked


def _write_journal(path: str, note: Note, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    jfd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(jfd, "wb") as f:
            f.write(note.line())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        os.unlink(path)
        raise
    _sync_directory(os.path.dirname(path))


def end(fd: int, journal: str, marked: bool) -> None:
    """The append is on disk: remove the journal, then the mark."""
    os.unlink(journal)
    if marked:
        clear_mark(fd)


def _why(exc: OSError) -> Msg | str:
    from .atomic import why

    return why(exc)
