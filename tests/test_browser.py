"""JupyterLab in a real browser, as an analyst uses it.

A JupyterLab server on 127.0.0.1 (random free port, a token, Jupyter's configuration,
runtime, data, settings and workspace folders in a temporary folder) serves copies of
notebooks 02 and 05; headless Chromium, driven by Playwright, runs them from the menus
("Restart Kernel and Run All Cells"), uses the party picker, saves and reopens notebook
05, and types three plot calls in a new notebook. It checks what a reader sees: no
error in any cell, images that are not blank.

The browser is the system's Chromium (``/usr/bin/chromium``, Debian package
``chromium``); nothing is downloaded. Without it the tests are skipped, saying how to
install it, except on CI (``CI=true``), where a missing browser is a failure:
``.ci/run`` installs it.

Screenshots of every step are written to the test's temporary folder, or to
``$LANZAROTE_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from lanzarote_analysis.io.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
#: Headless Chromium as root, on a closed network: no sandbox, GPU, QUIC or background
#: traffic (each otherwise fills the log with refused connections).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install Chromium to run the JupyterLab browser tests: "
    "'sudo apt-get install chromium' (Debian, Ubuntu), which provides /usr/bin/chromium"
)
NOTEBOOKS = ("02-civil-society-gap-map.ipynb", "05-party-profile.ipynb")
START_TIMEOUT = 90  # seconds for JupyterLab to answer
RUN_TIMEOUT = 180_000  # milliseconds for a notebook to run
STEP_TIMEOUT = 30_000  # milliseconds for one widget update or page element
WIDGET_ERROR = "Error displaying widget"
STDERR_MIMETYPE = "application/vnd.jupyter.stderr"
#: A figure is not blank when this share of its pixels differs from its background.
MIN_INK = 0.05


def is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_browser() -> None:
    """Skip (locally) or fail (on CI) without Chromium and Playwright."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"Chromium not found at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright for Python is not installed (run 'make install')"
    if problem:
        message = f"{problem}: {INSTALL_HINT}"
        if is_ci():
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)


def get_free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ink(png: bytes) -> float:
    """Share of the pixels of an image that differ from its most common colour."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    return 1.0 - counts.max() / len(pixels)


def screenshots_dir(tmp_path_factory) -> Path:
    folder = os.environ.get("LANZAROTE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    return screenshots_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on copies of the notebooks; yields (url, token, folder)."""
    require_browser()
    root = tmp_path_factory.mktemp("lab")
    work = root / "notebooks"
    work.mkdir()
    for name in NOTEBOOKS:
        shutil.copyfile(NOTEBOOKS_DIR / name, work / name)
    settings = root / "settings"
    for extension, plugin, values in [
        # No "Would you like to get notified about official Jupyter news?" over the page.
        ("apputils-extension", "notification", {"fetchNews": "false"}),
        # A notebook opens with its kernel, as for most users, not a "Select Kernel" dialog.
        # Every cell in the page, so that the test can scroll to any of them (JupyterLab
        # otherwise hides the cells out of view; what a reader sees is the same).
        (
            "notebook-extension",
            "tracker",
            {"autoStartDefaultKernel": True, "windowingMode": "none"},
        ),
    ]:
        folder = settings / "@jupyterlab" / extension
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    port, token = get_free_port(), secrets.token_hex(16)
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    env |= {
        "JUPYTER_CONFIG_DIR": str(root / "config"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "JUPYTER_DATA_DIR": str(root / "data"),
    }
    command = [
        str(Path(sys.prefix) / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--notebook-dir={work}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={root / 'workspaces'}",
        # As `make lab`: saved notebooks keep no widget view that needs this kernel.
        "--ContentsManager.pre_save_hook=lanzarote_analysis.interactive.notebook_hooks.pre_save_hook",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = root / "jupyter.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"JupyterLab did not start:\n{log_path.read_text()[-3000:]}")
                    time.sleep(0.3)
            yield url, token, work
            # Keep the server's log beside the screenshots, to read after a failure.
            shutil.copyfile(log_path, screenshots_dir(tmp_path_factory) / "jupyter.log")
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives the browser a fresh, temporary profile (user data dir).
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, screenshots, request):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    try:
        yield page
    finally:
        # The page as the test left it: what went wrong, when something did.
        page.screenshot(path=screenshots / f"end-{request.node.name}.png")
        context.close()


# --- What a user does --------------------------------------------------------------


def wait_for_kernel(lab, path: str) -> None:
    """Until the server says the kernel of ``path`` is up, idle and connected to the page.

    As a user waits for "Idle" in the status bar before restarting it: a kernel
    restarted while it is still starting leaves the page's connection broken.
    """
    url, token, _ = lab
    deadline = time.monotonic() + RUN_TIMEOUT / 1000
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/sessions?token={token}", timeout=5) as answer:
            sessions = json.load(answer)
        kernels = [s["kernel"] for s in sessions if s["path"] == path and s.get("kernel")]
        if kernels and all(
            k["execution_state"] == "idle" and k["connections"] > 0 for k in kernels
        ):
            return
        time.sleep(0.25)
    pytest.fail(f"the kernel of {path} never became idle")


def open_notebook(page, lab, name: str) -> None:
    url, token, _ = lab
    # reset: a fresh workspace, with no tab left open by an earlier test.
    page.goto(f"{url}/lab/tree/{name}?token={token}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT)
    wait_for_kernel(lab, name)


def wait_until_every_cell_ran(page) -> None:
    """Every code cell that holds code numbered, none queued, every output drawn anew."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell')]
                .filter(cell => cell.querySelector('.cm-content')?.textContent.trim())
                .map(cell => cell.querySelector('.jp-InputPrompt').textContent.trim());
            return prompts.length > 0
                && prompts.every(p => /^\\[\\d+\\]:$/.test(p))
                && !document.querySelector('[data-stale]')
                && document.querySelector('.jp-Notebook-ExecutionIndicator')
                    ?.dataset.status === 'idle';
        }""",
        timeout=RUN_TIMEOUT,
    )


def restart_and_run_all(page) -> None:
    # Mark what the stored notebook shows, so that only fresh outputs count as done.
    page.evaluate(
        "() => document.querySelectorAll('.jp-OutputArea-output')"
        ".forEach(e => e.dataset.stale = '1')"
    )
    page.click("li.lm-MenuBar-item:has-text('Kernel')")
    page.click("li.lm-Menu-item:has-text('Restart Kernel and Run All Cells')")
    page.click(".jp-Dialog button:has-text('Restart')")
    wait_until_every_cell_ran(page)


def shown_errors(page) -> list[str]:
    """Tracebacks, warnings on stderr and widget errors that the page shows."""
    errors = page.locator(
        f".jp-OutputArea-output[data-mime-type='{STDERR_MIMETYPE}']"
    ).all_inner_texts()
    errors += [
        text for text in page.locator(".jp-OutputArea").all_inner_texts() if WIDGET_ERROR in text
    ]
    return errors


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


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_browser_is_skipped_locally_and_fails_on_ci(monkeypatch, tmp_path, ci):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match="apt-get install chromium"):
        require_browser()
