"""The promising practices and children's-rights bodies as a table a reader can read."""

from __future__ import annotations

import pandas as pd

from .labels import check_lang, get_label, get_labels
from .load import PathLike, load_parties, load_practices


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
        Output of :func:`~lanzarote_analysis.load.load_practices`; loaded from
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
