"""``lanzarote-analysis data``: where the data in force is, and a copy of it to edit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

HELP = "where the data is, or a copy of it to edit"
DESCRIPTION = (
    "The data directory every command reads: the data bundled with the package, or the "
    "one named by --data-dir or LANZAROTE_DATA_DIR."
)
#: Its actions (``path``, ``copy``) take the common options, not the command itself.
HAS_ACTIONS = True


def add_arguments(
    parser: argparse.ArgumentParser, common: Sequence[argparse.ArgumentParser]
) -> None:
    """The actions ``path`` and ``copy DIR``."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    path = actions.add_parser(
        "path",
        parents=list(common),
        help="print the data directory in force",
        description="Print the absolute path of the data directory in force.",
    )
    path.set_defaults(handler=run_path)
    copy = actions.add_parser(
        "copy",
        parents=list(common),
        help="copy the data directory in force into a new folder, to edit it",
        description="Copy the data directory in force (the bundled data by default) into "
        "DIR, which must be new or empty: every file is copied or none is. Edit the "
        "copy, check it with 'lanzarote-analysis validate DIR', and use it with "
        "--data-dir DIR or LANZAROTE_DATA_DIR=DIR.",
    )
    copy.add_argument("directory", metavar="DIR", help="new or empty folder")
    copy.set_defaults(handler=run_copy)


def run_path(args: argparse.Namespace) -> int:
    from ..io.paths import get_data_dir

    print(get_data_dir(args.data_dir))
    return 0


def run_copy(args: argparse.Namespace) -> int:
    from ..output.copy_out import copy_data

    files = copy_data(args.directory, data_dir=args.data_dir)
    print(
        f"Copied {len(files)} files to {args.directory}; check your edits with "
        f"'lanzarote-analysis validate {args.directory}'",
        file=sys.stderr,
    )
    return 0
