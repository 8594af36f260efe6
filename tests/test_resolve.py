"""resolve_party: every code, name and alias; case, accent and whitespace variants."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lanzarote_analysis as la
from lanzarote_analysis import UnknownPartyError
from lanzarote_analysis.analysis.parties import load_non_parties, normalise_name, party_names
from lanzarote_analysis.cli import main
from lanzarote_analysis.errors import NotAPartyError

PARTIES = la.load_parties()
NAMES = sorted(
    (name, iso3)
    for iso3, row in PARTIES.iterrows()
    for name in (
        iso3,
        row["iso2"],
        row["name_en"],
        row["name_fr"],
        *(row["aliases"].split("|") if isinstance(row["aliases"], str) else []),
    )
)


@pytest.mark.parametrize(("name", "iso3"), NAMES)
def test_every_code_name_and_alias(name, iso3):
    assert la.resolve_party(name) == iso3


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Slovakia", "SVK"),
        ("Slovak Republic", "SVK"),
        ("Moldova", "MDA"),
        ("Republic of Moldova", "MDA"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("FYROM", "MKD"),
        ("UK", "GBR"),
        ("GB", "GBR"),
        ("Royaume-Uni", "GBR"),
    ],
)
def test_aliases_the_issue_names(name, iso3):
    assert la.resolve_party(name) == iso3


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@settings(max_examples=300, deadline=None)
@given(
    pair=st.sampled_from(NAMES),
    case=st.sampled_from([str.upper, str.lower, str.title, str.swapcase, lambda s: s]),
    accents=st.booleans(),
    left=st.text(alphabet=" \t\u00a0", max_size=3),
    right=st.text(alphabet=" \t\n", max_size=3),
    decompose=st.booleans(),
)
def test_case_accent_and_whitespace_variants(pair, case, accents, left, right, decompose):
    name, iso3 = pair
    variant = case(name)
    if accents:
        variant = strip_accents(variant)
    if decompose:
        variant = unicodedata.normalize("NFD", variant)
    assert la.resolve_party(f"{left}{variant}{right}") == iso3


@pytest.mark.parametrize(
    ("typo", "iso3"),
    [
        ("Grecce", "GRC"),
        ("Slovenja", "SVN"),
        ("Luxemburg", "LUX"),
        ("Bosnia", "BIH"),
        ("Macedonia", "MKD"),
        ("Britain", "GBR"),
    ],
)
def test_unknown_name_suggests_the_closest(typo, iso3):
    with pytest.raises(UnknownPartyError) as info:
        la.resolve_party(typo)
    suggested = [la.resolve_party(name) for name in info.value.suggestions]
    assert suggested[0] == iso3
    assert len(suggested) == len(set(suggested))  # one name per State
    assert typo in str(info.value) and info.value.suggestions[0] in str(info.value)


@pytest.mark.parametrize("bad", ["", "Atlantis", "XKX", None, 42])
def test_unknown_or_wrong_type(bad):
    with pytest.raises(UnknownPartyError):
        la.resolve_party(bad)


def test_no_name_points_to_two_states(data_copy):
    path = data_copy / "parties.csv"
    path.write_text(
        path.read_text("utf-8").replace(",Malte,,", ",Malte,Albania,"), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="Albania"):
        la.resolve_party("Malta", data_dir=data_copy)


@pytest.mark.parametrize(
    ("name", "iso3", "shown_as"),
    [
        ("Kosovo", "XKX", "Kosovo*"),
        ("kosovo*", "XKX", "Kosovo*"),
        ("XK", "XKX", "Kosovo*"),
        ("Belarus", "BLR", "Belarus"),
        ("Bélarus", "BLR", "Belarus"),
        ("biélorussie", "BLR", "Belarus"),
    ],
)
def test_a_state_known_not_to_be_a_party_is_said_to_be_so(name, iso3, shown_as):
    with pytest.raises(NotAPartyError) as info:
        la.resolve_party(name)
    assert info.value.iso3 == iso3
    message = str(info.value)
    assert message.startswith(f"{shown_as} is not a Party to the Lanzarote Convention")
    assert "coe-convention" in message  # its source
    # Kosovo* is always written with the Council of Europe's note.
    assert ("Resolution 1244" in message) == (iso3 == "XKX")


def test_non_parties_are_no_party_and_cite_known_sources():
    names = party_names()
    sources = set(la.load_sources().index)
    for row in load_non_parties():
        aliases = row["aliases"].split("|") if row["aliases"] else []
        for name in (row["iso3"], row["iso2"], row["name_en"], row["name_fr"], *aliases):
            assert normalise_name(name) not in names, f"{name} is a Party in parties.csv"
        documents = {locator.split(":")[0] for locator in row["source"].split("|")}
        assert documents <= sources, row["source"]


def test_profile_command_says_kosovo_is_not_a_party(capsys):
    assert main(["profile", "Kosovo"]) == 1
    error = capsys.readouterr().err
    assert "Kosovo* is not a Party" in error and "1244" in error
