"""How many Parties each recommendation is addressed to, coloured by its level."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..analysis.recommendations import compute_addressee_counts
from ..i18n.labels import get_label, get_labels
from ..io.load import load_indicators, load_recommendations
from . import palette
from ._base import annotate, hide_spines, write_label
from ._contract import plot_function
from ._notes import get_theme_note, get_unconfirmed_note
from .recommendation_matrix import add_level_legend, get_levels_by_strength

if TYPE_CHECKING:
    pass

FIGSIZE = (7.0, 3.6)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = "the output of :func:`~lanzarote_analysis.compute_addressee_counts`"
KWARGS_DOC = "to :meth:`matplotlib.axes.Axes.barh` for the bars of the confirmed Parties"
BAR_HEIGHT = 0.68


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_addressees_by_recommendation(
    ax, data, *, lang, data_dir, **kwargs
):  # the contract: plots/_base.py
    """How many Parties each recommendation is addressed to, coloured by its level.

    Listed recommendations count the Parties their footnote names; all-Parties ones
    count the Parties monitored (43, as the factsheet says). A Party monitored that our
    sources do not name is a hatched segment, in the palette's ``coverage.unconfirmed``
    swatch, and a note gives our inference as to who it is.

    {parameters}

    Examples
    --------
    >>> ax = plot_addressees_by_recommendation()
    >>> [int(bar.get_width()) for bar in ax.patches][:2]
    [8, 17]
    >>> [t.get_text() for t in ax.texts][:3]
    ['8', '17', '43']
    """
    # Load inputs.
    if data is None:
        data = compute_addressee_counts(data_dir)
    levels = get_levels_by_strength(data_dir)
    rec_ids = list(data.index)
    totals = data["n_parties"].to_numpy()
    unconfirmed = (
        data["n_unconfirmed"].to_numpy() if "n_unconfirmed" in data else np.zeros_like(totals)
    )
    n_monitored = int(load_indicators(data_dir).loc["parties_monitored", "value"])
    themes = load_recommendations(data_dir)["theme"]
    has_unconfirmed = bool(unconfirmed.any())

    # Draw one bar per recommendation, first on top: the confirmed addressees in the
    # colour of the level, then any Party our sources do not name, hatched.
    colours = [palette.get_swatch(f"level.{level}").colour for level in data["level"]]
    options = {"edgecolor": palette.OUTLINE_COLOUR, "linewidth": 0.5} | kwargs
    positions = np.arange(len(rec_ids))
    ax.barh(positions, totals - unconfirmed, height=BAR_HEIGHT, color=colours, **options)
    if has_unconfirmed:
        swatch = palette.get_swatch("coverage.unconfirmed")
        rows = unconfirmed > 0
        ax.barh(
            positions[rows],
            unconfirmed[rows],
            left=(totals - unconfirmed)[rows],
            height=BAR_HEIGHT,
            color=swatch.colour,
            hatch=swatch.hatch,
            edgecolor=swatch.edge,
            linewidth=0.5,
        )
    # The total at the end of each bar: no value axis needed.
    for position, total in zip(positions, totals, strict=True):
        write_label(ax, str(int(total)), (float(total), float(position)), offset=(3, 0))

    short = get_labels("cmp.theme", lang)
    ax.set_yticks(positions, [f"{rec_id}  {short[str(themes[rec_id])]}" for rec_id in rec_ids])
    ax.set_ylim(len(rec_ids) - 0.4, -0.6)
    ax.set_xlim(0, data["n_parties"].max() * 1.08)
    ax.xaxis.set_visible(False)
    ax.tick_params(axis="y", length=0)
    hide_spines(ax)

    present = [lv for lv in levels if lv in set(data["level"].astype(str))]
    extra = ("coverage.unconfirmed",) if has_unconfirmed else ()
    add_level_legend(ax, present, lang, extra=extra, borderaxespad=0.3)
    annotate(
        ax,
        title=get_label("cmp.addressees.title", lang),
        subtitle=get_label("cmp.addressees.subtitle", lang).format(n_monitored=n_monitored),
        notes=[
            get_unconfirmed_note(data_dir, lang, "cmp.addressees.unconfirmed_note")
            if has_unconfirmed
            else None,
            get_theme_note(themes.reindex(rec_ids).dropna().astype(str), lang),
        ],
        source=get_label("cmp.source", lang),
        subtitle_width=74,
    )
