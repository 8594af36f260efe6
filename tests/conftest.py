"""Shared fixtures. Tests never touch the bundled data: they work on temporary copies."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Headless, and the same renderer everywhere.
os.environ.setdefault("MPLBACKEND", "Agg")
# The record of validated data goes to a private cache, not the user's home.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lanzarote-test-cache-")

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
