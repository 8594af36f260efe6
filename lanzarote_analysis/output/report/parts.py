"""What one language's report is made of, and the ids of its sections."""

from __future__ import annotations

from dataclasses import dataclass

from ...interactive.page import MapParts
from .downloads import Download
from .svg import SvgFigure

TABLE_ID = "lz-table"
HEADLINE_ID = "lz-headline"
MAP_SECTION_ID = "lz-map-section"
FIGURES_ID = "lz-figures"
PARTIES_ID = "lz-parties"
SOURCES_ID = "lz-sources"
DATA_ID = "lz-data"


@dataclass(frozen=True)
class ReportParts:
    """What a report is built from, for one language."""

    lang: str
    map: MapParts
    comparisons: list[SvgFigure]
    printed_map: SvgFigure
    downloads: list[Download]
    citation: Download | None
    digest: str
