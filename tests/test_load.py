"""Loading: types, keys, the data directory in force, caching and lazy heavy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import lanzarote_analysis as la
from lanzarote_analysis.io.paths import DATA_DIR_ENV_VAR


def test_tables_are_typed_and_indexed_by_their_key(bundled_data_dir):
    descriptor = json.loads((bundled_data_dir / "datapackage.json").read_text("utf-8"))
    tables = la.load_tables()
    assert set(tables) == {r["name"] for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        key = resource["schema"]["primaryKey"]
        key = [key] if isinstance(key, str) else key
        assert list(tables[resource["name"]].index.names) == key, resource["name"]


def test_dtypes():
    parties = la.load_parties()
    assert isinstance(parties["round2_coverage"].dtype, pd.CategoricalDtype)
    assert parties["is_coe_member_at_adoption"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(parties["party_since"])
    assert parties.loc["RUS", "coe_membership_ended"] == pd.Timestamp("2022-03-16")
    recs = la.load_recommendations()
    assert recs["level"].cat.ordered
    assert recs["number"].dtype == "int64"
    assert la.load_indicators()["denominator"].dtype == "Int64"  # optional integer


def test_data_dir_argument_and_environment_variable(data_copy, monkeypatch):
    path = data_copy / "parties.csv"
    path.write_text(
        path.read_text("utf-8").replace(",Malta,Malte,", ",Malta (copy),Malte,"), encoding="utf-8"
    )
    assert la.load_parties(data_copy).loc["MLT", "name_en"] == "Malta (copy)"
    assert la.load_parties().loc["MLT", "name_en"] == "Malta"
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(data_copy))
    assert la.load_parties().loc["MLT", "name_en"] == "Malta (copy)"
    assert la.compute_civil_society_gaps().loc["MLT", "name_en"] == "Malta (copy)"


def test_a_file_edited_while_loaded_is_read_again(data_copy):
    before = la.load_parties(data_copy)
    path = data_copy / "parties.csv"
    path.write_text(
        path.read_text("utf-8").replace(",Malta,Malte,", ",Malta,Malte (fr),"), encoding="utf-8"
    )
    after = la.load_parties(data_copy)
    assert before.loc["MLT", "name_fr"] == "Malte"
    assert after.loc["MLT", "name_fr"] == "Malte (fr)"


def test_an_edit_that_keeps_size_and_time_is_seen(data_copy):
    # cp -p and rsync -t keep the modification time; the same size is easy to keep too.
    path = data_copy / "parties.csv"
    la.load_parties(data_copy)
    stat = path.stat()
    path.write_text(
        path.read_text("utf-8").replace(",Malta,Malte,", ",Malta,Malto,"), encoding="utf-8"
    )
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert la.load_parties(data_copy).loc["MLT", "name_fr"] == "Malto"


def test_an_edit_in_a_subfolder_is_seen(data_copy):
    descriptor = data_copy / "datapackage.json"
    descriptor.write_text(
        descriptor.read_text("utf-8").replace('"path": "levels.csv"', '"path": "sub/levels.csv"'),
        encoding="utf-8",
    )
    (data_copy / "sub").mkdir()
    (data_copy / "levels.csv").rename(data_copy / "sub" / "levels.csv")
    assert la.load_levels(data_copy).loc["invite", "strength"] == 1
    path = data_copy / "sub" / "levels.csv"
    path.write_text(path.read_text("utf-8").replace("invite,1,", "invite,0,"), encoding="utf-8")
    with pytest.raises(la.DataValidationError, match="at least 1"):
        la.load_levels(data_copy)


def test_unchanged_directory_is_served_from_cache(data_copy, monkeypatch):
    la.load_tables(data_copy)
    from lanzarote_analysis.io import data_package

    def fail(*args, **kwargs):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(data_package, "_validate", fail)
    assert len(la.load_parties(data_copy)) == 48


def test_callers_cannot_corrupt_the_cache():
    parties = la.load_parties()
    parties.loc["MLT", "name_en"] = "changed"
    parties["name_fr"] = "changed"
    fresh = la.load_parties()
    assert fresh.loc["MLT", ["name_en", "name_fr"]].tolist() == ["Malta", "Malte"]


@pytest.mark.parametrize(
    "code",
    [
        "import lanzarote_analysis as la; la.load_tables(); la.compute_civil_society_gaps(); "
        "la.resolve_party('Malta')",
        "from lanzarote_analysis.cli import main; main(['gaps'])",
    ],
)
def test_loading_does_not_import_plotting_libraries(code):
    probe = (
        f"{code}\nimport sys\n"
        "heavy = [m for m in ('matplotlib', 'seaborn', 'geopandas', 'frictionless') "
        "if m in sys.modules]\nprint('HEAVY', heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_lazy_plotting_names_are_listed():
    assert "plot_gap_map" in dir(la)
    with pytest.raises(AttributeError):
        la.plot_nothing  # noqa: B018


def test_nothing_is_recorded_outside_the_process(data_copy, tmp_path, monkeypatch):
    # Every process validates what it reads: no file can vouch for content it has not checked.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    la.load_tables(data_copy)
    path = data_copy / "levels.csv"
    path.write_text(path.read_text("utf-8").replace("invite,1,", "invite,0,"), encoding="utf-8")
    with pytest.raises(la.DataValidationError, match="at least 1"):
        la.load_tables(data_copy)
    assert not (tmp_path / "cache").exists()
    assert not list(data_copy.glob(".*"))


def test_loading_imports_no_validation_library():
    # Validation is plain Python: importing pandera alone would cost a quarter of a second.
    probe = (
        "import sys, lanzarote_analysis as la\nla.load_tables()\nprint('pandera' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"
