"""Copies of the bundled data and notebooks that a user can edit and run.

An installed package keeps its data and notebooks inside site-packages, where nobody
should edit them. These functions copy them out into a new or empty folder: either
every file arrives, or nothing does (the copy is made beside the target and renamed
into place), and a folder that already holds something is never written into.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from ..errors import FileWriteError
from ..io.paths import NOTEBOOKS_DIR, get_data_dir
from .save import TEMP_PREFIX, TEMP_SUFFIX, own_temporary, remove_stale_temporaries


def _is_copied(path: Path) -> bool:
    # Editors' and tools' leftovers (.ipynb_checkpoints, __pycache__, .~lock) stay behind.
    return not path.name.startswith(".") and path.name != "__pycache__"


def list_files(source: Path, *, recursive: bool) -> list[Path]:
    """The regular files of ``source`` worth copying, relative to it, sorted.

    Symbolic links and hidden files are left out: the loader reads only regular files
    inside a data directory, so a copy holds exactly what a load would read.

    Examples
    --------
    >>> from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR
    >>> [p.as_posix() for p in list_files(BUNDLED_DATA_DIR, recursive=True)][:2]
    ['README.md', 'addressees.csv']
    """
    found = []
    folders = [source]
    while folders:
        folder = folders.pop()
        for entry in folder.iterdir():
            if not _is_copied(entry) or entry.is_symlink():
                continue
            if entry.is_dir():
                if recursive:
                    folders.append(entry)
            elif entry.is_file():
                found.append(entry.relative_to(source))
    return sorted(found)


def _check_target(target: Path) -> None:
    for ancestor in target.absolute().parents:  # the nearest one that exists
        if ancestor.exists():
            if not ancestor.is_dir():
                raise FileWriteError(target, f"{ancestor} is a file, not a folder")
            break
    if target.is_dir():
        if any(target.iterdir()):
            raise FileWriteError(target, "the folder is not empty; name a new or empty folder")
    elif target.exists() or target.is_symlink():
        raise FileWriteError(target, "it exists and is not a folder; name a new folder")


def copy_files(source: Path, files: list[Path], target: str | os.PathLike[str]) -> Path:
    """Copy ``files`` (relative to ``source``) into ``target``, all or nothing.

    ``target`` must not exist, or be an empty folder. The files are copied into a
    temporary folder beside it, which is then renamed to ``target``.

    Raises
    ------
    FileWriteError
        When ``target`` is not empty, is a file, or cannot be written; nothing is
        copied then.
    """
    target = Path(target)
    if not os.fspath(target).strip():
        raise FileWriteError(target, "the path is empty; name a new or empty folder")
    _check_target(target)
    parent = target.absolute().parent
    # Named like atomic_write's temporary files; created like any new folder (umask).
    temporary = (
        parent / f"{TEMP_PREFIX}{target.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    )
    with own_temporary(temporary):
        try:
            parent.mkdir(parents=True, exist_ok=True)
            # What a copy to the same target left when it was killed (kill -9, power cut).
            remove_stale_temporaries(parent, name=target.name)
            temporary.mkdir()
        except OSError as error:
            raise FileWriteError(target, error) from error
        try:
            for relative in files:
                # Sub-folders one by one, never the temporary folder itself: if anything
                # removed it meanwhile, the copy fails rather than end up incomplete.
                for folder in reversed(Path(relative).parents[:-1]):
                    (temporary / folder).mkdir(exist_ok=True)
                shutil.copyfile(source / relative, temporary / relative)
            # An empty folder is replaced by the rename; one filled meanwhile is not.
            os.rename(temporary, target)
        except BaseException as error:
            shutil.rmtree(temporary, ignore_errors=True)
            if isinstance(error, OSError) and not isinstance(error, FileWriteError):
                raise FileWriteError(target, error) from error
            raise
    return target


def copy_data(
    target: str | os.PathLike[str], *, data_dir: str | os.PathLike[str] | None = None
) -> list[Path]:
    """Copy the data directory in force (the bundled data by default) into ``target``.

    The copy is a complete data directory: edit its tables, check them with
    ``lanzarote-analysis validate DIR``, and use them with ``--data-dir DIR`` or
    ``LANZAROTE_DATA_DIR``. Returns the files copied, relative to ``target``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> copy = pathlib.Path(tempfile.mkdtemp()) / "my-data"
    >>> "datapackage.json" in [p.name for p in copy_data(copy)]
    True
    >>> import lanzarote_analysis as la
    >>> len(la.load_parties(copy))
    48
    """
    source = get_data_dir(data_dir)
    if not source.is_dir():
        raise FileWriteError(target, f"there is no data directory {source} to copy")
    files = list_files(source, recursive=True)
    copy_files(source, files, target)
    return files


def copy_notebooks(target: str | os.PathLike[str]) -> list[Path]:
    """Copy the package's notebooks into ``target``; returns the files copied.

    The notebooks import the installed package and read its bundled data (or
    ``LANZAROTE_DATA_DIR``): they run from any folder.
    """
    if not NOTEBOOKS_DIR.is_dir():
        raise FileWriteError(target, f"there are no notebooks at {NOTEBOOKS_DIR} to copy")
    files = list_files(NOTEBOOKS_DIR, recursive=False)
    copy_files(NOTEBOOKS_DIR, files, target)
    return files
