"""Every path the project reads or writes, in one place.

The data directory defaults to the bundled ``data/`` and is overridden, for every
command and function at once, by the ``LANZAROTE_DATA_DIR`` environment variable; a
function's own ``data_dir=`` argument wins over both.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Name of the environment variable that overrides the data directory.
DATA_DIR_ENV_VAR = "LANZAROTE_DATA_DIR"

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
BUNDLED_DATA_DIR = PROJECT_DIR / "data"
FIGURES_DIR = PROJECT_DIR / "figures"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
LABELS_FILE = PACKAGE_DIR / "labels.csv"
#: States and territories known not to be Parties, so that asking for one says so.
NON_PARTIES_FILE = PACKAGE_DIR / "non_parties.csv"

DESCRIPTOR_NAME = "datapackage.json"
BASEMAP_RELATIVE_PATH = Path("geo") / "europe_50m.gpkg"


def get_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory in force.

    Parameters
    ----------
    data_dir
        Explicit directory; when ``None``, ``$LANZAROTE_DATA_DIR`` or the bundled
        ``data/``.

    Examples
    --------
    >>> get_data_dir("/tmp/my-data").as_posix()
    '/tmp/my-data'
    """
    if data_dir is None:
        data_dir = os.environ.get(DATA_DIR_ENV_VAR) or BUNDLED_DATA_DIR
    return Path(data_dir).expanduser().resolve()


def get_cache_dir() -> Path:
    """Where the record of already-validated data lives (``$XDG_CACHE_HOME`` standard)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "lanzarote-analysis"
