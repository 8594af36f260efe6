"""Saving figures: byte-reproducible files, written atomically.

Two runs on the same data give the same bytes, so ``figures/`` can be committed and
checked for staleness. Matplotlib stamps dates and its version into every format
unless told not to; the theme (``style.RC_PARAMS``) fixes the SVG id salt and font
handling, and is applied at save time because that is when those settings are read.

A file is written to a temporary name in its own directory and then renamed over the
target: an interrupted run leaves either the previous figure or the new one, never a
truncated file. A temporary name carries the writer's process id, so a process killed
outright (``kill -9``) leaves a file that the next run in that folder recognises as
abandoned and removes (:func:`remove_stale_temporaries`); files of a writer still
running are left alone.
"""

from __future__ import annotations

import contextlib
import glob
import math
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FileWriteError
from ..plots.theme import theme
from ..vocabulary import IMAGE_FORMATS, check_choice

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Resolution of raster figures (dots per inch).
PNG_DPI = 200

#: Metadata that would otherwise differ between runs (dates) or matplotlib versions.
SAVE_METADATA: dict[str, dict[str, None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
}

# Prefix and suffix of temporary files, so a leftover from a killed process is recognisable.
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"
# ".tmp-<target name>.<writer's pid>-<8 hex digits>.part"
_TEMP_NAME = re.compile(r"^\.tmp-(?P<name>.+)\.(?P<pid>[0-9]+)-[0-9a-f]{8}\.part$", re.DOTALL)

# Temporary files this process is writing now, for a worker stopped by a signal to remove.
_own_temporaries: set[str] = set()


def check_format(fmt: str) -> str:
    """Return ``fmt`` if figures can be saved in it, else raise ``ValueError``.

    Examples
    --------
    >>> check_format("svg")
    'svg'
    """
    return check_choice(fmt, IMAGE_FORMATS, what="format")


def _create_temporary(target: Path) -> tuple[int, Path]:
    """Create a new, empty file beside ``target``; its descriptor and path.

    Created like any new file (mode 0666 minus the umask), unlike ``mkstemp``'s 0600,
    so a published figure is readable as usual; ``O_EXCL`` keeps two writers apart.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        token = secrets.token_hex(4)
        temp = target.with_name(f"{TEMP_PREFIX}{target.name}.{os.getpid()}-{token}{TEMP_SUFFIX}")
        # Recorded before it exists: a signal between the two cannot leave it behind.
        _own_temporaries.add(str(temp))
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            _own_temporaries.discard(str(temp))
            continue
        except BaseException:
            _own_temporaries.discard(str(temp))
            raise


@contextlib.contextmanager
def own_temporary(path: Path) -> Iterator[Path]:
    """Within the block, ``path`` is a temporary of this process's, in progress: no
    clean-up removes it (:func:`remove_stale_temporaries` cannot tell by its pid)."""
    _own_temporaries.add(str(path))
    try:
        yield path
    finally:
        _own_temporaries.discard(str(path))


def remove_own_temporaries() -> None:
    """Remove the temporary files this process is writing (when it is being stopped)."""
    for name in list(_own_temporaries):
        with contextlib.suppress(OSError):
            os.unlink(name)


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's own files in progress are in _own_temporaries
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:  # a zombie (dead, not yet reaped) writes nothing more
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def remove_stale_temporaries(
    directory: str | os.PathLike[str], *, name: str | None = None
) -> list[Path]:
    """Remove the temporary files of writers that are no longer running; return them.

    A writer killed outright cannot remove its own temporary file (or folder: a copy
    is made in one). Those whose writer is still running (another run in the same
    folder) are left alone. With ``name``, only the temporaries of that target, named
    as ours (with a pid): what else a user's folder holds is never touched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".tmp-a.png.999999999-0123abcd.part").write_bytes(b"trunc")
    >>> [p.name for p in remove_stale_temporaries(folder)]
    ['.tmp-a.png.999999999-0123abcd.part']
    """
    removed = []
    pattern = f"{glob.escape(name)}.*" if name is not None else "*"
    for path in Path(directory).glob(f"{TEMP_PREFIX}{pattern}{TEMP_SUFFIX}"):
        match = _TEMP_NAME.match(path.name)
        if str(path) in _own_temporaries:
            continue
        if name is not None and (match is None or match["name"] != name):
            continue
        if match is not None and _is_running(int(match["pid"])):
            continue
        if path.is_dir() and not path.is_symlink():
            if match is not None:  # a folder only when named by a copy, with its pid
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Any]:
    """Open a temporary binary file beside ``path``; rename it to ``path`` on success.

    On any exception (``KeyboardInterrupt`` included) the temporary file is removed
    and ``path`` is left as it was.

    Raises
    ------
    FileWriteError
        When the file cannot be written (full disk, read-only folder...), naming it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> with atomic_write(target) as f:
    ...     _ = f.write(b"done")
    >>> target.read_bytes()
    b'done'
    """
    target = Path(path)
    try:
        fd, temp_name = _create_temporary(target)
    except OSError as error:
        raise FileWriteError(target, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        if isinstance(error, OSError) and not isinstance(error, FileWriteError):
            raise FileWriteError(target, error) from error
        raise
    finally:
        _own_temporaries.discard(str(temp_name))


@contextlib.contextmanager
def _laid_out_while_rendering(fig: Figure) -> Iterator[None]:
    """Within the block, ``fig`` is laid out by the draw that renders it, not before.

    Saving a figure that has a layout engine (the constrained layout of ours) makes
    matplotlib draw it twice: a first draw that renders nothing lays it out with the
    renderer of the file's format, a second renders it. Saved without its engine but
    with an artist drawn first that runs the same engine (as ``Figure.draw`` does on
    screen), the figure is laid out with the same renderer at the start of the one
    draw that renders it: the same file, for one draw fewer.
    """
    from matplotlib.artist import Artist

    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        yield
        return

    execute = engine.execute

    class LayoutPass(Artist):
        def draw(self, renderer: Any) -> None:
            with contextlib.suppress(ValueError):  # as Figure.draw: a figure too small
                execute(fig)

    layout = LayoutPass()
    layout.set_zorder(-math.inf)  # before every other artist
    layout.set_in_layout(False)  # no part of a tight bounding box
    fig.set_layout_engine(None)  # the theme keeps rcParams from choosing one instead
    fig.add_artist(layout)
    try:
        yield
    finally:
        layout.remove()
        fig.set_layout_engine(engine)


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``fig`` to ``path`` reproducibly and atomically; the format is the suffix.

    Parameters
    ----------
    fig
        The figure to save; it is not closed.
    path
        Target file, ending in ``.png`` (saved at :data:`PNG_DPI`), ``.svg`` or ``.pdf``.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> out = save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "blank.svg")
    >>> b"<dc:date>" in out.read_bytes()
    False
    >>> plt.close(fig)
    """
    target = Path(path)
    fmt = check_format(target.suffix.removeprefix("."))
    with theme(), _laid_out_while_rendering(fig), atomic_write(target) as handle:
        fig.savefig(handle, format=fmt, dpi=PNG_DPI, metadata=SAVE_METADATA[fmt])
    return target
