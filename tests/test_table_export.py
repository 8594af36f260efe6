"""``lanzarote-analysis export``: the spreadsheet, the CSV folder and the data package.

Each is read back with the tools report authors and analysts use (openpyxl, pandas,
Frictionless) and compared with the tables it comes from.
"""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from frictionless import Package
from test_french import typography_problems

import lanzarote_analysis as la
from lanzarote_analysis.cli import main
from lanzarote_analysis.i18n.labels import get_label
from lanzarote_analysis.output.export import export_tables
from lanzarote_analysis.output.export_json import build_data_package
from lanzarote_analysis.output.export_tables import (
    ABOUT_TABLE,
    EXPORT_TABLES,
    get_sheet_names,
    tabulate_export_tables,
)

LANGS = ("en", "fr")
#: Characters Excel refuses in a sheet name, and its longest sheet name.
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
SHEET_NAME_MAX = 31
YES_NO = {"en": {"yes", "no", "not assessed"}, "fr": {"oui", "non", "non évalué"}}


@pytest.fixture(scope="module", params=LANGS)
def workbook_file(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    path = tmp_path_factory.mktemp(f"xlsx-{lang}") / "tables.xlsx"
    assert main(["export", "--format", "xlsx", "--lang", lang, "--out", str(path)]) == 0
    return lang, path


def header(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def test_sheets_headers_and_row_counts(workbook_file):
    lang, path = workbook_file
    book = openpyxl.load_workbook(path)
    names = get_sheet_names(lang)
    assert book.sheetnames == list(names.values())
    for name in book.sheetnames:
        assert len(name) <= SHEET_NAME_MAX and not set(name) & SHEET_NAME_FORBIDDEN, name
    gaps = book[names["civil_society_gaps"]]
    long = book[names["party_recommendations"]]
    # 48 States; 7 recommendations for each of them; one header row each.
    assert gaps.max_row - 1 == len(la.load_parties()) == 48
    assert long.max_row - 1 == 7 * 48
    assert header(gaps) == [
        get_label(f"column.{c}", lang)
        for c in ("iso3", "name", "lacks_involvement", "lacks_financing", "gap")
    ]
    assert header(long)[:4] == [
        get_label(key, lang)
        for key in ("column.iso3", "column.name", "column.rec_id", "profile.column.level")
    ]
    tables = tabulate_export_tables(lang=lang)
    for key, name in names.items():
        sheet = book[name]
        assert header(sheet) == list(tables[key].columns), key
        assert sheet.max_row - 1 == len(tables[key]), key
        assert sheet.freeze_panes == "A2", key
        assert all(cell.font.bold for cell in sheet[1]), key


def test_headers_differ_between_languages():
    en = tabulate_export_tables(lang="en")
    fr = tabulate_export_tables(lang="fr")
    for key in EXPORT_TABLES:
        assert list(en[key].columns) != list(fr[key].columns), key
        assert en[key].shape == fr[key].shape, key
    assert set(get_sheet_names("en").values()).isdisjoint(get_sheet_names("fr").values())


def test_booleans_read_yes_or_no_in_the_language(workbook_file):
    lang, path = workbook_file
    sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    names = get_sheet_names(lang)
    gaps = sheets[names["civil_society_gaps"]]
    for key in ("lacks_involvement", "lacks_financing"):
        assert set(gaps[get_label(f"column.{key}", lang)]) == YES_NO[lang]
    long = sheets[names["party_recommendations"]].set_index(
        [get_label("column.iso3", lang), get_label("column.rec_id", lang)]
    )
    addressed = long[get_label("column.is_addressed", lang)]
    assert set(addressed) == YES_NO[lang]
    computed = la.compute_party_recommendations().set_index(["iso3", "rec_id"])["is_addressed"]
    true, false = get_label("value.true", lang), get_label("value.false", lang)
    missing = get_label("value.missing", lang)
    expected = (
        computed.map({True: true, False: false}).astype(object).where(computed.notna(), missing)
    )
    assert addressed.tolist() == expected.tolist()


def test_numbers_stay_numbers(workbook_file):
    lang, path = workbook_file
    sheet = openpyxl.load_workbook(path)[get_sheet_names(lang)["indicators"]]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    indicators = la.load_indicators()
    assert values == {k: int(v) for k, v in indicators["value"].items()}


def test_the_about_sheet_cites_the_sources_and_the_version(workbook_file):
    lang, path = workbook_file
    sheet = openpyxl.load_workbook(path)[get_sheet_names(lang)[ABOUT_TABLE]]
    assert sheet.title == openpyxl.load_workbook(path).sheetnames[0]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert f"lanzarote-analysis {la.__version__}" in text
    assert get_label("export.about.source_text", lang) in text
    for source_id, source in la.load_sources().iterrows():
        assert f"[{source_id}] {source['title']}" in text
    assert "CC-BY-4.0" in text
    for name in list(get_sheet_names(lang).values())[1:]:
        assert name in text


def test_columns_are_as_wide_as_their_content_up_to_a_limit(workbook_file):
    lang, path = workbook_file
    book = openpyxl.load_workbook(path)
    sheet = book[get_sheet_names(lang)["party_recommendations"]]
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"}
    assert widths["A"] == len("ISO3") + 2  # codes: as wide as the header
    assert widths["C"] == max(len(get_label("column.rec_id", lang)), len("VII-1")) + 2
    names = [c.value for c in sheet["B"][1:]]
    assert widths["B"] == max(len(n) for n in [*names, sheet["B1"].value]) + 2
    summary = book[get_sheet_names(lang)["recommendations"]]
    assert summary.column_dimensions["E"].width == 62  # long text wraps at 60 characters
    assert summary["E2"].alignment.wrap_text
    # Rows of wrapped text say their height: not every program fits them on opening.
    lines = -(-len(summary["E2"].value) // 60)
    assert summary.row_dimensions[2].height >= lines * 15 > 15
    # A long header over short values (yes / no) wraps at 30 characters.
    gaps = book[get_sheet_names(lang)["civil_society_gaps"]]
    assert len(gaps["C1"].value) > 60
    assert gaps.column_dimensions["C"].width == 32 and gaps["C1"].alignment.wrap_text


def test_two_exports_are_byte_identical_and_carry_no_time(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_tables(first, lang="fr")
    export_tables(second, lang="fr")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and "lastModifiedBy" not in core
    properties = openpyxl.load_workbook(first).properties
    assert properties.created == properties.modified
    assert properties.created.year == 1980


def test_french_spreadsheet_follows_french_typography(tmp_path):
    path = export_tables(tmp_path / "t.xlsx", lang="fr")[0]
    book = openpyxl.load_workbook(path)
    # The source documents are English titles and notes (the data has no French).
    skip = {get_sheet_names("fr")["sources"]}
    texts = {
        f"{sheet.title}!{cell.coordinate}": cell.value
        for sheet in book
        if sheet.title not in skip
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and not cell.value.startswith("[")
    }
    texts |= {f"sheet {name}": name for name in book.sheetnames}
    problems = {where: p for where, text in texts.items() if (p := typography_problems(text))}
    assert not problems


def test_csv_folder_holds_the_sheets(tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--format", "csv", "--lang", "fr", "--out", str(out)]) == 0
    tables = tabulate_export_tables(lang="fr")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.csv" for k in tables)
    for key, table in tables.items():
        data = (out / f"{key}.csv").read_bytes()
        assert data.startswith("\ufeff".encode()), key  # spreadsheet programs read UTF-8
        back = pd.read_csv(out / f"{key}.csv", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(table.columns), key
        expected = table.astype(object).where(table.notna(), "").astype(str)
        assert back.to_numpy().tolist() == expected.to_numpy().tolist(), key
    gaps = pd.read_csv(out / "civil_society_gaps.csv")
    assert len(gaps) == 48


@pytest.fixture(scope="module")
def package_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("json") / "tables.json"
    assert main(["export", "--format", "json", "--lang", "fr", "--out", str(path)]) == 0
    return path


def test_json_is_a_valid_data_package(package_file):
    report = Package(str(package_file)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    descriptor = json.loads(package_file.read_text("utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [*la.load_tables(), "civil_society_gaps", "party_recommendations"]
    assert all("path" not in r for r in descriptor["resources"])


def test_json_validation_can_fail(package_file, tmp_path):
    descriptor = json.loads(package_file.read_text("utf-8"))
    broken = copy.deepcopy(descriptor)
    long = broken["resources"][-1]["data"]
    long[1][long[0].index("iso3")] = "XXX"  # a State parties.csv does not have
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    report = Package(str(path)).validate()
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_json_tables_are_the_data_and_the_derived_tables(package_file):
    descriptor = json.loads(package_file.read_text("utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name, table in la.load_tables().items():
        header, *rows = resources[name]["data"]
        assert header == [f["name"] for f in resources[name]["schema"]["fields"]]
        assert len(rows) == len(table), name
    header, *rows = resources["party_recommendations"]["data"]
    long = la.compute_party_recommendations()
    assert header == list(long.columns)
    assert len(rows) == 7 * 48
    flags = [row[header.index("is_addressed")] for row in rows]
    expected = [None if pd.isna(v) else bool(v) for v in long["is_addressed"]]
    assert flags == expected
    gaps = resources["civil_society_gaps"]
    assert len(gaps["data"]) - 1 == 48
    assert gaps["title"] == get_sheet_names("fr")["civil_society_gaps"]
    assert build_data_package(lang="fr") == descriptor


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xls"], "Unknown format 'xls'; expected one of: xlsx, csv, json"),
        (["--lang", "de"], "Unknown language 'de'; expected one of: en, fr"),
        (["--out", "not-a-folder/t.xlsx"], "Cannot create output directory not-a-folder"),
        (["--out", ""], "The output path is empty"),
        (["--format", "xlsx", "--out", "."], "it is a folder; --format xlsx writes a file"),
        (["--out", "t"], "Cannot tell the format from 't'; expected a name ending in .xlsx"),
        (["--out", "t.json", "--format", "xlsx"], "names a .json file but the format is xlsx"),
        (["--out", "t.xlsx", "--format", "csv"], "names a .xlsx file but the format is csv"),
        (["--format", "csv", "--out", "not-a-folder"], "Cannot create output directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys, args, message):
    (tmp_path / "not-a-folder").write_text("a file", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["export", *args]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith("error: ") and message in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


@pytest.mark.parametrize("name", ["tables.json", "TABLES.JSON", "tables.xlsx"])
def test_the_format_follows_the_file_named(tmp_path, name):
    assert main(["export", "--out", str(tmp_path / name)]) == 0
    data = (tmp_path / name).read_bytes()
    if name.lower().endswith(".json"):
        assert json.loads(data)["resources"]
    else:
        assert zipfile.is_zipfile(tmp_path / name)


def test_an_existing_file_is_replaced_whole(tmp_path):
    target = tmp_path / "tables.xlsx"
    target.write_bytes(b"an older export")
    assert main(["export", "--out", str(target)]) == 0
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["tables.xlsx"]


def test_bad_data_leaves_an_existing_file_untouched(tmp_path, data_copy, run_main):
    target = tmp_path / "out" / "tables.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"an older export")
    (data_copy / "parties.csv").write_text("", encoding="utf-8")
    result = run_main("export", "--out", str(target), "--data-dir", str(data_copy))
    assert result.returncode == 1 and "parties.csv" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"an older export"
    assert [p.name for p in target.parent.iterdir()] == ["tables.xlsx"]


def test_the_default_output_is_named_after_the_language(tmp_path, run_main, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_main("export", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["lanzarote-analysis-tables.fr.xlsx"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path, data_copy):
    # A data directory from someone else: its text must not run in the spreadsheet.
    practices = data_copy / "practices.csv"
    text = practices.read_text("utf-8")
    practices.write_text(text.replace("Provides that", "=SUM(A1:A9) Provides that", 1), "utf-8")
    path = export_tables(tmp_path / "t.xlsx", data_dir=data_copy)[0]
    sheet = openpyxl.load_workbook(path)[get_sheet_names("en")["practices"]]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert len(cells) == 1 and cells[0].data_type == "s"
    assert cells[0].value.startswith("=SUM(A1:A9) Provides that")
