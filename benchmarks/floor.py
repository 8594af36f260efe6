"""The floor: the least any run of the figures could cost.

It imports what the package's figures import (pandas, matplotlib, geopandas,
matplotlib_venn; nothing else, seaborn included) and saves blank figures of the given
pixel sizes (at 200 dpi) in the given formats, in this process or, with ``--jobs N``,
in N worker processes started the way ``lanzarote-analysis figures`` starts its own
(a process pool, one task per figure). With ``--size`` omitted it only imports.

With ``--texts FILE`` (written by ``figure_texts.py``) each blank figure shows the texts
of the figure of its size, with the theme's text settings and fonts: the least a run
that keeps the figures' looks could cost, since those texts are half of their time.

    python benchmarks/floor.py --out /tmp/floor --format png svg pdf --size 1400x1240 1600x900
    python benchmarks/floor.py --jobs 2 --out /tmp/floor --format png --size 1400x1240 1600x900
    python benchmarks/floor.py --out /tmp/floor --format png --size 1400x1240 \
        --texts /tmp/texts.json --name gap_map.en
"""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

DPI = 200
#: What the plotting modules of the package import (checked by bench_figures.py).
STACK = ("pandas", "matplotlib", "geopandas", "matplotlib_venn")


def save_blank(
    out: Path, index: int, size: str, formats: list[str], texts: list[dict] | None = None
) -> None:
    """One blank figure of ``size`` pixels (``WxH``), showing ``texts`` (``fig.text``
    arguments) if given, saved in every format."""
    import matplotlib.pyplot as plt

    width, height = (int(n) for n in size.split("x"))
    fig = plt.figure(figsize=(width / DPI, height / DPI))
    for text in texts or []:
        fig.text(**text)
    for fmt in formats:
        fig.savefig(out / f"blank{index}.{fmt}", dpi=DPI)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", nargs="+", default=list(STACK), metavar="MODULE")
    parser.add_argument("--out", type=Path, metavar="DIR")
    parser.add_argument("--format", nargs="+", default=["png"], dest="formats")
    parser.add_argument("--size", nargs="*", default=[], metavar="WxH", help="pixels at 200 dpi")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1: this one)")
    parser.add_argument("--texts", type=Path, metavar="FILE", help="figure_texts.py's output")
    parser.add_argument(
        "--name", nargs="*", default=[], help="with --texts: the figure of each --size"
    )
    args = parser.parse_args()

    for module in args.imports:
        importlib.import_module(module)
    if not args.size:
        return
    import matplotlib

    matplotlib.use("Agg")
    texts: list[list[dict] | None] = [None] * len(args.size)
    if args.texts:
        if len(args.name) != len(args.size):
            parser.error("--texts needs one --name per --size")
        found = json.loads(args.texts.read_text(encoding="utf-8"))
        from matplotlib import font_manager

        for path in found["fonts"]:
            font_manager.fontManager.addfont(path)
        matplotlib.rcParams.update(found["settings"])
        texts = [found["figures"][name] for name in args.name]
    args.out.mkdir(parents=True, exist_ok=True)
    tasks = [
        (args.out, index, size, args.formats, figure_texts)
        for index, (size, figure_texts) in enumerate(zip(args.size, texts, strict=True))
    ]
    if args.jobs == 1:
        for task in tasks:
            save_blank(*task)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=args.jobs) as executor:
        for future in [executor.submit(save_blank, *task) for task in tasks]:
            future.result()


if __name__ == "__main__":
    main()
