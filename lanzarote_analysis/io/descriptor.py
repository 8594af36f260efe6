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
from typing import Any

from ..errors import Problem
from .descriptor_fields import _MISSING, _Collector, _names, _parse_field, _show
from .files import check_relative_path
from .paths import DESCRIPTOR_NAME
from .specs import ForeignKey, ResourceSpec


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
    parsed = tuple(f for f in fields if f is not None)
    if len(problems) > count or len(parsed) < len(fields):
        return None
    return ResourceSpec(name, path, parsed, primary_key, tuple(foreign_keys))


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
        shown = lines[error.lineno - 1].strip() if 0 < error.lineno <= len(lines) else ""
        return None, [
            Problem(
                DESCRIPTOR_NAME,
                error.lineno,
                None,
                shown[:80] or None,
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
