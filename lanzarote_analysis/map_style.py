"""The one style of every map: frame, projection, sizes, borders, sea, markers, legend.

Maps draw the basemap with precomputed colours (one ``PatchCollection`` per hatch), never
through ``GeoDataFrame.plot(column=...)``: colouring some 70 shapes by category that way
takes about 3 s, against about 0.1 s here (see docs/research/compatibility.md).

States smaller than ``MICROSTATE_MAX_AREA_KM2`` (Monaco, San Marino, Liechtenstein,
Malta, Andorra and Luxembourg in the committed basemap) are invisible or hard to pick
out at report size, so they are drawn as circle markers in their category's colour,
labelled with leader lines. Label directions are computed from the markers' positions
(away from the nearest other marker, snapped to the four compass points, so that labels
run level beside or above their marker), so the same data always give the same layout.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, ScaledTranslation

from .style import (
    BACKGROUND_COLOUR,
    BORDER_COLOUR,
    MARKER_EDGE_COLOUR,
    MUTED_TEXT_COLOUR,
    OUTLINE_COLOUR,
    SEA_COLOUR,
    TEXT_COLOUR,
    get_swatch,
)

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Projection of every map: ETRS89-LAEA Europe, equal-area (that of the basemap).
MAP_EPSG = 3035
#: xmin, ymin, xmax, ymax in EPSG:3035 metres: every Party whole, Russia cut at the Urals.
#: The README's recommended extent, widened west, south and east to the basemap's own
#: frame (where its cut edges coincide with the map's): the legend then fits over the
#: Atlantic and North Africa without covering Portugal, Spain or Tunisia, and the map
#: fills the width of the report page.
MAP_EXTENT = (2_300_000, 500_000, 7_900_000, 5_480_000)
#: Size of a new map figure, inches, before ``fit_figure_to_map`` sets its height.
MAP_FIGSIZE = (7.0, 7.0)

BORDER_WIDTH = 0.4
#: Non-Parties are context (``style.PALETTE["map.non_party"]``).
NON_PARTY = get_swatch("map.non_party")
#: Hatched shapes are edged in the colour of their hatch, the unconfirmed swatch's edge.
HATCH_EDGE = get_swatch("coverage.unconfirmed").edge
FRAME_WIDTH = 0.6

#: States below this area (km², in EPSG:3035) are drawn as markers. Andorra, the largest
#: micro-state, has 436 km² in the basemap; Luxembourg, 2,635 km², is a shape of about
#: 14 pixels across at 200 dpi and 7 in a notebook, too small to read its colour: it gets
#: a marker too. Cyprus, the next Party up (9,154 km²), reads as an island of its own.
MICROSTATE_MAX_AREA_KM2 = 5_000
MICROSTATE_MARKER_SIZE = 7.0  # points, diameter
MICROSTATE_LABEL_SIZE = 7.0
#: Distance from a marker's centre to its label, points.
LABEL_OFFSET = 13.0
#: Alone within this distance (metres), a marker's label goes to the east.
LABEL_NEIGHBOUR_DISTANCE = 600_000

LEGEND_FONT_SIZE = 7.0
_HALO = [patheffects.withStroke(linewidth=1.8, foreground=BACKGROUND_COLOUR)]
# Clip the shapes a little beyond the frame, so that no border is drawn along it.
_CLIP_MARGIN = 50_000


@lru_cache(maxsize=512)
def _geometry_path(geometry: shapely.Geometry) -> MplPath | None:
    """A matplotlib path of a (multi)polygon cut to the frame; ``None`` if outside it.

    Cached per geometry: the basemap's shapes are shared by every map of a session.
    Exteriors run counter-clockwise and holes clockwise, as matplotlib's non-zero
    winding rule needs to leave holes (San Marino in Italy) empty.
    """
    xmin, ymin, xmax, ymax = MAP_EXTENT
    clipped = shapely.clip_by_rect(
        geometry, xmin - _CLIP_MARGIN, ymin - _CLIP_MARGIN, xmax + _CLIP_MARGIN, ymax + _CLIP_MARGIN
    )
    clipped = shapely.orient_polygons(clipped, exterior_cw=False)
    vertices, codes = [], []
    for polygon in shapely.get_parts(clipped):
        if not isinstance(polygon, shapely.Polygon) or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)
            ring_codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(coords)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def create_map_axes(ax: Axes | None) -> Axes:
    """The given Axes, or a new one of the report size; framed, without ticks.

    Must be called inside ``style.theme()``.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=MAP_FIGSIZE, layout="constrained")
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
    return ax


def draw_states(
    ax: Axes,
    basemap: gpd.GeoDataFrame,
    colours: Mapping[str, str],
    hatched: Mapping[str, str] | None = None,
) -> None:
    """Fill every basemap row: ``colours[iso3]`` for Parties, the non-Party colour otherwise.

    ``hatched`` maps the ISO3 codes to hatch (e.g. unconfirmed coverage) to a hatch
    pattern; those shapes get their own collection, edged in ``HATCH_EDGE``.
    """
    hatched = dict(hatched or {})
    context, groups = [], {}
    for iso3, geometry in basemap.geometry.items():
        path = _geometry_path(geometry)
        if path is None:
            continue
        if iso3 not in colours:
            context.append(path)
        else:
            groups.setdefault(hatched.get(iso3, ""), []).append((path, colours[iso3]))

    # Context first, Parties over it, hatched Parties last so that their edges show.
    ax.add_collection(
        PatchCollection(
            [PathPatch(p) for p in context],
            facecolors=NON_PARTY.colour,
            edgecolors=NON_PARTY.edge,
            linewidths=BORDER_WIDTH,
            zorder=1,
            gid="non-parties",
        ),
        autolim=False,
    )
    for hatch in sorted(groups):
        paths, fills = zip(*groups[hatch], strict=True)
        collection = PatchCollection(
            [PathPatch(p) for p in paths],
            facecolors=list(fills),
            edgecolors=HATCH_EDGE if hatch else BORDER_COLOUR,
            linewidths=BORDER_WIDTH,
            zorder=3 if hatch else 2,
            gid=f"parties-hatched-{hatch}" if hatch else "parties",
        )
        if hatch:
            collection.set_hatch(hatch)
            collection.set_hatchcolor(HATCH_EDGE)
        ax.add_collection(collection, autolim=False)


def find_microstates(basemap: gpd.GeoDataFrame, parties: Sequence[str]) -> list[str]:
    """The given Parties whose shape is smaller than ``MICROSTATE_MAX_AREA_KM2``, west to east.

    Examples
    --------
    >>> from lanzarote_analysis.basemap import load_basemap
    >>> basemap = load_basemap()
    >>> find_microstates(basemap, basemap.index[basemap["is_party"]])
    ['AND', 'LUX', 'MCO', 'LIE', 'SMR', 'MLT']
    """
    rows = basemap.loc[basemap.index.isin(list(parties))]
    small = rows[rows.area < MICROSTATE_MAX_AREA_KM2 * 1e6]
    points = small.representative_point()
    return sorted(small.index, key=lambda iso3: (points[iso3].x, iso3))


def _label_direction(iso3: str, points: Mapping[str, tuple[float, float]]) -> tuple[int, int]:
    """Compass step (dx, dy), one of E, N, W, S, pointing away from the nearest other marker."""
    x, y = points[iso3]
    others = [
        (math.hypot(ox - x, oy - y), ox, oy)
        for code, (ox, oy) in sorted(points.items())
        if code != iso3
    ]
    if not others or min(others)[0] > LABEL_NEIGHBOUR_DISTANCE:
        return (1, 0)
    _, ox, oy = min(others)
    angle = math.atan2(y - oy, x - ox)
    quadrant = round(angle / (math.pi / 2)) % 4
    return [(1, 0), (0, 1), (-1, 0), (0, -1)][quadrant]


def draw_microstates(
    ax: Axes,
    basemap: gpd.GeoDataFrame,
    codes: Sequence[str],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    hatched: Mapping[str, str] | None = None,
) -> None:
    """A labelled circle marker for each of ``codes``, in its category's colour.

    Each marker is its own artist with ``gid`` ``"microstate:<ISO3>"``; its label is an
    annotation with a leader line, placed away from the nearest other marker.
    """
    hatched = dict(hatched or {})
    points = {
        iso3: (p.x, p.y) for iso3, p in basemap.loc[list(codes)].representative_point().items()
    }
    radius = MICROSTATE_MARKER_SIZE / 2
    for iso3 in codes:
        x, y = points[iso3]
        hatch = hatched.get(iso3)
        marker = ax.scatter(
            [x],
            [y],
            s=MICROSTATE_MARKER_SIZE**2,
            c=[colours[iso3]],
            edgecolors=HATCH_EDGE if hatch else MARKER_EDGE_COLOUR,
            linewidths=0.7,
            zorder=5,
            gid=f"microstate:{iso3}",
            hatch=hatch,
        )
        marker.set_label(f"_{iso3}")  # not a legend entry
        dx, dy = _label_direction(iso3, points)
        norm = math.hypot(dx, dy)
        ha = {1: "left", 0: "center", -1: "right"}[dx]
        va = {1: "bottom", 0: "center", -1: "top"}[dy]
        ux, uy = dx / norm, dy / norm
        ax.annotate(
            labels[iso3],
            xy=(x, y),
            xytext=(LABEL_OFFSET * ux, LABEL_OFFSET * uy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=MICROSTATE_LABEL_SIZE,
            color=TEXT_COLOUR,
            zorder=6,
            path_effects=_HALO,
            gid=f"microstate-label:{iso3}",
        )
        # A plain line in points around the marker: annotate's own arrows cost about
        # 10 ms each to lay out, more than the whole map.
        at_marker = (
            Affine2D().scale(1 / 72)
            + ax.figure.dpi_scale_trans
            + ScaledTranslation(x, y, ax.transData)
        )
        start, end = radius + 0.4, LABEL_OFFSET - 1.5
        ax.add_line(
            Line2D(
                [start * ux, end * ux],
                [start * uy, end * uy],
                transform=at_marker,
                color=MUTED_TEXT_COLOUR,
                linewidth=0.6,
                zorder=5,
                gid=f"microstate-leader:{iso3}",
            )
        )


def add_map_legend(
    ax: Axes, entries: Sequence[tuple[str, str, str | None]], title: str | None = None
) -> None:
    """A legend of (label, fill colour, hatch) entries, over the Atlantic and North Africa.

    The lower-left corner of the frame holds sea, Morocco and Algeria only (no Party), and
    tests check that the legend covers no Party.
    """
    handles = [
        Patch(
            facecolor=colour,
            hatch=hatch or None,
            label=label,
            edgecolor=HATCH_EDGE if hatch else NON_PARTY.edge,
            linewidth=0.5,
        )
        for label, colour, hatch in entries
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
    fig = ax.get_figure(root=True)
    engine = fig.get_layout_engine()
    if engine is None:
        return
    # Lay out once with the map free to fill the figure's width, as it will at the end:
    # texts then relate to the Axes as they finally will (a map locked to its aspect in
    # the square start figure would be narrower than the source line under it, and the
    # layout would keep a margin for the overhang).
    ax.set_aspect("auto")
    _settle_layout(fig, ax)
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    # The texts around the map take bands of fixed height, in points.
    box = ax.get_position()
    extent = ax.get_tightbbox()
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


def _settle_layout(fig: Figure, ax: Axes, *, max_passes: int = 20) -> None:
    """Run the constrained layout until the Axes stops moving.

    A layout pass keeps a margin for any text that overhangs the Axes as they stand,
    so Axes that start narrower than the source line under them widen by steps, one
    per draw. Settling here makes the first draw the final one.
    """
    engine = fig.get_layout_engine()
    position = None
    for _ in range(max_passes):
        engine.execute(fig)
        if ax.get_position().bounds == position:
            return
        position = ax.get_position().bounds
