"""One meaning per colour: every figure draws its fills and hatches from ``palette.PALETTE``.

The checks inspect the artists of every report figure, in English and French, and of
the profile figure for a Party of each kind of coverage: every fill is a swatch of the
palette (or a structural colour: background, sea, outline, text), every hatch belongs
to the one hatched concept, and every legend entry names the concept its swatch stands
for. Expectations come from the palette and from ``labels.csv``, never from the plots.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgb, to_rgba
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from quick_loop import in_one_language_when_quick

from lanzarote_analysis import errors as la_errors
from lanzarote_analysis.i18n.labels import get_label
from lanzarote_analysis.io.paths import PROJECT_DIR
from lanzarote_analysis.output.figure_run import build_figure
from lanzarote_analysis.output.registry import REPORT_FIGURES
from lanzarote_analysis.plots import palette
from lanzarote_analysis.plots.party_profile import plot_party_profile
from lanzarote_analysis.vocabulary import GAP_CATEGORIES, LANGUAGES, LEVEL_VALUES

#: Smallest CIE76 colour difference between two swatches: in normal vision, and once
#: simulated for deuteranopia and protanopia (Machado et al. 2009, severity 1).
MIN_DELTA_E = 14.0
MIN_DELTA_E_CVD = 12.0
CVD_MATRICES = {
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
}
#: Concepts that say a covered Party is named by VII-1 or VII-2 (it has a gap).
NAMED_CONCEPTS = ("gap.both", "gap.involvement_only", "gap.financing_only")
#: A Party of each kind of coverage, for the profile figure.
PROFILE_PARTIES = ("MLT", "TUR", "NOR", "TUN")


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(colour: str, cvd: str | None = None) -> np.ndarray:
    """CIELAB coordinates of a colour (D65), optionally as seen with a deficiency."""
    linear = _linear(np.array(to_rgb(colour)))
    if cvd:
        linear = np.clip(CVD_MATRICES[cvd] @ linear, 0, 1)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ linear
        / np.array([0.95047, 1.0, 1.08883])
    )
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, cvd: str | None = None) -> float:
    return float(np.linalg.norm(lab(a, cvd) - lab(b, cvd)))


def hex_of(rgba) -> str:
    return to_hex(to_rgba(rgba)[:3]).upper()


#: (fill, hatch) → concept: the palette read backwards.
SWATCH_CONCEPT = {(s.colour.upper(), s.hatch): c for c, s in palette.PALETTE.items()}
STRUCTURAL = {colour.upper() for colour in palette.STRUCTURAL_COLOURS}


# The palette itself ---------------------------------------------------------------------


def test_every_swatch_is_its_own_colour_and_hatch():
    swatches = list(palette.PALETTE.values())
    assert len({(s.colour.upper(), s.hatch) for s in swatches}) == len(swatches)
    hatched = [s for s in swatches if s.hatch]
    # One hatch, one meaning: the unconfirmed coverage.
    assert [s.hatch for s in hatched] == [palette.get_swatch("coverage.unconfirmed").hatch]
    solid = [s.colour.upper() for s in swatches if not s.hatch]
    assert len(set(solid)) == len(solid)
    assert not set(solid) & STRUCTURAL, "a data colour is also a structural one"


@pytest.mark.parametrize("cvd", [None, *CVD_MATRICES])
def test_swatches_stay_apart_for_every_reader(cvd):
    solid = {c: s.colour for c, s in palette.PALETTE.items() if not s.hatch}
    threshold = MIN_DELTA_E if cvd is None else MIN_DELTA_E_CVD
    close = [
        (a, b, round(delta_e(x, y, cvd), 1))
        for (a, x), (b, y) in itertools.combinations(solid.items(), 2)
        if delta_e(x, y, cvd) < threshold
    ]
    assert not close, close


def test_a_named_party_never_takes_the_colour_of_a_party_named_by_neither():
    none = palette.get_swatch("gap.none").colour
    named = [palette.get_swatch(c).colour for c in NAMED_CONCEPTS]
    # The level colours of VII-1 and VII-2 also mark named Parties (maps, matrix).
    named += [palette.get_swatch(f"level.{lv}").colour for lv in ("require", "request")]
    for colour in named:
        assert delta_e(colour, none) >= MIN_DELTA_E
        for cvd in CVD_MATRICES:
            assert delta_e(colour, none, cvd) >= MIN_DELTA_E_CVD


def test_every_gap_category_and_legend_label_is_in_the_palette():
    for category in GAP_CATEGORIES:
        assert palette.get_swatch(palette.get_gap_concept(category))
    for concept, swatch in palette.PALETTE.items():
        for key in swatch.labels:
            for lang in LANGUAGES:
                assert get_label(key, lang), (concept, key)


def test_no_colour_is_written_outside_the_palette_module():
    colour = re.compile(r"#[0-9A-Fa-f]{6}\b|[\"'](white|black|gr[ae]y|red|blue|green)[\"']")
    package = PROJECT_DIR / "lanzarote_analysis"
    offenders = [
        f"{path.relative_to(PROJECT_DIR)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "palette.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if colour.search(line)
    ]
    assert not offenders, offenders
    # The check finds a colour where there is one.
    assert colour.search(Path(palette.__file__).read_text("utf-8"))


# Every figure ----------------------------------------------------------------------------


def report_figures() -> list:
    """Every report figure in each language (in the quick loop, in one of them)."""
    cases = [(spec, lang) for spec in REPORT_FIGURES for lang in LANGUAGES]
    return in_one_language_when_quick(
        cases,
        group=lambda case: case[0].name,
        lang=lambda case: case[1],
        ids=[f"{spec.name}.{lang}" for spec, lang in cases],
    )


def fills(artist) -> list[tuple[str, str | None]]:
    """(fill, hatch) of an artist; empty for invisible or fully transparent fills."""
    if not artist.get_visible():
        return []
    hatch = artist.get_hatch() if hasattr(artist, "get_hatch") else None
    if isinstance(artist, Patch):
        colours = [artist.get_facecolor()] if artist.get_fill() else []
    elif isinstance(artist, Collection):
        colours = list(artist.get_facecolors())
    elif isinstance(artist, Line2D):
        # Tick marks are unfilled markers: only filled markers carry a fill.
        filled = MarkerStyle(artist.get_marker()).is_filled() and artist.get_marker() != "None"
        colours = [artist.get_markerfacecolor()] if filled else []
    else:
        colours = []
    return [(hex_of(c), hatch or None) for c in colours if to_rgba(c)[3] > 0]


def figure_fills(figure) -> set[tuple[str, str | None]]:
    figure.draw_without_rendering()  # meshes map their values to colours when drawn
    found = set()
    for artist in figure.findobj(lambda a: isinstance(a, (Patch, Collection, Line2D))):
        found.update(fills(artist))
    return found


def legend_entries(figure) -> list[tuple[str, tuple[str, str | None]]]:
    """(label without its count, fill) of every legend entry of the figure."""
    entries = []
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            [fill] = fills(handle)
            entries.append((re.sub(r" \(\d+\)$", "", text.get_text()), fill))
    return entries


def check_figure(figure, lang: str) -> None:
    drawn = figure_fills(figure)
    # Every fill is a swatch of the palette or a structural colour, never anything else.
    strays = {
        fill
        for fill in drawn
        if fill not in SWATCH_CONCEPT and (fill[1] or fill[0] not in STRUCTURAL)
    }
    assert not strays, strays
    # Every legend entry names the concept of its swatch.
    entries = legend_entries(figure)
    for label, fill in entries:
        assert fill in SWATCH_CONCEPT, (label, fill)
        concept = SWATCH_CONCEPT[fill]
        allowed = {get_label(key, lang) for key in palette.PALETTE[concept].labels}
        assert label in allowed, (label, concept, allowed)
    # A figure with a legend explains every concept it draws.
    if entries:
        explained = {fill for _, fill in entries}
        unexplained = {SWATCH_CONCEPT[f] for f in drawn if f in SWATCH_CONCEPT} - {
            SWATCH_CONCEPT[f] for f in explained
        }
        assert not unexplained, unexplained


@pytest.mark.parametrize(("spec", "lang"), report_figures())
def test_report_figure_uses_the_palette_with_one_meaning(spec, lang):
    figure = build_figure(spec, lang=lang)
    try:
        check_figure(figure, lang)
    finally:
        plt.close(figure)


@pytest.mark.parametrize(
    ("party", "lang"),
    in_one_language_when_quick(
        [(party, lang) for party in PROFILE_PARTIES for lang in LANGUAGES],
        group=lambda case: case[0],
        lang=lambda case: case[1],
    ),
)
def test_profile_figure_uses_the_palette_with_one_meaning(party, lang):
    ax = plot_party_profile(party, lang=lang)
    try:
        check_figure(ax.figure, lang)
    finally:
        plt.close(ax.figure)


def test_the_overlap_regions_take_the_colours_of_their_categories():
    spec = next(s for s in REPORT_FIGURES if s.name == "gap_overlap")
    figure = build_figure(spec, lang="en")
    try:
        concepts = {SWATCH_CONCEPT[f] for f in figure_fills(figure) if f in SWATCH_CONCEPT}
        # Parties named by both (inside the VII-1 circle) and by VII-2 only.
        assert concepts == {"gap.both", "gap.financing_only"}
    finally:
        plt.close(figure)


def test_the_check_finds_a_colour_with_two_meanings():
    """A figure that labels a palette colour as another concept fails the check."""
    fig, ax = plt.subplots()
    try:
        none = palette.get_swatch("gap.none")
        ax.bar([0], [1], color=none.colour, label=get_label("level.invite", "en"))
        ax.legend()
        with pytest.raises(AssertionError):
            check_figure(fig, "en")
        ax.get_legend().remove()
        ax.bar([1], [1], color="#123456")
        with pytest.raises(AssertionError):
            check_figure(fig, "en")
    finally:
        plt.close(fig)


def test_get_colours_gives_notebook_plots_the_report_colours():
    get_colours, get_swatch = palette.get_colours, palette.get_swatch
    levels = get_colours("level")
    assert set(levels) == set(LEVEL_VALUES)
    assert all(levels[v] == get_swatch(f"level.{v}").colour for v in LEVEL_VALUES)
    # Every gap category has its colour, the two coverage categories as drawn on maps.
    gaps = get_colours("gap")
    assert list(gaps) == list(GAP_CATEGORIES)
    assert gaps["not_covered"] == get_swatch("coverage.not_covered").colour
    assert gaps["both"] != gaps["none"]
    with pytest.raises(la_errors.UnknownChoiceError, match="expected one of: coverage, gap"):
        get_colours("levels")
