"""What every map draws: its States by category, markers, legend with counts, texts.

Every State of ``parties.csv`` is drawn in the swatch of its category (the report
palette); every other row of the basemap (Kosovo, Belarus, neighbours, and Guernsey,
Jersey, the Isle of Man, the Faroe Islands and Greenland, which the basemap keeps apart
from their States) is context, in the ``map.non_party`` swatch. Legend entries carry
counts computed from the data; a category with no member is left out of the legend, so
that the legend lists only what the map shows. No map labels Kosovo (only the markers
of small Parties are labelled), so no map needs the Council of Europe's note on Kosovo*
(see ``data/geo/README.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...i18n.labels import get_label
from ...io.load import PathLike
from .._base import annotate
from ..palette import get_swatch
from .basemap import load_basemap
from .frame import add_map_legend, frame_map_axes
from .markers import draw_microstates, find_microstates
from .shapes import draw_states

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True)
class MapTexts:
    """The words of one map, in one language."""

    title: str
    subtitle: str
    source: str
    legend_title: str | None = None


def draw_map(
    ax: Axes,
    categories: pd.Series,
    legend: Mapping[str, tuple[str, str]],
    texts: MapTexts,
    *,
    lang: str,
    data_dir: PathLike,
    **kwargs: Any,
) -> None:
    """Draw the States by ``categories`` (ISO3 → category), markers, legend and texts.

    ``legend`` maps each category, in legend order, to its (label, palette concept);
    ``kwargs`` go to the collection of the Parties' shapes.
    """
    # Load inputs.
    basemap = load_basemap(data_dir)
    unknown = categories.index.difference(basemap.index)
    if len(unknown):
        raise ValueError(
            f"No basemap shape for {', '.join(unknown)}; the data must be "
            "indexed by the ISO3 codes of parties.csv"
        )
    swatches = {iso3: get_swatch(legend[category][1]) for iso3, category in categories.items()}
    fills = {iso3: swatch.colour for iso3, swatch in swatches.items()}
    hatches = {iso3: swatch.hatch for iso3, swatch in swatches.items() if swatch.hatch}
    microstates = find_microstates(basemap, categories.index)
    names = basemap.loc[microstates, f"name_{lang}"].to_dict()

    # Legend entries, with counts, in category order.
    counts = categories.value_counts()
    entries = [
        (f"{label} ({int(counts[category])})", concept)
        for category, (label, concept) in legend.items()
        if counts.get(category, 0) > 0
    ]
    entries.append((get_label("map.non_party", lang), "map.non_party"))

    # Draw.
    frame_map_axes(ax)
    draw_states(ax, basemap, fills, hatches, **kwargs)
    draw_microstates(ax, basemap, microstates, fills, names, hatches)
    add_map_legend(ax, entries, title=texts.legend_title)
    annotate(ax, title=texts.title, subtitle=texts.subtitle, source=texts.source)
