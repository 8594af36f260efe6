"""JupyterLab in a real browser, as an analyst uses it.

A JupyterLab server on 127.0.0.1 (random free port, a token, Jupyter's configuration,
runtime, data, settings and workspace folders in a temporary folder) serves copies of
notebooks 02 and 05; headless Chromium, driven by Playwright, runs them from the menus
("Restart Kernel and Run All Cells"), uses the party picker, saves and reopens notebook
05, types three plot calls in a new notebook, and points at a State on the map that
``la.explore_gap_map()`` shows. It checks what a reader sees: no error in any cell,
images that are not blank, a map that answers the mouse.

The browser is the system's Chromium (``/usr/bin/chromium``, Debian package
``chromium``); nothing is downloaded. Without it the tests are skipped, saying how to
install it, except on CI (``CI=true``), where a missing browser is a failure:
``.ci/run`` installs it.

Screenshots of every step are written to the test's temporary folder, or to
``$LANZAROTE_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest
from browser_support import (
    BOKEH_MAP_READY,
    RUN_TIMEOUT,
    STEP_TIMEOUT,
    ink,
    locate_on_map,
    open_notebook,
    require_browser,
    restart_and_run_all,
    run_jupyterlab,
    shown_errors,
    wait_for_kernel,
    wait_until_every_cell_ran,
)

from lanzarote_analysis.io.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

NOTEBOOKS = ("02-civil-society-gap-map.ipynb", "05-party-profile.ipynb")
#: A figure is not blank when this share of its pixels differs from its background.
MIN_INK = 0.05


@pytest.fixture(scope="module")
def lab(tmp_path_factory, screenshots):
    """A JupyterLab server on copies of the notebooks; yields (url, token, folder)."""
    require_browser()
    root = tmp_path_factory.mktemp("lab")
    with run_jupyterlab(root, [NOTEBOOKS_DIR / name for name in NOTEBOOKS]) as server:
        yield server
        # Keep the server's log beside the screenshots, to read after a failure.
        shutil.copyfile(root / "jupyter.log", screenshots / "jupyter.log")


# --- What a user does --------------------------------------------------------------


def image_inks(page, scope, shots: Path, prefix: str) -> list[float]:
    """Ink of every image under ``scope``, from a screenshot of it as shown."""
    inks = []
    for index, image in enumerate(scope.locator("img").all()):
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        png = image.screenshot(path=shots / f"{prefix}-{index}.png")
        inks.append(ink(png))
    return inks


def read_notebook(path: Path) -> dict:
    """The notebook as stored; Jupyter rewrites a file in place, so wait for a whole one."""
    deadline = time.monotonic() + STEP_TIMEOUT / 1000
    while True:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def picker_cell(page):
    return page.locator(".jp-CodeCell").filter(has_text="build_party_picker(")


def pick(page, text: str, *, enter: bool) -> None:
    box = picker_cell(page).locator("input.widget-input")
    box.fill(text)
    if enter:
        box.press("Enter")


def wait_for_profile(page, heading: str) -> None:
    picker_cell(page).locator(".jp-OutputArea-output h2", has_text=heading).wait_for()


# --- Tests -------------------------------------------------------------------------


def test_gap_map_notebook_shows_every_map(page, lab, screenshots):
    open_notebook(page, lab, "02-civil-society-gap-map.ipynb")
    restart_and_run_all(page)
    page.screenshot(path=screenshots / "02-after-run.png")
    assert shown_errors(page) == []
    inks = image_inks(page, page.locator(".jp-Notebook"), screenshots, "02-map")
    assert len(inks) == 6, inks  # the gap map and the two recommendation maps, en and fr
    assert min(inks) > MIN_INK, inks


def test_party_picker_shows_a_complete_profile_from_the_start_and_at_every_pick(
    page, lab, screenshots
):
    open_notebook(page, lab, "05-party-profile.ipynb")
    restart_and_run_all(page)
    assert shown_errors(page) == []
    cell = picker_cell(page)
    cell.scroll_into_view_if_needed()
    # The starting Party at once, text and figure.
    wait_for_profile(page, "Malta (MLT)")
    cell.screenshot(path=screenshots / "05-picker-start.png")
    assert min(image_inks(page, cell, screenshots, "05-start"), default=0) > MIN_INK
    # A name of the list (as picked), then a code and a French name typed with Enter.
    for text, enter, heading in [
        ("Norway", False, "Norway (NOR)"),
        ("mk", True, "North Macedonia (MKD)"),
        ("luxembourg", True, "Luxembourg (LUX)"),
    ]:
        pick(page, text, enter=enter)
        wait_for_profile(page, heading)
        slug = heading.split()[0].lower()
        cell.screenshot(path=screenshots / f"05-picker-{slug}.png")
        (figure_ink,) = image_inks(page, cell, screenshots, f"05-{slug}")
        assert figure_ink > MIN_INK, heading
    # A State that is not a Party: a sentence, and no other State's profile under it.
    pick(page, "Kosovo", enter=True)
    cell.locator(".widget-html", has_text="not a Party").wait_for()
    assert "Resolution 1244" in cell.inner_text()
    assert cell.locator(".jp-OutputArea-output h2").count() == 0
    assert shown_errors(page) == []


def test_saved_and_reopened_profile_notebook_shows_no_widget_error(page, lab, screenshots):
    _, _, work = lab
    open_notebook(page, lab, "05-party-profile.ipynb")
    restart_and_run_all(page)
    wait_for_profile(page, "Malta (MLT)")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-current .jp-mod-dirty')")
    saved = read_notebook(work / "05-party-profile.ipynb")
    views = [
        output
        for cell in saved["cells"]
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    assert views == []
    # Reopen with a new kernel that has run nothing: the stored static profile shows.
    page.click("li.lm-MenuBar-item:has-text('Kernel')")
    page.click("li.lm-Menu-item:has-text('Shut Down Kernel')")
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT)
    cell = picker_cell(page)
    cell.scroll_into_view_if_needed()
    cell.locator("pre", has_text="Malta (MLT)").wait_for()
    page.wait_for_timeout(2500)  # the widget manager gives up on missing models after 2 s
    cell.screenshot(path=screenshots / "05-reopened.png")
    assert shown_errors(page) == []
    assert min(image_inks(page, cell, screenshots, "05-reopened"), default=0) > MIN_INK


def test_a_new_notebook_shows_a_figure_for_each_plot_call(page, lab, screenshots):
    url, token, _ = lab
    page.goto(f"{url}/lab?token={token}&reset")
    page.locator(".jp-LauncherCard[data-category='Notebook']").first.click()
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT)
    wait_for_kernel(lab, "Untitled.ipynb")
    lines = [
        "import lanzarote_analysis as la",
        'la.plot_gap_map(lang="fr")',
        "la.plot_indicators()",
        'la.plot_gap_overlap(lang="fr")',
    ]
    page.locator(".jp-Notebook .jp-Cell .cm-content").last.click()
    for line in lines:
        page.keyboard.type(line)
        page.keyboard.press("Shift+Enter")  # run, and go to a new cell
    wait_until_every_cell_ran(page)
    page.screenshot(path=screenshots / "new-notebook.png", full_page=True)
    assert shown_errors(page) == []
    inks = image_inks(page, page.locator(".jp-Notebook"), screenshots, "new-notebook")
    assert len(inks) == 3, inks
    assert min(inks) > MIN_INK, inks


def test_a_notebook_cell_shows_the_map_to_explore(page, lab, screenshots):
    import nbformat

    import lanzarote_analysis as la

    _, _, work = lab
    cell = nbformat.v4.new_code_cell("import lanzarote_analysis as la\nla.explore_gap_map()")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), work / "explore.ipynb")
    page.set_viewport_size({"width": 1280, "height": 1400})
    open_notebook(page, lab, "explore.ipynb")
    restart_and_run_all(page)
    assert shown_errors(page) == []

    # The map is drawn in the cell's output: a canvas, in the page the frame holds.
    element = page.locator(".jp-OutputArea-output iframe")
    element.scroll_into_view_if_needed()
    frame = element.element_handle().content_frame()
    frame.wait_for_function(BOKEH_MAP_READY)
    assert frame.locator("canvas").count() >= 1
    page.screenshot(path=screenshots / "explore-notebook.png")

    # Pointing at a State shows its tooltip.
    point = la.load_basemap().representative_point()["LVA"]
    x, y = locate_on_map(frame, (point.x, point.y))
    box = element.bounding_box()
    page.mouse.move(box["x"] + x - 20, box["y"] + y - 20)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = frame.locator(".bk-tooltip-content").first
    tooltip.wait_for(state="visible")
    assert "Latvia" in tooltip.inner_text()
    assert la.get_gap_labels("en")["both"] in tooltip.inner_text()
    page.screenshot(path=screenshots / "explore-notebook-hover.png")


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_browser_is_skipped_locally_and_fails_on_ci(monkeypatch, tmp_path, ci):
    monkeypatch.setattr(sys.modules["browser_support"], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match="apt-get install chromium"):
        require_browser()
