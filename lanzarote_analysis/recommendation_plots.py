"""Figures of who receives which recommendation: the Party × recommendation matrix and
the number of Parties each recommendation addresses."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from . import style
from .compare import compute_addressee_counts, compute_recommendation_matrix
from .comparison_figure import (
    annotate,
    count_unconfirmed,
    create_axes,
    get_theme_note,
    get_unconfirmed_note,
    join_notes,
)
from .labels import check_lang, get_label, get_labels
from .load import PathLike, load_indicators, load_levels, load_recommendations

MATRIX_FIGSIZE = (7.0, 8.6)
ADDRESSEES_FIGSIZE = (7.0, 3.6)
MATRIX_FONT_SIZE = 7.5
# Characters per line of a column label: the seven columns share about 5 inches.
MATRIX_LABEL_WIDTH = 14


def _levels_by_strength(data_dir: PathLike) -> list[str]:
    return list(load_levels(data_dir)["strength"].sort_values(ascending=False).index)


def _column_labels(rec_ids: list[str], lang: str, data_dir: PathLike, width: int) -> list[str]:
    """``VII-1`` over its short theme, wrapped to fit a narrow column."""
    themes = load_recommendations(data_dir)["theme"]
    short = get_labels("cmp.theme", lang)
    return [
        f"{rec_id}\n"
        + textwrap.fill(
            short[str(themes[rec_id])], width, break_long_words=False, break_on_hyphens=False
        )
        for rec_id in rec_ids
    ]


def _patch(concept: str, label: str) -> Patch:
    """A legend handle in the palette's swatch of ``concept``."""
    swatch = style.get_swatch(concept)
    return Patch(
        facecolor=swatch.colour,
        hatch=swatch.hatch,
        edgecolor=swatch.edge or style.OUTLINE_COLOUR,
        linewidth=0.5,
        label=label,
    )


def _level_legend(
    ax: Axes,
    levels: list[str],
    lang: str,
    *,
    with_not_addressed: bool,
    with_unconfirmed: bool = False,
    **kwargs: Any,
) -> None:
    names = get_labels("level", lang)
    handles = [_patch(f"level.{level}", names[level]) for level in levels]
    if with_not_addressed:
        handles.append(_patch("rec.not_named", get_label("cmp.not_addressed", lang)))
    if with_unconfirmed:
        handles.append(_patch("coverage.unconfirmed", get_label("coverage.unconfirmed", lang)))
    ax.legend(
        handles=handles,
        title=get_label("level.title", lang),
        alignment="left",
        ncols=len(handles),
        **kwargs,
    )


def plot_recommendation_matrix(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Covered Parties × recommendations VII-1 to VII-7, each cell coloured by level.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.compare.compute_recommendation_matrix`
        (rows are drawn in its order); computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.
    ax
        Axes to draw into; a new 7 × 8.6 inch figure when ``None``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    The Axes drawn into.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_recommendation_matrix(lang="fr")
    >>> len(ax.get_yticklabels())
    42
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    # Load inputs.
    if data is None:
        data = compute_recommendation_matrix(data_dir, lang=lang)
    levels = _levels_by_strength(data_dir)
    rec_ids = [c for c in data.columns if c not in ("name_en", "name_fr")]
    themes = load_recommendations(data_dir)["theme"].astype(str)
    note = join_notes(
        get_unconfirmed_note(data_dir, lang),
        get_theme_note(themes.reindex(rec_ids).dropna(), lang),
    )

    # Code each cell: 0 = does not apply, then one code per level.
    codes = np.zeros(data[rec_ids].shape, dtype=int)
    for code, level in enumerate(reversed(levels), start=1):
        codes[data[rec_ids].eq(level).fillna(False).to_numpy(dtype=bool)] = code
    concepts = ["rec.not_named"] + [f"level.{lv}" for lv in reversed(levels)]
    colours = [style.get_swatch(concept).colour for concept in concepts]

    with style.theme():
        ax = create_axes(ax, MATRIX_FIGSIZE)
        # Draw the cells: one mesh, white gridlines between cells.
        options = {"edgecolor": style.BORDER_COLOUR, "linewidth": 1.0} | kwargs
        ax.pcolormesh(
            codes, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(colours) - 0.5, **options
        )
        ax.set_xlim(0, len(rec_ids))
        ax.set_ylim(len(data), 0)
        ax.set_aspect("auto")

        # Label rows and columns; recommendations on top, as in a table.
        ax.set_yticks(np.arange(len(data)) + 0.5, data[f"name_{lang}"].tolist())
        column_labels = _column_labels(rec_ids, lang, data_dir, width=MATRIX_LABEL_WIDTH)
        ax.set_xticks(np.arange(len(rec_ids)) + 0.5, column_labels)
        ax.xaxis.tick_top()
        ax.tick_params(length=0, labelsize=MATRIX_FONT_SIZE, pad=3)
        for spine in ax.spines.values():
            spine.set_visible(False)

        _level_legend(
            ax,
            levels,
            lang,
            with_not_addressed=True,
            loc="upper left",
            bbox_to_anchor=(0.0, 0.0),
            borderaxespad=0.6,
        )
        # Matplotlib lifts the title above top tick labels by itself, not the subtitle.
        n_lines = max(label.count("\n") + 1 for label in column_labels)
        annotate(
            ax,
            title=get_label("cmp.matrix.title", lang),
            subtitle=get_label("cmp.matrix.subtitle", lang).format(
                n_covered=count_unconfirmed(data_dir)[0]
            ),
            lang=lang,
            subtitle_width=86,
            subtitle_lift=3 + n_lines * MATRIX_FONT_SIZE * 1.25,
            note=note,
        )
    return ax


def plot_addressees_by_recommendation(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """How many Parties each recommendation addresses, coloured by its level.

    Listed recommendations count the Parties their footnote names; all-Parties ones
    count the Parties monitored (43, as the factsheet says). A Party monitored that our
    sources do not name is a hatched segment, in the palette's ``coverage.unconfirmed``
    swatch, and a note gives our inference as to who it is.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.compare.compute_addressee_counts`;
        computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.
    ax
        Axes to draw into; a new 7 × 3.6 inch figure when ``None``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    The Axes drawn into.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_addressees_by_recommendation()
    >>> [int(bar.get_width()) for bar in ax.patches][:2]
    [8, 17]
    >>> [t.get_text() for t in ax.texts][:3]
    ['8', '17', '43']
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
    # Load inputs.
    if data is None:
        data = compute_addressee_counts(data_dir)
    levels = _levels_by_strength(data_dir)
    rec_ids = list(data.index)
    totals = data["n_parties"].to_numpy()
    unconfirmed = (
        data["n_unconfirmed"].to_numpy() if "n_unconfirmed" in data else np.zeros_like(totals)
    )
    n_monitored = int(load_indicators(data_dir).loc["parties_monitored", "value"])
    themes = load_recommendations(data_dir)["theme"]
    has_unconfirmed = bool(unconfirmed.any())
    note = join_notes(
        get_unconfirmed_note(data_dir, lang, "cmp.addressees.unconfirmed_note")
        if has_unconfirmed
        else None,
        get_theme_note(themes.reindex(rec_ids).dropna().astype(str), lang),
    )

    with style.theme():
        ax = create_axes(ax, ADDRESSEES_FIGSIZE)
        # Draw one bar per recommendation, first on top: the confirmed addressees in the
        # colour of the level, then any Party our sources do not name, hatched.
        colours = [style.get_swatch(f"level.{level}").colour for level in data["level"]]
        options = {"edgecolor": style.OUTLINE_COLOUR, "linewidth": 0.5, "height": 0.68} | kwargs
        positions = np.arange(len(rec_ids))
        ax.barh(positions, totals - unconfirmed, color=colours, **options)
        if has_unconfirmed:
            swatch = style.get_swatch("coverage.unconfirmed")
            rows = unconfirmed > 0
            ax.barh(
                positions[rows],
                unconfirmed[rows],
                left=(totals - unconfirmed)[rows],
                color=swatch.colour,
                hatch=swatch.hatch,
                edgecolor=swatch.edge,
                linewidth=0.5,
                height=options["height"],
            )
        # The total at the end of each bar.
        for position, total in zip(positions, totals, strict=True):
            ax.annotate(
                str(int(total)),
                (float(total), float(position)),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=8.5,
                fontweight="bold",
                color=style.TEXT_COLOUR,
            )

        # The counts are written on the bars: no value axis needed.
        short = get_labels("cmp.theme", lang)
        ax.set_yticks(positions, [f"{rec_id}  {short[str(themes[rec_id])]}" for rec_id in rec_ids])
        ax.set_ylim(len(rec_ids) - 0.4, -0.6)
        ax.set_xlim(0, data["n_parties"].max() * 1.08)
        ax.xaxis.set_visible(False)
        ax.tick_params(axis="y", length=0)
        # All four: an Axes passed in by the caller was not made under the theme.
        for spine in ax.spines.values():
            spine.set_visible(False)

        present = [lv for lv in levels if lv in set(data["level"].astype(str))]
        _level_legend(
            ax,
            present,
            lang,
            with_not_addressed=False,
            with_unconfirmed=has_unconfirmed,
            loc="upper left",
            bbox_to_anchor=(0.0, 0.0),
            borderaxespad=0.3,
        )
        annotate(
            ax,
            title=get_label("cmp.addressees.title", lang),
            subtitle=get_label("cmp.addressees.subtitle", lang).format(n_monitored=n_monitored),
            lang=lang,
            subtitle_width=74,
            note=note,
        )
    return ax
