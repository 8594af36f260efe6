"""The HTML around the interactive map, shared by the notebook explorer and the report.

One map block (the view selector, each view's title, legend and source line, and the
bokeh map), one section per State (its profile), one style sheet and one script. Every
text comes from ``labels.csv`` or the State's profile and is escaped here; every colour
comes from ``style``. The script recolours the map for the view chosen in the selector
and shows a State's section when the State is clicked; it loads nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

import lanzarote_analysis as la
from lanzarote_analysis.analysis.parties import normalise_name
from lanzarote_analysis.analysis.profile import (
    PartyProfile,
    tabulate_party_identity,
    tabulate_party_profile,
)
from lanzarote_analysis.i18n.labels import check_lang
from lanzarote_analysis.i18n.typography import get_colon
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.output.profile_text import _coverage_sentences
from lanzarote_analysis.plots.palette import get_swatch

from .bokeh_html import MapHtml, render_map
from .bokeh_map import PARTIES_SOURCE, build_map_figure
from .map_records import GAP_VIEW, MapView, compute_map_records, compute_party_profiles
from .map_views import compute_map_views, normalise_view
from .page_assets import CONFIG_ID, MAP_BLOCK_ID, READY_JS, VIEW_SELECT_ID, render_json_script
from .web_colours import compute_view_colours
from .web_shapes import WebShapes, compute_web_shapes

#: Ids of the page's elements that the script and the tests look for.


def escape(text: object) -> str:
    """Text for HTML, quotes included (so that it can go in an attribute too)."""
    return html.escape(str(text), quote=True)


def sort_by_name(names: pd.Series) -> list[str]:
    """The index of ``names`` (ISO3 → name) in the alphabetical order of the names.

    Accents and case do not count ("Égypte" comes between "Danemark" and "Espagne").
    """
    return list(names.sort_values(key=lambda s: s.map(normalise_name), kind="stable").index)


def section_id(iso3: str) -> str:
    """The id of a State's section: ``party-MLT``."""
    return f"party-{iso3}"


# The map block ------------------------------------------------------------------------------


def render_swatch(concept: str) -> str:
    """A legend's swatch of a palette concept: its fill, and its hatch drawn in its edge."""
    swatch = get_swatch(concept)
    style = f"background-color:{swatch.colour}"
    if swatch.hatch:
        # Lines rising to the right, as matplotlib draws "/" on the static maps.
        style += (
            f";background-image:repeating-linear-gradient(135deg,{swatch.edge} 0 1px,"
            f"transparent 1px 4px);border-color:{swatch.edge}"
        )
    elif swatch.edge:
        style += f";border-color:{swatch.edge}"
    return f'<span class="lz-swatch" style="{style}" aria-hidden="true"></span>'


def render_legend(view: MapView, *, lang: str) -> str:
    """A view's legend as a list: a swatch and its words for each category, and non-Parties."""
    items = [f"<li>{render_swatch(e.concept)}{escape(e.label)}</li>" for e in view.legend]
    items.append(
        f"<li>{render_swatch('map.non_party')}{escape(la.get_label('map.non_party', lang))}</li>"
    )
    return "".join(items)


@dataclass(frozen=True)
class MapParts:
    """Everything a page needs to show the map: data, views, shapes, and its HTML."""

    lang: str
    view: str
    profiles: dict[str, PartyProfile]
    records: pd.DataFrame
    views: dict[str, MapView]
    shapes: WebShapes
    html: MapHtml

    @property
    def order(self) -> list[str]:
        return list(self.records.index)


def build_map_parts(
    *, view: str = GAP_VIEW, lang: str = "en", data_dir: PathLike = None
) -> MapParts:
    """Compute the map's data and draw it, starting on ``view``."""
    # Load inputs.
    check_lang(lang)
    profiles = compute_party_profiles(data_dir=data_dir)
    records = compute_map_records(profiles, lang=lang, data_dir=data_dir)
    views = compute_map_views(profiles, lang=lang, data_dir=data_dir)
    view = normalise_view(view, views)
    shapes = compute_web_shapes(data_dir=data_dir)

    # Draw.
    plot = build_map_figure(records, views, shapes, view=view, lang=lang)
    return MapParts(
        lang, view, profiles, records, views, shapes, render_map(plot, ready_js=READY_JS)
    )


def render_map_config(parts: MapParts, *, mode: str) -> str:
    """The script's data: every view's colours, the first view, the page's mode."""
    config = {
        "initial": parts.view,
        "mode": mode,
        "source": PARTIES_SOURCE,
        "views": {
            view_id: compute_view_colours(view, parts.order).as_columns()
            for view_id, view in parts.views.items()
        },
    }
    return render_json_script(CONFIG_ID, config)


def render_map_block(
    parts: MapParts, *, heading_level: int = 2, alternative: str = "", after: str = ""
) -> str:
    """The selector, each view's title and subtitle, the map, legends and source lines.

    Only the first view's texts are shown; the script shows another view's on choice.
    ``alternative`` is a sentence (HTML) that leads to the map's text alternative;
    ``after`` comes at the end of the interactive part (hidden when printed).
    """
    lang = parts.lang
    options = "".join(
        f'<option value="{escape(view_id)}"{" selected" if view_id == parts.view else ""}>'
        f"{escape(view.option)}</option>"
        for view_id, view in parts.views.items()
    )
    h = f"h{heading_level}"
    heads, legends, sources = [], [], []
    for view_id, view in parts.views.items():
        hidden = "" if view_id == parts.view else " hidden"
        attributes = f'data-view="{escape(view_id)}"{hidden}'
        heads.append(
            f'<div {attributes}><{h} class="lz-map-title">{escape(view.title)}</{h}>'
            f'<p class="lz-subtitle">{escape(view.subtitle)}</p></div>'
        )
        legends.append(
            f'<ul class="lz-legend" {attributes} aria-label="'
            f'{escape(la.get_label("explore.legend", lang))}">{render_legend(view, lang=lang)}</ul>'
        )
        sources.append(f'<p class="lz-source" {attributes}>{escape(view.source)}</p>')
    label = escape(la.get_label("explore.view.label", lang))
    map_label = escape(la.get_label("explore.map.label", lang))
    return (
        f'<section class="lz-map lz-interactive" id="{MAP_BLOCK_ID}" aria-label="{map_label}">'
        f'<div class="lz-controls"><label for="{VIEW_SELECT_ID}">{label}</label>'
        f'<select id="{VIEW_SELECT_ID}">{options}</select></div>'
        f"{''.join(heads)}"
        f'<p class="lz-hint">{escape(la.get_label("explore.hint", lang))}</p>'
        f'<div class="lz-canvas" role="img" aria-label="{map_label}">{parts.html.element}</div>'
        f"{''.join(legends)}{''.join(sources)}{alternative}{after}</section>"
    )


# A State's section ---------------------------------------------------------------------------


def _locators(text: object) -> str:
    return f'<span class="lz-locator">{escape(str(text).replace("|", ", "))}</span>'


def render_party_section(
    profile: PartyProfile, *, lang: str = "en", hidden: bool = False, links: str = ""
) -> str:
    """A State's profile as an HTML section (``id="party-<ISO3>"``), focusable.

    The profile's own tables and sentences (``tabulate_party_identity``,
    ``tabulate_party_profile``): what each recommendation asked, with its status and
    sources, the State's practices, and its coverage by the round. ``links`` (HTML)
    end the section.
    """
    check_lang(lang)
    iso3 = profile.iso3
    name = profile.get_name(lang)
    identity = tabulate_party_identity(profile, lang=lang).iloc[:, 0]
    source_field = la.get_label("profile.field.coverage_source", lang)
    pairs = "".join(
        f"<dt>{escape(field)}</dt><dd>"
        + (_locators(value) if field == source_field else escape(value))
        + "</dd>"
        for field, value in identity.items()
    )
    table = tabulate_party_profile(profile, lang=lang)
    recs = table.iloc[: len(profile.recommendations)]
    columns = la.get_labels("profile.column", lang)
    shown = [columns[key] for key in ("level", "scope", "status", "summary", "source")]
    header = "".join(f'<th scope="col">{escape(c)}</th>' for c in [columns["item"], *shown])
    rows = "".join(
        f'<tr><th scope="row">{escape(rec_id)}</th>'
        + "".join(
            f"<td>{_locators(row[c]) if c == columns['source'] else escape(row[c])}</td>"
            for c in shown
        )
        + "</tr>"
        for rec_id, row in recs.iterrows()
    )
    practices = table.iloc[len(profile.recommendations) :]
    if practices.empty:
        practice_html = f"<p>{escape(la.get_label('profile.no_practices', lang))}</p>"
    else:
        colon = get_colon(lang)
        practice_html = (
            "<ul>"
            + "".join(
                f"<li><b>{escape(row[columns['kind']])}</b>{escape(colon)}"
                f"{escape(row[columns['summary']])} {_locators(row[columns['source']])}</li>"
                for _, row in practices.iterrows()
            )
            + "</ul>"
        )
    headings = la.get_labels("profile.heading", lang)
    title = f"{escape(name)} ({escape(iso3)})"
    return (
        f'<section class="lz-party" id="{section_id(iso3)}" tabindex="-1" '
        f'aria-labelledby="{section_id(iso3)}-title"{" hidden" if hidden else ""}>'
        f'<h3 id="{section_id(iso3)}-title">{title}</h3>'
        f"<p>{escape(' '.join(_coverage_sentences(profile, lang)))}</p>"
        f"<dl>{pairs}</dl>"
        f"<h4>{escape(headings['recommendations'])}</h4>"
        f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        f"<h4>{escape(headings['practices'])}</h4>{practice_html}{links}</section>"
    )
