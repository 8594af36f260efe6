"""The frame every map shares: extent, projection, sea, outline, legend and figure size."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._base import get_root_figure
from ..palette import (
    BACKGROUND_COLOUR,
    OUTLINE_COLOUR,
    SEA_COLOUR,
    TEXT_COLOUR,
    get_swatch,
    make_legend_handle,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import LayoutEngine

#: xmin, ymin, xmax, ymax in EPSG:3035 metres (the basemap's projection, ETRS89-LAEA):
#: every Party whole, Russia cut at the Urals. The basemap README's recommended extent,
#: widened west, south and east to the basemap's own frame (where its cut edges coincide
#: with the map's): the legend then fits over the Atlantic and North Africa without
#: covering Portugal, Spain or Tunisia, and the map fills the width of the report page.
MAP_EXTENT = (2_300_000, 500_000, 7_900_000, 5_480_000)
#: Size of a new map figure, inches, before ``fit_figure_to_map`` sets its height.
MAP_FIGSIZE = (7.0, 7.0)
FRAME_WIDTH = 0.6
LEGEND_FONT_SIZE = 7.0


def frame_map_axes(ax: Axes) -> None:
    """Set ``ax`` to the map's extent and equal aspect, on the sea, framed, without ticks."""
    xmin, ymin, xmax, ymax = MAP_EXTENT
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor(SEA_COLOUR)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(OUTLINE_COLOUR)
        spine.set_linewidth(FRAME_WIDTH)


def add_map_legend(ax: Axes, entries: Sequence[tuple[str, str]], title: str | None = None) -> None:
    """A legend of (label, palette concept) entries, over the Atlantic and North Africa.

    The lower-left corner of the frame holds sea, Morocco and Algeria only (no Party), and
    tests check that the legend covers no Party. Entries are edged as the concept needs
    (the hatched one in its hatch's colour), else like the coasts of the context.
    """
    edge = get_swatch("map.non_party").edge
    handles = [
        make_legend_handle(concept, label, edgecolor=get_swatch(concept).edge or edge)
        for label, concept in entries
    ]
    legend = ax.legend(
        handles=handles,
        title=title,
        loc="lower left",
        frameon=True,
        fontsize=LEGEND_FONT_SIZE,
        title_fontsize=LEGEND_FONT_SIZE,
        alignment="left",
        borderaxespad=0.0,
        borderpad=0.5,
        handlelength=1.5,
        handleheight=1.1,
        handletextpad=0.6,
        labelspacing=0.4,
        fancybox=False,
    )
    legend.get_frame().set(
        facecolor=BACKGROUND_COLOUR, edgecolor=OUTLINE_COLOUR, linewidth=FRAME_WIDTH, alpha=0.92
    )
    legend.get_title().set(fontweight="bold", color=TEXT_COLOUR)
    for text in legend.get_texts():
        text.set_color(TEXT_COLOUR)
    legend.set_zorder(7)


def fit_figure_to_map(ax: Axes) -> None:
    """Set the height of the figure of ``ax`` so that the map fills its width exactly.

    The map keeps the aspect of its extent, so in a figure of any other shape the
    constrained layout leaves bands of white beside or above it, which a caller's
    ``bbox_inches="tight"`` (Jupyter's inline default) would crop: the same figure would
    then differ between the notebook and the report. The title, subtitle and source
    line take a fixed height in points, so one layout pass measures what the map needs.
    Only for a figure the map function created: a caller's figure keeps its size.
    """
    fig = get_root_figure(ax)
    engine = fig.get_layout_engine()
    if engine is None:
        return
    # Lay out once with the map free to fill the figure's width, as it will at the end:
    # texts then relate to the Axes as they finally will (a map locked to its aspect in
    # the square start figure would be narrower than the source line under it, and the
    # layout would keep a margin for the overhang).
    ax.set_aspect("auto")
    _settle_layout(engine, fig, ax)
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    # The texts around the map take bands of fixed height, in points.
    box = ax.get_position()
    extent = ax.get_tightbbox()
    if extent is None:  # nothing drawn: nothing to fit
        return
    top_band = extent.y1 / dpi - box.y1 * height
    bottom_band = box.y0 * height - extent.y0 / dpi
    xmin, ymin, xmax, ymax = MAP_EXTENT
    map_height = box.width * width * (ymax - ymin) / (xmax - xmin)
    pad = engine.get()["h_pad"]
    # Not rounded: at exactly this height the layout's box has the map's aspect. The
    # aspect then needs no enforcing, and must not be: an aspect-locked Axes is centred
    # in whatever slack its layout box has, and the constrained layout has no single
    # answer for that slack, so the map and its texts would move a little at every draw
    # (the inline display, then each saved format).
    fig.set_figheight(map_height + top_band + bottom_band + 2 * pad)


#: A move of the Axes smaller than this (figure fraction; a millionth of a pixel at
#: 200 dpi) is rounding noise: the layout has settled.
SETTLED_TOLERANCE = 1e-9


def _settle_layout(engine: LayoutEngine, fig: Figure, ax: Axes, *, max_passes: int = 20) -> None:
    """Run the constrained layout until the Axes stops moving.

    A layout pass keeps a margin for any text that overhangs the Axes as they stand,
    so Axes that start narrower than the source line under them widen by steps, one
    per draw. Settling here makes the first draw the final one. Once settled, passes
    only move the Axes in the last bit of a float (back and forth, never still), so
    a move below :data:`SETTLED_TOLERANCE` counts as none: an exact comparison never
    held and every map paid for ``max_passes`` layouts.
    """
    position = None
    for _ in range(max_passes):
        engine.execute(fig)
        bounds = ax.get_position().bounds
        if (
            position is not None
            and max(abs(new - old) for new, old in zip(bounds, position, strict=True))
            < SETTLED_TOLERANCE
        ):
            return
        position = bounds
