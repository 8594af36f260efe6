"""Markers for the Parties too small to see on a map, labelled with leader lines.

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
from typing import TYPE_CHECKING

from matplotlib import patheffects
from matplotlib.lines import Line2D
from matplotlib.transforms import Affine2D, ScaledTranslation

from ..palette import BACKGROUND_COLOUR, MARKER_EDGE_COLOUR, MUTED_TEXT_COLOUR, TEXT_COLOUR
from .shapes import HATCH_EDGE

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

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
_HALO = [patheffects.withStroke(linewidth=1.8, foreground=BACKGROUND_COLOUR)]


def find_microstates(basemap: gpd.GeoDataFrame, parties: Sequence[str]) -> list[str]:
    """The given Parties whose shape is smaller than ``MICROSTATE_MAX_AREA_KM2``, west to east.

    Examples
    --------
    >>> from lanzarote_analysis.plots.maps.basemap import load_basemap
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
            # The marker's data position, in display units at draw time.
            + ScaledTranslation(x, y, ax.transData)  # type: ignore[arg-type]
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
