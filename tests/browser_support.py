"""A real browser for the tests: headless Chromium driven by Playwright, and JupyterLab.

Shared by the browser tests (tests/test_browser.py: JupyterLab; tests/test_report_browser.py:
the HTML report); the ``browser`` and ``page`` fixtures are in tests/conftest.py.

The browser is the system's Chromium (``/usr/bin/chromium``, Debian package
``chromium``); nothing is downloaded. Without it the tests are skipped, saying how to
install it, except on CI (``CI=true``), where a missing browser is a failure:
``.ci/run`` installs it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

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
START_TIMEOUT = 90  # seconds for JupyterLab to answer
RUN_TIMEOUT = 180_000  # milliseconds for a notebook to run
STEP_TIMEOUT = 30_000  # milliseconds for one widget update or page element
WIDGET_ERROR = "Error displaying widget"
STDERR_MIMETYPE = "application/vnd.jupyter.stderr"


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
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server started by a test: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def ink(png: bytes) -> float:
    """Share of the pixels of an image that differ from its most common colour."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    return 1.0 - counts.max() / len(pixels)


def screenshots_dir(tmp_path_factory) -> Path:
    """Where screenshots go: ``$LANZAROTE_SCREENSHOTS``, else the run's temporary folder."""
    folder = os.environ.get("LANZAROTE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def run_jupyterlab(root: Path, notebooks: list[Path]) -> Iterator[tuple[str, str, Path]]:
    """A JupyterLab server on copies of ``notebooks``; yields (url, token, folder).

    On 127.0.0.1 (a free port, a token), with Jupyter's configuration, runtime, data,
    settings and workspace folders inside ``root``. Its log is ``root/jupyter.log``.
    """
    work = root / "notebooks"
    work.mkdir()
    for path in notebooks:
        shutil.copyfile(path, work / path.name)
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
        finally:
            stop_process(server)


# --- A bokeh map in a page or a frame -----------------------------------------------

#: True once bokeh has drawn the map (its view is in ``Bokeh.index``, bokeh's registry).
BOKEH_MAP_READY = """() => {
    const element = document.querySelector('[data-root-id]');
    return !!(window.Bokeh && element && Bokeh.index.find_one_by_id(element.dataset.rootId));
}"""
_TO_VIEWPORT = """([x, y]) => {
    const element = document.querySelector('[data-root-id]');
    const view = Bokeh.index.find_one_by_id(element.dataset.rootId);
    const box = view.canvas_view.el.getBoundingClientRect();
    return [box.left + view.frame.x_scale.compute(x), box.top + view.frame.y_scale.compute(y)];
}"""


def locate_on_map(frame, point: tuple[float, float]) -> tuple[float, float]:
    """Where a point of the map (EPSG:3035 metres) is in the viewport of ``frame``.

    ``frame`` is a Playwright page or frame showing one bokeh map; the point is
    computed with the scales of the map's view, as bokeh draws it.
    """
    x, y = frame.evaluate(_TO_VIEWPORT, list(point))
    return x, y


# --- What a user does in JupyterLab ------------------------------------------------


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
