"""The command line: gaps and validate (figures and profile have their own tests)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lanzarote_analysis", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_gaps_csv_has_one_row_per_state_and_the_factsheet_split(capsys):
    assert main(["gaps"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["iso3", "name", "lacks_involvement", "lacks_financing", "gap"]
    parties = la.load_parties()
    assert [r["iso3"] for r in rows] == list(parties.index)
    split = {g: sum(r["gap"] == g for r in rows) for g in {r["gap"] for r in rows}}
    assert split == {
        "both": 8,
        "financing_only": 9,
        "none": 25,
        "unconfirmed": 2,
        "not_covered": int((parties["round2_coverage"] == "not_covered").sum()),
    }
    norway = next(r for r in rows if r["iso3"] == "NOR")
    assert (norway["lacks_involvement"], norway["lacks_financing"]) == ("", "")


def test_gaps_markdown_in_french(capsys):
    assert main(["gaps", "--format", "markdown", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| ISO3 | Partie |")
    assert any(line == "| MLT | Malte | non | oui | Citée par VII-2 seulement |" for line in out)
    assert len(out) == 2 + len(la.load_parties())


def test_gaps_with_data_dir(data_copy, capsys):
    path = data_copy / "addressees.csv"
    path.write_text(
        "".join(
            line
            for line in path.read_text("utf-8").splitlines(True)
            if not line.startswith("VII-2,MLT")
        ),
        encoding="utf-8",
    )
    assert main(["gaps", "--data-dir", str(data_copy)]) == 0
    malta = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("MLT,"))
    assert malta == "MLT,Malta,false,false,none"


def test_gaps_on_bad_data_exits_1_naming_the_file(data_copy, run_main):
    (data_copy / "parties.csv").write_text("", encoding="utf-8")
    result = run_main("gaps", "--data-dir", str(data_copy))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: ") and "parties.csv" in result.stderr


@pytest.mark.slow  # the command in a new process
def test_gaps_on_bad_data_exits_1_without_traceback(data_copy):
    (data_copy / "parties.csv").write_text("", encoding="utf-8")
    result = run("gaps", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "parties.csv" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [[], ["gaps"], ["validate"]])
def test_help_explains_every_command(command, run_main):
    result = run_main(*command, "--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout or not command
    if not command:
        for name in ("gaps", "validate"):
            assert name in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("gaps", "--lang", "de"), "error: Unknown language 'de'; expected one of: en, fr"),
        (("gaps", "--format", "xml"), "error: Unknown format 'xml'; expected one of: csv"),
        (("profile", "Malta", "--lang", "de"), "error: Unknown language 'de'"),
        (("profile", "Malta", "--format", "xml"), "error: Unknown format 'xml'"),
        (("export", "--format", "ods"), "error: Unknown format 'ods'"),
        (("figures", "--lang", "de"), "error: Unknown language 'de'; expected one of: en, fr"),
        (("report", "--lang", "de"), "error: Unknown language 'de'; expected one of: en, fr"),
    ],
)
def test_every_command_refuses_an_unknown_option_value_in_the_same_words(args, expected, run_main):
    result = run_main(*args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(expected), result.stderr


def test_an_unknown_option_is_a_usage_error(run_main):
    result = run_main("gaps", "--colour", "red")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
