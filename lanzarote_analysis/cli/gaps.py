"""``lanzarote-analysis gaps``: the civil society gap of every State."""

from __future__ import annotations

import argparse
import sys

from ..vocabulary import GAP_TABLE_FORMATS, LANGUAGES
from .options import add_choice_option

HELP = "the civil society gap of every State"
DESCRIPTION = (
    "Print one row per State of parties.csv: iso3, name, lacks_involvement "
    "(named by VII-1), lacks_financing (named by VII-2) and gap (both, "
    "involvement_only, financing_only, none, unconfirmed, not_covered). "
    "lacks_* are empty where the round did not assess the State."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The format and the language of the table."""
    add_choice_option(
        parser,
        "--format",
        values=GAP_TABLE_FORMATS,
        default="csv",
        what="csv has codes, for machines; markdown has labels, for reports",
    )
    add_choice_option(
        parser, "--lang", values=LANGUAGES, default="en", what="language of names and labels"
    )


def run(args: argparse.Namespace) -> int:
    from ..output.gap_table import format_gap_table

    sys.stdout.write(format_gap_table(args.data_dir, fmt=args.format, lang=args.lang))
    return 0
