"""Text outputs of the command line: the gap table and the validation summary."""

from __future__ import annotations

import csv
import io

import pandas as pd

from .errors import DataValidationError, Problem
from .gaps import compute_civil_society_gaps, get_gap_labels
from .labels import check_lang, get_labels
from .load import PathLike, load_data_package
from .paths import DESCRIPTOR_NAME

GAP_TABLE_COLUMNS = ("iso3", "name", "lacks_involvement", "lacks_financing", "gap")


def build_gap_table(data_dir: PathLike = None, *, lang: str = "en") -> pd.DataFrame:
    """The gap table of the ``gaps`` command: one row per State, ``name`` in ``lang``."""
    gaps = compute_civil_society_gaps(data_dir)
    table = gaps.rename(columns={f"name_{check_lang(lang)}": "name"}).reset_index()
    return table[list(GAP_TABLE_COLUMNS)]


def _flag(value: object, words: dict[str, str]) -> str:
    if pd.isna(value):
        return words["missing"]
    return words["true"] if value else words["false"]


def format_gap_table(data_dir: PathLike = None, *, fmt: str = "csv", lang: str = "en") -> str:
    """Render the gap table as CSV (codes) or Markdown (labels in ``lang``).

    Examples
    --------
    >>> print(format_gap_table().splitlines()[1])
    ALB,Albania,true,true,both
    """
    table = build_gap_table(data_dir, lang=lang)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(GAP_TABLE_COLUMNS)
        words = {"true": "true", "false": "false", "missing": ""}
        for row in table.itertuples(index=False):
            writer.writerow(
                [
                    row.iso3,
                    row.name,
                    _flag(row.lacks_involvement, words),
                    _flag(row.lacks_financing, words),
                    row.gap,
                ]
            )
        return out.getvalue()
    if fmt == "markdown":
        headers = get_labels("column", lang)
        words = get_labels("value", lang)
        gap_labels = get_gap_labels(lang)
        lines = [
            "| " + " | ".join(headers[c] for c in GAP_TABLE_COLUMNS) + " |",
            "|" + "|".join("---" for _ in GAP_TABLE_COLUMNS) + "|",
        ]
        for row in table.itertuples(index=False):
            cells = [
                row.iso3,
                row.name,
                _flag(row.lacks_involvement, words),
                _flag(row.lacks_financing, words),
                gap_labels[row.gap],
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"Unknown format {fmt!r}; expected csv or markdown")


def _frictionless_problems(descriptor: object) -> list[Problem]:
    """Check the descriptor against the Data Package standard with the reference tool.

    Only the descriptor, and the one the tables were loaded with (not the file read
    again, which an editor may have saved since): the rows are checked by this
    library, which, unlike Frictionless, accepts and normalises a BOM and stray
    whitespace.
    """
    from frictionless import Package

    try:
        report = Package.validate_descriptor(descriptor)
    except Exception as error:  # a third-party validator: its failure is a finding too
        note = f"Frictionless could not check it: {type(error).__name__}: {error}"
        return [Problem(DESCRIPTOR_NAME, None, None, None, f"the Data Package standard ({note})")]
    return [
        Problem(DESCRIPTOR_NAME, None, None, None, f"the Data Package standard ({error.note})")
        for error in report.errors
    ]


def validate_data_dir(data_dir: PathLike = None) -> str:
    """Validate a data directory; return a one-line summary or raise ``DataValidationError``.

    The tables are checked by this library (see load.py) and, once that passes, the
    descriptor by Frictionless against the Data Package standard.
    """
    package = load_data_package(data_dir)
    problems = _frictionless_problems(package.descriptor)
    if problems:
        raise DataValidationError(str(package.data_dir), problems)
    rows = sum(len(t) for t in package.tables.values())
    return f"{package.data_dir}: valid ({len(package.tables)} tables, {rows} rows)"
