"""The ``notebooks`` command: copies of the package's notebooks to run and edit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def add_notebooks_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``notebooks`` subcommand."""
    parser = commands.add_parser(
        "notebooks",
        help="copy the notebooks into a new folder, to run them",
        description="Copy the package's Jupyter notebooks into DIR, which must be new or "
        "empty: every file is copied or none is. They import the installed package and "
        "read its bundled data (or LANZAROTE_DATA_DIR), so they run from any folder: "
        "jupyter lab DIR.",
    )
    parser.add_argument("directory", metavar="DIR", help="new or empty folder")
    parser.set_defaults(handler=_run_notebooks)


def _run_notebooks(args: argparse.Namespace) -> int:
    from .copy_out import copy_notebooks

    files = copy_notebooks(args.directory)
    print(f"Copied {len(files)} files to {args.directory}", file=sys.stderr)
    return 0
