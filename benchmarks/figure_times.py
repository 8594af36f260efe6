"""The cost of every report figure in one process: drawing it, then saving each format.

"build" is the plotting function; each format column is one ``save_figure`` (layout,
rendering, writing). The floor columns save a blank figure of the same size the same
way. "floor+texts" saves, in all the formats together, the blank figure showing the
figure's texts as drawn (``figure_texts.py``): no Axes, no layout, no shapes. Less the
blank floor, it is what matplotlib's text costs, which no change that keeps the
figures' looks can remove. Each cell is the median of ``BENCH_REPEAT`` builds and
saves (the first, which pays for reading the basemap and the fonts, is left out). It
also lists what the figures import beyond the floor's stack, which would make the
floor too low.

    python benchmarks/figure_times.py [--format png svg pdf] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from figure_texts import read_texts  # noqa: E402
from floor import DPI, STACK  # noqa: E402


def top_level_modules() -> set[str]:
    return {name.partition(".")[0] for name in sys.modules}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", nargs="+", default=["png", "svg", "pdf"], dest="formats")
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5")))
    args = parser.parse_args()

    # The floor's imports first: whatever the figures add is beyond the floor.
    for module in STACK:
        importlib.import_module(module)
    floor_modules = top_level_modules()

    import matplotlib.pyplot as plt

    from lanzarote_analysis.output.figure_run import build_figure
    from lanzarote_analysis.output.registry import REPORT_FIGURES
    from lanzarote_analysis.output.save import save_figure
    from lanzarote_analysis.vocabulary import LANGUAGES

    def measure(spec, lang: str, out: Path) -> tuple[list[float], tuple[float, float], list]:
        start = time.perf_counter()
        fig = build_figure(spec, lang=lang)
        times = [time.perf_counter() - start]
        for fmt in args.formats:
            start = time.perf_counter()
            save_figure(fig, out / f"{spec.name}.{lang}.{fmt}")
            times.append(time.perf_counter() - start)
        size = tuple(fig.get_size_inches())
        texts = read_texts(fig, dpi=DPI)
        plt.close(fig)
        return times, size, texts

    def measure_texts(size: tuple[float, float], texts: list[dict], out: Path) -> float:
        fig = plt.figure(figsize=size)
        for text in texts:
            fig.text(**text)
        start = time.perf_counter()
        for fmt in args.formats:
            save_figure(fig, out / f"texts.{fmt}")
        plt.close(fig)
        return time.perf_counter() - start

    def measure_blank(size: tuple[float, float], out: Path) -> list[float]:
        fig = plt.figure(figsize=size)
        times = []
        for fmt in args.formats:
            start = time.perf_counter()
            fig.savefig(out / f"blank.{fmt}", dpi=DPI)
            times.append(time.perf_counter() - start)
        plt.close(fig)
        return times

    columns = ["build", *args.formats, "total"]
    floor_columns = [f"floor {fmt}" for fmt in args.formats]
    print(f"  {'figure':<34}" + "".join(f"{c:>7}" for c in columns), end="")
    print("  " + "".join(f"{c:>10}" for c in floor_columns) + f"{'floor+texts':>13}")
    totals = []
    floor_totals = []  # (blank figure, blank figure with the texts), all formats
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for spec in REPORT_FIGURES:
            for lang in LANGUAGES:
                runs, blanks, with_texts = [], [], []
                for _ in range(args.repeat + 1):
                    times, size, texts = measure(spec, lang, out)
                    runs.append(times)
                    blanks.append(measure_blank(size, out))
                    with_texts.append(measure_texts(size, texts, out))
                cells = [statistics.median(column) for column in zip(*runs[1:], strict=True)]
                floor = [statistics.median(column) for column in zip(*blanks[1:], strict=True)]
                floor.append(statistics.median(with_texts[1:]))
                totals.append((sum(cells), f"{spec.name}.{lang}"))
                floor_totals.append((sum(floor[:-1]), floor[-1]))
                row = "".join(f"{t:7.2f}" for t in [*cells, sum(cells)])
                print(
                    f"  {spec.name + '.' + lang:<34}{row}  "
                    + "".join(f"{t:10.3f}" for t in floor[:-1])
                    + f"{floor[-1]:13.3f}"
                )
                sys.stdout.flush()
    total = sum(t for t, _ in totals)
    slowest = ", ".join(f"{name} {t:.2f} s" for t, name in sorted(totals, reverse=True)[:3])
    print(f"  all figures: {total:.2f} s; slowest: {slowest}")
    blank, with_texts = (sum(column) for column in zip(*floor_totals, strict=True))
    texts = with_texts - blank
    print(
        f"  their texts ({', '.join(args.formats)}): {texts:.2f} s, {texts / total:.0%} of "
        f"the figures' time (blank figures with the texts {with_texts:.2f} s, "
        f"without {blank:.2f} s)"
    )
    # Only third-party packages count: the standard library costs the floor as much.
    extra = sorted(
        name
        for name in top_level_modules() - floor_modules
        if name not in sys.stdlib_module_names and not name.startswith(("_", "lanzarote_analysis"))
    )
    print(f"  imported by the figures beyond the floor's stack: {', '.join(extra) or 'nothing'}")


if __name__ == "__main__":
    main()
