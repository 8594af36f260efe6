"""Writing the report: one self-contained HTML file per language.

Everything is checked before anything is written (languages, data, output folder),
every page is built in memory, and each file is then written whole or not at all
(``output/save.py``): a bad input or an interruption leaves no half-written page.
Bokeh and matplotlib are imported only when a report is built.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lanzarote_analysis.errors import DataValidationError
from lanzarote_analysis.i18n.labels import check_lang
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.io.paths import DEFAULT_REPORT_DIR
from lanzarote_analysis.vocabulary import LANGUAGES


def get_report_path(out_dir: str | os.PathLike[str], lang: str) -> Path:
    """Where the report of ``lang`` is written: ``<out_dir>/report.<lang>.html``.

    Examples
    --------
    >>> get_report_path("report", "fr").as_posix()
    'report/report.fr.html'
    """
    return Path(out_dir) / f"report.{lang}.html"


def summarise_data_error(error: DataValidationError) -> str:
    """A data error in one line: the first problem, and how many more there are.

    Examples
    --------
    >>> from lanzarote_analysis.errors import Problem
    >>> error = DataValidationError("data", [Problem("parties.csv", 3, "iso3", "XX", "3 letters"),
    ...                                      Problem("levels.csv", 2, "level", "", "a level")])
    >>> print(summarise_data_error(error))  # doctest: +NORMALIZE_WHITESPACE
    invalid data in data: levels.csv, line 2, column 'level': found ''; expected a level
    (and 1 more problem; 'lanzarote-analysis validate data' lists them all)
    """
    count = len(error.problems)
    more = ""
    if count > 1:
        more = (
            f" (and {count - 1} more problem{'s' if count > 2 else ''}; "
            f"'lanzarote-analysis validate {error.data_dir}' lists them all)"
        )
    first = error.problems[0] if error.problems else "no readable data"
    return f"invalid data in {error.data_dir}: {first}{more}"


def write_html_reports(
    out_dir: str | os.PathLike[str] = DEFAULT_REPORT_DIR,
    *,
    langs: Iterable[str] = LANGUAGES,
    data_dir: PathLike = None,
) -> list[Path]:
    """Write the report of each language as ``<out_dir>/report.<lang>.html``.

    Parameters
    ----------
    out_dir
        Output folder, created if missing.
    langs
        Languages (``en``, ``fr``).
    data_dir
        Data directory (default: the one in force).

    Returns
    -------
    list of Path
        The files written, one per language.

    Raises
    ------
    ValueError, OutputDirectoryError, DataValidationError
        Before anything is written, for an unknown language, an output folder that
        cannot be written to, or invalid data.
    """
    from lanzarote_analysis.io.data_package import load_data_package
    from lanzarote_analysis.output.figure_run import prepare_output_dir
    from lanzarote_analysis.output.save import atomic_write

    from .build import build_html_report

    # Check every input before touching the disk.
    langs = [check_lang(lang) for lang in dict.fromkeys(langs)]
    if not langs:
        raise ValueError("No language given; expected one or more of: " + ", ".join(LANGUAGES))
    load_data_package(data_dir)
    directory = prepare_output_dir(out_dir)

    # Build every page, then write each whole.
    pages = {lang: build_html_report(lang=lang, data_dir=data_dir) for lang in langs}
    paths = []
    for lang, page in pages.items():
        path = get_report_path(directory, lang)
        with atomic_write(path) as handle:
            handle.write(page.encode("utf-8"))
        paths.append(path)
    return paths
