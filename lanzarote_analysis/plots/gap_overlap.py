"""The two-set diagram: the Parties named by VII-1 (involvement), within those named by VII-2."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ..analysis.gaps import compute_civil_society_gaps
from ..analysis.parties import normalise_name
from ..i18n.labels import get_label
from . import palette
from ._base import annotate, write_label
from ._contract import plot_function

FIGSIZE = (7.0, 5.0)
#: What ``data`` is and where ``kwargs`` go, as the docstring says.
DATA_DOC = "the output of :func:`~lanzarote_analysis.compute_civil_society_gaps`"
KWARGS_DOC = "to :func:`matplotlib_venn.venn2`"

#: Region areas of the two-set diagram (involvement only, financing only, both), chosen
#: so that every name fits inside its region; the counts are written, not the areas.
#: An empty region keeps area 0, so nested sets are drawn nested.
OVERLAP_AREAS = (2.0, 2.0, 1.0)
NAME_FONT_SIZE = 8.0
SET_LABEL_WIDTH = 18
NAME_LINE_HEIGHT = 1.25 * NAME_FONT_SIZE


def _region_names(gaps: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """Covered Parties of each Venn region ('10' involvement only, '01', '11'), by name."""
    names = gaps.sort_values(f"name_{lang}", key=lambda s: s.map(normalise_name))
    return {
        region: names.loc[names["gap"].eq(gap), f"name_{lang}"].tolist()
        for region, gap in (("10", "involvement_only"), ("01", "financing_only"), ("11", "both"))
    }


def _set_label(gap: str, n: int, lang: str) -> str:
    name = textwrap.fill(get_label(f"cmp.overlap.{gap}", lang), SET_LABEL_WIDTH)
    return f"{name}\n" + get_label("cmp.n_parties", lang).format(n=n)


@plot_function(figsize=FIGSIZE, data_doc=DATA_DOC, kwargs_doc=KWARGS_DOC)
def plot_gap_overlap(ax, data, *, lang, data_dir, **kwargs):
    """Two-set diagram of the Parties named by VII-1 (involvement) and by VII-2 (financing).

    Every covered Party named by either recommendation is written in its region, filled
    with the palette's swatch of its category (as on the map). Region sizes are chosen
    for legibility, not proportional; the counts are written.

    {parameters}

    Examples
    --------
    >>> ax = plot_gap_overlap(lang="fr")
    >>> "Albanie" in " ".join(t.get_text() for t in ax.texts)
    True
    """
    from matplotlib_venn import venn2
    from matplotlib_venn.layout.venn2 import DefaultLayoutAlgorithm

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

    # Draw the two sets: involvement (A) and financing (B).
    # Opaque: a region is drawn in its category's own colour, not a tint of it.
    options = {"alpha": 1.0} | kwargs
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
            patch.set_facecolor(palette.get_swatch(palette.get_gap_concept(gap)).colour)
            patch.set_edgecolor(palette.TEXT_COLOUR)
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
            color=palette.TEXT_COLOUR,
        )
        write_label(
            ax, str(len(members)), (x, y), offset=(0, block / 2 + 4), fontsize=12, ha="center"
        )

    # Name the sets in the top corners of the Axes, with a leader line to their circle.
    # In Axes coordinates the names always lie within the Axes, so the layout does not
    # depend on the data limits that the equal aspect sets at draw time, and every
    # draw (the inline display, then each saved format) gives the same figure.
    (cx_a, cy_a), (cx_b, cy_b) = ([float(c.x), float(c.y)] for c in venn.centers)
    r_a, r_b = (float(r) for r in venn.radii)
    set_text = {
        "textcoords": "axes fraction",
        "va": "top",
        "color": palette.TEXT_COLOUR,
        "fontsize": 8.5,
        "fontweight": "bold",
        "linespacing": 1.3,
        "arrowprops": {
            "arrowstyle": "-",
            "color": palette.MUTED_TEXT_COLOUR,
            "linewidth": 0.7,
            "shrinkA": 2,
            "shrinkB": 0,
        },
    }
    angle = np.deg2rad(40)
    ax.annotate(
        _set_label("financing", n_financing, lang),
        (cx_b + r_b * np.cos(angle), cy_b + r_b * np.sin(angle)),
        xytext=(1.0, 1.0),
        ha="right",
        **set_text,
    )
    ax.annotate(
        _set_label("involvement", n_involvement, lang),
        (cx_a - r_a * np.cos(angle), cy_a + r_a * np.sin(angle)),
        xytext=(0.0, 1.0),
        ha="left",
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
        source=get_label("cmp.source", lang),
        subtitle_width=100,
    )
