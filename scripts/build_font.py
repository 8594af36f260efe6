"""Build the figures' font, LZ Sans: DejaVu Sans cut down to the characters of the report.

Saving a PDF embeds a subset of every font it uses, and matplotlib makes that subset
anew for every file by parsing the whole font with fontTools: for DejaVu Sans (6,000
glyphs, large layout tables) that was 0.3-0.7 s per PDF, more than drawing the figure.
LZ Sans is DejaVu Sans (regular and bold) with only the glyphs of Latin-script text,
its outlines, metrics, hinting, ligatures and kerning unchanged for those glyphs, so
figures look the same; only the family is renamed, so that it never stands in for the
real DejaVu Sans of a user's other figures.

DejaVu Sans holds its kerning twice: as OpenType positioning (GPOS) and as the legacy
``kern`` table, the same pairs with the same values. LZ Sans keeps only the ``kern``
table, which the text shaper (HarfBuzz, in matplotlib's libraqm) applies when a font
has no GPOS, so every visible glyph lands where it did. (An invisible character
between a kerned pair, a soft hyphen or a zero-width space, breaks the pair
differently; no label or data value has one, and matplotlib's PDF backend misplaces
the glyph after it with either table.) The PDF backend subsets the font for every
file and GPOS was half of that work; a PDF viewer never reads either table (a PDF
places each glyph itself). :func:`check_kerning_is_duplicated` refuses a source whose
GPOS does anything but kern, or kerns any run of text otherwise than the ``kern``
table would. The theme registers it
for our figures (``lanzarote_analysis/plots/theme.py``), with DejaVu Sans as the
fallback for a character outside it.

The input is the DejaVu Sans that matplotlib bundles (its version is pinned by
``requirements.lock``; the hashes below say which files were used), and the output
is the same bytes at every run: ``tests/test_font.py`` rebuilds it and compares.
DejaVu's licence (Bitstream Vera terms; DejaVu's changes are in the public domain)
allows modified copies under a name without "Bitstream" or "Vera", and travels with
the font as ``LICENSE_DEJAVU``.

Usage:
    python scripts/build_font.py [--output-dir lanzarote_analysis/plots/fonts]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
from pathlib import Path

import matplotlib
from fontTools import subset
from fontTools.ttLib import TTFont

DEFAULT_OUTPUT_DIR = Path(__file__).resolve().parents[1] / "lanzarote_analysis" / "plots" / "fonts"
SOURCE_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
LICENCE = "LICENSE_DEJAVU"

FAMILY = "LZ Sans"
#: Output file, source file in matplotlib, its sha256 (DejaVu 2.35 as matplotlib 3.11 ships it).
FONTS = {
    "LZSans.ttf": (
        "DejaVuSans.ttf",
        "3fdf69cabf06049ea70a00b5919340e2ce1e6d02b0cc3c4b44fb6801bd1e0d22",
    ),
    "LZSans-Bold.ttf": (
        "DejaVuSans-Bold.ttf",
        "b184b89e3c1075f22f6b71575b6fc20d4972b3cfd3b23322ca6fd596dcaef167",
    ),
}

#: The characters kept: Latin-script text in English and French and the names of
#: European States, with the typography the labels use (narrow no-break space, « »,
#: dashes, curly quotes, ellipsis, superscript ordinals 2ᵉ 1ʳᵉ) and a few signs.
UNICODE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0218, 0x021B),  # Romanian S and T with comma below (Latin Extended-B)
    (0x02B0, 0x02FF),  # Spacing Modifier Letters (ʳ, accents on their own)
    (0x1D2C, 0x1D6A),  # Modifier letters of Phonetic Extensions (ᵉ, ᵈ, ᵐ)
    (0x2000, 0x206F),  # General Punctuation (spaces, dashes, quotes, …, ‰)
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20AC, 0x20AC),  # Euro sign
    (0x2116, 0x2116),  # Numero sign
    (0x2122, 0x2122),  # Trade mark sign
    (0x2190, 0x2199),  # Arrows ← ↑ → ↓ ↔ ↕ ↖ ↗ ↘ ↙
    (0x2212, 0x2212),  # Minus sign (matplotlib's negative tick labels)
    (0x2248, 0x2248),  # Almost equal to
    (0x2260, 0x2260),  # Not equal to
    (0x2264, 0x2265),  # Less-than or equal to, greater-than or equal to
    (0x25A0, 0x25A1),  # Black and white squares
    (0x25CB, 0x25CB),  # White circle
    (0x25CF, 0x25CF),  # Black circle
)


def get_unicodes() -> list[int]:
    """Every code point of :data:`UNICODE_RANGES` (those the source lacks are skipped)."""
    return [code for first, last in UNICODE_RANGES for code in range(first, last + 1)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rename(font: TTFont, family: str) -> None:
    """Give ``font`` the family ``family``, keeping its style (Book, Bold) and notices."""
    names = font["name"]
    style = names.getDebugName(2)
    full = family if style in ("Book", "Regular") else f"{family} {style}"
    postscript = family.replace(" ", "") + ("" if full == family else f"-{style}")
    new = {1: family, 3: full, 4: full, 6: postscript, 16: family}
    for record in names.names:
        if record.nameID in new:
            record.string = new[record.nameID]


#: The tag of a LangSys's required feature when it has none.
NO_REQUIRED_FEATURE = 0xFFFF


def find_kerning_lookups(font: TTFont) -> dict[str, list[int]]:
    """The GPOS lookups that kern a run of text, by script tag (``DFLT``: a run of
    digits and punctuation alone, or a script the font does not name).

    Raises ``ValueError`` if GPOS has a feature other than ``kern`` (it would position
    glyphs in a way the ``kern`` table cannot), or if a script's languages kern
    differently.
    """
    table = font["GPOS"].table
    features = table.FeatureList.FeatureRecord
    others = sorted({record.FeatureTag for record in features} - {"kern"})
    if others:
        raise ValueError(f"GPOS has features beyond kerning: {others}")
    if getattr(table, "FeatureVariations", None) is not None:
        raise ValueError("GPOS has feature variations, which the kern table cannot follow")
    lookups: dict[str, list[int]] = {}
    for script in table.ScriptList.ScriptRecord:
        systems = [script.Script.DefaultLangSys] + [
            record.LangSys for record in script.Script.LangSysRecord
        ]
        found = set()
        for system in systems:
            if system is None:
                continue
            indices = list(system.FeatureIndex)
            if system.ReqFeatureIndex != NO_REQUIRED_FEATURE:
                indices.append(system.ReqFeatureIndex)
            found.add(
                tuple(sorted({n for i in indices for n in features[i].Feature.LookupListIndex}))
            )
        if len(found) != 1:
            raise ValueError(f"GPOS kerns the languages of {script.ScriptTag} differently")
        lookups[script.ScriptTag] = list(found.pop())
    return lookups


def read_gpos_kerning(font: TTFont, lookups: list[int]) -> dict[tuple[str, str], int]:
    """Every non-zero kerning of a glyph pair that the GPOS ``lookups`` of ``font`` make.

    Lookups apply one after the other, so a pair that two of them kern adds both.
    Raises ``ValueError`` for a lookup that does anything but change the first glyph's
    advance, or that has other than one subtable (whose order would decide which applies).
    """
    table = font["GPOS"].table
    glyph_order = font.getGlyphOrder()
    pairs: dict[tuple[str, str], int] = {}
    for index in lookups:
        lookup = table.LookupList.Lookup[index]
        if len(lookup.SubTable) != 1:
            raise ValueError(f"GPOS lookup {index} has {len(lookup.SubTable)} subtables, not 1")
        sub = lookup.SubTable[0]
        if (
            lookup.LookupType != 2
            or sub.ValueFormat1 != 0x0004  # XAdvance only
            or sub.ValueFormat2 != 0
        ):
            raise ValueError(f"GPOS lookup {index} is not x-advance pair kerning")
        if lookup.LookupFlag != 0:  # e.g. kerning across ignored marks, which kern cannot
            raise ValueError(f"GPOS lookup {index} has flags {lookup.LookupFlag:#x}")
        if sub.Format == 1:
            found = {
                (first, record.SecondGlyph): record.Value1.XAdvance
                for first, pair_set in zip(sub.Coverage.glyphs, sub.PairSet, strict=True)
                for record in pair_set.PairValueRecord
            }
        else:
            firsts, seconds = sub.ClassDef1.classDefs, sub.ClassDef2.classDefs
            found = {}
            for first in sub.Coverage.glyphs:
                row = sub.Class1Record[firsts.get(first, 0)].Class2Record
                for second in glyph_order:
                    value = row[seconds.get(second, 0)].Value1
                    if value is not None:
                        found[first, second] = value.XAdvance
        for pair, advance in found.items():
            pairs[pair] = pairs.get(pair, 0) + advance
    return {pair: advance for pair, advance in pairs.items() if advance}


def read_legacy_kerning(font: TTFont) -> dict[tuple[str, str], int]:
    """The non-zero pairs of ``font``'s ``kern`` table, which must be one horizontal
    subtable of pairs (format 0), else ``ValueError``."""
    tables = font["kern"].kernTables
    if len(tables) != 1 or tables[0].format != 0 or tables[0].coverage != 1:
        raise ValueError("the kern table is not one horizontal subtable of pairs")
    return {pair: value for pair, value in tables[0].kernTable.items() if value}


def find_differing_pairs(
    first: dict[tuple[str, str], int], second: dict[tuple[str, str], int]
) -> list[tuple[str, str]]:
    """The pairs that ``first`` and ``second`` kern differently (or one not at all), sorted."""
    return sorted(
        pair for pair in first.keys() | second.keys() if first.get(pair) != second.get(pair)
    )


def check_kerning_is_duplicated(font: TTFont) -> None:
    """Raise ``ValueError`` unless ``font``'s ``kern`` table kerns every run of text as
    its GPOS does, so that GPOS can go.

    HarfBuzz shapes text in runs of one script, a character common to all scripts
    (digits, punctuation) joining its neighbours' run; the ``kern`` table applies to
    every run alike, GPOS by the run's script. They agree if the ``kern`` table holds
    the pairs of Latin runs (``latn``, the most kerned), every other script kerns as
    ``DFLT``, and every pair that only Latin runs kern has a Latin letter, which puts
    it in a Latin run.
    """
    from fontTools import unicodedata

    legacy = read_legacy_kerning(font)
    lookups = find_kerning_lookups(font)
    latin = read_gpos_kerning(font, lookups["latn"])
    differ = find_differing_pairs(legacy, latin)
    if differ:
        raise ValueError(
            f"the kern table and GPOS differ for {len(differ)} pairs (first: {differ[:3]}); "
            "LZ Sans would kern differently without GPOS"
        )
    default_lookups = lookups.get("DFLT", [])
    unlike = sorted(
        tag for tag, found in lookups.items() if tag != "latn" and found != default_lookups
    )
    if unlike:
        raise ValueError(f"GPOS kerns {unlike} otherwise than DFLT; the kern table would not")
    default = read_gpos_kerning(font, default_lookups)
    characters: dict[str, set[str]] = {}
    for code, glyph in font.getBestCmap().items():
        characters.setdefault(glyph, set()).add(chr(code))

    def is_latin(glyph: str) -> bool:
        found = characters.get(glyph, set())
        return bool(found) and all(unicodedata.script(char) == "Latn" for char in found)

    outside = [
        pair for pair in find_differing_pairs(latin, default) if not any(map(is_latin, pair))
    ]
    if outside:
        raise ValueError(
            f"GPOS kerns {len(outside)} pairs without a Latin letter only in Latin text "
            f"(first: {outside[:3]}); the kern table would kern them everywhere"
        )


def cut_down(source: Path) -> TTFont:
    """``source`` with only the glyphs of :func:`get_unicodes`, every table kept for them."""
    options = subset.Options()
    # Everything that shapes and renders the kept glyphs stays as it is.
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.legacy_kern = True
    options.hinting = True
    options.notdef_outline = True
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    # What matplotlib never reads: math layout (mathtext has its own fonts), FontForge's stamp.
    options.drop_tables += ["MATH", "FFTM"]
    font = subset.load_font(str(source), options, dontLoadGlyphNames=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=get_unicodes())
    subsetter.subset(font)
    return font


def build_font(source: Path) -> bytes:
    """``source`` cut down to :func:`get_unicodes`, its kerning in ``kern`` only (see
    the module notes), and renamed to :data:`FAMILY`."""
    font = cut_down(source)
    # Checked on the glyphs kept: only their pairs can ever be kerned.
    check_kerning_is_duplicated(font)
    del font["GPOS"]
    rename(font, FAMILY)
    buffer = io.BytesIO()
    # head.modified stays the source's: the same input gives the same bytes.
    font.recalcTimestamp = False
    font.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR)
    args = parser.parse_args()

    # Check the inputs.
    for output, (source, expected) in FONTS.items():
        found = sha256(SOURCE_DIR / source)
        if found != expected:
            raise SystemExit(
                f"{SOURCE_DIR / source}: sha256 {found}, expected {expected}; "
                f"another DejaVu release would change {output}: update FONTS after checking it"
            )

    # Build.
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for output, (source, _) in FONTS.items():
        (args.output_dir / output).write_bytes(build_font(SOURCE_DIR / source))
    shutil.copyfile(SOURCE_DIR / LICENCE, args.output_dir / LICENCE)


if __name__ == "__main__":
    main()
