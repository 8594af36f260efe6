"""Which covered Parties recommendations VII-1 (involvement) and VII-2 (financing) name.

The factsheet *requires* (VII-1) and *requests* (VII-2) "Parties that are not already
doing so" to involve civil society bodies in preventive measures and to encourage the
financing of civil society projects, and names them in footnotes 3 and 5. Being named is
all the flags below record: the *civil society gap* is our analytical term for it (see
the glossary in ``data/README.md``); the factsheet does not say more about these Parties.
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataValidationError, Problem
from ..i18n.labels import check_lang, get_labels
from ..io.load import PathLike, load_addressees, load_parties
from ..io.paths import get_data_dir
from ..vocabulary import FINANCING_REC, GAP_CATEGORIES, INVOLVEMENT_REC

GAP_DTYPE = pd.CategoricalDtype(list(GAP_CATEGORIES), ordered=False)


def compute_civil_society_gaps(data_dir: PathLike = None) -> pd.DataFrame:
    """Classify every State of ``parties.csv`` by the recommendations naming it.

    ``lacks_involvement`` is true for a *covered* Party that the footnote of VII-1 names
    ("not already" involving civil society bodies in preventive measures);
    ``lacks_financing`` for one that the footnote of VII-2 names ("not already"
    encouraging the financing of civil society projects). For States whose coverage is
    ``unconfirmed`` or ``not_covered`` nothing was assessed: both flags are missing
    (``<NA>``), never ``False``.

    Returns
    -------
    DataFrame indexed by ``iso3`` with ``name_en``, ``name_fr``, ``round2_coverage``,
    ``lacks_involvement``, ``lacks_financing`` (nullable booleans) and ``gap`` (categorical:
    both, involvement_only, financing_only, none, unconfirmed, not_covered).

    Examples
    --------
    >>> gaps = compute_civil_society_gaps()
    >>> gaps.loc[["ALB", "MLT", "AUT", "NOR"], "gap"].tolist()
    ['both', 'financing_only', 'none', 'unconfirmed']
    """
    # Load inputs.
    parties = load_parties(data_dir)
    addressees = load_addressees(data_dir).reset_index()
    named = addressees.groupby("rec_id")["iso3"].agg(set).to_dict()
    involvement, financing = named.get(INVOLVEMENT_REC, set()), named.get(FINANCING_REC, set())

    # Flag the gaps of the covered Parties only.
    gaps = parties[["name_en", "name_fr", "round2_coverage"]].copy()
    is_covered = gaps["round2_coverage"].eq("covered")
    gaps["lacks_involvement"] = pd.Series(
        gaps.index.isin(sorted(involvement)), index=gaps.index, dtype="boolean"
    ).where(is_covered)
    gaps["lacks_financing"] = pd.Series(
        gaps.index.isin(sorted(financing)), index=gaps.index, dtype="boolean"
    ).where(is_covered)

    # Name the category.
    gap = pd.Series("none", index=gaps.index, dtype=object)
    # .loc: a plain [] first looks the mask up as a label, and formats it for the error.
    involved, financed = gaps["lacks_involvement"], gaps["lacks_financing"]
    gap.loc[involved.eq(True) & financed.eq(True)] = "both"
    gap.loc[involved.eq(True) & financed.eq(False)] = "involvement_only"
    gap.loc[involved.eq(False) & financed.eq(True)] = "financing_only"
    gap.loc[~is_covered] = gaps.loc[~is_covered, "round2_coverage"].astype(str)
    gaps["gap"] = gap.astype(GAP_DTYPE)

    # Validation (validation.check_addressee_rules) lets only covered Parties be named;
    # tables passed around in memory are checked again rather than misclassified.
    not_assessed = sorted((involvement | financing) - set(gaps.index[is_covered]))
    if not_assessed:
        raise DataValidationError(
            str(get_data_dir(data_dir)),
            [
                Problem("addressees.csv", None, "iso3", iso3, "a Party the round covered")
                for iso3 in not_assessed
            ],
        )
    return gaps


def get_gap_labels(lang: str = "en") -> dict[str, str]:
    """Labels of the gap categories, in category order.

    Examples
    --------
    >>> get_gap_labels("fr")["financing_only"]
    'Citée par VII-2 seulement'
    """
    labels = get_labels("gap", check_lang(lang))
    return {category: labels[category] for category in GAP_CATEGORIES}
