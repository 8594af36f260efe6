"""Checks on the committed basemap data/geo/europe_50m.gpkg (built by scripts/build_basemap.py).

The borders that a map of the Lanzarote Parties must get right are tested on known points:
Crimea is drawn in Ukraine and the north of Cyprus in Cyprus.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from pyproj import Transformer

BASEMAP = Path(__file__).parents[1] / "data" / "geo" / "europe_50m.gpkg"


TO_LAEA = Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


@pytest.fixture(scope="module")
def basemap() -> gpd.GeoDataFrame:
    return gpd.read_file(BASEMAP)


def holders(basemap: gpd.GeoDataFrame, lon: float, lat: float) -> list[str]:
    """ISO3 codes of the rows whose polygon contains the point (lon, lat)."""
    point = shapely.Point(TO_LAEA.transform(lon, lat))
    return basemap.loc[basemap.contains(point), "iso3"].tolist()


@pytest.fixture(scope="module")
def parties(read_raw_table, bundled_data_dir) -> list[str]:
    return read_raw_table(bundled_data_dir, "parties")["iso3"].tolist()


def test_the_build_script_knows_every_state_of_parties_csv(parties) -> None:
    # The build checks its output against its own list of Parties: it must be the data's.
    import runpy

    script = runpy.run_path(str(Path(__file__).parents[1] / "scripts" / "build_basemap.py"))
    assert script["PARTIES"] == set(parties)


@pytest.mark.parametrize(
    ("place", "lon", "lat"), [("Simferopol", 34.10, 44.95), ("Sevastopol", 33.52, 44.60)]
)
def test_crimea_is_in_ukraine(basemap: gpd.GeoDataFrame, place: str, lon: float, lat: float):
    found = holders(basemap, lon, lat)
    assert found == ["UKR"], f"{place} falls in {found}"
    assert "RUS" not in found


def test_kyrenia_is_in_cyprus(basemap: gpd.GeoDataFrame) -> None:
    # Kyrenia lies in the atlas's "N. Cyprus" (CYN), which the build merges into Cyprus.
    assert holders(basemap, 33.32, 35.34) == ["CYP"]
    assert "CYN" not in set(basemap["iso3"])


def test_every_party_has_a_polygon(basemap: gpd.GeoDataFrame, parties: list[str]) -> None:
    polygons = basemap[
        basemap.geom_type.isin(["Polygon", "MultiPolygon"]) & ~basemap.is_empty & basemap.is_valid
    ]
    missing = sorted(set(parties) - set(polygons.loc[polygons.area > 0, "iso3"]))
    assert missing == []


def test_kosovo_and_belarus_are_drawn(basemap: gpd.GeoDataFrame) -> None:
    # Both are non-Parties inside the frame; without them the map would show holes.
    assert {"XKX", "BLR"} <= set(basemap["iso3"])
    assert holders(basemap, 21.17, 42.66) == ["XKX"]  # Pristina


def test_iso3_is_unique_and_sorted(basemap: gpd.GeoDataFrame) -> None:
    assert not basemap["iso3"].duplicated().any()
    assert basemap["iso3"].tolist() == sorted(basemap["iso3"])
    assert list(basemap.columns) == ["iso3", "name", "geometry"]


def test_crs_is_etrs89_laea(basemap: gpd.GeoDataFrame) -> None:
    assert basemap.crs is not None and basemap.crs.to_epsg() == 3035
    assert pyogrio.read_info(BASEMAP)["crs"] == "EPSG:3035"


def test_file_is_small() -> None:
    assert BASEMAP.stat().st_size < 2_000_000


def test_reading_does_not_touch_the_network(run_offline) -> None:
    # GDAL reads with its own C code, out of reach of Python's socket module: the read
    # runs in a process that has no network at all.
    code = f"import geopandas as gpd; frame = gpd.read_file({str(BASEMAP)!r}); "
    result = run_offline(code + "print(len(frame), frame.crs.to_epsg())")
    rows, epsg = result.stdout.split()
    assert int(rows) > 48 and epsg == "3035"
