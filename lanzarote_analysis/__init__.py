"""lanzarote-analysis: data and tools on the Lanzarote Committee's monitoring of civil society
involvement and co-operation (2nd monitoring round, chapter VII).

The package reads in the order data flows: ``io`` (paths, reading, validation,
loading), ``analysis`` (gaps, recommendations, groups, practices, profiles), ``plots``
(one module per figure, on one shared frame), ``output`` (the figure registry, saving,
text output), ``interactive`` (the Party picker) and ``cli`` (every command).

Every public name is loaded on first use (``la.load_parties`` imports pandas, a plotting
function matplotlib): importing the package, or asking the command line for ``--help``,
costs almost nothing.

>>> import lanzarote_analysis as la
>>> la.compute_civil_society_gaps()["gap"].value_counts()["financing_only"].item()
9
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .output.registry import get_plot_functions

try:
    __version__ = version("lanzarote-analysis")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

# Every public name is loaded on first access, so that ``import lanzarote_analysis`` and
# ``lanzarote-analysis --help`` import neither pandas nor matplotlib. The report's
# plotting functions come from the figure registry.
_PUBLIC_NAMES = {
    "lanzarote_analysis.analysis.gap_table": ("tabulate_civil_society_gaps",),
    "lanzarote_analysis.analysis.gaps": ("compute_civil_society_gaps", "get_gap_labels"),
    "lanzarote_analysis.analysis.groups": ("compute_gap_shares_by_group",),
    "lanzarote_analysis.analysis.parties": ("resolve_party",),
    "lanzarote_analysis.analysis.party_recommendations": (
        "compute_party_recommendations",
        "tabulate_party_recommendations",
    ),
    "lanzarote_analysis.analysis.practices": ("compute_practices_vs_gaps", "tabulate_practices"),
    "lanzarote_analysis.analysis.profile": (
        "compute_party_profile",
        "tabulate_party_identity",
        "tabulate_party_profile",
    ),
    "lanzarote_analysis.analysis.recommendations": (
        "compute_addressee_counts",
        "compute_recommendation_matrix",
    ),
    "lanzarote_analysis.errors": (
        "ConfigurationError",
        "DataValidationError",
        "FileWriteError",
        "LanzaroteError",
        "NotAPartyError",
        "Problem",
        "UnknownChoiceError",
        "UnknownPartyError",
    ),
    "lanzarote_analysis.i18n.labels": ("get_label", "get_labels"),
    "lanzarote_analysis.io.load": (
        "load_addressees",
        "load_country_groups",
        "load_indicators",
        "load_levels",
        "load_parties",
        "load_practices",
        "load_recommendations",
        "load_sources",
        "load_tables",
    ),
    "lanzarote_analysis.output.export": ("export_tables",),
    "lanzarote_analysis.output.profile_text": ("format_party_profile",),
    "lanzarote_analysis.plots.palette": ("get_colours",),
    "lanzarote_analysis.vocabulary": ("GAP_CATEGORIES",),
}
_LAZY: dict[str, str] = {
    **{name: module for module, names in _PUBLIC_NAMES.items() for name in names},
    **get_plot_functions(),
    "load_basemap": "lanzarote_analysis.plots.maps.basemap",
    "plot_party_profile": "lanzarote_analysis.plots.party_profile",
    "build_party_picker": "lanzarote_analysis.interactive.party_picker",
    "write_figures": "lanzarote_analysis.output.figure_run",
    "explore_gap_map": "lanzarote_analysis.interactive.explorer",
    "explore_recommendation_map": "lanzarote_analysis.interactive.explorer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = sorted(_LAZY)
