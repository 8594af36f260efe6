"""Figures of the civil society gaps: how the two gaps overlap, how they spread across
groups of Parties, and how they sit beside the practices the Committee praised."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .compare import (
    ASSESSED_GAPS,
    GAP_RECOMMENDATIONS,
    PRACTICE_KINDS,
    compute_gap_shares_by_group,
    compute_practices_vs_gaps,
)
from .comparison_figure import annotate, create_axes
from .gaps import compute_civil_society_gaps, get_gap_labels
from .labels import check_lang, get_label, get_labels, get_subregion_label
from .load import PathLike, load_recommendations

OVERLAP_FIGSIZE = (7.0, 5.0)
GROUPS_FIGSIZE = (7.0, 4.4)
PRACTICES_FIGSIZE = (7.0, 3.6)

#: Region areas of the two-set diagram (involvement only, financing only, both), chosen
#: so that every name fits inside its region; the counts are written, not the areas.
#: An empty region keeps area 0, so nested sets are drawn nested.
OVERLAP_AREAS = (2.0, 2.0, 1.0)
NAME_FONT_SIZE = 8.0
SET_LABEL_WIDTH = 18
NAME_LINE_HEIGHT = 1.25 * NAME_FONT_SIZE

#: Marks of the practices table.
PRACTICE_COLOUR = "#009E73"  # Okabe-Ito bluish green: praised, not a gap.
EMPTY_COLOUR = "#C8C8C8"
BOTH_SIDES_SHADE = "#EDEDED"

#: Segments narrower than this share of a bar get no count written in them.
MIN_LABELLED_SHARE = 0.06
#: Characters of legend text that fit on one row above the group bars.
LEGEND_ROW_CHARS = 76


def _region_names(gaps: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """Covered Parties of each Venn region ('10' involvement only, '01', '11'), by name."""
    names = gaps.sort_values(f"name_{lang}", key=lambda s: s.str.casefold())
    return {
        region: names.loc[names["gap"].eq(gap), f"name_{lang}"].tolist()
        for region, gap in (("10", "involvement_only"), ("01", "financing_only"), ("11", "both"))
    }


def _set_label(gap: str, n: int, lang: str) -> str:
    name = textwrap.fill(get_label(f"cmp.overlap.{gap}", lang), SET_LABEL_WIDTH)
    return f"{name}\n" + get_label("cmp.n_parties", lang).format(n=n)


def plot_gap_overlap(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Two-set diagram of the Parties lacking involvement (VII-1) and financing (VII-2).

    Every covered Party named by either recommendation is written in its region. Region
    sizes are chosen for legibility, not proportional; the counts are written.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.gaps.compute_civil_society_gaps`;
        computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.
    ax
        Axes to draw into; a new 7 × 5 inch figure when ``None``.
    **kwargs
        Passed to :func:`matplotlib_venn.venn2` (e.g. ``alpha``).

    Returns
    -------
    The Axes drawn into.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_gap_overlap(lang="fr")
    >>> "Albanie" in " ".join(t.get_text() for t in ax.texts)
    True
    >>> plt.close(ax.figure)
    """
    from matplotlib_venn import venn2
    from matplotlib_venn.layout.venn2 import DefaultLayoutAlgorithm

    check_lang(lang)
    # Load inputs.
    if data is None:
        data = compute_civil_society_gaps(data_dir)
    names = _region_names(data, lang)
    sizes = {region: len(members) for region, members in names.items()}
    n_involvement, n_financing = sizes["10"] + sizes["11"], sizes["01"] + sizes["11"]
    areas = tuple(
        area if sizes[region] else 0.0
        for region, area in zip(("10", "01", "11"), OVERLAP_AREAS, strict=True)
    )

    with style.theme():
        ax = create_axes(ax, OVERLAP_FIGSIZE)
        # Draw the two sets: involvement (A) and financing (B).
        options = {"alpha": 0.45} | kwargs
        venn = venn2(
            subsets=(sizes["10"], sizes["01"], sizes["11"]),
            set_labels=None,
            ax=ax,
            layout_algorithm=DefaultLayoutAlgorithm(fixed_subset_sizes=areas),
            **options,
        )
        for region, gap in (("10", "involvement_only"), ("01", "financing_only"), ("11", "both")):
            patch = venn.get_patch_by_id(region)
            if patch is not None and not sizes[region]:
                patch.remove()  # an empty region may still come as a degenerate shape
            elif patch is not None:
                patch.set_facecolor(style.GAP_COLOURS[gap])
                patch.set_edgecolor(style.TEXT_COLOUR)
                patch.set_linewidth(0.8)
            label = venn.get_label_by_id(region)
            if label is not None:
                label.set_visible(False)

        # Write each region's count, then its Parties, centred on the region.
        for region, members in names.items():
            label = venn.get_label_by_id(region)
            if not members or label is None:
                continue
            x, y = label.get_position()
            block = len(members) * NAME_LINE_HEIGHT
            ax.annotate(
                "\n".join(members),
                (x, y),
                xytext=(0, -6),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=NAME_FONT_SIZE,
                linespacing=1.25,
                color=style.TEXT_COLOUR,
            )
            ax.annotate(
                str(len(members)),
                (x, y),
                xytext=(0, block / 2 + 4),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=12,
                fontweight="bold",
                color=style.TEXT_COLOUR,
            )

        # Name the sets beside their circles, with their sizes.
        (cx_a, cy_a), (cx_b, cy_b) = ([float(c.x), float(c.y)] for c in venn.centers)
        r_a, r_b = (float(r) for r in venn.radii)
        set_text = {
            "color": style.TEXT_COLOUR,
            "fontsize": 8.5,
            "fontweight": "bold",
            "linespacing": 1.3,
            "arrowprops": {
                "arrowstyle": "-",
                "color": style.MUTED_TEXT_COLOUR,
                "linewidth": 0.7,
                "shrinkA": 2,
                "shrinkB": 0,
            },
        }
        angle = np.deg2rad(40)
        ax.annotate(
            _set_label("financing", n_financing, lang),
            (cx_b + r_b * np.cos(angle), cy_b + r_b * np.sin(angle)),
            xytext=(cx_b + r_b * 1.04, cy_b + r_b * 0.9),
            ha="left",
            va="center",
            **set_text,
        )
        ax.annotate(
            _set_label("involvement", n_involvement, lang),
            (cx_a - r_a * np.cos(angle), cy_a + r_a * np.sin(angle)),
            xytext=(cx_b - r_b * 1.04, cy_b + r_b * 0.9),
            ha="right",
            va="center",
            **set_text,
        )
        # Fill the Axes' height with the circles; the width left over holds the set names.
        ax.margins(0.01)
        ax.autoscale(enable=True, tight=True)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_axis_off()

        annotate(
            ax,
            title=get_label("cmp.overlap.title", lang),
            subtitle=get_label("cmp.overlap.subtitle", lang).format(
                n_involvement=n_involvement, n_financing=n_financing, n_both=sizes["11"]
            ),
            lang=lang,
            subtitle_width=100,
        )
    return ax


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


def plot_gaps_by_group(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Share of covered Parties with each gap: EU members vs non-members, UN sub-regions.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.compare.compute_gap_shares_by_group`;
        computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.
    ax
        Axes to draw into; a new 7 × 4.4 inch figure when ``None``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    The Axes drawn into.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_gaps_by_group(lang="fr")
    >>> ax.get_yticklabels()[0].get_text()
    "Membres de l'UE (n = 26)"
    >>> plt.close(ax.figure)
    """
    check_lang(lang)
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

    with style.theme():
        ax = create_axes(ax, GROUPS_FIGSIZE, source_lines=2)
        # Stack the shares, most to do first; write the count of Parties in wide segments.
        # A gap no Party has is left out of bars and legend (the overlap figure shows it).
        left = np.zeros(len(data))
        options = {"height": 0.72, "edgecolor": "white", "linewidth": 0.8} | kwargs
        for gap in present:
            share = data[gap].to_numpy(dtype=float)
            bars = ax.barh(
                positions,
                share,
                left=left,
                color=style.GAP_COLOURS[gap],
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
                color=style.TEXT_COLOUR,
            )
            left += share

        # Headings sit over the bars, so the tick labels stay short.
        for position, heading in headings:
            ax.text(
                0,
                position,
                heading,
                transform=ax.get_yaxis_transform(),
                ha="left",
                va="center",
                fontsize=8.5,
                fontweight="bold",
                color=style.TEXT_COLOUR,
            )
        ax.set_yticks(positions, labels)
        ax.set_ylim(positions[-1] + 0.6, -0.6)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda x, _: format_percent(x, lang))
        ax.set_xlabel(get_label("cmp.groups.xlabel", lang))
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)

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
            lang=lang,
            source_keys=("cmp.source", "cmp.source_groups"),
            subtitle_width=84,
            subtitle_lift=4 + 13 * n_rows,
        )
    return ax


def plot_practices_vs_gaps(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Parties praised for a practice or a children's-rights body, and their VII-1/VII-2.

    Rows on both sides (a practice and a recommendation) are shaded.

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

    with style.theme():
        ax = create_axes(ax, PRACTICES_FIGSIZE)
        # Shade the Parties on both sides.
        has_practice = data[list(PRACTICE_KINDS)].any(axis=1).to_numpy()
        has_rec = data[rec_ids].notna().any(axis=1).to_numpy()
        for row in rows[has_practice & has_rec]:
            ax.axhspan(row - 0.5, row + 0.5, color=BOTH_SIDES_SHADE, linewidth=0, zorder=0)
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
                color=EMPTY_COLOUR,
                s=20,
                zorder=2,
            )

        for column, kind in enumerate(PRACTICE_KINDS):
            mark_column(column, data[kind].to_numpy(dtype=bool), "o", PRACTICE_COLOUR)
        for column, rec_id in enumerate(rec_ids, start=len(PRACTICE_KINDS)):
            level = data[rec_id]
            named = level.notna().to_numpy()
            colours = [style.LEVEL_COLOURS[str(v)] for v in level[named]]
            mark_column(column, named, "s", colours)

        # Table frame: headers on top, Party names on the left.
        ax.set_xticks(np.arange(len(headers)), headers)
        ax.xaxis.tick_top()
        ax.set_yticks(rows, data[f"name_{lang}"].tolist())
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
                markerfacecolor=PRACTICE_COLOUR,
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
                    markerfacecolor=style.LEVEL_COLOURS[level],
                    markeredgecolor=style.TEXT_COLOUR,
                    markeredgewidth=0.6,
                    label=levels[level],
                )
            )
        handles.append(
            Patch(facecolor=BOTH_SIDES_SHADE, label=get_label("cmp.practices.both_sides", lang))
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
