"""The interactive map's data and page: what each State's tooltip and section say.

Expectations come from the data and the profiles (``compute_party_profile``), and from
the static maps for the legends, never from the code under test. The page in a real
browser is tested in tests/test_report_browser.py (file) and tests/test_browser.py
(JupyterLab).
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from page_text import read_segments, strip_tags
from test_french import typography_problems

import lanzarote_analysis as la
from lanzarote_analysis.interactive import bokeh_map, page, web_colours
from lanzarote_analysis.interactive.map_records import (
    GAP_VIEW,
    compute_map_records,
    compute_party_profiles,
    format_tooltip,
)
from lanzarote_analysis.interactive.map_views import compute_map_views
from lanzarote_analysis.plots.palette import (
    PALETTE,
    STRUCTURAL_COLOURS,
    get_gap_concept,
    get_swatch,
)

LANGS = ("en", "fr")
MICROSTATES = {"AND", "LUX", "MCO", "LIE", "SMR", "MLT"}


@pytest.fixture(scope="module")
def profiles():
    return compute_party_profiles()


@pytest.fixture(scope="module")
def records(profiles):
    return {lang: compute_map_records(profiles, lang=lang) for lang in LANGS}


@pytest.fixture(scope="module")
def views(profiles):
    return {lang: compute_map_views(profiles, lang=lang) for lang in LANGS}


@pytest.fixture(scope="module")
def explorers():
    return {lang: la.explore_gap_map(lang=lang) for lang in LANGS}


def parties_source(page_html: str) -> dict:
    """The Parties' data source as the page's bokeh document holds it."""
    script = page_html[page_html.rindex("const docs_json = '") :]
    text = script[len("const docs_json = '") : script.index("';\n")]
    documents = json.loads(text.replace("\\'", "'").replace("\\\\", "\\"))
    (document,) = documents.values()

    def find(node):
        if isinstance(node, dict):
            if node.get("name") == "ColumnDataSource" and (
                node.get("attributes", {}).get("name") == bokeh_map.PARTIES_SOURCE
            ):
                return node
            for value in node.values():
                found = find(value)
                if found:
                    return found
        elif isinstance(node, list):
            for value in node:
                found = find(value)
                if found:
                    return found
        return None

    source = find(document)
    return dict(source["attributes"]["data"]["entries"])


def decode_array(value: dict) -> np.ndarray:
    """A numeric column as bokeh serialises it (base64 of the bytes, gzipped or not)."""
    raw = base64.b64decode(value["array"]["data"])
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return np.frombuffer(raw, dtype=value["dtype"])


def without_bokeh_library(page_html: str) -> str:
    """The page without bokeh's JavaScript library (what this package writes)."""
    start = page_html.index("/* BEGIN bokeh.min.js */")
    end = page_html.index("/* END bokeh.min.js */")
    assert start < end
    return page_html[:start] + page_html[end:]


# The data behind the tooltips ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_is_on_the_map_once(records, explorers, lang):
    parties = la.load_parties()
    assert list(records[lang].index) == list(parties.index)
    data = parties_source(explorers[lang].html)
    assert sorted(data["iso3"]) == sorted(parties.index)
    assert len(set(data["iso3"])) == len(data["iso3"])
    # Micro-states, and only they, have a marker: a point to hover and click.
    marker_x = decode_array(data["marker_x"])
    assert {iso3 for iso3, x in zip(data["iso3"], marker_x, strict=True) if x == x} == MICROSTATES


@pytest.mark.parametrize("lang", LANGS)
def test_tooltips_say_what_the_profile_says(records, profiles, lang):
    levels = la.get_labels("level", lang)
    statuses = la.get_labels("profile.status", lang)
    for iso3, record in records[lang].iterrows():
        profile = profiles[iso3]
        assert record["name"] == profile.get_name(lang)
        assert record["coverage"] == profile.coverage
        assert record["gap"] == str(profile.gap["gap"].iloc[0])
        # What VII-1 and VII-2 asked: the level and summary when addressed, else the status.
        assert list(record["asked"]) == ["VII-1", "VII-2"]
        for rec_id, text in record["asked"].items():
            row = profile.recommendations.loc[rec_id]
            if row["status"] == "addressed":
                assert text.startswith(levels[row["level"]])
                assert text.endswith(row[f"summary_{lang}"])
            else:
                assert text == statuses[row["status"]]
        # Every practice, in the profile's words.
        assert len(record["practices"]) == len(profile.practices)
        for summary, text in zip(
            profile.practices[f"summary_{lang}"], record["practices"], strict=True
        ):
            assert text.endswith(summary)


def test_unassessed_states_say_so_in_their_tooltips(records):
    coverage = la.load_parties()["round2_coverage"]
    for lang in LANGS:
        for iso3, record in records[lang].iterrows():
            text = strip_tags(format_tooltip(record, lang=lang))
            status = coverage[iso3]
            assert record["name"] in text
            if status == "covered":
                assert la.get_label("coverage.covered", lang) in text
                assert la.get_gap_labels(lang)[record["gap"]] in text
            else:
                # "Coverage unconfirmed" / "not covered", and nothing asked of it known.
                assert la.get_label(f"coverage.{status}", lang) in text, (iso3, text)
                key = "not_known" if status == "unconfirmed" else "not_covered"
                assert text.count(la.get_label(f"profile.status.{key}", lang)) == 2
    assert {"NOR", "GBR"} == set(coverage.index[coverage.eq("unconfirmed")])


def test_tooltips_escape_what_the_data_say(data_copy):
    path = data_copy / "parties.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Malta,", ",Malta <b>&</b>,", 1), encoding="utf-8")
    records = compute_map_records(data_dir=data_copy)
    tooltip = format_tooltip(records.loc["MLT"])
    assert "Malta &lt;b&gt;&amp;&lt;/b&gt;" in tooltip and "<b>&" not in tooltip


def test_french_tooltips_follow_french_typography(records, views):
    problems = {}
    for iso3, record in records["fr"].iterrows():
        for line in strip_tags(format_tooltip(record, lang="fr")).splitlines():
            if typography_problems(line):
                problems[iso3] = typography_problems(line)
    for view in views["fr"].values():
        for text in [view.option, view.title, view.subtitle, view.source]:
            text_problems = typography_problems(text)
            if text_problems:
                problems[view.view_id] = text_problems
        for iso3, text in view.status.items():
            if typography_problems(text):
                problems[f"{view.view_id} {iso3}"] = typography_problems(text)
    assert not problems, problems


# Views: the colours and legends of the static maps ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_gap_view_has_the_static_maps_palette_and_legend(views, lang):
    gaps = la.compute_civil_society_gaps()
    view = views[lang][GAP_VIEW]
    for iso3, gap in gaps["gap"].items():
        assert view.concepts[iso3] == get_gap_concept(gap)
    ax = la.plot_gap_map(lang=lang)
    static = [text.get_text() for text in ax.get_legend().get_texts()]
    plt.close(ax.figure)
    # The static legend ends with the non-Parties, which the page's legend adds too.
    assert [entry.label for entry in view.legend] == static[:-1]
    assert static[-1] == la.get_label("map.non_party", lang)


@pytest.mark.parametrize("rec_id", ["VII-1", "VII-2"])
def test_a_listed_recommendations_view_is_its_static_map(views, rec_id):
    addressees = la.load_addressees().reset_index()
    named = set(addressees.loc[addressees["rec_id"].eq(rec_id), "iso3"])
    level = la.load_recommendations().loc[rec_id, "level"]
    view = views["en"][rec_id]
    coloured = {iso3 for iso3, c in view.concepts.items() if c == f"level.{level}"}
    assert coloured == named
    assert len(named) == {"VII-1": 8, "VII-2": 17}[rec_id]
    ax = la.plot_recommendation_map(rec_id)
    static = [text.get_text() for text in ax.get_legend().get_texts()]
    plt.close(ax.figure)
    assert [entry.label for entry in view.legend] == static[:-1]


def test_a_recommendation_to_all_parties_colours_every_covered_party(views):
    coverage = la.load_parties()["round2_coverage"]
    for rec_id in ("VII-3", "VII-4", "VII-5", "VII-6", "VII-7"):
        view = views["en"][rec_id]
        for iso3, status in coverage.items():
            expected = {
                "covered": "level.invite",
                "unconfirmed": "coverage.unconfirmed",
                "not_covered": "coverage.not_covered",
            }[status]
            assert view.concepts[iso3] == expected, (rec_id, iso3)
        # The tooltip says what the view shows of this recommendation.
        assert view.status["MLT"] == f"{rec_id}: Addressed"
    assert views["en"]["VII-1"].status["MLT"] == ""  # already in every tooltip


def test_every_colour_of_the_page_is_of_the_palette(explorers):
    allowed = {s.colour.upper() for s in PALETTE.values()}
    allowed |= {s.edge.upper() for s in PALETTE.values() if s.edge}
    allowed |= {c.upper() for c in STRUCTURAL_COLOURS}
    for explorer in explorers.values():
        ours = without_bokeh_library(explorer.html)
        found = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", ours)}
        assert found and found <= allowed, found - allowed
    # A hatched State is drawn with the palette's hatch, edged in its swatch's edge.
    unconfirmed = get_swatch("coverage.unconfirmed")
    data = parties_source(explorers["en"].html)
    norway = data["iso3"].index("NOR")
    assert data["hatch"][norway] == web_colours.get_web_hatch(unconfirmed.hatch) == "/"
    assert data["line"][norway] == unconfirmed.edge


# The page ----------------------------------------------------------------------------------


def test_the_page_is_the_same_bytes_whatever_was_drawn_before(explorers):
    from bokeh.models import Range1d

    Range1d(), Range1d()  # models made in between advance bokeh's process-wide counter
    again = la.explore_gap_map(lang="en")
    assert again.html == explorers["en"].html
    # No random UUID, no process-wide counter left.
    uuids = re.findall(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", again.html
    )
    assert all(u.startswith("a0000000-0000-4000-8000-") for u in uuids), uuids[:3]


def test_the_page_loads_nothing_from_the_network(explorers):
    for explorer in explorers.values():
        # Bokeh's library can fetch MathJax for TeX, which no text here holds: the
        # browser tests record every request the page makes.
        ours = without_bokeh_library(explorer.html)
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", ours)
        assert not re.search(r"@import|url\(\s*['\"]?https?:", ours)
        assert "<link" not in ours
        assert "$$" not in ours and "\\(" not in ours  # no TeX for bokeh to typeset


def test_the_notebook_shows_the_page_in_a_frame(explorers):
    explorer = explorers["fr"]
    shown = explorer._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == explorer.html
    assert "at 0x" not in repr(explorer)  # nothing that changes between runs in a notebook


def test_every_state_has_one_hidden_section_in_the_explorer(explorers, profiles):
    text = explorers["en"].html
    for iso3 in profiles:
        assert text.count(f'id="{page.section_id(iso3)}"') == 1
        assert f'<option value="{iso3}">' in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_section_says_what_the_profile_says(profiles, lang):
    statuses = la.get_labels("profile.status", lang)
    for iso3, profile in profiles.items():
        section = page.render_party_section(profile, lang=lang)
        text = html.unescape(section)
        assert f"{profile.get_name(lang)} ({iso3})" in text
        for rec_id, row in profile.recommendations.iterrows():
            assert re.search(
                rf"<th scope=\"row\">{rec_id}</th>.*?{re.escape(statuses[row['status']])}.*?"
                + re.escape(row[f"summary_{lang}"]),
                text,
            ), (iso3, rec_id)
        for summary in profile.practices[f"summary_{lang}"]:
            assert summary in text
        for locator in profile.recommendations["source"]:
            assert str(locator).replace("|", ", ") in text


def test_the_french_page_follows_french_typography(explorers):
    problems = [
        (segment, typography_problems(segment))
        for segment in read_segments(explorers["fr"].html)
        if typography_problems(segment)
    ]
    assert not problems, problems[:5]
    # The check reads the page: it finds a broken colon where there is one.
    broken = explorers["fr"].html.replace("Profil de", "Profil : de")
    assert any(typography_problems(s) for s in read_segments(broken))


def test_unknown_recommendation_or_language_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown recommendation 'VII-9'; expected one of: VII-1"):
        la.explore_recommendation_map("VII-9")
    with pytest.raises(ValueError, match="Unknown language 'de'"):
        la.explore_gap_map(lang="de")


def test_save_writes_the_page_whole(tmp_path, explorers):
    target = tmp_path / "map.html"
    assert explorers["en"].save(target) == target
    assert target.read_text(encoding="utf-8") == explorers["en"].html
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_notebook_02_runs_the_map_and_stores_no_output_of_it():
    import importlib.util

    import nbformat

    from lanzarote_analysis.io.paths import NOTEBOOKS_DIR, PROJECT_DIR

    notebook = nbformat.read(NOTEBOOKS_DIR / "02-civil-society-gap-map.ipynb", as_version=4)
    (cell,) = [
        c for c in notebook.cells if c.cell_type == "code" and "explore_gap_map(" in c.source
    ]
    assert {"remove-output", "nbval-ignore-output"} <= set(cell.metadata["tags"])
    assert cell.execution_count is not None and cell.outputs == []
    # make notebooks drops the output of a cell so tagged, and of no other.
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", PROJECT_DIR / "scripts" / "run_notebooks.py"
    )
    run_notebooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_notebooks)
    output = nbformat.v4.new_output("execute_result", {"text/plain": "x"}, execution_count=1)
    tagged, plain = (nbformat.v4.new_code_cell("1", outputs=[output]) for _ in range(2))
    tagged.metadata["tags"] = ["remove-output"]
    normalised = run_notebooks.normalise_notebook(nbformat.v4.new_notebook(cells=[tagged, plain]))
    assert [len(c.outputs) for c in normalised.cells] == [0, 1]
