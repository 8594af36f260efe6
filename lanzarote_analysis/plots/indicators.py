"""The factsheet's headline figures, as one chart a reader takes in at a glance."""

from __future__ import annotations

import textwrap

import numpy as np

from ..i18n.labels import get_label
from ..io.load import load_indicators
from . import palette
from ._base import annotate, hide_spines, write_label
from ._contract import plot_function

FIGSIZE = (7.0, 3.3)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = "the output of :func:`~lanzarote_analysis.load_indicators`"
KWARGS_DOC = "to :meth:`matplotlib.axes.Axes.barh` for the value bars"

#: The figure that a bar's label quotes: the children came from the Parties counted.
QUOTED_INDICATOR = {"parties_with_child_participants": "children_participating"}

IMPLIED_MARK = "*"
LABEL_WIDTH = 34


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_indicators(ax, data, *, lang, data_dir, **kwargs):
    """Each headline count of Parties as a bar out of the Parties monitored.

    Where the factsheet states the total ("27 Parties out of 43") the total bar has a
    solid outline; where it gives the count alone (15 Parties, 10 Parties), the total
    is only implied: dashed outline, an asterisk and a note say so.

    {parameters}

    Examples
    --------
    >>> ax = plot_indicators(lang="fr")
    >>> [t.get_text() for t in ax.texts][:3]
    ['27 sur 43', '15 sur 43*', '10 sur 43*']
    """
    # Load inputs.
    if data is None:
        data = load_indicators(data_dir)
    bars = data[data["denominator"].notna()]
    n_monitored = int(data.loc["parties_monitored", "value"])
    is_stated = bars["is_denominator_stated"].fillna(False).to_numpy(dtype=bool)
    rows = np.arange(len(bars))

    # Row labels, quoting the figure a bar stands for (the children behind the Parties).
    labels = []
    for indicator_id in bars.index:
        quoted = QUOTED_INDICATOR.get(indicator_id)
        figures = {"n_children": int(data.loc[quoted, "value"])} if quoted else {}
        text = get_label(f"cmp.indicators.{indicator_id}", lang).format(**figures)
        labels.append(textwrap.fill(text, LABEL_WIDTH, break_on_hyphens=False))

    note = None
    if not is_stated.all():
        implied = int(bars.loc[~is_stated, "denominator"].iloc[0])
        note = get_label("cmp.indicators.implied_note", lang).format(denominator=implied)
    # The total behind each count: solid if the factsheet states it, dashed if implied.
    totals = bars["denominator"].to_numpy(dtype=float)
    # The total is an outline only: no fill that could be read as a category.
    outlines = ax.barh(
        rows,
        totals,
        height=0.62,
        fill=False,
        edgecolor=palette.OUTLINE_COLOUR,
        linewidth=0.9,
        # The longest bar ends on the Axes' edge: its outline must not be cut.
        clip_on=False,
    )
    for outline, stated in zip(outlines, is_stated, strict=True):
        outline.set_linestyle("-" if stated else (0, (3, 2)))
    options = {"height": 0.62, "color": palette.get_swatch("indicator.value").colour} | kwargs
    ax.barh(rows, bars["value"].to_numpy(dtype=float), **options)

    # "27 of 43" after each bar; an asterisk where "of 43" is implied.
    for row, (value, total, stated) in enumerate(
        zip(bars["value"], bars["denominator"], is_stated, strict=True)
    ):
        text = get_label("cmp.indicators.value", lang).format(
            value=int(value), denominator=int(total)
        )
        mark = "" if stated else IMPLIED_MARK
        write_label(ax, text + mark, (float(total), row), offset=(5, 0), fontsize=9)

    ax.set_yticks(rows, labels)
    ax.set_ylim(len(bars) - 0.5, -0.5)
    # Exactly the longest bar: the labels after the bars then stick out of the Axes
    # by a fixed width, which the layout reserves once and for all (any slack in
    # data units would make the margin depend on the Axes' width, and the layout
    # shift a little at every draw).
    ax.set_xlim(0, float(bars["denominator"].max()))
    ax.xaxis.set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=8.5)
    hide_spines(ax)

    subtitle = get_label("cmp.indicators.subtitle", lang).format(n_monitored=n_monitored)
    annotate(
        ax,
        title=get_label("cmp.indicators.title", lang),
        subtitle=subtitle,
        notes=[note],
        source=get_label("cmp.source", lang),
        subtitle_width=90,
    )
