"""The map page's HTML: bokeh's document embedded standalone, with reproducible ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .bokeh_map import PARTIES_SOURCE

if TYPE_CHECKING:
    from bokeh.models import Plot


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MODEL_ID = re.compile(r'(?<=")p[0-9]+(?=")')
_MODEL_ID_KEY = re.compile(r'"id":"(p[0-9]+)"')


@dataclass(frozen=True)
class MapHtml:
    """The pieces of a page that shows a bokeh map: the library, its element, its script."""

    resources: str
    element: str
    script: str


def make_ids_deterministic(text: str) -> str:
    """``text`` with bokeh's model ids and UUIDs renumbered in order of appearance.

    Model ids are the values of bokeh's ``"id"`` keys (``"p1234"``); every quoted
    ``"p1234"`` that is one of them is renumbered, and a text that quotes anything else
    looking like one is refused rather than changed.

    Examples
    --------
    >>> make_ids_deterministic('{"id":"p7","to":"p7","doc":"0c4f2f3e-1c53-4c89-a7f3-4c9b0f7c2a11"}')
    '{"id":"p1000","to":"p1000","doc":"a0000000-0000-4000-8000-000000000000"}'
    """
    model_ids = set(_MODEL_ID_KEY.findall(text))
    found = list(dict.fromkeys(_MODEL_ID.findall(text)))
    strangers = sorted(set(found) - model_ids)
    if strangers:
        raise ValueError(
            f"The map's data quote {', '.join(strangers)}, which look like bokeh model ids: "
            "its ids cannot be made reproducible"
        )
    models = {old: f"p{1000 + n}" for n, old in enumerate(found)}
    uuids = {
        old: f"a0000000-0000-4000-8000-{n:012d}"
        for n, old in enumerate(dict.fromkeys(_UUID.findall(text)))
    }
    text = _MODEL_ID.sub(lambda match: models[match.group()], text)
    return _UUID.sub(lambda match: uuids[match.group()], text)


def render_map(plot: Plot, *, ready_js: str = "") -> MapHtml:
    """The library, element and script of ``plot``, the same bytes at every run.

    ``ready_js`` runs once the map is drawn, with ``source`` (the Parties' data source)
    in scope: the page's script receives the source that way.
    """
    from bokeh.document import Document
    from bokeh.embed import components
    from bokeh.embed.bundle import bundle_for_objs_and_resources
    from bokeh.models import CustomJS
    from bokeh.resources import INLINE

    document = Document()
    document.add_root(plot)
    if ready_js:
        source = document.select_one({"name": PARTIES_SOURCE})
        document.js_on_event("document_ready", CustomJS(args={"source": source}, code=ready_js))
    script, element = components(plot)
    js, css = bundle_for_objs_and_resources([plot], INLINE)
    # The element and the script refer to each other: one renumbering for both.
    joined = make_ids_deterministic(f"{element}\0{script}")
    element, script = joined.split("\0")
    return MapHtml(resources=f"{js}\n{css}", element=element, script=script)
