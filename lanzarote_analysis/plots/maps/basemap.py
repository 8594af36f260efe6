"""The committed basemap of Europe, joined to the States of ``parties.csv``.

The GeoPackage ``geo/europe_50m.gpkg`` of the data directory is read once per file
version (path, size and modification time) and kept in memory, so that a set of maps
reads it once. Nothing here touches the network. See ``data/geo/README.md`` for where
the basemap comes from and how it was built.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import DataValidationError, Problem
from ...io.load import PathLike, load_parties
from ...io.paths import BASEMAP_RELATIVE_PATH, get_data_dir

if TYPE_CHECKING:
    import geopandas as gpd

BASEMAP_LAYER = "europe_50m"
BASEMAP_EPSG = 3035
BASEMAP_COLUMNS = ("iso3", "name", "geometry")
#: Columns of ``parties.csv`` carried onto the basemap rows of Parties.
PARTY_COLUMNS = ("name_en", "name_fr", "round2_coverage")

_cache: dict[Path, tuple[tuple[int, int], gpd.GeoDataFrame]] = {}
_lock = threading.Lock()


def _problem(column: str | None, value: str | None, expected: str) -> Problem:
    return Problem(BASEMAP_RELATIVE_PATH.as_posix(), None, column, value, expected)


def _read_basemap(path: Path, data_dir: Path) -> gpd.GeoDataFrame:
    """Read and check the GeoPackage itself (layer, columns, CRS, unique codes)."""
    from .geopackage import GeoPackageError, read_features

    if not path.is_file():
        raise DataValidationError(
            str(data_dir),
            [
                _problem(
                    None,
                    None,
                    f"a GeoPackage with layer '{BASEMAP_LAYER}' (see data/geo/README.md)",
                )
            ],
        )
    try:
        frame = read_features(path, BASEMAP_LAYER)
    except GeoPackageError as error:
        raise DataValidationError(
            str(data_dir),
            [_problem(None, None, f"a readable GeoPackage with layer '{BASEMAP_LAYER}' ({error})")],
        ) from None
    problems = [
        _problem(column, None, "a column of the basemap layer")
        for column in BASEMAP_COLUMNS
        if column not in frame.columns
    ]
    if frame.crs is None or frame.crs.to_epsg() != BASEMAP_EPSG:
        problems.append(_problem(None, str(frame.crs), f"the CRS EPSG:{BASEMAP_EPSG}"))
    if "iso3" in frame.columns:
        duplicated = frame.loc[frame["iso3"].duplicated(), "iso3"]
        problems += [_problem("iso3", code, "one row per ISO3 code") for code in duplicated]
    if problems:
        raise DataValidationError(str(data_dir), problems)
    return frame[list(BASEMAP_COLUMNS)].set_index("iso3")


def load_basemap(data_dir: PathLike = None) -> gpd.GeoDataFrame:
    """The basemap of Europe, one row per State, with the Parties' names and coverage.

    Every row of the GeoPackage is kept: States that are not in ``parties.csv`` (Kosovo,
    Belarus, neighbours of the Parties, and Guernsey, Jersey, the Isle of Man, the Faroe
    Islands and Greenland, which have rows of their own) are context, with
    ``is_party`` false and no names or coverage.

    Parameters
    ----------
    data_dir
        Data directory holding ``geo/europe_50m.gpkg`` and ``parties.csv``; defaults to
        the one in force (see ``paths.get_data_dir``).

    Returns
    -------
    GeoDataFrame in EPSG:3035 (metres), indexed by ``iso3``, with ``name`` (the atlas's
    English name), ``is_party``, ``name_en``, ``name_fr``, ``round2_coverage`` (missing
    for non-Parties) and ``geometry``.

    Raises
    ------
    DataValidationError
        When the file is missing or unreadable, is not in EPSG:3035, repeats a code, or
        lacks a State of ``parties.csv`` (a Party is never silently left off a map).

    Examples
    --------
    >>> basemap = load_basemap()
    >>> basemap.crs.to_epsg(), bool(basemap.loc["MLT", "is_party"])
    (3035, True)
    >>> basemap.loc["XKX", "name"], bool(basemap.loc["XKX", "is_party"])
    ('Kosovo', False)
    """
    # Read the GeoPackage, once per version of the file.
    directory = get_data_dir(data_dir)
    path = directory / BASEMAP_RELATIVE_PATH
    stat = path.stat() if path.is_file() else None
    signature = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    with _lock:
        cached = _cache.get(path)
        if cached is None or cached[0] != signature:
            _cache[path] = (signature, _read_basemap(path, directory))
        shapes = _cache[path][1]

    # Every State of parties.csv must have a shape.
    parties = load_parties(directory)
    missing = parties.index.difference(shapes.index)
    if len(missing):
        raise DataValidationError(
            str(directory),
            [
                _problem(
                    "iso3",
                    code,
                    f"a row for {parties.loc[code, 'name_en']}, which is in "
                    "parties.csv (every State of parties.csv must be on the basemap)",
                )
                for code in missing
            ],
        )

    # Join; the geometries are shared with the cache (shapely geometries are immutable).
    basemap = shapes.copy(deep=False)
    basemap.insert(1, "is_party", basemap.index.isin(parties.index))
    for column in PARTY_COLUMNS:
        basemap.insert(len(basemap.columns) - 1, column, parties[column].reindex(basemap.index))
    return basemap
