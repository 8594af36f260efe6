"""Reading the files of a data directory: once, whole, and only what belongs there.

A file named in ``datapackage.json`` is read only if its path is relative, has no
``..`` part, stays inside the data directory once symbolic links are followed, is a
regular file (not a FIFO, device, socket or directory, which could block a read or
never end) and is at most :data:`MAX_FILE_BYTES` long. Each file is read in one go
and the caller keeps those bytes: what is hashed, parsed and validated is the same
copy. A file that changes while it is read is reported by :class:`FileChangedError`,
so the caller can read the directory again rather than use a torn copy.

Nothing read from outside the data directory is ever shown: such a path is refused
before it is opened.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import Problem

#: Largest file read from a data directory (8 MiB; the largest table is about 25 KB).
MAX_FILE_BYTES = 8 * 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class FileChangedError(Exception):
    """A file changed while it was being read (internal: the load reads again)."""


@dataclass(frozen=True)
class FileContent:
    """The bytes of one file and what identified the file when they were read."""

    name: str
    path: Path
    data: bytes
    stamp: tuple[int, ...]


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    # Device and inode change on a rename over the file (os.replace), size and
    # times on a write in place; nanoseconds, so two saves a second apart differ.
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def check_relative_path(name: object) -> str | None:
    """What is wrong with ``name`` as a resource path, or ``None`` if it may be read.

    Examples
    --------
    >>> check_relative_path("parties.csv") is None
    True
    >>> check_relative_path("../secret.csv")
    'a relative path without ..'
    """
    if not isinstance(name, str) or not name:
        return "a relative path to a file, as a non-empty string"
    if "\0" in name or "\\" in name:
        return "a relative path with '/' as separator and no NUL or backslash"
    if "://" in name:
        return "a file in the data directory (remote data is never downloaded)"
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith("/"):
        return "a relative path (absolute paths are not read)"
    if ".." in posix.parts:
        return "a relative path without .."
    return None


def read_data_file(
    data_dir: Path, name: str, *, missing: str = "the file named in datapackage.json"
) -> FileContent | Problem:
    """Read the file ``name`` of ``data_dir`` (an absolute, resolved directory).

    Returns the content, or the problem that prevented reading it (``missing`` is
    what the problem expects when there is no such file).

    Raises
    ------
    FileChangedError
        When the file changed while it was read.
    """
    reason = check_relative_path(name)
    if reason is not None:
        return Problem(str(name)[:200], None, None, None, reason)
    try:
        path = (data_dir / name).resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before Python 3.13
        return Problem(name, None, None, None, "a file, not a loop of symbolic links")
    if not path.is_relative_to(data_dir):
        return Problem(
            name, None, None, None, "a file inside the data directory (this path leads outside it)"
        )
    # Look before opening: opening a device or FIFO can block or have side effects.
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Problem(name, None, None, None, missing)
    except OSError as error:
        return _unreadable(name, error)
    problem = _check_regular(name, info)
    if problem is not None:
        return problem
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileChangedError(name) from None  # removed since the stat
    except OSError as error:
        return _unreadable(name, error)
    try:
        before = os.fstat(fd)
        problem = _check_regular(name, before)
        if problem is not None:  # replaced between the stat and the open
            return problem
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return _too_large(name, size, grew=True)
        after = os.fstat(fd)
    except BlockingIOError:
        raise FileChangedError(name) from None
    except OSError as error:
        return _unreadable(name, error)
    finally:
        os.close(fd)
    if _stamp(before) != _stamp(after) or size != after.st_size:
        raise FileChangedError(name)
    return FileContent(name, path, b"".join(chunks), _stamp(after))


def check_unchanged(contents: list[FileContent]) -> None:
    """Raise :class:`FileChangedError` if a file read earlier has changed since."""
    for content in contents:
        try:
            now = _stamp(os.stat(content.path))
        except OSError:
            raise FileChangedError(content.name) from None
        if now != content.stamp:
            raise FileChangedError(content.name)


def _check_regular(name: str, info: os.stat_result) -> Problem | None:
    if stat.S_ISDIR(info.st_mode):
        return Problem(name, None, None, None, "a file, not a directory")
    if not stat.S_ISREG(info.st_mode):
        return Problem(name, None, None, None, "a regular file (not a FIFO, device or socket)")
    if info.st_size > MAX_FILE_BYTES:
        return _too_large(name, info.st_size)
    return None


def _too_large(name: str, size: int, grew: bool = False) -> Problem:
    found = "it grew past that while being read" if grew else f"it has {size} bytes"
    return Problem(
        name, None, None, None, f"a file of at most {MAX_FILE_BYTES} bytes (8 MiB); {found}"
    )


def _unreadable(name: str, error: OSError) -> Problem:
    return Problem(
        name, None, None, None, f"a readable file ({error.strerror or type(error).__name__})"
    )
