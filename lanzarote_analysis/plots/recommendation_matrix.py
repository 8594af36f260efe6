"""The recommendation matrix: covered Parties × VII-1 … VII-7, each cell by level."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.colors import ListedColormap

from ..analysis.recommendations import compute_recommendation_matrix
from ..i18n.labels import get_label, get_labels
from ..io.load import PathLike, load_levels, load_recommendations
from . import palette
from ._base import add_legend_below, annotate, hide_spines
from ._contract import plot_function
from ._notes import count_unconfirmed, get_theme_note, get_unconfirmed_note

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FIGSIZE = (7.0, 8.6)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = (
    "the output of :func:`~lanzarote_analysis.compute_recommendation_matrix`, "
    "whose rows are drawn in their order"
)
KWARGS_DOC = "to :meth:`matplotlib.axes.Axes.pcolormesh`"
FONT_SIZE = 7.5
#: Characters per line of a column label: the seven columns share about 5 inches.
COLUMN_LABEL_WIDTH = 14


def get_levels_by_strength(data_dir: PathLike = None) -> list[str]:
    """The levels of ``levels.csv``, strongest first.

    Examples
    --------
    >>> get_levels_by_strength()
    ['require', 'request', 'invite']
    """
    return list(load_levels(data_dir)["strength"].sort_values(ascending=False).index)


def add_level_legend(
    ax: Axes, levels: list[str], lang: str, *, extra: tuple[str, ...] = (), **kwargs: Any
) -> None:
    """A legend of the levels (strongest first) and of the ``extra`` palette concepts."""
    names = get_labels("level", lang)
    labels = {"rec.not_named": "cmp.not_addressed", "coverage.unconfirmed": "coverage.unconfirmed"}
    handles = [palette.make_legend_handle(f"level.{level}", names[level]) for level in levels]
    handles += [palette.make_legend_handle(c, get_label(labels[c], lang)) for c in extra]
    add_legend_below(ax, handles, title=get_label("level.title", lang), alignment="left", **kwargs)


def _get_column_labels(rec_ids: list[str], lang: str, data_dir: PathLike) -> list[str]:
    """``VII-1`` over its short theme, wrapped to fit a narrow column."""
    themes = load_recommendations(data_dir)["theme"]
    short = get_labels("cmp.theme", lang)
    return [
        f"{rec_id}\n"
        + textwrap.fill(
            short[str(themes[rec_id])],
            COLUMN_LABEL_WIDTH,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for rec_id in rec_ids
    ]


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_recommendation_matrix(
    ax, data, *, lang, data_dir, **kwargs
):  # the contract: plots/_base.py
    """Covered Parties × recommendations VII-1 to VII-7, each cell coloured by level.

    {parameters}

    Examples
    --------
    >>> ax = plot_recommendation_matrix(lang="fr")
    >>> len(ax.get_yticklabels())
    42
    """
    # Load inputs.
    if data is None:
        data = compute_recommendation_matrix(data_dir, lang=lang)
    levels = get_levels_by_strength(data_dir)
    rec_ids = [c for c in data.columns if c not in ("name_en", "name_fr")]
    themes = load_recommendations(data_dir)["theme"].astype(str)

    # Code each cell: 0 = not addressed, then one code per level, weakest first.
    codes = np.zeros(data[rec_ids].shape, dtype=int)
    for code, level in enumerate(reversed(levels), start=1):
        codes[data[rec_ids].eq(level).fillna(False).to_numpy(dtype=bool)] = code
    concepts = ["rec.not_named"] + [f"level.{lv}" for lv in reversed(levels)]
    colours = [palette.get_swatch(concept).colour for concept in concepts]

    # Draw the cells: one mesh, white gridlines between cells.
    options = {"edgecolor": palette.BORDER_COLOUR, "linewidth": 1.0} | kwargs
    ax.pcolormesh(
        codes, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(colours) - 0.5, **options
    )
    ax.set_xlim(0, len(rec_ids))
    ax.set_ylim(len(data), 0)
    ax.set_aspect("auto")

    # Label rows and columns; recommendations on top, as in a table.
    ax.set_yticks(np.arange(len(data)) + 0.5, data[f"name_{lang}"].tolist())
    column_labels = _get_column_labels(rec_ids, lang, data_dir)
    ax.set_xticks(np.arange(len(rec_ids)) + 0.5, column_labels)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=FONT_SIZE, pad=3)
    hide_spines(ax)
    add_level_legend(ax, levels, lang, extra=("rec.not_named",), borderaxespad=0.6)

    # Matplotlib lifts the title above top tick labels by itself, not the subtitle.
    n_lines = max(label.count("\n") + 1 for label in column_labels)
    annotate(
        ax,
        title=get_label("cmp.matrix.title", lang),
        subtitle=get_label("cmp.matrix.subtitle", lang).format(
            n_covered=count_unconfirmed(data_dir)[0]
        ),
        notes=[
            get_unconfirmed_note(data_dir, lang),
            get_theme_note(themes.reindex(rec_ids).dropna(), lang),
        ],
        source=get_label("cmp.source", lang),
        subtitle_width=86,
        subtitle_lift=3 + n_lines * FONT_SIZE * 1.25,
    )
