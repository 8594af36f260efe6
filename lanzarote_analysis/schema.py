"""The data package descriptor (``data/datapackage.json``): the one place tables are declared.

This module reads the Frictionless Table Schemas into small typed specs. Loading,
validation (pandera) and typing (pandas) are all derived from them, so a column is
declared once, in the descriptor, and nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .paths import DESCRIPTOR_NAME

SUPPORTED_TYPES = frozenset({"string", "integer", "number", "boolean", "date"})


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


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _parse_field(raw: Any, where: str, problems: list[Problem]) -> FieldSpec | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        problems.append(
            Problem(
                DESCRIPTOR_NAME,
                None,
                None,
                repr(raw)[:60],
                f"{where}: a field object with a 'name'",
            )
        )
        return None
    type_ = raw.get("type", "string")
    if type_ not in SUPPORTED_TYPES:
        problems.append(
            Problem(
                DESCRIPTOR_NAME,
                None,
                raw["name"],
                str(type_),
                f"{where}: a field type among {sorted(SUPPORTED_TYPES)}",
            )
        )
        return None
    cons = raw.get("constraints") or {}
    if not isinstance(cons, dict):
        problems.append(
            Problem(
                DESCRIPTOR_NAME,
                None,
                raw["name"],
                repr(cons)[:60],
                f"{where}: 'constraints' as an object",
            )
        )
        cons = {}
    enum = cons.get("enum")
    return FieldSpec(
        name=raw["name"],
        type=type_,
        required=bool(cons.get("required", False)),
        unique=bool(cons.get("unique", False)),
        enum=tuple(str(v) for v in enum) if enum is not None else None,
        is_ordered=bool(raw.get("categoriesOrdered", False)),
        pattern=cons.get("pattern"),
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
        true_values=tuple(raw.get("trueValues", ("true",))),
        false_values=tuple(raw.get("falseValues", ("false",))),
        description=raw.get("description", ""),
    )


def parse_descriptor(data_dir: Path) -> tuple[dict[str, ResourceSpec], list[Problem]]:
    """Read ``datapackage.json`` into resource specs, collecting every problem.

    Returns the specs that could be read (possibly none) and the problems found.
    """
    problems: list[Problem] = []
    path = data_dir / DESCRIPTOR_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, [
            Problem(DESCRIPTOR_NAME, None, None, None, f"a Data Package descriptor at {path}")
        ]
    except UnicodeDecodeError as exc:
        return {}, [Problem(DESCRIPTOR_NAME, None, None, None, f"UTF-8 text ({exc.reason})")]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        line = text.splitlines()[exc.lineno - 1] if text.strip() else ""
        return {}, [
            Problem(
                DESCRIPTOR_NAME,
                exc.lineno,
                None,
                line.strip()[:80] or None,
                f"valid JSON ({exc.msg} at character {exc.colno})",
            )
        ]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return {}, [
            Problem(
                DESCRIPTOR_NAME, None, None, None, "a JSON object with a non-empty 'resources' list"
            )
        ]

    specs: dict[str, ResourceSpec] = {}
    for i, raw in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(raw, dict):
            problems.append(
                Problem(DESCRIPTOR_NAME, None, None, repr(raw)[:60], f"{where}: a resource object")
            )
            continue
        missing = [k for k in ("name", "path", "schema") if k not in raw]
        schema = raw.get("schema")
        if missing or not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            problems.append(
                Problem(
                    DESCRIPTOR_NAME,
                    None,
                    None,
                    raw.get("name"),
                    f"{where}: 'name', 'path' and 'schema' with a 'fields' list"
                    + (f" (missing {', '.join(missing)})" if missing else ""),
                )
            )
            continue
        where = f"resource '{raw['name']}'"
        fields = [_parse_field(f, where, problems) for f in schema["fields"]]
        fields_ok = tuple(f for f in fields if f is not None)
        names = {f.name for f in fields_ok}
        pk = _as_tuple(schema.get("primaryKey"))
        for name in pk:
            if name not in names:
                problems.append(
                    Problem(
                        DESCRIPTOR_NAME,
                        None,
                        name,
                        None,
                        f"{where}: primaryKey fields among its fields",
                    )
                )
        fks = []
        for fk in schema.get("foreignKeys", []):
            try:
                ref = fk["reference"]
                fks.append(
                    ForeignKey(_as_tuple(fk["fields"]), ref["resource"], _as_tuple(ref["fields"]))
                )
            except (KeyError, TypeError):
                problems.append(
                    Problem(
                        DESCRIPTOR_NAME,
                        None,
                        None,
                        repr(fk)[:60],
                        f"{where}: a foreign key with 'fields' and "
                        "'reference': {'resource', 'fields'}",
                    )
                )
        specs[raw["name"]] = ResourceSpec(raw["name"], raw["path"], fields_ok, pk, tuple(fks))

    for spec in specs.values():
        for fk in spec.foreign_keys:
            target = specs.get(fk.resource)
            if target is None or not set(fk.reference_fields) <= set(target.field_names):
                problems.append(
                    Problem(
                        DESCRIPTOR_NAME,
                        None,
                        ", ".join(fk.fields),
                        f"{fk.resource}.{', '.join(fk.reference_fields)}",
                        f"resource '{spec.name}': a foreign key to an existing resource and fields",
                    )
                )
    return specs, problems
