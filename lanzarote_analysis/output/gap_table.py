"""The gap table of the ``gaps`` command, as CSV (codes) or Markdown (labels)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from ..analysis.gaps import compute_civil_society_gaps, get_gap_labels
from ..i18n.labels import check_lang, get_labels
from ..io.load import PathLike
from ..vocabulary import GAP_TABLE_FORMATS, check_choice

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
    check_choice(fmt, GAP_TABLE_FORMATS, what="format")
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
    # Markdown.
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
