"""The tidy table of every State and recommendation, against the tables it comes from."""

from __future__ import annotations

import pandas as pd
import pytest

import lanzarote_analysis as la
from lanzarote_analysis.analysis.gap_table import tabulate_civil_society_gaps
from lanzarote_analysis.analysis.party_recommendations import (
    PARTY_RECOMMENDATION_COLUMNS,
    tabulate_party_recommendations,
)
from lanzarote_analysis.output.gap_table import format_gap_table


@pytest.fixture(scope="module")
def long() -> pd.DataFrame:
    return la.compute_party_recommendations()


@pytest.fixture(scope="module")
def sources():
    parties = la.load_parties()
    recommendations = la.load_recommendations()
    addressees = la.load_addressees().reset_index()
    return parties, recommendations, addressees


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["iso3"], frame["rec_id"], strict=True))


def test_one_row_per_state_and_recommendation(long, sources):
    parties, recommendations, _ = sources
    assert list(long.columns) == list(PARTY_RECOMMENDATION_COLUMNS)
    assert (len(parties), len(recommendations)) == (48, 7)
    assert len(long) == 7 * 48
    assert not long.duplicated(["iso3", "rec_id"]).any()
    assert pairs(long) == {(i, r) for i in parties.index for r in recommendations.index}
    # States in file order, recommendations in number order within each State.
    assert list(dict.fromkeys(long["iso3"])) == list(parties.index)
    assert long["rec_id"].head(7).tolist() == list(recommendations.sort_values("number").index)


def test_every_named_pair_appears_once_named_and_addressed(long, sources):
    _, _, addressees = sources
    named = long[long["is_named"]]
    assert len(named) == len(addressees)
    assert pairs(named) == pairs(addressees)
    assert named["is_addressed"].eq(True).all()
    # The evidence is the footnote that names the Party.
    by_pair = addressees.set_index(["iso3", "rec_id"])["source"]
    assert named.set_index(["iso3", "rec_id"])["source"].equals(
        by_pair.reindex(named.set_index(["iso3", "rec_id"]).index)
    )


def test_all_parties_recommendations_reach_every_covered_party(long, sources):
    parties, recommendations, _ = sources
    covered = set(parties.index[parties["round2_coverage"].eq("covered")])
    for rec_id in recommendations.index[recommendations["scope"].eq("all_parties")]:
        rows = long[long["rec_id"].eq(rec_id)]
        addressed = set(rows.loc[rows["is_addressed"].eq(True), "iso3"])
        assert addressed == covered, rec_id
        assert not rows["is_named"].any()


def test_listed_recommendations_reach_only_the_parties_named(long, sources):
    parties, recommendations, addressees = sources
    covered = parties["round2_coverage"].eq("covered")
    for rec_id in recommendations.index[recommendations["scope"].eq("listed")]:
        rows = long[long["rec_id"].eq(rec_id)].set_index("iso3")
        named = set(addressees.loc[addressees["rec_id"].eq(rec_id), "iso3"])
        assert set(rows.index[rows["is_addressed"].eq(True)]) == named
        not_named = [i for i in parties.index[covered] if i not in named]
        assert rows.loc[not_named, "is_addressed"].eq(False).all()


def test_states_not_assessed_are_not_known_never_false(long, sources):
    parties, _, _ = sources
    not_assessed = parties.index[parties["round2_coverage"].ne("covered")]
    assert {"NOR", "GBR"} <= set(not_assessed)
    rows = long[long["iso3"].isin(not_assessed)]
    assert rows["is_addressed"].isna().all()
    # Their evidence is what we know of their coverage.
    assert rows["source"].tolist() == rows["iso3"].map(parties["source"]).tolist()
    covered = long[~long["iso3"].isin(not_assessed)]
    assert covered["is_addressed"].notna().all()


def test_agrees_with_every_party_profile(long, sources, every_party_profile):
    parties, _, _ = sources
    for iso3 in parties.index:
        recs = every_party_profile[iso3].recommendations
        rows = long[long["iso3"].eq(iso3)].set_index("rec_id")
        assert rows["is_addressed"].astype(object).equals(recs["is_addressed"].astype(object)), iso3
        assert rows["source"].tolist() == recs["source"].tolist(), iso3


def test_the_columns_have_types_for_grouping_and_plotting(long):
    assert long["is_addressed"].dtype == "boolean"
    assert long["is_named"].dtype == bool
    assert long["level"].cat.ordered
    assert str(long["level"].max()) == "require"
    counts = long.pivot_table(
        index="level", columns="round2_coverage", values="is_named", aggfunc="sum", observed=True
    )
    assert counts.loc["require", "covered"] == long["is_named"][long["rec_id"].eq("VII-1")].sum()


def test_tables_are_the_callers_own(long):
    long.loc[0, "is_addressed"] = False
    assert la.compute_party_recommendations().loc[0, "is_addressed"]


def test_labelled_long_table_in_both_languages(long):
    en = tabulate_party_recommendations(long, lang="en")
    fr = tabulate_party_recommendations(long, lang="fr")
    assert len(en) == len(fr) == len(long)
    assert list(en.columns) != list(fr.columns)
    assert set(en["Addressed to the State"]) == {"yes", "no", "not assessed"}
    assert set(fr["Adressée à l'État"]) == {"oui", "non", "non évalué"}
    assert set(fr["État cité dans la note"]) == {"oui", "non"}
    malta = fr[fr["ISO3"].eq("MLT")]
    assert malta["Partie"].unique().tolist() == ["Malte"]
    assert malta["Adressée à l'État"].tolist() == ["non"] + ["oui"] * 6
    assert en.isna().sum().sum() == 0 and fr.isna().sum().sum() == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_labelled_gap_table_is_the_markdown_gap_table(lang):
    table = tabulate_civil_society_gaps(lang=lang)
    lines = format_gap_table(fmt="markdown", lang=lang).splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert list(table.columns) == header
    assert table.to_numpy().tolist() == rows
    assert len(table) == 48
