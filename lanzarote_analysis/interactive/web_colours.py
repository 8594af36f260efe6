"""Colours, hatches and line widths of each map view, for the browser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lanzarote_analysis.plots.palette import BORDER_COLOUR, MARKER_EDGE_COLOUR, get_swatch

from .map_records import MapView, format_view_status

if TYPE_CHECKING:
    pass


_HATCHES = {"/": "/", "\\": "\\", "|": "|", "-": "-", "+": "+", "x": "x", ".": "."}


def get_web_hatch(hatch: str | None) -> str:
    """Bokeh's hatch pattern for a matplotlib hatch of the palette (``" "``: none).

    Examples
    --------
    >>> get_web_hatch("////"), get_web_hatch(None)
    ('/', ' ')
    """
    if not hatch:
        return " "
    if hatch[0] not in _HATCHES or set(hatch) != {hatch[0]}:
        raise ValueError(f"No web drawing for the hatch {hatch!r} of style.PALETTE")
    return _HATCHES[hatch[0]]


@dataclass(frozen=True)
class ViewColours:
    """The columns of the Parties' data source that a view sets, one value per State."""

    fill: list[str]
    hatch: list[str]
    line: list[str]
    marker_line: list[str]
    view_status: list[str]

    def as_columns(self) -> dict[str, list[str]]:
        return {
            "fill": self.fill,
            "hatch": self.hatch,
            "line": self.line,
            "marker_line": self.marker_line,
            "view_status": self.view_status,
        }


def compute_view_colours(view: MapView, order: list[str]) -> ViewColours:
    """A view's fills, hatches and edges, for the States in ``order``.

    A hatched State is edged in its swatch's edge colour (as on the static maps), every
    other State in the white of the borders, and markers in the markers' dark edge.
    """
    swatches = [get_swatch(view.concepts[iso3]) for iso3 in order]
    return ViewColours(
        fill=[swatch.colour for swatch in swatches],
        hatch=[get_web_hatch(swatch.hatch) for swatch in swatches],
        line=[(swatch.hatch and swatch.edge) or BORDER_COLOUR for swatch in swatches],
        marker_line=[(swatch.hatch and swatch.edge) or MARKER_EDGE_COLOUR for swatch in swatches],
        view_status=[format_view_status(view.status[iso3]) for iso3 in order],
    )


def _split_rings(shapes: dict[str, list]) -> tuple[list, list]:
    xs = [[[ring[0] for ring in polygon] for polygon in shape] for shape in shapes.values()]
    ys = [[[ring[1] for ring in polygon] for polygon in shape] for shape in shapes.values()]
    return xs, ys
