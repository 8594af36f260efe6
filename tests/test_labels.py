"""The bilingual label table: complete, and French labels are French."""

from __future__ import annotations

import re

import pytest

from lanzarote_analysis import GAP_CATEGORIES, get_gap_labels, get_label, load_tables
from lanzarote_analysis.i18n.labels import _table, all_label_keys, get_subregion_label

# Words legitimately spelt the same in both languages.
SAME_IN_BOTH = {
    "ISO3",
    "Invite",
    "Source",
    "Parties",
    "source",
    "Monaco",
    "Luxembourg",
    "France",
    "Portugal",
    "Ukraine",
    "Liechtenstein",
    "Türkiye",
    "{coverage} · {gap}",
}
ENGLISH_ONLY_WORDS = re.compile(
    r"\b(the|and|of|only|not|with|by|Financing|Involvement|covered|recommendation|"
    r"children|yes|Source:)(?=\W|$)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("key", all_label_keys())
def test_every_label_has_english_and_french(key):
    row = _table()[key]
    assert row["en"].strip() and row["fr"].strip(), key
    if row["fr"] == row["en"]:
        assert row["fr"] in SAME_IN_BOTH, f"{key}: French label is the English one"


@pytest.mark.parametrize("key", all_label_keys())
def test_french_labels_have_no_english_leftovers(key):
    french = _table()[key]["fr"]
    assert not ENGLISH_ONLY_WORDS.search(french), f"{key}: {french!r}"


def test_every_category_of_the_data_has_a_label():
    tables = load_tables()
    needed = {f"gap.{g}" for g in GAP_CATEGORIES}
    needed |= {f"level.{v}" for v in tables["levels"].index}
    for column in ("scope", "theme"):
        needed |= {f"{column}.{v}" for v in tables["recommendations"][column].cat.categories}
    needed |= {f"kind.{v}" for v in tables["practices"]["kind"].cat.categories}
    needed |= {f"coverage.{v}" for v in tables["parties"]["round2_coverage"].cat.categories}
    assert needed <= set(all_label_keys())
    for subregion in tables["country_groups"]["un_m49_subregion"].cat.categories:
        assert get_subregion_label(subregion, "fr") != subregion


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_gap_category_has_its_own_label(lang):
    # A legend that gave two categories the same words would merge them for the reader.
    labels = get_gap_labels(lang)
    assert set(labels) == set(GAP_CATEGORIES)
    assert len(set(labels.values())) == len(GAP_CATEGORIES)
    assert all(label.strip() for label in labels.values())


def test_unknown_language_and_key():
    with pytest.raises(ValueError, match="en, fr"):
        get_label("gap.both", "de")
    with pytest.raises(KeyError, match="labels.csv"):
        get_label("gap.nothing")
