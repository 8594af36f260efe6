"""The committed ``figures/`` match a regeneration from the bundled data, byte for byte.

Every figure is rebuilt in every language and format into a temporary directory and
compared with ``figures/``. A figure that differs (stale), is not committed (missing)
or is committed but no longer produced (extra) fails the test, listed by file name,
with the fix: ``make figures``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lanzarote_analysis.io.paths import FIGURES_DIR
from lanzarote_analysis.output.figure_run import write_figures

#: Files of figures/ that are not figures.
NOT_FIGURES = {"README.md"}


def compare_trees(expected: Path, actual: Path) -> dict[str, list[str]]:
    """File names that differ between a fresh build (``expected``) and ``actual``."""
    fresh = {p.name: p for p in expected.iterdir() if p.is_file()}
    committed = (
        {p.name: p for p in actual.iterdir() if p.is_file() and p.name not in NOT_FIGURES}
        if actual.is_dir()
        else {}
    )
    return {
        "stale": sorted(
            name
            for name in fresh.keys() & committed.keys()
            if fresh[name].read_bytes() != committed[name].read_bytes()
        ),
        "missing": sorted(fresh.keys() - committed.keys()),
        "extra": sorted(committed.keys() - fresh.keys()),
    }


def describe(differences: dict[str, list[str]]) -> str:
    lines = [
        f"{kind} ({len(names)}): {', '.join(names)}" for kind, names in differences.items() if names
    ]
    return "figures/ is out of date; run make figures\n" + "\n".join(lines)


def test_compare_trees_names_stale_missing_and_extra_files(tmp_path):
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    fresh.mkdir()
    committed.mkdir()
    for name, data in {"a.en.png": b"1", "b.en.png": b"2", "c.en.png": b"3"}.items():
        (fresh / name).write_bytes(data)
    (committed / "a.en.png").write_bytes(b"1")
    (committed / "b.en.png").write_bytes(b"old")
    (committed / "gone.en.png").write_bytes(b"4")
    (committed / "README.md").write_text("about the figures")
    differences = compare_trees(fresh, committed)
    assert differences == {"stale": ["b.en.png"], "missing": ["c.en.png"], "extra": ["gone.en.png"]}
    assert "run make figures" in describe(differences)


@pytest.mark.slow
def test_committed_figures_are_up_to_date(tmp_path, bundled_data_dir):
    write_figures(tmp_path, data_dir=bundled_data_dir)
    differences = compare_trees(tmp_path, FIGURES_DIR)
    if any(differences.values()):
        pytest.fail(describe(differences), pytrace=False)
