"""The tables behind the comparison figures (lanzarote_analysis.analysis.recommendations).

Expectations are read from the CSV files with plain pandas, not from the module.
"""

from __future__ import annotations

import pytest

from lanzarote_analysis.analysis.groups import compute_gap_shares_by_group
from lanzarote_analysis.analysis.practices import compute_practices_vs_gaps
from lanzarote_analysis.analysis.recommendations import (
    compute_addressee_counts,
    compute_recommendation_matrix,
)


def test_matrix_cells_follow_scope_and_addressees(read_raw_table, bundled_data_dir, covered_iso3):
    matrix = compute_recommendation_matrix()
    recs = read_raw_table(bundled_data_dir, "recommendations").set_index("rec_id")
    addressees = read_raw_table(bundled_data_dir, "addressees")
    assert sorted(matrix.index) == sorted(covered_iso3)
    for rec_id, rec in recs.iterrows():
        if rec["scope"] == "all_parties":
            expected = set(covered_iso3)
        else:
            expected = set(addressees.loc[addressees["rec_id"] == rec_id, "iso3"])
        assert set(matrix.index[matrix[rec_id].notna()]) == expected
        assert set(matrix[rec_id].dropna()) == {rec["level"]}


def test_matrix_order_depends_on_language_only_for_ties():
    english, french = compute_recommendation_matrix(), compute_recommendation_matrix(lang="fr")
    assert list(english.index[:8]) != list(french.index[:8])  # Greece / Grèce, etc.
    assert set(english.index[:8]) == set(french.index[:8])
    assert list(french["name_fr"][:3]) == ["Albanie", "Grèce", "Lettonie"]


def test_addressee_counts(read_raw_table, bundled_data_dir, covered_iso3):
    named = read_raw_table(bundled_data_dir, "addressees").groupby("rec_id").size()
    indicators = read_raw_table(bundled_data_dir, "indicators").set_index("indicator_id")
    monitored = int(indicators.loc["parties_monitored", "value"])
    counts = compute_addressee_counts()
    for rec_id, row in counts.iterrows():
        # All Parties: the 43 monitored, of which those not confirmed are counted apart.
        expected = named[rec_id] if row["scope"] == "listed" else monitored
        unconfirmed = 0 if row["scope"] == "listed" else monitored - len(covered_iso3)
        assert (row["n_parties"], row["n_unconfirmed"]) == (expected, unconfirmed)


def test_gap_shares_sum_to_one_and_cover_every_covered_party(
    read_raw_table, bundled_data_dir, covered_iso3
):
    shares = compute_gap_shares_by_group()
    assert shares.drop(columns="n").sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert shares.loc["eu", "n"].sum() == len(covered_iso3)
    assert shares.loc["subregion", "n"].sum() == len(covered_iso3)
    groups = read_raw_table(bundled_data_dir, "country_groups").set_index("iso3").loc[covered_iso3]
    assert (
        shares.loc[("subregion", "Western Asia"), "n"]
        == (groups["un_m49_subregion"] == "Western Asia").sum()
    )
    # The both/financing-only shares of a group are its share named by VII-2.
    addressees = read_raw_table(bundled_data_dir, "addressees")
    financing = set(addressees.loc[addressees["rec_id"] == "VII-2", "iso3"])
    members = groups.index[groups["is_eu_member_at_adoption"] == "true"]
    row = shares.loc[("eu", "member")]
    assert row["both"] + row["financing_only"] == pytest.approx(
        len(financing & set(members)) / len(members)
    )


def test_practices_table(read_raw_table, bundled_data_dir):
    practices = read_raw_table(bundled_data_dir, "practices")
    table = compute_practices_vs_gaps()
    assert set(table.index) == set(practices["iso3"])
    both = table.index[table[["VII-1", "VII-2"]].notna().any(axis=1)]
    assert set(both) == {"CYP", "TUR", "ALB", "LVA"}
    assert table.loc["ALB", "childrens_rights_body"] and not table.loc["ALB", "promising_practice"]
    # Promising practices come first.
    kinds = table["promising_practice"].tolist()
    assert kinds == sorted(kinds, reverse=True)
