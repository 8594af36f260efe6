"""``lanzarote-analysis report``: one self-contained HTML page per language."""

from __future__ import annotations

import argparse
import os
import sys

from ..io.paths import DEFAULT_REPORT_DIR
from ..vocabulary import LANGUAGES
from .options import add_list_option, add_out_option, add_quiet_option

HELP = "write the report as one HTML file per language (explore offline, print)"
DESCRIPTION = (
    "Write the report as <out>/report.<lang>.html, one self-contained page per language "
    "that opens from disk with no network: the headline figures, the interactive gap map "
    "with a selector for VII-1 to VII-7, the table of States, the comparison figures, one "
    "section per State, the sources, the citation and the data to download (CSV and the "
    "spreadsheet of 'export'). Printed, it shows the static maps. Two runs on the same "
    "data give identical files."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to write, and in which languages."""
    add_out_option(parser, default=DEFAULT_REPORT_DIR)
    add_list_option(parser, "--lang", values=LANGUAGES, what="languages")
    add_quiet_option(parser, what="summary on standard error")


def run(args: argparse.Namespace) -> int:
    from ..errors import DataValidationError, LanzaroteError
    from ..output.report.write import summarise_data_error, write_html_reports

    # Headless rendering of the static figures.
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        paths = write_html_reports(args.out, langs=args.lang, data_dir=args.data_dir)
    except DataValidationError as error:
        raise LanzaroteError(summarise_data_error(error)) from None
    if not args.quiet:
        print(f"Wrote {', '.join(str(path) for path in paths)}", file=sys.stderr)
    return 0
