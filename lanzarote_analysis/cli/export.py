"""``lanzarote-analysis export``: the tables for report authors, as xlsx, CSV or JSON."""

from __future__ import annotations

import argparse
import sys

from ..vocabulary import EXPORT_FORMATS, LANGUAGES
from .options import add_choice_option

HELP = "the tables for report authors: a spreadsheet, CSV files or a data package"
DESCRIPTION = (
    "Write the gap of every State, the table of every State and recommendation, the "
    "recommendations, the practices, the headline figures and the source documents. "
    "xlsx: one sheet per table, headers and labels in --lang, booleans as yes/no, a first "
    "sheet citing the sources and the package version. csv: the same tables, one UTF-8 "
    "file per sheet, in a folder. json: the Frictionless data package with every table "
    "inline and the derived tables added. Files are replaced atomically, and two runs "
    "give the same bytes."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The format, the language and where to write."""
    add_choice_option(
        parser,
        "--format",
        values=EXPORT_FORMATS,
        default=None,
        what="default: the --out file's extension, else xlsx",
    )
    add_choice_option(
        parser, "--lang", values=LANGUAGES, default="en", what="language of headers and labels"
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="xlsx, json: the file to write; csv: the folder to write the files in "
        "(default: lanzarote-analysis-tables.LANG.xlsx, .json, or the folder "
        "lanzarote-analysis-tables.LANG)",
    )


def run(args: argparse.Namespace) -> int:
    from ..output.export import export_tables, get_export_format

    fmt = get_export_format(args.format, args.out)
    written = export_tables(args.out, fmt=fmt, lang=args.lang, data_dir=args.data_dir)
    where = written[0] if len(written) == 1 else written[0].parent
    print(f"Wrote {len(written)} file{'s' if len(written) > 1 else ''}: {where}", file=sys.stderr)
    return 0
