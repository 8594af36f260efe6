"""Promising practices and children's-rights bodies beside VII-1 and VII-2."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.lines import Line2D

from ..analysis.practices import compute_practices_vs_gaps
from ..i18n.labels import get_label, get_labels
from ..io.load import load_recommendations
from ..vocabulary import GAP_RECOMMENDATIONS, KIND_VALUES
from . import palette
from ._base import add_legend_below, annotate, hide_spines
from ._contract import plot_function

FIGSIZE = (7.0, 3.6)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = "the output of :func:`~lanzarote_analysis.compute_practices_vs_gaps`"
KWARGS_DOC = "to :meth:`matplotlib.axes.Axes.scatter` for the marks"


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_practices_vs_gaps(ax, data, *, lang, data_dir, **kwargs):
    """Parties praised for a practice or a children's-rights body, and their VII-1/VII-2.

    Parties on both sides (a practice and a recommendation) are written in bold. Marks
    take the palette's swatches: ``practice.cited`` for a practice, the level's swatch
    for a recommendation (as in the matrix); an empty cell is a small structural dot.

    {parameters}

    Examples
    --------
    >>> ax = plot_practices_vs_gaps()
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['Cyprus', 'Estonia']
    """
    # Load inputs.
    if data is None:
        data = compute_practices_vs_gaps(data_dir, lang=lang)
    recs = load_recommendations(data_dir)
    levels = get_labels("level", lang)
    themes = get_labels("cmp.theme", lang)
    rec_ids = [c for c in GAP_RECOMMENDATIONS if c in data.columns]

    # Column headers: the practices, then each recommendation with its level and theme.
    headers = [textwrap.fill(get_label(f"cmp.practices.{kind}", lang), 18) for kind in KIND_VALUES]
    headers += [
        f"{rec_id} ({levels[str(recs.loc[rec_id, 'level'])].lower()})\n"
        f"{themes[str(recs.loc[rec_id, 'theme'])]}"
        for rec_id in rec_ids
    ]
    rows = np.arange(len(data))
    cited = palette.get_swatch("practice.cited")

    # Parties on both sides: bold names (a shade would be one more colour to read).
    has_practice = data[list(KIND_VALUES)].any(axis=1).to_numpy()
    has_rec = data[rec_ids].notna().any(axis=1).to_numpy()
    ax.axvline(len(KIND_VALUES) - 0.5, color=palette.OUTLINE_COLOUR, linewidth=0.8)

    # One mark per cell: filled where it holds, a small grey dot where not.
    options = {"s": 110, "linewidths": 0.6, "edgecolors": palette.TEXT_COLOUR} | kwargs

    def mark_column(column: int, holds: np.ndarray, marker: str, colours) -> None:
        ax.scatter(
            np.full(holds.sum(), column),
            rows[holds],
            marker=marker,
            color=colours,
            zorder=3,
            **options,
        )
        ax.scatter(
            np.full((~holds).sum(), column),
            rows[~holds],
            marker=".",
            color=palette.OUTLINE_COLOUR,
            s=20,
            zorder=2,
        )

    for column, kind in enumerate(KIND_VALUES):
        mark_column(column, data[kind].to_numpy(dtype=bool), "o", cited.colour)
    for column, rec_id in enumerate(rec_ids, start=len(KIND_VALUES)):
        level = data[rec_id]
        named = level.notna().to_numpy()
        colours = [palette.get_swatch(f"level.{v}").colour for v in level[named]]
        mark_column(column, named, "s", colours)

    # Table frame: headers on top, Party names on the left.
    ax.set_xticks(np.arange(len(headers)), headers)
    ax.xaxis.tick_top()
    ax.set_yticks(rows, data[f"name_{lang}"].tolist())
    for label, is_both in zip(ax.get_yticklabels(), has_practice & has_rec, strict=True):
        label.set_fontweight("bold" if is_both else "normal")
    ax.set_xlim(-0.6, len(headers) - 0.4)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.tick_params(length=0, labelsize=8)
    hide_spines(ax)

    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            markerfacecolor=cited.colour,
            markeredgecolor=palette.TEXT_COLOUR,
            markeredgewidth=0.6,
            label=get_label("cmp.practices.cited", lang),
        )
    ]
    for level in dict.fromkeys(str(recs.loc[r, "level"]) for r in rec_ids):
        handles.append(
            Line2D(
                [],
                [],
                marker="s",
                linestyle="",
                markersize=8,
                markerfacecolor=palette.get_swatch(f"level.{level}").colour,
                markeredgecolor=palette.TEXT_COLOUR,
                markeredgewidth=0.6,
                label=levels[level],
            )
        )
    add_legend_below(ax, handles, borderaxespad=0.3, handletextpad=0.4, columnspacing=1.2)

    n_lines = max(h.count("\n") + 1 for h in headers)
    annotate(
        ax,
        title=get_label("cmp.practices.title", lang),
        subtitle=get_label("cmp.practices.subtitle", lang),
        source=get_label("cmp.source", lang),
        subtitle_width=88,
        subtitle_lift=3 + n_lines * 8 * 1.25,
    )
