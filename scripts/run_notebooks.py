"""Re-execute notebooks in place from a fresh kernel and normalise what they store.

    .venv/bin/python scripts/run_notebooks.py notebooks/*.ipynb

Each notebook runs top to bottom in a new ``python3`` kernel of the environment that
runs this script, with the notebook's folder as working directory. Then everything
that changes from run to run without the analysis changing is removed or fixed:
execution timings, widget state and widget views, kernel and language metadata, the
nbformat version, key order and the final newline; cells tagged ``remove-output`` keep
no output. Running the script twice gives identical files, so ``git diff`` after a
refresh shows only what the analysis changed.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import nbformat

KERNEL_NAME = "python3"
NBFORMAT_MINOR = 5
#: Stored as is in every notebook: nothing here depends on the machine or Python patch.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
#: Metadata written by executors and front ends that records when, not what.
VOLATILE_NOTEBOOK_METADATA = ("widgets", "papermill", "execution")
VOLATILE_CELL_METADATA = ("execution", "papermill", "ExecuteTime")
#: Widget views point at kernel-side models that no longer exist once the kernel stops.
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
#: A cell whose outputs are not stored (Jupyter Book's tag): the interactive map, a page of
#: about 1.7 MB that no static viewer shows; the notebook says so beside the cell.
REMOVE_OUTPUT_TAG = "remove-output"
DEFAULT_TIMEOUT = 600


def execute_notebook(
    nb: nbformat.NotebookNode, *, cwd: Path, timeout: int = DEFAULT_TIMEOUT
) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh kernel whose working directory is ``cwd``."""
    # Here, not at the top: the tests that only normalise notebooks need no kernel client.
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=timeout,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def normalise_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata and widget views; fix kernelspec, language and version."""
    nb.nbformat, nb.nbformat_minor = 4, NBFORMAT_MINOR
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    for cell in nb.cells:
        if "id" not in cell:
            # Only new cells get an id; existing ids stay, so diffs stay small.
            cell["id"] = uuid.uuid4().hex[:8]
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        if REMOVE_OUTPUT_TAG in cell.metadata.get("tags", []):
            cell.outputs = []
        for output in cell.outputs:
            output.get("data", {}).pop(WIDGET_VIEW_MIMETYPE, None)
    nbformat.validate(nb)
    return nb


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write with sorted keys, one-space indent (nbformat's style) and a final newline."""
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def refresh_notebook(path: Path, *, timeout: int = DEFAULT_TIMEOUT) -> float:
    """Execute ``path`` in place and normalise it; return the execution time in seconds."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    execute_notebook(nb, cwd=path.resolve().parent, timeout=timeout)
    elapsed = time.perf_counter() - start
    write_notebook(normalise_notebook(nb), path)
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    parser.add_argument(
        "--timeout",
        type=int,
        default=DEFAULT_TIMEOUT,
        help=f"seconds allowed per cell (default: {DEFAULT_TIMEOUT})",
    )
    args = parser.parse_args(argv)
    for path in args.notebooks:
        elapsed = refresh_notebook(path, timeout=args.timeout)
        print(f"{path}: executed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
