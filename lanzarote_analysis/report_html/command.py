"""The ``report`` command: one self-contained HTML file per language.

Everything is checked before anything is written (languages, data, output folder),
every page is built in memory, and each file is then written whole or not at all
(``export.atomic_write``): a bad input or an interruption leaves no half-written page.
Bokeh and matplotlib are imported only when a report is built.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from lanzarote_analysis.errors import DataValidationError, LanzaroteError
from lanzarote_analysis.labels import LANGUAGES, check_lang
from lanzarote_analysis.load import PathLike

#: Default output folder of the command (and of ``make report``).
DEFAULT_OUT_DIR = "report"


def get_report_path(out_dir: PathLike, lang: str) -> Path:
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
    out_dir: PathLike = DEFAULT_OUT_DIR,
    *,
    langs: Iterable[str] = LANGUAGES,
    data_dir: PathLike = None,
    spreadsheet: bytes | None = None,
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
    spreadsheet
        The data as one spreadsheet (xlsx bytes) to embed, if any.

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
    from lanzarote_analysis.export import atomic_write
    from lanzarote_analysis.figures import prepare_output_dir
    from lanzarote_analysis.load import load_data_package

    from .build import build_html_report

    # Check every input before touching the disk.
    langs = [check_lang(lang) for lang in dict.fromkeys(langs)]
    if not langs:
        raise ValueError("No language given; expected one or more of: " + ", ".join(LANGUAGES))
    load_data_package(data_dir)
    directory = prepare_output_dir(out_dir)

    # Build every page, then write each whole.
    pages = {
        lang: build_html_report(lang=lang, data_dir=data_dir, spreadsheet=spreadsheet)
        for lang in langs
    }
    paths = []
    for lang, page in pages.items():
        path = get_report_path(directory, lang)
        with atomic_write(path) as handle:
            handle.write(page.encode("utf-8"))
        paths.append(path)
    return paths


def add_report_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``report`` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "report",
        parents=list(common),
        help="write the report as one HTML file per language (explore offline, print)",
        description="Write the report as <out>/report.<lang>.html, one self-contained page "
        "per language that opens from disk with no network: the headline figures, the "
        "interactive gap map with a selector for VII-1 to VII-7, the table of States, the "
        "comparison figures, one section per State, the sources, the citation and the "
        "data to download. Printed, it shows the static maps. Two runs on the same data "
        "give identical files.",
    )
    parser.add_argument(
        "--out",
        default=DEFAULT_OUT_DIR,
        metavar="DIR",
        help=f"output directory, created if missing (default: {DEFAULT_OUT_DIR})",
    )
    parser.add_argument(
        "--lang",
        nargs="+",
        default=list(LANGUAGES),
        metavar="LANG",
        help=f"languages (default: {' '.join(LANGUAGES)})",
    )
    parser.add_argument("--quiet", action="store_true", help="no summary on standard error")
    parser.set_defaults(handler=run_report_command)


def run_report_command(args: argparse.Namespace) -> int:
    """Handler of ``lanzarote-analysis report``."""
    # Headless rendering of the static figures.
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        paths = write_html_reports(args.out, langs=args.lang, data_dir=args.data_dir)
    except DataValidationError as error:
        raise LanzaroteError(summarise_data_error(error)) from None
    if not args.quiet:
        print(f"Wrote {', '.join(str(path) for path in paths)}", file=sys.stderr)
    return 0
