"""Reading a features layer of a GeoPackage with the standard library's SQLite.

A GeoPackage is an SQLite database whose geometries are WKB behind a short header
(OGC GeoPackage 1.3, "GeoPackage Binary"). Reading the basemap this way rather than
through GDAL (pyogrio) keeps GDAL out of every process that draws a map: 30 MB less
memory in each, for the same geometries (``tests/test_basemap_load.py`` compares them).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import LanzaroteError

if TYPE_CHECKING:
    import geopandas as gpd

#: Bytes of the envelope after the 8-byte header, by the envelope indicator of the flags.
ENVELOPE_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_EXTENDED_FLAG = 0b0010_0000


class GeoPackageError(LanzaroteError, ValueError):
    """A file that is not a GeoPackage, or lacks the layer asked for, in one sentence."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _wkb(blob: bytes | None) -> bytes | None:
    """The WKB of a GeoPackage Binary geometry (``None`` stays ``None``)."""
    if blob is None:
        return None
    if bytes(blob[:2]) != b"GP" or len(blob) < 8:
        raise GeoPackageError("a geometry is not GeoPackage Binary")
    flags = blob[3]
    if flags & _EXTENDED_FLAG:
        raise GeoPackageError("a geometry is an extended GeoPackage geometry")
    envelope = ENVELOPE_SIZES.get((flags >> 1) & 0b111)
    if envelope is None:
        raise GeoPackageError("a geometry has an unknown envelope indicator")
    return bytes(blob[8 + envelope :])


def read_features(path: Path, layer: str) -> gpd.GeoDataFrame:
    """The features of ``layer`` in the GeoPackage at ``path``, in the order of its keys.

    Columns are the layer's attributes, then ``geometry``; the CRS is the layer's EPSG
    code (``None`` when it is not an EPSG code).

    Raises
    ------
    GeoPackageError
        When the file is not an SQLite GeoPackage, or has no features layer ``layer``.

    Examples
    --------
    >>> from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR
    >>> shapes = read_features(BUNDLED_DATA_DIR / "geo" / "europe_50m.gpkg", "europe_50m")
    >>> shapes.columns.tolist(), shapes.crs.to_epsg()
    (['iso3', 'name', 'geometry'], 3035)
    """
    import geopandas as gpd
    import shapely

    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise GeoPackageError(str(error)) from None
    try:
        kind = connection.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = ?", (layer,)
        ).fetchone()
        if kind is None or kind[0] != "features":
            raise GeoPackageError(f"no features layer '{layer}'")
        found = connection.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
            (layer,),
        ).fetchone()
        if found is None:
            raise GeoPackageError(f"no geometry column in layer '{layer}'")
        geometry_column, srs_id = found
        srs = connection.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
            "WHERE srs_id = ?",
            (srs_id,),
        ).fetchone()
        table = connection.execute(f"PRAGMA table_info({_quote(layer)})").fetchall()
        keys = [row[1] for row in sorted(table, key=lambda row: row[5]) if row[5]]
        attributes = [row[1] for row in table if not row[5] and row[1] != geometry_column]
        selected = ", ".join(_quote(name) for name in [*attributes, geometry_column])
        order = ", ".join(_quote(name) for name in keys) or "rowid"
        rows = connection.execute(
            f"SELECT {selected} FROM {_quote(layer)} ORDER BY {order}"
        ).fetchall()
    except sqlite3.Error as error:  # not a database, not a GeoPackage: its own words
        raise GeoPackageError(str(error)) from None
    finally:
        connection.close()
    try:
        geometries = shapely.from_wkb([_wkb(row[-1]) for row in rows])
    except shapely.errors.GEOSException as error:
        raise GeoPackageError(f"a geometry is not valid WKB ({error})") from None
    is_epsg = srs is not None and str(srs[0]).upper() == "EPSG"
    return gpd.GeoDataFrame(
        {name: [row[index] for row in rows] for index, name in enumerate(attributes)},
        geometry=geometries,
        crs=f"EPSG:{srs[1]}" if is_epsg else None,
    )
