"""Executing each notebook from a fresh kernel, against a floor notebook that only imports.

The floor (``floor.ipynb``) starts a kernel and imports the notebooks' stack (pandas,
matplotlib, seaborn, geopandas, lanzarote_analysis); a notebook should cost at most
twice that. Both are executed the same way (nbclient, ``python3`` kernel, in memory,
nothing written), alternating, and the median of each is kept.

    .venv/bin/python benchmarks/bench_notebooks.py            # every notebook
    .venv/bin/python benchmarks/bench_notebooks.py --execute notebooks/01-data-overview.ipynb
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchlib import BENCH_DIR, PROJECT_DIR, REPEAT, alternate, print_ratio, python

TARGET = 2.0
FLOOR_NOTEBOOK = BENCH_DIR / "floor.ipynb"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"


def execute(path: Path) -> None:
    """Run ``path`` top to bottom in a fresh kernel, cwd its folder; keep nothing."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--execute",
        type=Path,
        metavar="NOTEBOOK",
        help="execute one notebook and exit (what each measurement runs)",
    )
    args = parser.parse_args(argv)
    if args.execute is not None:
        execute(args.execute.resolve())
        return 0

    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    script = str(Path(__file__).resolve())
    commands = {"floor": python(script, "--execute", str(FLOOR_NOTEBOOK))}
    commands |= {path.name: python(script, "--execute", str(path)) for path in notebooks}
    # Floor and notebooks alternate in every round (benchlib.alternate); median of each.
    results = alternate(commands, repeat=max(REPEAT, 3))
    floor = results["floor"].seconds
    for path in notebooks:
        print_ratio(path.stem, results[path.name].seconds, floor, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
