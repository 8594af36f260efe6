"""``lanzarote-analysis validate``: check a data directory and list every problem."""

from __future__ import annotations

import argparse

HELP = "check a data directory and list every problem"
DESCRIPTION = (
    "Validate a data directory against its datapackage.json (strict CSV, "
    "types, enumerations, keys, foreign keys, source locators) and against what the "
    "figures and the profile need (resources, columns, headline indicators, "
    "recommendations VII-1 to VII-7). Only regular files inside the directory are "
    "read. Exit 0 with a one-line summary when valid; exit 1 listing every problem "
    "when not."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The directory to check."""
    parser.add_argument("directory", nargs="?", metavar="DATA_DIR", help="default: as --data-dir")


def run(args: argparse.Namespace) -> int:
    from ..io.validate import validate_data_dir

    directory = args.directory if args.directory is not None else args.data_dir
    print(validate_data_dir(directory))
    return 0
