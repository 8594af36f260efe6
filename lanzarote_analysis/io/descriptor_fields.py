"""Reading one field of a Table Schema: its type and the constraints this package checks.

Every key is checked for its type before it is used; what is off becomes a problem
naming the resource, the key and what was expected.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import Problem
from .paths import DESCRIPTOR_NAME
from .specs import ISO_DATE_FORMATS, SUPPORTED_CONSTRAINTS, SUPPORTED_TYPES, FieldSpec


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
