"""The views of the map: the gap, and each recommendation, with their legends."""

from __future__ import annotations

import re

import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.analysis.profile import PartyProfile
from lanzarote_analysis.i18n.labels import check_lang
from lanzarote_analysis.i18n.typography import get_colon
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.plots.palette import get_gap_concept

from ..vocabulary import check_choice
from .map_records import (
    _STATUS_CATEGORY,
    GAP_VIEW,
    REC_CATEGORIES,
    LegendEntry,
    MapView,
    _lower_first,
    compute_party_profiles,
    get_listed_recommendations,
)


def _count_entries(
    categories: dict[str, str], order: tuple[str, ...], labels: dict[str, str], concepts: dict
) -> tuple[LegendEntry, ...]:
    counts = pd.Series(list(categories.values()), dtype=object).value_counts()
    return tuple(
        LegendEntry(
            f"{labels[category]} ({int(counts[category])})",
            concepts[category],
            int(counts[category]),
        )
        for category in order
        if counts.get(category, 0) > 0
    )


def compute_gap_view(profiles: dict[str, PartyProfile], *, lang: str = "en") -> MapView:
    """The gap map's view: every State in the swatch of its gap category."""
    gap_labels = la.get_gap_labels(lang)
    categories = {iso3: str(p.gap["gap"].iloc[0]) for iso3, p in profiles.items()}
    concepts = {category: get_gap_concept(category) for category in gap_labels}
    return MapView(
        view_id=GAP_VIEW,
        option=la.get_label("map.gap.title", lang),
        title=la.get_label("map.gap.title", lang),
        subtitle=la.get_label("map.gap.subtitle", lang),
        source=la.get_label("map.gap.source", lang),
        concepts={iso3: concepts[category] for iso3, category in categories.items()},
        status={iso3: "" for iso3 in profiles},
        legend=_count_entries(categories, tuple(gap_labels), gap_labels, concepts),
    )


def compute_recommendation_view(
    profiles: dict[str, PartyProfile], rec_id: str, *, lang: str = "en", data_dir: PathLike = None
) -> MapView:
    """A recommendation's view: its addressees in the swatch of its level.

    As on the static recommendation maps: the Parties a listed recommendation names,
    or every covered Party for one addressed to all Parties, take the swatch of its
    level; covered Parties it does not name take ``rec.not_named``; unconfirmed and
    not-covered States are drawn as on the gap map.
    """
    recommendation = la.load_recommendations(data_dir).loc[rec_id]
    level, scope = recommendation["level"], recommendation["scope"]
    addressed = "named" if scope == "listed" else "addressed"
    categories = {
        iso3: addressed
        if (status := str(p.recommendations.loc[rec_id, "status"])) == "addressed"
        else _STATUS_CATEGORY[status]
        for iso3, p in profiles.items()
    }
    texts = la.get_labels("map.rec", lang)
    gap_labels = la.get_gap_labels(lang)
    labels = {
        "named": texts["named"],
        "addressed": la.get_label("explore.rec.addressed", lang),
        "not_named": texts["not_named"],
        "unconfirmed": gap_labels["unconfirmed"],
        "not_covered": gap_labels["not_covered"],
    }
    concepts = {
        "named": f"level.{level}",
        "addressed": f"level.{level}",
        "not_named": "rec.not_named",
        "unconfirmed": get_gap_concept("unconfirmed"),
        "not_covered": get_gap_concept("not_covered"),
    }
    theme = la.get_label(f"theme.{recommendation['theme']}", lang)
    statuses = la.get_labels("profile.status", lang)
    colon = get_colon(lang)
    is_in_tooltip = rec_id in get_listed_recommendations(data_dir=data_dir)
    return MapView(
        view_id=rec_id,
        option=f"{rec_id}{colon}{theme}",
        title=texts["title"].format(rec_id=rec_id, theme=_lower_first(theme)),
        subtitle=texts[f"subtitle.{level}"],
        source=texts["source"].format(rec_id=rec_id),
        concepts={iso3: concepts[category] for iso3, category in categories.items()},
        status={
            iso3: ""
            if is_in_tooltip
            else f"{rec_id}{colon}{statuses[str(p.recommendations.loc[rec_id, 'status'])]}"
            for iso3, p in profiles.items()
        },
        legend=_count_entries(categories, REC_CATEGORIES, labels, concepts),
    )


def compute_map_views(
    profiles: dict[str, PartyProfile] | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
) -> dict[str, MapView]:
    """Every view of the map, keyed by view id: ``"gap"`` then VII-1 … VII-7.

    Examples
    --------
    >>> views = compute_map_views()
    >>> list(views)[:3], views["VII-1"].legend[0].label
    (['gap', 'VII-1', 'VII-2'], 'Party named (8)')
    """
    check_lang(lang)
    profiles = compute_party_profiles(data_dir=data_dir) if profiles is None else profiles
    views = {GAP_VIEW: compute_gap_view(profiles, lang=lang)}
    for rec_id in la.load_recommendations(data_dir).index:
        views[rec_id] = compute_recommendation_view(profiles, rec_id, lang=lang, data_dir=data_dir)
    return views


def normalise_view(view: str, views: dict[str, MapView] | list[str], *, what: str = "view") -> str:
    """The view meant by ``view``: ``"gap"`` or a recommendation; case and dashes do not
    matter ("vii 2" is "VII-2").

    Examples
    --------
    >>> normalise_view("vii 2", ["gap", "VII-1", "VII-2"])
    'VII-2'
    """
    known = list(views)
    if view in known:
        return view
    key = re.sub(r"[\s_\u2010-\u2015-]+", "-", str(view).strip().upper())
    if key in known:
        return key
    if key.lower() in known:
        return key.lower()
    return check_choice(view, known, what=what)
