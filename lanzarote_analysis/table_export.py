"""Tables for report authors: a spreadsheet, a folder of CSV files, or a data package.

Six tables go out: the gap of every State, the tidy table of every State and
recommendation, the recommendations, the practices, the headline figures and the
source documents; the spreadsheet and the CSV folder add a table that cites the sources
and names the package version.

- ``xlsx``: one workbook, one sheet per table, headers and values labelled in the
  chosen language, booleans as yes / no (oui / non).
- ``csv``: the same tables, one UTF-8 file per sheet (with a byte-order mark, so that
  spreadsheet programs read the accents), in a folder.
- ``json``: the Frictionless data package of the data directory with every table
  inline and the two derived tables added (codes, not labels; their titles in the
  chosen language), valid against its own schema.

Every file is written atomically (a temporary file renamed over the target) and is
byte-reproducible: the workbook's creation and modification dates and its ZIP entries'
times are a fixed date (1980-01-01, the earliest a ZIP file can record), not the time
of the run.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from .cli_export import EXPORT_FORMATS  # the command imports neither pandas nor openpyxl
from .errors import FileWriteError
from .export import atomic_write
from .figures import prepare_output_dir
from .gaps import GAP_CATEGORIES, compute_civil_society_gaps
from .gaps_table import label_flags, tabulate_civil_society_gaps
from .labels import check_lang, get_label, get_labels
from .load import (
    PathLike,
    load_data_package,
    load_indicators,
    load_recommendations,
    load_sources,
)
from .party_recommendations import (
    compute_party_recommendations,
    tabulate_party_recommendations,
)
from .practices import tabulate_practices

#: The exported tables, in order: sheet keys, CSV file names and resource names.
EXPORT_TABLES = (
    "civil_society_gaps",
    "party_recommendations",
    "recommendations",
    "practices",
    "indicators",
    "sources",
)
#: The table that cites the sources and names the package version (first sheet).
ABOUT_TABLE = "about"
#: The tables derived from the data package, added to it by the ``json`` format.
DERIVED_TABLES = ("civil_society_gaps", "party_recommendations")
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


def check_export_format(fmt: str) -> str:
    """Return ``fmt`` if tables can be exported in it, else raise ``ValueError``.

    Examples
    --------
    >>> check_export_format("xlsx")
    'xlsx'
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown format {fmt!r}; expected one of: {', '.join(EXPORT_FORMATS)}")
    return fmt


def get_default_output(fmt: str, lang: str = "en") -> Path:
    """Where an export goes when no path is given: a file, or a folder for ``csv``.

    Examples
    --------
    >>> get_default_output("csv", "fr").as_posix()
    'lanzarote-analysis-tables.fr'
    """
    stem = f"lanzarote-analysis-tables.{check_lang(lang)}"
    fmt = check_export_format(fmt)
    return Path(stem if fmt == "csv" else f"{stem}.{fmt}")


# Tables labelled for readers.


def _tabulate_recommendations(data_dir: PathLike, lang: str) -> pd.DataFrame:
    recs = load_recommendations(data_dir).sort_values("number").reset_index()

    def labels(column: str) -> pd.Series:
        return recs[column].astype(str).map(get_labels(column, lang))

    return pd.DataFrame(
        {
            get_label("column.rec_id", lang): recs["rec_id"],
            get_label("profile.column.level", lang): labels("level"),
            get_label("profile.column.scope", lang): labels("scope"),
            get_label("column.theme", lang): labels("theme"),
            get_label("profile.column.summary", lang): recs[f"summary_{lang}"],
            get_label("profile.column.source", lang): recs["source"],
        }
    )


def _tabulate_indicators(data_dir: PathLike, lang: str) -> pd.DataFrame:
    indicators = load_indicators(data_dir).reset_index()
    return pd.DataFrame(
        {
            get_label("column.id", lang): indicators["indicator_id"],
            get_label("profile.column.value", lang): indicators["value"],
            get_label("column.denominator", lang): indicators["denominator"],
            get_label("column.is_denominator_stated", lang): label_flags(
                indicators["is_denominator_stated"], lang, missing="not_stated"
            ),
            get_label("column.unit", lang): indicators["unit"].map(get_labels("unit", lang)),
            get_label("column.description", lang): indicators[f"description_{lang}"],
            get_label("profile.column.source", lang): indicators["source"],
        }
    )


def _tabulate_sources(data_dir: PathLike, lang: str) -> pd.DataFrame:
    sources = load_sources(data_dir).reset_index()
    columns = {"source_id": "column.id", "title": "column.title", "publisher": "column.publisher"}
    columns |= {"published": "column.published", "url": "column.url", "note": "column.note"}
    return sources[list(columns)].rename(
        columns={name: get_label(key, lang) for name, key in columns.items()}
    )


def _tabulate_about(data_dir: PathLike, lang: str, sheets: dict[str, str]) -> pd.DataFrame:
    from . import __version__

    descriptor = load_data_package(data_dir).descriptor
    sources = load_sources(data_dir)
    labels = get_labels("export.about", lang)
    licences = "; ".join(
        f"{licence.get('name', '')} ({licence.get('path', '')})"
        for licence in descriptor.get("licenses", [])
    )
    rows = [
        (labels["produced_by"], f"lanzarote-analysis {__version__}"),
        (labels["data_package"], f"{descriptor.get('name', '')} {descriptor.get('version', '')}"),
        (labels["licence"], licences),
        (labels["source"], labels["source_text"]),
    ]
    for source_id, source in sources.iterrows():
        parts = [source["title"], source["publisher"], source["published"], source["url"]]
        text = ". ".join(str(p) for p in parts if isinstance(p, str) and p)
        rows.append((labels["document"], f"[{source_id}] {text}"))
    rows.append((labels["reading"], labels["reading_text"]))
    rows += [(sheets[key], get_label(f"export.description.{key}", lang)) for key in EXPORT_TABLES]
    return pd.DataFrame(
        rows,
        columns=[get_label("profile.column.field", lang), get_label("profile.column.value", lang)],
    )


def tabulate_export_tables(
    data_dir: PathLike = None, *, lang: str = "en"
) -> dict[str, pd.DataFrame]:
    """Every table of a spreadsheet export, labelled in ``lang``, keyed by table name.

    The first, ``about``, cites the sources and names the package version; the others
    are :data:`EXPORT_TABLES`.

    Examples
    --------
    >>> tables = tabulate_export_tables(lang="fr")
    >>> list(tables)[:3]
    ['about', 'civil_society_gaps', 'party_recommendations']
    >>> len(tables["civil_society_gaps"]), len(tables["party_recommendations"])
    (48, 336)
    """
    check_lang(lang)
    practices = tabulate_practices(lang=lang, data_dir=data_dir)
    practices = practices.rename_axis(get_label("column.id", lang)).reset_index()
    tables = {
        "civil_society_gaps": tabulate_civil_society_gaps(lang=lang, data_dir=data_dir),
        "party_recommendations": tabulate_party_recommendations(lang=lang, data_dir=data_dir),
        "recommendations": _tabulate_recommendations(data_dir, lang),
        "practices": practices,
        "indicators": _tabulate_indicators(data_dir, lang),
        "sources": _tabulate_sources(data_dir, lang),
    }
    about = _tabulate_about(data_dir, lang, get_sheet_names(lang))
    return {ABOUT_TABLE: about, **tables}


def get_sheet_names(lang: str = "en") -> dict[str, str]:
    """The spreadsheet's sheet names in ``lang``, keyed by table name, in sheet order.

    Examples
    --------
    >>> get_sheet_names("fr")["party_recommendations"]
    'Recommandations par État'
    """
    labels = get_labels("export.sheet", check_lang(lang))
    return {key: labels[key] for key in (ABOUT_TABLE, *EXPORT_TABLES)}


# Writers.


def _cell(value: object) -> object:
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

    from . import __version__

    sheets = get_sheet_names(lang)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, table in tables.items():
        sheet = workbook.create_sheet(sheets[key])
        sheet.append([str(column) for column in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_cell(value) for value in row])
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # text such as "=..." from a data file stays text
                    cell.data_type = "s"
        widths = []
        for index, column in enumerate(table.columns, start=1):
            values = [str(v) for v in table[column] if _cell(v) is not None]
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


def _table_csv(table: pd.DataFrame) -> bytes:
    text = table.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")


def _json_field(name: str, type_: str, lang: str, label: str | None, **extra: Any) -> dict:
    field: dict[str, Any] = {"name": name, "type": type_}
    if label is not None:
        field["title"] = get_label(label, lang)
    return field | extra


def _derived_resources(data_dir: PathLike, lang: str) -> list[dict[str, Any]]:
    from . import __version__

    required = {"constraints": {"required": True}}
    gaps = compute_civil_society_gaps(data_dir).reset_index()
    long = compute_party_recommendations(data_dir)
    sheets = get_sheet_names(lang)
    names = [
        _json_field("iso3", "string", lang, "column.iso3", **required),
        _json_field("name_en", "string", lang, None, **required),
        _json_field("name_fr", "string", lang, None, **required),
    ]
    coverage = long["round2_coverage"].cat.categories.tolist()
    derived_from = "Derived by lanzarote-analysis {version} from the resources {names}."
    resources = [
        {
            "name": "civil_society_gaps",
            "profile": "tabular-data-resource",
            "title": sheets["civil_society_gaps"],
            "description": get_label("export.description.civil_society_gaps", lang),
            "sources": [
                {"title": derived_from.format(version=__version__, names="parties, addressees")}
            ],
            "schema": {
                "fields": [
                    *names,
                    _json_field(
                        "round2_coverage",
                        "string",
                        lang,
                        "column.round2_coverage",
                        constraints={"required": True, "enum": coverage},
                    ),
                    _json_field("lacks_involvement", "boolean", lang, "column.lacks_involvement"),
                    _json_field("lacks_financing", "boolean", lang, "column.lacks_financing"),
                    _json_field(
                        "gap",
                        "string",
                        lang,
                        "column.gap",
                        constraints={"required": True, "enum": list(GAP_CATEGORIES)},
                    ),
                ],
                "primaryKey": ["iso3"],
                "foreignKeys": [
                    {"fields": "iso3", "reference": {"resource": "parties", "fields": "iso3"}}
                ],
            },
            "data": _rows(gaps),
        },
        {
            "name": "party_recommendations",
            "profile": "tabular-data-resource",
            "title": sheets["party_recommendations"],
            "description": get_label("export.description.party_recommendations", lang),
            "sources": [
                {
                    "title": derived_from.format(
                        version=__version__, names="parties, recommendations, addressees"
                    )
                }
            ],
            "schema": {
                "fields": [
                    *names,
                    _json_field("rec_id", "string", lang, "column.rec_id", **required),
                    _json_field("level", "string", lang, "profile.column.level", **required),
                    _json_field("scope", "string", lang, "profile.column.scope", **required),
                    _json_field("theme", "string", lang, "column.theme", **required),
                    _json_field(
                        "round2_coverage",
                        "string",
                        lang,
                        "column.round2_coverage",
                        constraints={"required": True, "enum": coverage},
                    ),
                    _json_field("is_addressed", "boolean", lang, "column.is_addressed"),
                    _json_field("is_named", "boolean", lang, "column.is_named", **required),
                    _json_field("source", "string", lang, "profile.column.source", **required),
                ],
                "primaryKey": ["iso3", "rec_id"],
                "foreignKeys": [
                    {"fields": "iso3", "reference": {"resource": "parties", "fields": "iso3"}},
                    {
                        "fields": "rec_id",
                        "reference": {"resource": "recommendations", "fields": "rec_id"},
                    },
                    {"fields": "level", "reference": {"resource": "levels", "fields": "level"}},
                ],
            },
            "data": _rows(long),
        },
    ]
    return resources


def _rows(table: pd.DataFrame, fields: list[str] | None = None) -> list[list[object]]:
    """Inline data: a header row, then one list of JSON values per row."""
    fields = list(table.columns) if fields is None else fields
    header: list[object] = list(fields)
    return [header, *([_cell(v) for v in row] for row in table[fields].itertuples(index=False))]


def build_data_package(data_dir: PathLike = None, *, lang: str = "en") -> dict[str, Any]:
    """The data package of ``data_dir`` with every table inline and the derived tables added.

    The descriptor keeps every property of ``datapackage.json``; each resource's ``path``
    (and the properties of its file: format, media type, encoding) gives way to its
    rows inline, read and validated by this package. ``civil_society_gaps`` and
    ``party_recommendations`` follow, in codes, titled in ``lang``.

    Examples
    --------
    >>> package = build_data_package(lang="fr")
    >>> [r["name"] for r in package["resources"]][-2:]
    ['civil_society_gaps', 'party_recommendations']
    >>> len(package["resources"][-1]["data"]) - 1  # rows after the header
    336
    """
    check_lang(lang)
    package = load_data_package(data_dir)
    descriptor = dict(package.descriptor)
    file_properties = {"path", "format", "mediatype", "encoding", "bytes", "hash"}
    resources = []
    for resource in descriptor["resources"]:
        inline = {k: v for k, v in resource.items() if k not in file_properties}
        fields = [field["name"] for field in resource["schema"]["fields"]]
        table = package.tables[resource["name"]]
        if resource["schema"].get("primaryKey"):
            table = table.reset_index()
        inline["data"] = _rows(table, fields)
        resources.append(inline)
    descriptor["resources"] = resources + _derived_resources(data_dir, lang)
    return descriptor


# The export.


def _check_file_target(path: Path, fmt: str) -> None:
    if path.is_dir():
        raise FileWriteError(path, f"it is a folder; --format {fmt} writes a file")
    prepare_output_dir(path.parent)


def export_tables(
    out: str | os.PathLike[str] | None = None,
    *,
    fmt: str = "xlsx",
    lang: str = "en",
    data_dir: PathLike = None,
) -> list[Path]:
    """Write the tables in ``fmt``; return the files written.

    Parameters
    ----------
    out
        ``xlsx`` and ``json``: the file (its folder is created if missing; an existing
        file is replaced atomically). ``csv``: the folder, created if missing, where one
        file per table is written (existing ones replaced). Default:
        :func:`get_default_output`.
    fmt
        ``"xlsx"``, ``"csv"`` or ``"json"``.
    lang
        ``"en"`` or ``"fr"``: headers and labels (titles of the derived tables in
        ``json``).
    data_dir
        Data directory; the bundled data by default.

    Raises
    ------
    ValueError
        For an unknown format or language, or an empty path.
    FileWriteError, OutputDirectoryError
        When the target cannot be written; nothing is left half-written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in export_tables(folder / "tables.xlsx", lang="fr")]
    ['tables.xlsx']
    """
    fmt, lang = check_export_format(fmt), check_lang(lang)
    if out is not None and not os.fspath(out).strip():
        raise ValueError("The output path is empty; expected a file or folder name")
    target = get_default_output(fmt, lang) if out is None else Path(out)

    if fmt == "json":
        _check_file_target(target, fmt)
        package = build_data_package(data_dir, lang=lang)
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        with atomic_write(target) as handle:
            handle.write(text.encode("utf-8"))
        return [target]

    tables = tabulate_export_tables(data_dir, lang=lang)
    if fmt == "xlsx":
        _check_file_target(target, fmt)
        data = build_workbook(tables, lang=lang)
        with atomic_write(target) as handle:
            handle.write(data)
        return [target]

    folder = prepare_output_dir(target)
    written = []
    for key, table in tables.items():
        path = folder / f"{key}.csv"
        with atomic_write(path) as handle:
            handle.write(_table_csv(table))
        written.append(path)
    return written
