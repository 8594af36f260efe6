"""lanzarote-analysis: data and tools on the Lanzarote Committee's monitoring of civil society
involvement and co-operation (2nd monitoring round, chapter VII).

Tables load without matplotlib, seaborn or geopandas; the plotting and map functions
import them on first use.

>>> import lanzarote_analysis as la
>>> la.compute_civil_society_gaps()["gap"].value_counts()["financing_only"].item()
9
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    ConfigurationError,
    DataValidationError,
    FileWriteError,
    LanzaroteError,
    Problem,
    UnknownPartyError,
)
from .gaps import GAP_CATEGORIES, compute_civil_society_gaps, get_gap_labels
from .labels import get_label, get_labels
from .load import (
    load_addressees,
    load_country_groups,
    load_indicators,
    load_levels,
    load_parties,
    load_practices,
    load_recommendations,
    load_sources,
    load_tables,
)
from .parties import resolve_party

__version__ = "0.1.0"

# Public names whose modules import matplotlib/geopandas: loaded on first access.
_LAZY: dict[str, str] = {
    "load_basemap": "basemap",
    "plot_gap_map": "maps",
    "plot_recommendation_map": "maps",
    "plot_recommendation_matrix": "comparisons",
    "plot_addressees_by_recommendation": "comparisons",
    "plot_gap_overlap": "comparisons",
    "plot_gaps_by_group": "comparisons",
    "plot_practices_vs_gaps": "comparisons",
    "plot_indicators": "comparisons",
    "compute_party_profile": "profile",
    "plot_party_profile": "profile",
    "explore_gap_map": "interactive.explorer",
    "explore_recommendation_map": "interactive.explorer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "GAP_CATEGORIES",
    "ConfigurationError",
    "DataValidationError",
    "FileWriteError",
    "LanzaroteError",
    "Problem",
    "UnknownPartyError",
    "compute_civil_society_gaps",
    "get_gap_labels",
    "get_label",
    "get_labels",
    "load_addressees",
    "load_country_groups",
    "load_indicators",
    "load_levels",
    "load_parties",
    "load_practices",
    "load_recommendations",
    "load_sources",
    "load_tables",
    "resolve_party",
    *_LAZY,
]
