"""The shapes of the States on a map: one path per State, filled by category."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from ..palette import BORDER_COLOUR, get_swatch
from .frame import MAP_EXTENT

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

BORDER_WIDTH = 0.4
#: Non-Parties are context (``palette.PALETTE["map.non_party"]``).
NON_PARTY = get_swatch("map.non_party")
#: Hatched shapes are edged in the colour of their hatch, the unconfirmed swatch's edge.
HATCH_EDGE = get_swatch("coverage.unconfirmed").edge or BORDER_COLOUR
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


def draw_states(
    ax: Axes,
    basemap: gpd.GeoDataFrame,
    colours: Mapping[str, str],
    hatched: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> None:
    """Fill every basemap row: ``colours[iso3]`` for Parties, the non-Party colour otherwise.

    ``hatched`` maps the ISO3 codes to hatch (e.g. unconfirmed coverage) to a hatch
    pattern; those shapes get their own collection, edged in ``HATCH_EDGE``. ``kwargs``
    go to the collections of the Parties (e.g. ``linewidths``, ``alpha``).
    """
    hatched = dict(hatched or {})
    context: list[MplPath] = []
    groups: dict[str, list[tuple[MplPath, str]]] = {}
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
        options: dict[str, Any] = {
            "facecolors": list(fills),
            "edgecolors": HATCH_EDGE if hatch else BORDER_COLOUR,
            "linewidths": BORDER_WIDTH,
            "zorder": 3 if hatch else 2,
            "gid": f"parties-hatched-{hatch}" if hatch else "parties",
        }
        collection = PatchCollection([PathPatch(p) for p in paths], **(options | kwargs))
        if hatch:
            collection.set_hatch(hatch)
            collection.set_hatchcolor(HATCH_EDGE)
        ax.add_collection(collection, autolim=False)
