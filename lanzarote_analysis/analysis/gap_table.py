"""The civil society gap of every State as a table a reader can read, in either language."""

from __future__ import annotations

import pandas as pd

from ..i18n.labels import check_lang, get_label, get_labels
from ..io.load import PathLike
from .gaps import compute_civil_society_gaps, get_gap_labels


def label_flags(values: pd.Series, lang: str = "en", *, missing: str = "missing") -> pd.Series:
    """Booleans as words in ``lang``: yes / no, and ``value.<missing>`` where missing.

    Examples
    --------
    >>> label_flags(pd.Series([True, False, None], dtype="boolean"), "fr").tolist()
    ['oui', 'non', 'non évalué']
    """
    words = get_labels("value", check_lang(lang))
    flags = values.astype("boolean")
    text = flags.map({True: words["true"], False: words["false"]}).astype(object)
    return text.where(flags.notna(), words[missing])


def tabulate_civil_society_gaps(
    data: pd.DataFrame | None = None, *, lang: str = "en", data_dir: PathLike = None
) -> pd.DataFrame:
    """The table of :func:`~lanzarote_analysis.compute_civil_society_gaps`, labelled in ``lang``.

    One row per State of ``parties.csv``, in file order: its ISO code, its name, whether
    VII-1 and VII-2 name it (yes / no, or "not assessed" where the round did not assess
    the State) and its gap category, all labelled in ``lang``; the same table as
    ``lanzarote-analysis gaps --format markdown``.

    Parameters
    ----------
    data
        Output of :func:`~lanzarote_analysis.compute_civil_society_gaps`; computed from
        ``data_dir`` when ``None``.
    lang
        ``"en"`` or ``"fr"``: language of the column names, names and labels.
    data_dir
        Data directory; the bundled data by default.

    Examples
    --------
    >>> table = tabulate_civil_society_gaps(lang="fr").set_index("ISO3")
    >>> table.loc["MLT"].tolist()[0], table.loc["MLT"].tolist()[-1]
    ('Malte', 'Citée par VII-2 seulement')
    >>> table.loc["NOR"].tolist()[1:3]
    ['non évalué', 'non évalué']
    """
    check_lang(lang)
    gaps = compute_civil_society_gaps(data_dir) if data is None else data

    def yes_no(column: str) -> pd.Series:
        return label_flags(gaps[column], lang)

    table = pd.DataFrame(
        {
            get_label("column.iso3", lang): gaps.index,
            get_label("column.name", lang): gaps[f"name_{lang}"],
            get_label("column.lacks_involvement", lang): yes_no("lacks_involvement"),
            get_label("column.lacks_financing", lang): yes_no("lacks_financing"),
            get_label("column.gap", lang): gaps["gap"].astype(str).map(get_gap_labels(lang)),
        },
        index=gaps.index,
    )
    return table.reset_index(drop=True)
