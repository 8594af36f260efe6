"""Parties named by VII-1 and VII-2, by group: EU members and non-members, UN sub-regions."""

from __future__ import annotations

import numpy as np

from ..analysis.gaps import get_gap_labels
from ..analysis.groups import compute_gap_shares_by_group
from ..i18n.labels import get_label, get_subregion_label
from ..vocabulary import ASSESSED_GAPS
from . import palette
from ._base import annotate, write_label
from ._contract import plot_function

FIGSIZE = (7.0, 4.4)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = "the output of :func:`~lanzarote_analysis.compute_gap_shares_by_group`"
KWARGS_DOC = "to :meth:`matplotlib.axes.Axes.barh`"

#: Segments narrower than this share of a bar get no count written in them.
MIN_LABELLED_SHARE = 0.06
#: Characters of legend text that fit on one row above the group bars.
LEGEND_ROW_CHARS = 76


def _group_label(grouping: str, group: str, n: int, lang: str) -> str:
    if grouping == "eu":
        name = get_label(f"cmp.groups.{group}", lang)
    else:
        name = get_subregion_label(group, lang)
    return get_label("cmp.groups.with_n", lang).format(group=name, n=n)


def format_percent(share: float, lang: str) -> str:
    """``50%`` in English, ``50 %`` (narrow no-break space) in French.

    Examples
    --------
    >>> format_percent(0.5, "fr")
    '50\u202f%'
    """
    text = f"{share:.0%}"
    return text.replace("%", "\u202f%") if lang == "fr" else text


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_gaps_by_group(ax, data, *, lang, data_dir, **kwargs):
    """Share of covered Parties in each category of VII-1/VII-2: by EU membership, UN sub-region.

    {parameters}

    Examples
    --------
    >>> ax = plot_gaps_by_group(lang="fr")
    >>> ax.get_yticklabels()[0].get_text()
    "Membres de l'UE (n = 26)"
    """
    # Load inputs.
    if data is None:
        data = compute_gap_shares_by_group(data_dir)
    gap_labels = get_gap_labels(lang)
    n_covered = int(data.loc["eu", "n"].sum())

    # One row per group, a heading row before each grouping, a blank half-row between.
    positions, labels, headings = [], [], []
    row = 0.0
    for grouping in data.index.unique("grouping"):
        headings.append((row, get_label(f"cmp.groups.heading_{grouping}", lang)))
        row += 1
        for group in data.loc[grouping].index:
            labels.append(
                _group_label(grouping, group, int(data.loc[(grouping, group), "n"]), lang)
            )
            positions.append(row)
            row += 1
        row += 0.5
    present = [gap for gap in ASSESSED_GAPS if data[gap].gt(0).any()]

    # Stack the shares, most to do first; write the count of Parties in wide segments.
    # A gap no Party has is left out of bars and legend (the overlap figure shows it).
    left = np.zeros(len(data))
    options = {"height": 0.72, "edgecolor": palette.BORDER_COLOUR, "linewidth": 0.8} | kwargs
    for gap in present:
        share = data[gap].to_numpy(dtype=float)
        bars = ax.barh(
            positions,
            share,
            left=left,
            color=palette.get_swatch(palette.get_gap_concept(gap)).colour,
            label=gap_labels[gap],
            **options,
        )
        counts = np.rint(share * data["n"].to_numpy()).astype(int)
        ax.bar_label(
            bars,
            labels=[
                str(c) if s >= MIN_LABELLED_SHARE else ""
                for c, s in zip(counts, share, strict=True)
            ],
            label_type="center",
            fontsize=7.5,
            color=palette.TEXT_COLOUR,
        )
        left += share

    # Headings sit over the bars, so the tick labels stay short.
    for position, heading in headings:
        write_label(ax, heading, (0, position), xycoords=ax.get_yaxis_transform())
    ax.set_yticks(positions, labels)
    ax.set_ylim(positions[-1] + 0.6, -0.6)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: format_percent(x, lang))
    ax.set_xlabel(get_label("cmp.groups.xlabel", lang))
    ax.tick_params(axis="y", length=0)
    # Top and right too: an Axes passed in by the caller was not made under the theme.
    for side in ("left", "top", "right"):
        ax.spines[side].set_visible(False)

    # Legend above the bars, on two rows when one would not fit.
    n_chars = sum(len(gap_labels[gap]) + 5 for gap in present)
    ncols = len(present) if n_chars <= LEGEND_ROW_CHARS else 2
    n_rows = -(-len(present) // ncols)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=ncols,
        borderaxespad=0.2,
        handlelength=1.2,
        columnspacing=1.2,
    )
    annotate(
        ax,
        title=get_label("cmp.groups.title", lang),
        subtitle=get_label("cmp.groups.subtitle", lang).format(n_covered=n_covered),
        source="\n".join([get_label("cmp.source", lang), get_label("cmp.source_groups", lang)]),
        subtitle_width=84,
        subtitle_lift=4 + 13 * n_rows,
    )
