"""A set of new files written all or none (`swplan init`).

The files are written into a temporary directory inside the target directory, each
synced, and only then linked into place under their names, none of which may exist,
as a file or as a link (a link, even one to nothing, would send a file elsewhere). A
failure on the way (a full disk) leaves nothing behind: not the files written so far,
not the temporary directory, not a directory this call created.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from ..errors import InputError, Problem
from ..messages import msg
from .atomic import why


def _problem(path: str | Path, key: str, **args: object) -> InputError:
    return InputError([Problem(str(path), "", "", msg(key, **args))])


def _taken(root: Path, names: Mapping[str, bytes]) -> list[Problem]:
    """A problem for each name that is already there (a link counts, dangling or not)."""
    problems = []
    for name in names:
        target = root / name
        if target.is_symlink():
            problems.append(Problem(str(target), "", "", msg("safety.init_link")))
        elif os.path.lexists(target):
            problems.append(Problem(str(target), "", "", msg("safety.init_exists")))
    return problems


def _made_directories(root: Path) -> list[Path]:
    """Create `root` and its missing parents; the directories created, innermost first."""
    missing = []
    here = root
    while not os.path.lexists(here) and here != here.parent:
        missing.append(here)
        here = here.parent
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_empty(missing)
        raise _problem(root, "safety.init_cannot_create", why=why(exc)) from None
    return missing


def _remove_empty(directories: list[Path]) -> None:
    for directory in directories:  # innermost first
        with suppress(OSError):
            directory.rmdir()


def _place(source: Path, target: Path) -> None:
    """`source` under the name `target`, which must not exist (a hard link, then the
    temporary name dropped; where hard links are not supported, a rename)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.rename(source, target)


def write_new_files(directory: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Write `files` (name -> content) as new files in `directory` (created if missing):
    all of them, or none and an `InputError` saying why."""
    text = os.fspath(directory)
    if not text.strip():
        raise _problem("DIR", "safety.init_empty")
    root = Path(text)
    if root.is_symlink() and not root.exists():
        raise _problem(root, "safety.init_dangling")
    if root.exists() and not root.is_dir():
        raise _problem(root, "safety.init_not_a_directory")
    problems = _taken(root, files)
    if problems:
        raise InputError(problems)
    created = _made_directories(root)
    placed: list[Path] = []
    try:
        work = Path(tempfile.mkdtemp(prefix=".swplan-init-", dir=root))
    except OSError as exc:
        _remove_empty(created)
        raise _problem(root, "safety.init_cannot_write", why=why(exc)) from None
    try:
        for name, data in files.items():
            with open(work / name, "xb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        for name in files:
            _place(work / name, root / name)
            placed.append(root / name)
    except FileExistsError as exc:  # made meanwhile by another program
        _undo(placed, work, created)
        raise _problem(exc.filename or root, "safety.init_exists") from None
    except OSError as exc:
        _undo(placed, work, created)
        raise _problem(root, "safety.init_cannot_write", why=why(exc)) from None
    except BaseException:
        _undo(placed, work, created)
        raise
    shutil.rmtree(work, ignore_errors=True)
    _sync(root)
    return placed


def _undo(placed: list[Path], work: Path, created: list[Path]) -> None:
    for path in placed:
        with suppress(OSError):
            path.unlink()
    shutil.rmtree(work, ignore_errors=True)
    _remove_empty(created)


def _sync(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory that cannot be opened (Windows)
        return
    with suppress(OSError):
        os.fsync(fd)
    os.close(fd)
