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
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.plots.maps.frame import MAP_EXTENT
from lanzarote_analysis.plots.palette import (
    BACKGROUND_COLOUR,
    OUTLINE_COLOUR,
    SEA_COLOUR,
    TEXT_COLOUR,
    get_swatch,
)

from .map_records import MapView, format_tooltip
from .web_colours import _split_rings, compute_view_colours
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
        PanTool,
        Range1d,
        ResetTool,
        TapTool,
        WheelZoomTool,
        ZoomInTool,
        ZoomOutTool,
    )
    from bokeh.models.annotations.labels import LabelSet  # not re-exported in its stubs
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
        x_range=Range1d(start=xmin, end=xmax, bounds=(xmin, xmax)),
        y_range=Range1d(start=ymin, end=ymax, bounds=(ymin, ymax)),
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
    shared: dict[str, Any] = {
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
