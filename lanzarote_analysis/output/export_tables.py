"""The tables a report author takes away, labelled for readers in either language."""

from __future__ import annotations

import pandas as pd

from ..analysis.gap_table import label_flags, tabulate_civil_society_gaps
from ..analysis.party_recommendations import (
    tabulate_party_recommendations,
)
from ..analysis.practices import tabulate_practices
from ..i18n.labels import check_lang, get_label, get_labels
from ..io.data_package import load_data_package
from ..io.load import PathLike, load_indicators, load_recommendations, load_sources

#: The exported tables, in order: sheet keys, CSV file names and resource names.
EXPORT_TABLES = (
    "civil_society_gaps",
    "party_recommendations",
    "recommendations",
    "practices",
    "indicators",
    "sources",
)
#: The table that cites the sources and names the package version (first sheet).
ABOUT_TABLE = "about"


def _tabulate_recommendations(data_dir: PathLike, lang: str) -> pd.DataFrame:
    recs = load_recommendations(data_dir).sort_values("number").reset_index()

    def labels(column: str) -> pd.Series:
        return recs[column].astype(str).map(get_labels(column, lang))

    return pd.DataFrame(
        {
            get_label("column.rec_id", lang): recs["rec_id"],
            get_label("profile.column.level", lang): labels("level"),
            get_label("profile.column.scope", lang): labels("scope"),
            get_label("column.theme", lang): labels("theme"),
            get_label("profile.column.summary", lang): recs[f"summary_{lang}"],
            get_label("profile.column.source", lang): recs["source"],
        }
    )


def _tabulate_indicators(data_dir: PathLike, lang: str) -> pd.DataFrame:
    indicators = load_indicators(data_dir).reset_index()
    return pd.DataFrame(
        {
            get_label("column.id", lang): indicators["indicator_id"],
            get_label("profile.column.value", lang): indicators["value"],
            get_label("column.denominator", lang): indicators["denominator"],
            get_label("column.is_denominator_stated", lang): label_flags(
                indicators["is_denominator_stated"], lang, missing="not_stated"
            ),
            get_label("column.unit", lang): indicators["unit"].map(get_labels("unit", lang)),
            get_label("column.description", lang): indicators[f"description_{lang}"],
            get_label("profile.column.source", lang): indicators["source"],
        }
    )


def _tabulate_sources(data_dir: PathLike, lang: str) -> pd.DataFrame:
    sources = load_sources(data_dir).reset_index()
    columns = {"source_id": "column.id", "title": "column.title", "publisher": "column.publisher"}
    columns |= {"published": "column.published", "url": "column.url", "note": "column.note"}
    return sources[list(columns)].rename(
        columns={name: get_label(key, lang) for name, key in columns.items()}
    )


def _tabulate_about(data_dir: PathLike, lang: str, sheets: dict[str, str]) -> pd.DataFrame:
    from .. import __version__

    descriptor = load_data_package(data_dir).descriptor
    sources = load_sources(data_dir)
    labels = get_labels("export.about", lang)
    licences = "; ".join(
        f"{licence.get('name', '')} ({licence.get('path', '')})"
        for licence in descriptor.get("licenses", [])
    )
    rows = [
        (labels["produced_by"], f"lanzarote-analysis {__version__}"),
        (labels["data_package"], f"{descriptor.get('name', '')} {descriptor.get('version', '')}"),
        (labels["licence"], licences),
        (labels["source"], labels["source_text"]),
    ]
    for source_id, source in sources.iterrows():
        parts = [source["title"], source["publisher"], source["published"], source["url"]]
        text = ". ".join(str(p) for p in parts if isinstance(p, str) and p)
        rows.append((labels["document"], f"[{source_id}] {text}"))
    rows.append((labels["reading"], labels["reading_text"]))
    rows += [(sheets[key], get_label(f"export.description.{key}", lang)) for key in EXPORT_TABLES]
    return pd.DataFrame(
        rows,
        columns=[get_label("profile.column.field", lang), get_label("profile.column.value", lang)],
    )


def tabulate_export_tables(
    data_dir: PathLike = None, *, lang: str = "en"
) -> dict[str, pd.DataFrame]:
    """Every table of a spreadsheet export, labelled in ``lang``, keyed by table name.

    The first, ``about``, cites the sources and names the package version; the others
    are :data:`EXPORT_TABLES`.

    Examples
    --------
    >>> tables = tabulate_export_tables(lang="fr")
    >>> list(tables)[:3]
    ['about', 'civil_society_gaps', 'party_recommendations']
    >>> len(tables["civil_society_gaps"]), len(tables["party_recommendations"])
    (48, 336)
    """
    check_lang(lang)
    practices = tabulate_practices(lang=lang, data_dir=data_dir)
    practices = practices.rename_axis(get_label("column.id", lang)).reset_index()
    tables = {
        "civil_society_gaps": tabulate_civil_society_gaps(lang=lang, data_dir=data_dir),
        "party_recommendations": tabulate_party_recommendations(lang=lang, data_dir=data_dir),
        "recommendations": _tabulate_recommendations(data_dir, lang),
        "practices": practices,
        "indicators": _tabulate_indicators(data_dir, lang),
        "sources": _tabulate_sources(data_dir, lang),
    }
    about = _tabulate_about(data_dir, lang, get_sheet_names(lang))
    return {ABOUT_TABLE: about, **tables}


def get_sheet_names(lang: str = "en") -> dict[str, str]:
    """The spreadsheet's sheet names in ``lang``, keyed by table name, in sheet order.

    Examples
    --------
    >>> get_sheet_names("fr")["party_recommendations"]
    'Recommandations par État'
    """
    labels = get_labels("export.sheet", check_lang(lang))
    return {key: labels[key] for key in (ABOUT_TABLE, *EXPORT_TABLES)}
