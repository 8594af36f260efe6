"""The map page's style sheet and script, and how configuration reaches the script."""

from __future__ import annotations

import json
from string import Template

from lanzarote_analysis.plots.palette import (
    BACKGROUND_COLOUR,
    MUTED_TEXT_COLOUR,
    OUTLINE_COLOUR,
    TEXT_COLOUR,
)

from .bokeh_map import PARTY_EVENT

#: Ids of the page's elements that the script finds.
VIEW_SELECT_ID = "lz-view"
PARTY_SELECT_ID = "lz-party"
CONFIG_ID = "lz-map-config"
MAP_BLOCK_ID = "lz-map"

# Style sheet and script ------------------------------------------------------------------

_CSS = Template(
    """
:root { color: $text; background: $background; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 70rem; padding: 0.5rem 1rem 2rem;
  font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; line-height: 1.45; }
a { color: $text; }
:focus-visible, .lz-party:focus { outline: 3px solid $text; outline-offset: 2px; }
.lz-muted, .lz-subtitle, .lz-source, .lz-hint { color: $muted; }
.lz-subtitle { margin: 0 0 0.4rem; }
.lz-source, .lz-hint { font-size: 0.8rem; }
.lz-map-title { margin: 0.6rem 0 0.1rem; font-size: 1.15rem; }
.lz-controls { display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; align-items: center; }
.lz-controls select { font: inherit; padding: 0.15rem; max-width: 100%; }
.lz-canvas { overflow-x: auto; }
.lz-legend { list-style: none; padding: 0; margin: 0.4rem 0; display: flex; flex-wrap: wrap;
  gap: 0.25rem 1.2rem; font-size: 0.85rem; }
.lz-swatch { display: inline-block; width: 1.2em; height: 0.95em; margin-right: 0.4em;
  vertical-align: -0.12em; border: 1px solid $outline; box-sizing: border-box;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.4rem 0; }
th, td { border-bottom: 1px solid $outline; padding: 0.2rem 0.4rem; text-align: left;
  vertical-align: top; }
th[scope="row"] { white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.lz-party { border-top: 1px solid $outline; margin-top: 1.2rem; padding-top: 0.4rem;
  scroll-margin-top: 0.5rem; }
.lz-party h3 { margin: 0.3rem 0; }
.lz-party h4 { margin: 0.8rem 0 0.2rem; }
.lz-party dl { display: grid; grid-template-columns: fit-content(24rem) 1fr; gap: 0.1rem 0.8rem;
  margin: 0.4rem 0; font-size: 0.9rem; }
.lz-party dt { font-weight: bold; }
.lz-party dd { margin: 0; }
.lz-locator { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; color: $muted; }
.lz-print-only { display: none; }
@media print {
  .lz-interactive { display: none !important; }
  .lz-print-only { display: block; }
  .lz-party { break-inside: avoid-page; }
  body { max-width: none; padding: 0; }
  table { font-size: 0.65rem; }
}
"""
)

#: The page's script: views, clicks, keyboard. ``%(config)s`` is the map's config.
_JS = """
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("%(config_id)s").textContent);
  var select = document.getElementById("%(view_select_id)s");
  var partySelect = document.getElementById("%(party_select_id)s");
  var source = null;

  function showView(id) {
    if (!config.views[id]) { id = config.initial; }
    document.querySelectorAll("#%(map_block_id)s [data-view]").forEach(function (el) {
      el.hidden = el.getAttribute("data-view") !== id;
    });
    if (select) { select.value = id; }
    if (source) {
      var data = Object.assign({}, source.data, config.views[id]);
      source.data = data;
    }
  }

  function showParty(iso3, how) {
    var section = document.getElementById("party-" + iso3);
    if (!section) { return; }
    if (config.mode === "explorer") {
      document.querySelectorAll(".lz-party, .lz-placeholder").forEach(function (el) {
        el.hidden = el !== section;
      });
      if (partySelect) { partySelect.value = iso3; }
    }
    if (how !== "select") {
      section.scrollIntoView({block: config.mode === "explorer" ? "nearest" : "start"});
      section.focus({preventScroll: true});
    }
  }

  window.lanzaroteMap = {
    ready: function (parties) {
      source = parties;
      showView(select ? select.value : config.initial);
    },
    showView: showView,
    showParty: showParty
  };
  if (select) { select.addEventListener("change", function () { showView(select.value); }); }
  if (partySelect) {
    partySelect.addEventListener("change", function () { showParty(partySelect.value, "select"); });
  }
  window.addEventListener("%(party_event)s", function (event) { showParty(event.detail); });
  // A link to a State's section (from the table) moves the keyboard's focus there too.
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("lz-party")) { target.focus({preventScroll: true}); }
  });
  showView(select ? select.value : config.initial);
  // In a notebook's frame, the frame grows with the page (a State's profile shown).
  if (window.frameElement && window.ResizeObserver) {
    var fit = function () {
      window.frameElement.style.height = document.documentElement.scrollHeight + "px";
    };
    new ResizeObserver(fit).observe(document.body);
  }
})();
"""

#: What the map's script runs once bokeh has drawn it, with the Parties' source in scope.
READY_JS = "if (window.lanzaroteMap) { window.lanzaroteMap.ready(source); }"


def render_css() -> str:
    """The page's style sheet, in the report's structural colours."""
    return _CSS.substitute(
        text=TEXT_COLOUR,
        muted=MUTED_TEXT_COLOUR,
        background=BACKGROUND_COLOUR,
        outline=OUTLINE_COLOUR,
    ).strip()


def render_js() -> str:
    """The page's script."""
    return _JS % {
        "config_id": CONFIG_ID,
        "view_select_id": VIEW_SELECT_ID,
        "party_select_id": PARTY_SELECT_ID,
        "map_block_id": MAP_BLOCK_ID,
        "party_event": PARTY_EVENT,
    }


def render_json_script(element_id: str, value: object) -> str:
    """``value`` as JSON in a script element that runs nothing; ``</`` cannot end it."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'
