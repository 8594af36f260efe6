"""The report's static figures as SVG elements to write inside an HTML page.

Each figure is drawn by its registered plotting function (``output/registry.py``)
and saved as SVG with the settings of ``figures/`` (the theme, no dates), so it is the
same picture, and the same bytes at every run. Inside one page several SVGs share one
id space: every id of a figure gets the figure's own prefix, and its style sheet is
scoped to it, so that no figure draws with another's glyphs, clips or hatches.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.output.figure_run import build_figure
from lanzarote_analysis.output.registry import REPORT_FIGURES, FigureSpec
from lanzarote_analysis.output.save import SAVE_METADATA
from lanzarote_analysis.plots._base import find_text
from lanzarote_analysis.plots.theme import theme

#: The static map printed in place of the interactive one.
PRINTED_MAP = "gap_map"

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(xlink:href="#|href="#|url\(#)([^")]+)')
_ROOT_SIZE = re.compile(r'<svg\b([^>]*?) width="([0-9.]+)pt" height="([0-9.]+)pt"')


@dataclass(frozen=True)
class SvgFigure:
    """One figure: its registry name, its title and subtitle as drawn, and its SVG."""

    name: str
    title: str
    subtitle: str
    svg: str


def get_comparison_specs() -> list[FigureSpec]:
    """The registered figures that compare Parties: every report figure but the maps."""
    return [spec for spec in REPORT_FIGURES if not spec.is_map]


def get_printed_map_spec() -> FigureSpec:
    """The registered static map that a printed report shows."""
    return next(spec for spec in REPORT_FIGURES if spec.name == PRINTED_MAP)


def scope_svg(svg: str, prefix: str, *, label: str) -> str:
    """An SVG document as an element of a page: ids prefixed, style scoped, labelled.

    The XML prologue and the metadata go; the size in points stays, as the figure's
    width on a page wide enough, and the figure shrinks with a narrower page.

    Examples
    --------
    >>> svg = ('<?xml version="1.0"?>\\n<svg width="10pt" height="5pt" viewBox="0 0 10 5">'
    ...        '<style>*{stroke: none}</style><g id="a" clip-path="url(#c)"/>'
    ...        '<use xlink:href="#a"/></svg>')
    >>> scoped = scope_svg(svg, "f1", label="A & B")
    >>> scoped[:62]
    '<svg id="f1" role="img" aria-label="A &amp; B" class="lz-svg" '
    >>> print(scoped[scoped.index("<title>") :].replace("><", ">\\n<"))
    <title>A &amp; B</title>
    <style>#f1 *{stroke: none}</style>
    <g id="f1-a" clip-path="url(#f1-c)"/>
    <use xlink:href="#f1-a"/>
    </svg>
    """
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    svg = re.sub(r"(<style[^>]*>)\s*\*\{", rf"\1#{prefix} *{{", svg, count=1)
    escaped = html.escape(label, quote=True)
    svg = _ROOT_SIZE.sub(
        rf'<svg id="{prefix}" role="img" aria-label="{escaped}" class="lz-svg" '
        rf'style="max-width:100%;height:auto"\1 width="\2pt" height="\3pt"',
        svg,
        count=1,
    )
    end = svg.index(">", svg.index("<svg")) + 1
    return f"{svg[:end]}<title>{escaped}</title>{svg[end:]}".strip()


def render_svg_figure(
    spec: FigureSpec, *, lang: str = "en", data_dir: PathLike = None, prefix: str
) -> SvgFigure:
    """Draw one registered figure in ``lang`` and return it as a page's SVG element."""
    import matplotlib.pyplot as plt

    fig = build_figure(spec, lang=lang, data_dir=data_dir)
    try:
        titled = [ax for ax in fig.axes if ax.get_title(loc="left")]
        title = titled[0].get_title(loc="left") if titled else ""
        subtitle = find_text(titled[0], "subtitle") if titled else None
        subtitle_text = subtitle.get_text() if subtitle is not None else ""
        buffer = io.BytesIO()
        with theme():
            fig.savefig(buffer, format="svg", metadata=SAVE_METADATA["svg"])
    finally:
        plt.close(fig)
    label = f"{title}. {subtitle_text}" if subtitle_text else title
    svg = scope_svg(buffer.getvalue().decode("utf-8"), prefix, label=label)
    return SvgFigure(spec.name, title, subtitle_text, svg)
