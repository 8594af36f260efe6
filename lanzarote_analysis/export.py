"""Saving figures: byte-reproducible files, written atomically.

Two runs on the same data give the same bytes, so ``figures/`` can be committed and
checked for staleness. Matplotlib stamps dates and its version into every format
unless told not to; the theme (``style.RC_PARAMS``) fixes the SVG id salt and font
handling, and is applied at save time because that is when those settings are read.

A file is written to a temporary name in its own directory and then renamed over the
target: an interrupted run leaves either the previous figure or the new one, never a
truncated file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .style import theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: File formats the report is published in.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

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


def check_format(fmt: str) -> str:
    """Return ``fmt`` if figures can be saved in it, else raise ``ValueError``.

    Examples
    --------
    >>> check_format("svg")
    'svg'
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return fmt


def _create_temporary(target: Path) -> tuple[int, Path]:
    """Create a new, empty file beside ``target``; its descriptor and path.

    Created like any new file (mode 0666 minus the umask), unlike ``mkstemp``'s 0600,
    so a published figure is readable as usual; ``O_EXCL`` keeps two writers apart.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.with_name(f"{TEMP_PREFIX}{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Any]:
    """Open a temporary binary file beside ``path``; rename it to ``path`` on success.

    On any exception (``KeyboardInterrupt`` included) the temporary file is removed
    and ``path`` is left as it was.

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
    fd, temp_name = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


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
    with theme(), atomic_write(target) as handle:
        fig.savefig(handle, format=fmt, dpi=PNG_DPI, metadata=SAVE_METADATA[fmt])
    return target
