"""The committed notebooks: executed, thin, normalised, reproducible, served by JupyterLab.

Their outputs are compared cell by cell by nbval (``make test``); these tests check what
nbval does not: that every code cell was executed and stored no error, that notebooks
define no functions of their own, that ``scripts/run_notebooks.py`` leaves nothing that
varies between runs, that the kernel is the project's environment, and that JupyterLab
serves the notebooks behind its token.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_support import get_free_port, stop_process

from lanzarote_analysis.io.paths import NOTEBOOKS_DIR, PROJECT_DIR

if TYPE_CHECKING:  # nbformat costs a second to import (jsonschema's format checkers)
    from nbformat import NotebookNode

EXPECTED_NOTEBOOKS = (
    "01-data-overview.ipynb",
    "02-civil-society-gap-map.ipynb",
    "03-party-comparisons.ipynb",
    "04-promising-practices.ipynb",
    "05-party-profile.ipynb",
)
NOTEBOOK_NAME = re.compile(r"^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Output text that would differ between machines or runs.
VOLATILE_PATTERNS = {
    "memory address": re.compile(r"\bat 0x[0-9a-f]{6,}"),
    "Axes repr": re.compile(r"<Axes: "),
    "absolute path": re.compile(re.escape(str(PROJECT_DIR)) + r"|/tmp/|/root/|/home/"),
    "timing": re.compile(r"\b(Wall|CPU) times?\b|\d+(\.\d+)? ?(ms|µs) ±"),
}
JUPYTER_START_TIMEOUT = 90


def load_run_notebooks():
    """The ``scripts/run_notebooks.py`` module (scripts/ is not a package)."""
    path = PROJECT_DIR / "scripts" / "run_notebooks.py"
    spec = importlib.util.spec_from_file_location("run_notebooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def read(path: Path) -> NotebookNode:
    import nbformat

    return nbformat.read(path, as_version=4)


def code_cells(path: Path) -> list[NotebookNode]:
    return [cell for cell in read(path).cells if cell.cell_type == "code"]


def output_texts(cell: NotebookNode) -> list[str]:
    """Every text an output of ``cell`` stores (streams, plain text, HTML, Markdown)."""
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(output["text"])
        for mimetype, value in output.get("data", {}).items():
            if mimetype.startswith("text/"):
                texts.append(value)
    return texts


notebook_params = pytest.mark.parametrize("path", committed_notebooks(), ids=lambda path: path.name)


def test_the_five_notebooks_exist_with_their_numbered_names():
    names = [path.name for path in committed_notebooks()]
    assert sorted(names) == sorted(EXPECTED_NOTEBOOKS)
    assert all(NOTEBOOK_NAME.match(name) for name in names), names


@notebook_params
def test_every_code_cell_was_executed_in_order_without_error(path):
    cells = code_cells(path)
    counts = [cell.execution_count for cell in cells]
    assert None not in counts, f"{path.name}: cells never executed: {counts}"
    # One fresh kernel, top to bottom: 1, 2, 3, ...
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: {counts}"
    errors = [
        output.get("ename")
        for cell in cells
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert not errors, f"{path.name} stores errors: {errors}"
    streams = [
        output.text
        for cell in cells
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert not streams, f"{path.name} stores warnings or errors on stderr: {streams}"


@notebook_params
def test_notebooks_define_no_functions(path):
    for cell in code_cells(path):
        # IPython magics and shell escapes are not Python; drop them before parsing.
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        defined = [
            node.name
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ]
        assert not defined, f"{path.name} defines {defined}: move them to the package"


@notebook_params
def test_notebooks_open_with_an_introduction_and_end_with_conclusions(path):
    cells = read(path).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert cells[-1].cell_type == "markdown" and "Conclusions" in cells[-1].source


@notebook_params
def test_outputs_hold_nothing_volatile(path):
    for cell in code_cells(path):
        for text in output_texts(cell):
            for what, pattern in VOLATILE_PATTERNS.items():
                assert not pattern.search(text), f"{path.name}: {what} in output {text[:200]!r}"


@notebook_params
def test_notebooks_are_stored_normalised(path):
    run_notebooks = load_run_notebooks()
    nb = read(path)
    assert "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"] == run_notebooks.KERNELSPEC
    for cell in nb.cells:
        assert not set(cell.metadata) & set(run_notebooks.VOLATILE_CELL_METADATA)
        for output in cell.get("outputs", []):
            assert WIDGET_VIEW not in output.get("data", {}), f"{path.name}: widget view"
    # Normalising a committed notebook again changes nothing, byte for byte.
    import nbformat

    normalised = nbformat.writes(run_notebooks.normalise_notebook(read(path)), version=4)
    assert path.read_text(encoding="utf-8") == normalised + "\n"


def test_profile_notebook_has_a_papermill_parameters_cell_and_a_static_picker():
    cells = read(NOTEBOOKS_DIR / "05-party-profile.ipynb").cells
    tagged = [cell for cell in cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert re.search(r'^party = "[^"]+"$', tagged[0].source, re.MULTILINE)
    picker = [cell for cell in cells if "build_party_picker(" in cell.source]
    assert len(picker) == 1
    (output,) = picker[0].outputs
    assert set(output.data) == {"text/plain", "text/html"}


@pytest.mark.slow
def test_kernel_runs_in_the_project_environment(tmp_path):
    import nbformat

    run_notebooks = load_run_notebooks()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "import sys, lanzarote_analysis\n"
                "print(sys.prefix)\n"
                "print(lanzarote_analysis.__file__)"
            )
        ]
    )
    run_notebooks.execute_notebook(nb, cwd=tmp_path, timeout=60)
    prefix, package = nb.cells[0].outputs[0].text.splitlines()
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    assert Path(package).resolve().parent == PROJECT_DIR / "lanzarote_analysis"


@pytest.mark.slow
# The profile notebook holds every kind of output: tables, Markdown, a figure, a widget.
@pytest.mark.parametrize("name", ["05-party-profile.ipynb"])
def test_refreshing_a_notebook_twice_gives_identical_files(tmp_path, name):
    copy = tmp_path / name
    shutil.copyfile(NOTEBOOKS_DIR / name, copy)
    script = PROJECT_DIR / "scripts" / "run_notebooks.py"
    runs = []
    for _ in range(2):
        subprocess.run(
            [sys.executable, str(script), str(copy)], check=True, capture_output=True, timeout=600
        )
        runs.append(copy.read_bytes())
    assert runs[0] == runs[1]
    assert runs[0].endswith(b"\n")
    assert json.loads(runs[0])["nbformat"] == 4


def request_status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.slow
def test_jupyterlab_serves_the_notebooks_behind_its_token(tmp_path):
    jupyter = Path(sys.prefix) / "bin" / "jupyter"
    port, token = get_free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
    }
    log = (tmp_path / "jupyter.log").open("wb")
    server = subprocess.Popen(
        [
            str(jupyter),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--allow-root",
            f"--ServerApp.token={token}",
            "--ServerApp.port_retries=0",
            f"--notebook-dir={NOTEBOOKS_DIR}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Bounded wait until the server answers.
        deadline = time.monotonic() + JUPYTER_START_TIMEOUT
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = request_status(f"{base}/api/contents?token={token}")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        log.flush()
        assert server.poll() is None, (tmp_path / "jupyter.log").read_text()[-2000:]
        assert status == 200, f"no answer from JupyterLab within {JUPYTER_START_TIMEOUT} s"

        listed = {item["name"] for item in json.loads(body)["content"]}
        assert set(EXPECTED_NOTEBOOKS) <= listed

        # Without the token the API refuses.
        assert request_status(f"{base}/api/contents")[0] in {401, 403}
        assert request_status(f"{base}/api/contents?token=wrong{token}")[0] in {401, 403}
    finally:
        stop_process(server)
        log.close()
