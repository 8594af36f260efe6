"""Reading one CSV file of the data package into a typed DataFrame.

The file is read as text with a strict CSV reader first (csv_records.py), so that
every problem can be located by line number, then each column is converted to the
type its Table Schema declares. Leading BOMs and stray whitespace are accepted and
normalised; everything else that is off becomes a :class:`~.errors.Problem`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import pandas as pd

from ..errors import Problem
from .csv_records import CsvSyntaxError, read_records
from .specs import FieldSpec, ResourceSpec

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")


def _clean(cell: str) -> str:
    # Spreadsheets add stray spaces and may decompose accents; normalise both.
    return unicodedata.normalize("NFC", cell.strip())


def read_raw_table(data: bytes, spec: ResourceSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a table's cells as strings from the bytes of its file, indexed by line number.

    The CSV is read strictly: an unterminated quote, a stray quote, a NUL byte, a
    cell longer than :data:`~.csv_records.MAX_CELL_CHARS` or a row with the wrong
    number of cells is a problem, never a shifted or truncated row. Returns
    ``None`` instead of a frame when the file cannot be read as a table at all.
    """
    name = spec.path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                None,
                f"byte 0x{data[exc.start]:02X}",
                "UTF-8 text (save the file as 'CSV UTF-8')",
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                name,
                None,
                None,
                None,
                f"a header row ({', '.join(spec.field_names)}) and data rows; the file is empty",
            )
        ]
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        return None, [Problem(name, line, None, None, "text without NUL bytes (is it a CSV file?)")]

    problems: list[Problem] = []
    records = read_records(text)
    try:
        _, first = next(records)
        header = [_clean(c) for c in first]
        declared = spec.field_names
        for column in declared:
            if column not in header:
                problems.append(
                    Problem(name, 1, column, None, "this column, declared in datapackage.json")
                )
        for column in header:
            if column not in declared:
                problems.append(
                    Problem(
                        name,
                        1,
                        column[:80],
                        None,
                        "only columns declared in datapackage.json (declare it there first)",
                    )
                )
        seen: set[str] = set()
        for column in header:
            if column in seen:
                problems.append(Problem(name, 1, column[:80], None, "each column once"))
            seen.add(column)
        if problems:
            return None, problems

        rows: list[list[str]] = []
        lines: list[int] = []
        for start, record in records:
            if not any(c.strip() for c in record):  # blank lines are harmless
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        name,
                        start,
                        None,
                        ",".join(record)[:80],
                        f"{len(header)} comma-separated fields, found {len(record)}",
                    )
                )
            else:
                rows.append([_clean(c) for c in record])
                lines.append(start)
    except CsvSyntaxError as error:
        # Nothing after a syntax error can be trusted: where the next row starts is unknown.
        return None, [*problems, Problem(name, error.line, None, None, error.expected)]
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=str)
    return frame[declared], problems


def _parse(cell: str, spec: FieldSpec) -> object:
    """Parse one cleaned cell ('' = missing); raise ValueError when it does not parse."""
    if cell == "":
        return None
    if spec.type == "string":
        return cell
    if spec.type == "integer":
        if not _INTEGER.match(cell) or len(cell.lstrip("+-")) > 18:
            raise ValueError(cell)  # beyond 18 digits would not fit a 64-bit column
        return int(cell)
    if spec.type == "number":
        if not _NUMBER.match(cell):
            raise ValueError(cell)
        return float(cell)
    if spec.type == "boolean":
        if cell in spec.true_values:
            return True
        if cell in spec.false_values:
            return False
        raise ValueError(cell)
    if spec.type == "date":
        if not _DATE.match(cell):
            raise ValueError(cell)
        return datetime.date.fromisoformat(cell)
    raise TypeError(f"unsupported field type {spec.type!r}")  # schema.py rejects it earlier


_DTYPES = {"string": "str", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def expected_type(spec: FieldSpec) -> str:
    if spec.type == "boolean":
        return f"a boolean ({' or '.join(spec.true_values + spec.false_values)})"
    return {
        "integer": "an integer of at most 18 digits",
        "number": "a number",
        "date": "an existing date written YYYY-MM-DD",
    }.get(spec.type, spec.type)


def convert_types(
    frame: pd.DataFrame, spec: ResourceSpec
) -> tuple[pd.DataFrame, list[Problem], set[tuple[int, str]]]:
    """Give every column its declared type; report cells that do not parse.

    Cells are parsed in plain Python: the tables are small, and per-column pandas
    operations would cost more in overhead than the parsing itself. Also returns the
    (line, column) cells that failed, so later checks do not report them again as
    missing.
    """
    problems: list[Problem] = []
    failed: set[tuple[int, str]] = set()
    lines = [int(line) for line in frame.index]
    out = {}
    for field_spec in spec.fields:
        values = []
        for line, cell in zip(lines, frame[field_spec.name].tolist(), strict=True):
            try:
                values.append(_parse(cell, field_spec))
            except ValueError:
                problems.append(
                    Problem(spec.path, line, field_spec.name, cell, expected_type(field_spec))
                )
                failed.add((line, field_spec.name))
                values.append(None)
        if field_spec.type == "date":
            out[field_spec.name] = pd.to_datetime(pd.Series(values, dtype=object)).to_numpy()
        else:
            out[field_spec.name] = pd.array(values, dtype=_DTYPES[field_spec.type])
    return pd.DataFrame(out, index=frame.index), problems, failed
