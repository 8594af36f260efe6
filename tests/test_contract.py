"""The package's needs (contract.py) agree with the code that draws: every value the
contract admits has its label and colour, and the bundled data meets the contract."""

from __future__ import annotations

import json

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.i18n.labels import get_label, get_subregion_label
from lanzarote_analysis.io import contract
from lanzarote_analysis.plots.palette import PALETTE
from lanzarote_analysis.vocabulary import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_admitted_value_has_its_labels(lang):
    for theme in contract.THEME_VALUES:
        assert get_label(f"theme.{theme}", lang) and get_label(f"cmp.theme.{theme}", lang)
    for level in contract.LEVEL_VALUES:
        assert get_label(f"level.{level}", lang)
    for scope in contract.SCOPE_VALUES:
        assert get_label(f"scope.{scope}", lang)
    for kind in contract.KIND_VALUES:
        assert get_label(f"kind.{kind}", lang) and get_label(f"cmp.practices.{kind}", lang)
    for coverage in contract.COVERAGE_VALUES:
        assert get_label(f"profile.coverage.{coverage}", lang)
    for subregion in contract.SUBREGION_VALUES:
        assert get_subregion_label(subregion, lang)
    drawn = la.load_indicators().query("denominator.notna()").index
    for indicator_id in drawn:
        assert get_label(f"cmp.indicators.{indicator_id}", lang)


def test_every_admitted_level_and_coverage_has_its_colour():
    assert {f"level.{level}" for level in contract.LEVEL_VALUES} <= set(PALETTE)
    assert {f"coverage.{c}" for c in contract.COVERAGE_VALUES if c != "covered"} <= set(PALETTE)


def test_the_bundled_descriptor_declares_what_the_contract_needs(bundled_data_dir):
    descriptor = json.loads((bundled_data_dir / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(contract.NEEDS) <= set(resources)
    for name, need in contract.NEEDS.items():
        fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
        for column, field_need in need.fields.items():
            assert fields[column]["type"] == field_need.type, (name, column)
            if field_need.enum is not None:
                assert fields[column]["constraints"]["enum"] == list(field_need.enum) or (
                    not field_need.is_ordered
                    and set(fields[column]["constraints"]["enum"]) == set(field_need.enum)
                ), (name, column)


def test_the_bundled_rows_are_those_the_figures_draw():
    assert list(la.load_indicators().index) == list(contract.INDICATOR_IDS)
    assert set(contract.RECOMMENDATION_IDS) <= set(la.load_recommendations().index)
