"""``lanzarote-analysis gaps``: the civil society gap of every State."""

from __future__ import annotations

import argparse
import sys

from ..vocabulary import GAP_TABLE_FORMATS, LANGUAGES

HELP = "the civil society gap of every State"
DESCRIPTION = (
    "Print one row per State of parties.csv: iso3, name, lacks_involvement "
    "(named by VII-1), lacks_financing (named by VII-2) and gap (both, "
    "involvement_only, financing_only, none, unconfirmed, not_covered). "
    "lacks_* are empty where the round did not assess the State."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The format and the language of the table."""
    parser.add_argument(
        "--format",
        choices=GAP_TABLE_FORMATS,
        default="csv",
        help="csv (codes, for machines; default) or markdown (labels, for reports)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of names and labels (default: en)"
    )


def run(args: argparse.Namespace) -> int:
    from ..output.gap_table import format_gap_table

    sys.stdout.write(format_gap_table(args.data_dir, fmt=args.format, lang=args.lang))
    return 0
