"""``lanzarote-analysis notebooks``: copies of the package's notebooks to run and edit."""

from __future__ import annotations

import argparse
import sys

HELP = "copy the notebooks into a new folder, to run them"
DESCRIPTION = (
    "Copy the package's Jupyter notebooks into DIR, which must be new or empty: every "
    "file is copied or none is. They import the installed package and read its bundled "
    "data (or LANZAROTE_DATA_DIR), so they run from any folder: jupyter lab DIR."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The folder to copy them into."""
    parser.add_argument("directory", metavar="DIR", help="new or empty folder")


def run(args: argparse.Namespace) -> int:
    from ..output.copy_out import copy_notebooks

    files = copy_notebooks(args.directory)
    print(f"Copied {len(files)} files to {args.directory}", file=sys.stderr)
    return 0
