"""A new notebook as an analyst writes it: the README's lines, no magic, no configuration.

The committed notebooks are no proof: they could set up matplotlib in a first cell. Here
each notebook is built in the test and run by a fresh kernel of the project's
environment with Jupyter's defaults (the inline backend, ``bbox_inches="tight"``).
"""

from __future__ import annotations

import base64
import json
import os
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pytest

import lanzarote_analysis as la
from lanzarote_analysis.output.figure_run import build_figure
from lanzarote_analysis.output.registry import REPORT_FIGURES

if TYPE_CHECKING:  # nbformat costs a second to import (jsonschema's format checkers)
    from nbformat import NotebookNode

pytestmark = pytest.mark.slow

#: Plot calls as an analyst types them, one per cell, and the report figure each draws.
PLOT_CALLS = {
    'la.plot_gap_map(lang="fr")': ("gap_map", "fr"),
    "la.plot_indicators()": ("indicators", "en"),
    'la.plot_gap_overlap(lang="fr")': ("gap_overlap", "fr"),
    'la.plot_recommendation_map("VII-2")': ("rec_VII-2_map", "en"),
    "la.plot_recommendation_matrix()": ("recommendation_matrix", "en"),
    "la.plot_addressees_by_recommendation()": ("addressees_by_recommendation", "en"),
    'la.plot_gaps_by_group(lang="fr")': ("gaps_by_group", "fr"),
    "la.plot_practices_vs_gaps()": ("practices_vs_gaps", "en"),
}
#: Printed after every call: the settings that differ from those after the first call.
STATE_CHECK = (
    "print(json.dumps({'changed': sorted(k for k, v in matplotlib.rcParams.items()"
    " if state[k] != v), 'interactive': matplotlib.is_interactive()}))"
)
#: How far an inline image may be from the figure's own size (the tight bbox's padding).
SIZE_TOLERANCE = 0.05


def run_fresh_notebook(sources: list[str], cwd) -> NotebookNode:
    """Run ``sources`` as the cells of a new notebook in a fresh kernel; return it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    # The tests run headless (conftest sets MPLBACKEND=Agg); a kernel must get Jupyter's
    # default, the inline backend, as in JupyterLab.
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    client = NotebookClient(
        nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute(env=env)
    return nb


def images(cell) -> list[bytes]:
    """Every PNG image a cell shows."""
    return [
        base64.b64decode(output["data"]["image/png"])
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]


def stdout(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


def errors(nb) -> list[str]:
    return [
        f"{o.ename}: {o.evalue}"
        for cell in nb.cells
        for o in cell.outputs
        if o.output_type == "error"
    ]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """One notebook: imports, then each plot call followed by a look at matplotlib's state."""
    sources = ["import json\nimport matplotlib\n\nimport lanzarote_analysis as la"]
    calls = list(PLOT_CALLS)
    sources.append(calls[0])
    # The first figure loads the inline backend (interactive mode on, as plt.plot would):
    # from then on nothing may change.
    sources.append("state = dict(matplotlib.rcParams)\n" + STATE_CHECK)
    for call in calls[1:] + ['la.plot_party_profile("Luxembourg", lang="fr")']:
        sources += [call, STATE_CHECK]
    sources += [
        "import matplotlib.pyplot as plt\n\nplt.plot([1, 2])",
        "fig, axs = plt.subplots(1, 2, figsize=(12, 4), layout='constrained')\n"
        "la.plot_indicators(ax=axs[0]) is axs[0], la.plot_gaps_by_group(ax=axs[1]) is axs[1]",
        STATE_CHECK,
    ]
    nb = run_fresh_notebook(sources, tmp_path_factory.mktemp("fresh"))
    # Plot calls are unique; the state checks, repeated, are looked up in nb.cells.
    return {cell.source: cell for cell in nb.cells}, nb


def test_runs_without_error(executed):
    _, nb = executed
    assert not errors(nb)


@pytest.mark.parametrize("call", list(PLOT_CALLS))
def test_each_plot_call_shows_its_figure_whole(executed, call, png_size):
    cells, _ = executed
    (png,) = images(cells[call])
    size = png_size(png)
    name, lang = PLOT_CALLS[call]
    (spec,) = [spec for spec in REPORT_FIGURES if spec.name == name]
    fig = build_figure(spec, lang=lang)
    try:
        expected = fig.get_size_inches() * fig.dpi
    finally:
        plt.close(fig)
    # Jupyter crops to the figure's content, padded: the figure has no white to lose.
    for side, full in zip(size, expected, strict=True):
        assert abs(side - full) <= SIZE_TOLERANCE * full, (size, tuple(expected))


def test_matplotlib_state_is_the_same_after_every_call(executed):
    _, nb = executed
    states = [json.loads(stdout(cell)) for cell in nb.cells if cell.source == STATE_CHECK]
    assert len(states) == len(PLOT_CALLS) + 1
    assert all(state == {"changed": [], "interactive": True} for state in states), states


def test_pyplot_and_a_grid_of_our_plots_show_too(executed):
    cells, _ = executed
    assert len(images(cells["import matplotlib.pyplot as plt\n\nplt.plot([1, 2])"])) == 1
    (grid,) = [cell for source, cell in cells.items() if source.startswith("fig, axs")]
    assert len(images(grid)) == 1
    (result,) = [o for o in grid.outputs if o.output_type == "execute_result"]
    assert result.data["text/plain"] == "(True, True)"


def test_the_profile_figure_shows(executed):
    cells, _ = executed
    assert len(images(cells['la.plot_party_profile("Luxembourg", lang="fr")'])) == 1


@pytest.mark.parametrize(
    "plot",
    [la.plot_gap_map, la.plot_indicators, la.plot_party_profile],
    ids=lambda plot: plot.__name__,
)
def test_a_plot_call_leaves_its_figure_to_pyplot(plot):
    """In a script, ``plt.show()`` or ``plt.savefig()`` after a plot call acts on its figure."""
    plt.close("all")
    ax = plot()
    try:
        assert plt.get_fignums() == [ax.figure.number]
        assert plt.gcf() is ax.figure
    finally:
        plt.close("all")
