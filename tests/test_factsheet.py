"""The bundled data reproduces what the factsheet states.

Expectations come from the factsheet itself (``data/sources/factsheet-chapter-VII.txt``,
kept unedited): its footnotes are parsed here, independently of the CSV files, and the
few numbers it states in prose are quoted with the sentence that states them.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import lanzarote_analysis as la

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@pytest.fixture(scope="module")
def factsheet(bundled_data_dir) -> str:
    return (bundled_data_dir / "sources" / "factsheet-chapter-VII.txt").read_text("utf-8")


def footnote(text: str, number: int) -> str:
    """The text of footnote ``number``: the line that starts with its superscript."""
    mark = "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(number))
    match = re.search(rf"^{mark} (.+)$", text, flags=re.MULTILINE)
    assert match, f"footnote {number} not found in the factsheet"
    return match.group(1).strip()


def footnote_names(text: str, number: int) -> list[str]:
    return [n.strip() for n in footnote(text, number).rstrip(".").split(",")]


def recommendation_footnotes(text: str) -> dict[str, int]:
    """rec_id -> the footnote that names it ("⁴ Recommendation VII-1.")."""
    found = {}
    for mark, rec in re.findall(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) Recommendation (VII-\d+)", text, re.MULTILINE):
        found[rec] = int(mark.translate(SUPERSCRIPTS))
    return found


def test_seven_recommendations_as_in_the_footnotes(factsheet):
    recs = la.load_recommendations()
    assert sorted(recs.index) == sorted(recommendation_footnotes(factsheet))
    for rec_id, number in recommendation_footnotes(factsheet).items():
        assert recs.loc[rec_id, "source"] == f"factsheet:{rec_id}:fn{number}"


@pytest.mark.parametrize(("rec_id", "addressee_note"), [("VII-1", 3), ("VII-2", 5)])
def test_listed_parties_are_exactly_the_footnotes(factsheet, rec_id, addressee_note):
    names = footnote_names(factsheet, addressee_note)
    addressees = la.load_addressees().loc[rec_id]
    assert sorted(addressees["name_in_source"]) == sorted(names)
    assert sorted(addressees.index) == sorted(la.resolve_party(n) for n in names)
    assert set(addressees["footnote"]) == {addressee_note}


def test_eight_and_seventeen_parties_and_vii1_inside_vii2(factsheet):
    addressees = la.load_addressees().reset_index()
    by_rec = addressees.groupby("rec_id")["iso3"].agg(set)
    assert len(by_rec["VII-1"]) == len(footnote_names(factsheet, 3)) == 8
    assert len(by_rec["VII-2"]) == len(footnote_names(factsheet, 5)) == 17
    assert by_rec["VII-1"] <= by_rec["VII-2"]


# Each level with the words of the factsheet that give it.
LEVEL_SENTENCES = {
    "VII-1": (
        "require",
        "listed",
        "The Lanzarote Committee **requires** Parties that are not already doing so³",
    ),
    "VII-2": (
        "request",
        "listed",
        "The Lanzarote Committee **requests** Parties that are not already doing so⁵",
    ),
    "VII-3": (
        "invite",
        "all_parties",
        "the Lanzarote Committee **invites** all Parties to expand co-operation",
    ),
    "VII-4": ("invite", "all_parties", "The Lanzarote Committee **invites** all Parties to ensure"),
    "VII-5": ("invite", "all_parties", "The Lanzarote Committee invites **all Parties** to:"),
    "VII-6": ("invite", "all_parties", "The Lanzarote Committee invites **all Parties** to:"),
    "VII-7": ("invite", "all_parties", "The Lanzarote Committee invites **all Parties** to:"),
}


@pytest.mark.parametrize("rec_id", sorted(LEVEL_SENTENCES))
def test_level_and_scope(factsheet, rec_id):
    level, scope, sentence = LEVEL_SENTENCES[rec_id]
    assert sentence in factsheet
    rec = la.load_recommendations().loc[rec_id]
    assert (rec["level"], rec["scope"]) == (level, scope)


def test_levels_are_ordered_as_the_factsheet_defines_them(factsheet):
    levels = la.load_levels()
    for level in ("require", "request", "invite"):
        # The factsheet defines each term in the introduction, in bold quotes.
        assert f"**“{level.capitalize()}”**" in factsheet
    recs = la.load_recommendations()
    assert recs["level"].cat.ordered
    assert list(recs["level"].cat.categories) == list(levels.sort_values("strength").index)
    assert recs.loc["VII-1", "level"] > recs.loc["VII-2", "level"] > recs.loc["VII-3", "level"]


def test_43_parties_monitored_42_confirmed_and_the_open_question(factsheet):
    assert "The 43 States that were Party to the Convention" in factsheet
    parties = la.load_parties()
    coverage = parties["round2_coverage"].value_counts()
    monitored = int(la.load_indicators().loc["parties_monitored", "value"])
    assert monitored == 43
    assert coverage["covered"] == 42
    # The 43rd is one of the unconfirmed: Norway or the United Kingdom.
    assert sorted(parties.index[parties["round2_coverage"] == "unconfirmed"]) == ["GBR", "NOR"]
    assert coverage["covered"] + 1 == monitored


def test_gap_split(factsheet):
    gaps = la.compute_civil_society_gaps()
    counts = gaps["gap"].value_counts()
    covered = int((gaps["round2_coverage"] == "covered").sum())
    n_vii2 = len(footnote_names(factsheet, 5))
    n_vii1 = len(footnote_names(factsheet, 3))
    assert counts["both"] == n_vii1 == 8
    assert counts["financing_only"] == n_vii2 - n_vii1 == 9
    assert counts["involvement_only"] == 0
    assert counts["none"] == covered - n_vii2 == 25
    assert counts["unconfirmed"] == 2
    # 26 of the 43 once the 43rd Party is known: neither unconfirmed State is named.
    assert counts["none"] + 1 == 43 - n_vii2
    assert counts["not_covered"] == len(gaps) - 42 - 2


def test_promising_practice_parties(factsheet):
    section = factsheet.split(
        "Examples of promising practices identified by the Lanzarote Committee"
    )[1].split("Recommendations of the Lanzarote")[0]
    named = {la.resolve_party(n) for n in re.findall(r"In \*\*([^*]+)\*\*", section)}
    assert named == {"CYP", "EST", "LUX", "CHE", "TUR"}
    practices = la.load_practices()
    promising = practices[practices["kind"] == "promising_practice"]
    assert set(promising["iso3"]) == named


def test_childrens_rights_bodies(factsheet):
    note = footnote(factsheet, 2)  # "This is the case in Albania and Latvia."
    names = re.sub(r"^This is the case in |\.$", "", note).split(" and ")
    practices = la.load_practices()
    bodies = practices[practices["kind"] == "childrens_rights_body"]
    assert set(bodies["iso3"]) == {la.resolve_party(n) for n in names} == {"ALB", "LVA"}
    assert set(bodies["source"]) == {"factsheet:modalities:fn2"}


@pytest.mark.parametrize(
    ("indicator", "value", "denominator", "sentence"),
    [
        ("parties_supporting_adult_awareness", 27, 43, "The Committee counts 27 Parties out of 43"),
        (
            "parties_reporting_child_friendly_material",
            15,
            43,
            "15 Parties report that civil society uses child-friendly",
        ),
        (
            "children_participating",
            306,
            None,
            "information received from 306 [children](#) in 10 Parties",
        ),
        ("parties_with_child_participants", 10, 43, "306 [children](#) in 10 Parties"),
    ],
)
def test_headline_figures(factsheet, indicator, value, denominator, sentence):
    assert sentence in factsheet
    row = la.load_indicators().loc[indicator]
    assert row["value"] == value
    if denominator is None:
        assert pd.isna(row["denominator"])
    else:
        assert row["denominator"] == denominator
    # Only "27 out of 43" states its denominator; the others imply the 43 monitored.
    stated = row["is_denominator_stated"]
    assert (False if pd.isna(stated) else bool(stated)) == ("out of 43" in sentence)


def test_every_row_has_a_source_locator():
    for name, table in la.load_tables().items():
        if "source" in table:
            assert table["source"].notna().all(), name
