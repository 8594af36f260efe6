"""``lanzarote-analysis figures``: build the report's figures, English and French."""

from __future__ import annotations

import argparse
import os
import sys

from ..io.paths import DEFAULT_FIGURES_DIR
from ..output.registry import REPORT_FIGURES, format_figure_list
from ..vocabulary import IMAGE_FORMATS, LANGUAGES
from .options import add_list_option, add_out_option, add_quiet_option

HELP = "build the report's figures (English, French)"
DESCRIPTION = (
    "Build every figure of the report, in English and French, as "
    "<out>/<name>.<lang>.<format> (PNG at 200 dpi, SVG, PDF). Two runs on "
    "the same data give byte-identical files. Figures: "
    + ", ".join(spec.name for spec in REPORT_FIGURES)
    + "."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where, in which languages and formats, and which figures to build."""
    add_out_option(parser, default=DEFAULT_FIGURES_DIR)
    add_list_option(parser, "--lang", values=LANGUAGES, what="languages")
    add_list_option(parser, "--format", values=IMAGE_FORMATS, what="formats", dest="formats")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="build only these figures (see --list)"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the figures with a description, build nothing"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default and maximum: one per available CPU; 1: no workers)",
    )
    add_quiet_option(parser, what="progress bar and no summary")


def run(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(format_figure_list())
        return 0
    # Headless rendering, also in the worker processes (they inherit the environment).
    os.environ.setdefault("MPLBACKEND", "Agg")
    from ..output.figure_run import is_progress_shown, write_figures

    try:
        results = write_figures(
            args.out,
            names=args.only,
            langs=args.lang,
            formats=args.formats,
            data_dir=args.data_dir,
            jobs=args.jobs,
            progress=is_progress_shown(args.quiet),
        )
    except KeyboardInterrupt:
        print("error: interrupted; the figures already written are complete", file=sys.stderr)
        return 130
    if not args.quiet:
        count = sum(len(result.paths) for result in results)
        print(f"Wrote {count} file{'s' if count != 1 else ''} to {args.out}", file=sys.stderr)
    return 0
