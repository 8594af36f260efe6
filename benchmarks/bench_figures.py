"""The whole figure set against the floor; workers against serial; time of every figure.

The subject is ``lanzarote-analysis figures --format png svg`` (every figure, both
languages); the floor imports the same stack and saves blank figures of the same
pixel sizes in the same formats, in one process.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchlib import (
    BENCH_DIR,
    alternate,
    command,
    floor_command,
    png_size,
    print_ratio,
    python,
    run_once,
)

WHOLE_SET_TARGET = 2.5
FORMATS = ("png", "svg")


def available_figures() -> tuple[list[str], list[str]]:
    """Registered figures whose plotting function exists now, and the others."""
    from lanzarote_analysis.output.registry import REPORT_FIGURES

    found, missing = [], []
    for spec in REPORT_FIGURES:
        try:
            spec.load_function()
            found.append(spec.name)
        except (ImportError, AttributeError):
            missing.append(spec.name)
    return found, missing


def main() -> None:
    names, missing = available_figures()
    if missing:
        print(f"not measured (plotting function missing): {', '.join(missing)}")
    if not names:
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        only = ["--only", *names, "--quiet", "--format", *FORMATS]
        # A first run gives the pixel size of every file for the floor (and warms caches).
        run_once(command("figures", "--out", str(tmp / "sizes"), *only))
        pngs = sorted((tmp / "sizes").glob("*.png"))
        sizes = [png_size(path) for path in pngs]

        results = alternate(
            {
                "floor": floor_command(tmp / "floor", sizes, FORMATS),
                "workers": command("figures", "--out", str(tmp / "workers"), *only),
                "serial": command("figures", "--out", str(tmp / "serial"), *only, "--jobs", "1"),
            }
        )

    floor, workers, serial = results["floor"], results["workers"], results["serial"]
    files = f"{len(pngs)} figures × {len(FORMATS)} formats"
    print_ratio(
        f"whole set ({files}), default workers", workers.seconds, floor.seconds, WHOLE_SET_TARGET
    )
    print_ratio(f"whole set ({files}), --jobs 1", serial.seconds, floor.seconds, None)
    print(
        f"serial {serial.seconds:.2f} s, workers {workers.seconds:.2f} s: "
        f"speed-up {serial.seconds / workers.seconds:.2f}×"
    )
    print_ratio(
        "peak memory, largest process with workers",
        workers.max_rss_mib,
        floor.max_rss_mib,
        None,
        unit="MiB",
    )
    print_ratio(
        "peak memory, --jobs 1 (every figure in one process)",
        serial.max_rss_mib,
        floor.max_rss_mib,
        None,
        unit="MiB",
    )
    print("time of every figure (one process, seconds):", flush=True)
    run = subprocess.run(
        python(str(BENCH_DIR / "figure_times.py")), capture_output=True, text=True, check=True
    )
    print(run.stdout, end="")


if __name__ == "__main__":
    main()
