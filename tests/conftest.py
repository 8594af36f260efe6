"""Shared fixtures. Tests never touch the bundled data: they work on temporary copies."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Headless, and the same renderer everywhere.
os.environ.setdefault("MPLBACKEND", "Agg")
# Nothing the tests run may write to the user's cache, nor hypothesis into the worktree.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lanzarote-test-cache-")
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="lanzarote-test-hypothesis-")
)

from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, PROJECT_DIR  # noqa: E402


def _run_folder(tmp_path_factory) -> Path:
    """The temporary folder of this test run, shared by its pytest-xdist workers."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def make_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that ``make(folder)`` fills once per test run, however many test processes.

    Under pytest-xdist each worker has its own session, so a session fixture would do its
    work once per worker. The first process to ask makes the folder, under a lock, in
    the temporary folder the workers of a run share; the others wait for it and reuse
    it. A ``make`` that fails leaves nothing: the next process to ask tries again.
    """
    import fcntl

    root = _run_folder(tmp_path_factory)
    folder = root / f"once-{name}"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            (folder / ".done").touch()
    return folder


def make_once_each(
    tmp_path_factory, name: str, keys: list[str], make: Callable[[str], Any]
) -> dict[str, Any]:
    """``{key: make(key)}`` for every key, each made once per test run, in JSON.

    As :func:`make_once`, but key by key, so that processes asking at the same time share
    the work instead of one waiting for the other: each starts from its own end of
    ``keys``, makes the keys nobody holds, then waits for those another process was
    making (and makes them if it failed).
    """
    import fcntl
    import json

    folder = _run_folder(tmp_path_factory) / f"once-{name}"
    folder.mkdir(exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    order = keys[::-1] if int(worker.removeprefix("gw") or 0) % 2 else list(keys)

    def make_unless_done(key: str) -> None:  # under the key's lock
        target = folder / f"{key}.json"
        if not target.exists():
            part = target.with_suffix(".part")
            part.write_text(json.dumps(make(key), ensure_ascii=False), "utf-8")
            part.replace(target)

    locks = {key: open(folder / f"{key}.lock", "w") for key in order}  # noqa: SIM115
    try:  # a lock is released when its file is closed, here even if make() fails
        held_by_others = []
        for key in order:
            try:
                fcntl.flock(locks[key], fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held_by_others.append(key)
                continue
            make_unless_done(key)
            locks.pop(key).close()
        for key in held_by_others:
            fcntl.flock(locks[key], fcntl.LOCK_EX)
            make_unless_done(key)
            locks.pop(key).close()
    finally:
        for lock in locks.values():
            lock.close()
    return {key: json.loads((folder / f"{key}.json").read_text("utf-8")) for key in keys}


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


def _read_raw_table(data_dir: Path, name: str):
    import pandas as pd

    return pd.read_csv(Path(data_dir) / f"{name}.csv", keep_default_na=False, dtype=str)


@pytest.fixture(scope="session")
def read_raw_table() -> Callable:
    """``read_raw_table(data_dir, name)``: a CSV of the data as text cells, read without
    the package, so that tests compare the package's results with an independent reading."""
    return _read_raw_table


@pytest.fixture(scope="session")
def covered_iso3(bundled_data_dir: Path) -> list[str]:
    """The Parties whose coverage by the round is confirmed, read without the package."""
    parties = _read_raw_table(bundled_data_dir, "parties")
    return parties.loc[parties["round2_coverage"] == "covered", "iso3"].tolist()


def _png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])  # IHDR is always the first chunk
    return width, height


@pytest.fixture(scope="session")
def png_size() -> Callable[[bytes], tuple[int, int]]:
    """``png_size(data)``: width and height in pixels of PNG bytes, from their header."""
    return _png_size


def _run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """``lanzarote-analysis ARGS`` in this process: exit status, standard output and error."""
    import contextlib
    import io

    from lanzarote_analysis.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: --help and usage errors
            # As the interpreter reads it: None is success, a message is printed, status 1.
            if exit.code is None or isinstance(exit.code, int):
                code = exit.code or 0
            else:
                print(exit.code, file=sys.stderr)
                code = 1
    return subprocess.CompletedProcess(list(args), code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="session")
def run_main() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The command line run in the test process, as :func:`subprocess.run` reports it: the
    quick way to check a command's words and exit status. Tests marked ``slow`` start
    ``python -m lanzarote_analysis`` in a new process instead."""
    return _run_main


@pytest.fixture(scope="session")
def run_offline() -> Callable[[str], subprocess.CompletedProcess[str]]:
    """``run_offline(code)``: run Python code in a new process with no network at all.

    The process runs in a network namespace of its own (``unshare -n``), where every
    connection fails, whatever library makes it. Skipped where namespaces cannot be
    made, except on CI, where that fails.
    """
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        message = "cannot make a network namespace (unshare -n needs root or user namespaces)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def run(code: str) -> subprocess.CompletedProcess[str]:
        command = ["unshare", "-n", sys.executable, "-c", code]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        return result

    return run


@pytest.fixture(scope="session")
def every_party_profile() -> dict:
    """``compute_party_profile(iso3)`` of every State of parties.csv, by ISO3, computed once
    for the tests that read every profile (read only: the tables are shared)."""
    from lanzarote_analysis.analysis.profile import compute_party_profile
    from lanzarote_analysis.io.load import load_parties

    return {iso3: compute_party_profile(iso3) for iso3 in load_parties().index}


# What the figures say (tests/test_wording.py, test_french.py, test_font.py) ---------------

#: A Party of each kind of coverage, for the profile figure.
PROFILE_FIGURE_PARTIES = ("MLT", "TUR", "NOR", "TUN")


@pytest.fixture(scope="session")
def drawn_figure_texts(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """The visible texts of every report figure and of the profile figure of a Party of
    each coverage, as drawn, by (name, lang): ``("gap_map", "fr")``, ``("profile MLT",
    "en")``. Drawn once per test run (:func:`make_once_each`)."""
    from lanzarote_analysis.output.registry import REPORT_FIGURES
    from lanzarote_analysis.vocabulary import LANGUAGES

    names = [spec.name for spec in REPORT_FIGURES] + [
        f"profile {iso3}" for iso3 in PROFILE_FIGURE_PARTIES
    ]

    def draw(key: str) -> list[str]:
        import matplotlib.pyplot as plt
        from matplotlib.text import Text

        from lanzarote_analysis.output.figure_run import build_figure
        from lanzarote_analysis.plots.party_profile import plot_party_profile

        name, lang = key.split(".")
        if name.startswith("profile "):
            figure = plot_party_profile(name.removeprefix("profile "), lang=lang).figure
        else:
            (spec,) = [spec for spec in REPORT_FIGURES if spec.name == name]
            figure = build_figure(spec, lang=lang)
        # Drawing makes the tick labels; the texts need no pixels.
        figure.draw_without_rendering()
        texts = [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
        plt.close(figure)
        return texts

    keys = [f"{name}.{lang}" for lang in LANGUAGES for name in names]
    drawn = make_once_each(tmp_path_factory, "drawn-figure-texts", keys, draw)
    return {tuple(key.split(".")): texts for key, texts in drawn.items()}


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
    together, one per CPU, so that the second costs little time. Written once per
    test run (:func:`make_once`); the tests only read them.
    """

    def write_reports(root: Path) -> None:
        runs = []
        for name in ("first", "second"):
            command = [
                sys.executable,
                "-m",
                "lanzarote_analysis",
                "report",
                "--out",
                str(root / name),
            ]
            runs.append(subprocess.Popen(command, stderr=subprocess.PIPE, text=True))
        for run in runs:
            _, stderr = run.communicate(timeout=600)
            assert run.returncode == 0, stderr

    root = make_once(tmp_path_factory, "html-reports", write_reports)
    return tuple(
        {lang: root / name / f"report.{lang}.html" for lang in ("en", "fr")}
        for name in ("first", "second")
    )
