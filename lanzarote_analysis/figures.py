"""The report's figures: one registry, built in both languages, saved reproducibly.

Every figure of the report is named once in :data:`REPORT_FIGURES`. Building a figure
calls its plotting function with ``ax=None`` (so the function's default size is the
report size) and saves ``ax.figure`` as ``<out>/<name>.<lang>.<ext>``. The plotting
modules are imported only when a figure is built, so listing the figures or running
another command never imports matplotlib.

Figures are independent of one another, so they are built in worker processes (one
per available CPU at most) and the files are the same bytes whatever the number of
workers. The workers end with the run, however it ends (see workers.py), and a run
removes the partial files that an interrupted run left in its output folder.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import LanzaroteError
from .export import FORMATS, check_format, remove_stale_temporaries
from .labels import LANGUAGES, check_lang

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .load import PathLike

#: Environment variable that, when set (as on CI servers), silences the progress bar.
CI_ENV_VAR = "CI"


class UnknownFigureError(LanzaroteError, ValueError):
    """A figure name that is not in the registry."""


class OutputDirectoryError(LanzaroteError, OSError):
    """An output directory that cannot be created or written to."""


class FigureBuildError(LanzaroteError):
    """A figure that could not be built, naming the figure and the reason."""


@dataclass(frozen=True)
class FigureSpec:
    """One report figure: its name, how to draw it and what it shows.

    ``function`` is a ``"module:function"`` path, imported on first use; the function
    follows the plotting contract ``f(data=None, *, lang, data_dir, ax) -> Axes`` and
    receives ``kwargs`` as well.
    """

    name: str
    function: str
    description: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def load_function(self) -> Callable[..., Any]:
        """The plotting function, imported now."""
        module_name, _, attribute = self.function.partition(":")
        return getattr(importlib.import_module(module_name), attribute)


#: Every figure of the report, in the report's order.
REPORT_FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        "gap_map",
        "lanzarote_analysis.maps:plot_gap_map",
        "Map: the Parties named by VII-1 (involvement) and VII-2 (financing), every State",
    ),
    FigureSpec(
        "rec_VII-1_map",
        "lanzarote_analysis.maps:plot_recommendation_map",
        "Map: Parties that VII-1 requires to involve civil society in prevention",
        {"rec_id": "VII-1"},
    ),
    FigureSpec(
        "rec_VII-2_map",
        "lanzarote_analysis.maps:plot_recommendation_map",
        "Map: Parties that VII-2 requests to encourage the financing of civil society",
        {"rec_id": "VII-2"},
    ),
    FigureSpec(
        "recommendation_matrix",
        "lanzarote_analysis.comparisons:plot_recommendation_matrix",
        "Matrix: which recommendation (VII-1 to VII-7) applies to which Party, by level",
    ),
    FigureSpec(
        "addressees_by_recommendation",
        "lanzarote_analysis.comparisons:plot_addressees_by_recommendation",
        "Bars: how many Parties each recommendation addresses (43 for all Parties), by level",
    ),
    FigureSpec(
        "gap_overlap",
        "lanzarote_analysis.comparisons:plot_gap_overlap",
        "Venn diagram: Parties named by VII-1 (involvement), VII-2 (financing) or both",
    ),
    FigureSpec(
        "gaps_by_group",
        "lanzarote_analysis.comparisons:plot_gaps_by_group",
        "Stacked bars: Parties named by VII-1 and VII-2, by EU membership and UN sub-region",
    ),
    FigureSpec(
        "practices_vs_gaps",
        "lanzarote_analysis.comparisons:plot_practices_vs_gaps",
        "Dots: Parties cited for promising practices, and whether VII-1 or VII-2 names them",
    ),
    FigureSpec(
        "indicators",
        "lanzarote_analysis.comparisons:plot_indicators",
        "Bars: key figures of the factsheet, as Parties out of the 43 monitored",
    ),
)


@dataclass(frozen=True)
class FigureResult:
    """The files of one figure in one language, and how long building and saving took."""

    name: str
    lang: str
    paths: tuple[Path, ...]
    seconds: float


def format_figure_list(registry: Sequence[FigureSpec] = REPORT_FIGURES) -> str:
    """One line per figure: its name and description (the output of ``--list``).

    Examples
    --------
    >>> print(format_figure_list()[:38])
    gap_map                       Map: the
    """
    width = max(len(spec.name) for spec in registry) + 2
    return "".join(f"{spec.name:<{width}}{spec.description}\n" for spec in registry)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def select_figures(
    names: Iterable[str] | None = None, registry: Sequence[FigureSpec] = REPORT_FIGURES
) -> list[FigureSpec]:
    """The registry entries called ``names`` (all of them when ``None``), in registry order.

    Raises
    ------
    UnknownFigureError
        Naming the unknown figures and listing the valid names.

    Examples
    --------
    >>> [spec.name for spec in select_figures(["indicators", "gap_map"])]
    ['gap_map', 'indicators']
    """
    if names is None:
        return list(registry)
    wanted = _unique(names)
    known = {spec.name for spec in registry}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise UnknownFigureError(
            f"Unknown figure{plural} {', '.join(map(repr, unknown))}; expected one of: "
            f"{', '.join(spec.name for spec in registry)}"
        )
    return [spec for spec in registry if spec.name in wanted]


def get_figure_path(out_dir: PathLike, name: str, lang: str, fmt: str) -> Path:
    """Where a figure is saved: ``<out_dir>/<name>.<lang>.<fmt>``.

    Examples
    --------
    >>> get_figure_path("figures", "gap_map", "fr", "svg").as_posix()
    'figures/gap_map.fr.svg'
    """
    return Path(out_dir) / f"{name}.{lang}.{fmt}"


def build_figure(spec: FigureSpec, *, lang: str = "en", data_dir: PathLike = None) -> Figure:
    """Draw one registered figure in ``lang`` at its report size and return its figure.

    The caller owns the figure and should close it (``plt.close(fig)``).
    """
    function = spec.load_function()
    ax = function(ax=None, lang=lang, data_dir=data_dir, **spec.kwargs)
    return ax.get_figure(root=True)


def write_figure(
    spec: FigureSpec,
    out_dir: PathLike,
    *,
    lang: str = "en",
    formats: Sequence[str] = FORMATS,
    data_dir: PathLike = None,
) -> FigureResult:
    """Build one figure in ``lang``, save it in every format, close it.

    Raises
    ------
    FigureBuildError
        For a problem the package reports on purpose (invalid data, missing basemap),
        naming the figure.
    """
    import matplotlib.pyplot as plt

    from .export import save_figure

    start = time.perf_counter()
    try:
        fig = build_figure(spec, lang=lang, data_dir=data_dir)
    except LanzaroteError as exc:
        raise FigureBuildError(f"figure {spec.name} ({lang}): {exc}") from exc
    try:
        paths = tuple(
            save_figure(fig, get_figure_path(out_dir, spec.name, lang, fmt)) for fmt in formats
        )
    finally:
        plt.close(fig)
    return FigureResult(spec.name, lang, paths, time.perf_counter() - start)


def prepare_output_dir(out_dir: PathLike) -> Path:
    """Create ``out_dir`` if needed, check that files can be written in it, and remove
    the partial files an interrupted run left there.

    Raises
    ------
    OutputDirectoryError
        With the reason, in one line.
    """
    if not os.fspath(out_dir).strip():
        raise OutputDirectoryError("The output directory is an empty path; expected a folder")
    directory = Path(out_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputDirectoryError(
            f"Cannot create output directory {directory}: {reason}"
        ) from None
    try:
        # Permission bits alone do not tell (root, read-only mounts): try a real file.
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputDirectoryError(
            f"Cannot write to output directory {directory}: {reason}"
        ) from None
    remove_stale_temporaries(directory)
    return directory


def _run_tasks(
    tasks: list[tuple[FigureSpec, str]],
    out_dir: Path,
    formats: list[str],
    data_dir: PathLike,
    jobs: int,
    progress: bool,
) -> list[FigureResult]:
    from tqdm import tqdm

    if jobs == 1:
        results = []
        with tqdm(total=len(tasks), desc="figures", unit="figure", disable=not progress) as bar:
            for spec, lang in tasks:
                bar.set_postfix_str(f"{spec.name}.{lang}")
                results.append(
                    write_figure(spec, out_dir, lang=lang, formats=formats, data_dir=data_dir)
                )
                bar.update()
        return results

    from concurrent.futures import as_completed

    from .workers import start_workers, stop_workers

    # One task per figure and language, submitted in registry order (the maps, the
    # slowest, first): a worker picks the next as soon as it is free, and imports the
    # plotting stack once for all the figures it builds.
    executor = start_workers(jobs)
    is_done = False
    try:
        futures = {
            executor.submit(
                write_figure, spec, out_dir, lang=lang, formats=formats, data_dir=data_dir
            ): index
            for index, (spec, lang) in enumerate(tasks)
        }
        # The bar's monitor thread starts only after the workers are forked.
        results: list[FigureResult | None] = [None] * len(tasks)
        with tqdm(total=len(tasks), desc="figures", unit="figure", disable=not progress) as bar:
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                bar.set_postfix_str(f"{result.name}.{result.lang}")
                bar.update()
        is_done = True
    finally:
        # On an error or Ctrl-C, the workers stop now rather than finish their queue.
        stop_workers(executor, is_done=is_done)
    return [result for result in results if result is not None]


def write_figures(
    out_dir: PathLike = "figures",
    *,
    names: Iterable[str] | None = None,
    langs: Iterable[str] = LANGUAGES,
    formats: Iterable[str] = FORMATS,
    data_dir: PathLike = None,
    jobs: int | None = None,
    progress: bool = False,
    registry: Sequence[FigureSpec] = REPORT_FIGURES,
) -> list[FigureResult]:
    """Build and save report figures as ``<out_dir>/<name>.<lang>.<format>``.

    Parameters
    ----------
    out_dir
        Output directory, created if missing.
    names
        Figures to build (default: every figure of ``registry``).
    langs, formats
        Languages (``en``, ``fr``) and formats (``png``, ``svg``, ``pdf``).
    data_dir
        Data directory (default: ``$LANZAROTE_DATA_DIR``, else the bundled data).
    jobs
        Worker processes (default and maximum: one per available CPU); ``1`` builds in
        this process.
    progress
        Show a progress bar on standard error.
    registry
        Where ``names`` are looked up.

    Returns
    -------
    list of FigureResult
        One per figure and language, in registry then language order.

    Raises
    ------
    UnknownFigureError, ValueError, OutputDirectoryError
        Before anything is written, for a bad name, language, format, job count or
        output directory; ``DataValidationError`` for invalid data.
    """
    # Check every argument before touching the disk.
    specs = select_figures(names, registry)
    langs = [check_lang(lang) for lang in _unique(langs)]
    formats = [check_format(fmt) for fmt in _unique(formats)]
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a positive integer, not {jobs!r}")
    out_dir = prepare_output_dir(out_dir)
    # Validate the data here, once, so that a data problem is reported as such and not
    # from inside a worker.
    from .load import load_tables

    load_tables(data_dir)

    # Build and save.
    tasks = [(spec, lang) for spec in specs for lang in langs]
    if not tasks or not formats:
        return []
    from .workers import count_available_cpus

    # More workers than CPUs only costs memory (about 200 MB each).
    jobs = min(jobs or count_available_cpus(), count_available_cpus(), len(tasks))
    return _run_tasks(tasks, out_dir, formats, data_dir, jobs, progress)


def is_progress_shown(quiet: bool = False, stream: Any = None) -> bool:
    """Whether to draw a progress bar: on a terminal, unless quiet or on CI."""
    stream = sys.stderr if stream is None else stream
    if quiet or os.environ.get(CI_ENV_VAR):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def add_figures_command(
    commands: argparse._SubParsersAction, common: Sequence[argparse.ArgumentParser]
) -> None:
    """Add the ``figures`` subcommand to the command line's subparsers."""
    names = ", ".join(spec.name for spec in REPORT_FIGURES)
    parser = commands.add_parser(
        "figures",
        parents=list(common),
        help="build the report's figures (English, French)",
        description="Build every figure of the report, in English and French, as "
        "<out>/<name>.<lang>.<format> (PNG at 200 dpi, SVG, PDF). Two runs on "
        "the same data give byte-identical files. Figures: " + names + ".",
    )
    parser.add_argument(
        "--out",
        default="figures",
        metavar="DIR",
        help="output directory, created if missing (default: figures)",
    )
    parser.add_argument(
        "--lang",
        nargs="+",
        default=list(LANGUAGES),
        metavar="LANG",
        help=f"languages (default: {' '.join(LANGUAGES)})",
    )
    parser.add_argument(
        "--format",
        nargs="+",
        default=list(FORMATS),
        metavar="FORMAT",
        dest="formats",
        help=f"formats (default: {' '.join(FORMATS)})",
    )
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
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(handler=_run_figures)


def _run_figures(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(format_figure_list())
        return 0
    # Headless rendering, also in the worker processes (they inherit the environment).
    os.environ.setdefault("MPLBACKEND", "Agg")
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
        print(f"Wrote {count} files to {args.out}", file=sys.stderr)
    return 0
