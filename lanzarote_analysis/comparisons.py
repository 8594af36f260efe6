"""Comparison figures of issue 4, in one place.

The figures live in small modules by subject; this module gathers them, so that
``lanzarote_analysis.plot_recommendation_matrix`` and its siblings load lazily from one
name. The tables they draw come from :mod:`lanzarote_analysis.compare`.

========================================  ==============================================
:func:`plot_recommendation_matrix`        covered Parties × VII-1 … VII-7, by level
:func:`plot_addressees_by_recommendation` Parties addressed by each recommendation
:func:`plot_gap_overlap`                  involvement gap inside the financing gap
:func:`plot_gaps_by_group`                gaps by EU membership and UN sub-region
:func:`plot_practices_vs_gaps`            praised practices beside VII-1 / VII-2
:func:`plot_indicators`                   the factsheet's headline figures
========================================  ==============================================
"""

from __future__ import annotations

from .group_plot import plot_gaps_by_group
from .indicator_plots import plot_indicators
from .overlap_plot import plot_gap_overlap
from .practice_plot import plot_practices_vs_gaps
from .recommendation_plots import plot_addressees_by_recommendation, plot_recommendation_matrix

#: Every comparison figure, in report order.
COMPARISON_PLOTS = (
    plot_recommendation_matrix,
    plot_addressees_by_recommendation,
    plot_gap_overlap,
    plot_gaps_by_group,
    plot_practices_vs_gaps,
    plot_indicators,
)

__all__ = [
    "COMPARISON_PLOTS",
    "plot_addressees_by_recommendation",
    "plot_gap_overlap",
    "plot_gaps_by_group",
    "plot_indicators",
    "plot_practices_vs_gaps",
    "plot_recommendation_matrix",
]
