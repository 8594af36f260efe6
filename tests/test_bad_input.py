"""Bad input gets a precise error: file, line, column, value and what was expected.

Each case edits a private copy of data/ and checks the library (DataValidationError) and
the command line (``validate``: exit 1, every problem listed, no traceback).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.errors import DataValidationError, Problem


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataValidationError) as info:
        la.load_tables(data_dir)
    return info.value.problems


def run_validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lanzarote_analysis", "validate", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def line_of(path: Path, startswith: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(startswith))


def _unknown_party_code(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "addressees.csv", "VII-2,UKR,", "VII-2,UKX,")
    return "addressees.csv", line_of(d / "addressees.csv", "VII-2,UKX"), "iso3", "UKX"


def _duplicate_key(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "recommendations.csv", "VII-4,2,VII,4,", "VII-3,2,VII,4,")
    return (
        "recommendations.csv",
        line_of(d / "recommendations.csv", "VII-3,2,VII,4"),
        "rec_id",
        "VII-3",
    )


def _bad_level(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "recommendations.csv", "VII-1,2,VII,1,require,", "VII-1,2,VII,1,requires,")
    return "recommendations.csv", 2, "level", "requires"


def _wrong_type(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "addressees.csv", "VII-1,GRC,3,", "VII-1,GRC,three,")
    return "addressees.csv", line_of(d / "addressees.csv", "VII-1,GRC"), "footnote", "three"


def _wrong_boolean(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "parties.csv", "Tunisie,,not_covered,false,", "Tunisie,,not_covered,no,")
    return "parties.csv", line_of(d / "parties.csv", "TUN,"), "is_coe_member_at_adoption", "no"


def _dangling_foreign_key(d: Path) -> tuple[str, int, str, str]:
    replace_in(
        d / "practices.csv",
        "EST-violence-prevention-strategy,EST,",
        "EST-violence-prevention-strategy,ZZZ,",
    )
    return "practices.csv", line_of(d / "practices.csv", "EST-"), "iso3", "ZZZ"


def _unknown_source_document(d: Path) -> tuple[str, int, str, str]:
    replace_in(d / "levels.csv", "factsheet:introduction:fn1", "factshet:introduction:fn1")
    return (
        "levels.csv",
        line_of(d / "levels.csv", "request,"),
        "source",
        "factshet:introduction:fn1",
    )


CASES = {
    "unknown Party code": _unknown_party_code,
    "duplicate key": _duplicate_key,
    "bad level": _bad_level,
    "wrong type": _wrong_type,
    "wrong boolean": _wrong_boolean,
    "dangling foreign key": _dangling_foreign_key,
    "unknown source document": _unknown_source_document,
}


@pytest.mark.parametrize("case", CASES)
def test_cell_errors_are_located(data_copy, case):
    file, line, column, value = CASES[case](data_copy)
    problems = problems_of(data_copy)
    located = [
        p for p in problems if (p.file, p.row, p.column, p.value) == (file, line, column, value)
    ]
    assert located, f"no problem at {file}:{line} {column}={value!r} in {problems}"
    assert located[0].expected  # says what was expected
    assert str(located[0]).startswith(f"{file}, line {line}, column '{column}': found {value!r}")


def test_duplicate_key_names_both_lines(data_copy):
    file, line, column, value = _duplicate_key(data_copy)
    rows = {p.row for p in problems_of(data_copy) if p.column == column and p.value == value}
    assert rows == {line_of(data_copy / file, "VII-3,2,VII,3"), line}


def test_missing_column(data_copy):
    path = data_copy / "recommendations.csv"
    lines = [line.rsplit(",", 1)[0] for line in path.read_text("utf-8").splitlines()]
    # Drop the last column (source); quoted commas in summaries stay intact before it.
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(data_copy)
    assert (
        Problem(
            "recommendations.csv", 1, "source", None, "this column, declared in datapackage.json"
        )
        in problems
    )


def test_empty_file(data_copy):
    (data_copy / "practices.csv").write_text("", encoding="utf-8")
    [problem] = [p for p in problems_of(data_copy) if p.file == "practices.csv"]
    assert "empty" in problem.expected and "practice_id" in problem.expected


def test_row_with_too_many_fields(data_copy):
    replace_in(data_copy / "levels.csv", "require,3,", "require,3,extra,")
    [problem] = [p for p in problems_of(data_copy) if p.file == "levels.csv"]
    assert (problem.file, problem.row) == ("levels.csv", 2)
    assert "4 comma-separated fields, found 5" in problem.expected


def test_malformed_datapackage(data_copy):
    path = data_copy / "datapackage.json"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert problem.file == "datapackage.json"
    assert problem.row == next(
        i for i, line in enumerate(text.splitlines(), 1) if '"resources": [' in line
    )
    assert "valid JSON" in problem.expected


def test_datapackage_without_resources(data_copy):
    (data_copy / "datapackage.json").write_text('{"name": "x"}', encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "'resources' list" in problem.expected


def test_bom_and_stray_whitespace_are_accepted_and_normalised(data_copy):
    path = data_copy / "parties.csv"
    text = path.read_text("utf-8").replace("ALB,AL,Albania,", " ALB , AL ,  Albania\t,", 1)
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    parties = la.load_parties(data_copy)
    assert parties.loc["ALB", ["iso2", "name_en"]].tolist() == ["AL", "Albania"]
    assert parties.index[0] == "ALB"  # the BOM is not part of the first column's name
    assert la.load_parties(data_copy).equals(la.load_parties())


def test_every_problem_of_a_load_is_reported_together(data_copy):
    expected = [_bad_level(data_copy), _dangling_foreign_key(data_copy), _wrong_type(data_copy)]
    problems = problems_of(data_copy)
    for file, line, column, value in expected:
        assert any(
            (p.file, p.row, p.column, p.value) == (file, line, column, value) for p in problems
        )


def test_missing_data_dir(tmp_path):
    with pytest.raises(DataValidationError, match="existing data directory"):
        la.load_tables(tmp_path / "nowhere")


@pytest.mark.slow  # the command in a new process
@pytest.mark.parametrize("case", [*CASES, "malformed datapackage"])
def test_validate_command_exits_1_listing_problems(data_copy, case):
    if case == "malformed datapackage":
        replace_in(data_copy / "datapackage.json", '"resources": [', '"resources": [,')
        file, line = "datapackage.json", None
    else:
        file, line, _, _ = CASES[case](data_copy)
    result = run_validate(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert file in result.stderr
    if line is not None:
        assert f"line {line}" in result.stderr


@pytest.mark.slow  # the command in a new process
def test_validate_command_on_valid_data(data_copy):
    result = run_validate(data_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "valid" in result.stdout


def test_errors_survive_pickling(data_copy):
    # Figures are built in worker processes, which send errors back pickled.
    import pickle

    _bad_level(data_copy)
    with pytest.raises(DataValidationError) as info:
        la.load_tables(data_copy)
    copy = pickle.loads(pickle.dumps(info.value))
    assert copy.problems == info.value.problems and str(copy) == str(info.value)
    unknown = la.UnknownPartyError("Atlantis", ["Austria"])
    assert str(pickle.loads(pickle.dumps(unknown))) == str(unknown)


@pytest.mark.slow  # the command in a new process
@pytest.mark.parametrize(
    ("file", "damage", "message"),
    [
        ("practices.csv", lambda text: "", "practices.csv; expected a header row"),
        (
            "recommendations.csv",
            lambda text: text.replace("rec_id,round,", "rec_id,rnd,", 1),
            "recommendations.csv, line 1, column 'round'",
        ),
    ],
    ids=["empty file", "missing column"],
)
def test_validate_command_on_file_level_problems(data_copy, file, damage, message, run_main):
    path = data_copy / file
    path.write_text(damage(path.read_text("utf-8")), encoding="utf-8")
    result = run_main("validate", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


@pytest.mark.slow  # the command in a new process
def test_validate_command_accepts_bom_and_whitespace(data_copy):
    path = data_copy / "levels.csv"
    text = path.read_text("utf-8").replace("invite,1,", "  invite , 1 ,")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_validate(data_copy)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # the command in a new process
def test_validate_command_checks_the_descriptor_against_the_standard(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(
        path.read_text("utf-8").replace('"profile": "tabular-data-package"', '"profile": 42', 1),
        encoding="utf-8",
    )
    result = run_validate(data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "datapackage.json; expected the Data Package standard" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "column", "value", "expected"),
    [
        ("VII-1,TUR,", "VII-1,TUN,", "iso3", "TUN", "a Party the round covered"),
        ("VII-1,TUR,", "VII-1,NOR,", "iso3", "NOR", "coverage 'unconfirmed'"),
        ("VII-1,TUR,", "VII-3,TUR,", "rec_id", "VII-3", "scope is 'listed'"),
    ],
    ids=["not covered", "unconfirmed", "all-Parties recommendation"],
)
def test_addressees_must_be_covered_parties_of_listed_recommendations(
    data_copy, old, new, column, value, expected, run_main
):
    path = data_copy / "addressees.csv"
    replace_in(path, old, new)
    line = line_of(path, new)
    problems = problems_of(data_copy)
    assert any(
        (p.file, p.row, p.column, p.value) == ("addressees.csv", line, column, value)
        and expected in p.expected
        for p in problems
    ), problems
    assert run_main("validate", str(data_copy)).returncode == 1


def test_a_listed_recommendation_must_name_someone(data_copy):
    path = data_copy / "addressees.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    problems = problems_of(data_copy)
    named = {p.row for p in problems if p.file == "recommendations.csv" and p.column == "scope"}
    assert named == {2, 3}  # VII-1 and VII-2 lines


def test_impossible_date(data_copy):
    replace_in(data_copy / "parties.csv", ",2021-04-01,", ",2021-13-01,")
    [problem] = problems_of(data_copy)
    assert (problem.file, problem.column, problem.value) == (
        "parties.csv",
        "party_since",
        "2021-13-01",
    )
    assert problem.expected == "an existing date written YYYY-MM-DD"


def test_file_not_in_utf8(data_copy):
    path = data_copy / "parties.csv"
    path.write_bytes(path.read_text("utf-8").encode("latin-1"))
    [problem] = problems_of(data_copy)
    first = next(
        i for i, line in enumerate(path.read_bytes().split(b"\n"), 1) if any(b > 127 for b in line)
    )
    assert (problem.file, problem.row) == ("parties.csv", first)
    assert problem.value.startswith("byte 0x") and "CSV UTF-8" in problem.expected
