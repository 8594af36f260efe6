"""The one visual theme of every figure: fonts, sizes, and the palette.

Figures are byte-reproducible only if every run uses the same settings, so the theme
is set here and nowhere else. Every colour and hatch of every figure is here too, by
concept (:data:`PALETTE`): a concept is drawn the same way in every figure, and no
colour means two things. Hues follow the Okabe-Ito palette where a concept needs a
strong colour (safe for the common colour-vision deficiencies); the one uncertain
concept (coverage unconfirmed) is a hatch, so that it reads without colour.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

#: Structural colours: text, frames, sea and borders. They carry no data, so the
#: palette below never uses them.
TEXT_COLOUR = "#222222"
MUTED_TEXT_COLOUR = "#555555"
#: Text written on a dark fill (the two darker levels).
TEXT_ON_DARK_COLOUR = "#FFFFFF"
BACKGROUND_COLOUR = "#FFFFFF"
OUTLINE_COLOUR = "#7F7F7F"
#: Borders between neighbouring shapes: white, so that neighbouring fills stay apart.
BORDER_COLOUR = "#FFFFFF"
SEA_COLOUR = "#E1ECF4"
MARKER_EDGE_COLOUR = "#333333"
STRUCTURAL_COLOURS = frozenset(
    {
        TEXT_COLOUR,
        MUTED_TEXT_COLOUR,
        TEXT_ON_DARK_COLOUR,
        BACKGROUND_COLOUR,
        OUTLINE_COLOUR,
        BORDER_COLOUR,
        SEA_COLOUR,
        MARKER_EDGE_COLOUR,
    }
)


@dataclass(frozen=True)
class Swatch:
    """How one concept is drawn, in every figure that shows it.

    ``edge`` is the outline the concept needs to be recognised (the hatched concept's
    dark outline), or ``None`` for the figure's usual edge. ``labels`` are the keys of
    ``labels.csv`` that may name the concept in a legend.
    """

    colour: str
    hatch: str | None = None
    edge: str | None = None
    labels: tuple[str, ...] = ()


#: The report's one palette: concept → swatch. Every figure takes its fills and hatches
#: from here, so a colour means the same thing in every figure, and a colour that marks a
#: Party named by VII-1 or VII-2 is never the colour of a Party named by neither.
#: Okabe-Ito hues where a concept needs a strong colour; tests check that any two
#: swatches stay apart for the common colour-vision deficiencies too.
PALETTE: dict[str, Swatch] = {
    # Covered Parties by the recommendations (VII-1, VII-2) that name them
    # (``gaps.GAP_CATEGORIES``).
    "gap.both": Swatch("#D55E00", labels=("gap.both",)),  # vermillion
    "gap.involvement_only": Swatch("#CC79A7", labels=("gap.involvement_only",)),
    "gap.financing_only": Swatch("#E69F00", labels=("gap.financing_only",)),  # orange
    # Named by neither: a pale lavender, apart from every level blue and, for
    # deuteranopes and protanopes too, from the grey of the States not covered.
    "gap.none": Swatch("#B9B3DC", labels=("gap.none",)),
    # Coverage by the round. Uncertainty is a hatch on white, never a colour.
    "coverage.unconfirmed": Swatch(
        "#FFFFFF",
        hatch="////",
        edge="#555555",
        labels=("gap.unconfirmed", "coverage.unconfirmed", "profile.status.not_known"),
    ),
    "coverage.not_covered": Swatch(
        "#BDBDBD",
        labels=("gap.not_covered", "coverage.not_covered", "profile.status.not_covered"),
    ),
    # Context on maps: pale, with a light outline so that coasts read on the sea.
    "map.non_party": Swatch("#F0F0F0", edge="#C4C4C4", labels=("map.non_party",)),
    # The level of a recommendation a Party receives: one hue, darker for stronger
    # obligations (reads in greyscale). On a recommendation's map, "Party named".
    "level.require": Swatch("#08306B", labels=("level.require", "map.rec.named")),
    "level.request": Swatch("#4292C6", labels=("level.request", "map.rec.named")),
    "level.invite": Swatch("#C6DBEF", labels=("level.invite",)),
    # A covered Party that a listed recommendation does not name: maps, matrix, profile.
    "rec.not_named": Swatch(
        "#E3D7B5",
        labels=("map.rec.not_named", "cmp.not_addressed", "profile.status.not_received"),
    ),
    # A Party the factsheet cites for a practice or a children's-rights body.
    "practice.cited": Swatch("#F0E442", labels=("cmp.practices.cited",)),  # yellow
    # A headline count of Parties (its total is an outline, no fill).
    "indicator.value": Swatch("#009E73"),  # bluish green
}


def get_swatch(concept: str) -> Swatch:
    """The swatch of a concept of :data:`PALETTE`.

    Examples
    --------
    >>> get_swatch("coverage.unconfirmed").hatch
    '////'
    """
    try:
        return PALETTE[concept]
    except KeyError:
        raise KeyError(f"No concept {concept!r} in style.PALETTE") from None


def get_gap_concept(category: str) -> str:
    """The palette concept of a gap category of ``gaps.GAP_CATEGORIES``.

    Examples
    --------
    >>> get_gap_concept("financing_only"), get_gap_concept("unconfirmed")
    ('gap.financing_only', 'coverage.unconfirmed')
    """
    if category in ("unconfirmed", "not_covered"):
        return f"coverage.{category}"
    return f"gap.{category}"


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
#: Points kept free on each side of a source line that is wrapped to its figure's width.
SOURCE_MARGIN_POINTS = 6.0


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
            wrap_to_width(
                source,
                ax.get_figure(root=True).get_figwidth() * 72 - 2 * SOURCE_MARGIN_POINTS,
                fontsize=SOURCE_FONT_SIZE,
            ),
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


def wrap_to_width(text: str, width: float, *, fontsize: float) -> str:
    """``text`` with every line (``\\n`` starts one) wrapped to ``width`` points.

    Words are measured in the theme's font at ``fontsize``, so that a source line is
    never wider than its figure: a wider text would make the constrained layout shrink
    the Axes to fit it.

    Examples
    --------
    >>> wrap_to_width("Source: Lanzarote Committee", 60, fontsize=7)
    'Source:\\nLanzarote\\nCommittee'
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(family=FONT_FAMILY, size=fontsize)

    def measure(line: str) -> float:
        return text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]

    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > width:
                lines.append(line)
                candidate = word
            line = candidate
        lines.append(line)
    return "\n".join(lines)


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
