"""Loading the basemap: joined to parties.csv, strict about missing Parties, read once."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest

from lanzarote_analysis.errors import DataValidationError
from lanzarote_analysis.io.load import load_parties
from lanzarote_analysis.io.paths import BASEMAP_RELATIVE_PATH
from lanzarote_analysis.plots.maps import geopackage
from lanzarote_analysis.plots.maps.basemap import BASEMAP_LAYER, load_basemap

# Non-Parties the basemap must keep as context (data/geo/README.md).
CONTEXT = ["XKX", "BLR", "GGY", "JEY", "IMN", "FRO", "GRL"]


def remove_rows(data_dir: Path, codes: list[str]) -> None:
    """Rewrite the data directory's basemap without the rows of ``codes``."""
    path = data_dir / BASEMAP_RELATIVE_PATH
    frame = gpd.read_file(path, layer=BASEMAP_LAYER)
    frame[~frame["iso3"].isin(codes)].to_file(path, layer=BASEMAP_LAYER, driver="GPKG")


def test_every_state_of_parties_csv_is_joined(bundled_data_dir: Path) -> None:
    parties = load_parties(bundled_data_dir)
    basemap = load_basemap(bundled_data_dir)
    assert basemap.crs.to_epsg() == 3035
    assert set(parties.index) <= set(basemap.index)
    assert set(basemap.index[basemap["is_party"]]) == set(parties.index)
    joined = basemap.loc[parties.index, ["name_en", "name_fr"]]
    assert joined.equals(parties[["name_en", "name_fr"]])
    assert (
        basemap.loc[parties.index, "round2_coverage"].astype(str)
        == parties["round2_coverage"].astype(str)
    ).all()


def test_non_parties_are_kept_as_context(bundled_data_dir: Path) -> None:
    basemap = load_basemap(bundled_data_dir)
    assert set(CONTEXT) <= set(basemap.index)
    assert not basemap.loc[CONTEXT, "is_party"].any()
    assert basemap.loc[CONTEXT, "round2_coverage"].isna().all()


def test_a_party_missing_from_the_basemap_is_an_error(data_copy: Path) -> None:
    remove_rows(data_copy, ["MLT", "SMR"])
    with pytest.raises(DataValidationError) as caught:
        load_basemap(data_copy)
    problems = caught.value.problems
    assert sorted(p.value for p in problems) == ["MLT", "SMR"]
    for problem in problems:
        assert problem.file == BASEMAP_RELATIVE_PATH.as_posix()
        assert problem.column == "iso3"
        assert "parties.csv" in problem.expected
    assert "Malta" in str(caught.value) and "europe_50m.gpkg" in str(caught.value)


def test_a_missing_basemap_file_is_an_error(data_copy: Path) -> None:
    (data_copy / BASEMAP_RELATIVE_PATH).unlink()
    with pytest.raises(DataValidationError, match="europe_50m.gpkg"):
        load_basemap(data_copy)


def test_the_file_is_read_once_per_version(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    read_features = geopackage.read_features

    def counting_read_features(*args: object, **kwargs: object) -> gpd.GeoDataFrame:
        reads.append(args[0])
        return read_features(*args, **kwargs)

    monkeypatch.setattr(geopackage, "read_features", counting_read_features)
    first = load_basemap(data_copy)
    second = load_basemap(data_copy)
    assert len(reads) == 1
    assert first.index.equals(second.index)

    # A caller who edits the frame does not corrupt the cache.
    second.loc["MLT", ["name", "name_en"]] = "edited"
    assert load_basemap(data_copy).loc["MLT", ["name", "name_en"]].tolist() == ["Malta", "Malta"]
    assert len(reads) == 1

    # A new version of the file is read again.
    path = data_copy / BASEMAP_RELATIVE_PATH
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    load_basemap(data_copy)
    assert len(reads) == 2


def test_loading_does_not_touch_the_network(data_copy: Path, run_offline) -> None:
    # In a process with no network at all (GDAL's own downloads would fail there too).
    where = repr(str(data_copy))
    result = run_offline(
        "import lanzarote_analysis as la; "
        f"print(la.load_basemap({where})['is_party'].sum(), len(la.load_parties({where})))"
    )
    n_parties_on_map, n_parties = result.stdout.split()
    assert n_parties_on_map == n_parties


# The GeoPackage, read with SQLite (plots/maps/geopackage.py) ------------------------------


def test_the_geopackage_reader_gives_what_gdal_gives(bundled_data_dir: Path) -> None:
    import shapely

    path = bundled_data_dir / "geo" / "europe_50m.gpkg"
    ours = geopackage.read_features(path, BASEMAP_LAYER)
    gdal = gpd.read_file(path, layer=BASEMAP_LAYER, engine="pyogrio")
    assert ours.columns.tolist() == gdal.columns.tolist() == ["iso3", "name", "geometry"]
    assert ours.crs == gdal.crs and ours.crs.to_epsg() == 3035
    assert ours.drop(columns="geometry").equals(gdal.drop(columns="geometry"))
    # The very same coordinates, in the same order.
    assert (
        shapely.to_wkb(ours.geometry.values).tolist()
        == shapely.to_wkb(gdal.geometry.values).tolist()
    )


def test_a_file_that_is_not_a_geopackage_is_an_error(data_copy: Path) -> None:
    (data_copy / BASEMAP_RELATIVE_PATH).write_bytes(b"PK\x03\x04 not a database at all" * 50)
    with pytest.raises(DataValidationError) as caught:
        load_basemap(data_copy)
    [problem] = caught.value.problems
    assert problem.file == BASEMAP_RELATIVE_PATH.as_posix()
    assert "a readable GeoPackage with layer 'europe_50m'" in problem.expected


def test_a_geopackage_without_the_layer_is_an_error(data_copy: Path) -> None:
    path = data_copy / BASEMAP_RELATIVE_PATH
    frame = gpd.read_file(path, layer=BASEMAP_LAYER)
    path.unlink()
    frame.to_file(path, layer="other", driver="GPKG")
    with pytest.raises(DataValidationError, match="no features layer 'europe_50m'"):
        load_basemap(data_copy)


def test_a_basemap_in_another_crs_is_an_error(data_copy: Path) -> None:
    path = data_copy / BASEMAP_RELATIVE_PATH
    frame = gpd.read_file(path, layer=BASEMAP_LAYER).to_crs("EPSG:4326")
    path.unlink()
    frame.to_file(path, layer=BASEMAP_LAYER, driver="GPKG")
    with pytest.raises(DataValidationError) as caught:
        load_basemap(data_copy)
    assert [(p.value, p.expected) for p in caught.value.problems] == [
        ("EPSG:4326", "the CRS EPSG:3035")
    ]
