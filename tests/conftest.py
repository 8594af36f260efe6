"""Shared fixtures. Tests never touch the bundled data: they work on temporary copies."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Headless, and the same renderer everywhere.
os.environ.setdefault("MPLBACKEND", "Agg")
# Nothing the tests run may write to the user's cache, nor hypothesis into the worktree.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lanzarote-test-cache-")
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="lanzarote-test-hypothesis-")
)

from lanzarote_analysis.paths import BUNDLED_DATA_DIR, PROJECT_DIR  # noqa: E402


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture(scope="session")
def bundled_data_dir() -> Path:
    return BUNDLED_DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, target)
    return target


# A real browser (tests/browser_support.py) -----------------------------------------------


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where the browser tests save what they saw (``$LANZAROTE_SCREENSHOTS`` if set)."""
    from browser_support import screenshots_dir

    return screenshots_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    """Headless system Chromium (skipped locally without it, a failure on CI)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS, require_browser

    require_browser()
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
    """A new page (its own context) with the timeouts of one step; a screenshot at the end."""
    from browser_support import STEP_TIMEOUT

    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    try:
        yield page
    finally:
        # The page as the test left it: what went wrong, when something did.
        page.screenshot(path=screenshots / f"end-{request.node.name}.png")
        context.close()


# The HTML report (tests/test_html_report.py, tests/test_report_browser.py) ---------------


@pytest.fixture(scope="session")
def html_reports(tmp_path_factory) -> tuple[dict[str, Path], dict[str, Path]]:
    """The report in both languages, written by two runs of the command at once.

    Two separate processes, so that the second run shares nothing with the first
    (bokeh's id counter, caches): their files must be the same bytes. Both run
    together, one per CPU, so that the second costs little time.
    """
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("html-reports")
    runs = []
    for name in ("first", "second"):
        out = root / name
        command = [sys.executable, "-m", "lanzarote_analysis", "report", "--out", str(out)]
        runs.append((out, subprocess.Popen(command, stderr=subprocess.PIPE, text=True)))
    for _, run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    return tuple({lang: out / f"report.{lang}.html" for lang in ("en", "fr")} for out, _ in runs)
