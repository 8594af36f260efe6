"""Every colour and hatch of every figure, by concept: one meaning per colour.

A concept (a gap category, a coverage status, a level, ...) is drawn the same way in every
figure, and no colour means two things. Hues follow the Okabe-Ito palette where a concept
needs a strong colour (safe for the common colour-vision deficiencies); the one uncertain
concept (coverage unconfirmed) is a hatch, so that it reads without colour.
``tests/test_palette.py`` checks every figure's artists against this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..vocabulary import GAP_CATEGORIES, check_choice

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
    # The level of a recommendation addressed to a Party: one hue, darker for stronger
    # obligations (reads in greyscale). On a recommendation's map, "Party named".
    "level.require": Swatch("#08306B", labels=("level.require", "map.rec.named")),
    "level.request": Swatch("#4292C6", labels=("level.request", "map.rec.named")),
    "level.invite": Swatch("#C6DBEF", labels=("level.invite",)),
    # A covered Party that a listed recommendation does not name: maps, matrix, profile.
    "rec.not_named": Swatch(
        "#E3D7B5",
        labels=("map.rec.not_named", "cmp.not_addressed", "profile.status.not_addressed"),
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
        raise KeyError(f"No concept {concept!r} in palette.PALETTE") from None


def get_colours(family: str) -> dict[str, str]:
    """Value → colour of one family of concepts, for pandas' and seaborn's ``palette=``.

    So that a plot made in a notebook colours the levels (``"level"``), the gap
    categories (``"gap"``, all of ``GAP_CATEGORIES``) or the coverage (``"coverage"``)
    as the report does, e.g. ``sns.countplot(..., hue="level",
    palette=la.get_colours("level"))``. Hatches are not colours: the unconfirmed
    coverage is white here, and hatched only in the package's own figures.

    Examples
    --------
    >>> get_colours("level")
    {'require': '#08306B', 'request': '#4292C6', 'invite': '#C6DBEF'}
    >>> get_colours("gap")["unconfirmed"]
    '#FFFFFF'
    """
    if family == "gap":  # the two coverage categories are drawn as coverage
        return {c: get_swatch(get_gap_concept(c)).colour for c in GAP_CATEGORIES}
    families = sorted({concept.partition(".")[0] for concept in PALETTE})
    prefix = f"{check_choice(family, families, what='palette family')}."
    return {
        concept.removeprefix(prefix): swatch.colour
        for concept, swatch in PALETTE.items()
        if concept.startswith(prefix)
    }


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


def make_legend_handle(concept: str, label: str, **kwargs: Any):
    """A legend entry drawn in the swatch of ``concept``, edged as the concept needs.

    Examples
    --------
    >>> make_legend_handle("coverage.unconfirmed", "Coverage unconfirmed").get_hatch()
    '////'
    """
    from matplotlib.patches import Patch

    swatch = get_swatch(concept)
    options: dict[str, Any] = {"edgecolor": swatch.edge or OUTLINE_COLOUR, "linewidth": 0.5}
    options |= kwargs
    return Patch(facecolor=swatch.colour, hatch=swatch.hatch, label=label, **options)
