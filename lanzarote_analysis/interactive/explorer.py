"""The gap map to explore in a notebook: hover a State, pick a recommendation, click.

``la.explore_gap_map()`` returns a :class:`MapExplorer`, which a notebook shows as a
self-contained page in a frame (``<iframe srcdoc=...>``): the bokeh library, the map
and its script are inside the page, so it works with no network, in any JupyterLab,
with no extension to install and nothing to run first. Bokeh's own notebook display
would need the ``jupyter_bokeh`` extension and a loading cell (``output_notebook()``)
in every notebook, and would not be the page the report embeds; the frame is the same
page as the report's map, so one browser test covers both.

Hovering a State shows its name, its coverage and gap, what VII-1 and VII-2 asked of
it and its practices; the selector recolours the map by a recommendation; clicking a
State (or choosing it in the second list) shows its profile under the map.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import lanzarote_analysis as la
from lanzarote_analysis.i18n.labels import check_lang, get_label
from lanzarote_analysis.io.data_package import PathLike
from lanzarote_analysis.output.save import atomic_write

from .map_records import GAP_VIEW
from .map_views import normalise_view
from .page import (
    MapParts,
    build_map_parts,
    escape,
    render_map_block,
    render_map_config,
    render_party_section,
    sort_by_name,
)
from .page_assets import PARTY_SELECT_ID, render_css, render_js

#: Height of the notebook's frame before its page sets it (the map and its legend).
FRAME_HEIGHT = 900


def render_explorer_page(parts: MapParts) -> str:
    """A standalone page: the map block, then a State's profile on click or choice."""
    lang = parts.lang
    view = parts.views[parts.view]
    order = sort_by_name(parts.records["name"])
    options = "".join(
        f'<option value="{escape(iso3)}">{escape(parts.records.loc[iso3, "name"])}</option>'
        for iso3 in order
    )
    sections = "".join(
        render_party_section(parts.profiles[iso3], lang=lang, hidden=True) for iso3 in order
    )
    details = (
        '<section class="lz-details">'
        f'<div class="lz-controls"><label for="{PARTY_SELECT_ID}">'
        f"{escape(get_label('explore.party.label', lang))}</label>"
        f'<select id="{PARTY_SELECT_ID}"><option value="" selected></option>{options}'
        "</select></div>"
        '<p class="lz-placeholder lz-muted">'
        f"{escape(get_label('explore.party.placeholder', lang))}</p>"
        f"{sections}</section>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(view.title)}</title>\n{parts.html.resources}\n"
        f"<style>\n{render_css()}\n</style>\n</head>\n<body>\n"
        f"{render_map_block(parts, after=details)}\n"
        f"{render_map_config(parts, mode='explorer')}\n"
        f"<script>{render_js()}</script>\n{parts.html.script}\n</body>\n</html>\n"
    )


class MapExplorer:
    """An interactive map of the Parties, shown by a notebook as a self-contained page.

    Attributes
    ----------
    html
        The standalone page (what the notebook's frame holds; :meth:`save` writes it).
    lang, view
        Its language and the view it starts on (``"gap"`` or a recommendation).
    """

    def __init__(self, parts: MapParts) -> None:
        self.lang = parts.lang
        self.view = parts.view
        self.title = parts.views[parts.view].title
        self.html = render_explorer_page(parts)

    def __repr__(self) -> str:
        return f"MapExplorer(view={self.view!r}, lang={self.lang!r}): {self.title}"

    def _repr_html_(self) -> str:
        # The frame grows with its page (see page.py); FRAME_HEIGHT until it does.
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'title="{escape(self.title)}" '
            f'style="width:100%;height:{FRAME_HEIGHT}px;border:0" loading="eager"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (complete or not at all); it opens with no network.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> out = explore_gap_map().save(pathlib.Path(tempfile.mkdtemp()) / "gaps.html")
        >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        target = Path(path)
        with atomic_write(target) as handle:
            handle.write(self.html.encode("utf-8"))
        return target


def explore_gap_map(*, lang: str = "en", data_dir: PathLike = None) -> MapExplorer:
    """The gap map to explore: who VII-1 and VII-2 name, every State of ``parties.csv``.

    Shown in a notebook, it is the static gap map's palette and legend on a map to pan
    and zoom: hover a State for its name, its gap, what VII-1 and VII-2 asked of it
    (in the source's wording), its practices and its coverage by the round; click it
    (micro-states too, as markers) for its profile; choose a recommendation to recolour
    the map by whom it addresses. It needs no network.

    Parameters
    ----------
    lang
        ``"en"`` or ``"fr"``: language of every text.
    data_dir
        Data directory (default: the one in force).

    Returns
    -------
    MapExplorer
        Shown by the notebook; ``.save(path)`` writes it as one HTML file.

    Examples
    --------
    >>> explorer = explore_gap_map(lang="fr")
    >>> explorer
    MapExplorer(view='gap', lang='fr'): Parties citées dans les recommandations VII-1 et VII-2
    """
    return MapExplorer(build_map_parts(view=GAP_VIEW, lang=check_lang(lang), data_dir=data_dir))


def explore_recommendation_map(
    rec_id: str, *, lang: str = "en", data_dir: PathLike = None
) -> MapExplorer:
    """The map of one recommendation to explore: the Parties it addresses, by its level.

    As :func:`explore_gap_map`, starting on ``rec_id``: VII-1 and VII-2 colour the
    Parties their footnotes name; VII-3 to VII-7, addressed to all Parties, every covered
    Party. Case, spaces and dashes do not matter ("vii 2").

    Raises
    ------
    ValueError
        For an unknown recommendation or language.

    Examples
    --------
    >>> explore_recommendation_map("vii-2")
    MapExplorer(view='VII-2', lang='en'): Recommendation VII-2: financing of civil society
    """
    check_lang(lang)
    rec_id = normalise_view(
        rec_id, list(la.load_recommendations(data_dir).index), what="recommendation"
    )
    return MapExplorer(build_map_parts(view=rec_id, lang=lang, data_dir=data_dir))
