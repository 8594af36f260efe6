"""Chapter VII as one tidy table: one row per (State, recommendation).

Each row is one State of ``parties.csv`` and one recommendation, each column one
variable: the natural input for ``groupby``, ``pivot_table``, ``sns.catplot`` and
``sns.heatmap``. The status of a pair follows the vocabulary of the whole package: a
recommendation is *addressed* to a Party (all-Parties recommendations: every covered
Party; listed ones: the Parties their footnote *names*), and nothing is known of the
States the round did not assess.
"""

from __future__ import annotations

import pandas as pd

from ..i18n.labels import check_lang, get_label, get_labels
from ..io.load import PathLike, load_addressees, load_parties, load_recommendations
from .gap_table import label_flags

#: Columns of :func:`compute_party_recommendations`, in order.
PARTY_RECOMMENDATION_COLUMNS = (
    "iso3",
    "name_en",
    "name_fr",
    "rec_id",
    "level",
    "scope",
    "theme",
    "round2_coverage",
    "is_addressed",
    "is_named",
    "source",
)


def compute_party_recommendations(data_dir: PathLike = None) -> pd.DataFrame:
    """Every State with every recommendation of chapter VII, and whether it is addressed.

    Parameters
    ----------
    data_dir
        Data directory; the bundled data by default.

    Returns
    -------
    DataFrame
        One row per State of ``parties.csv`` and recommendation (States in file order,
        recommendations in number order), with a plain integer index and the columns:

        ``iso3``, ``name_en``, ``name_fr``
            The State.
        ``rec_id``, ``level`` (ordered: invite < request < require), ``scope``, ``theme``
            The recommendation, as in ``recommendations.csv``.
        ``round2_coverage``
            ``covered``, ``unconfirmed`` or ``not_covered``.
        ``is_addressed``
            Nullable boolean: ``True`` when the recommendation is addressed to the
            State (an all-Parties recommendation and a covered Party, or a listed one
            whose footnote names the Party); ``False`` for a covered Party that a listed
            recommendation does not name; ``<NA>`` where the round did not assess the
            State (coverage unconfirmed, or not covered): not known, never ``False``.
        ``is_named``
            ``True`` when the recommendation's footnote names the State (the evidence
            for listed recommendations; all-Parties recommendations name nobody).
        ``source``
            Locators of the evidence: the footnote naming the Party; for a covered Party
            a listed recommendation does not name, its footnote list; for an all-Parties
            recommendation, the recommendation; for a State not assessed, what is known
            of its coverage.

    See Also
    --------
    lanzarote_analysis.compute_party_profile : the same statuses for one State.

    Examples
    --------
    >>> long = compute_party_recommendations()
    >>> long.shape
    (336, 11)
    >>> long.pivot(index="iso3", columns="rec_id", values="is_addressed").loc["MLT"].tolist()
    [False, True, True, True, True, True, True]

    How many confirmed Parties each recommendation is addressed to (``sum`` skips
    ``<NA>``, the two States whose coverage is unconfirmed):

    >>> long.groupby("rec_id")["is_addressed"].sum().tolist()
    [8, 17, 42, 42, 42, 42, 42]

    A heatmap of the covered Parties with seaborn:

    >>> import matplotlib.pyplot as plt
    >>> import seaborn as sns
    >>> covered = long[long["round2_coverage"].eq("covered")]
    >>> grid = covered.pivot(index="name_en", columns="rec_id", values="is_addressed")
    >>> fig, ax = plt.subplots(figsize=(4, 9))
    >>> ax = sns.heatmap(grid.astype(float), cbar=False, ax=ax)
    >>> plt.close(fig)
    """
    # Load inputs.
    parties = load_parties(data_dir)
    recommendations = load_recommendations(data_dir).sort_values("number")
    addressees = load_addressees(data_dir).reset_index()

    # Every State with every recommendation.
    states = parties[["name_en", "name_fr", "round2_coverage", "source"]].reset_index()
    recs = recommendations[["level", "scope", "theme", "source"]].reset_index()
    pairs = states.merge(recs, how="cross", suffixes=("_party", "_rec"))
    named = addressees.set_index(["rec_id", "iso3"])["source"]
    key = pd.MultiIndex.from_frame(pairs[["rec_id", "iso3"]])
    footnote_source = named.reindex(key).to_numpy()

    # Addressed: all-Parties recommendations to every covered Party, listed ones to the
    # Parties named; nothing is known of the States the round did not assess.
    is_covered = pairs["round2_coverage"].eq("covered").to_numpy()
    is_listed = pairs["scope"].eq("listed").to_numpy()
    is_named = pd.notna(footnote_source)
    pairs["is_addressed"] = pd.array(~is_listed | is_named, dtype="boolean")
    pairs.loc[~is_covered, "is_addressed"] = pd.NA
    pairs["is_named"] = is_named

    # The evidence of each status (the same as a Party's profile shows).
    lists = addressees.groupby("rec_id")["source"].agg(lambda s: "|".join(s.unique()))
    list_source = pairs["rec_id"].map(lists).fillna(pairs["source_rec"])
    source = pairs["source_rec"].where(~is_listed, list_source)
    source = source.where(~is_named, pd.Series(footnote_source, index=pairs.index))
    pairs["source"] = source.where(is_covered, pairs["source_party"])
    return pairs[list(PARTY_RECOMMENDATION_COLUMNS)]


def tabulate_party_recommendations(
    data: pd.DataFrame | None = None, *, lang: str = "en", data_dir: PathLike = None
) -> pd.DataFrame:
    """The table of :func:`compute_party_recommendations` as a reader reads it, in ``lang``.

    Column names, the State's name, levels, scopes, themes and coverage are labels in
    ``lang``; the booleans read yes / no (oui / non), and "not assessed" where the
    round did not assess the State.

    Parameters
    ----------
    data
        Output of :func:`compute_party_recommendations`; computed from ``data_dir``
        when ``None``.
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory; the bundled data by default.

    Examples
    --------
    >>> table = tabulate_party_recommendations(lang="fr")
    >>> table.iloc[7].tolist()[:4]
    ['AND', 'Andorre', 'VII-1', 'Exige']
    >>> table.set_index(["ISO3", "Recommandation"]).loc[("NOR", "VII-3"), "Adressée à l'État"]
    'non évalué'
    """
    check_lang(lang)
    long = compute_party_recommendations(data_dir) if data is None else data
    coverage = get_labels("coverage", lang)

    def labels(column: str, prefix: str) -> pd.Series:
        return long[column].astype(str).map(get_labels(prefix, lang))

    return pd.DataFrame(
        {
            get_label("column.iso3", lang): long["iso3"],
            get_label("column.name", lang): long[f"name_{lang}"],
            get_label("column.rec_id", lang): long["rec_id"],
            get_label("profile.column.level", lang): labels("level", "level"),
            get_label("profile.column.scope", lang): labels("scope", "scope"),
            get_label("column.theme", lang): labels("theme", "theme"),
            get_label("column.round2_coverage", lang): long["round2_coverage"]
            .astype(str)
            .map(coverage),
            get_label("column.is_addressed", lang): label_flags(long["is_addressed"], lang),
            get_label("column.is_named", lang): label_flags(long["is_named"], lang),
            get_label("profile.column.source", lang): long["source"],
        },
        index=long.index,
    )
