"""The whole figure set against the floor, serial and with workers; the cost of every figure.

The subject is ``lanzarote-analysis figures`` as ``make figures`` runs it: every figure,
both languages, PNG, SVG and PDF. The floor (``floor.py``) imports what the figures
import and saves blank figures of the same pixel sizes in the same formats, run the
same way: in one process against ``--jobs 1``, in as many workers against the default
workers. Floor and subject alternate (``BENCH_REPEAT`` rounds, median kept), so a slow
patch of the machine hits both.

Targets on the 2-core development machine (issue 12): ``--jobs 1`` ≤ 3× its floor,
default workers ≤ 2× theirs, the largest process's peak memory ≤ 1.3× the floor's.

A second floor, with no target, draws the figures' texts alone on the blank figures
(``figure_texts.py``): what any change that keeps the figures' looks still pays. Its
ratio to the blank floor is the least ratio such a change could reach.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchlib import BENCH_DIR, alternate, command, floor_command, png_size, print_ratio, python
from benchlib import run_once as run_command

SERIAL_TARGET = 3.0
WORKERS_TARGET = 2.0
MEMORY_TARGET = 1.3
FORMATS = ("png", "svg", "pdf")


def count_default_workers(n_tasks: int) -> int:
    """The workers ``lanzarote-analysis figures`` starts without ``--jobs``."""
    from lanzarote_analysis.output.workers import count_available_cpus

    return min(count_available_cpus(), n_tasks)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        figures = ["figures", "--quiet", "--format", *FORMATS]
        # A first run gives the pixel size of every figure for the floor (and warms caches).
        run_command(command(*figures, "--out", str(tmp / "sizes")))
        pngs = sorted((tmp / "sizes").glob("*.png"))
        sizes = [png_size(path) for path in pngs]
        names = [path.name.removesuffix(".png") for path in pngs]
        jobs = count_default_workers(len(pngs))
        texts = tmp / "texts.json"
        run_command(python(str(BENCH_DIR / "figure_texts.py"), "--out", str(texts)))
        results = alternate(
            {
                "floor serial": floor_command(tmp / "f1", sizes, FORMATS, jobs=1),
                "serial": command(*figures, "--out", str(tmp / "s1"), "--jobs", "1"),
                "floor workers": floor_command(tmp / "fn", sizes, FORMATS, jobs=jobs),
                "workers": command(*figures, "--out", str(tmp / "sn")),
                "texts serial": floor_command(
                    tmp / "t1", sizes, FORMATS, jobs=1, texts=texts, names=names
                ),
                "texts workers": floor_command(
                    tmp / "tn", sizes, FORMATS, jobs=jobs, texts=texts, names=names
                ),
            }
        )

    what = f"{len(pngs)} figures × {len(FORMATS)} formats"
    serial, floor_serial = results["serial"], results["floor serial"]
    workers, floor_workers = results["workers"], results["floor workers"]
    print(f"whole set: {what}; wall time, median of alternating runs")
    print_ratio(
        "  --jobs 1 / floor in 1 process", serial.seconds, floor_serial.seconds, SERIAL_TARGET
    )
    print_ratio(
        f"  default workers ({jobs}) / floor in {jobs} workers",
        workers.seconds,
        floor_workers.seconds,
        WORKERS_TARGET,
    )
    print("  the least a change that keeps the looks could reach (no target): the figures'")
    print_ratio(
        "  texts alone on the blank figures, in 1 process / floor in 1 process",
        results["texts serial"].seconds,
        floor_serial.seconds,
        None,
    )
    print_ratio(
        f"  texts alone on the blank figures, in {jobs} workers / floor in {jobs} workers",
        results["texts workers"].seconds,
        floor_workers.seconds,
        None,
    )
    print_ratio(
        "  peak memory of the largest process, default workers",
        workers.max_rss_mib,
        floor_workers.max_rss_mib,
        MEMORY_TARGET,
        unit="MiB",
    )
    print_ratio(
        "  peak memory of the largest process, --jobs 1",
        serial.max_rss_mib,
        floor_serial.max_rss_mib,
        MEMORY_TARGET,
        unit="MiB",
    )
    print(
        f"  CPU time: --jobs 1 {serial.cpu_seconds:.2f} s "
        f"(floor {floor_serial.cpu_seconds:.2f} s), workers {workers.cpu_seconds:.2f} s "
        f"(floor {floor_workers.cpu_seconds:.2f} s); "
        f"workers' speed-up {serial.seconds / workers.seconds:.2f}×",
        flush=True,
    )
    print("every figure in one process (median of BENCH_REPEAT, seconds):", flush=True)
    run = subprocess.run(
        python(str(BENCH_DIR / "figure_times.py")), capture_output=True, text=True, check=True
    )
    print(run.stdout, end="")


if __name__ == "__main__":
    main()
