"""The gap map: every State by the recommendations, VII-1 and VII-2, naming it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis.gaps import compute_civil_society_gaps, get_gap_labels
from ...i18n.labels import get_label
from ...vocabulary import GAP_CATEGORIES
from .._contract import plot_function
from ..palette import get_gap_concept
from .draw import MapTexts, draw_map
from .frame import MAP_FIGSIZE, fit_figure_to_map

if TYPE_CHECKING:
    pass


#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = (
    "gaps as returned by :func:`~lanzarote_analysis.compute_civil_society_gaps` "
    "(indexed by ISO3, with a ``gap`` column)"
)
KWARGS_DOC = "to the :class:`~matplotlib.collections.PatchCollection` of the Parties"


# A new map figure is as tall as the map needs.
@plot_function(
    figsize=MAP_FIGSIZE, when_new=fit_figure_to_map, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC
)
def plot_gap_map(ax, data, *, lang, data_dir, **kwargs):
    """Map every State of ``parties.csv`` by the recommendations, VII-1 and VII-2, naming it.

    VII-1 and VII-2 name, in their footnotes, the Parties "not already doing so"; a
    covered Party named by neither is shown apart from the States the round did not
    assess (coverage unconfirmed, hatched; not covered, grey). A new figure is 7 in wide
    and as tall as the map needs.

    {parameters}

    Examples
    --------
    >>> ax = plot_gap_map(lang="fr")
    >>> ax.get_legend().get_texts()[1].get_text()
    'Citée par VII-2 seulement (9)'
    """
    # Load inputs.
    gaps = compute_civil_society_gaps(data_dir) if data is None else data
    if "gap" not in gaps.columns:
        raise ValueError("data must have a 'gap' column, as compute_civil_society_gaps returns")
    categories = gaps["gap"].astype(str)
    unknown = sorted(set(categories) - set(GAP_CATEGORIES))
    if unknown:
        raise ValueError(f"Unknown gap categories {unknown}; expected {list(GAP_CATEGORIES)}")

    # Draw.
    labels = get_gap_labels(lang)
    legend = {
        category: (labels[category], get_gap_concept(category)) for category in GAP_CATEGORIES
    }
    texts = MapTexts(
        title=get_label("map.gap.title", lang),
        subtitle=get_label("map.gap.subtitle", lang),
        source=get_label("map.gap.source", lang),
    )
    draw_map(ax, categories, legend, texts, lang=lang, data_dir=data_dir, **kwargs)
