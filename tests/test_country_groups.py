"""data/country_groups.csv agrees with the classification it was taken from.

The table was derived from country_converter 1.3.2's ``country_data.tsv`` (columns
``EU27`` and ``UNregion``). The file is read directly: ``CountryConverter()`` fails
under pandas 3.1 (docs/research/compatibility.md), the data file does not.
"""

from __future__ import annotations

from importlib.resources import files

import pandas as pd
import pytest

pytest.importorskip("country_converter")


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    path = files("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8") as f:
        table = pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False)
    return table.set_index("ISO3")[["EU27", "UNregion"]]


@pytest.fixture(scope="module")
def groups(bundled_data_dir) -> pd.DataFrame:
    return pd.read_csv(
        bundled_data_dir / "country_groups.csv", dtype=str, keep_default_na=False
    ).set_index("iso3")


@pytest.fixture(scope="module")
def parties(bundled_data_dir) -> pd.DataFrame:
    return pd.read_csv(
        bundled_data_dir / "parties.csv", dtype=str, keep_default_na=False
    ).set_index("iso3")


def test_every_state_has_a_group(groups, parties):
    assert set(parties.index) <= set(groups.index)
    assert groups.index.is_unique


def test_every_state_is_in_the_reference(groups, reference):
    assert set(groups.index) <= set(reference.index)


def test_eu_flag_matches_eu27(groups, reference):
    expected = reference.loc[groups.index, "EU27"].eq("EU27").map({True: "true", False: "false"})
    mismatched = groups.index[groups["is_eu_member_at_adoption"] != expected]
    assert not len(mismatched), list(mismatched)


def test_subregion_matches_un_region(groups, reference):
    expected = reference.loc[groups.index, "UNregion"]
    mismatched = groups.index[groups["un_m49_subregion"] != expected]
    assert not len(mismatched), list(mismatched)


def test_eu_members_are_the_27_minus_those_not_in_the_table(groups, parties, reference):
    eu27 = set(reference.index[reference["EU27"].eq("EU27")])
    assert len(eu27) == 27  # the Union of 27 (since 1 February 2020, so in March 2022)
    in_table = set(groups.index[groups["is_eu_member_at_adoption"].eq("true")])
    assert in_table == eu27 & set(parties.index)
    assert len(in_table) == len(eu27) - len(eu27 - set(parties.index))
