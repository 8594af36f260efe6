"""Which recommendation is addressed to which Party, at what level, and how many Parties.

Pure pandas, so a notebook can show the table a figure draws. The matrix holds the
Parties whose coverage by the 2nd round is confirmed (``round2_coverage == "covered"``):
nothing was assessed for the others.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n.labels import check_lang
from ..io.load import (
    PathLike,
    load_addressees,
    load_indicators,
    load_levels,
    load_parties,
    load_recommendations,
)
from .parties import normalise_name


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
        columns[rec_id] = np.where(applies, str(rec["level"]), pd.NA).astype(object)
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
