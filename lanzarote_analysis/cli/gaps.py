"""``lanzarote-analysis gaps``: the civil society gap of every State."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..vocabulary import GAP_TABLE_FORMATS, LANGUAGES


def add_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``gaps`` subcommand."""
    parser = commands.add_parser(
        "gaps",
        parents=list(common),
        help="the civil society gap of every State",
        description="Print one row per State of parties.csv: iso3, name, lacks_involvement "
        "(named by VII-1), lacks_financing (named by VII-2) and gap (both, "
        "involvement_only, financing_only, none, unconfirmed, not_covered). "
        "lacks_* are empty where the round did not assess the State.",
    )
    parser.add_argument(
        "--format",
        choices=GAP_TABLE_FORMATS,
        default="csv",
        help="csv (codes, for machines; default) or markdown (labels, for reports)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of names and labels (default: en)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..output.gap_table import format_gap_table

    sys.stdout.write(format_gap_table(args.data_dir, fmt=args.format, lang=args.lang))
    return 0
