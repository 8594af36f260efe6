"""Maps of the Parties: who recommendations VII-1 and VII-2 name, together and one by one.

Every map shares one style (``map_style``): EPSG:3035, the same frame, borders, sea and
micro-state markers. Decisions worth knowing:

- Every State of ``parties.csv`` is drawn in the swatch of its category
  (``style.PALETTE``); every other row of the basemap (Kosovo, Belarus, neighbours, and
  Guernsey, Jersey, the Isle of Man, the Faroe Islands and Greenland, which the basemap
  keeps apart from their States) is context, in the ``map.non_party`` swatch.
- Legend entries carry counts computed from the data; a category with no member is left
  out of the legend, so that the legend lists only what the map shows.
- No map labels Kosovo (only micro-states are labelled), so no map needs the Council of
  Europe's note on Kosovo* (see ``data/geo/README.md``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .basemap import load_basemap
from .gaps import GAP_CATEGORIES, compute_civil_society_gaps, get_gap_labels
from .labels import check_lang, get_label, get_labels
from .load import PathLike, load_addressees, load_parties, load_recommendations
from .map_style import (
    add_map_legend,
    create_map_axes,
    draw_microstates,
    draw_states,
    find_microstates,
    fit_figure_to_map,
)
from .style import Swatch, annotate, get_gap_concept, get_swatch, theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Categories of a recommendation map, in legend order.
RECOMMENDATION_CATEGORIES = ("named", "not_named", "unconfirmed", "not_covered")


def _format_entry(label: str, count: int) -> str:
    return f"{label} ({count})"


def _draw_map(
    ax: Axes | None,
    categories: pd.Series,
    swatches: dict[str, Swatch],
    entries: list[tuple[str, str, str | None]],
    *,
    lang: str,
    data_dir: PathLike,
    title: str,
    subtitle: str,
    source: str,
    legend_title: str | None,
) -> Axes:
    """Draw states coloured by ``categories`` (ISO3 → category), micro-states, legend, text."""
    basemap = load_basemap(data_dir)
    unknown = categories.index.difference(basemap.index)
    if len(unknown):
        raise ValueError(
            f"No basemap shape for {', '.join(unknown)}; the data must be "
            "indexed by the ISO3 codes of parties.csv"
        )
    fills = {iso3: swatches[category].colour for iso3, category in categories.items()}
    hatches = {
        iso3: swatches[category].hatch
        for iso3, category in categories.items()
        if swatches[category].hatch
    }
    microstates = find_microstates(basemap, categories.index)
    names = basemap.loc[microstates, f"name_{lang}"].to_dict()

    with theme():
        is_new_figure = ax is None
        ax = create_map_axes(ax)
        draw_states(ax, basemap, fills, hatches)
        draw_microstates(ax, basemap, microstates, fills, names, hatches)
        non_party = get_swatch("map.non_party")
        entries = [*entries, (get_label("map.non_party", lang), non_party.colour, None)]
        add_map_legend(ax, entries, title=legend_title)
        annotate(ax, title=title, subtitle=subtitle, source=source)
        if is_new_figure:
            fit_figure_to_map(ax)
    return ax


def plot_gap_map(
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Map every State of ``parties.csv`` by the recommendations, VII-1 and VII-2, naming it.

    VII-1 and VII-2 name, in their footnotes, the Parties "not already doing so"; a
    covered Party named by neither is shown apart from the States the round did not
    assess (coverage unconfirmed, hatched; not covered, grey).

    Parameters
    ----------
    data
        Gaps as returned by ``compute_civil_society_gaps`` (indexed by ISO3, with a
        ``gap`` column); computed from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``: language of every text of the map.
    data_dir
        Data directory (default: the one in force).
    ax
        Axes to draw on; a new figure 7 in wide, as tall as the map needs, when ``None``.
    **kwargs
        Accepted for the plotting contract; none is used yet.

    Returns
    -------
    The Axes drawn on.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_gap_map(lang="fr")
    >>> ax.get_legend().get_texts()[1].get_text()
    'Citée par VII-2 seulement (9)'
    >>> plt.close(ax.figure)
    """
    # Load inputs.
    check_lang(lang)
    gaps = compute_civil_society_gaps(data_dir) if data is None else data
    if "gap" not in gaps.columns:
        raise ValueError("data must have a 'gap' column, as compute_civil_society_gaps returns")
    categories = gaps["gap"].astype(str)
    unknown = sorted(set(categories) - set(GAP_CATEGORIES))
    if unknown:
        raise ValueError(f"Unknown gap categories {unknown}; expected {list(GAP_CATEGORIES)}")

    # Legend entries, with counts, in category order.
    counts = categories.value_counts()
    labels = get_gap_labels(lang)
    swatches = {category: get_swatch(get_gap_concept(category)) for category in GAP_CATEGORIES}
    entries = [
        (
            _format_entry(labels[category], int(counts[category])),
            swatches[category].colour,
            swatches[category].hatch,
        )
        for category in GAP_CATEGORIES
        if counts.get(category, 0) > 0
    ]

    return _draw_map(
        ax,
        categories,
        swatches,
        entries,
        lang=lang,
        data_dir=data_dir,
        title=get_label("map.gap.title", lang),
        subtitle=get_label("map.gap.subtitle", lang),
        source=get_label("map.gap.source", lang),
        legend_title=None,
    )


def _normalise_rec_id(rec_id: object) -> str:
    """``"vii 1"``, ``"VII–1"`` and ``"VII-1"`` are the same recommendation."""
    return re.sub(r"[\s_\u2010-\u2015-]+", "-", str(rec_id).strip().upper())


def resolve_listed_recommendation(rec_id: str, *, data_dir: PathLike = None) -> str:
    """The ``rec_id`` of ``recommendations.csv`` meant, if it names Parties; else ValueError.

    Case, spaces and dashes do not matter. Only recommendations whose ``scope`` is
    ``listed`` name Parties (in a footnote); the others address every Party.

    Examples
    --------
    >>> resolve_listed_recommendation("vii-2")
    'VII-2'
    >>> resolve_listed_recommendation("VII-3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Recommendation 'VII-3' is addressed to all Parties, ...: VII-1, VII-2
    """
    recommendations = load_recommendations(data_dir)
    listed = recommendations.index[recommendations["scope"].eq("listed")].tolist()
    key = _normalise_rec_id(rec_id)
    if key in listed:
        return key
    if key in recommendations.index:
        raise ValueError(
            f"Recommendation {rec_id!r} is addressed to all Parties, so it has no "
            f"map; recommendations that name Parties: {', '.join(listed)}"
        )
    raise ValueError(
        f"Unknown recommendation {rec_id!r}; recommendations that name Parties: {', '.join(listed)}"
    )


def plot_recommendation_map(
    rec_id: str,
    data: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Map the Parties a listed recommendation names against the other Parties covered.

    Named Parties take the swatch of the recommendation's level (``level.<level>`` in
    ``style.PALETTE``), as in the matrix and the profile; covered Parties it does not
    name take the ``rec.not_named`` swatch; unconfirmed and not-covered States are drawn
    as on the gap map.

    Parameters
    ----------
    rec_id
        A recommendation that names Parties: ``"VII-1"`` or ``"VII-2"`` (case, spaces and
        dashes do not matter).
    data
        Addressees as returned by ``load_addressees`` (indexed or with columns
        ``rec_id`` and ``iso3``); read from ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``: language of every text of the map.
    data_dir
        Data directory (default: the one in force).
    ax
        Axes to draw on; a new figure 7 in wide, as tall as the map needs, when ``None``.
    **kwargs
        Accepted for the plotting contract; none is used yet.

    Returns
    -------
    The Axes drawn on.

    Raises
    ------
    ValueError
        For a recommendation that does not exist or that names no Party, or an unknown
        language.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_recommendation_map("VII-1")
    >>> ax.get_legend().get_texts()[0].get_text()
    'Party named (8)'
    >>> plt.close(ax.figure)
    """
    # Load inputs.
    check_lang(lang)
    rec_id = resolve_listed_recommendation(rec_id, data_dir=data_dir)
    addressees = (load_addressees(data_dir) if data is None else data).reset_index()
    named = set(addressees.loc[addressees["rec_id"].eq(rec_id), "iso3"])
    parties = load_parties(data_dir)
    recommendation = load_recommendations(data_dir).loc[rec_id]
    level = recommendation["level"]

    # Classify every State of parties.csv.
    coverage = parties["round2_coverage"].astype(str)
    not_assessed = sorted(named - set(coverage.index[coverage.eq("covered")]))
    if not_assessed:
        raise ValueError(
            f"{rec_id} names States that the round did not cover: {', '.join(not_assessed)}"
        )
    categories = coverage.where(~coverage.eq("covered"), "not_named")
    categories[categories.index.isin(sorted(named))] = "named"

    # Legend entries, with counts, in category order.
    texts = get_labels("map.rec", lang)
    gap_labels = get_gap_labels(lang)
    swatches = {
        "named": get_swatch(f"level.{level}"),
        "not_named": get_swatch("rec.not_named"),
        "unconfirmed": get_swatch(get_gap_concept("unconfirmed")),
        "not_covered": get_swatch(get_gap_concept("not_covered")),
    }
    names = {
        "named": texts["named"],
        "not_named": texts["not_named"],
        "unconfirmed": gap_labels["unconfirmed"],
        "not_covered": gap_labels["not_covered"],
    }
    counts = categories.value_counts()
    entries = [
        (
            _format_entry(names[category], int(counts[category])),
            swatches[category].colour,
            swatches[category].hatch,
        )
        for category in RECOMMENDATION_CATEGORIES
        if counts.get(category, 0) > 0
    ]

    theme_label = get_label(f"theme.{recommendation['theme']}", lang)
    return _draw_map(
        ax,
        categories,
        swatches,
        entries,
        lang=lang,
        data_dir=data_dir,
        title=texts["title"].format(rec_id=rec_id, theme=theme_label[0].lower() + theme_label[1:]),
        subtitle=texts[f"subtitle.{level}"],
        source=texts["source"].format(rec_id=rec_id),
        legend_title=texts["legend_title"].format(rec_id=rec_id),
    )
