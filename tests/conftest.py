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

import pytest

# Headless, and the same renderer everywhere.
os.environ.setdefault("MPLBACKEND", "Agg")
# Nothing the tests run may write to the user's cache, nor hypothesis into the worktree.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lanzarote-test-cache-")
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="lanzarote-test-hypothesis-")
)

from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, PROJECT_DIR  # noqa: E402


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
