"""Text outputs of the command line: the gap table and the validation summary."""

from __future__ import annotations

import csv
import io

import pandas as pd

from .errors import DataValidationError, Problem
from .gaps import compute_civil_society_gaps, get_gap_labels
from .labels import check_lang, get_labels
from .load import PathLike, load_tables
from .paths import DESCRIPTOR_NAME, get_data_dir

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


def _frictionless_problems(data_dir) -> list[Problem]:
    """Check the descriptor against the Data Package standard with the reference tool.

    Only the descriptor: the rows are checked by this library, which, unlike
    Frictionless, accepts and normalises a BOM and stray whitespace.
    """
    from frictionless import Package

    report = Package.validate_descriptor(str(data_dir / DESCRIPTOR_NAME))
    return [
        Problem(DESCRIPTOR_NAME, None, None, None, f"the Data Package standard ({error.note})")
        for error in report.errors
    ]


def validate_data_dir(data_dir: PathLike = None) -> str:
    """Validate a data directory; return a one-line summary or raise ``DataValidationError``.

    The tables are checked by this library (pandera) and, once that passes, the
    descriptor by Frictionless against the Data Package standard.
    """
    directory = get_data_dir(data_dir)
    tables = load_tables(directory)
    problems = _frictionless_problems(directory)
    if problems:
        raise DataValidationError(str(directory), problems)
    rows = sum(len(t) for t in tables.values())
    return f"{directory}: valid ({len(tables)} tables, {rows} rows)"
