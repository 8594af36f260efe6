"""Party profiles: what chapter VII says about one State, and the ``profile`` command.

Expectations come from the factsheet's own text (its footnotes 3 and 5 name the Parties
of VII-1 and VII-2; its promising practices name their State in bold) and from
``parties.csv`` for coverage, never from the code under test.

Image tests compare with ``tests/baseline/`` at an RMS tolerance of 2 (out of 255):
enough for anti-aliasing differences between FreeType builds, far below what a moved
cell, a changed colour or a missing label produces.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from lanzarote_analysis import load_parties, load_practices, load_recommendations, resolve_party
from lanzarote_analysis.analysis.practices import tabulate_practices
from lanzarote_analysis.analysis.profile import (
    compute_party_profile,
    tabulate_party_identity,
    tabulate_party_profile,
)
from lanzarote_analysis.cli import main
from lanzarote_analysis.interactive.party_picker import build_party_picker
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR
from lanzarote_analysis.output.profile_text import CSV_COLUMNS, format_party_profile
from lanzarote_analysis.plots.palette import get_swatch
from lanzarote_analysis.plots.party_profile import FIGSIZE, plot_party_profile

FACTSHEET = (BUNDLED_DATA_DIR / "sources" / "factsheet-chapter-VII.txt").read_text("utf-8")


def footnote_parties(mark: str) -> set[str]:
    """ISO3 codes of the States a footnote of the factsheet lists."""
    (line,) = re.findall(rf"^{mark} (.+)\.$", FACTSHEET, flags=re.MULTILINE)
    return {resolve_party(name.strip()) for name in line.split(",")}


NAMED = {"VII-1": footnote_parties("³"), "VII-2": footnote_parties("⁵")}
PARTIES = load_parties()
COVERED = PARTIES.index[PARTIES["round2_coverage"].eq("covered")].tolist()
UNCONFIRMED = PARTIES.index[PARTIES["round2_coverage"].eq("unconfirmed")].tolist()
NOT_COVERED = PARTIES.index[PARTIES["round2_coverage"].eq("not_covered")].tolist()


def test_footnotes_parse_to_the_factsheet_counts():
    assert (len(NAMED["VII-1"]), len(NAMED["VII-2"])) == (8, 17)
    assert len(UNCONFIRMED) == 2 and {"NOR", "GBR"} == set(UNCONFIRMED)


@pytest.mark.parametrize("iso3", COVERED)
def test_covered_party_is_addressed_listed_recommendations_only_where_named(iso3):
    recs = compute_party_profile(iso3).recommendations
    scopes = load_recommendations()["scope"]
    for rec_id, row in recs.iterrows():
        expected = iso3 in NAMED[rec_id] if scopes[rec_id] == "listed" else True
        assert bool(row["is_addressed"]) == expected, (iso3, rec_id)
        assert row["status"] == ("addressed" if expected else "not_addressed")
        assert row["source"].startswith(f"factsheet:{rec_id}:fn")


@pytest.mark.parametrize("iso3", UNCONFIRMED + NOT_COVERED)
def test_unassessed_state_is_never_shown_as_not_addressed(iso3):
    profile = compute_party_profile(iso3)
    recs = profile.recommendations
    assert recs["is_addressed"].isna().all()
    expected = "not_known" if iso3 in UNCONFIRMED else "not_covered"
    assert set(recs["status"]) == {expected}
    for lang in ("en", "fr"):
        text = format_party_profile(profile, lang=lang)
        assert "Not addressed" not in text and "Non adressée" not in text
    assert not profile.is_covered


def test_norway_profile_says_plainly_that_coverage_is_unconfirmed():
    # Text is wrapped: compare with single spaces.
    text = " ".join(format_party_profile(compute_party_profile("Norway")).split())
    assert "Coverage unconfirmed" in text
    assert "recommendations to Norway are not known from our sources" in text
    fr = " ".join(format_party_profile(compute_party_profile("Norvège"), lang="fr").split())
    assert "Couverture non confirmée" in fr and "ne sont pas connues" in fr


def test_names_codes_and_french_names_give_the_same_profile(capsys):
    outputs = []
    for query in ("Malta", "MLT", "malte", "mt"):
        assert main(["profile", query, "--format", "csv"]) == 0
        outputs.append(capsys.readouterr().out)
    assert len(set(outputs)) == 1


def test_unknown_party_exits_1_with_suggestions(capsys):
    assert main(["profile", "Maltaa"]) == 1
    err = capsys.readouterr().err
    assert "Unknown Party 'Maltaa'" in err and "Malta" in err


def test_csv_lists_every_recommendation_and_practice_of_the_party():
    iso3 = "TUR"
    rows = list(
        csv.DictReader(io.StringIO(format_party_profile(compute_party_profile(iso3), fmt="csv")))
    )
    assert tuple(rows[0]) == CSV_COLUMNS
    recs = [row for row in rows if row["item"] == "recommendation"]
    assert [row["item_id"] for row in recs] == list(load_recommendations().index)
    practices = load_practices()
    assert {row["item_id"] for row in rows if row["item"] != "recommendation"} == set(
        practices.index[practices["iso3"].eq(iso3)]
    )
    assert {row["item_id"] for row in recs if row["status"] == "addressed"} >= {"VII-1", "VII-2"}


def test_every_state_in_bold_among_the_practices_has_its_practice_in_its_profile():
    states = set(re.findall(r"^- In \*\*([^*]+)\*\*", FACTSHEET, flags=re.MULTILINE))
    assert states
    for name in states:
        profile = compute_party_profile(name)
        assert (profile.practices["kind"] == "promising_practice").any(), name
        assert profile.practices["source"].str.startswith("factsheet:").all()


def test_childrens_rights_bodies_of_footnote_2_are_in_the_profiles():
    (line,) = re.findall(r"^² This is the case in (.+)\.$", FACTSHEET, flags=re.MULTILINE)
    for name in re.split(r",| and ", line):
        kinds = compute_party_profile(name.strip()).practices["kind"]
        assert (kinds == "childrens_rights_body").any(), name


def test_markdown_and_french_text():
    profile = compute_party_profile("Albanie")
    markdown = format_party_profile(profile, fmt="markdown")
    assert markdown.startswith("## Albania (ALB)")
    assert sum(line.startswith("| VII-") for line in markdown.splitlines()) == 7
    french = format_party_profile(profile, lang="fr")
    assert french.startswith("Albanie (ALB)") and "Adressée" in french
    table = tabulate_party_profile(profile, lang="fr")
    assert {"Niveau", "Statut", "Source"} <= set(table.columns)


def test_bad_language_and_format_are_refused():
    profile = compute_party_profile("MLT")
    with pytest.raises(ValueError, match="language"):
        format_party_profile(profile, lang="de")
    with pytest.raises(ValueError, match="format"):
        format_party_profile(profile, fmt="html")
    with pytest.raises(ValueError, match="language"):
        plot_party_profile("MLT", lang="de")


def test_text_profile_command_does_not_import_matplotlib():
    code = (
        "import sys\nfrom lanzarote_analysis.cli import main\n"
        "assert main(['profile', 'Malta']) == 0\n"
        "assert main(['gaps']) == 0\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Malta (MLT)" in result.stdout


def test_plot_fills_addressed_cells_with_their_level_colour():
    profile = compute_party_profile("Malta")
    fig, ax = plt.subplots()
    try:
        assert plot_party_profile(profile, ax=ax) is ax
        recs = profile.recommendations
        cells = ax.patches[: len(recs)]
        for cell, (_, row) in zip(cells, recs.iterrows(), strict=True):
            concept = f"level.{row['level']}" if row["is_addressed"] else "rec.not_named"
            colour = get_swatch(concept).colour
            assert cell.get_facecolor() == pytest.approx(to_rgba(colour))
        assert ax.get_title(loc="left").startswith("Malta")
    finally:
        plt.close(fig)


def picker_outputs(picker) -> dict[str, str]:
    """What the picker's output area holds: its Markdown and its PNG (base64)."""
    data = {}
    for output in picker.output.outputs:
        data |= {k: v for k, v in output["data"].items() if k != "text/plain"}
    return data


def test_picker_shows_the_starting_party_at_once_with_a_complete_figure(png_size):
    picker = build_party_picker("malte", lang="fr")
    shown = picker_outputs(picker)
    assert shown["text/markdown"].startswith("## Malte (MLT)")
    # The whole figure, at the resolution of an inline figure.
    assert png_size(base64.b64decode(shown["image/png"])) == tuple(int(v * 100) for v in FIGSIZE)
    assert picker.message.value == ""


def test_picker_shows_each_party_typed_or_picked_and_explains_the_rest():
    picker = build_party_picker("Malta")
    # A name of the list shows as soon as it is in the box (picked, or typed in full).
    picker.combobox.value = "Norway"
    assert picker_outputs(picker)["text/markdown"].startswith("## Norway (NOR)")
    # A code or an alias waits for Enter, then shows.
    picker.combobox.value = "mk"
    assert picker.profile.iso3 == "NOR"
    picker._on_message(picker.combobox, {"event": "submit"}, [])
    assert picker_outputs(picker)["text/markdown"].startswith("## North Macedonia (MKD)")
    assert picker.combobox.value == "North Macedonia"  # the box names the State shown
    # Unknown names and non-Parties get a sentence, and no profile under it.
    picker.show("Moldavia")
    assert "No Party matches “Moldavia”. Did you mean: Moldavie?" in picker.message.value
    assert picker.output.outputs == () and picker.profile is None
    picker.show("Belarus")
    assert "Belarus is not a Party to the Lanzarote Convention" in picker.message.value
    picker.show("Luxembourg")
    assert picker.message.value == "" and picker.profile.iso3 == "LUX"


def test_picker_speaks_the_language_it_was_built_in():
    picker = build_party_picker("Malta", lang="fr")
    assert "Malte" in picker.combobox.options and picker.combobox.description == "Partie"
    picker.show("Kosovo")
    assert "Kosovo* n'est pas Partie à la Convention de Lanzarote" in picker.message.value
    assert "résolution 1244" in picker.message.value


def test_picker_degrades_to_the_starting_profile_as_html(png_size):
    bundle = build_party_picker("malte", lang="fr")._repr_mimebundle_()
    assert "Malte" in bundle["text/plain"]
    html = bundle["text/html"]
    assert "<pre>Malte (MLT)" in html
    (encoded,) = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert png_size(base64.b64decode(encoded)) == tuple(int(v * 100) for v in FIGSIZE)
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_profile_follows_an_edited_data_directory(data_copy):
    # Removing Malta from footnote 5 must remove VII-2 from its profile.
    path = data_copy / "addressees.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("VII-2,MLT,")), "utf-8")
    recs = compute_party_profile("MLT", data_dir=data_copy).recommendations
    assert recs.loc["VII-2", "status"] == "not_addressed"
    assert pd.isna(recs["is_addressed"]).sum() == 0


@pytest.mark.mpl_image_compare
def test_profile_image_malta_en():
    return plot_party_profile("Malta").figure


@pytest.mark.mpl_image_compare
def test_profile_image_norway_fr():
    return plot_party_profile("Norway", lang="fr").figure


MISSING_MARKERS = re.compile(r"\b(NaT|NaN|nan)\b|<NA>")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_no_profile_shows_a_raw_missing_value(fmt, lang, every_party_profile):
    for iso3 in PARTIES.index:
        profile = every_party_profile[iso3]
        text = format_party_profile(profile, lang=lang, fmt=fmt)
        assert not MISSING_MARKERS.search(text), (iso3, MISSING_MARKERS.search(text))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_profile_and_practice_tables_say_not_stated(lang, every_party_profile):
    not_stated = {"en": "not stated", "fr": "non précisé"}[lang]
    tables = [tabulate_practices(lang=lang)]
    for iso3 in PARTIES.index:
        profile = every_party_profile[iso3]
        tables += [
            tabulate_party_identity(profile, lang=lang),
            tabulate_party_profile(profile, lang=lang),
        ]
    for table in tables:
        assert not table.isna().any().any()
        assert not MISSING_MARKERS.search(table.to_string())
    # Malta's date of becoming a Party is in none of our sources: it says so.
    malta = tabulate_party_identity(compute_party_profile("MLT"), lang=lang).iloc[:, 0]
    assert malta.iloc[2] == not_stated
    years = tabulate_practices(lang=lang).iloc[:, 3]
    assert years["ALB-childrens-rights-body"] == not_stated
    assert years["EST-violence-prevention-strategy"] == "2015-2020"
