"""The comparison figures (issue 4): what they draw, in which language, into which Axes.

Expectations are read from the CSV files of the data package with plain pandas (or, for
the two-set diagram, from ``compute_civil_society_gaps`` as the issue asks), never taken
from the plotting code.

Image regression (pytest-mpl): every figure in English and two in French are compared
at 100 dpi, with the ``default`` matplotlib style around the figure's own theme and an
RMS tolerance of 2 (on a 0-255 scale). The same software gives an RMS of 0; the
tolerance absorbs anti-aliasing and FreeType differences between machines, while a
changed colour, a moved or missing label or a different bar gives an RMS well above 2.
Regenerate with ``pytest tests/test_comparisons.py --mpl-generate-path=tests/baseline``
and look at every image before committing it.
"""

from __future__ import annotations

import re
import unicodedata

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.colors import to_hex
from matplotlib.text import Text

from lanzarote_analysis import (
    plot_addressees_by_recommendation,
    plot_gap_overlap,
    plot_gaps_by_group,
    plot_indicators,
    plot_practices_vs_gaps,
    plot_recommendation_matrix,
)
from lanzarote_analysis.analysis.gaps import compute_civil_society_gaps
from lanzarote_analysis.i18n.labels import _table
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR
from lanzarote_analysis.output.registry import REPORT_FIGURES
from lanzarote_analysis.plots.palette import get_swatch

LEVEL_COLOURS = {lv: get_swatch(f"level.{lv}").colour for lv in ("require", "request", "invite")}
NOT_NAMED_COLOUR = get_swatch("rec.not_named").colour
# Every comparison figure of the report: the registry's figures that are not maps.
PLOTS = [spec.load_function() for spec in REPORT_FIGURES if not spec.is_map]
PLOT_IDS = [plot.__name__ for plot in PLOTS]
#: The registry's name of each function's figure (the keys of ``drawn_figure_texts``).
FIGURE_NAMES = {spec.load_function(): spec.name for spec in REPORT_FIGURES if not spec.is_map}


# Raw tables, read without the package.


def all_texts(figure) -> list[str]:
    """Every visible, non-empty text of the figure: titles, ticks, legends, annotations."""
    figure.draw_without_rendering()
    return [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]


def english_only_words(read_raw_table) -> set[str]:
    """Words of the English labels the figures use that no French label or name contains."""
    table = _table()
    prefixes = ("cmp.", "level.", "gap.")
    english = " ".join(v["en"] for k, v in table.items() if k.startswith(prefixes))
    french = " ".join(v["fr"] for v in table.values())
    parties = read_raw_table(BUNDLED_DATA_DIR, "parties")
    english += " " + " ".join(parties["name_en"])
    french += " " + " ".join(parties["name_fr"])
    words = set(re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", english))
    french_words = set(re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", french))
    return {w for w in words if w not in french_words and "{" not in w}


# Every figure.
@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_draws_into_the_given_axes(plot):
    figure, ax = plt.subplots()
    before = plt.get_fignums()
    result = plot(ax=ax, lang="fr")
    assert result is ax
    assert plt.get_fignums() == before
    # The figure's data, beyond its texts (the source line alone is a text).
    assert ax.patches or ax.collections
    assert ax.get_title(loc="left")


@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_creates_a_print_size_figure_when_no_axes(plot):
    ax = plot()
    width, _ = ax.figure.get_size_inches()
    assert width == pytest.approx(7.0)


@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_unknown_language_is_refused(plot):
    with pytest.raises(ValueError, match="en, fr"):
        plot(lang="de")


@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_french_figure_has_no_english_leftovers(plot, read_raw_table, drawn_figure_texts):
    texts = drawn_figure_texts[FIGURE_NAMES[plot], "fr"]
    words = english_only_words(read_raw_table)
    leftovers = {
        w for text in texts for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text) if w in words
    }
    assert not leftovers, leftovers
    assert any("Source\u202f:" in text for text in texts)
    # The same check finds English words in the English figure: it can fail.
    english = drawn_figure_texts[FIGURE_NAMES[plot], "en"]
    assert any(w in words for text in english for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text))


@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_english_figure_has_no_french_leftovers(plot, drawn_figure_texts):
    texts = " ".join(drawn_figure_texts[FIGURE_NAMES[plot], "en"])
    assert not re.search(r"\b(Parties citées|Source\u202f:|niveau|Lacunes?|sur les)\b", texts)


# The matrix.
def test_matrix_has_one_row_per_covered_party_and_the_levels_of_the_data(
    covered_iso3, read_raw_table, bundled_data_dir
):
    ax = plot_recommendation_matrix()
    ax.figure.draw_without_rendering()  # a mesh maps its values to colours when drawn
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    recs = read_raw_table(bundled_data_dir, "recommendations").set_index("rec_id")
    addressees = read_raw_table(bundled_data_dir, "addressees")
    covered = covered_iso3
    parties = read_raw_table(bundled_data_dir, "parties").set_index("name_en")

    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == len(covered) == 42
    colours = np.array([to_hex(c) for c in mesh.get_facecolors()]).reshape(len(rows), -1)
    assert colours.shape[1] == len(recs)
    for i, name in enumerate(rows):
        iso3 = parties.loc[name, "iso3"]
        for j, (rec_id, rec) in enumerate(recs.iterrows()):
            applies = (
                rec["scope"] == "all_parties"
                or ((addressees["rec_id"] == rec_id) & (addressees["iso3"] == iso3)).any()
            )
            expected = LEVEL_COLOURS[rec["level"]] if applies else NOT_NAMED_COLOUR
            assert colours[i, j] == expected.lower(), (name, rec_id)


def test_matrix_orders_parties_by_strongest_then_most_recommendations(
    read_raw_table, bundled_data_dir
):
    levels = read_raw_table(bundled_data_dir, "levels").set_index("level")["strength"].astype(int)
    ax = plot_recommendation_matrix(lang="fr")
    ax.figure.draw_without_rendering()
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    colour_strength = {LEVEL_COLOURS[lv].lower(): s for lv, s in levels.items()}
    colour_strength[NOT_NAMED_COLOUR.lower()] = 0
    n_rows = len(ax.get_yticklabels())
    strengths = np.array([colour_strength[to_hex(c)] for c in mesh.get_facecolors()])
    strengths = strengths.reshape(n_rows, -1)
    keys = [tuple(sorted(row, reverse=True)) for row in strengths]
    assert keys == sorted(keys, reverse=True)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert "Albanie" in names and "Albania" not in names
    # Within Parties addressed the same recommendations, French alphabetical order.
    same = [n for n, k in zip(names, keys, strict=True) if k == keys[-1]]
    # Alphabetical as a reader expects it: accents do not count (Suède before Suisse).
    unaccented = {
        n: unicodedata.normalize("NFKD", n).encode("ascii", "ignore").lower() for n in same
    }
    assert same == sorted(same, key=unaccented.get)
    if "Suède" in same and "Suisse" in same:
        assert same.index("Suède") < same.index("Suisse")


# Parties addressed by each recommendation.
def test_addressee_bars_count_the_data(covered_iso3, read_raw_table, bundled_data_dir):
    recs = read_raw_table(bundled_data_dir, "recommendations").set_index("rec_id")
    named = read_raw_table(bundled_data_dir, "addressees").groupby("rec_id").size()
    indicators = read_raw_table(bundled_data_dir, "indicators").set_index("indicator_id")
    n_monitored = int(indicators.loc["parties_monitored", "value"])
    n_covered = len(covered_iso3)
    is_all = (recs["scope"] == "all_parties").tolist()
    confirmed = [
        n_covered if all_parties else named.get(rec_id, 0)
        for rec_id, all_parties in zip(recs.index, is_all, strict=True)
    ]
    totals = [
        n_monitored if all_parties else n for n, all_parties in zip(confirmed, is_all, strict=True)
    ]

    ax = plot_addressees_by_recommendation()
    solid, hatched = ax.patches[: len(recs)], ax.patches[len(recs) :]
    assert [int(bar.get_width()) for bar in solid] == confirmed
    assert [to_hex(bar.get_facecolor()) for bar in solid] == [
        LEVEL_COLOURS[level].lower() for level in recs["level"]
    ]
    # One hatched segment of 43 - 42 = 1 Party after each all-Parties bar.
    unconfirmed = get_swatch("coverage.unconfirmed")
    assert [int(bar.get_width()) for bar in hatched] == [n_monitored - n_covered] * sum(is_all)
    assert all(bar.get_x() == n_covered for bar in hatched)
    assert {(bar.get_hatch(), to_hex(bar.get_facecolor())) for bar in hatched} == {
        (unconfirmed.hatch, unconfirmed.colour.lower())
    }
    written = [t.get_text() for t in ax.texts][: len(recs)]
    assert written == [str(n) for n in totals]


def test_addressee_note_gives_the_43rd_party_as_our_inference(drawn_figure_texts):
    def drawn(lang: str) -> str:
        return " ".join(" ".join(drawn_figure_texts["addressees_by_recommendation", lang]).split())

    texts = drawn("en")
    assert "the 43 Parties monitored" in texts
    assert "Hatched: the 43rd Party monitored, which our sources do not name." in texts
    assert "Our inference, which no source states, is Norway or the United Kingdom" in texts
    texts = drawn("fr")
    assert "la 43\u1d49 Partie suivie" in texts
    assert "c'est la Norvège ou le Royaume-Uni, dont la participation n'est pas confirmée" in texts


def test_addressee_bars_follow_an_edited_data_directory(read_raw_table, data_copy):
    addressees = (data_copy / "addressees.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in addressees if not line.startswith("VII-2,UKR,")]
    (data_copy / "addressees.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    ax = plot_addressees_by_recommendation(data_dir=data_copy)
    named = read_raw_table(data_copy, "addressees").groupby("rec_id").size()
    assert int(ax.patches[1].get_width()) == named["VII-2"] == 16


# The two-set diagram.
def test_overlap_regions_hold_the_parties_of_the_gaps():
    gaps = compute_civil_society_gaps()
    sizes = gaps["gap"].value_counts()
    expected = {"10": sizes["involvement_only"], "01": sizes["financing_only"], "11": sizes["both"]}
    assert expected == {"10": 0, "01": 9, "11": 8}

    ax = plot_gap_overlap()
    texts = [t.get_text() for t in ax.texts]
    blocks = [set(t.split("\n")) for t in texts if "\n" in t and "VII" not in t]
    for gap in ("both", "financing_only"):
        names = set(gaps.loc[gaps["gap"].eq(gap), "name_en"])
        assert names in blocks, gap
        assert str(len(names)) in texts
    # Regions without Parties are not drawn: nested sets look nested.
    assert len(ax.patches) == sum(1 for n in expected.values() if n)
    assert "17 Parties in all" in " ".join(texts) and "8 Parties in all" in " ".join(texts)


def test_overlap_in_french_names_the_parties_in_french():
    texts = " ".join(t.get_text() for t in plot_gap_overlap(lang="fr").texts)
    assert "Macédoine du Nord" in texts and "Bosnie-Herzégovine" in texts
    assert "North Macedonia" not in texts


# Gaps by group.
def group_bars(ax) -> dict[float, list]:
    rows: dict[float, list] = {}
    for bar in ax.patches:
        rows.setdefault(round(bar.get_y() + bar.get_height() / 2, 6), []).append(bar)
    return rows


def test_group_shares_sum_to_one_and_count_covered_parties(
    covered_iso3, read_raw_table, bundled_data_dir
):
    ax = plot_gaps_by_group()
    rows = group_bars(ax)
    for bars in rows.values():
        assert sum(bar.get_width() for bar in bars) == pytest.approx(1.0)

    groups = read_raw_table(bundled_data_dir, "country_groups").set_index("iso3")
    covered = groups.loc[covered_iso3]
    n_eu = int((covered["is_eu_member_at_adoption"] == "true").sum())
    n_south = int((covered["un_m49_subregion"] == "Southern Europe").sum())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert f"EU members (n={n_eu})" in labels
    assert f"Non-members (n={len(covered) - n_eu})" in labels
    assert f"Southern Europe (n={n_south})" in labels
    assert len(rows) == 2 + covered["un_m49_subregion"].nunique()


def test_group_shares_match_the_gaps_of_eu_members(covered_iso3, read_raw_table, bundled_data_dir):
    groups = read_raw_table(bundled_data_dir, "country_groups").set_index("iso3")
    addressees = read_raw_table(bundled_data_dir, "addressees")
    eu = [i for i in covered_iso3 if groups.loc[i, "is_eu_member_at_adoption"] == "true"]
    financing = set(addressees.loc[addressees["rec_id"] == "VII-2", "iso3"])
    share_financing = len(financing & set(eu)) / len(eu)
    ax = plot_gaps_by_group()
    first = sorted(group_bars(ax).items())[0][1]
    # The first row is the EU members; its 'both' and 'financing only' bars are VII-2.
    widths = [bar.get_width() for bar in first]
    assert widths[0] + widths[1] == pytest.approx(share_financing)


def test_group_labels_in_french(bundled_data_dir):
    labels = [t.get_text() for t in plot_gaps_by_group(lang="fr").get_yticklabels()]
    assert any(label.startswith("Europe méridionale (n = ") for label in labels)
    assert any(label.startswith("Membres de l'UE") for label in labels)


# Practices beside the recommendations.
def test_practices_rows_and_marks_follow_the_data(read_raw_table, bundled_data_dir):
    practices = read_raw_table(bundled_data_dir, "practices")
    addressees = read_raw_table(bundled_data_dir, "addressees")
    names = read_raw_table(bundled_data_dir, "parties").set_index("iso3")["name_en"]
    ax = plot_practices_vs_gaps()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert set(rows) == set(names[practices["iso3"].unique()])

    # The big marks (s > 50) sit where the data has a practice or a recommendation.
    marked = set()
    for collection in ax.collections:
        if isinstance(collection, PathCollection) and collection.get_sizes().max() > 50:
            for x, y in collection.get_offsets():
                marked.add((int(round(x)), rows[int(round(y))]))
    expected = set()
    for column, kind in enumerate(("promising_practice", "childrens_rights_body")):
        expected |= {(column, names[i]) for i in practices.loc[practices["kind"] == kind, "iso3"]}
    for column, rec_id in enumerate(("VII-1", "VII-2"), start=2):
        expected |= {
            (column, names[i])
            for i in addressees.loc[addressees["rec_id"] == rec_id, "iso3"]
            if i in set(practices["iso3"])
        }
    assert marked == expected
    # Cyprus and Türkiye (promising practice), Albania and Latvia (children's-rights
    # body) are on both sides.
    both = {name for (column, name) in marked if column >= 2}
    assert both == {"Cyprus", "Türkiye", "Albania", "Latvia"}


def test_practice_headers_give_the_level_of_each_recommendation():
    headers = [t.get_text() for t in plot_practices_vs_gaps(lang="fr").get_xticklabels()]
    assert headers[2].startswith("VII-1 (exige)") and headers[3].startswith("VII-2 (demande)")


# Headline figures.
def test_indicator_bars_and_implied_totals_follow_the_data(read_raw_table, bundled_data_dir):
    indicators = read_raw_table(bundled_data_dir, "indicators").set_index("indicator_id")
    with_total = indicators[indicators["denominator"] != ""]
    ax = plot_indicators()
    n = len(with_total)
    totals, values = ax.patches[:n], ax.patches[n:]
    assert [int(bar.get_width()) for bar in values] == with_total["value"].astype(int).tolist()
    assert [int(bar.get_width()) for bar in totals] == (
        with_total["denominator"].astype(int).tolist()
    )
    is_stated = (with_total["is_denominator_stated"] == "true").tolist()
    assert [bar.get_linestyle() == "-" for bar in totals] == is_stated
    written = [t.get_text() for t in ax.texts][:n]
    for text, (_, row), stated in zip(written, with_total.iterrows(), is_stated, strict=True):
        assert text.startswith(f"{row['value']} of {row['denominator']}")
        assert text.endswith("*") != stated
    texts = " ".join(all_texts(ax.figure))
    assert f"({indicators.loc['children_participating', 'value']} children in all)" in texts
    assert "implied" in texts


def test_indicator_note_disappears_when_every_total_is_stated(data_copy):
    path = data_copy / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",43,false,", ",43,true,"), encoding="utf-8"
    )
    ax = plot_indicators(data_dir=data_copy)
    texts = " ".join(all_texts(ax.figure))
    assert "*" not in texts and "implied" not in texts


# Images.
@pytest.mark.mpl_image_compare
@pytest.mark.parametrize("plot", PLOTS, ids=PLOT_IDS)
def test_comparisons_image_en(plot):
    return plot(lang="en").figure


@pytest.mark.mpl_image_compare
@pytest.mark.parametrize(
    "plot",
    [plot_recommendation_matrix, plot_indicators, plot_gaps_by_group],
    ids=lambda p: p.__name__,
)
def test_comparisons_image_fr(plot):
    return plot(lang="fr").figure
