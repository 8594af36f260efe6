"""Time every report figure in one process: drawing, then saving in each format.

"build" is the plotting function (rendering happens in the first save). The plotting
modules are imported before the clock starts, so each line is the cost
of that figure alone (the first map also pays for reading the basemap). The peak
memory after each figure shows whether closing the figures keeps memory flat.

    python benchmarks/figure_times.py [--format png svg pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402

from lanzarote_analysis.output.figure_run import build_figure
from lanzarote_analysis.output.registry import REPORT_FIGURES  # noqa: E402
from lanzarote_analysis.output.save import save_figure  # noqa: E402
from lanzarote_analysis.vocabulary import LANGUAGES  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", nargs="+", default=["png", "svg", "pdf"], dest="formats")
    args = parser.parse_args()

    # Import every plotting module first; skip figures whose function does not exist.
    specs, missing = [], []
    for spec in REPORT_FIGURES:
        try:
            spec.load_function()
            specs.append(spec)
        except (ImportError, AttributeError):
            missing.append(spec.name)
    if missing:
        print(f"  not measured (plotting function missing): {', '.join(missing)}")

    header = f"  {'figure':<34}{'build':>7}" + "".join(f"{f:>7}" for f in args.formats)
    print(header + f"{'total':>8}{'peak MiB':>10}")
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for spec in specs:
            for lang in LANGUAGES:
                start = time.perf_counter()
                try:
                    fig = build_figure(spec, lang=lang)
                except Exception as error:  # report and go on: this is a measurement
                    print(f"  {spec.name}.{lang}: failed ({type(error).__name__}: {error})")
                    continue
                times = [time.perf_counter() - start]
                for fmt in args.formats:
                    start = time.perf_counter()
                    save_figure(fig, Path(out) / f"{spec.name}.{lang}.{fmt}")
                    times.append(time.perf_counter() - start)
                plt.close(fig)
                name = f"{spec.name}.{lang}"
                rows.append((sum(times), name))
                cells = "".join(f"{t:7.2f}" for t in times)
                print(f"  {name:<34}{cells}{sum(times):8.2f}{peak_rss_mib():10.0f}", flush=True)
    if rows:
        total = sum(t for t, _ in rows)
        slowest = ", ".join(f"{name} {t:.2f} s" for t, name in sorted(rows, reverse=True)[:3])
        print(f"  all figures in one process: {total:.2f} s; slowest: {slowest}")


if __name__ == "__main__":
    main()
