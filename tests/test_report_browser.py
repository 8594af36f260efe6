"""The HTML report in a real browser with no network, as a reader uses it.

Each file of the ``html_reports`` fixture (tests/conftest.py) is opened from disk in
headless Chromium (tests/browser_support.py) with every request recorded and every
request that would leave ``file://`` refused. A reader hovers two States, picks VII-1
in the selector, clicks a State, tabs through the page, prints it and downloads a
table. Screenshots go to the test's temporary folder (or ``$LANZAROTE_SCREENSHOTS``).

Where a State is on screen is computed from its point on the static maps
(``representative_point``, which is also where micro-states have their marker) with
the scales of bokeh's plot view (``browser_support.locate_on_map``).
"""

from __future__ import annotations

import io
import time

import pytest
from browser_support import BOKEH_MAP_READY, STEP_TIMEOUT, locate_on_map

import lanzarote_analysis as la
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR
from lanzarote_analysis.plots.palette import get_swatch

pytestmark = pytest.mark.slow

#: The Parties that VII-1's footnote names.
VII_1_NAMED = ("ALB", "GRC", "LVA", "MNE", "MKD", "SMR", "SVK", "TUR")


@pytest.fixture(scope="module")
def points() -> dict[str, tuple[float, float]]:
    basemap = la.load_basemap()
    return {iso3: (p.x, p.y) for iso3, p in basemap.representative_point().items()}


def open_offline(page, path) -> tuple[list[str], list[str]]:
    """Open ``path`` refusing every request off ``file://``; (requests, console errors)."""
    requests, errors = [], []

    def route(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", route)
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(BOKEH_MAP_READY)
    return requests, errors


def screen_point(page, point: tuple[float, float]) -> tuple[float, float]:
    page.locator("#lz-map .lz-canvas").scroll_into_view_if_needed()
    return locate_on_map(page, point)


def pixel(page, x: float, y: float) -> str:
    """The colour shown at (x, y) of the viewport, as ``#RRGGBB``."""
    from PIL import Image

    png = page.screenshot(clip={"x": round(x), "y": round(y), "width": 1, "height": 1})
    red, green, blue = Image.open(io.BytesIO(png)).convert("RGB").getpixel((0, 0))
    return f"#{red:02X}{green:02X}{blue:02X}"


def wait_for_colours(page, expected: dict[str, str], points) -> dict[str, str]:
    """The colour of each State's point once every one shows its expected colour."""
    deadline = time.monotonic() + STEP_TIMEOUT / 1000
    while True:
        shown = {iso3: pixel(page, *screen_point(page, points[iso3])) for iso3 in expected}
        if shown == expected or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(100)


def hover(page, point) -> str:
    """The tooltip's text while the mouse points at ``point``."""
    x, y = screen_point(page, point)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    tooltip = page.locator(".bk-tooltip-content")
    tooltip.first.wait_for(state="visible")
    return tooltip.first.inner_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reader_explores_the_report_offline(page, html_reports, points, screenshots, lang):
    first, _ = html_reports
    requests, errors = open_offline(page, first[lang])
    page.screenshot(path=screenshots / f"report-{lang}-top.png")

    # Hovering two known States shows what chapter VII says of each.
    albania = hover(page, points["ALB"])
    for text in (
        la.load_parties().loc["ALB", f"name_{lang}"],
        la.get_gap_labels(lang)["both"],
        la.load_recommendations().loc["VII-1", f"summary_{lang}"],
    ):
        assert text in albania, (text, albania)
    page.screenshot(path=screenshots / f"report-{lang}-hover-albania.png")
    norway = hover(page, points["NOR"])
    assert la.load_parties().loc["NOR", f"name_{lang}"] in norway
    assert la.get_label("coverage.unconfirmed", lang) in norway
    assert norway.count(la.get_label("profile.status.not_known", lang)) == 2
    page.mouse.move(1, 1)

    # VII-1 in the selector recolours the 8 States it names, and the legend follows.
    swatch = {concept: get_swatch(concept).colour for concept in ("gap.both", "level.require")}
    before = wait_for_colours(page, {iso3: swatch["gap.both"] for iso3 in VII_1_NAMED}, points)
    assert set(before.values()) == {swatch["gap.both"]}, before
    page.select_option("#lz-view", "VII-1")
    after = wait_for_colours(page, {iso3: swatch["level.require"] for iso3 in VII_1_NAMED}, points)
    assert set(after.values()) == {swatch["level.require"]}, after
    others = wait_for_colours(page, {"FRA": get_swatch("rec.not_named").colour}, points)
    assert others == {"FRA": get_swatch("rec.not_named").colour}
    assert page.locator('ul.lz-legend[data-view="VII-1"]').is_visible()
    assert not page.locator('ul.lz-legend[data-view="gap"]').is_visible()
    page.locator("#lz-map").screenshot(path=screenshots / f"report-{lang}-vii1.png")

    # Clicking a State (a shape, then a micro-state's marker) scrolls to its section.
    for iso3 in ("TUR", "MLT"):
        # Apart, as a reader clicks: two clicks within bokeh's double-tap time are a
        # double tap, which selects nothing.
        page.wait_for_timeout(600)
        page.mouse.click(*screen_point(page, points[iso3]))
        page.wait_for_function(f"() => document.activeElement?.id === 'party-{iso3}'")
        top = page.evaluate(
            f"() => document.getElementById('party-{iso3}').getBoundingClientRect().top"
        )
        assert -1 <= top < 50, (iso3, top)  # at the top of the window, to a pixel
    page.screenshot(path=screenshots / f"report-{lang}-section.png")

    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_keyboard_print_and_download(page, html_reports, screenshots):
    first, _ = html_reports
    requests, errors = open_offline(page, first["en"])

    # Tab reaches the selector; the arrow keys choose a view.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "lz-view":
            break
    assert page.evaluate("() => document.activeElement.id") == "lz-view"
    page.keyboard.press("ArrowDown")
    assert page.input_value("#lz-view") == "VII-1"
    assert page.locator('ul.lz-legend[data-view="VII-1"]').is_visible()
    # A State's link in the table takes the focus to its section.
    page.focus('#lz-table a[href="#party-ALB"]')
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement?.id === 'party-ALB'")

    # Printed: the static map in place of the interactive one.
    page.emulate_media(media="print")
    assert not page.locator("#lz-map").is_visible()
    assert page.locator("#figure-gap_map svg").is_visible()
    page.pdf(path=screenshots / "report-en.pdf")
    page.emulate_media(media="screen")
    assert page.locator("#lz-map").is_visible()

    # The data download as they are, with no network.
    with page.expect_download() as download:
        page.click('a[download="parties.csv"]')
    assert download.value.suggested_filename == "parties.csv"
    downloaded = download.value.path().read_bytes()
    assert downloaded == (BUNDLED_DATA_DIR / "parties.csv").read_bytes()

    assert errors == []
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
