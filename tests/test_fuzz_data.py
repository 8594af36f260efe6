"""Property-based fuzzing of the loader and the command line on damaged copies of data/.

Each example damages a private copy of the data (byte flips, truncation, deleted or
duplicated lines, removed quotes, shuffled columns, descriptor edits) and checks what
a user would see:

- the library returns tables, or raises DataValidationError; never another exception;
- tables it returns are the tables a fresh process would read (the in-process cache
  never serves anything else), keep their keys unique and their required cells filled;
- a damage that keeps the meaning (shuffled columns, CRLF line ends) gives exactly
  the clean tables; one that must be refused (a duplicated row, a removed quote, a
  lost header) is refused;
- ``gaps``, ``validate`` and ``profile`` exit 0 with the output of a clean run of the
  same data, or 1 with one ``error:`` message and no traceback; data that validates
  can be profiled and drawn.

The number of examples is modest so that ``make test`` stays fast; set
``LANZAROTE_FUZZ_EXAMPLES`` to run more. Examples are derandomised (the same on every
run, so a failure on CI reproduces locally) and no example database is written.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import lanzarote_analysis as la
from lanzarote_analysis.cli import main
from lanzarote_analysis.io import data_package
from lanzarote_analysis.io.csv_records import CsvSyntaxError, read_records
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR

# make test runs the fuzzing; make test-fast leaves it out.
pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("LANZAROTE_FUZZ_EXAMPLES", "80"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CSV_FILES = sorted(p.name for p in BUNDLED_DATA_DIR.glob("*.csv"))
DESCRIPTOR = "datapackage.json"
FILES = [*CSV_FILES, DESCRIPTOR]
#: Values a descriptor edit puts in place of another value.
ODD_VALUES = [5, -1, 0.5, "x", "", "[A-Z", "../levels.csv", "/dev/zero", [], {}, None, True, [5]]
CHART_FUNCTIONS = (
    "plot_recommendation_matrix",
    "plot_addressees_by_recommendation",
    "plot_gap_overlap",
    "plot_gaps_by_group",
    "plot_practices_vs_gaps",
    "plot_indicators",
)


def copy_data(target: Path) -> Path:
    """The descriptor and tables of data/ (not the basemap nor the source texts)."""
    target.mkdir()
    for name in FILES:
        shutil.copyfile(BUNDLED_DATA_DIR / name, target / name)
    return target


def run_main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def commands(data_dir: Path, party: str = "MLT") -> dict[str, list[str]]:
    return {
        "gaps": ["gaps", "--data-dir", str(data_dir)],
        "validate": ["validate", str(data_dir)],
        "profile": ["profile", party, "--format", "csv", "--data-dir", str(data_dir)],
    }


@cache
def clean_tables() -> dict[str, pd.DataFrame]:
    return la.load_tables(BUNDLED_DATA_DIR)


@cache
def clean_outputs() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = copy_data(Path(tmp) / "data")
        outputs = {}
        for name, args in commands(data_dir).items():
            code, out, err = run_main(*args)
            assert code == 0, err
            outputs[name] = out.replace(str(data_dir), "<DATA>")
        return outputs


def tables_equal(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> bool:
    return left.keys() == right.keys() and all(left[k].equals(right[k]) for k in left)


# Damage.


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def shuffle_columns(data: bytes, order: list[int]) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row[i] for i in order])
    return out.getvalue().encode("utf-8")


def json_paths(value, prefix=()):
    """Every path to a value inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*prefix, index))


def edit_json(document, path, action, value=None):
    *parents, last = path
    holder = document
    for key in parents:
        holder = holder[key]
    if action == "delete":
        del holder[last]
    else:
        holder[last] = value
    return document


@st.composite
def damages(draw, data: dict[str, bytes]):
    """One damage: (file, kind, new bytes)."""
    name = draw(st.sampled_from(FILES))
    content = data[name]
    kinds = ["flip", "truncate", "delete_line", "duplicate_line"]
    if name == DESCRIPTOR:
        kinds += ["json_delete", "json_replace", "json_duplicate_resource"] * 2
    else:
        kinds += ["shuffle_columns", "crlf"]
        if b'"' in content:
            kinds += ["remove_quote"] * 3  # the damage the csv module used to misread
    kind = draw(st.sampled_from(kinds))
    lines = lines_of(content)
    if kind == "flip":
        position = draw(st.integers(0, len(content) - 1))
        byte = content[position] ^ draw(st.integers(1, 255))
        new = content[:position] + bytes([byte]) + content[position + 1 :]
    elif kind == "truncate":
        new = content[: draw(st.integers(0, len(content) - 1))]
    elif kind == "delete_line":
        index = draw(st.integers(0, len(lines) - 1))
        new = b"".join(lines[:index] + lines[index + 1 :])
        kind = "delete_header" if index == 0 and name != DESCRIPTOR else kind
    elif kind == "duplicate_line":
        index = draw(st.integers(0, len(lines) - 1))
        new = b"".join(lines[: index + 1] + lines[index:])
        kind = "duplicate_row" if index > 0 and name != DESCRIPTOR else kind
    elif kind == "remove_quote":
        quotes = [i for i, b in enumerate(content) if b == ord('"')]
        position = draw(st.sampled_from(quotes))
        new = content[:position] + content[position + 1 :]
    elif kind == "shuffle_columns":
        width = len(lines[0].split(b","))
        order = draw(st.permutations(range(width)))
        new = shuffle_columns(content, list(order))
    elif kind == "crlf":
        new = content.replace(b"\n", b"\r\n")
    else:
        document = json.loads(content)
        if kind == "json_duplicate_resource":
            resources = document["resources"]
            resources.append(json.loads(json.dumps(draw(st.sampled_from(resources)))))
        else:
            paths = [p for p in json_paths(document) if p]
            path = draw(st.sampled_from(paths))
            value = draw(st.sampled_from(ODD_VALUES)) if kind == "json_replace" else None
            edit_json(document, path, "delete" if kind == "json_delete" else "replace", value)
        new = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    return name, kind, new


# Properties.


def check_library(data_dir: Path, damage: tuple | None):
    """Load the damaged copy; check the outcome; return the tables or None."""
    try:
        tables = la.load_tables(data_dir)
    except la.DataValidationError as error:
        assert error.problems and "Traceback" not in str(error)
        if damage is not None:
            assert damage[1] != "shuffle_columns" and damage[1] != "crlf", str(error)
        return None
    # What a fresh process would read.
    data_package._cache.clear()
    assert tables_equal(tables, la.load_tables(data_dir))
    for name, table in tables.items():
        assert table.index.is_unique, name
    if damage is not None:
        name, kind, _ = damage
        assert kind not in {"duplicate_row", "delete_header"}, f"{kind} of {name} accepted"
        if kind in {"shuffle_columns", "crlf"}:
            assert tables_equal(tables, clean_tables())
        if kind == "remove_quote":
            assert tables_equal(tables, clean_tables()), "a removed quote changed the data"
    return tables


def check_commands(data_dir: Path, tables: dict[str, pd.DataFrame] | None) -> None:
    party = "MLT"
    if tables is not None and "MLT" not in tables["parties"].index:
        party = str(tables["parties"].index[0])
    results = {}
    for name, args in commands(data_dir, party).items():
        code, out, err = run_main(*args)
        assert code in (0, 1), (name, code, err)
        if code == 1:
            assert err.startswith("error: ") and "Traceback" not in err, err
            assert out == "", f"{name} wrote output before failing"
        else:
            assert err == "", err
        results[name] = (code, out.replace(str(data_dir), "<DATA>"))
    if tables is None:
        assert results["gaps"][0] == results["validate"][0] == 1
        return
    # Data the library loads: gaps and profile work; validate may only add
    # Frictionless's findings on the descriptor.
    assert results["gaps"][0] == 0 and results["profile"][0] == 0, results
    if tables_equal(tables, clean_tables()):
        assert results["gaps"][1] == clean_outputs()["gaps"]
        if results["validate"][0] == 0:
            assert results["validate"][1] == clean_outputs()["validate"]
    else:
        data_package._cache.clear()
        assert run_main(*commands(data_dir)["gaps"])[1] == results["gaps"][1].replace(
            "<DATA>", str(data_dir)
        )


def check_drawing(data_dir: Path) -> None:
    for name in CHART_FUNCTIONS:
        ax = getattr(la, name)(data_dir=data_dir, lang="fr")
        plt.close(ax.get_figure(root=True))


@FUZZ
@given(data=st.data())
def test_damaged_data_is_refused_or_read_exactly(data):
    originals = {name: (BUNDLED_DATA_DIR / name).read_bytes() for name in FILES}
    count = data.draw(st.sampled_from([1, 1, 1, 2]), label="damages")
    drawn = [data.draw(damages(originals), label="damage") for _ in range(count)]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = copy_data(Path(tmp) / "data")
        la.load_tables(data_dir)  # the clean copy is in the cache: a stale hit would show
        for name, _, new in drawn:
            path = data_dir / name
            before = path.stat()
            path.write_bytes(new)
            # Keep the modification time, as cp -p and rsync -t do: only the content tells.
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            originals[name] = new
        damage = drawn[0] if count == 1 else None
        tables = check_library(data_dir, damage)
        for name, kind, _ in drawn:
            event(f"{kind} of {name}: {'refused' if tables is None else 'loaded'}")
        check_commands(data_dir, tables)
        if tables is not None and not tables_equal(tables, clean_tables()):
            check_drawing(data_dir)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet='ab,"\n\r ', max_size=40))
def test_the_csv_reader_agrees_with_pythons_or_refuses(text):
    # Python's csv module (strict) is the independent reading: ours may refuse more
    # (a quote inside an unquoted cell), never read something else.
    try:
        ours = [cells for _, cells in read_records(text)]
    except CsvSyntaxError:
        ours = None
    try:
        theirs = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        theirs = None
    if ours is not None:
        assert theirs is not None
        assert ours == [row or [""] for row in theirs]
    if theirs is None:
        assert ours is None


def damaged_copies(tmp_path: Path) -> dict[str, Path]:
    """A few damaged copies for the command run as a real process."""
    copies = {}
    lost_quote = copy_data(tmp_path / "lost_quote")
    path = lost_quote / "practices.csv"
    text = path.read_text("utf-8")
    first = text.index('"', text.index("\n"))
    closing = text.index('"', first + 1)
    path.write_text(text[:closing] + text[closing + 1 :], encoding="utf-8")
    copies["lost quote"] = lost_quote
    bad_json = copy_data(tmp_path / "bad_json")
    (bad_json / DESCRIPTOR).write_text("{\n", encoding="utf-8")
    copies["descriptor {"] = bad_json
    renamed = copy_data(tmp_path / "renamed")
    path = renamed / "parties.csv"
    path.write_text(
        path.read_text("utf-8").replace(",Malta,Malte,", ",Malta (copy),Malte,"), "utf-8"
    )
    copies["valid edit"] = renamed
    return copies


@pytest.mark.slow
def test_damaged_copies_in_a_real_process(tmp_path):
    for case, data_dir in damaged_copies(tmp_path).items():
        for name, args in commands(data_dir).items():
            result = subprocess.run(
                [sys.executable, "-m", "lanzarote_analysis", *args],
                capture_output=True,
                text=True,
                timeout=120,
            )
            code, out, err = run_main(*args)
            assert (result.returncode, result.stdout) == (code, out), (case, name)
            assert "Traceback" not in result.stderr, (case, name, result.stderr)
            if code == 1:
                assert result.stderr.startswith("error: "), (case, name)
            assert case != "valid edit" or code == 0, (name, result.stderr)
