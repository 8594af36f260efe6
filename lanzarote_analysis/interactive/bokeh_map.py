"""The interactive map as a bokeh figure, and its HTML, the same bytes at every run.

Why bokeh: its standalone HTML carries its whole JavaScript library inline
(``bokeh.resources.INLINE``), draws shapes in data coordinates with no tiles, and shows
hover tooltips with no server, so a page works from disk with no network. Plotly's
geographic traces fetch their base topology from a CDN and Leaflet needs tiles: both
render blank offline (``docs/research/compatibility.md``).

The map is drawn in the static maps' projection (EPSG:3035) and frame, with their
palette: every colour, hatch and edge comes from ``style``. Colours are columns of the
Parties' data source, so that the page's JavaScript recolours the map for another view
by replacing those columns (:mod:`.page`).

Bokeh numbers its models with a process-wide counter and names documents and page
elements with random UUIDs. :func:`render_map` renumbers both in order of appearance,
so that a page is the same bytes whatever was drawn before it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.map_style import MAP_EXTENT
from lanzarote_analysis.style import (
    BACKGROUND_COLOUR,
    BORDER_COLOUR,
    MARKER_EDGE_COLOUR,
    OUTLINE_COLOUR,
    SEA_COLOUR,
    TEXT_COLOUR,
    get_swatch,
)

from .map_records import MapView, format_tooltip, format_view_status
from .web_shapes import WebShapes

if TYPE_CHECKING:
    from bokeh.models import Plot

#: Width of the map's frame in CSS pixels; the height follows the frame's aspect.
MAP_WIDTH = 720
MARKER_SIZE = 10  # pixels, diameter
LABEL_OFFSET = 9  # pixels from a marker's centre to its label
LABEL_FONT_SIZE = "11px"
BORDER_WIDTH = 0.6
SELECTED_WIDTH = 2.5
#: Pixels between the hatch lines (the static maps' "////" is as dense).
HATCH_SCALE = 6
#: Name of the Parties' data source, which the page's script recolours.
PARTIES_SOURCE = "parties"
#: The window event the map sends when a State is clicked (detail: its ISO3 code).
PARTY_EVENT = "lanzarote:party"
#: The tooltip: the State's text, and the line of the recommendation shown.
TOOLTIP_TEMPLATE = (
    '<div style="max-width:26em;white-space:normal">@tip{safe}@view_status{safe}</div>'
)
#: matplotlib's hatch characters that a web page draws the same way.
_HATCHES = {"/": "/", "\\": "\\", "|": "|", "-": "-", "+": "+", "x": "x", ".": "."}

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MODEL_ID = re.compile(r'(?<=")p[0-9]+(?=")')
_MODEL_ID_KEY = re.compile(r'"id":"(p[0-9]+)"')


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
        line=[swatch.edge if swatch.hatch else BORDER_COLOUR for swatch in swatches],
        marker_line=[swatch.edge if swatch.hatch else MARKER_EDGE_COLOUR for swatch in swatches],
        view_status=[format_view_status(view.status[iso3]) for iso3 in order],
    )


def _split_rings(shapes: dict[str, list]) -> tuple[list, list]:
    xs = [[[ring[0] for ring in polygon] for polygon in shape] for shape in shapes.values()]
    ys = [[[ring[1] for ring in polygon] for polygon in shape] for shape in shapes.values()]
    return xs, ys


def build_map_figure(
    records: pd.DataFrame,
    views: dict[str, MapView],
    shapes: WebShapes,
    *,
    view: str,
    lang: str = "en",
) -> Plot:
    """The interactive map of ``view``: every State of ``records``, hover and click.

    Parameters
    ----------
    records
        :func:`~.map_records.compute_map_records`, one row per State.
    views
        :func:`~.map_records.compute_map_views`.
    shapes
        :func:`~.web_shapes.compute_web_shapes`.
    view
        The view drawn first.
    lang
        Language of the toolbar's tool names.
    """
    from bokeh.models import (
        ColumnDataSource,
        CustomJS,
        HoverTool,
        LabelSet,
        PanTool,
        Range1d,
        ResetTool,
        TapTool,
        WheelZoomTool,
        ZoomInTool,
        ZoomOutTool,
    )
    from bokeh.plotting import figure

    order = list(records.index)
    missing = [iso3 for iso3 in order if iso3 not in shapes.parties]
    if missing:
        raise ValueError(
            f"No shape inside the map's frame for {', '.join(missing)}: every State of "
            "parties.csv must be on the map"
        )

    # Data: the Parties (shapes, markers, texts, colours of the first view), the context.
    xs, ys = _split_rings({iso3: shapes.parties[iso3] for iso3 in order})
    marker_x = np.array([shapes.markers[i][0] if i in shapes.markers else math.nan for i in order])
    marker_y = np.array([shapes.markers[i][1] if i in shapes.markers else math.nan for i in order])
    parties = ColumnDataSource(
        {
            "xs": xs,
            "ys": ys,
            "iso3": order,
            "name": records["name"].tolist(),
            "tip": [format_tooltip(record, lang=lang) for _, record in records.iterrows()],
            "marker_x": marker_x,
            "marker_y": marker_y,
            **compute_view_colours(views[view], order).as_columns(),
        },
        name=PARTIES_SOURCE,
    )
    context_xs, context_ys = _split_rings(shapes.context)
    context = ColumnDataSource({"xs": context_xs, "ys": context_ys})
    labelled = [iso3 for iso3 in order if iso3 in shapes.markers]
    steps = [shapes.markers[iso3][2] for iso3 in labelled]
    labels = ColumnDataSource(
        {
            "x": [shapes.markers[iso3][0] for iso3 in labelled],
            "y": [shapes.markers[iso3][1] for iso3 in labelled],
            "text": records.loc[labelled, "name"].tolist(),
            "x_offset": [LABEL_OFFSET * dx for dx, _ in steps],
            "y_offset": [LABEL_OFFSET * dy for _, dy in steps],
            "align": [{1: "left", 0: "center", -1: "right"}[dx] for dx, _ in steps],
            "baseline": [{1: "bottom", 0: "middle", -1: "top"}[dy] for _, dy in steps],
        }
    )

    # The frame of the static maps, which panning and zooming out cannot leave.
    xmin, ymin, xmax, ymax = MAP_EXTENT
    tool = la.get_labels("explore.tool", lang)
    plot = figure(
        x_range=Range1d(xmin, xmax, bounds=(xmin, xmax)),
        y_range=Range1d(ymin, ymax, bounds=(ymin, ymax)),
        frame_width=MAP_WIDTH,
        frame_height=round(MAP_WIDTH * (ymax - ymin) / (xmax - xmin)),
        match_aspect=True,
        tools=[],
        toolbar_location="above",
        background_fill_color=SEA_COLOUR,
        border_fill_color=BACKGROUND_COLOUR,
        outline_line_color=OUTLINE_COLOUR,
        min_border=0,
    )
    plot.axis.visible = False
    plot.grid.visible = False
    plot.toolbar.logo = None

    # Context, Parties, markers, labels: the static maps' order.
    non_party = get_swatch("map.non_party")
    plot.multi_polygons(
        "xs",
        "ys",
        source=context,
        fill_color=non_party.colour,
        line_color=non_party.edge,
        line_width=BORDER_WIDTH,
    )
    shared = {
        "source": parties,
        "fill_color": "fill",
        "hatch_pattern": "hatch",
        "hatch_color": "line",
        "hatch_scale": HATCH_SCALE,
        "nonselection_fill_alpha": 1.0,
        "nonselection_line_alpha": 1.0,
        "nonselection_hatch_alpha": 1.0,
        "selection_line_color": TEXT_COLOUR,
        "selection_line_width": SELECTED_WIDTH,
    }
    states = plot.multi_polygons("xs", "ys", line_color="line", line_width=BORDER_WIDTH, **shared)
    markers = plot.scatter(
        "marker_x",
        "marker_y",
        marker="circle",
        size=MARKER_SIZE,
        line_color="marker_line",
        line_width=0.8,
        **shared,
    )
    plot.add_layout(
        LabelSet(
            source=labels,
            x="x",
            y="y",
            text="text",
            x_offset="x_offset",
            y_offset="y_offset",
            text_align="align",
            text_baseline="baseline",
            text_font_size=LABEL_FONT_SIZE,
            text_color=TEXT_COLOUR,
            background_fill_color=BACKGROUND_COLOUR,
            background_fill_alpha=0.75,
        )
    )

    # Tools: pan, zoom (the wheel only once chosen, so that the page still scrolls),
    # reset, hover and click, named in the page's language.
    pan = PanTool(description=tool["pan"])
    plot.add_tools(
        pan,
        WheelZoomTool(description=tool["wheel_zoom"], zoom_on_axis=False),
        ZoomInTool(description=tool["zoom_in"]),
        ZoomOutTool(description=tool["zoom_out"]),
        ResetTool(description=tool["reset"]),
        TapTool(description=tool["tap"], renderers=[states, markers]),
        HoverTool(
            description=tool["hover"],
            renderers=[states, markers],
            tooltips=TOOLTIP_TEMPLATE,
            point_policy="follow_mouse",
        ),
    )
    plot.toolbar.active_drag = pan
    plot.toolbar.active_scroll = None
    parties.selected.js_on_change(
        "indices",
        CustomJS(
            args={"source": parties},
            code=(
                "const i = source.selected.indices[0];"
                "if (i !== undefined) window.dispatchEvent("
                f"new CustomEvent({json.dumps(PARTY_EVENT)}, {{detail: source.data.iso3[i]}}));"
            ),
        ),
    )
    return plot


@dataclass(frozen=True)
class MapHtml:
    """The pieces of a page that shows a bokeh map: the library, its element, its script."""

    resources: str
    element: str
    script: str


def make_ids_deterministic(text: str) -> str:
    """``text`` with bokeh's model ids and UUIDs renumbered in order of appearance.

    Model ids are the values of bokeh's ``"id"`` keys (``"p1234"``); every quoted
    ``"p1234"`` that is one of them is renumbered, and a text that quotes anything else
    looking like one is refused rather than changed.

    Examples
    --------
    >>> make_ids_deterministic('{"id":"p7","to":"p7","doc":"0c4f2f3e-1c53-4c89-a7f3-4c9b0f7c2a11"}')
    '{"id":"p1000","to":"p1000","doc":"a0000000-0000-4000-8000-000000000000"}'
    """
    model_ids = set(_MODEL_ID_KEY.findall(text))
    found = list(dict.fromkeys(_MODEL_ID.findall(text)))
    strangers = sorted(set(found) - model_ids)
    if strangers:
        raise ValueError(
            f"The map's data quote {', '.join(strangers)}, which look like bokeh model ids: "
            "its ids cannot be made reproducible"
        )
    models = {old: f"p{1000 + n}" for n, old in enumerate(found)}
    uuids = {
        old: f"a0000000-0000-4000-8000-{n:012d}"
        for n, old in enumerate(dict.fromkeys(_UUID.findall(text)))
    }
    text = _MODEL_ID.sub(lambda match: models[match.group()], text)
    return _UUID.sub(lambda match: uuids[match.group()], text)


def render_map(plot: Plot, *, ready_js: str = "") -> MapHtml:
    """The library, element and script of ``plot``, the same bytes at every run.

    ``ready_js`` runs once the map is drawn, with ``source`` (the Parties' data source)
    in scope: the page's script receives the source that way.
    """
    from bokeh.document import Document
    from bokeh.embed import components
    from bokeh.embed.bundle import bundle_for_objs_and_resources
    from bokeh.models import CustomJS
    from bokeh.resources import INLINE

    document = Document()
    document.add_root(plot)
    if ready_js:
        source = document.select_one({"name": PARTIES_SOURCE})
        document.js_on_event("document_ready", CustomJS(args={"source": source}, code=ready_js))
    script, element = components(plot)
    js, css = bundle_for_objs_and_resources([plot], INLINE)
    # The element and the script refer to each other: one renumbering for both.
    joined = make_ids_deterministic(f"{element}\0{script}")
    element, script = joined.split("\0")
    return MapHtml(resources=f"{js}\n{css}", element=element, script=script)
