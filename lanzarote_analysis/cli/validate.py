"""``lanzarote-analysis validate``: check a data directory and list every problem."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def add_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``validate`` subcommand."""
    parser = commands.add_parser(
        "validate",
        parents=list(common),
        help="check a data directory and list every problem",
        description="Validate a data directory against its datapackage.json (strict CSV, "
        "types, enumerations, keys, foreign keys, source locators) and against what the "
        "figures and the profile need (resources, columns, headline indicators, "
        "recommendations VII-1 to VII-7). Only regular files inside the directory are "
        "read. Exit 0 with a one-line summary when valid; exit 1 listing every problem "
        "when not.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        metavar="DATA_DIR",
        help="directory to check (default: as --data-dir)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..io.validate import validate_data_dir

    directory = args.directory if args.directory is not None else args.data_dir
    print(validate_data_dir(directory))
    return 0
