"""The promising practices and children's-rights bodies: as a table, and beside the gaps."""

from __future__ import annotations

import pandas as pd

from ..i18n.labels import check_lang, get_label, get_labels
from ..io.load import PathLike, load_parties, load_practices
from ..vocabulary import GAP_RECOMMENDATIONS, KIND_VALUES
from .parties import normalise_name
from .recommendations import compute_recommendation_matrix


def tabulate_practices(
    data: pd.DataFrame | None = None, *, lang: str = "en", data_dir: PathLike = None
) -> pd.DataFrame:
    """The practices of ``practices.csv``, labelled in ``lang``, with their sources.

    An instrument or years that the factsheet does not give read "not stated", never
    ``NaN``: a children's-rights body is cited without an instrument, most practices
    without years.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.io.load.load_practices`; loaded from
        ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``: language of the column names, names, kinds and summaries.
    data_dir
        Data directory; the bundled data by default.

    Examples
    --------
    >>> table = tabulate_practices(lang="fr")
    >>> table.loc["ALB-childrens-rights-body", "Années"]
    'non précisé'
    """
    check_lang(lang)
    # Load inputs.
    practices = load_practices(data_dir) if data is None else data
    names = load_parties(data_dir)[f"name_{lang}"]
    kinds = get_labels("kind", lang)
    not_stated = get_label("value.not_stated", lang)

    def text(column: str) -> pd.Series:
        return practices[column].astype("string").fillna(not_stated).astype(object)

    table = pd.DataFrame(
        {
            get_label("column.name", lang): practices["iso3"].map(names),
            get_label("profile.column.kind", lang): practices["kind"].astype(str).map(kinds),
            get_label("practices.column.instrument", lang): text("instrument"),
            get_label("practices.column.years", lang): text("years"),
            get_label("profile.column.summary", lang): practices[f"summary_{lang}"],
            get_label("profile.column.source", lang): practices["source"],
        },
        index=practices.index,
    )
    return table


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
    for kind in KIND_VALUES:
        holders = practices.loc[practices["kind"].eq(kind), "iso3"]
        table[kind] = table.index.isin(holders)
    for rec_id in GAP_RECOMMENDATIONS:
        table[rec_id] = matrix[rec_id].reindex(table.index)

    # Order: by first kind of practice, then name.
    first_kind = pd.Series(len(KIND_VALUES), index=table.index)
    for position, kind in reversed(list(enumerate(KIND_VALUES))):
        first_kind[table[kind]] = position
    keys = pd.DataFrame({"kind": first_kind, "name": table[f"name_{lang}"].map(normalise_name)})
    return table.loc[keys.sort_values(["kind", "name"]).index]
