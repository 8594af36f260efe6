"""The spreadsheet of the exported tables: one sheet each, readable, byte-reproducible.

The workbook's creation and modification dates and its ZIP entries' times are a fixed
date (1980-01-01, the earliest a ZIP file can record), not the time of the run.
"""

from __future__ import annotations

import datetime
import io
import textwrap
import zipfile

import pandas as pd

from ..i18n.labels import get_label
from .export_tables import ABOUT_TABLE, get_sheet_names

#: Widest spreadsheet column, in characters; longer text wraps.
MAX_COLUMN_WIDTH = 60
#: A long header wraps at this width rather than widen a column of short values.
HEADER_WIDTH = 30
#: Height of one line of text (points, the default font) and the most lines a row shows.
LINE_HEIGHT = 15
MAX_LINES = 12
#: Bold text is wider: a header wraps at this share of its column's width.
BOLD_WIDTH_SHARE = 0.85
#: The fixed date of the workbook's properties and of its ZIP entries.
FIXED_DATE = datetime.datetime(1980, 1, 1)
_ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


def to_cell(value: object) -> object:
    """A value openpyxl and JSON can store: Python scalars, ``None`` for missing."""
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value.item() if hasattr(value, "item") else value


def _column_width(header: str, values: list[str]) -> int:
    """Characters for a column: its longest value, or its header up to a point; plus a margin."""
    longest = max((len(line) for text in values for line in text.splitlines()), default=0)
    return min(max(longest, min(len(header), HEADER_WIDTH)), MAX_COLUMN_WIDTH) + 2


def _count_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at ``width`` characters."""
    wrap = textwrap.TextWrapper(width=max(1, int(width)), break_long_words=True)
    return sum(max(1, len(wrap.wrap(line))) for line in text.splitlines() or [""])


def _normalise_zip(data: bytes, core_xml: bytes) -> bytes:
    """The same ZIP entries in the same order, with a fixed time and fixed properties."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # as written on Unix, wherever it is written
            entry.external_attr = 0o644 << 16
            content = core_xml if info.filename == "docProps/core.xml" else source.read(info)
            target.writestr(entry, content)
    return out.getvalue()


def build_workbook(tables: dict[str, pd.DataFrame], *, lang: str = "en") -> bytes:
    """The bytes of a workbook with one sheet per table, reproducibly.

    Headers are bold and frozen, every sheet but the first can be filtered, columns are
    as wide as their values up to :data:`MAX_COLUMN_WIDTH` characters, and at least as
    wide as their header up to :data:`HEADER_WIDTH` (longer text wraps).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    from .. import __version__

    sheets = get_sheet_names(lang)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, table in tables.items():
        sheet = workbook.create_sheet(sheets[key])
        sheet.append([str(column) for column in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([to_cell(value) for value in row])
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # text such as "=..." from a data file stays text
                    cell.data_type = "s"
        widths = []
        for index, column in enumerate(table.columns, start=1):
            values = [str(v) for v in table[column] if to_cell(v) is not None]
            widths.append(_column_width(str(column), values))
            sheet.column_dimensions[get_column_letter(index)].width = widths[-1]
        wrap = Alignment(wrap_text=True, vertical="top")
        # Spreadsheet programs do not all fit a row to wrapped text: rows say their height.
        for number, row in enumerate(sheet.iter_rows(), start=1):
            share = BOLD_WIDTH_SHARE if number == 1 else 1.0
            lines = 1
            for cell, width in zip(row, widths, strict=True):
                cell.alignment = wrap
                if isinstance(cell.value, str):
                    lines = max(lines, _count_lines(cell.value, (width - 2) * share))
            if lines > 1:
                sheet.row_dimensions[number].height = min(lines, MAX_LINES) * LINE_HEIGHT
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        if key != ABOUT_TABLE:
            sheet.auto_filter.ref = sheet.dimensions
    properties = workbook.properties
    properties.creator = f"lanzarote-analysis {__version__}"
    properties.title = get_label("export.about.source_text", lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Saving stamps the current time; the properties stored are these, fixed.
    properties.created = properties.modified = FIXED_DATE
    properties.lastModifiedBy = None
    return _normalise_zip(buffer.getvalue(), tostring(properties.to_tree()))
