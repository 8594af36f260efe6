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

import posixpath
from dataclasses import dataclass

import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.interactive.map_records import GAP_VIEW
from lanzarote_analysis.interactive.page import (
    MAP_BLOCK_ID,
    MapParts,
    build_map_parts,
    escape,
    render_css,
    render_js,
    render_map_block,
    render_map_config,
    render_party_section,
    render_swatch,
    section_id,
    sort_by_name,
)
from lanzarote_analysis.labels import check_lang, quote_title
from lanzarote_analysis.load import PathLike, load_data_package
from lanzarote_analysis.report import format_gap_table
from lanzarote_analysis.style import get_gap_concept

from .downloads import Download, read_citation, read_data_downloads
from .svg import SvgFigure, get_comparison_specs, get_printed_map_spec, render_svg_figure

TABLE_ID = "lz-table"
HEADLINE_ID = "lz-headline"
FIGURES_ID = "lz-figures"
PARTIES_ID = "lz-parties"
SOURCES_ID = "lz-sources"
DATA_ID = "lz-data"

#: Media type of the spreadsheet of the data (issue 13's export), when one is embedded.
SPREADSHEET_NAME = "lanzarote-analysis.xlsx"

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


def collect_report_parts(
    *, lang: str = "en", data_dir: PathLike = None, spreadsheet: bytes | None = None
) -> ReportParts:
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
    # ISSUE-13-XLSX: the spreadsheet export of issue 13 is passed here as bytes.
    if spreadsheet is not None:
        downloads.append(Download(SPREADSHEET_NAME, spreadsheet))
    return ReportParts(lang, parts, comparisons, printed, downloads, read_citation(), digest)


# Sections ------------------------------------------------------------------------------------


def _heading(element_id: str, key: str, lang: str) -> str:
    return f'<h2 id="{element_id}-title">{escape(la.get_label(key, lang))}</h2>'


def render_headline(lang: str, data_dir: PathLike) -> str:
    """The factsheet's headline figures, each with its source locator.

    A total the factsheet does not state ("15 Parties", not "15 of 43") is not written
    as stated: the value has an asterisk and the note of the indicators figure.
    """
    indicators = la.load_indicators(data_dir)
    monitored = indicators["value"].get("parties_monitored")
    items, is_implied = [], False
    for _, row in indicators.iterrows():
        value = str(int(row["value"]))
        if pd.notna(row["denominator"]):
            if pd.notna(row["is_denominator_stated"]) and bool(row["is_denominator_stated"]):
                value = la.get_label("cmp.indicators.value", lang).format(
                    value=value, denominator=int(row["denominator"])
                )
            else:
                value, is_implied = f"{value}*", True
        items.append(
            f"<li><strong>{escape(value)}</strong>{escape(row[f'description_{lang}'])} "
            f'<span class="lz-locator">{escape(row["source"])}</span></li>'
        )
    note = ""
    if is_implied and monitored is not None:
        text = la.get_label("report.headline.implied_note", lang)
        note = f'<p class="lz-muted">{escape(text.format(denominator=int(monitored)))}</p>'
    return (
        f'<section id="{HEADLINE_ID}" aria-labelledby="{HEADLINE_ID}-title">'
        f"{_heading(HEADLINE_ID, 'report.headline.heading', lang)}"
        f'<ul class="lz-headline">{"".join(items)}</ul>{note}</section>'
    )


def render_gap_table(parts: MapParts) -> str:
    """Every State, in words: the map's text alternative, for each of its views.

    One row per State (its name links to its section): coverage by the round, the gap
    (which of VII-1 and VII-2 name it), the status of each recommendation, and the
    number of practices the factsheet cites.
    """
    lang = parts.lang
    records = parts.records
    statuses = la.get_labels("profile.status", lang)
    rec_ids = [view for view in parts.views if view != GAP_VIEW]
    header = (
        f'<th scope="col">{escape(la.get_label("column.name", lang))}</th>'
        f'<th scope="col">{escape(la.get_label("profile.field.coverage", lang))}</th>'
        f'<th scope="col">{escape(la.get_label("column.gap", lang))}</th>'
        + "".join(
            f'<th scope="col" title="{escape(parts.views[r].option)}">{escape(r)}</th>'
            for r in rec_ids
        )
        + f'<th scope="col">{escape(la.get_label("report.table.practices", lang))}</th>'
    )
    rows = []
    for iso3 in sort_by_name(records["name"]):
        record, profile = records.loc[iso3], parts.profiles[iso3]
        cells = "".join(
            f"<td>{escape(statuses[str(profile.recommendations.loc[r, 'status'])])}</td>"
            for r in rec_ids
        )
        rows.append(
            f'<tr id="row-{escape(iso3)}"><th scope="row">'
            f'<a href="#{section_id(iso3)}">{escape(record["name"])}</a></th>'
            f"<td>{escape(record['coverage_label'])}</td>"
            f"<td>{render_swatch(get_gap_concept(record['gap']))}{escape(record['gap_label'])}</td>"
            f"{cells}<td>{len(profile.practices)}</td></tr>"
        )
    return (
        f'<section id="{TABLE_ID}" aria-labelledby="{TABLE_ID}-title">'
        f"{_heading(TABLE_ID, 'report.table.heading', lang)}"
        f'<div class="lz-table-wrap"><table><caption>'
        f"{escape(la.get_label('report.table.caption', lang))}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _figure(figure: SvgFigure, *, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f'<figure id="figure-{escape(figure.name)}"{attribute}>{figure.svg}</figure>'


def render_figures(report: ReportParts) -> str:
    """The comparison figures, as drawn for ``figures/``."""
    return (
        f'<section id="{FIGURES_ID}" aria-labelledby="{FIGURES_ID}-title">'
        f"{_heading(FIGURES_ID, 'report.figures.heading', report.lang)}"
        f"{''.join(_figure(figure) for figure in report.comparisons)}</section>"
    )


def render_parties(parts: MapParts) -> str:
    """One section per State, in the table's order (alphabetical in the page's language)."""
    lang = parts.lang
    sections = []
    for iso3 in sort_by_name(parts.records["name"]):
        profile = parts.profiles[iso3]
        links = (
            f'<p class="lz-interactive"><a href="#{MAP_BLOCK_ID}">'
            f"{escape(la.get_label('report.back_to_map', lang))}</a> · "
            f'<a href="#row-{escape(iso3)}">'
            f"{escape(la.get_label('report.back_to_table', lang))}</a></p>"
        )
        sections.append(render_party_section(profile, lang=lang, links=links))
    return (
        f'<section id="{PARTIES_ID}" aria-labelledby="{PARTIES_ID}-title">'
        f"{_heading(PARTIES_ID, 'report.parties.heading', lang)}{''.join(sections)}</section>"
    )


def render_sources(report: ReportParts, data_dir: PathLike) -> str:
    """The sources of the data, then how to cite the package and its source.

    Titles, publishers and notes are given as written, in English: in the French
    report they are marked ``lang="en"``, and titles are quoted as titles.
    """
    lang = report.lang
    marked = ' lang="en"' if lang != "en" else ""
    items = []
    for source_id, row in la.load_sources(data_dir).iterrows():
        parts = [f'<span class="lz-locator">{escape(source_id)}</span>']
        parts.append(f"<cite{marked}>{escape(quote_title(str(row['title']), lang))}</cite>")
        details = [str(row[key]) for key in ("publisher", "published") if pd.notna(row[key])]
        if details:
            parts.append(f"<span{marked}>{escape(', '.join(details))}</span>")
        if isinstance(row["url"], str):
            parts.append(f'<span class="lz-locator">{escape(row["url"])}</span>')
        if isinstance(row["note"], str):
            parts.append(f'<span class="lz-muted"{marked}>{escape(row["note"])}</span>')
        items.append(f"<li>{' — '.join(parts)}</li>")
    citation = ""
    if report.citation is not None:
        citation = (
            f"<h3>{escape(la.get_label('report.citation.heading', lang))}</h3>"
            f"<p>{escape(la.get_label('report.citation.text', lang))}</p>"
            f'<pre lang="en">{escape(report.citation.data.decode("utf-8"))}</pre>'
        )
    return (
        f'<section id="{SOURCES_ID}" aria-labelledby="{SOURCES_ID}-title">'
        f"{_heading(SOURCES_ID, 'report.sources.heading', lang)}<ul>{''.join(items)}</ul>"
        f"{citation}</section>"
    )


def render_data(report: ReportParts) -> str:
    """The data as files to download (embedded: no network), each with its SHA-256."""
    lang = report.lang
    files = [*report.downloads, *([report.citation] if report.citation else [])]
    rows = "".join(
        f'<tr><th scope="row"><a href="{download.href}" '
        f'download="{escape(posixpath.basename(download.name))}">{escape(download.name)}</a></th>'
        f"<td>{len(download.data)}</td>"
        f'<td><span class="lz-locator">{download.sha256}</span></td></tr>'
        for download in files
    )
    columns = la.get_labels("report.data.column", lang)
    # ISSUE-13-XLSX: the spreadsheet, once embedded (collect_report_parts), is a row here.
    has_spreadsheet = any(d.name == SPREADSHEET_NAME for d in report.downloads)
    marker = "" if has_spreadsheet else "<!-- ISSUE-13-XLSX: spreadsheet not embedded yet -->"
    return (
        f'<section id="{DATA_ID}" class="lz-downloads" aria-labelledby="{DATA_ID}-title">'
        f"{_heading(DATA_ID, 'report.data.heading', lang)}"
        f"<p>{escape(la.get_label('report.data.text', lang))}</p>{marker}"
        f'<div class="lz-table-wrap"><table><thead><tr>'
        + "".join(f'<th scope="col">{escape(columns[c])}</th>' for c in ("file", "size", "sha256"))
        + f"</tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


# The page ------------------------------------------------------------------------------------


def render_report(report: ReportParts, *, data_dir: PathLike = None) -> str:
    """The whole page of one language."""
    lang = report.lang
    label = la.get_label
    parts = report.map
    alternative = (
        f'<p><a href="#{TABLE_ID}">{escape(label("report.map.alternative", lang))}</a></p>'
    )
    map_section = (
        f'<section id="lz-map-section" aria-labelledby="lz-map-section-title">'
        f'<h2 id="lz-map-section-title">{escape(label("report.map.heading", lang))}</h2>'
        f"{render_map_block(parts, heading_level=3, alternative=alternative)}"
        f'<div class="lz-print-only">{_figure(report.printed_map)}</div></section>'
    )
    contents = [
        (HEADLINE_ID, "report.headline.heading"),
        ("lz-map-section", "report.map.heading"),
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


def build_html_report(
    *, lang: str = "en", data_dir: PathLike = None, spreadsheet: bytes | None = None
) -> str:
    """The report of one language as one self-contained HTML page.

    Parameters
    ----------
    lang
        ``"en"`` or ``"fr"``.
    data_dir
        Data directory (default: the one in force).
    spreadsheet
        The data as one spreadsheet (xlsx bytes) to embed for download, if any.

    Returns
    -------
    str
        The page; it loads nothing from the network.
    """
    report = collect_report_parts(lang=lang, data_dir=data_dir, spreadsheet=spreadsheet)
    return render_report(report, data_dir=data_dir)
