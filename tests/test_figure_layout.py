"""Every figure has one layout, whatever the caller's save settings.

``make figures`` saves the whole figure; Jupyter's inline backend and many analysts save
with ``bbox_inches="tight"``, which crops the figure to what the layout contains and
then draws it again. A figure passes when both give the same picture: the same place
for the title, Axes, legend and source line, none over another, nothing cropped, and
the tight image about the size of the full one (no band of white to crop away).

``make test`` checks every report figure in both languages; ``make test-fast`` each in one
of them, English and French in turn. Each figure is built once for the tests of this
module, which run on it in turn (a figure must pass all of them whatever was done with it
before); the first checks two draws of the fresh figure.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pytest
from matplotlib.transforms import Bbox
from quick_loop import in_one_language_when_quick

from lanzarote_analysis.output.figure_run import build_figure
from lanzarote_analysis.output.registry import REPORT_FIGURES
from lanzarote_analysis.plots._base import find_text
from lanzarote_analysis.plots.party_profile import plot_party_profile
from lanzarote_analysis.vocabulary import LANGUAGES

#: How much bigger or smaller than the full figure the tight image may be (padding).
SIZE_TOLERANCE = 0.05
#: Pixels two draws may move an artist by (floating-point noise only).
POSITION_TOLERANCE = 0.01


def _report_figure(spec, lang):
    return lambda: build_figure(spec, lang=lang)


CASES = {
    f"{spec.name}.{lang}": _report_figure(spec, lang)
    for spec in REPORT_FIGURES
    for lang in LANGUAGES
}
CASES["profile.Malta.en"] = lambda: plot_party_profile("Malta").get_figure(root=True)
CASES["profile.Norway.fr"] = lambda: plot_party_profile("Norway", lang="fr").get_figure(root=True)


def _case_params() -> list:
    """Every case; in the quick loop each report figure in one language."""
    return in_one_language_when_quick(
        [(name,) for name in CASES],
        group=lambda case: case[0].rpartition(".")[0],
        lang=lambda case: case[0].rpartition(".")[2],
        ids=list(CASES),
    )


@pytest.fixture(scope="module", params=_case_params())
def figure(request):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = CASES[request.param]()
    # Out of pyplot, whose figures every test closes, on the canvas pyplot gave it.
    plt.close(fig)
    FigureCanvasAgg(fig)
    return fig


def boxes(fig) -> dict[str, Bbox]:
    """Where the parts of the figure were drawn last, in pixels."""
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    parts = {
        "axes": ax.get_window_extent(renderer),
        "title": ax._left_title.get_window_extent(renderer),
        "source": find_text(ax, "source").get_window_extent(renderer),
    }
    if (subtitle := find_text(ax, "subtitle")) is not None:
        parts["subtitle"] = subtitle.get_window_extent(renderer)
    if (legend := ax.get_legend()) is not None:
        parts["legend"] = legend.get_window_extent(renderer)
    return parts


def overlap(a: Bbox, b: Bbox, slack: float = 0.5) -> bool:
    """Whether two boxes share more than ``slack`` pixels."""
    return (
        a.x0 < b.x1 - slack and b.x0 < a.x1 - slack and a.y0 < b.y1 - slack and b.y0 < a.y1 - slack
    )


def save_png(fig, **kwargs) -> bytes:
    """``fig`` saved as PNG at 100 dpi with ``kwargs``."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, **kwargs)
    return buffer.getvalue()


def test_two_draws_give_the_same_layout(figure):
    # First on the fresh figure: its first draw must already be the final layout.
    figure.canvas.draw()
    first = boxes(figure)
    figure.draw_without_rendering()
    for name, box in boxes(figure).items():
        assert box.bounds == pytest.approx(first[name].bounds, abs=POSITION_TOLERANCE), name


def test_tight_and_full_saves_give_the_same_layout(figure, png_size):
    full = png_size(save_png(figure))
    drawn = boxes(figure)
    tight = png_size(save_png(figure, bbox_inches="tight"))
    # The tight save lays the figure out again: every part is where it was.
    for name, box in boxes(figure).items():
        assert box.bounds == pytest.approx(drawn[name].bounds, abs=POSITION_TOLERANCE), name
    # The tight image is the full one give or take its padding: nothing to crop.
    for tight_side, full_side in zip(tight, full, strict=True):
        assert abs(tight_side - full_side) <= SIZE_TOLERANCE * full_side, (tight, full)


def test_source_line_overlaps_nothing_and_is_not_cropped(figure):
    figure.draw_without_rendering()
    parts = boxes(figure)
    source = parts.pop("source")
    for name, box in parts.items():
        assert not overlap(source, box), f"source line over the {name}"
    assert source.y1 <= parts["axes"].y0
    # Within the figure, and within what a tight save keeps.
    assert figure.bbox.x0 <= source.x0 and source.x1 <= figure.bbox.x1
    assert figure.bbox.y0 <= source.y0
    kept = figure.get_tightbbox().transformed(figure.dpi_scale_trans)
    assert kept.x0 <= source.x0 + 0.5 and source.x1 <= kept.x1 + 0.5 and kept.y0 <= source.y0 + 0.5


def test_title_and_subtitle_are_above_the_axes_and_legend(figure):
    figure.draw_without_rendering()
    parts = boxes(figure)
    heading = [parts["title"]] + ([parts["subtitle"]] if "subtitle" in parts else [])
    for box in heading:
        assert box.y0 >= parts["axes"].y1 - 0.5
        if "legend" in parts:
            assert not overlap(box, parts["legend"])
    if "subtitle" in parts:
        # A line's box includes room for capital accents (É): a pixel of it may be shared.
        assert not overlap(parts["title"], parts["subtitle"], slack=1.5)


def rgb(fig) -> bytes:
    fig.canvas.draw()
    return bytes(fig.canvas.buffer_rgba())


def test_drawn_later_under_other_settings_a_figure_keeps_its_style(figure):
    """Jupyter draws a figure after the cell, outside the theme, under the user's settings."""
    figure.draw_without_rendering()  # the first draw settles the layout
    house = rgb(figure)
    with plt.style.context("ggplot"), plt.rc_context({"font.size": 15, "lines.linewidth": 4}):
        assert rgb(figure) == house
