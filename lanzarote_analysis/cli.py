"""The ``lanzarote-analysis`` command line (also ``python -m lanzarote_analysis``)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from .errors import FileWriteError, LanzaroteError
from .figures import add_figures_command  # imports neither pandas nor matplotlib
from .labels import LANGUAGES
from .profile import add_profile_command  # matplotlib only when drawing
from .report_html.command import add_report_command  # bokeh only when building

DESCRIPTION = """\
Data and figures on how Parties implement the Lanzarote Convention: civil society
involvement and co-operation (2nd monitoring round, chapter VII).

Every command reads the bundled data/ directory, or the one named by --data-dir or by
the LANZAROTE_DATA_DIR environment variable."""


def _data_dir_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $LANZAROTE_DATA_DIR, else the bundled data/)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lanzarote-analysis",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_data_dir_option()]

    gaps = commands.add_parser(
        "gaps",
        parents=common,
        help="the civil society gap of every State",
        description="Print one row per State of parties.csv: iso3, name, lacks_involvement "
        "(named by VII-1), lacks_financing (named by VII-2) and gap (both, "
        "involvement_only, financing_only, none, unconfirmed, not_covered). "
        "lacks_* are empty where the round did not assess the State.",
    )
    gaps.add_argument(
        "--format",
        choices=("csv", "markdown"),
        default="csv",
        help="csv (codes, for machines; default) or markdown (labels, for reports)",
    )
    gaps.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of names and labels (default: en)"
    )
    gaps.set_defaults(handler=_run_gaps)

    validate = commands.add_parser(
        "validate",
        parents=common,
        help="check a data directory and list every problem",
        description="Validate a data directory against its datapackage.json (strict CSV, "
        "types, enumerations, keys, foreign keys, source locators) and against what the "
        "figures and the profile need (resources, columns, headline indicators, "
        "recommendations VII-1 to VII-7). Only regular files inside the directory are "
        "read. Exit 0 with a one-line summary when valid; exit 1 listing every problem "
        "when not.",
    )
    validate.add_argument(
        "directory",
        nargs="?",
        metavar="DATA_DIR",
        help="directory to check (default: as --data-dir)",
    )
    validate.set_defaults(handler=_run_validate)
    add_figures_command(commands, common)
    add_profile_command(commands, common)
    add_report_command(commands, common)
    return parser


def _run_gaps(args: argparse.Namespace) -> int:
    from .report import format_gap_table

    sys.stdout.write(format_gap_table(args.data_dir, fmt=args.format, lang=args.lang))
    return 0


def _run_validate(args: argparse.Namespace) -> int:
    from .report import validate_data_dir

    directory = args.directory if args.directory is not None else args.data_dir
    print(validate_data_dir(directory))
    return 0


class _ClosedOutput:
    """Standard output when the command was started with it closed (``cmd >&-``)."""

    def write(self, text: str) -> int:
        raise FileWriteError("standard output", "it is closed")

    def flush(self) -> None:
        pass


def _terminate(signum: int, frame: object) -> None:
    # Like Ctrl-C: clean-up code runs (workers stop, temporary files go) before exiting.
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _command_context() -> Iterator[None]:
    """Standard output and SIGTERM handled for one command, restored afterwards."""
    stdout = sys.stdout
    if stdout is None:
        sys.stdout = _ClosedOutput()
    is_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if is_main else None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if stdout is None:
            sys.stdout = stdout


def _report(message: str) -> None:
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 success, 1 error (one message, no traceback), 2 usage, 130 interrupted (Ctrl-C).
    """
    args = build_parser().parse_args(argv)
    with _command_context():
        try:
            return args.handler(args)
        except KeyboardInterrupt:
            _report("error: interrupted")
            return 130
        except BrokenPipeError:
            # The reader went away (``| head``): nothing more to say, and nothing to flush.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except (LanzaroteError, ValueError, OSError) as exc:
            # Bad data, an unknown Party or an unwritable folder: a message, not a traceback.
            _report(f"error: {exc}")
            return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
