"""The floor: the least any run of the figures could cost.

It imports the same plotting stack as the figures (pandas, matplotlib, seaborn,
geopandas, matplotlib_venn) and saves blank figures of the given pixel sizes (at 200
dpi) in the given formats. With ``--size`` omitted it only imports, so it also serves
as the floor of an import (``--imports pandas``).

    python benchmarks/floor.py --out /tmp/floor --format png svg --size 1400x1240 1600x900
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

DPI = 200
STACK = ("pandas", "matplotlib", "seaborn", "geopandas", "matplotlib_venn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", nargs="+", default=list(STACK), metavar="MODULE")
    parser.add_argument("--out", type=Path, metavar="DIR")
    parser.add_argument("--format", nargs="+", default=["png"], dest="formats")
    parser.add_argument("--size", nargs="*", default=[], metavar="WxH", help="pixels at 200 dpi")
    args = parser.parse_args()

    for module in args.imports:
        importlib.import_module(module)
    if not args.size:
        return

    import matplotlib.pyplot as plt

    args.out.mkdir(parents=True, exist_ok=True)
    for index, size in enumerate(args.size):
        width, height = (int(n) for n in size.split("x"))
        fig = plt.figure(figsize=(width / DPI, height / DPI))
        for fmt in args.formats:
            fig.savefig(args.out / f"blank{index}.{fmt}", dpi=DPI)
        plt.close(fig)


if __name__ == "__main__":
    main()
