"""``lanzarote-analysis report``: one self-contained HTML file per language.

What the files hold is read from them and checked against the data, the profiles and
the data files themselves; how they behave in a browser with no network is tested in
tests/test_report_browser.py. The two runs of the ``html_reports`` fixture
(tests/conftest.py) are separate processes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from page_text import read_segments
from test_french import typography_problems

import lanzarote_analysis as la
from lanzarote_analysis.cli import main
from lanzarote_analysis.io.data_package import load_data_package
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, PROJECT_DIR
from lanzarote_analysis.output.registry import REPORT_FIGURES

pytestmark = pytest.mark.slow

LANGS = ("en", "fr")
#: The limit the issue sets, per language.
MAX_BYTES = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def pages(html_reports) -> dict[str, str]:
    first, _ = html_reports
    return {lang: path.read_text(encoding="utf-8") for lang, path in first.items()}


def run_report(capsys, *args: str) -> tuple[int, str]:
    """Run the command in this process: (exit status, standard error)."""
    status = main(["report", *args])
    return status, capsys.readouterr().err


# The files -------------------------------------------------------------------------------


def test_two_runs_give_the_same_bytes(html_reports):
    first, second = html_reports
    for lang in LANGS:
        assert first[lang].read_bytes() == second[lang].read_bytes(), lang
    assert sorted(p.name for p in first["en"].parent.iterdir()) == [
        "report.en.html",
        "report.fr.html",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_file_is_one_page_under_5_mb(html_reports, pages, lang):
    first, _ = html_reports
    assert first[lang].stat().st_size < MAX_BYTES
    page = pages[lang]
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    assert page.rstrip().endswith("</html>")


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_has_one_section_and_one_row(pages, lang):
    page = pages[lang]
    parties = la.load_parties()
    sections = Counter(re.findall(r'<section class="lz-party" id="party-([A-Z]{3})"', page))
    rows = Counter(re.findall(r'<tr id="row-([A-Z]{3})"><th scope="row"><a href="#party-\1"', page))
    assert sections == rows == Counter(parties.index)
    # In the page's language, alphabetical: the table's order is the sections' order.
    names = parties[f"name_{lang}"]
    assert list(rows) == list(sections)
    assert [names[iso3] for iso3 in sections][:3] == {
        "en": ["Albania", "Andorra", "Armenia"],
        "fr": ["Albanie", "Allemagne", "Andorre"],
    }[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_each_section_says_what_the_profile_says(pages, lang):
    statuses = la.get_labels("profile.status", lang)
    page = pages[lang]
    for iso3 in la.load_parties().index:
        profile = la.compute_party_profile(iso3)
        start = page.index(f'id="party-{iso3}"')
        section = html.unescape(page[start : page.index("</section>", start)])
        assert f"{profile.get_name(lang)} ({iso3})" in section
        for rec_id, row in profile.recommendations.iterrows():
            cells = re.search(rf'<th scope="row">{rec_id}</th>(.*?)</tr>', section).group(1)
            assert statuses[row["status"]] in cells and row[f"summary_{lang}"] in cells
        for summary in profile.practices[f"summary_{lang}"]:
            assert summary in section
        assert la.get_label(f"coverage.{profile.coverage}", lang) in section


def test_the_table_says_in_words_what_each_view_shows(pages):
    page = html.unescape(pages["en"])
    gaps = la.compute_civil_society_gaps()
    labels = la.get_gap_labels("en")
    for iso3 in ("ALB", "MLT", "NOR", "TUN", "AUT"):
        row = re.search(rf'<tr id="row-{iso3}">(.*?)</tr>', page).group(1)
        assert labels[gaps.loc[iso3, "gap"]] in row
        statuses = re.findall(r"<td>([^<]*)</td>", row)[1:8]
        profile = la.compute_party_profile(iso3)
        expected = [la.get_label(f"profile.status.{s}") for s in profile.recommendations.status]
        assert statuses == expected, iso3
    # The map says where its text alternative is.
    assert 'href="#lz-table"' in page[page.index('id="lz-map"') :]


@pytest.mark.parametrize("lang", LANGS)
def test_the_headline_figures_say_only_what_the_factsheet_states(pages, lang):
    page = html.unescape(pages[lang])
    headline = page[
        page.index('id="lz-headline"') : page.index("</section>", page.index('id="lz-headline"'))
    ]
    of = {"en": "of", "fr": "sur"}[lang]
    for _, row in la.load_indicators().iterrows():
        assert row[f"description_{lang}"] in headline
        value = int(row["value"])
        is_stated = pd.notna(row["is_denominator_stated"]) and bool(row["is_denominator_stated"])
        if is_stated:
            assert f"<strong>{value} {of} {int(row['denominator'])}</strong>" in headline
        elif pd.notna(row["denominator"]):  # given by us, not stated by the factsheet
            assert f"<strong>{value}*</strong>" in headline
            assert f"{value} {of}" not in headline
        else:
            assert f"<strong>{value}</strong>" in headline


@pytest.mark.parametrize("lang", LANGS)
def test_every_comparison_figure_is_inline_svg_and_the_static_map_is_for_print(pages, lang):
    page = pages[lang]
    figures = re.findall(r'<figure id="figure-([^"]+)"[^>]*><svg id="(lz-fig\d+)" role="img"', page)
    assert len(figures) == sum(not spec.is_map for spec in REPORT_FIGURES) + 1
    printed = page[page.index('<div class="lz-print-only">') :]
    assert printed.startswith('<div class="lz-print-only"><figure id="figure-gap_map">')
    assert "@media print" in page and ".lz-interactive { display: none" in page
    # One id space for the whole page: no figure borrows another's glyphs or clips.
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []


def test_the_data_are_downloadable_as_they_are_and_checked(pages):
    page = pages["fr"]
    package = load_data_package()
    names = ["datapackage.json"] + [r["path"] for r in package.descriptor["resources"]]
    names.append("sources/factsheet-chapter-VII.txt")
    for name in names:
        original = (BUNDLED_DATA_DIR / name).read_bytes()
        match = re.search(
            rf'<a href="data:[^;]+(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)" '
            rf'download="{re.escape(Path(name).name)}">{re.escape(name)}</a></th>'
            rf"<td>(\d+)</td><td><span class=\"lz-locator\">([0-9a-f]{{64}})</span>",
            page,
        )
        assert match, name
        assert base64.b64decode(match.group(1)) == original
        assert int(match.group(2)) == len(original)
        assert match.group(3) == hashlib.sha256(original).hexdigest()
    # The table of States and the citation, too; the digest and version in the colophon.
    assert 'download="gaps.fr.csv"' in page
    citation = (PROJECT_DIR / "CITATION.cff").read_bytes()
    assert base64.b64encode(citation).decode() in page
    assert package.digest in page and f"lanzarote-analysis {la.__version__}" in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_spreadsheet_is_the_one_export_writes(pages, lang, tmp_path):
    written = tmp_path / "tables.xlsx"
    assert main(["export", "--format", "xlsx", "--lang", lang, "--out", str(written)]) == 0
    name = f"lanzarote-analysis-tables.{lang}.xlsx"
    match = re.search(
        r'<a href="data:application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet;'
        rf'base64,([A-Za-z0-9+/=]+)" download="{re.escape(name)}">',
        pages[lang],
    )
    assert match, name
    assert base64.b64decode(match.group(1)) == written.read_bytes()


def test_the_french_report_follows_french_typography(pages):
    problems = [
        (segment, typography_problems(segment))
        for segment in read_segments(pages["fr"])
        if typography_problems(segment)
    ]
    assert not problems, problems[:5]


def test_the_report_loads_nothing_from_the_network(pages):
    for page in pages.values():
        start = page.index("/* BEGIN bokeh.min.js */")
        ours = page[:start] + page[page.index("/* END bokeh.min.js */") :]
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", ours)
        assert "<link" not in ours and "@import" not in ours


# Bad input: one line, exit 1, nothing written ----------------------------------------------


def test_an_unknown_language_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    status, stderr = run_report(capsys, "--lang", "en", "de", "--out", str(out))
    assert status == 1
    assert stderr == "error: Unknown language 'de'; expected one of: en, fr\n"
    assert not out.exists()


def test_an_unwritable_folder_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    status, stderr = run_report(capsys, "--lang", "en", "--out", str(blocker / "out"))
    assert status == 1
    assert stderr.startswith("error: Cannot create output directory")
    assert stderr.count("\n") == 1


def test_invalid_data_is_one_line_and_leaves_the_previous_report(tmp_path, data_copy, capsys):
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "report.en.html"
    previous.write_text("the previous report")
    parties = data_copy / "parties.csv"
    parties.write_text(parties.read_text(encoding="utf-8").replace("ALB,", "AL,", 1))
    status, stderr = run_report(
        capsys, "--lang", "en", "--out", str(out), "--data-dir", str(data_copy)
    )
    assert status == 1
    assert stderr.startswith(f"error: invalid data in {data_copy}: ")
    assert stderr.count("\n") == 1, stderr
    assert "lanzarote-analysis validate" in stderr
    assert previous.read_text() == "the previous report"
    assert sorted(p.name for p in out.iterdir()) == ["report.en.html"]


def test_the_command_is_listed_with_its_options(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "--lang LANG [LANG ...]" in out and "--out DIR" in out
    # The command line imports no plotting library to list its commands.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, lanzarote_analysis.cli as c; c.build_parser();"
            "print(sorted(m for m in ('bokeh', 'matplotlib') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.strip() == "[]"
