"""The report as one HTML file per language, to read and explore offline, and to print.

One page holds everything, so that it can be sent as one file and opened from disk with
no network: the headline figures, the interactive gap map with its recommendation
selector (bokeh's library inline), the table of States (the map's text alternative),
the comparison figures (inline SVG), one section per State (its profile), the sources,
the citation, and the data as files to download. Printed, the page shows the static
gap map in place of the interactive one.

Two runs on the same data give the same bytes: nothing depends on the time, the
machine or the process (bokeh's ids are renumbered, SVG ids are salted by the theme).
"""

from __future__ import annotations

import lanzarote_analysis as la
from lanzarote_analysis.i18n.labels import check_lang
from lanzarote_analysis.interactive.map_records import GAP_VIEW
from lanzarote_analysis.interactive.page import (
    build_map_parts,
    escape,
    render_map_block,
    render_map_config,
)
from lanzarote_analysis.interactive.page_assets import render_css, render_js
from lanzarote_analysis.io.data_package import PathLike, load_data_package
from lanzarote_analysis.output.gap_table import format_gap_table

from ..export import get_default_output
from ..export_tables import tabulate_export_tables
from ..export_xlsx import build_workbook
from .downloads import Download, read_citation, read_data_downloads
from .parts import (
    DATA_ID,
    FIGURES_ID,
    HEADLINE_ID,
    MAP_SECTION_ID,
    PARTIES_ID,
    SOURCES_ID,
    TABLE_ID,
    ReportParts,
)
from .sections import (
    render_data,
    render_figure,
    render_figures,
    render_gap_table,
    render_headline,
    render_parties,
    render_section,
    render_sources,
)
from .svg import get_comparison_specs, get_printed_map_spec, render_svg_figure

_REPORT_CSS = """
.lz-skip { position: absolute; left: -999px; }
.lz-skip:focus { position: static; }
header h1 { font-size: 1.5rem; margin: 0.6rem 0 0.2rem; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; padding: 0; list-style: none; }
.lz-headline { list-style: none; padding: 0; display: grid; gap: 0.4rem;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.lz-headline li { border-left: 3px solid currentColor; padding-left: 0.6rem; }
.lz-headline strong { display: block; font-size: 1.4rem; }
figure { margin: 1rem 0; }
.lz-svg { display: block; }
pre { white-space: pre-wrap; font-size: 0.8rem; }
.lz-table-wrap { overflow-x: auto; }
@media print { .lz-skip, nav, .lz-downloads a { display: none; } h2 { break-after: avoid; } }
"""


def collect_report_parts(*, lang: str = "en", data_dir: PathLike = None) -> ReportParts:
    """Compute and draw everything one language's report shows."""
    # Load inputs: the data once validated, and the digest of what was validated.
    check_lang(lang)
    digest = load_data_package(data_dir).digest

    # The map, the figures, the files.
    parts = build_map_parts(view=GAP_VIEW, lang=lang, data_dir=data_dir)
    comparisons = [
        render_svg_figure(spec, lang=lang, data_dir=data_dir, prefix=f"lz-fig{index}")
        for index, spec in enumerate(get_comparison_specs(), start=1)
    ]
    printed = render_svg_figure(
        get_printed_map_spec(), lang=lang, data_dir=data_dir, prefix="lz-fig0"
    )
    downloads = read_data_downloads(data_dir, digest=digest)
    gap_table = format_gap_table(data_dir, fmt="csv", lang=lang).encode("utf-8")
    downloads.append(Download(f"gaps.{lang}.csv", gap_table))
    # The spreadsheet of `lanzarote-analysis export --lang LANG`, the same bytes.
    workbook = build_workbook(tabulate_export_tables(data_dir, lang=lang), lang=lang)
    downloads.append(Download(get_default_output("xlsx", lang).name, workbook))
    return ReportParts(lang, parts, comparisons, printed, downloads, read_citation(), digest)


# The page ------------------------------------------------------------------------------------


def render_report(report: ReportParts, *, data_dir: PathLike = None) -> str:
    """The whole page of one language."""
    lang = report.lang
    label = la.get_label
    parts = report.map
    alternative = (
        f'<p><a href="#{TABLE_ID}">{escape(label("report.map.alternative", lang))}</a></p>'
    )
    map_section = render_section(
        MAP_SECTION_ID,
        "report.map.heading",
        lang,
        f"{render_map_block(parts, heading_level=3, alternative=alternative)}"
        f'<div class="lz-print-only">{render_figure(report.printed_map)}</div>',
    )
    contents = [
        (HEADLINE_ID, "report.headline.heading"),
        (MAP_SECTION_ID, "report.map.heading"),
        (TABLE_ID, "report.table.heading"),
        (FIGURES_ID, "report.figures.heading"),
        (PARTIES_ID, "report.parties.heading"),
        (SOURCES_ID, "report.sources.heading"),
        (DATA_ID, "report.data.heading"),
    ]
    nav = "".join(f'<li><a href="#{i}">{escape(label(k, lang))}</a></li>' for i, k in contents)
    colophon = label("report.colophon", lang).format(version=la.__version__, digest=report.digest)
    title = label("report.title", lang)
    body = (
        f'<a class="lz-skip" href="#{TABLE_ID}">{escape(label("report.skip", lang))}</a>'
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="lz-subtitle">{escape(label("report.subtitle", lang))}</p>'
        f'<p class="lz-source">{escape(colophon)}</p></header>'
        f'<nav aria-label="{escape(label("report.contents", lang))}"><ul>{nav}</ul></nav>'
        f"<main>{render_headline(lang, data_dir)}{map_section}{render_gap_table(parts)}"
        f"{render_figures(report)}{render_parties(parts)}{render_sources(report, data_dir)}"
        f"{render_data(report)}</main>"
        f'<footer><p class="lz-source">{escape(colophon)}</p></footer>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="lanzarote-analysis {escape(la.__version__)}">\n'
        f"<title>{escape(title)}</title>\n{parts.html.resources}\n"
        f"<style>\n{render_css()}\n{_REPORT_CSS.strip()}\n</style>\n</head>\n<body>\n"
        f"{body}\n{render_map_config(parts, mode='report')}\n"
        f"<script>{render_js()}</script>\n{parts.html.script}\n</body>\n</html>\n"
    )


def build_html_report(*, lang: str = "en", data_dir: PathLike = None) -> str:
    """The report of one language as one self-contained HTML page.

    Parameters
    ----------
    lang
        The page's language, ``"en"`` or ``"fr"``.
    data_dir
        The data to report on; the data directory in force when ``None``.

    Returns
    -------
    str
        The page; it loads nothing from the network.
    """
    report = collect_report_parts(lang=lang, data_dir=data_dir)
    return render_report(report, data_dir=data_dir)
