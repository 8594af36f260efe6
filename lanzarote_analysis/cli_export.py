"""The ``export`` command: the tables for report authors, as xlsx, CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .labels import LANGUAGES

#: Formats and languages are checked by the handler, not by argparse: a wrong value is
#: a one-line error with exit status 1, like every other bad input of this command.
EXPORT_FORMATS = ("xlsx", "csv", "json")


def add_export_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``export`` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "export",
        parents=list(common),
        help="the tables for report authors: a spreadsheet, CSV files or a data package",
        description="Write the gap of every State, the table of every State and "
        "recommendation, the recommendations, the practices, the headline figures and the "
        "source documents. xlsx: one sheet per table, headers and labels in --lang, "
        "booleans as yes/no, a first sheet citing the sources and the package version. "
        "csv: the same tables, one UTF-8 file per sheet, in a folder. json: the "
        "Frictionless data package with every table inline and the derived tables added. "
        "Files are replaced atomically, and two runs give the same bytes.",
    )
    parser.add_argument(
        "--format",
        default="xlsx",
        metavar="FORMAT",
        help=f"{', '.join(EXPORT_FORMATS)} (default: xlsx)",
    )
    parser.add_argument(
        "--lang",
        default="en",
        metavar="LANG",
        help=f"language of headers and labels: {', '.join(LANGUAGES)} (default: en)",
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="xlsx, json: the file to write; csv: the folder to write the files in "
        "(default: lanzarote-analysis-tables.LANG.xlsx, .json, or the folder "
        "lanzarote-analysis-tables.LANG)",
    )
    parser.set_defaults(handler=run_export_command)


def run_export_command(args: argparse.Namespace) -> int:
    """Handler of ``lanzarote-analysis export``."""
    from .table_export import export_tables

    written = export_tables(args.out, fmt=args.format, lang=args.lang, data_dir=args.data_dir)
    where = written[0] if len(written) == 1 else written[0].parent
    print(f"Wrote {len(written)} file{'s' if len(written) > 1 else ''}: {where}", file=sys.stderr)
    return 0
