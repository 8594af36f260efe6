"""Reader-facing words say what the factsheet says, no more.

- "All Parties" are the 43 Parties the factsheet counts, one of them unconfirmed.
- No reader-facing string, English or French, says that a Party "lacks" involvement or
  financing: the factsheet asks Parties "not already doing so" to act.
- The 43rd Party is our inference wherever it is named; dates cite their own source;
  the levels are quoted verbatim; the practices keep the factsheet's modal verbs.

Expectations are read from the factsheet's text (``data/sources/``), never from the code.
"""

from __future__ import annotations

import csv
import io
import json
import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

import lanzarote_analysis as la
from lanzarote_analysis.analysis.recommendations import compute_addressee_counts
from lanzarote_analysis.cli import build_parser
from lanzarote_analysis.i18n.labels import _table
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, PROJECT_DIR
from lanzarote_analysis.output.gap_table import format_gap_table
from lanzarote_analysis.output.profile_text import format_party_profile
from lanzarote_analysis.output.registry import REPORT_FIGURES
from lanzarote_analysis.plots._notes import format_unconfirmed_candidates
from lanzarote_analysis.plots.palette import get_swatch
from lanzarote_analysis.vocabulary import LANGUAGES, PROFILE_FORMATS

FACTSHEET = (BUNDLED_DATA_DIR / "sources" / "factsheet-chapter-VII.txt").read_text("utf-8")
#: "lacks", "lacking", "manque", "manquant(e)": never about a Party (identifiers such as
#: ``lacks_financing`` are names of columns, not sentences).
LACKS = re.compile(r"(?<![\w])(lack(s|ing|ed)?|manqu\w*|font défaut|fait défaut)(?![\w])", re.I)


def monitored_in_factsheet() -> int:
    return int(re.search(r"The (\d+) States that were Party to the Convention", FACTSHEET)[1])


# "All Parties" are 43 -------------------------------------------------------------------


def test_all_parties_are_the_43_monitored_with_one_unconfirmed():
    n_monitored = monitored_in_factsheet()
    covered = la.load_parties()["round2_coverage"].eq("covered").sum()
    counts = compute_addressee_counts()
    to_all = counts[counts["scope"].eq("all_parties")]
    assert len(to_all) == 5 and n_monitored == 43
    assert to_all["n_parties"].eq(n_monitored).all()
    assert to_all["n_unconfirmed"].eq(n_monitored - covered).all()
    assert to_all["n_unconfirmed"].eq(1).all()


def test_naming_the_43rd_party_removes_the_hatch_and_the_inference(data_copy):
    # Once the report's list is read: Norway covered, the United Kingdom not.
    path = data_copy / "parties.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    for row in rows:
        if row["iso3"] == "NOR":
            row.update(round2_coverage="covered", source="report:annex")
        if row["iso3"] == "GBR":
            row.update(round2_coverage="not_covered", source="report:annex")
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")

    counts = compute_addressee_counts(data_copy)
    assert counts.loc["VII-3", ["n_parties", "n_unconfirmed"]].tolist() == [43, 0]
    ax = la.plot_addressees_by_recommendation(data_dir=data_copy)
    hatch = get_swatch("coverage.unconfirmed").hatch
    assert not [bar for bar in ax.patches if bar.get_hatch() == hatch]
    texts = " ".join(t.get_text() for t in ax.figure.findobj(Text))
    assert "inference" not in texts and "43" in texts
    plt.close(ax.figure)


def test_the_candidates_follow_the_data(data_copy):
    assert format_unconfirmed_candidates(None, "en") == "Norway or the United Kingdom"
    # Norway not covered: the written phrase no longer fits, the names are listed.
    path = data_copy / "parties.csv"
    text = path.read_text("utf-8")
    norway = next(line for line in text.splitlines() if line.startswith("NOR,"))
    path.write_text(text.replace(norway, norway.replace(",unconfirmed,", ",not_covered,")), "utf-8")
    assert format_unconfirmed_candidates(data_copy, "en") == "United Kingdom"
    assert format_unconfirmed_candidates(data_copy, "fr") == "Royaume-Uni"


# No "lacks" -----------------------------------------------------------------------------


def reader_facing_strings(
    figure_texts: dict[tuple[str, str], list[str]], profiles: dict
) -> dict[str, str]:
    """Every string a reader sees: labels, data, figures, profiles, tables, help, docs.

    ``figure_texts`` are the texts of the figures as drawn, ``profiles`` every Party's
    profile (the ``drawn_figure_texts`` and ``every_party_profile`` fixtures)."""
    found = {f"label {k} {lang}": v[lang] for k, v in _table().items() for lang in LANGUAGES}
    for name, table in la.load_tables().items():
        for column in table.columns:
            if column.endswith(("_en", "_fr")) or column in ("note", "title"):
                found[f"{name}.{column}"] = " ".join(table[column].dropna().astype(str))
    for (name, lang), texts in figure_texts.items():
        kind = "profile figure" if name.startswith("profile ") else "figure"
        found[f"{kind} {name.removeprefix('profile ')} {lang}"] = " ".join(texts)
    for lang in LANGUAGES:
        for iso3, profile in profiles.items():
            for fmt in PROFILE_FORMATS:
                found[f"profile {iso3} {fmt} {lang}"] = format_party_profile(
                    profile, lang=lang, fmt=fmt
                )
        found[f"gaps markdown {lang}"] = format_gap_table(fmt="markdown", lang=lang)
    found["figure list"] = " ".join(spec.description for spec in REPORT_FIGURES)
    commands = build_parser()._subparsers._group_actions[0].choices
    found["help"] = " ".join(p.format_help() for p in commands.values())
    for doc in ("README.md", "data/README.md"):
        found[doc] = (PROJECT_DIR / doc).read_text("utf-8")
    for path in sorted((PROJECT_DIR / "notebooks").glob("*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text("utf-8"))["cells"]):
            found[f"{path.name} cell {index}"] = "".join(cell["source"]) + " ".join(
                "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                for o in cell.get("outputs", [])
            )
    return found


@pytest.fixture(scope="module")
def strings(drawn_figure_texts, every_party_profile) -> dict[str, str]:
    return reader_facing_strings(drawn_figure_texts, every_party_profile)


def test_no_reader_facing_string_says_a_party_lacks_anything(strings):
    said = {where: LACKS.findall(text) for where, text in strings.items() if LACKS.search(text)}
    assert not said, said
    # Column names stay (our analytical term); the pattern tells them from words.
    assert not LACKS.search("lacks_involvement, lacks_financing")
    assert LACKS.search("Lacks financing (VII-2): yes") and LACKS.search("Financement manquant")


def test_the_43rd_party_is_our_inference_wherever_it_is_named(strings):
    names = re.compile(r"Norway or (the )?United Kingdom|Norvège ou (le )?Royaume-Uni")
    for where, text in strings.items():
        if where.startswith("label unconfirmed.candidates"):
            continue  # the phrase itself, used only inside the sentences checked here
        for paragraph in re.split(r"\n\s*\n", text):
            if names.search(paragraph) and not paragraph.rstrip().endswith("?"):
                assert re.search(r"inference|déduction", paragraph), (where, paragraph)
    # Never as a fact: "the 43rd is Norway or the United Kingdom".
    stated = re.compile(r"43(rd|ᵉ)( Party| Partie)? (is|was|est) (Norway|the United|la Norv)")
    assert not [w for w, t in strings.items() if stated.search(t)]


def test_dates_cite_their_own_source(strings):
    for where, text in strings.items():
        # The factsheet gives no date of its own: no figure or label says "(2022)".
        if where.startswith(("figure", "profile figure", "label")):
            assert "(2022)" not in text, where
            assert "10 March" not in text and "T-ES" not in text, where
        # The report's number and exact date come from our research note: say so.
        if where in ("README.md", "data/README.md"):
            for paragraph in re.split(r"\n\s*\n", text):
                if "10 March 2022" in paragraph or "T-ES(2022)02" in paragraph:
                    assert re.search(r"research note|parties-round2", paragraph), paragraph
    sources = la.load_sources()
    assert sources.loc["report", "published"] == "2022-03-10"
    assert "research-parties-round2" in sources.loc["report", "note"]
    # What the figures say ("report adopted in March 2022") is the factsheet's date.
    assert "since the adoption of the report in March 2022" in FACTSHEET


def test_every_figure_source_says_when_the_report_was_adopted(drawn_figure_texts):
    for lang, words in (
        ("en", "report adopted in March 2022"),
        ("fr", "rapport adopté en mars 2022"),
    ):
        for spec in REPORT_FIGURES:
            # Lines are wrapped to the figure's width: compare the words, not the breaks.
            texts = [" ".join(t.split()) for t in drawn_figure_texts[spec.name, lang]]
            texts = [t for t in texts if "Source" in t]
            assert any(words in t for t in texts), (spec.name, lang)


def test_the_gap_map_says_whose_analysis_it_is():
    for lang in LANGUAGES:
        ax = la.plot_gap_map(lang=lang)
        title = ax.get_title(loc="left")
        plt.close(ax.figure)
        assert "VII-1" in title and "VII-2" in title
        assert not re.search(r"Committee|Comité|gap|lacune", title, re.I), title


# Quoted and summarised as the factsheet says it -----------------------------------------


def test_levels_are_quoted_verbatim():
    for level, row in la.load_levels().iterrows():
        definition = row["definition_en"]
        assert definition.startswith("when "), level
        assert f"**“{level.capitalize()}”**: {definition}" in FACTSHEET, level


def factsheet_bullet(party: str) -> str:
    return re.search(rf"^- In \*\*{party}\*\*, (.+)$", FACTSHEET, re.MULTILINE)[1]


MODALS = re.compile(r"\b(should|shall|must|are to|is to|has to|have to)\b")


def test_practices_keep_the_factsheets_modal_verbs():
    practices = la.load_practices()
    names = la.load_parties()["name_en"]
    bullets = {"Türkiye": "Turkey"}
    checked = 0
    for _, row in practices[practices["kind"].eq("promising_practice")].iterrows():
        name = names[row["iso3"]]
        bullet = factsheet_bullet(bullets.get(name, name))
        assert set(MODALS.findall(row["summary_en"])) <= set(MODALS.findall(bullet)), row.name
        checked += bool(MODALS.findall(row["summary_en"]))
    assert checked >= 3  # Cyprus, and Türkiye's code and circular


def test_luxembourg_names_its_supporters_and_the_plan_provides_for():
    bullet = factsheet_bullet("Luxembourg")
    supporters = re.search(r"supported by five Luxembourg ministries and (.+?), also", bullet)[1]
    bodies = [b.strip() for b in re.split(r", | and the | and ", supporters)]
    assert bodies == [
        "Family Planning",
        "HIV-AIDS Berodung",
        "Psychological Centre for School Guidance",
    ]
    row = la.load_practices().loc["LUX-sexual-health-programme"]
    for body in bodies:
        assert body in row["summary_en"] and body in row["summary_fr"], body
    assert (
        "provides for the strengthening" in bullet
        and "provides for the strengthening" in row["summary_en"]
    )
    # The factsheet does not call the supporting bodies civil society partners.
    assert "civil society partners" not in row["summary_en"]
    assert "partenaires de la société civile" not in row["summary_fr"]


def test_vii6_summary_keeps_every_part_of_the_recommendation():
    summary = la.load_recommendations().loc["VII-6", "summary_en"]
    for part in (
        "according to their evolving capacity",
        "in the development and the implementation of state policies, programmes or other "
        "initiatives",
        "including when facilitated by ICTs and as regards CSGSIV",
        "children's views are taken into account",
    ):
        assert part in FACTSHEET and part in summary, part
