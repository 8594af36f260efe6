"""Promising practices and children's-rights bodies beside the recommendations received."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from . import style
from .compare import (
    GAP_RECOMMENDATIONS,
    PRACTICE_KINDS,
    compute_practices_vs_gaps,
)
from .comparison_figure import annotate, create_axes
from .labels import check_lang, get_label, get_labels
from .load import PathLike, load_recommendations

PRACTICES_FIGSIZE = (7.0, 3.6)


def plot_practices_vs_gaps(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Parties praised for a practice or a children's-rights body, and their VII-1/VII-2.

    Parties on both sides (a practice and a recommendation) are written in bold. Marks
    take the palette's swatches: ``practice.cited`` for a practice, the level's swatch
    for a recommendation (as in the matrix); an empty cell is a small structural dot.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.compare.compute_practices_vs_gaps`;
        computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.
    ax
        Axes to draw into; a new 7 × 3.6 inch figure when ``None``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter` for the marks.

    Returns
    -------
    The Axes drawn into.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_practices_vs_gaps()
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['Cyprus', 'Estonia']
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    # Load inputs.
    if data is None:
        data = compute_practices_vs_gaps(data_dir, lang=lang)
    recs = load_recommendations(data_dir)
    levels = get_labels("level", lang)
    themes = get_labels("cmp.theme", lang)
    rec_ids = [c for c in GAP_RECOMMENDATIONS if c in data.columns]

    # Column headers: the practices, then each recommendation with its level and theme.
    headers = [
        textwrap.fill(get_label(f"cmp.practices.{kind}", lang), 18) for kind in PRACTICE_KINDS
    ]
    headers += [
        f"{rec_id} ({levels[str(recs.loc[rec_id, 'level'])].lower()})\n"
        f"{themes[str(recs.loc[rec_id, 'theme'])]}"
        for rec_id in rec_ids
    ]
    rows = np.arange(len(data))
    cited = style.get_swatch("practice.cited")

    with style.theme():
        ax = create_axes(ax, PRACTICES_FIGSIZE)
        # Parties on both sides: bold names (a shade would be one more colour to read).
        has_practice = data[list(PRACTICE_KINDS)].any(axis=1).to_numpy()
        has_rec = data[rec_ids].notna().any(axis=1).to_numpy()
        ax.axvline(len(PRACTICE_KINDS) - 0.5, color=style.OUTLINE_COLOUR, linewidth=0.8)

        # One mark per cell: filled where it holds, a small grey dot where not.
        options = {"s": 110, "linewidths": 0.6, "edgecolors": style.TEXT_COLOUR} | kwargs

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
                color=style.OUTLINE_COLOUR,
                s=20,
                zorder=2,
            )

        for column, kind in enumerate(PRACTICE_KINDS):
            mark_column(column, data[kind].to_numpy(dtype=bool), "o", cited.colour)
        for column, rec_id in enumerate(rec_ids, start=len(PRACTICE_KINDS)):
            level = data[rec_id]
            named = level.notna().to_numpy()
            colours = [style.get_swatch(f"level.{v}").colour for v in level[named]]
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
        for spine in ax.spines.values():
            spine.set_visible(False)

        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=8,
                markerfacecolor=cited.colour,
                markeredgecolor=style.TEXT_COLOUR,
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
                    markerfacecolor=style.get_swatch(f"level.{level}").colour,
                    markeredgecolor=style.TEXT_COLOUR,
                    markeredgewidth=0.6,
                    label=levels[level],
                )
            )
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0, 0),
            ncols=len(handles),
            borderaxespad=0.3,
            handletextpad=0.4,
            columnspacing=1.2,
        )

        n_lines = max(h.count("\n") + 1 for h in headers)
        annotate(
            ax,
            title=get_label("cmp.practices.title", lang),
            subtitle=get_label("cmp.practices.subtitle", lang),
            lang=lang,
            subtitle_width=88,
            subtitle_lift=3 + n_lines * 8 * 1.25,
        )
    return ax
