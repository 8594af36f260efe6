"""``lanzarote-analysis profile``: everything chapter VII says about one State."""

from __future__ import annotations

import argparse
import sys

from ..vocabulary import LANGUAGES, PROFILE_FORMATS
from .options import add_choice_option

HELP = "everything chapter VII says about one State"
DESCRIPTION = (
    "Print the profile of one State: coverage by the round, civil society "
    "gap, the seven recommendations (addressed, not addressed, or not known "
    "where the round did not assess the State) with their level and "
    "source, and its promising practices. PARTY is any code, name or "
    "alias: Malta, MLT, malte."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The State, and the language and format of its profile."""
    parser.add_argument("party", metavar="PARTY", help="ISO code, English or French name")
    add_choice_option(
        parser,
        "--lang",
        values=LANGUAGES,
        default="en",
        what="language of names, labels and summaries",
    )
    add_choice_option(
        parser,
        "--format",
        values=PROFILE_FORMATS,
        default="text",
        what="csv has codes, one row per item",
    )


def run(args: argparse.Namespace) -> int:
    """Print the profile; an unknown State raises UnknownPartyError (exit 1)."""
    from ..analysis.profile import compute_party_profile
    from ..i18n.labels import check_lang
    from ..output.profile_text import format_party_profile
    from ..vocabulary import check_choice

    # Options first: a wrong one is reported before any data is read.
    check_lang(args.lang)
    check_choice(args.format, PROFILE_FORMATS, what="format")
    profile = compute_party_profile(args.party, data_dir=args.data_dir)
    sys.stdout.write(format_party_profile(profile, lang=args.lang, fmt=args.format))
    return 0
