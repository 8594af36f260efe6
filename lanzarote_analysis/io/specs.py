"""The typed specs of a data package: its resources, their fields and keys.

``descriptor.py`` reads them from ``datapackage.json``; loading, validation and the
pandas types are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPORTED_TYPES = frozenset({"string", "integer", "number", "boolean", "date"})
SUPPORTED_CONSTRAINTS = frozenset({"required", "unique", "enum", "pattern", "minimum", "maximum"})
#: Date formats read as ``YYYY-MM-DD`` (the Table Schema default).
ISO_DATE_FORMATS = frozenset({"default", "%Y-%m-%d"})


@dataclass(frozen=True)
class FieldSpec:
    """One column of a table, as its Table Schema declares it."""

    name: str
    type: str = "string"
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    is_ordered: bool = False
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)
    description: str = ""


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class ResourceSpec:
    """One table: its file, columns, primary key and foreign keys."""

    name: str
    path: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def get_field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)
