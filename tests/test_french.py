"""French as the Council of Europe writes it, in every French string the package emits.

Collected here: the French labels, the ``*_fr`` columns of the data, the texts of every
report figure and of the profile figure drawn in French (read from their artists), the
profile of every State in every format, the French gap table, the Party picker's text
and the French found in the stored outputs of the notebooks. Each goes through the same
rules (``docs``: ``/work/shared/reference/french-usage.md``, Imprimerie nationale usage):

- a no-break space (U+202F or U+00A0) before « : », « ; », « ? », « ! » and « % », and
  inside « guillemets »;
- ordinals with a superscript: « 2ᵉ », « 43ᵉ », never « 2e »;
- the Council's own terms (« images et/ou vidéos à caractère sexuel autogénérées par
  les enfants », « selon leur stade de développement »), no coined acronym (« IVSAE »);
- no English word outside a quoted original title.

Source locators (``factsheet:VII-2:fn5``) and addresses are codes, not French, and are
left out before checking.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.analysis.profile import compute_party_profile
from lanzarote_analysis.i18n.labels import _table, all_label_keys
from lanzarote_analysis.interactive.party_picker import build_party_picker
from lanzarote_analysis.io.paths import PROJECT_DIR
from lanzarote_analysis.output.gap_table import format_gap_table
from lanzarote_analysis.output.profile_text import format_party_profile
from lanzarote_analysis.output.registry import REPORT_FIGURES
from lanzarote_analysis.vocabulary import PROFILE_FORMATS

NO_BREAK = "\u202f\u00a0"
CSGSIV_FR = "images et/ou vidéos à caractère sexuel autogénérées par les enfants"
CSGSIV_EN = "child self-generated sexual images and/or videos"
#: Wordings the Council does not use, and the coined acronym.
FORBIDDEN_FR = (
    "IVSAE",
    "autoproduit",
    "images et vidéos",
    "selon l'évolution de leurs capacités",
)

LOCATOR = re.compile(r"\b[a-z0-9-]+:[A-Za-z0-9._-]+(?::fn\d+)?\b")
ADDRESS = re.compile(r"https?://\S+")
QUOTED = re.compile(r"«[\u202f\u00a0][^»]*[\u202f\u00a0]»")
FRENCH_LOOK = re.compile(r"[éèêàâçùûôœ«»ᵉ]|\b(de|des|du|la|les|et|sur|pour|par|aux|une|dont|est)\b")


def strip_codes(text: str) -> str:
    return LOCATOR.sub("", ADDRESS.sub("", text))


def typography_problems(text: str) -> list[str]:
    """What breaks the rules of French typography in ``text`` (empty when nothing does)."""
    text = strip_codes(text)
    problems = []

    def context(start: int) -> str:
        return repr(text[max(0, start - 25) : start + 10])

    for match in re.finditer(r"[:;?!%»]", text):
        before = text[match.start() - 1] if match.start() else ""
        if match.group() == "%" and not (before.isdigit() or before == " "):
            continue  # a % that follows no number
        if before not in NO_BREAK:
            problems.append(f"no no-break space before {match.group()!r}: {context(match.start())}")
    for match in re.finditer("«", text):
        if text[match.end() : match.end() + 1] not in NO_BREAK:
            problems.append(f"no no-break space after '«': {context(match.start())}")
    for match in re.finditer(r"\b\d+(?:e|er|re|ème|eme|è)\b", text):
        problems.append(f"ordinal without superscript: {context(match.start())}")
    for match in re.finditer(rf" [{NO_BREAK}]|[{NO_BREAK}] ", text):
        problems.append(f"two spaces: {context(match.start())}")
    for wording in FORBIDDEN_FR:
        if wording in text:
            problems.append(
                f"{wording!r} is not the Council's wording: {context(text.index(wording))}"
            )
    return problems


# What the package can emit in French --------------------------------------------------


def french_labels() -> dict[str, str]:
    return {f"label {key}": _table()[key]["fr"] for key in all_label_keys()}


def french_data() -> dict[str, str]:
    found = {}
    for name, table in la.load_tables().items():
        for column in [c for c in table.columns if c.endswith("_fr")]:
            for key, value in table[column].dropna().items():
                found[f"{name}.{column}[{key}]"] = str(value)
    return found


def french_profiles(profiles: dict) -> dict[str, str]:
    found = {}
    for iso3, profile in profiles.items():
        for fmt in PROFILE_FORMATS:
            text = format_party_profile(profile, lang="fr", fmt=fmt)
            if fmt == "csv":
                # Codes for machines, except the name and the summary.
                rows = list(csv.DictReader(io.StringIO(text)))
                text = "\n".join(f"{row['name']}\n{row['summary']}" for row in rows)
            found[f"profile {iso3} {fmt}"] = text
    return found


class _Cells(HTMLParser):
    """The text of every cell, paragraph or line of an HTML output."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = [""]

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("td", "th", "p", "li", "br", "tr", "div"):
            self.cells.append("")

    def handle_data(self, data) -> None:
        self.cells[-1] += data


def notebook_segments() -> list[tuple[str, str]]:
    """(where, text) of every line or cell of the notebooks' stored outputs."""
    segments = []
    for path in sorted((PROJECT_DIR / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text("utf-8"))
        for index, cell in enumerate(notebook["cells"]):
            for output in cell.get("outputs", []):
                chunks = [output.get("text", "")]
                data = output.get("data", {})
                chunks += [data.get(k, "") for k in ("text/plain", "text/markdown")]
                lines = [line for chunk in chunks for line in "".join(chunk).splitlines()]
                if "text/html" in data:
                    parser = _Cells()
                    parser.feed("".join(data["text/html"]))
                    lines += [html.unescape(c) for c in parser.cells]
                segments += [(f"{path.name} cell {index}", line) for line in lines if line.strip()]
    return segments


@pytest.fixture(scope="module")
def figures_fr(drawn_figure_texts) -> dict[str, list[str]]:
    """The texts of every report figure and of the profile figures, drawn in French."""
    return {name: texts for (name, lang), texts in drawn_figure_texts.items() if lang == "fr"}


@pytest.fixture(scope="module")
def profiles_fr(every_party_profile) -> dict[str, str]:
    return french_profiles(every_party_profile)


# The rules themselves ----------------------------------------------------------------


def test_the_rules_find_what_they_look_for():
    bad = "Source : le 2e cycle, «sans espace» ; 20 % et 43e"
    problems = " ".join(typography_problems(bad))
    for expected in ("':'", "ordinal", "'«'", "'»'", "';'", "'%'"):
        assert expected in problems, expected
    good = "Source\u202f: le 2ᵉ cycle, «\u202fsans espace\u202f»\u202f; 20\u202f%"
    good += " [factsheet:VII-1:fn3] https://www.coe.int/fr"
    assert typography_problems(good) == []
    assert typography_problems("images et vidéos sexuelles autoproduites IVSAE")


# Every French string ------------------------------------------------------------------


def check_all(strings: dict[str, str]) -> None:
    problems = {where: p for where, text in strings.items() if (p := typography_problems(text))}
    assert not problems, problems


def test_french_labels_follow_french_typography():
    check_all(french_labels())


def test_french_data_follow_french_typography():
    check_all(french_data())


def test_french_figures_follow_french_typography(figures_fr):
    check_all({f"{name}: {t}": t for name, texts in figures_fr.items() for t in texts})


def test_french_profiles_follow_french_typography(profiles_fr):
    check_all(profiles_fr)


def test_french_gap_table_and_picker_follow_french_typography():
    check_all(
        {
            "gaps markdown": format_gap_table(fmt="markdown", lang="fr"),
            "picker": build_party_picker("Malte", lang="fr")._static_text(),
        }
    )


def test_french_notebook_outputs_follow_french_typography():
    french = [(where, text) for where, text in notebook_segments() if FRENCH_LOOK.search(text)]
    # Notebook 02 shows the French labels of the categories: the check has work to do.
    assert any("Citée par VII-2 seulement" in text for _, text in french)
    problems = [(where, p) for where, text in french if (p := typography_problems(text))]
    assert not problems, problems


# The Council's terms ------------------------------------------------------------------


def test_vii6_uses_the_conventions_words():
    recommendations = la.load_recommendations()
    assert "selon leur stade de développement" in recommendations.loc["VII-6", "summary_fr"]
    for rec_id in ("VII-3", "VII-5", "VII-6", "VII-7"):
        assert CSGSIV_FR in recommendations.loc[rec_id, "summary_fr"], rec_id


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_figure_spells_out_the_term_it_abbreviates(lang, drawn_figure_texts):
    """CSGSIV (English) and « images autogénérées* » (French) are defined on the figure."""
    short, full = (
        ("CSGSIV", f"CSGSIV: {CSGSIV_EN}") if lang == "en" else ("autogénérées*", CSGSIV_FR)
    )
    users = 0
    for spec in REPORT_FIGURES:
        texts = " ".join(" ".join(drawn_figure_texts[spec.name, lang]).split())
        if short in texts:
            users += 1
            assert full in texts, spec.name
    assert users >= 2  # the matrix and the bars of addressees use it


# No English in French output ----------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


def english_only_words() -> set[str]:
    """Words of the English labels, names and data that no French string contains."""
    table = _table()
    english = [v["en"] for v in table.values()]
    french = [v["fr"] for v in table.values()]
    for frame in la.load_tables().values():
        for column in frame.columns:
            if column.endswith("_en"):
                english += frame[column].dropna().astype(str).tolist()
            if column.endswith("_fr"):
                french += frame[column].dropna().astype(str).tolist()
    french_words = {w.lower() for text in french for w in WORD.findall(text)}
    return {w for text in english for w in WORD.findall(text) if w.lower() not in french_words} - {
        "CSGSIV"
    }


def english_words_in(text: str, words: set[str]) -> set[str]:
    text = QUOTED.sub("", strip_codes(text))  # an original title stays in its language
    return {w for w in WORD.findall(text) if w in words}


def test_no_english_in_french_output(figures_fr, profiles_fr):
    words = english_only_words()
    outputs = {f"figure {n}": " ".join(t) for n, t in figures_fr.items()} | profiles_fr
    outputs["gaps"] = format_gap_table(fmt="markdown", lang="fr")
    leaks = {
        where: found for where, text in outputs.items() if (found := english_words_in(text, words))
    }
    assert not leaks, leaks
    # The same check finds the English of the English profile: it can fail.
    english = format_party_profile(compute_party_profile("TUR"), lang="en")
    assert english_words_in(english, words)


def test_english_and_french_labels_ask_for_the_same_values():
    """Same keys (one table), the same placeholders and line breaks in both languages."""
    table = _table()
    for key in all_label_keys():
        en, fr = table[key]["en"], table[key]["fr"]
        assert en.strip() and fr.strip(), key
        # French may leave a name out (« cet État » agrees whatever the State), never add one.
        assert set(re.findall(r"\{(\w+)\}", fr)) <= set(re.findall(r"\{(\w+)\}", en)), key
        assert en.count("\n") == fr.count("\n"), key
    for prefix in {key.split(".")[0] for key in all_label_keys()}:
        assert la.get_labels(prefix, "en").keys() == la.get_labels(prefix, "fr").keys()
