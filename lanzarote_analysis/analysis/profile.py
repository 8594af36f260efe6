"""A State's profile as small tables: identity, gap, recommendations, practices."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n.labels import check_lang, get_label, get_labels, get_subregion_label
from ..i18n.typography import get_colon, quote_title
from ..io.load import (
    PathLike,
    load_addressees,
    load_country_groups,
    load_parties,
    load_practices,
    load_recommendations,
)
from ..vocabulary import PROFILE_STATUSES
from .gaps import compute_civil_society_gaps, get_gap_labels
from .parties import resolve_party

#: The Party a profile shows when none is named (the notebooks' default example).
DEFAULT_PARTY = "MLT"

#: What a Party's profile says about each recommendation, in display order.
STATUS_DTYPE = pd.CategoricalDtype(list(PROFILE_STATUSES), ordered=False)


@dataclass(frozen=True)
class PartyProfile:
    """What chapter VII says about one State, as small tables.

    Attributes
    ----------
    iso3
        The State's ISO 3166-1 alpha-3 code.
    identity
        One row: names, ``round2_coverage``, dates, EU membership, UN M49 sub-region
        and the source of the coverage.
    gap
        One row of :func:`~lanzarote_analysis.analysis.gaps.compute_civil_society_gaps`.
    recommendations
        The seven recommendations (index ``rec_id``): level, scope, theme, summaries in
        English and French, ``is_addressed`` (``<NA>`` where nothing was assessed),
        ``status`` (addressed, not_addressed, not_known, not_covered) and ``source``.
    practices
        Promising practices and national children's-rights bodies of the State.
    """

    iso3: str
    identity: pd.DataFrame
    gap: pd.DataFrame
    recommendations: pd.DataFrame
    practices: pd.DataFrame

    @property
    def coverage(self) -> str:
        """``covered``, ``unconfirmed`` or ``not_covered``."""
        return str(self.identity["round2_coverage"].iloc[0])

    @property
    def is_covered(self) -> bool:
        return self.coverage == "covered"

    def get_name(self, lang: str = "en") -> str:
        """The State's name in ``lang``."""
        return str(self.identity[f"name_{check_lang(lang)}"].iloc[0])


def compute_party_profile(party: str, *, data_dir: PathLike = None) -> PartyProfile:
    """Gather everything chapter VII says about one State.

    Parameters
    ----------
    party
        Any code, name or alias that :func:`~lanzarote_analysis.analysis.parties.resolve_party`
        accepts ("Malta", "MLT", "malte").
    data_dir
        Data directory; default as :func:`~lanzarote_analysis.io.paths.get_data_dir`.

    Raises
    ------
    UnknownPartyError
        When ``party`` matches no State; it carries the closest names as suggestions.

    Examples
    --------
    >>> profile = compute_party_profile("malte")
    >>> profile.recommendations["status"].value_counts()["addressed"].item()
    6
    >>> compute_party_profile("Norway").recommendations["status"].unique().tolist()
    ['not_known']
    """
    # Load inputs.
    iso3 = resolve_party(party, data_dir=data_dir)
    parties = load_parties(data_dir)
    groups = load_country_groups(data_dir)
    recommendations = load_recommendations(data_dir)
    addressees = load_addressees(data_dir).reset_index()
    practices = load_practices(data_dir)
    gaps = compute_civil_society_gaps(data_dir)

    # Identity: who the State is and whether the round covered it.
    identity = parties.loc[
        [iso3],
        [
            "name_en",
            "name_fr",
            "round2_coverage",
            "is_coe_member_at_adoption",
            "party_since",
            "source",
        ],
    ]
    identity = identity.join(groups[["is_eu_member_at_adoption", "un_m49_subregion"]])
    coverage = str(identity["round2_coverage"].iloc[0])

    # Recommendations: addressed to the Party, not addressed, or not assessed at all.
    recs = recommendations[["level", "scope", "theme", "summary_en", "summary_fr"]].copy()
    named = addressees[addressees["iso3"].eq(iso3)].set_index("rec_id")["source"]
    list_sources = addressees.groupby("rec_id")["source"].agg(lambda s: "|".join(s.unique()))
    is_listed = recs["scope"].eq("listed")
    is_named = recs.index.isin(named.index)
    if coverage == "covered":
        is_addressed = (~is_listed) | is_named
        recs["is_addressed"] = pd.array(is_addressed, dtype="boolean")
        recs["status"] = ["addressed" if a else "not_addressed" for a in is_addressed]
        # A listed recommendation's evidence is its list of Parties, named there or not.
        recs["source"] = recommendations["source"].where(
            ~is_listed, list_sources.reindex(recs.index).fillna(recommendations["source"])
        )
    else:
        recs["is_addressed"] = pd.array([pd.NA] * len(recs), dtype="boolean")
        recs["status"] = "not_known" if coverage == "unconfirmed" else "not_covered"
        # The evidence is what we know of the State's coverage.
        recs["source"] = identity["source"].iloc[0]
    recs["status"] = recs["status"].astype(STATUS_DTYPE)

    own_practices = practices[practices["iso3"].eq(iso3)]
    return PartyProfile(
        iso3=iso3,
        identity=identity,
        gap=gaps.loc[[iso3], ["lacks_involvement", "lacks_financing", "gap"]],
        recommendations=recs,
        practices=own_practices[
            ["kind", "instrument", "years", "summary_en", "summary_fr", "source"]
        ],
    )


def as_profile(party: str | PartyProfile | None, data_dir: PathLike = None) -> PartyProfile:
    """``party`` itself if it is a profile, else the profile of ``party`` (default: Malta)."""
    if isinstance(party, PartyProfile):
        return party
    return compute_party_profile(DEFAULT_PARTY if party is None else party, data_dir=data_dir)


def _flag(value: object, lang: str, *, missing: str = "missing") -> str:
    """yes / no, or for a missing value ``value.<missing>`` ("not assessed", "not stated")."""
    words = get_labels("value", lang)
    if pd.isna(value):
        return words[missing]
    return words["true"] if value else words["false"]


def tabulate_party_identity(profile: PartyProfile, *, lang: str = "en") -> pd.DataFrame:
    """Who the State is and what gap the Committee found, as labelled text in ``lang``.

    One row per field, named in ``lang``. A value our sources do not give reads
    "not stated", a gap the round did not assess "not assessed": never ``NaT`` or ``NaN``.

    Examples
    --------
    >>> table = tabulate_party_identity(compute_party_profile("Malta"), lang="fr")
    >>> table.loc["Partie depuis", "Valeur"]
    'non précisé'
    """
    labels = get_labels("profile.field", lang)
    not_stated = get_label("value.not_stated", lang)
    row = profile.identity.iloc[0]
    gap = profile.gap.iloc[0]
    since = row["party_since"]
    subregion = row["un_m49_subregion"]
    pairs = [
        (labels["coverage"], get_label(f"coverage.{profile.coverage}", lang)),
        (labels["coverage_source"], str(row["source"]).replace("|", ", ")),
        (labels["party_since"], not_stated if pd.isna(since) else since.strftime("%Y-%m-%d")),
        (labels["eu_member"], _flag(row["is_eu_member_at_adoption"], lang, missing="not_stated")),
        (
            labels["subregion"],
            not_stated if pd.isna(subregion) else get_subregion_label(str(subregion), lang),
        ),
        (labels["gap"], get_gap_labels(lang)[str(gap["gap"])]),
        (get_label("column.lacks_involvement", lang), _flag(gap["lacks_involvement"], lang)),
        (get_label("column.lacks_financing", lang), _flag(gap["lacks_financing"], lang)),
    ]
    table = pd.DataFrame(pairs, columns=["field", "value"]).set_index("field")
    table.index.name = get_label("profile.column.field", lang)
    return table.rename(columns={"value": get_label("profile.column.value", lang)})


def tabulate_party_profile(profile: PartyProfile, *, lang: str = "en") -> pd.DataFrame:
    """The recommendations and practices of a profile as one table, labelled in ``lang``.

    One row per recommendation (level, scope, status) then one per practice; the
    columns are named in ``lang``.

    Examples
    --------
    >>> tabulate_party_profile(compute_party_profile("MLT"), lang="fr").loc["VII-2", "Statut"]
    'Adressée'
    """
    columns = get_labels("profile.column", lang)
    levels = get_labels("level", lang)
    scopes = get_labels("scope", lang)
    statuses = get_labels("profile.status", lang)
    kinds = get_labels("kind", lang)
    recs = profile.recommendations
    rows = [
        {
            "item": rec_id,
            "kind": get_label("profile.item.recommendation", lang),
            "level": levels[row.level],
            "scope": scopes[row.scope],
            "status": statuses[row.status],
            "summary": getattr(row, f"summary_{lang}"),
            "source": row.source,
        }
        for rec_id, row in zip(recs.index, recs.itertuples(index=False), strict=True)
    ]
    for practice_id, row in profile.practices.iterrows():
        summary = row[f"summary_{lang}"]
        if isinstance(row["instrument"], str):
            # The instrument keeps its original (English) title, quoted as a title.
            summary = quote_title(row["instrument"], lang) + get_colon(lang) + summary
        rows.append(
            {
                "item": practice_id,
                "kind": kinds[row["kind"]],
                "level": "",
                "scope": "",
                "status": "",
                "summary": summary,
                "source": row["source"],
            }
        )
    table = pd.DataFrame(rows).set_index("item")
    table.index.name = columns["item"]
    return table.rename(columns=columns)
