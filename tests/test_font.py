"""The figures' font, LZ Sans: what the build script makes, complete for our texts, ours only.

LZ Sans is DejaVu Sans cut down to Latin-script text (``scripts/build_font.py``), so
that saving a PDF subsets a small font. A character missing from it falls back to
DejaVu Sans, which looks the same but costs the full subsetting again: these tests
fail when a label or a data value needs a character LZ Sans lacks.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from fontTools.ttLib import TTFont

from lanzarote_analysis.i18n.typography import format_ordinal, get_colon, quote_title
from lanzarote_analysis.io.paths import (
    BUNDLED_DATA_DIR,
    FIGURES_DIR,
    FONT_DIR,
    LABELS_FILE,
    NON_PARTIES_FILE,
    PROJECT_DIR,
)
from lanzarote_analysis.plots.theme import FONT_FAMILY, FONT_FILES, register_fonts

BUILD_SCRIPT = PROJECT_DIR / "scripts" / "build_font.py"
#: A PDF font name: a six-letter subset tag, then the font's PostScript name.
BASE_FONT = re.compile(rb"/BaseFont /[A-Z]{6}\+([A-Za-z0-9-]+)")


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_font", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def covered_codes(name: str) -> set[int]:
    return set(TTFont(FONT_DIR / name).getBestCmap())


def text_sources() -> dict[str, str]:
    """Every text a figure may show, by where it comes from: each label in each
    language, each cell of the data tables, what the typography helpers add."""
    sources = {}
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for lang in ("en", "fr"):
                sources[f"labels.csv {row['key']} ({lang})"] = row[lang]
    tables = sorted(BUNDLED_DATA_DIR.glob("*.csv")) + sorted(NON_PARTIES_FILE.parent.glob("*.csv"))
    for table in tables:
        with table.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), start=1):
                sources[f"{table.name} row {number}"] = " ".join(row)
    for lang in ("en", "fr"):
        sources[f"typography ({lang})"] = (
            get_colon(lang) + quote_title("T", lang) + format_ordinal(1, lang)
        )
    sources["typography (fr ordinals)"] = "".join(format_ordinal(n, "fr") for n in range(1, 50))
    return sources


def find_missing(texts: dict[str, str], codes: set[int]) -> list[str]:
    """``where: U+XXXX NAME`` for each character of ``texts`` outside ``codes``."""
    missing = []
    for where, text in texts.items():
        for char in sorted(set(text) - {"\n", "\r", "\t"}):
            if ord(char) not in codes:
                name = unicodedata.name(char, "unnamed")
                missing.append(f"{where}: U+{ord(char):04X} {name}")
    return missing


@pytest.mark.parametrize("name", FONT_FILES)
def test_the_bundled_font_is_what_the_build_script_makes(name):
    build = load_build_script()
    (source, expected_sha256) = build.FONTS[name]
    assert build.sha256(build.SOURCE_DIR / source) == expected_sha256, (
        "matplotlib ships another DejaVu Sans: rebuild with scripts/build_font.py"
    )
    made = build.build_font(build.SOURCE_DIR / source)
    assert made == (FONT_DIR / name).read_bytes(), f"run scripts/build_font.py to rebuild {name}"
    licence = (build.SOURCE_DIR / build.LICENCE).read_bytes()
    assert (FONT_DIR / build.LICENCE).read_bytes() == licence


@pytest.fixture(scope="module")
def cut_down_source() -> bytes:
    """The regular source cut down as the build does, GPOS still in it (a font file)."""
    build = load_build_script()
    buffer = io.BytesIO()
    build.cut_down(build.SOURCE_DIR / build.FONTS[FONT_FILES[0]][0]).save(buffer)
    return buffer.getvalue()


def scripts_of(font: TTFont) -> dict[str, Any]:
    return {
        record.ScriptTag: record.Script for record in font["GPOS"].table.ScriptList.ScriptRecord
    }


def change_one_pair(font: TTFont) -> None:
    font["kern"].kernTables[0].kernTable[("A", "V")] += 10


def add_a_mark_feature(font: TTFont) -> None:
    # A positioning the kern table cannot hold (here: a kern feature renamed "mark").
    font["GPOS"].table.FeatureList.FeatureRecord[0].FeatureTag = "mark"


def kern_greek_as_latin(font: TTFont) -> None:
    # Greek runs (LZ Sans has Greek modifier letters) would get the Latin-only pairs.
    scripts = scripts_of(font)
    scripts["grek"].DefaultLangSys.FeatureIndex = list(scripts["latn"].DefaultLangSys.FeatureIndex)


def empty_the_default_lookups(font: TTFont) -> None:
    # Pairs without a Latin letter (the tone letters') then kerned in Latin runs only,
    # which the kern table would kern in any run.
    gpos = font["GPOS"].table
    for tag, script in scripts_of(font).items():
        if tag != "latn":
            for index in script.DefaultLangSys.FeatureIndex:
                gpos.FeatureList.FeatureRecord[index].Feature.LookupListIndex = []


def require_latin_kerning_in_greek(font: TTFont) -> None:
    # The same, through a LangSys's required feature instead of its feature list.
    scripts = scripts_of(font)
    scripts["grek"].DefaultLangSys.ReqFeatureIndex = scripts["latn"].DefaultLangSys.FeatureIndex[0]


def kern_one_latin_language_otherwise(font: TTFont) -> None:
    from fontTools.ttLib.tables import otTables

    latin = scripts_of(font)["latn"]
    record = otTables.LangSysRecord()
    record.LangSysTag = "ROM "
    record.LangSys = otTables.LangSys()
    record.LangSys.LookupOrder = None
    record.LangSys.ReqFeatureIndex = 0xFFFF
    record.LangSys.FeatureIndex = []
    latin.LangSysRecord.append(record)
    latin.LangSysCount = len(latin.LangSysRecord)


def split_a_lookup(font: TTFont) -> None:
    lookup = font["GPOS"].table.LookupList.Lookup[0]
    lookup.SubTable.append(lookup.SubTable[0])
    lookup.SubTableCount = len(lookup.SubTable)


def flag_a_lookup(font: TTFont) -> None:
    font["GPOS"].table.LookupList.Lookup[0].LookupFlag = 0x0008  # ignore marks


def vary_the_features(font: TTFont) -> None:
    from fontTools.ttLib.tables import otTables

    font["GPOS"].table.FeatureVariations = otTables.FeatureVariations()


def split_the_kern_table(font: TTFont) -> None:
    font["kern"].kernTables.append(font["kern"].kernTables[0])


def make_the_kern_table_cross_stream(font: TTFont) -> None:
    font["kern"].kernTables[0].coverage |= 0x04  # cross-stream: vertical moves


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (change_one_pair, r"differ for 1 pairs \(first: \[\('A', 'V'\)\]"),
        (add_a_mark_feature, r"features beyond kerning: \['mark'\]"),
        (kern_greek_as_latin, r"kerns \['grek'\] otherwise than DFLT"),
        (require_latin_kerning_in_greek, r"kerns \['grek'\] otherwise than DFLT"),
        (kern_one_latin_language_otherwise, "kerns the languages of latn differently"),
        (empty_the_default_lookups, "without a Latin letter only in Latin text"),
        (split_a_lookup, "lookup 0 has 2 subtables, not 1"),
        (flag_a_lookup, "lookup 0 has flags 0x8"),
        (vary_the_features, "feature variations"),
        (split_the_kern_table, "not one horizontal subtable"),
        (make_the_kern_table_cross_stream, "not one horizontal subtable"),
    ],
)
def test_the_build_refuses_kerning_that_the_kern_table_would_change(cut_down_source, change, error):
    build = load_build_script()
    build.check_kerning_is_duplicated(TTFont(io.BytesIO(cut_down_source)))  # DejaVu passes
    font = TTFont(io.BytesIO(cut_down_source))
    change(font)
    with pytest.raises(ValueError, match=error):
        build.check_kerning_is_duplicated(font)


def test_the_figures_texts_are_as_wide_in_lz_sans_as_in_dejavu_sans(drawn_figure_texts):
    # LZ Sans kerns through its kern table, DejaVu Sans through GPOS: same widths.
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    register_fonts()
    samples = {
        "AV",
        "A",
        "V",
        "To Ty «Wa» L’Yonne",
        *(t for texts in drawn_figure_texts.values() for t in texts),
    }
    widths = {}
    for family in (FONT_FAMILY, "DejaVu Sans"):
        for weight in ("normal", "bold"):
            font = FontProperties(family=family, weight=weight, size=10)
            for text in samples:
                for line in text.split("\n"):
                    widths[family, weight, line] = text_to_path.get_text_width_height_descent(
                        line, font, ismath=False
                    )[0]
    assert (
        widths[FONT_FAMILY, "normal", "AV"]
        < widths[FONT_FAMILY, "normal", "A"] + widths[FONT_FAMILY, "normal", "V"]
    ), "LZ Sans does not kern"
    differ = [
        (weight, line)
        for (family, weight, line), width in widths.items()
        if family == FONT_FAMILY and width != widths["DejaVu Sans", weight, line]
    ]
    assert not differ, f"{len(differ)} texts change width in LZ Sans: {differ[:5]}"


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_character_of_the_labels_and_the_data_is_in_the_font(name):
    missing = find_missing(text_sources(), covered_codes(name))
    assert not missing, (
        f"{name} lacks characters that figures show (add them to UNICODE_RANGES in "
        "scripts/build_font.py and rebuild):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_character_the_figures_draw_is_in_the_font(name, drawn_figure_texts):
    texts = {f"{figure} ({lang})": " ".join(t) for (figure, lang), t in drawn_figure_texts.items()}
    missing = find_missing(texts, covered_codes(name))
    assert not missing, f"{name} lacks characters that figures draw:\n" + "\n".join(missing)


def find_invisible(texts: dict[str, str]) -> list[str]:
    """``where: U+XXXX NAME`` for each invisible format character (soft hyphen,
    zero-width space, word joiner, direction marks: category Cf) in ``texts``."""
    return [
        f"{where}: U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
        for where, text in texts.items()
        for char in sorted(set(text))
        if unicodedata.category(char) == "Cf"
    ]


def test_no_label_or_data_value_has_an_invisible_character():
    # Between a kerned pair one would place the next glyph otherwise than DejaVu Sans
    # does (scripts/build_font.py); in a label or a cell it is a paste accident anyway.
    found = find_invisible(text_sources())
    assert not found, "invisible characters in texts the figures show:\n" + "\n".join(found)
    assert find_invisible({"x": "Ma\u00adlte"}) == ["x: U+00AD SOFT HYPHEN"]


def test_a_missing_character_is_found():
    # The check above can fail: a Cyrillic letter is outside LZ Sans.
    texts = {"labels.csv x (fr)": "Россия", "ok": "Malte"}
    assert find_missing(texts, covered_codes(FONT_FILES[0]))[0] == (
        "labels.csv x (fr): U+0420 CYRILLIC CAPITAL LETTER ER"
    )


def test_the_committed_pdf_figures_embed_lz_sans_only():
    # The figures as drawn: every glyph came from LZ Sans, none from the fallback.
    pdfs = sorted(FIGURES_DIR.glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        fonts = set(BASE_FONT.findall(path.read_bytes()))
        assert fonts and fonts <= {b"LZSans", b"LZSans-Bold"}, (path.name, fonts)


def test_a_character_outside_the_font_falls_back_to_dejavu_sans(tmp_path):
    import matplotlib.pyplot as plt

    from lanzarote_analysis.output.save import save_figure
    from lanzarote_analysis.plots._base import figure_frame

    with figure_frame(None, (2, 1)) as ax:
        ax.set_axis_off()
        ax.set_title("Malte, Россия")
    path = save_figure(ax.figure, tmp_path / "mixed.pdf")
    plt.close(ax.figure)
    fonts = set(BASE_FONT.findall(path.read_bytes()))
    assert fonts == {b"LZSans-Bold", b"DejaVuSans-Bold"}


def test_the_font_is_a_family_of_its_own_and_changes_no_setting():
    from matplotlib import font_manager

    before = dict(matplotlib.rcParams)
    register_fonts()
    assert dict(matplotlib.rcParams) == before
    found = Path(font_manager.findfont(FONT_FAMILY, fallback_to_default=False))
    assert found == FONT_DIR / "LZSans.ttf"
    bold = font_manager.FontProperties(family=FONT_FAMILY, weight="bold")
    assert Path(font_manager.findfont(bold)) == FONT_DIR / "LZSans-Bold.ttf"
    # The real DejaVu Sans (a user's own figures) is untouched.
    dejavu = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    assert dejavu.name == "DejaVuSans.ttf" and dejavu.parent != FONT_DIR
