"""The sections of the report page: headline figures, table, figures, States, sources, data."""

from __future__ import annotations

import posixpath

import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.i18n.typography import quote_title
from lanzarote_analysis.interactive.map_records import GAP_VIEW
from lanzarote_analysis.interactive.page import (
    MapParts,
    escape,
    render_party_section,
    render_swatch,
    section_id,
    sort_by_name,
)
from lanzarote_analysis.interactive.page_assets import MAP_BLOCK_ID
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.plots.palette import get_gap_concept

from .parts import DATA_ID, FIGURES_ID, HEADLINE_ID, PARTIES_ID, SOURCES_ID, TABLE_ID, ReportParts
from .svg import SvgFigure

# Sections ------------------------------------------------------------------------------------


def render_section(
    element_id: str, heading_key: str, lang: str, body: str, *, css_class: str = ""
) -> str:
    """A top-level section of the page, labelled by its heading (for screen readers)."""
    attribute = f' class="{css_class}"' if css_class else ""
    return (
        f'<section id="{element_id}"{attribute} aria-labelledby="{element_id}-title">'
        f'<h2 id="{element_id}-title">{escape(la.get_label(heading_key, lang))}</h2>'
        f"{body}</section>"
    )


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
    body = f'<ul class="lz-headline">{"".join(items)}</ul>{note}'
    return render_section(HEADLINE_ID, "report.headline.heading", lang, body)


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
    body = (
        f'<div class="lz-table-wrap"><table><caption>'
        f"{escape(la.get_label('report.table.caption', lang))}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return render_section(TABLE_ID, "report.table.heading", lang, body)


def render_figure(figure: SvgFigure, *, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f'<figure id="figure-{escape(figure.name)}"{attribute}>{figure.svg}</figure>'


def render_figures(report: ReportParts) -> str:
    """The comparison figures, as drawn for ``figures/``."""
    body = "".join(render_figure(figure) for figure in report.comparisons)
    return render_section(FIGURES_ID, "report.figures.heading", report.lang, body)


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
    return render_section(PARTIES_ID, "report.parties.heading", lang, "".join(sections))


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
    body = f"<ul>{''.join(items)}</ul>{citation}"
    return render_section(SOURCES_ID, "report.sources.heading", lang, body)


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
    header = "".join(
        f'<th scope="col">{escape(columns[c])}</th>' for c in ("file", "size", "sha256")
    )
    body = (
        f"<p>{escape(la.get_label('report.data.text', lang))}</p>"
        f'<div class="lz-table-wrap"><table><thead><tr>{header}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    return render_section(DATA_ID, "report.data.heading", lang, body, css_class="lz-downloads")
