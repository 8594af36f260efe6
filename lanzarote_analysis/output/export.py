"""Tables for report authors: a spreadsheet, a folder of CSV files, or a data package.

Six tables go out: the gap of every State, the tidy table of every State and
recommendation, the recommendations, the practices, the headline figures and the
source documents; the spreadsheet and the CSV folder add a table that cites the sources
and names the package version.

- ``xlsx``: one workbook, one sheet per table, headers and values labelled in the
  chosen language, booleans as yes / no (oui / non).
- ``csv``: the same tables, one UTF-8 file per sheet (with a byte-order mark, so that
  spreadsheet programs read the accents), in a folder.
- ``json``: the Frictionless data package of the data directory with every table
  inline and the two derived tables added (codes, not labels; their titles in the
  chosen language), valid against its own schema.

Every file is written atomically (a temporary file renamed over the target) and is
byte-reproducible: the workbook's creation and modification dates and its ZIP entries'
times are a fixed date (1980-01-01, the earliest a ZIP file can record), not the time
of the run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from ..errors import ConfigurationError, FileWriteError
from ..i18n.labels import check_lang
from ..io.load import PathLike
from ..vocabulary import EXPORT_FORMATS, check_choice
from .export_json import build_data_package
from .export_tables import tabulate_export_tables
from .export_xlsx import build_workbook
from .figure_run import prepare_output_dir
from .save import atomic_write


def check_export_format(fmt: str) -> str:
    """Return ``fmt`` if tables can be exported in it, else raise ``ValueError``.

    Examples
    --------
    >>> check_export_format("xlsx")
    'xlsx'
    """
    return check_choice(fmt, EXPORT_FORMATS, what="format")


def get_default_output(fmt: str, lang: str = "en") -> Path:
    """Where an export goes when no path is given: a file, or a folder for ``csv``.

    Examples
    --------
    >>> get_default_output("csv", "fr").as_posix()
    'lanzarote-analysis-tables.fr'
    """
    stem = f"lanzarote-analysis-tables.{check_lang(lang)}"
    fmt = check_export_format(fmt)
    return Path(stem if fmt == "csv" else f"{stem}.{fmt}")


#: The formats written as one file, known by their file's extension.
FILE_FORMATS = ("xlsx", "json")


def get_export_format(fmt: str | None, out: str | os.PathLike[str] | None) -> str:
    """The format asked for, or the one ``out``'s extension names; ``xlsx`` by default.

    Examples
    --------
    >>> get_export_format(None, "tables.json"), get_export_format("csv", "tables")
    ('json', 'csv')
    >>> get_export_format(None, None)
    'xlsx'
    """
    if fmt is not None:
        return check_export_format(fmt)
    if out is None or not os.fspath(out).strip():  # an empty path is refused by the export
        return "xlsx"
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix in FILE_FORMATS:
        return suffix
    raise ConfigurationError(
        f"Cannot tell the format from {os.fspath(out)!r}; expected a name ending in "
        f"{' or '.join('.' + f for f in FILE_FORMATS)}, or a format: {', '.join(EXPORT_FORMATS)}"
    )


def _check_suffix(target: Path, fmt: str) -> None:
    # "--out tables.json" with the xlsx default would write a workbook named .json.
    suffix = target.suffix.lower().lstrip(".")
    if suffix in FILE_FORMATS and suffix != fmt:
        raise ConfigurationError(
            f"{os.fspath(target)!r} names a .{suffix} file but the format is {fmt}; "
            f"expected a name that matches the format, or the format {suffix}"
        )


def _table_csv(table: pd.DataFrame) -> bytes:
    text = table.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")


def _check_file_target(path: Path, fmt: str) -> None:
    if path.is_dir():
        raise FileWriteError(path, f"it is a folder; --format {fmt} writes a file")
    prepare_output_dir(path.parent)


def export_tables(
    out: str | os.PathLike[str] | None = None,
    *,
    fmt: str = "xlsx",
    lang: str = "en",
    data_dir: PathLike = None,
) -> list[Path]:
    """Write the tables in ``fmt``; return the files written.

    Parameters
    ----------
    out
        ``xlsx`` and ``json``: the file (its folder is created if missing; an existing
        file is replaced atomically). ``csv``: the folder, created if missing, where one
        file per table is written (existing ones replaced). Default:
        :func:`get_default_output`.
    fmt
        ``"xlsx"``, ``"csv"`` or ``"json"``.
    lang
        ``"en"`` or ``"fr"``: headers and labels (titles of the derived tables in
        ``json``).
    data_dir
        Data directory; the bundled data by default.

    Raises
    ------
    ValueError
        For an unknown format or language, or an empty path.
    FileWriteError, OutputDirectoryError
        When the target cannot be written; nothing is left half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in export_tables(folder / "tables.xlsx", lang="fr")]
    ['tables.xlsx']
    """
    fmt, lang = check_export_format(fmt), check_lang(lang)
    if out is not None and not os.fspath(out).strip():
        raise ValueError("The output path is empty; expected a file or folder name")
    target = get_default_output(fmt, lang) if out is None else Path(out)
    _check_suffix(target, fmt)

    if fmt == "json":
        _check_file_target(target, fmt)
        package = build_data_package(data_dir, lang=lang)
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        with atomic_write(target) as handle:
            handle.write(text.encode("utf-8"))
        return [target]

    tables = tabulate_export_tables(data_dir, lang=lang)
    if fmt == "xlsx":
        _check_file_target(target, fmt)
        data = build_workbook(tables, lang=lang)
        with atomic_write(target) as handle:
            handle.write(data)
        return [target]

    folder = prepare_output_dir(target)
    written = []
    for key, table in tables.items():
        path = folder / f"{key}.csv"
        with atomic_write(path) as handle:
            handle.write(_table_csv(table))
        written.append(path)
    return written
