"""The data package descriptor (``data/datapackage.json``): the one place tables are declared.

This module reads the Frictionless Table Schemas into small typed specs. Loading,
validation and typing (pandas) are all derived from them, so a column is declared
once, in the descriptor, and nowhere else.

Every key the package acts on is checked for its type before it is used: a malformed
descriptor gives a list of problems (which resource, which key, what was expected),
never a traceback. A constraint this package does not check (``minLength``, say) is
refused rather than silently ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .files import check_relative_path
from .paths import DESCRIPTOR_NAME

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


def _show(value: Any) -> str:
    """A short rendering of a descriptor value for an error message."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


class _Collector:
    """Problems of one place of the descriptor (a resource, or the package)."""

    def __init__(self, problems: list[Problem], where: str) -> None:
        self.problems = problems
        self.where = where

    def add(self, key: str, value: Any, expected: str, column: str | None = None) -> None:
        shown = None if value is _MISSING else _show(value)
        where = f"{self.where}, key '{key}'" if key else self.where
        self.problems.append(Problem(DESCRIPTOR_NAME, None, column, shown, expected, where))


_MISSING = object()


def _names(value: Any) -> tuple[str, ...] | None:
    """A field name or a list of field names as a tuple; ``None`` if it is neither."""
    if isinstance(value, str) and value:
        return (value,)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, str) and v for v in value)
        and len(set(value)) == len(value)
    ):
        return tuple(value)
    return None


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _parse_field(raw: Any, key: str, out: _Collector) -> FieldSpec | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
        out.add(key, raw, "a field object with a non-empty 'name'")
        return None
    name = raw["name"]
    count = len(out.problems)
    type_ = raw.get("type", "string")
    if not isinstance(type_, str) or type_ not in SUPPORTED_TYPES:
        out.add(f"{key}.type", type_, f"one of {', '.join(sorted(SUPPORTED_TYPES))}", name)
        type_ = None  # so that type-specific checks below do not add noise
    date_format = raw.get("format", "default")
    if type_ == "date" and (
        not isinstance(date_format, str) or date_format not in ISO_DATE_FORMATS
    ):
        out.add(f"{key}.format", raw["format"], "'default' (dates written YYYY-MM-DD)", name)
    cons = raw.get("constraints", {})
    if not isinstance(cons, dict):
        out.add(f"{key}.constraints", cons, "an object of constraints", name)
        cons = {}
    for unknown in sorted(set(cons) - SUPPORTED_CONSTRAINTS):
        out.add(
            f"{key}.constraints.{unknown}",
            cons[unknown],
            "only constraints this package checks: " + ", ".join(sorted(SUPPORTED_CONSTRAINTS)),
            name,
        )
    flags = {}
    for flag, source in (("required", cons), ("unique", cons), ("categoriesOrdered", raw)):
        value = source.get(flag, False)
        if not isinstance(value, bool):
            where = f"{key}.constraints.{flag}" if source is cons else f"{key}.{flag}"
            out.add(where, value, "true or false", name)
        flags[flag] = value is True
    enum = None
    if "enum" in cons:
        enum = _strings(cons["enum"])
        if enum is None or not enum or len(set(enum)) != len(enum):
            out.add(f"{key}.constraints.enum", cons["enum"], "a list of distinct strings", name)
        elif type_ not in {"string", None}:
            out.add(f"{key}.constraints.enum", cons["enum"], "enum on string fields only", name)
    pattern = cons.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            out.add(f"{key}.constraints.pattern", pattern, "a regular expression string", name)
        elif type_ not in {"string", None}:
            out.add(f"{key}.constraints.pattern", pattern, "pattern on string fields only", name)
        else:
            try:
                re.compile(pattern)
            except (re.error, RecursionError, OverflowError) as error:
                out.add(
                    f"{key}.constraints.pattern",
                    pattern,
                    f"a valid regular expression ({getattr(error, 'msg', error)})",
                    name,
                )
    bounds = {}
    for bound in ("minimum", "maximum"):
        value = cons.get(bound)
        if value is None:
            continue
        if not _is_number(value):
            out.add(f"{key}.constraints.{bound}", value, "a number", name)
        elif type_ not in {"integer", "number", None}:
            out.add(f"{key}.constraints.{bound}", value, f"{bound} on numeric fields only", name)
        else:
            bounds[bound] = value
    values = {}
    for option, default in (("trueValues", ("true",)), ("falseValues", ("false",))):
        value = _strings(raw.get(option, list(default)))
        if not value:
            out.add(f"{key}.{option}", raw.get(option), "a non-empty list of strings", name)
            value = default
        values[option] = value
    if set(values["trueValues"]) & set(values["falseValues"]):
        out.add(f"{key}.trueValues", raw.get("trueValues"), "no value also in falseValues", name)
    description = raw.get("description", "")
    if not isinstance(description, str):
        out.add(f"{key}.description", description, "a string", name)
        description = ""
    if len(out.problems) > count:
        return None
    return FieldSpec(
        name=name,
        type=type_,
        required=flags["required"],
        unique=flags["unique"],
        enum=enum,
        is_ordered=flags["categoriesOrdered"],
        pattern=pattern,
        minimum=bounds.get("minimum"),
        maximum=bounds.get("maximum"),
        true_values=values["trueValues"],
        false_values=values["falseValues"],
        description=description,
    )


def _parse_foreign_key(
    raw: Any, key: str, resource: str, names: set[str], out: _Collector
) -> ForeignKey | None:
    expected = "a foreign key {'fields': ..., 'reference': {'resource': ..., 'fields': ...}}"
    reference = raw.get("reference") if isinstance(raw, dict) else None
    if not isinstance(reference, dict):
        out.add(key, raw, expected)
        return None
    fields = _names(raw.get("fields"))
    target = reference.get("resource")
    target_fields = _names(reference.get("fields"))
    if fields is None or target_fields is None or not isinstance(target, str):
        out.add(key, raw, expected)
        return None
    if len(fields) != len(target_fields):
        out.add(key, raw, "as many 'fields' as reference 'fields'")
        return None
    unknown = [f for f in fields if f not in names]
    if unknown:
        out.add(f"{key}.fields", raw.get("fields"), "fields of this resource")
        return None
    # An empty resource name refers to the resource itself (Table Schema).
    return ForeignKey(fields, target or resource, target_fields)


def _parse_resource(
    raw: Any, index: int, problems: list[Problem], names: set[str]
) -> ResourceSpec | None:
    out = _Collector(problems, f"resources[{index}]")
    if not isinstance(raw, dict):
        out.add("", raw, "a resource object")
        return None
    name = raw.get("name", _MISSING)
    if not isinstance(name, str) or not name:
        out.add("name", name, "a non-empty string naming the resource")
        return None
    out.where = f"resource '{_show(name)}'"
    if name in names:
        out.add("name", name, "a name used by no other resource")
        return None
    names.add(name)
    count = len(problems)
    path = raw.get("path", _MISSING)
    reason = check_relative_path(path)
    if reason is not None:
        out.add("path", path, f"{reason}, inside the data directory")
    schema = raw.get("schema", _MISSING)
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        out.add("schema", schema, "an object with a 'fields' list")
        return None
    if not schema["fields"]:
        out.add("schema.fields", schema["fields"], "at least one field")
    fields = [_parse_field(f, f"schema.fields[{i}]", out) for i, f in enumerate(schema["fields"])]
    declared = [
        f["name"]
        for f in schema["fields"]
        if isinstance(f, dict) and isinstance(f.get("name"), str)
    ]
    for duplicate in sorted({n for n in declared if declared.count(n) > 1}):
        out.add("schema.fields", duplicate, "each field name once", duplicate)
    field_names = set(declared)
    primary_key: tuple[str, ...] = ()
    if "primaryKey" in schema:
        primary_key = _names(schema["primaryKey"]) or ()
        if not primary_key:
            out.add(
                "schema.primaryKey",
                schema["primaryKey"],
                "a field name or a list of distinct field names",
            )
        for column in primary_key:
            if column not in field_names:
                out.add("schema.primaryKey", column, "fields of this resource", column)
    foreign_keys = []
    raw_fks = schema.get("foreignKeys", [])
    if not isinstance(raw_fks, list):
        out.add("schema.foreignKeys", raw_fks, "a list of foreign keys")
        raw_fks = []
    for i, raw_fk in enumerate(raw_fks):
        fk = _parse_foreign_key(raw_fk, f"schema.foreignKeys[{i}]", name, field_names, out)
        if fk is not None:
            foreign_keys.append(fk)
    if len(problems) > count or any(f is None for f in fields):
        return None
    return ResourceSpec(name, path, tuple(fields), primary_key, tuple(foreign_keys))


def _decode(data: bytes) -> tuple[Any, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(DESCRIPTOR_NAME, line, None, f"byte 0x{data[error.start]:02X}", "UTF-8 text")
        ]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        lines = text.splitlines()
        line = lines[error.lineno - 1].strip() if 0 < error.lineno <= len(lines) else ""
        return None, [
            Problem(
                DESCRIPTOR_NAME,
                error.lineno,
                None,
                line[:80] or None,
                f"valid JSON ({error.msg} at character {error.colno})",
            )
        ]
    except (ValueError, RecursionError) as error:  # huge integers, deep nesting
        return None, [Problem(DESCRIPTOR_NAME, None, None, None, f"valid JSON ({error})"[:200])]


def parse_descriptor(data: bytes) -> tuple[dict[str, ResourceSpec], list[Problem]]:
    """Read the bytes of ``datapackage.json`` into resource specs, collecting every problem.

    Returns the specs of the resources that could be read (possibly none) and the
    problems found. Resources with a problem are left out of the specs.

    Examples
    --------
    >>> specs, problems = parse_descriptor(b'{"resources": [{"name": "t", "path": 5}]}')
    >>> specs, [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ({}, ["datapackage.json, resource 't', key 'path': found '5'; expected a relative
      path to a file, as a non-empty string, inside the data directory",
      "datapackage.json, resource 't', key 'schema'; expected an object with a 'fields'
      list"])
    """
    descriptor, problems = _decode(data)
    if problems:
        return {}, problems
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return {}, [
            Problem(
                DESCRIPTOR_NAME, None, None, None, "a JSON object with a non-empty 'resources' list"
            )
        ]

    specs: dict[str, ResourceSpec] = {}
    names: set[str] = set()
    for index, raw in enumerate(resources):
        spec = _parse_resource(raw, index, problems, names)
        if spec is not None:
            specs[spec.name] = spec
    paths: dict[str, str] = {}
    for spec in specs.values():
        other = paths.setdefault(spec.path, spec.name)
        if other != spec.name:
            _Collector(problems, f"resource '{spec.name}'").add(
                "path", spec.path, f"a file no other resource uses ('{other}' does)"
            )

    for spec in specs.values():
        out = _Collector(problems, f"resource '{spec.name}'")
        for fk in spec.foreign_keys:
            target = specs.get(fk.resource)
            if target is None and fk.resource in names:
                continue  # the target's own problems are already reported
            if target is None or not set(fk.reference_fields) <= set(target.field_names):
                out.add(
                    "schema.foreignKeys",
                    f"{fk.resource}.{', '.join(fk.reference_fields)}",
                    "a foreign key to an existing resource and fields",
                    ", ".join(fk.fields),
                )
    return specs, problems


def load_descriptor_json(data: bytes) -> Any:
    """The descriptor as JSON data (for Frictionless), from bytes already checked."""
    return json.loads(data.decode("utf-8-sig"))
