"""The ``lanzarote-analysis`` command line (also ``python -m lanzarote_analysis``).

One module per command (:data:`COMMANDS`), each with its help, its options and ``run``;
this module builds the parser and runs a command so that it ends with a message and exit
status 1, never a traceback. Command modules import
pandas and matplotlib only when they run: ``--help`` and ``figures --list`` are instant.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from .. import __version__
from ..errors import FileWriteError, LanzaroteError

DESCRIPTION = """\
Data and figures on how Parties implement the Lanzarote Convention: civil society
involvement and co-operation (2nd monitoring round, chapter VII).

Every command reads the data bundled with the package ('data path' prints where), or the
directory named by --data-dir or by the LANZAROTE_DATA_DIR environment variable."""


def _data_dir_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $LANZAROTE_DATA_DIR, else the bundled data)",
    )
    return parent


#: The subcommands, in the order ``--help`` lists them. Each has a module here with
#: ``HELP``, ``DESCRIPTION``, ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS = ("gaps", "validate", "figures", "profile", "export", "report", "data", "notebooks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lanzarote-analysis",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_data_dir_option()]
    for name in COMMANDS:
        module = importlib.import_module(f".{name}", __name__)
        if getattr(module, "HAS_ACTIONS", False):  # its actions take the common options
            command = commands.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
            module.add_arguments(command, common)
            continue
        command = commands.add_parser(
            name, parents=common, help=module.HELP, description=module.DESCRIPTION
        )
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


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
