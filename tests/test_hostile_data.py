"""Each way a data directory was found to fool, hang or crash the loader, as its own test.

Every case gives DataValidationError (or ConfigurationError) from the library and, from
the command line, exit 1 with one ``error:`` message naming the file, and no traceback.
Cases that used to hang run under a timeout.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.analysis import gaps
from lanzarote_analysis.cli import main
from lanzarote_analysis.errors import ConfigurationError
from lanzarote_analysis.io import files
from lanzarote_analysis.io.paths import DATA_DIR_ENV_VAR, PACKAGE_DIR
from lanzarote_analysis.vocabulary import INDICATOR_IDS, RECOMMENDATION_IDS

HANG_TIMEOUT = 60  # seconds; these cases used to block forever


def problems_of(data_dir: Path) -> list[la.Problem]:
    with pytest.raises(la.DataValidationError) as info:
        la.load_tables(data_dir)
    return info.value.problems


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err


def assert_refused(capsys, data_dir: Path, file: str, expected: str, line: int | None = None):
    """The library and the validate command both refuse, naming the file (and line)."""
    problems = problems_of(data_dir)
    assert any(p.file == file and p.row == line and expected in p.expected for p in problems), (
        problems
    )
    code, err = run_cli(capsys, "validate", str(data_dir))
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err
    assert file in err and expected in err
    return problems


def run_process(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lanzarote_analysis", *args],
        capture_output=True,
        text=True,
        timeout=HANG_TIMEOUT,
        **kwargs,
    )


def edit_descriptor(data_dir: Path, edit) -> None:
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    edit(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict, resource_name: str, field_name: str) -> dict:
    fields = resource(descriptor, resource_name)["schema"]["fields"]
    return next(f for f in fields if f["name"] == field_name)


def set_path(data_dir: Path, name: str, path) -> None:
    edit_descriptor(data_dir, lambda d: resource(d, name).__setitem__("path", path))


# Strict CSV.


def test_a_lost_closing_quote_in_practices_is_refused(data_copy, capsys):
    path = data_copy / "practices.csv"
    text = path.read_text("utf-8")
    first = text.index('"', text.index("\n"))
    closing = text.index('"', first + 1)
    path.write_text(text[:closing] + text[closing + 1 :], encoding="utf-8")
    assert_refused(capsys, data_copy, "practices.csv", "after a closing quote", line=2)


def test_an_unterminated_quote_is_refused(data_copy, capsys):
    path = data_copy / "levels.csv"
    path.write_text(path.read_text("utf-8") + 'invite,1,"never closed,x:y\n', encoding="utf-8")
    assert_refused(capsys, data_copy, "levels.csv", "a closing quote", line=5)


def test_a_quote_inside_an_unquoted_cell_is_refused(data_copy, capsys):
    path = data_copy / "parties.csv"
    path.write_text(
        path.read_text("utf-8").replace(",Malta,Malte,", ',Mal"ta,Malte,'), encoding="utf-8"
    )
    line = next(
        i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1) if "Mal" in text
    )
    assert_refused(capsys, data_copy, "parties.csv", "quotes only around a whole cell", line)


def test_a_nul_byte_is_refused(data_copy, capsys):
    path = data_copy / "parties.csv"
    path.write_bytes(path.read_bytes().replace(b"Malta", b"Ma\0ta"))
    line = next(i for i, text in enumerate(path.read_bytes().split(b"\n"), 1) if b"\0" in text)
    assert_refused(capsys, data_copy, "parties.csv", "without NUL bytes", line)


def test_a_cell_over_128_kb_is_refused(data_copy, capsys):
    path = data_copy / "levels.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace("require,3,", f'require,3,"{"x" * 140_000}', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_refused(capsys, data_copy, "levels.csv", "cells of at most 131072 characters", 2)


def test_a_row_with_too_few_cells_is_refused(data_copy, capsys):
    path = data_copy / "levels.csv"
    path.write_text(path.read_text("utf-8").replace("require,3,", "require,", 1), "utf-8")
    assert_refused(capsys, data_copy, "levels.csv", "4 comma-separated fields, found 3", 2)


# Only regular files inside the data directory.


@pytest.mark.timeout(HANG_TIMEOUT)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_in_place_of_a_table_is_refused_at_once(data_copy, capsys):
    (data_copy / "parties.csv").unlink()
    os.mkfifo(data_copy / "parties.csv")
    assert_refused(capsys, data_copy, "parties.csv", "a regular file")
    result = run_process("gaps", "--data-dir", str(data_copy))
    assert result.returncode == 1 and "parties.csv" in result.stderr


@pytest.mark.timeout(HANG_TIMEOUT)
def test_a_device_path_is_refused_unread(data_copy, capsys):
    set_path(data_copy, "levels", "/dev/zero")
    assert_refused(capsys, data_copy, "datapackage.json", "absolute paths are not read")


@pytest.mark.timeout(HANG_TIMEOUT)
def test_a_symlink_to_a_device_is_refused_unread(data_copy, capsys):
    (data_copy / "levels.csv").unlink()
    (data_copy / "levels.csv").symlink_to("/dev/zero")
    assert_refused(capsys, data_copy, "levels.csv", "inside the data directory")


@pytest.mark.timeout(HANG_TIMEOUT)
def test_a_device_node_inside_the_directory_is_refused_unread(data_copy, capsys):
    (data_copy / "levels.csv").unlink()
    try:
        os.mknod(data_copy / "levels.csv", 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot create a device node here")
    assert_refused(capsys, data_copy, "levels.csv", "a regular file")


def test_a_directory_in_place_of_a_table_is_refused(data_copy, capsys):
    (data_copy / "levels.csv").unlink()
    (data_copy / "levels.csv").mkdir()
    assert_refused(capsys, data_copy, "levels.csv", "a file, not a directory")


@pytest.mark.timeout(HANG_TIMEOUT)
def test_a_file_over_the_size_limit_is_refused_before_reading(data_copy, capsys):
    # A sparse file of 64 GiB: reading it would take minutes and all the memory.
    with (data_copy / "levels.csv").open("r+b") as handle:
        try:
            handle.truncate(64 * 2**30)
        except OSError:
            pytest.skip("no sparse files here")
    assert_refused(capsys, data_copy, "levels.csv", f"at most {files.MAX_FILE_BYTES} bytes")


@pytest.mark.parametrize(
    "command",
    [
        ["gaps"],
        ["validate"],
        ["profile", "Malta"],
        ["figures", "--only", "indicators", "--lang", "en", "--format", "svg", "--jobs", "1"],
    ],
    ids=["gaps", "validate", "profile", "figures"],
)
def test_an_absolute_path_to_another_csv_is_refused_by_every_command(
    data_copy, tmp_path, capsys, command
):
    outside = tmp_path / "outside.csv"
    outside.write_bytes((data_copy / "levels.csv").read_bytes())
    set_path(data_copy, "levels", str(outside))
    args = [*command, "--data-dir", str(data_copy)]
    if command[0] == "figures":
        args += ["--out", str(tmp_path / "figures")]
    code, err = run_cli(capsys, *args)
    assert code == 1 and "absolute paths are not read" in err and "Traceback" not in err
    with pytest.raises(la.DataValidationError, match="absolute paths"):
        la.load_levels(data_copy)


def test_a_parent_path_to_another_csv_is_refused(data_copy, tmp_path, capsys):
    (tmp_path / "outside.csv").write_bytes((data_copy / "levels.csv").read_bytes())
    set_path(data_copy, "levels", "../outside.csv")
    assert_refused(capsys, data_copy, "datapackage.json", "without ..")


def test_nothing_from_outside_the_directory_is_echoed(data_copy, tmp_path, capsys):
    secret = tmp_path / "secret.csv"
    secret.write_text("password=hunter2,token\n", encoding="utf-8")
    depth = len(data_copy.parts)
    set_path(data_copy, "levels", "../" * depth + str(secret).lstrip("/"))
    set_path(data_copy, "sources", "outside.csv")
    (data_copy / "outside.csv").symlink_to(secret)
    (data_copy / "datapackage.json").rename(data_copy / "real.json")
    (data_copy / "datapackage.json").symlink_to(data_copy / "real.json")  # inside: fine
    problems = problems_of(data_copy)
    code, err = run_cli(capsys, "validate", str(data_copy))
    assert code == 1 and "hunter2" not in err and "hunter2" not in str(problems)
    assert "inside the data directory" in err


def test_a_descriptor_linked_from_outside_is_refused(data_copy, tmp_path, capsys):
    target = tmp_path / "elsewhere.json"
    target.write_text("{ not json, and private\n", encoding="utf-8")
    (data_copy / "datapackage.json").unlink()
    (data_copy / "datapackage.json").symlink_to(target)
    code, err = run_cli(capsys, "validate", str(data_copy))
    assert code == 1 and "inside the data directory" in err and "private" not in err


def test_an_unreadable_file_raises_our_exception(data_copy, monkeypatch, capsys):
    real_open = os.open

    def deny(path, *args, **kwargs):
        if str(path).endswith("parties.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", deny)
    assert_refused(capsys, data_copy, "parties.csv", "a readable file (Permission denied)")


def test_a_symlink_loop_as_data_directory(tmp_path, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(la.DataValidationError, match="loop of symbolic links"):
        la.load_tables(tmp_path / "a")
    code, err = run_cli(capsys, "gaps", "--data-dir", str(tmp_path / "a"))
    assert code == 1 and "loop of symbolic links" in err


def test_an_empty_data_dir_variable_is_an_error(monkeypatch, capsys):
    monkeypatch.setenv(DATA_DIR_ENV_VAR, "")
    with pytest.raises(ConfigurationError, match="LANZAROTE_DATA_DIR is set but empty"):
        la.load_parties()
    code, err = run_cli(capsys, "validate")
    assert code == 1 and err.count("\n") == 1 and "set but empty" in err


def test_an_empty_data_dir_option_is_an_error(capsys):
    code, err = run_cli(capsys, "gaps", "--data-dir", "")
    assert code == 1 and "empty path" in err
    with pytest.raises(ConfigurationError):
        la.load_tables("")


def test_closed_standard_output_is_an_error_not_a_traceback():
    result = run_process("gaps", preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == "error: Cannot write standard output: it is closed\n"


# Malformed descriptors: problems, never a traceback.


def _set_field_constraint(key, value):
    def edit(d):
        field(d, "parties", "iso3")["constraints"][key] = value

    return edit


DESCRIPTOR_CASES = {
    "brace and newline": (lambda d: None, "valid JSON"),
    "path 123": (lambda d: resource(d, "levels").__setitem__("path", 123), "key 'path'"),
    "path list": (
        lambda d: resource(d, "levels").__setitem__("path", ["levels.csv"]),
        "key 'path'",
    ),
    "primaryKey 5": (
        lambda d: resource(d, "levels")["schema"].__setitem__("primaryKey", 5),
        "key 'schema.primaryKey'",
    ),
    "foreignKeys 5": (
        lambda d: resource(d, "addressees")["schema"].__setitem__("foreignKeys", 5),
        "key 'schema.foreignKeys'",
    ),
    "enum 5": (
        lambda d: field(d, "parties", "round2_coverage")["constraints"].__setitem__("enum", 5),
        "constraints.enum",
    ),
    "bad pattern": (_set_field_constraint("pattern", "[A-Z"), "a valid regular expression"),
    "duplicate resource name": (
        lambda d: resource(d, "levels").__setitem__("name", "parties"),
        "a name used by no other resource",
    ),
    "unchecked constraint": (
        _set_field_constraint("minLength", 3),
        "only constraints this package checks",
    ),
    "required not a boolean": (_set_field_constraint("required", "yes"), "true or false"),
    "trueValues 5": (
        lambda d: field(d, "parties", "is_coe_member_at_adoption").__setitem__("trueValues", 5),
        "key 'schema.fields[6].trueValues'",
    ),
    "resources not a list": (lambda d: d.__setitem__("resources", {}), "'resources' list"),
}


@pytest.mark.parametrize("case", DESCRIPTOR_CASES)
def test_a_malformed_descriptor_gives_problems(data_copy, capsys, case):
    edit, expected = DESCRIPTOR_CASES[case]
    if case == "brace and newline":
        (data_copy / "datapackage.json").write_text("{\n", encoding="utf-8")
    else:
        edit_descriptor(data_copy, edit)
    problems = problems_of(data_copy)
    assert all(p.file == "datapackage.json" for p in problems)
    assert any(expected in str(p) for p in problems), problems
    code, err = run_cli(capsys, "gaps", "--data-dir", str(data_copy))
    assert code == 1 and expected in err and "Traceback" not in err


def test_a_deeply_nested_descriptor_gives_a_problem(data_copy):
    (data_copy / "datapackage.json").write_text("[" * 100_000, encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert problem.file == "datapackage.json" and "valid JSON" in problem.expected


# What the figures and the profile need is checked by validate.


def test_a_resource_removed_from_the_descriptor_is_refused(data_copy, capsys):
    edit_descriptor(
        data_copy,
        lambda d: d.__setitem__(
            "resources", [r for r in d["resources"] if r["name"] != "country_groups"]
        ),
    )
    assert_refused(capsys, data_copy, "datapackage.json", "the package's tables and figures")


@pytest.mark.parametrize("indicator_id", INDICATOR_IDS)
def test_each_headline_indicator_is_required(data_copy, capsys, indicator_id):
    path = data_copy / "indicators.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith(f"{indicator_id},")), "utf-8")
    assert_refused(capsys, data_copy, "indicators.csv", f"a row for {indicator_id}")


def test_figures_refuse_data_without_parties_monitored(data_copy, tmp_path, capsys):
    path = data_copy / "indicators.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("parties_monitored,")), "utf-8")
    code, err = run_cli(
        capsys,
        *["figures", "--only", "indicators", "--data-dir", str(data_copy), "--jobs", "1"],
        *["--out", str(tmp_path / "figures"), "--quiet"],
    )
    assert code == 1 and "a row for parties_monitored" in err and "Traceback" not in err
    assert not (tmp_path / "figures").exists() or not list((tmp_path / "figures").iterdir())


@pytest.mark.parametrize("rec_id", RECOMMENDATION_IDS)
def test_each_recommendation_is_required(data_copy, capsys, rec_id):
    path = data_copy / "recommendations.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith(f"{rec_id},")), "utf-8")
    if rec_id in {"VII-1", "VII-2"}:  # their addressees then point nowhere: also refused
        (data_copy / "addressees.csv").write_text(
            "".join(
                x
                for x in (data_copy / "addressees.csv").read_text("utf-8").splitlines(True)
                if not x.startswith(f"{rec_id},")
            ),
            encoding="utf-8",
        )
    assert_refused(capsys, data_copy, "recommendations.csv", f"a row for {rec_id}")


def test_vii_1_must_list_its_parties(data_copy, capsys):
    path = data_copy / "recommendations.csv"
    path.write_text(
        path.read_text("utf-8").replace(
            "VII-1,2,VII,1,require,listed,", "VII-1,2,VII,1,require,all_parties,"
        ),
        encoding="utf-8",
    )
    problems = problems_of(data_copy)
    assert any(
        p.file == "recommendations.csv"
        and p.column == "scope"
        and p.row == 2
        and "civil society gap" in p.expected
        for p in problems
    ), problems


def test_every_state_needs_its_groups(data_copy, capsys):
    path = data_copy / "country_groups.csv"
    path.write_text(
        "".join(x for x in path.read_text("utf-8").splitlines(True) if not x.startswith("MLT,")),
        encoding="utf-8",
    )
    assert_refused(capsys, data_copy, "country_groups.csv", "a row for MLT")


DESCRIPTOR_NEEDS = {
    "type changed": (
        lambda d: field(d, "parties", "party_since").__setitem__("type", "string"),
        "type 'date'",
    ),
    "enumeration dropped": (
        lambda d: field(d, "recommendations", "theme")["constraints"].pop("enum"),
        "exactly these values",
    ),
    "unlabelled theme": (
        lambda d: field(d, "recommendations", "theme")["constraints"]["enum"].append("new"),
        "exactly these values",
    ),
    "level order": (
        lambda d: field(d, "levels", "level")["constraints"].__setitem__(
            "enum", ["require", "request", "invite"]
        ),
        "categoriesOrdered: true, with the enum in the order invite, request, require",
    ),
    "required dropped": (
        lambda d: field(d, "parties", "name_en")["constraints"].pop("required"),
        "required: true",
    ),
    "foreign key dropped": (
        lambda d: resource(d, "addressees")["schema"].__setitem__("foreignKeys", []),
        "a foreign key from (rec_id) to resource 'recommendations'",
    ),
    "primary key changed": (
        lambda d: resource(d, "parties")["schema"].__setitem__("primaryKey", "iso2"),
        "the primary key iso3",
    ),
    "field removed": (
        lambda d: resource(d, "parties")["schema"]["fields"].remove(field(d, "parties", "aliases")),
        "this field: the package reads it",
    ),
}


@pytest.mark.parametrize("case", DESCRIPTOR_NEEDS)
def test_a_descriptor_must_keep_what_the_code_reads(data_copy, capsys, case):
    edit, expected = DESCRIPTOR_NEEDS[case]
    edit_descriptor(data_copy, edit)
    if case == "field removed":  # the column goes with its declaration
        path = data_copy / "parties.csv"
        rows = [line.split(",") for line in path.read_text("utf-8").splitlines()]
        index = rows[0].index("aliases")
        path.write_text(
            "\n".join(",".join(r[:index] + r[index + 1 :]) for r in rows) + "\n", "utf-8"
        )
    assert_refused(capsys, data_copy, "datapackage.json", expected)


# Library code: no assert guards data; queries are bounded.


@pytest.mark.timeout(HANG_TIMEOUT)
def test_an_overlong_party_name_is_refused_at_once_quoting_its_start():
    query = "Malta" + "x" * 2_000_000
    with pytest.raises(la.UnknownPartyError) as info:
        la.resolve_party(query)
    message = str(info.value)
    assert len(message) < 300 and "'Maltaxxx" in message and "2000005 characters" in message


def test_gaps_refuses_addressees_outside_the_round(monkeypatch):
    real = gaps.load_addressees

    def with_norway(data_dir=None):
        table = real(data_dir).reset_index()
        table.loc[len(table)] = {"rec_id": "VII-1", "iso3": "NOR"}
        return table.set_index(["rec_id", "iso3"])

    monkeypatch.setattr(gaps, "load_addressees", with_norway)
    with pytest.raises(la.DataValidationError, match="NOR"):
        la.compute_civil_society_gaps()


def test_no_assert_statement_in_library_code():
    # `python -O` strips asserts: a check on data must be an exception of ours.
    found = [
        f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert not found
