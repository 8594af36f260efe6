"""The gap map and the recommendation maps.

Expectations come from the data (``compute_civil_society_gaps``, ``load_addressees``,
the basemap's areas) and from the style's colour tables, never from the maps' code.

Image regression (pytest-mpl): the English and French gap maps and the VII-1 map are
compared at 100 dpi with the ``default`` matplotlib style around the map's own theme,
with an RMS tolerance of 2 (on a 0-255 scale). Identical software gives an RMS of 0;
the tolerance absorbs anti-aliasing and FreeType differences between machines, while a
changed colour, a moved label or a missing microstate gives an RMS well above 2.
Regenerate with ``pytest tests/test_maps.py --mpl-generate-path=tests/baseline``.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from lanzarote_analysis import plot_gap_map, plot_recommendation_map
from lanzarote_analysis.analysis.gaps import compute_civil_society_gaps, get_gap_labels
from lanzarote_analysis.errors import DataValidationError
from lanzarote_analysis.io.load import load_addressees, load_parties, load_recommendations
from lanzarote_analysis.io.paths import BASEMAP_RELATIVE_PATH
from lanzarote_analysis.plots.maps.basemap import BASEMAP_LAYER, load_basemap
from lanzarote_analysis.plots.maps.frame import MAP_EXTENT
from lanzarote_analysis.plots.maps.markers import MICROSTATE_MAX_AREA_KM2
from lanzarote_analysis.plots.palette import get_gap_concept, get_swatch

# The five micro-states among the Parties (data/geo/README.md) and Luxembourg, too small
# to read at report size: each must be a marker.
MICROSTATES = {"AND", "LIE", "LUX", "MCO", "SMR", "MLT"}


def gap_fill(gap: str) -> tuple[tuple, str | None]:
    """(RGBA, hatch) of a gap category in the report's palette."""
    swatch = get_swatch(get_gap_concept(gap))
    return to_rgba(swatch.colour), swatch.hatch


# Words that would betray an untranslated text on a French map.
ENGLISH_WORDS = [
    "Financing",
    "Involvement",
    "Source:",
    "Not covered",
    "Not a Party",
    "Coverage",
    "Basemap",
    "named",
    "Recommendation",
    "gap",
    "only",
    " and ",
]


@pytest.fixture(scope="module")
def gaps() -> pd.DataFrame:
    return compute_civil_society_gaps()


def all_texts(ax) -> list[str]:
    """Every text drawn on the map: title, subtitle, source, labels, legend."""
    texts = [ax.get_title(loc="left")] + [t.get_text() for t in ax.texts]
    legend = ax.get_legend()
    texts += [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
    return [t for t in texts if t]


def legend_counts(ax) -> dict[str, int]:
    """Legend label (without its count) → count; entries without a count are skipped."""
    counts = {}
    for text in ax.get_legend().get_texts():
        found = re.fullmatch(r"(.+) \((\d+)\)", text.get_text())
        if found:
            counts[found[1]] = int(found[2])
    return counts


def marker_colours(ax) -> dict[str, tuple]:
    return {
        c.get_gid().split(":")[1]: tuple(c.get_facecolors()[0])
        for c in ax.collections
        if (c.get_gid() or "").startswith("microstate:")
    }


def fills_point(path: MplPath, xy: tuple[float, float]) -> bool:
    """Whether a filled path covers ``xy``, holes left empty (even-odd over its rings).

    ``Path.contains_point`` alone tests each ring as if filled, holes included.
    """
    return sum(MplPath(ring).contains_point(xy) for ring in path.to_polygons()) % 2 == 1


def drawn_fill(ax, point: shapely.Point) -> list[tuple[tuple, str | None]]:
    """(facecolour, hatch) of every Party shape drawn that covers ``point``."""
    found = []
    for collection in ax.collections:
        if not (
            isinstance(collection, PatchCollection)
            and (collection.get_gid() or "").startswith("parties")
        ):
            continue
        colours = collection.get_facecolors()
        for index, path in enumerate(collection.get_paths()):
            if fills_point(path, (point.x, point.y)):
                colour = colours[index if len(colours) > 1 else 0]
                found.append((tuple(colour), collection.get_hatch()))
    return found


# Colours and categories -----------------------------------------------------------------


def test_every_party_has_a_shape_of_its_category_colour(gaps: pd.DataFrame) -> None:
    ax = plot_gap_map()
    basemap = load_basemap()
    for iso3, gap in gaps["gap"].astype(str).items():
        point = basemap.loc[iso3, "geometry"].representative_point()
        # One shape only: San Marino must not also fall in Italy (a hole in Italy's shape).
        assert drawn_fill(ax, point) == [gap_fill(gap)], iso3


def test_non_parties_are_not_drawn_as_parties(gaps: pd.DataFrame) -> None:
    ax = plot_gap_map()
    basemap = load_basemap()
    for iso3 in ["XKX", "BLR", "GGY", "FRO"]:
        assert not basemap.loc[iso3, "is_party"]
        assert drawn_fill(ax, basemap.loc[iso3, "geometry"].representative_point()) == []


def test_microstates_are_markers_of_their_category_colour(gaps: pd.DataFrame) -> None:
    ax = plot_gap_map()
    basemap = load_basemap()
    small = set(basemap.index[basemap["is_party"] & (basemap.area < MICROSTATE_MAX_AREA_KM2 * 1e6)])
    colours = marker_colours(ax)
    assert small >= MICROSTATES
    assert set(colours) == small
    for iso3, colour in colours.items():
        assert colour == gap_fill(gaps.loc[iso3, "gap"])[0], iso3


def test_an_unconfirmed_microstate_is_hatched(gaps: pd.DataFrame) -> None:
    edited = gaps.copy()
    edited.loc["MLT", "gap"] = "unconfirmed"
    marker = next(c for c in plot_gap_map(edited).collections if c.get_gid() == "microstate:MLT")
    colour, hatch = gap_fill("unconfirmed")
    assert hatch and marker.get_hatch() == hatch
    assert tuple(marker.get_facecolors()[0]) == colour


def test_microstate_labels_are_names_in_the_language(gaps: pd.DataFrame) -> None:
    for lang in ("en", "fr"):
        ax = plot_gap_map(lang=lang)
        labels = {
            t.get_gid().split(":")[1]: t.get_text()
            for t in ax.texts
            if (t.get_gid() or "").startswith("microstate-label:")
        }
        assert labels == gaps.loc[sorted(labels), f"name_{lang}"].to_dict()
        assert set(labels) >= MICROSTATES


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "plot", [plot_gap_map, lambda **kw: plot_recommendation_map("VII-2", **kw)]
)
def test_labels_overlap_nothing(plot, lang: str) -> None:
    ax = plot(lang=lang)
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("microstate-label:")]
    markers = [c for c in ax.collections if (c.get_gid() or "").startswith("microstate:")]
    boxes = [t.get_window_extent(renderer) for t in labels]
    radius = np.sqrt(markers[0].get_sizes()[0]) / 2 * fig.dpi / 72
    marker_boxes = [
        Bbox.from_bounds(
            *(ax.transData.transform(m.get_offsets()[0]) - radius), 2 * radius, 2 * radius
        )
        for m in markers
    ]
    for i, box in enumerate(boxes):
        name = labels[i].get_text()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, name
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, name
        assert not box.overlaps(legend), name
        assert not any(box.overlaps(other) for other in boxes[i + 1 :]), name
        assert not any(box.overlaps(marker) for marker in marker_boxes), name


def test_legend_covers_no_party() -> None:
    basemap = load_basemap()
    parties = basemap[basemap["is_party"]].geometry.clip_by_rect(*MAP_EXTENT)
    for ax in (plot_gap_map(lang="fr"), plot_recommendation_map("VII-1", lang="fr")):
        ax.figure.draw_without_rendering()
        box = ax.get_legend().get_window_extent().transformed(ax.transData.inverted())
        covered = parties[parties.intersects(shapely.box(box.x0, box.y0, box.x1, box.y1))]
        assert list(covered.index) == []


# Legend and texts -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_legend_counts_equal_the_data(gaps: pd.DataFrame, lang: str) -> None:
    counts = gaps["gap"].value_counts()
    labels = get_gap_labels(lang)
    expected = {labels[c]: int(n) for c, n in counts.items() if n > 0}
    assert legend_counts(plot_gap_map(lang=lang)) == expected


def test_legend_counts_follow_the_data_given(gaps: pd.DataFrame) -> None:
    edited = gaps.copy()
    edited.loc["ALB", "gap"] = "involvement_only"
    counts = legend_counts(plot_gap_map(edited))
    labels = get_gap_labels("en")
    assert counts[labels["both"]] == (gaps["gap"] == "both").sum() - 1
    assert counts[labels["involvement_only"]] == 1


@pytest.mark.parametrize("rec_id", ["VII-1", "VII-2"])
def test_recommendation_map_colours_and_counts(rec_id: str) -> None:
    named = set(load_addressees().reset_index().query("rec_id == @rec_id")["iso3"])
    coverage = load_parties()["round2_coverage"].astype(str)
    level = load_recommendations().loc[rec_id, "level"]
    ax = plot_recommendation_map(rec_id)
    basemap = load_basemap()
    for iso3 in named:
        point = basemap.loc[iso3, "geometry"].representative_point()
        assert drawn_fill(ax, point) == [(to_rgba(get_swatch(f"level.{level}").colour), None)], iso3
    not_named = to_rgba(get_swatch("rec.not_named").colour)
    for iso3 in sorted(set(coverage.index[coverage.eq("covered")]) - named):
        point = basemap.loc[iso3, "geometry"].representative_point()
        assert drawn_fill(ax, point) == [(not_named, None)], iso3
    counts = sorted(legend_counts(ax).values())
    expected = sorted(
        [
            len(named),
            int(coverage.eq("covered").sum()) - len(named),
            int(coverage.eq("unconfirmed").sum()),
            int(coverage.eq("not_covered").sum()),
        ]
    )
    assert counts == expected
    assert legend_counts(ax).get("Party named") == len(named)


def test_every_map_has_title_subtitle_and_source() -> None:
    for ax in (plot_gap_map(), plot_recommendation_map("VII-1")):
        texts = all_texts(ax)
        assert ax.get_title(loc="left")
        assert any(
            t.startswith("Source: Lanzarote Committee, chapter VII factsheet") for t in texts
        )
        assert any("(report adopted in March 2022)" in t for t in texts)
        assert any("Natural Earth" in t for t in texts)


@pytest.mark.parametrize(
    "plot",
    [
        plot_gap_map,
        lambda **kw: plot_recommendation_map("VII-1", **kw),
        lambda **kw: plot_recommendation_map("VII-2", **kw),
    ],
)
def test_french_maps_have_no_english_left(plot) -> None:
    texts = all_texts(plot(lang="fr"))
    assert any(t.startswith("Source\u202f: Comité de Lanzarote") for t in texts)
    leftovers = [(word, text) for text in texts for word in ENGLISH_WORDS if word in text]
    assert leftovers == []


def test_kosovo_is_not_labelled() -> None:
    # So no map needs the note on Kosovo* (see the maps module docstring).
    for ax in (plot_gap_map(), plot_recommendation_map("VII-1")):
        assert not any("Kosovo" in t for t in all_texts(ax))


# Plotting contract --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plot", [plot_gap_map, lambda **kw: plot_recommendation_map("VII-1", **kw)]
)
def test_given_axes_are_used_and_no_figure_is_created(plot) -> None:
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert plot(ax=ax) is ax
    assert plt.get_fignums() == before
    assert len(fig.axes) == 1


def test_default_figure_is_as_wide_as_the_report_and_the_map_fills_it() -> None:
    ax = plot_gap_map()
    fig = ax.figure
    fig.draw_without_rendering()
    assert fig.get_size_inches()[0] == pytest.approx(7.0)
    # No white band beside or above the map: it spans the figure's width ...
    box = ax.get_window_extent()
    assert box.width / fig.bbox.width > 0.98
    # ... at the scale of its extent (no stretching).
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert box.width / box.height == pytest.approx((x1 - x0) / (y1 - y0), rel=1e-6)


@pytest.mark.parametrize("rec_id", ["VII-9", "VIII-1", "", "financing"])
def test_unknown_recommendation_is_refused(rec_id: str) -> None:
    with pytest.raises(ValueError, match="VII-1, VII-2"):
        plot_recommendation_map(rec_id)


def test_unknown_gap_category_is_refused(gaps: pd.DataFrame) -> None:
    edited = gaps.assign(gap=gaps["gap"].astype(str).replace({"both": "severe"}))
    with pytest.raises(ValueError, match="severe"):
        plot_gap_map(edited)


def test_recommendation_to_all_parties_is_refused() -> None:
    with pytest.raises(ValueError, match="all Parties"):
        plot_recommendation_map("VII-3")


def test_recommendation_id_is_forgiving() -> None:
    ax = plot_recommendation_map(" vii 2 ")
    assert "VII-2" in ax.get_title(loc="left")


@pytest.mark.parametrize(
    "plot", [plot_gap_map, lambda **kw: plot_recommendation_map("VII-1", **kw)]
)
def test_unknown_language_is_refused(plot) -> None:
    with pytest.raises(ValueError, match="Unknown language 'de'"):
        plot(lang="de")
    assert plt.get_fignums() == []


def test_party_missing_from_basemap_is_refused(data_copy: Path) -> None:
    import geopandas as gpd

    path = data_copy / BASEMAP_RELATIVE_PATH
    frame = gpd.read_file(path, layer=BASEMAP_LAYER)
    frame[frame["iso3"] != "LIE"].to_file(path, layer=BASEMAP_LAYER, driver="GPKG")
    for plot in (plot_gap_map, lambda **kw: plot_recommendation_map("VII-1", **kw)):
        with pytest.raises(DataValidationError) as caught:
            plot(data_dir=data_copy)
        assert [(p.file, p.value) for p in caught.value.problems] == [
            (BASEMAP_RELATIVE_PATH.as_posix(), "LIE")
        ]


def test_the_layout_settles_in_a_few_passes(monkeypatch) -> None:
    # Once settled, layout passes move the Axes only in the last bit of a float: that
    # must end the settling, not the cap of 20 layouts (each a measure of every text).
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    passes = []
    execute = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(
        ConstrainedLayoutEngine, "execute", lambda self, fig: passes.append(1) or execute(self, fig)
    )
    plot_gap_map()
    assert 2 <= len(passes) <= 5


def test_drawing_is_deterministic() -> None:
    images = []
    for _ in range(2):
        fig = plot_gap_map(lang="fr").figure
        fig.canvas.draw()
        images.append(np.asarray(fig.canvas.buffer_rgba()).copy())
        plt.close(fig)
    assert np.array_equal(*images)


# Image regression ---------------------------------------------------------------------------


@pytest.mark.mpl_image_compare
def test_maps_gap_en():
    return plot_gap_map(lang="en").figure


@pytest.mark.mpl_image_compare
def test_maps_gap_fr():
    return plot_gap_map(lang="fr").figure


@pytest.mark.mpl_image_compare
def test_maps_recommendation_vii1_en():
    return plot_recommendation_map("VII-1", lang="en").figure
