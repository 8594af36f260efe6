"""A State's profile as a small figure: the seven recommendations of chapter VII."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from ..analysis.gaps import get_gap_labels
from ..analysis.profile import PartyProfile, as_profile
from ..i18n.labels import check_lang, get_label, get_labels
from ..io.load import PathLike
from . import palette
from ._base import add_legend_below, annotate, figure_frame, hide_spines
from ._contract import document_plot

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Default report size of the profile figure (inches).
FIGSIZE = (6.4, 3.6)
#: Characters per line of a theme written in its cell.
THEME_WIDTH = 62
#: The palette concept of each status a level does not colour.
STATUS_CONCEPTS = {
    "not_addressed": "rec.not_named",
    "not_known": "coverage.unconfirmed",
    "not_covered": "coverage.not_covered",
}


@document_plot
def plot_party_profile(
    party: str | PartyProfile | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the seven recommendations of chapter VII for one State, coloured by level.

    Cells take the report's palette, as in the matrix and on the maps: a recommendation
    addressed to the Party is filled with the swatch of its level; a listed one whose
    footnote does not name the Party with ``rec.not_named``; for a State whose coverage
    is unconfirmed every cell is hatched (``coverage.unconfirmed``), and for a State the
    round did not cover every cell is grey (``coverage.not_covered``).

    Parameters
    ----------
    party
        A name or code (see :func:`~lanzarote_analysis.compute_party_profile`) or a
        computed :class:`~lanzarote_analysis.analysis.profile.PartyProfile`; ``None``
        draws the default example, Malta.
    {params}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` for the cells.

    {returns}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_party_profile("malte", lang="fr")
    >>> ax.get_title(loc="left")
    'Malte\\u202f: recommandations du chapitre VII'
    >>> plt.close(ax.figure)
    """
    # Load inputs.
    check_lang(lang)
    profile = as_profile(party, data_dir)
    recs = profile.recommendations
    themes = get_labels("theme", lang)
    levels = get_labels("level", lang)
    statuses = get_labels("profile.status", lang)

    with figure_frame(ax, FIGSIZE) as ax:
        # One cell per recommendation, VII-1 at the top: the cell names its theme, its
        # fill says whether it is addressed to the Party, the text on the right in words.
        y = list(range(len(recs)))[::-1]
        for row_y, (_, row) in zip(y, recs.iterrows(), strict=True):
            status = row["status"]
            is_addressed = status == "addressed"
            concept = f"level.{row['level']}" if is_addressed else STATUS_CONCEPTS[status]
            swatch = palette.get_swatch(concept)
            edge = "none" if is_addressed else swatch.edge or palette.OUTLINE_COLOUR
            options: dict[str, Any] = {"height": 0.78, "edgecolor": edge, "linewidth": 0.6}
            options |= kwargs
            ax.barh(row_y, 1.0, left=0.0, color=swatch.colour, hatch=swatch.hatch, **options)
            is_dark = is_addressed and row["level"] != "invite"
            # Long themes (the one spelling out CSGSIV) take two lines inside their cell.
            ax.text(
                0.03,
                row_y,
                textwrap.fill(themes[row["theme"]], THEME_WIDTH),
                ha="left",
                va="center",
                fontsize=8,
                linespacing=1.0,
                color=palette.TEXT_ON_DARK_COLOUR if is_dark else palette.TEXT_COLOUR,
                bbox=None
                if swatch.hatch is None
                else {"facecolor": palette.BACKGROUND_COLOUR, "edgecolor": "none", "pad": 1.0},
            )
            ax.text(
                1.03,
                row_y,
                statuses[status],
                ha="left",
                va="center",
                fontsize=8,
                fontweight="bold" if is_addressed else "normal",
                color=palette.TEXT_COLOUR,
            )
        ax.set_yticks(y, list(recs.index))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, 1.3)
        ax.set_ylim(-0.6, len(recs) - 0.4)
        ax.set_xticks([])
        hide_spines(ax)

        # Legend: the levels, then what a pale, grey or hatched cell means.
        handles = [
            palette.make_legend_handle(f"level.{level}", levels[level], edgecolor="none")
            for level in ("require", "request", "invite")
        ]
        shown = ["not_addressed"] if profile.is_covered else [str(recs["status"].iloc[0])]
        handles += [
            palette.make_legend_handle(STATUS_CONCEPTS[s], statuses[s], linewidth=0.6)
            for s in shown
        ]
        add_legend_below(ax, handles, handlelength=1.2, columnspacing=1.0, borderaxespad=0.2)

        if profile.is_covered:
            gap_label = get_gap_labels(lang)[str(profile.gap["gap"].iloc[0])]
            subtitle = get_label("profile.figure.subtitle", lang).format(
                coverage=get_label("coverage.covered", lang),
                gap=gap_label[0].lower() + gap_label[1:],  # "named by VII-2 only"
            )
        else:
            subtitle = get_label(f"profile.figure.subtitle_{profile.coverage}", lang)
        annotate(
            ax,
            title=get_label("profile.figure.title", lang).format(name=profile.get_name(lang)),
            subtitle=subtitle,
            source=get_label("profile.figure.source", lang),
        )
    return ax
