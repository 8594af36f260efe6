"""The basemap made light for a web page: shapes cut to the map's frame and simplified.

The static maps draw the 50m basemap in full; a page that draws it in the reader's
browser needs far fewer points. Each shape is cut to the frame of the static maps
(``map_style.MAP_EXTENT``), simplified to :data:`SIMPLIFY_TOLERANCE` metres (a tenth of
a screen pixel at the page's map width, so that nothing visible moves) and rounded to
whole metres, so that the page holds small integers and is the same on every machine.
Micro-states get a marker, as on the static maps, at the same points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

import lanzarote_analysis as la
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.plots.maps.frame import MAP_EXTENT
from lanzarote_analysis.plots.maps.markers import _label_direction, find_microstates

#: Metres: at the page's map width (720 px for 5,600 km) a pixel is about 7.8 km.
SIMPLIFY_TOLERANCE = 2_000
#: Metres kept beyond the frame, so that no border is drawn along it (as map_style does).
CLIP_MARGIN = 50_000

#: One shape: polygons, each a list of rings (exterior first, then holes), each a pair
#: of coordinate lists (xs, ys).
Rings = list[tuple[list[int], list[int]]]


@dataclass(frozen=True)
class WebShapes:
    """The shapes of a page's map, keyed by ISO3 code, in basemap order.

    ``parties`` are the States of ``parties.csv``; ``context`` every other row of the
    basemap (neighbours, Kosovo, Belarus), drawn as context without a tooltip.
    ``markers`` hold the micro-states' marker points and the compass step (dx, dy)
    of their labels.
    """

    parties: dict[str, list[Rings]]
    context: dict[str, list[Rings]]
    markers: dict[str, tuple[float, float, tuple[int, int]]]


def simplify_shape(
    geometry: shapely.Geometry, tolerance: float = SIMPLIFY_TOLERANCE
) -> list[Rings]:
    """A (multi)polygon cut to the frame, simplified and rounded, as lists of rings.

    Empty when nothing of the shape is inside the frame.

    Examples
    --------
    >>> square = shapely.box(3_000_000, 2_000_000, 3_000_010.4, 2_000_010.6)
    >>> simplify_shape(square, 1)[0][0][0]
    [3000010, 3000010, 3000000, 3000000, 3000010]
    """
    xmin, ymin, xmax, ymax = MAP_EXTENT
    clipped = shapely.clip_by_rect(
        geometry, xmin - CLIP_MARGIN, ymin - CLIP_MARGIN, xmax + CLIP_MARGIN, ymax + CLIP_MARGIN
    )
    simplified = shapely.simplify(clipped, tolerance, preserve_topology=True)
    polygons = []
    for polygon in shapely.get_parts(simplified):
        if not isinstance(polygon, shapely.Polygon) or polygon.is_empty:
            continue
        rings = []
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.rint(np.asarray(ring.coords)[:, :2]).astype(np.int64)
            rings.append((coords[:, 0].tolist(), coords[:, 1].tolist()))
        polygons.append(rings)
    return polygons


def compute_web_shapes(
    *, data_dir: PathLike = None, tolerance: float = SIMPLIFY_TOLERANCE
) -> WebShapes:
    """Every basemap shape inside the frame, light enough for a web page.

    Examples
    --------
    >>> shapes = compute_web_shapes()
    >>> list(shapes.markers)
    ['AND', 'LUX', 'MCO', 'LIE', 'SMR', 'MLT']
    >>> "XKX" in shapes.context, "XKX" in shapes.parties
    (True, False)
    """
    # Load inputs.
    basemap = la.load_basemap(data_dir)
    parties = basemap.index[basemap["is_party"]]

    # Shapes: Parties and context apart, each cut and simplified.
    shapes: dict[str, dict[str, list[Rings]]] = {"parties": {}, "context": {}}
    for iso3, geometry in basemap.geometry.items():
        polygons = simplify_shape(geometry, tolerance)
        if polygons:
            shapes["parties" if iso3 in parties else "context"][iso3] = polygons

    # Micro-states: markers at the static maps' points, labels on the same side.
    microstates = find_microstates(basemap, parties)
    points = {
        iso3: (float(point.x), float(point.y))
        for iso3, point in basemap.loc[microstates].representative_point().items()
    }
    markers = {
        iso3: (float(round(x)), float(round(y)), _label_direction(iso3, points))
        for iso3, (x, y) in points.items()
    }
    return WebShapes(shapes["parties"], shapes["context"], markers)
