"""What the interactive map says about each State, and how each view colours it.

One record per State of ``parties.csv``, built from the State's profile
(:func:`~lanzarote_analysis.compute_party_profile`), so that the map says what the
profile says, in the profile's words. A *view* is what the map is coloured by:
``"gap"`` (who VII-1 and VII-2 name, as on the static gap map) or one recommendation,
``"VII-1"`` … ``"VII-7"`` (whom it addresses, as on the static recommendation maps).
Colours and hatches are concepts of the report's one palette (``style.PALETTE``).
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass

import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.analysis.profile import PartyProfile, tabulate_party_profile
from lanzarote_analysis.i18n.labels import check_lang
from lanzarote_analysis.i18n.typography import get_colon
from lanzarote_analysis.io.data_package import PathLike, load_data_package

#: The view of the gap map (VII-1 and VII-2 together); the other views are rec_ids.
GAP_VIEW = "gap"

#: Profile status → category of a recommendation's view, in legend order. A
#: recommendation addressed to all Parties names nobody: its addressees are "addressed".
REC_CATEGORIES = ("named", "addressed", "not_named", "unconfirmed", "not_covered")
_STATUS_CATEGORY = {
    "not_addressed": "not_named",
    "not_known": "unconfirmed",
    "not_covered": "not_covered",
}

_profiles: dict[tuple, dict[str, PartyProfile]] = {}
_profiles_lock = threading.Lock()

#: Columns of :func:`compute_map_records`.
RECORD_COLUMNS = (
    "name",
    "coverage",
    "coverage_label",
    "gap",
    "gap_label",
    "asked",
    "practices",
)


@dataclass(frozen=True)
class LegendEntry:
    """One line of a view's legend: its words (with the count) and its palette concept."""

    label: str
    concept: str
    count: int


@dataclass(frozen=True)
class MapView:
    """One way of colouring the map: by the gap, or by one recommendation.

    ``concepts`` maps every State's ISO3 code to its palette concept; ``status`` holds,
    for a recommendation other than VII-1 and VII-2 (which every tooltip already
    states), what it says of each State, for the tooltip.
    """

    view_id: str
    option: str
    title: str
    subtitle: str
    source: str
    concepts: dict[str, str]
    status: dict[str, str]
    legend: tuple[LegendEntry, ...]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def compute_party_profiles(*, data_dir: PathLike = None) -> dict[str, PartyProfile]:
    """The profile of every State of ``parties.csv``, in its order.

    The profiles of the last data read are kept (by directory and digest of the data):
    a report in two languages, or a notebook showing several maps, computes them once.
    Callers must not modify them.
    """
    package = load_data_package(data_dir)
    key = (package.data_dir, package.digest)
    with _profiles_lock:
        if key not in _profiles:
            _profiles.clear()
            _profiles[key] = {
                iso3: la.compute_party_profile(iso3, data_dir=package.data_dir)
                for iso3 in package.tables["parties"].index
            }
        return dict(_profiles[key])


def get_listed_recommendations(*, data_dir: PathLike = None) -> list[str]:
    """The recommendations whose footnotes name Parties (VII-1 and VII-2)."""
    recommendations = la.load_recommendations(data_dir)
    return recommendations.index[recommendations["scope"].eq("listed")].tolist()


def describe_asked(profile: PartyProfile, rec_id: str, *, lang: str = "en") -> str:
    """What recommendation ``rec_id`` asked of the State of ``profile``, in its words.

    For a recommendation addressed to the State: its level and its summary (the
    source's wording, as in the profile). Otherwise the profile's status: not
    addressed, not known (coverage unconfirmed) or not concerned (not covered).

    Examples
    --------
    >>> describe_asked(la.compute_party_profile("ALB"), "VII-1")[:33]
    'Requires: Involve civil society b'
    >>> describe_asked(la.compute_party_profile("NOR"), "VII-1", lang="fr")
    'Inconnue'
    """
    check_lang(lang)
    row = profile.recommendations.loc[rec_id]
    if row["status"] == "addressed":
        level = la.get_label(f"level.{row['level']}", lang)
        return f"{level}{get_colon(lang)}{row[f'summary_{lang}']}"
    return la.get_label(f"profile.status.{row['status']}", lang)


def describe_practices(profile: PartyProfile, *, lang: str = "en") -> tuple[str, ...]:
    """The State's promising practices and children's-rights bodies, as the profile words them.

    Each is its kind, then its summary (with the instrument's title, quoted), as in
    :func:`~lanzarote_analysis.profile.tabulate_party_profile`.
    """
    table = tabulate_party_profile(profile, lang=lang)
    practices = table.iloc[len(profile.recommendations) :]
    kind = la.get_label("profile.column.kind", lang)
    summary = la.get_label("profile.column.summary", lang)
    colon = get_colon(lang)
    return tuple(f"{row[kind]}{colon}{row[summary]}" for _, row in practices.iterrows())


def compute_map_records(
    profiles: dict[str, PartyProfile] | None = None,
    *,
    lang: str = "en",
    data_dir: PathLike = None,
) -> pd.DataFrame:
    """What the map says about each State: one row per State of ``parties.csv``.

    Parameters
    ----------
    profiles
        The profiles of every State (:func:`compute_party_profiles`); computed when
        ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory (default: the one in force).

    Returns
    -------
    DataFrame indexed by ``iso3``, in the order of ``parties.csv``: ``name``,
    ``coverage`` and ``gap`` (codes) with their labels, ``asked`` (recommendation →
    what it asked of the State, for VII-1 and VII-2) and ``practices`` (a tuple of
    texts).

    Examples
    --------
    >>> records = compute_map_records(lang="fr")
    >>> records.loc["MLT", ["name", "gap_label"]].tolist()
    ['Malte', 'Citée par VII-2 seulement']
    """
    check_lang(lang)
    profiles = compute_party_profiles(data_dir=data_dir) if profiles is None else profiles
    listed = get_listed_recommendations(data_dir=data_dir)
    gap_labels = la.get_gap_labels(lang)
    rows = []
    for iso3, profile in profiles.items():
        gap = str(profile.gap["gap"].iloc[0])
        rows.append(
            {
                "iso3": iso3,
                "name": profile.get_name(lang),
                "coverage": profile.coverage,
                "coverage_label": la.get_label(f"coverage.{profile.coverage}", lang),
                "gap": gap,
                "gap_label": gap_labels[gap],
                "asked": {rec_id: describe_asked(profile, rec_id, lang=lang) for rec_id in listed},
                "practices": describe_practices(profile, lang=lang),
            }
        )
    return pd.DataFrame(rows, columns=["iso3", *RECORD_COLUMNS]).set_index("iso3")


def format_tooltip(record: pd.Series, *, lang: str = "en") -> str:
    """The tooltip of one State as HTML: name, coverage and gap, what VII-1 and VII-2
    asked of it, its practices. Every text is escaped.

    Styles are inline: the tooltip is drawn inside bokeh's shadow DOM, which the
    page's style sheet does not reach.

    Examples
    --------
    >>> records = compute_map_records()
    >>> "Coverage unconfirmed" in format_tooltip(records.loc["NOR"])
    True
    """
    colon = get_colon(lang)

    def line(text: str, *, head: str | None = None) -> str:
        start = f"<b>{html.escape(head)}</b>{html.escape(colon)}" if head else ""
        return f'<div style="margin-top:3px">{start}{html.escape(text)}</div>'

    # A State the round did not assess: its gap label would repeat its coverage.
    state = record["coverage_label"]
    if record["coverage"] == "covered":
        state = f"{record['coverage_label']} · {record['gap_label']}"
    parts = [
        f'<div style="font-weight:bold;font-size:1.1em">{html.escape(record["name"])}</div>',
        line(state),
        *(line(text, head=rec_id) for rec_id, text in record["asked"].items()),
    ]
    heading = la.get_label("profile.heading.practices", lang)
    practices = record["practices"] or (la.get_label("profile.no_practices", lang),)
    parts.append(line(practices[0], head=heading))
    parts += [line(text) for text in practices[1:]]
    return "".join(parts)


def format_view_status(text: str) -> str:
    """The tooltip's line for the recommendation a view shows (empty: no line)."""
    if not text:
        return ""
    return f'<div style="margin-top:3px;font-style:italic">{html.escape(text)}</div>'
