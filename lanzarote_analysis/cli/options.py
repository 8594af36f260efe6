"""Options that several commands share, spelled and explained the same way in each."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def add_out_option(parser: argparse.ArgumentParser, *, default: str) -> None:
    """``--out DIR``: the folder a command writes into."""
    parser.add_argument(
        "--out",
        default=default,
        metavar="DIR",
        help=f"output directory, created if missing (default: {default})",
    )


def add_list_option(
    parser: argparse.ArgumentParser,
    flag: str,
    *,
    values: Sequence[str],
    what: str,
    dest: str | None = None,
) -> None:
    """``--flag A [B ...]``: several values, all of them by default.

    The values are checked by the library, whose error names what is expected,
    so that the command line and the Python API refuse them in the same words (and
    with exit status 1, like any bad input, rather than argparse's 2).
    """
    parser.add_argument(
        flag,
        nargs="+",
        default=list(values),
        metavar=flag.lstrip("-").upper(),
        dest=dest,
        help=f"{what} (default: {' '.join(values)})",
    )


def add_choice_option(
    parser: argparse.ArgumentParser,
    flag: str,
    *,
    values: Sequence[str],
    default: str | None,
    what: str,
) -> None:
    """``--flag VALUE``: one of ``values``, checked by the library like ``add_list_option``.

    ``default=None`` means the command chooses (say how in ``what``).
    """
    shown = "" if default is None else f" (default: {default})"
    parser.add_argument(
        flag,
        default=default,
        metavar=flag.lstrip("-").upper(),
        help=f"{what}; one of: {', '.join(values)}{shown}",
    )


def add_quiet_option(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--quiet``: say nothing on standard error unless something goes wrong."""
    parser.add_argument("--quiet", action="store_true", help=f"no {what}")
