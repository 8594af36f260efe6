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
