"""A listed recommendation's map: the Parties it names against the other Parties covered."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...analysis.gaps import get_gap_labels
from ...i18n.labels import check_lang, get_labels
from ...io.load import PathLike, load_addressees, load_parties, load_recommendations
from .._base import figure_frame
from .._contract import document_plot
from ..palette import get_gap_concept
from .draw import MapTexts, draw_map
from .frame import MAP_FIGSIZE, fit_figure_to_map

if TYPE_CHECKING:
    from matplotlib.axes import Axes


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


@document_plot
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
    the palette), as in the matrix and the profile; covered Parties it does not name take
    the ``rec.not_named`` swatch; unconfirmed and not-covered States are drawn as on the
    gap map. A new figure is 7 in wide and as tall as the map needs.

    Parameters
    ----------
    rec_id
        A recommendation that names Parties: ``"VII-1"`` or ``"VII-2"`` (case, spaces and
        dashes do not matter).
    data
        Addressees as returned by :func:`~lanzarote_analysis.load_addressees` (indexed
        or with columns ``rec_id`` and ``iso3``); read from ``data_dir`` when ``None``.
    {params}
    **kwargs
        Passed to the :class:`~matplotlib.collections.PatchCollection` of the Parties.

    {returns}

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

    # Draw.
    texts = get_labels("map.rec", lang)
    gap_labels = get_gap_labels(lang)
    legend = {
        "named": (texts["named"], f"level.{level}"),
        "not_named": (texts["not_named"], "rec.not_named"),
        "unconfirmed": (gap_labels["unconfirmed"], get_gap_concept("unconfirmed")),
        "not_covered": (gap_labels["not_covered"], get_gap_concept("not_covered")),
    }
    theme_label = get_labels("theme", lang)[str(recommendation["theme"])]
    map_texts = MapTexts(
        title=texts["title"].format(rec_id=rec_id, theme=theme_label[0].lower() + theme_label[1:]),
        subtitle=texts[f"subtitle.{level}"],
        source=texts["source"].format(rec_id=rec_id),
        legend_title=texts["legend_title"].format(rec_id=rec_id),
    )
    is_new = ax is None
    with figure_frame(ax, MAP_FIGSIZE) as ax:
        draw_map(ax, categories, legend, map_texts, lang=lang, data_dir=data_dir, **kwargs)
        if is_new:
            fit_figure_to_map(ax)
    return ax
