"""The one visual theme of every figure: fonts, sizes, colours.

Figures are byte-reproducible only if every run uses the same settings, so the theme
is set here and nowhere else. Colours follow the Okabe-Ito palette (safe for the
common colour-vision deficiencies); categories that must also read in greyscale or
for colour-blind readers get a hatch as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Bundled with matplotlib, so every machine renders the same glyphs.
FONT_FAMILY = "DejaVu Sans"

RC_PARAMS: dict[str, Any] = {
    "font.family": FONT_FAMILY,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "hatch.linewidth": 0.6,
    # Reproducible SVG: fixed ids, text as paths (no dependence on installed fonts).
    "svg.hashsalt": "lanzarote-analysis",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
}

#: Colours of the civil society gap categories (see ``gaps.GAP_CATEGORIES``).
GAP_COLOURS: dict[str, str] = {
    "both": "#D55E00",  # vermillion
    "involvement_only": "#CC79A7",  # reddish purple
    "financing_only": "#E69F00",  # orange
    "none": "#56B4E9",  # sky blue
    "unconfirmed": "#FFFFFF",  # white with hatching: uncertainty must not read as a colour
    "not_covered": "#BDBDBD",  # mid grey
}
#: Hatches: the unconfirmed category is recognisable without colour.
GAP_HATCHES: dict[str, str] = {"unconfirmed": "////"}
UNCONFIRMED_EDGE = "#555555"

#: States that are not Parties (context only on maps).
NON_PARTY_COLOUR = "#F0F0F0"
BORDER_COLOUR = "#FFFFFF"
OUTLINE_COLOUR = "#7F7F7F"

#: Recommendation levels: one hue, darker for stronger obligations (reads in greyscale).
LEVEL_COLOURS: dict[str, str] = {
    "require": "#08306B",
    "request": "#4292C6",
    "invite": "#C6DBEF",
}
NOT_ADDRESSED_COLOUR = "#F7F7F7"

TEXT_COLOUR = "#222222"
MUTED_TEXT_COLOUR = "#555555"


@contextmanager
def theme() -> Iterator[None]:
    """Apply the project theme within a ``with`` block, and only there.

    Only the settings of :data:`RC_PARAMS` are set, and only they are restored on exit.
    ``matplotlib.rc_context`` would restore *every* setting, undoing what the first
    figure of a Jupyter kernel sets for good: creating it loads the inline backend,
    which switches interactive mode on so that every cell shows its figures. Undone,
    only the kernel's first figure would ever show.

    Examples
    --------
    >>> import matplotlib
    >>> with theme():
    ...     matplotlib.rcParams["font.family"]
    ['DejaVu Sans']
    """
    import matplotlib as mpl

    saved = {key: mpl.rcParams[key] for key in RC_PARAMS}
    mpl.rcParams.update(RC_PARAMS)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


#: Gap between the box of an Axes (with its tick labels and legend) and its source line.
SOURCE_GAP_POINTS = 4.0
#: Font size of the source line.
SOURCE_FONT_SIZE = 7.0


def annotate(ax, *, title: str, subtitle: str | None = None, source: str | None = None) -> None:
    """Write a figure's title and subtitle above ``ax`` and its source line below it.

    Offsets are in points, so the layout holds at any figure size. The source line
    (``gid="source"``) hangs under the box of ``ax`` with its tick labels and legend,
    starting at that box's left edge. It takes part in the layout like any label of
    the Axes: a constrained layout makes room for it, and ``bbox_inches="tight"``
    (Jupyter's inline default) keeps it whole and in place. Alone in its figure or in
    an analyst's grid, the same rule applies, so two sources never overlap.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> annotate(ax, title="Title", subtitle="Subtitle", source="Source: ...")
    >>> [t.get_text() for t in ax.texts]
    ['Subtitle', 'Source: ...']
    >>> plt.close(fig)
    """
    ax.set_title(title, loc="left", fontweight="bold", color=TEXT_COLOUR, pad=20 if subtitle else 6)
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=8.5,
            color=MUTED_TEXT_COLOUR,
            gid="subtitle",
        )
    if source:
        ax.annotate(
            source,
            xy=(0, 0),
            xycoords=_below(ax),
            xytext=(0, -SOURCE_GAP_POINTS),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=SOURCE_FONT_SIZE,
            color=MUTED_TEXT_COLOUR,
            gid="source",
        )


def find_text(ax, gid: str):
    """The ``"subtitle"`` or ``"source"`` that :func:`annotate` wrote on ``ax``, or ``None``."""
    return next((text for text in ax.texts if text.get_gid() == gid), None)


def _below(ax):
    """The box of ``ax`` with its tick labels and legend, as annotate's coordinates.

    Computed at draw time from the Axes' own parts only (never from the source line
    itself), so that the source keeps the same place relative to the Axes whatever
    the figure's size or the caller's ``bbox_inches``.
    """
    from matplotlib.transforms import Bbox

    def box(renderer):
        boxes = [ax.get_window_extent(renderer)]
        for artist in (ax.xaxis, ax.yaxis, ax.get_legend()):
            if artist is None or not artist.get_visible():
                continue
            extent = artist.get_tightbbox(renderer)
            if extent is not None and extent.width > 0 and extent.height > 0:
                boxes.append(extent)
        return Bbox.union(boxes)

    return box
