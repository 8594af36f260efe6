"""The report's figures, named once: the ``figures`` command, the lazy top-level plotting
functions (``la.plot_gap_map`` ...) and the README's figure table all read this registry.

Nothing here imports pandas or matplotlib: listing the figures is instant.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UnknownChoiceError


class UnknownFigureError(UnknownChoiceError):
    """A figure name that is not in the registry."""


@dataclass(frozen=True)
class FigureSpec:
    """One report figure: its name, how to draw it and what it shows.

    ``function`` is a ``"module:function"`` path, imported on first use; the function
    follows the plotting contract ``f(data=None, *, lang, data_dir, ax) -> Axes`` and
    receives ``kwargs`` as well.
    """

    name: str
    function: str
    description: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_map(self) -> bool:
        """Whether the figure is a map (its function lives in ``plots.maps``)."""
        return self.function.startswith("lanzarote_analysis.plots.maps.")

    def load_function(self) -> Callable[..., Any]:
        """The plotting function, imported now."""
        module_name, _, attribute = self.function.partition(":")
        return getattr(importlib.import_module(module_name), attribute)


#: Every figure of the report, in the report's order.
REPORT_FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        "gap_map",
        "lanzarote_analysis.plots.maps.gap_map:plot_gap_map",
        "Map: Parties named by VII-1 and VII-2, every State; unconfirmed coverage hatched",
    ),
    FigureSpec(
        "rec_VII-1_map",
        "lanzarote_analysis.plots.maps.recommendation_map:plot_recommendation_map",
        "Map: Parties that VII-1 requires to involve civil society in prevention",
        {"rec_id": "VII-1"},
    ),
    FigureSpec(
        "rec_VII-2_map",
        "lanzarote_analysis.plots.maps.recommendation_map:plot_recommendation_map",
        "Map: Parties that VII-2 requests to encourage the financing of civil society",
        {"rec_id": "VII-2"},
    ),
    FigureSpec(
        "recommendation_matrix",
        "lanzarote_analysis.plots.recommendation_matrix:plot_recommendation_matrix",
        "Matrix: the level of each recommendation (VII-1 to VII-7) addressed to each Party",
    ),
    FigureSpec(
        "addressees_by_recommendation",
        "lanzarote_analysis.plots.addressees_by_recommendation:plot_addressees_by_recommendation",
        "Bars: Parties each recommendation addresses, by level (43 for all, 1 unconfirmed)",
    ),
    FigureSpec(
        "gap_overlap",
        "lanzarote_analysis.plots.gap_overlap:plot_gap_overlap",
        "Venn diagram: Parties named by VII-1 (involvement), VII-2 (financing) or both",
    ),
    FigureSpec(
        "gaps_by_group",
        "lanzarote_analysis.plots.gaps_by_group:plot_gaps_by_group",
        "Stacked bars: Parties named by VII-1 and VII-2, by EU membership and UN sub-region",
    ),
    FigureSpec(
        "practices_vs_gaps",
        "lanzarote_analysis.plots.practices_vs_gaps:plot_practices_vs_gaps",
        "Dots: Parties cited for promising practices, and whether VII-1 or VII-2 names them",
    ),
    FigureSpec(
        "indicators",
        "lanzarote_analysis.plots.indicators:plot_indicators",
        "Bars: the factsheet's headline figures, as Parties out of the 43 monitored",
    ),
)


def get_plot_functions(registry: Sequence[FigureSpec] = REPORT_FIGURES) -> dict[str, str]:
    """Each plotting function of the registry, by name, with the module that holds it.

    Examples
    --------
    >>> get_plot_functions()["plot_gap_map"]
    'lanzarote_analysis.plots.maps.gap_map'
    """
    return {
        attribute: module
        for module, _, attribute in (spec.function.partition(":") for spec in registry)
    }


def format_figure_table(registry: Sequence[FigureSpec] = REPORT_FIGURES) -> str:
    """The registry as the README's Markdown table (``tests/test_readme.py`` compares them).

    Examples
    --------
    >>> print(format_figure_table().splitlines()[3])
    | `rec_VII-1_map` | Map: Parties that VII-1 requires to involve civil society in prevention |
    """
    lines = ["| name | shows |", "|---|---|"]
    lines += [f"| `{spec.name}` | {spec.description} |" for spec in registry]
    return "\n".join(lines) + "\n"


def format_figure_list(registry: Sequence[FigureSpec] = REPORT_FIGURES) -> str:
    """One line per figure: its name and description (the output of ``--list``).

    Examples
    --------
    >>> print(format_figure_list()[:38])
    gap_map                       Map: Par
    """
    width = max(len(spec.name) for spec in registry) + 2
    return "".join(f"{spec.name:<{width}}{spec.description}\n" for spec in registry)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def select_figures(
    names: Iterable[str] | None = None, registry: Sequence[FigureSpec] = REPORT_FIGURES
) -> list[FigureSpec]:
    """The registry entries called ``names`` (all of them when ``None``), in registry order.

    Raises
    ------
    UnknownFigureError
        Naming the unknown figures and listing the valid names.

    Examples
    --------
    >>> [spec.name for spec in select_figures(["indicators", "gap_map"])]
    ['gap_map', 'indicators']
    """
    if names is None:
        return list(registry)
    wanted = _unique(names)
    known = {spec.name for spec in registry}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise UnknownFigureError(
            f"Unknown figure{plural} {', '.join(map(repr, unknown))}; expected one of: "
            f"{', '.join(spec.name for spec in registry)}"
        )
    return [spec for spec in registry if spec.name in wanted]


def get_figure_path(out_dir: str | os.PathLike[str], name: str, lang: str, fmt: str) -> Path:
    """Where a figure is saved: ``<out_dir>/<name>.<lang>.<fmt>``.

    Examples
    --------
    >>> get_figure_path("figures", "gap_map", "fr", "svg").as_posix()
    'figures/gap_map.fr.svg'
    """
    return Path(out_dir) / f"{name}.{lang}.{fmt}"
