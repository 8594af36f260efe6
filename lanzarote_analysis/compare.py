"""Tables behind the comparison figures: who receives which recommendation, gaps by group.

Pure pandas, so a notebook can show the table a figure draws. Only Parties whose
coverage by the 2nd round is confirmed (``round2_coverage == "covered"``) are compared:
nothing was assessed for the others.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .gaps import GAP_CATEGORIES, compute_civil_society_gaps
from .labels import check_lang
from .load import (
    PathLike,
    load_addressees,
    load_country_groups,
    load_indicators,
    load_levels,
    load_parties,
    load_practices,
    load_recommendations,
)
from .parties import normalise_name

#: Gap categories a covered Party can fall in (the others mean "not assessed").
ASSESSED_GAPS = tuple(g for g in GAP_CATEGORIES if g not in ("unconfirmed", "not_covered"))

#: Kinds of practice, in the order the figures show them.
PRACTICE_KINDS = ("promising_practice", "childrens_rights_body")

#: Recommendations whose footnotes name Parties (involvement of, and financing of, civil society).
GAP_RECOMMENDATIONS = ("VII-1", "VII-2")


def _covered_parties(data_dir: PathLike) -> pd.DataFrame:
    parties = load_parties(data_dir)
    return parties.loc[parties["round2_coverage"].eq("covered"), ["name_en", "name_fr"]]


def compute_recommendation_matrix(data_dir: PathLike = None, *, lang: str = "en") -> pd.DataFrame:
    """The level of every recommendation that applies to every covered Party.

    A ``listed`` recommendation applies to the Parties its footnote names
    (``addressees.csv``); an ``all_parties`` one to every covered Party. Rows are
    ordered by the Party's strongest, then most numerous, recommendations: most
    *require*, then most *request*, then most *invite*; ties by name in ``lang``.

    Returns
    -------
    DataFrame indexed by ``iso3`` with ``name_en``, ``name_fr`` and one column per
    recommendation (``VII-1`` ...) holding its level, or ``<NA>`` where it does not apply.

    Examples
    --------
    >>> matrix = compute_recommendation_matrix()
    >>> len(matrix), matrix.loc["ALB", "VII-1"], matrix.loc["AUT", "VII-1"]
    (42, 'require', <NA>)
    """
    check_lang(lang)
    # Load inputs.
    parties = _covered_parties(data_dir)
    recs = load_recommendations(data_dir).sort_values("number")
    addressees = load_addressees(data_dir).reset_index()
    levels = load_levels(data_dir)["strength"].sort_values(ascending=False)

    # Fill each recommendation's column: its level where it applies (numpy: fast enough
    # to recompute on every draw).
    is_named = {rec_id: set(group) for rec_id, group in addressees.groupby("rec_id")["iso3"]}
    columns = {}
    for rec_id, rec in recs.iterrows():
        if rec["scope"] == "all_parties":
            applies = np.ones(len(parties), dtype=bool)
        else:
            applies = parties.index.isin(sorted(is_named.get(rec_id, set())))
        columns[rec_id] = np.where(applies, str(rec["level"]), None)
    cells = pd.DataFrame(columns, index=parties.index, dtype="string")
    matrix = pd.concat([parties, cells], axis=1)

    # Order: counts per level, strongest level first, then the name.
    values = cells.to_numpy(dtype=object, na_value=None)
    keys = pd.DataFrame(
        {level: (values == level).sum(axis=1) for level in levels.index}, index=parties.index
    )
    keys["name"] = matrix[f"name_{lang}"].map(normalise_name)  # Suède before Suisse
    order = keys.sort_values(
        [*levels.index, "name"], ascending=[False] * len(levels) + [True]
    ).index
    return matrix.loc[order]


def compute_addressee_counts(data_dir: PathLike = None) -> pd.DataFrame:
    """How many Parties each recommendation addresses, and how many of them are unconfirmed.

    ``listed`` recommendations address the Parties their footnote names. ``all_parties``
    ones address all the Parties monitored: the factsheet counts 43
    (``indicators.csv``, ``parties_monitored``), of which the covered Parties of
    ``parties.csv`` are confirmed; the others (``n_unconfirmed``) are Parties our sources
    do not name.

    Returns
    -------
    DataFrame indexed by ``rec_id`` (in number order) with ``level``, ``scope``,
    ``n_parties`` (all addressees) and ``n_unconfirmed`` (those not named by our sources).

    Examples
    --------
    >>> counts = compute_addressee_counts()
    >>> counts["n_parties"].to_dict()
    {'VII-1': 8, 'VII-2': 17, 'VII-3': 43, 'VII-4': 43, 'VII-5': 43, 'VII-6': 43, 'VII-7': 43}
    >>> counts["n_unconfirmed"].to_dict()
    {'VII-1': 0, 'VII-2': 0, 'VII-3': 1, 'VII-4': 1, 'VII-5': 1, 'VII-6': 1, 'VII-7': 1}
    """
    # Load inputs.
    matrix = compute_recommendation_matrix(data_dir)
    recs = load_recommendations(data_dir).sort_values("number")
    n_monitored = int(load_indicators(data_dir).loc["parties_monitored", "value"])

    # Confirmed addressees from the matrix; the Parties monitored but not named by our
    # sources complete the recommendations addressed to all Parties.
    counts = recs[["level", "scope"]].copy()
    confirmed = matrix[list(recs.index)].notna().sum().astype("int64")
    missing = max(n_monitored - len(matrix), 0)
    counts["n_unconfirmed"] = np.where(counts["scope"].eq("all_parties"), missing, 0)
    counts["n_parties"] = confirmed + counts["n_unconfirmed"]
    return counts[["level", "scope", "n_parties", "n_unconfirmed"]]


def compute_gap_shares_by_group(data_dir: PathLike = None) -> pd.DataFrame:
    """Share of the covered Parties with each gap, by EU membership and by UN sub-region.

    EU membership is that at the report's adoption (March 2022); sub-regions are
    UN M49 (``country_groups.csv``). Sub-regions are ordered by size, then name.

    Returns
    -------
    DataFrame indexed by ``(grouping, group)``: ``("eu", "member")``,
    ``("eu", "non_member")``, then ``("subregion", <UN M49 name>)``, with ``n`` (covered
    Parties in the group) and one column per assessed gap (``both``,
    ``involvement_only``, ``financing_only``, ``none``) holding its share (rows sum to 1).

    Examples
    --------
    >>> shares = compute_gap_shares_by_group()
    >>> int(shares["n"].loc["eu"].sum())
    42
    """
    # Load inputs.
    gaps = compute_civil_society_gaps(data_dir)
    groups = load_country_groups(data_dir)
    covered = gaps.loc[gaps["round2_coverage"].eq("covered"), ["gap"]].join(groups)

    # Count each gap per group (one indicator column per gap, summed by group).
    flags = pd.DataFrame(
        {gap: covered["gap"].eq(gap).astype("int64") for gap in ASSESSED_GAPS},
        index=covered.index,
    )
    eu = covered["is_eu_member_at_adoption"].map({True: "member", False: "non_member"})
    by_eu = flags.groupby(eu).sum().reindex(["member", "non_member"], fill_value=0)
    by_subregion = flags.groupby(covered["un_m49_subregion"].astype(str)).sum()
    size = by_subregion.sum(axis=1)
    by_subregion = by_subregion.loc[
        pd.DataFrame({"n": -size, "name": size.index}).sort_values(["n", "name"]).index
    ]

    # Turn counts into shares.
    counts = pd.concat({"eu": by_eu, "subregion": by_subregion}, names=["grouping", "group"])
    counts = counts.reindex(columns=list(ASSESSED_GAPS), fill_value=0).fillna(0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares.insert(0, "n", counts.sum(axis=1).astype("int64"))
    shares.columns.name = None
    return shares


def compute_practices_vs_gaps(data_dir: PathLike = None, *, lang: str = "en") -> pd.DataFrame:
    """Parties with a promising practice or a children's-rights body, and their VII-1/VII-2.

    Returns
    -------
    DataFrame indexed by ``iso3`` with ``name_en``, ``name_fr``, one boolean column per
    kind of practice (``promising_practice``, ``childrens_rights_body``) and one column
    per gap recommendation (``VII-1``, ``VII-2``) with its level where it names the Party
    (``<NA>`` otherwise). Rows: promising practices first, then children's-rights
    bodies; by name in ``lang`` within each.

    Examples
    --------
    >>> table = compute_practices_vs_gaps()
    >>> table.loc["CYP", ["VII-1", "VII-2"]].tolist()
    [<NA>, 'request']
    >>> table.index[table["childrens_rights_body"]].tolist()
    ['ALB', 'LVA']
    """
    check_lang(lang)
    # Load inputs.
    practices = load_practices(data_dir)
    parties = load_parties(data_dir)
    matrix = compute_recommendation_matrix(data_dir, lang=lang)

    # One row per Party, one flag per kind of practice.
    table = parties.loc[practices["iso3"].unique(), ["name_en", "name_fr"]]
    for kind in PRACTICE_KINDS:
        holders = practices.loc[practices["kind"].eq(kind), "iso3"]
        table[kind] = table.index.isin(holders)
    for rec_id in GAP_RECOMMENDATIONS:
        table[rec_id] = matrix[rec_id].reindex(table.index)

    # Order: by first kind of practice, then name.
    first_kind = pd.Series(len(PRACTICE_KINDS), index=table.index)
    for position, kind in reversed(list(enumerate(PRACTICE_KINDS))):
        first_kind[table[kind]] = position
    keys = pd.DataFrame({"kind": first_kind, "name": table[f"name_{lang}"].map(normalise_name)})
    return table.loc[keys.sort_values(["kind", "name"]).index]
