"""Shared helpers of the benchmark scripts: timing subprocesses, alternating runs, verdicts.

Every measurement runs a fresh process with the same Python, so imports are counted
as a user would pay them. Subject and floor alternate (floor, subject, floor, subject,
...) so that a slow patch of the machine hits both, and the median of each is kept.
"""

from __future__ import annotations

import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
FLOOR = BENCH_DIR / "floor.py"

#: Repetitions of each command; ``BENCH_REPEAT`` overrides (e.g. 1 for a quick look).
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))

#: Every child renders headless, the way ``make figures`` does on a server.
CHILD_ENV = {**os.environ, "MPLBACKEND": "Agg", "CI": "1"}


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mib: float  # the largest single process of the run (workers included)
    cpu_seconds: float = 0.0  # user + system, the process and the workers it waited for


def run_once(argv: Sequence[str]) -> Run:
    """Run ``argv`` to completion; its wall time and peak memory.

    ``subprocess.run`` cannot report the child's memory, so the child is started with
    ``Popen`` and reaped with ``os.wait4``, whose resource usage covers that child and
    the descendants it waited for (the figure workers), and nothing else.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdout=subprocess.DEVNULL, stderr=err, env=CHILD_ENV, cwd=PROJECT_DIR
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace").strip().splitlines()[-5:]
            raise RuntimeError(f"{' '.join(argv)} failed:\n" + "\n".join(message))
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def alternate(commands: Mapping[str, Sequence[str]], repeat: int = REPEAT) -> dict[str, Run]:
    """Run the commands in turn, ``repeat`` rounds; the median time and peak memory of each."""
    runs: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, argv in commands.items():
            runs[label].append(run_once(argv))
    return {
        label: Run(
            statistics.median(r.seconds for r in found),
            statistics.median(r.max_rss_mib for r in found),
            statistics.median(r.cpu_seconds for r in found),
        )
        for label, found in runs.items()
    }


def print_ratio(label: str, subject: float, floor: float, target: float | None, unit: str = "s"):
    """One result line: subject / floor = ratio (target ≤ T) PASS or OVER."""
    ratio = subject / floor
    verdict = (
        ""
        if target is None
        else f" (target ≤ {target:g}×) " + ("PASS" if ratio <= target else "OVER")
    )
    print(
        f"{label}: {subject:.2f} {unit} / floor {floor:.2f} {unit} = {ratio:.2f}×{verdict}",
        flush=True,
    )


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def command(*args: str) -> list[str]:
    """The ``lanzarote-analysis`` command, with this benchmark's Python."""
    return python("-m", "lanzarote_analysis", *args)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def floor_command(
    out: Path,
    sizes: Sequence[tuple[int, int]],
    formats: Sequence[str],
    jobs: int = 1,
    *,
    texts: Path | None = None,
    names: Sequence[str] = (),
) -> list[str]:
    """The floor for figures of these pixel sizes in these formats, in ``jobs`` workers;
    with ``texts`` (``figure_texts.py``'s file), each shows the texts of the figure of
    that name."""
    argv = python(
        str(FLOOR),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--format",
        *formats,
        "--size",
        *(f"{w}x{h}" for w, h in sizes),
    )
    if texts is not None:
        argv += ["--texts", str(texts), "--name", *names]
    return argv
