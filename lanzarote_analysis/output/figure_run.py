"""Building and saving the report's figures, in worker processes.

Building a figure calls its plotting function with ``ax=None`` (so the function's default
size is the report size) and saves its figure as ``<out>/<name>.<lang>.<ext>``. Figures
are independent of one another, so they are built in worker processes (one per available
CPU at most) and the files are the same bytes whatever the number of workers. The workers
end with the run, however it ends (``workers.py``), and a run removes the partial files
that an interrupted run left in its output folder.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LanzaroteError
from ..i18n.labels import check_lang
from ..io.paths import DEFAULT_FIGURES_DIR
from ..vocabulary import IMAGE_FORMATS, LANGUAGES
from .registry import REPORT_FIGURES, FigureSpec, _unique, get_figure_path, select_figures
from .save import check_format, remove_stale_temporaries

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..io.load import PathLike

#: Environment variable that, when set (as on CI servers), silences the progress bar.
CI_ENV_VAR = "CI"


class OutputDirectoryError(LanzaroteError, OSError):
    """An output directory that cannot be created or written to."""


class FigureBuildError(LanzaroteError):
    """A figure that could not be built, naming the figure and the reason."""


@dataclass(frozen=True)
class FigureResult:
    """The files of one figure in one language, and how long building and saving took."""

    name: str
    lang: str
    paths: tuple[Path, ...]
    seconds: float


def build_figure(spec: FigureSpec, *, lang: str = "en", data_dir: PathLike = None) -> Figure:
    """Draw one registered figure in ``lang`` at its report size and return its figure.

    The caller owns the figure and should close it (``plt.close(fig)``).
    """
    from ..plots._base import get_root_figure

    function = spec.load_function()
    ax = function(ax=None, lang=lang, data_dir=data_dir, **spec.kwargs)
    return get_root_figure(ax)


def write_figure(
    spec: FigureSpec,
    out_dir: str | os.PathLike[str],
    *,
    lang: str = "en",
    formats: Sequence[str] = IMAGE_FORMATS,
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

    from .save import save_figure

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


def free_closed_figures() -> None:
    """Free the figures closed so far, now, and keep the next time cheap.

    A closed figure is a web of reference cycles that only a full garbage collection
    frees, and Python runs one rarely: until then its render buffers stay allocated,
    and a run's memory grows figure after figure (by 40 MB over the report's set). A
    full collection walks every live object (pandas, geopandas, matplotlib: 80 ms);
    freezing what survives it (``gc.freeze``) leaves the next one only the objects
    made since, the next figure's (a few ms). :func:`write_figures` calls
    ``gc.unfreeze()`` when it is done in the caller's process.
    """
    gc.collect()
    gc.freeze()


def _write_figure_and_free(
    spec: FigureSpec, out_dir: Path, *, lang: str, formats: list[str], data_dir: PathLike
) -> FigureResult:
    """:func:`write_figure`, then :func:`free_closed_figures` (a task of the run)."""
    result = write_figure(spec, out_dir, lang=lang, formats=formats, data_dir=data_dir)
    free_closed_figures()
    return result


def prepare_output_dir(out_dir: str | os.PathLike[str]) -> Path:
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
        serial: list[FigureResult] = []
        # Objects the caller froze stay as they were: then nothing is frozen here.
        write = _write_figure_and_free if gc.get_freeze_count() == 0 else write_figure
        try:
            with tqdm(total=len(tasks), desc="figures", unit="figure", disable=not progress) as bar:
                for spec, lang in tasks:
                    bar.set_postfix_str(f"{spec.name}.{lang}")
                    serial.append(
                        write(spec, out_dir, lang=lang, formats=formats, data_dir=data_dir)
                    )
                    bar.update()
        finally:
            if write is _write_figure_and_free:
                gc.unfreeze()
        return serial

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
                _write_figure_and_free,
                spec,
                out_dir,
                lang=lang,
                formats=formats,
                data_dir=data_dir,
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
    out_dir: str | os.PathLike[str] = DEFAULT_FIGURES_DIR,
    *,
    names: Iterable[str] | None = None,
    langs: Iterable[str] = LANGUAGES,
    formats: Iterable[str] = IMAGE_FORMATS,
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
    # Validate the data here, once, so that a data problem is reported as such and not
    # from inside a worker, and before the output folder is created: bad data writes nothing.
    from ..io.load import load_tables

    load_tables(data_dir)
    out_dir = prepare_output_dir(out_dir)

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
