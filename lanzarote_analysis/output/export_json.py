"""The data package with the derived tables added: the ``json`` export, valid against itself."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.gaps import compute_civil_society_gaps
from ..analysis.party_recommendations import (
    compute_party_recommendations,
)
from ..i18n.labels import check_lang, get_label
from ..io.data_package import load_data_package
from ..io.load import PathLike
from ..vocabulary import GAP_CATEGORIES
from .export_tables import get_sheet_names
from .export_xlsx import to_cell

#: The tables derived from the data package, added to it by the ``json`` format.
DERIVED_TABLES = ("civil_society_gaps", "party_recommendations")


def _json_field(name: str, type_: str, lang: str, label: str | None, **extra: Any) -> dict:
    field: dict[str, Any] = {"name": name, "type": type_}
    if label is not None:
        field["title"] = get_label(label, lang)
    return field | extra


def _derived_resources(data_dir: PathLike, lang: str) -> list[dict[str, Any]]:
    from .. import __version__

    required = {"constraints": {"required": True}}
    gaps = compute_civil_society_gaps(data_dir).reset_index()
    long = compute_party_recommendations(data_dir)
    sheets = get_sheet_names(lang)
    names = [
        _json_field("iso3", "string", lang, "column.iso3", **required),
        _json_field("name_en", "string", lang, None, **required),
        _json_field("name_fr", "string", lang, None, **required),
    ]
    coverage = _json_field(
        "round2_coverage",
        "string",
        lang,
        "column.round2_coverage",
        constraints={"required": True, "enum": long["round2_coverage"].cat.categories.tolist()},
    )
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
                    coverage,
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
                    coverage,
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
    return [header, *([to_cell(v) for v in row] for row in table[fields].itertuples(index=False))]


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
