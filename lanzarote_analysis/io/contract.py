"""What the package's own code needs from a data directory, beyond a valid descriptor.

A descriptor can be edited: a resource removed, a column's type changed, an
enumeration dropped. Data that still matches such a descriptor would load, and then
a figure or the profile would fail half-way with a ``KeyError``. The needs listed
here are checked on every load, so that data that loads (and ``validate`` accepts)
always draws:

- every resource the package reads, with its primary key;
- every column the package reads, with its type; ``required`` where the code reads a
  value on every row; the exact enumeration where figures and labels know each value
  (a new theme needs its label in ``labels.csv`` before data may use it);
- the foreign keys the code relies on (a Party named anywhere is a row of parties.csv);
- the rows the figures and the profile read: each headline indicator, each
  recommendation VII-1 to VII-7, each level; VII-1 and VII-2 list the Parties they
  name; every State has its EU and UN M49 groups.

Columns and resources that are not listed here are free: add them to the descriptor
and they load and validate like the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..errors import Problem
from ..vocabulary import (
    COVERAGE_VALUES,
    GAP_RECOMMENDATIONS,
    INDICATOR_IDS,
    KIND_VALUES,
    LEVEL_VALUES,
    RECOMMENDATION_IDS,
    SCOPE_VALUES,
    SUBREGION_VALUES,
    THEME_VALUES,
)
from .paths import DESCRIPTOR_NAME
from .specs import ForeignKey, ResourceSpec


@dataclass(frozen=True)
class FieldNeed:
    """A column the code reads: its type, whether every row has a value, its values."""

    type: str = "string"
    is_required: bool = False
    enum: tuple[str, ...] | None = None
    is_ordered: bool = False


@dataclass(frozen=True)
class ResourceNeed:
    """A table the code reads: key, columns, foreign keys and rows it relies on."""

    primary_key: tuple[str, ...]
    fields: Mapping[str, FieldNeed]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rows: tuple[str, ...] = ()
    #: Whether rows other than ``rows`` are refused (each one must be drawn and labelled).
    has_only_these_rows: bool = False


_TEXT = FieldNeed("string", is_required=True)
_OPTIONAL_TEXT = FieldNeed("string")
_TO_PARTIES = ForeignKey(("iso3",), "parties", ("iso3",))

NEEDS: dict[str, ResourceNeed] = {
    "sources": ResourceNeed(("source_id",), {"source_id": _TEXT}),
    "parties": ResourceNeed(
        ("iso3",),
        {
            "iso3": _TEXT,
            "iso2": _TEXT,
            "name_en": _TEXT,
            "name_fr": _TEXT,
            "aliases": _OPTIONAL_TEXT,
            "round2_coverage": FieldNeed("string", True, COVERAGE_VALUES),
            "is_coe_member_at_adoption": FieldNeed("boolean", True),
            "party_since": FieldNeed("date"),
            "source": _TEXT,
        },
    ),
    "levels": ResourceNeed(
        ("level",),
        {
            "level": FieldNeed("string", True, LEVEL_VALUES, is_ordered=True),
            "strength": FieldNeed("integer", True),
        },
        rows=LEVEL_VALUES,
    ),
    "recommendations": ResourceNeed(
        ("rec_id",),
        {
            "rec_id": _TEXT,
            "number": FieldNeed("integer", True),
            "level": FieldNeed("string", True, LEVEL_VALUES, is_ordered=True),
            "scope": FieldNeed("string", True, SCOPE_VALUES),
            "theme": FieldNeed("string", True, THEME_VALUES),
            "summary_en": _TEXT,
            "summary_fr": _TEXT,
            "source": _TEXT,
        },
        (ForeignKey(("level",), "levels", ("level",)),),
        rows=RECOMMENDATION_IDS,
    ),
    "addressees": ResourceNeed(
        ("rec_id", "iso3"),
        {"rec_id": _TEXT, "iso3": _TEXT, "source": _TEXT},
        (ForeignKey(("rec_id",), "recommendations", ("rec_id",)), _TO_PARTIES),
    ),
    "practices": ResourceNeed(
        ("practice_id",),
        {
            "practice_id": _TEXT,
            "iso3": _TEXT,
            "kind": FieldNeed("string", True, KIND_VALUES),
            "instrument": _OPTIONAL_TEXT,
            "years": _OPTIONAL_TEXT,
            "summary_en": _TEXT,
            "summary_fr": _TEXT,
            "source": _TEXT,
        },
        (_TO_PARTIES,),
    ),
    "indicators": ResourceNeed(
        ("indicator_id",),
        {
            "indicator_id": _TEXT,
            "value": FieldNeed("integer", True),
            "denominator": FieldNeed("integer"),
            "is_denominator_stated": FieldNeed("boolean"),
        },
        rows=INDICATOR_IDS,
        has_only_these_rows=True,
    ),
    "country_groups": ResourceNeed(
        ("iso3",),
        {
            "iso3": _TEXT,
            "is_eu_member_at_adoption": FieldNeed("boolean", True),
            "un_m49_subregion": FieldNeed("string", True, SUBREGION_VALUES),
        },
        (_TO_PARTIES,),
    ),
}


@dataclass
class _Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, resource: str, key: str, value, expected: str, column=None) -> None:
        where = f"resource '{resource}', key '{key}'"
        self.problems.append(Problem(DESCRIPTOR_NAME, None, column, value, expected, where))


def _values(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def check_descriptor_needs(specs: dict[str, ResourceSpec]) -> list[Problem]:
    """Problems of a (well-formed) descriptor that lacks something the code relies on."""
    report = _Report()
    for name, need in NEEDS.items():
        spec = specs.get(name)
        if spec is None:
            report.add(
                name, "name", None, "this resource: the package's tables and figures read it"
            )
            continue
        if spec.primary_key != need.primary_key:
            report.add(
                name,
                "schema.primaryKey",
                ", ".join(spec.primary_key) or None,
                f"the primary key {_values(need.primary_key)}",
            )
        for column, field_need in need.fields.items():
            declared = spec.get_field(column)
            if declared is None:
                report.add(name, "schema.fields", None, "this field: the package reads it", column)
                continue
            if declared.type != field_need.type:
                report.add(
                    name, "schema.fields.type", declared.type, f"type '{field_need.type}'", column
                )
            is_required = declared.required or column in spec.primary_key
            if field_need.is_required and not is_required:
                report.add(
                    name,
                    "schema.fields.constraints.required",
                    None,
                    "required: true (the package reads a value on every row)",
                    column,
                )
            if field_need.enum is not None:
                if declared.enum is None or set(declared.enum) != set(field_need.enum):
                    report.add(
                        name,
                        "schema.fields.constraints.enum",
                        None if declared.enum is None else _values(declared.enum),
                        f"exactly these values, each of which has its label and colour: "
                        f"{_values(field_need.enum)}",
                        column,
                    )
                elif field_need.is_ordered and (
                    not declared.is_ordered or declared.enum != field_need.enum
                ):
                    report.add(
                        name,
                        "schema.fields.categoriesOrdered",
                        _values(declared.enum),
                        f"categoriesOrdered: true, with the enum in the order "
                        f"{_values(field_need.enum)}",
                        column,
                    )
        for fk in need.foreign_keys:
            if fk not in spec.foreign_keys:
                report.add(
                    name,
                    "schema.foreignKeys",
                    None,
                    f"a foreign key from ({_values(fk.fields)}) to resource '{fk.resource}' "
                    f"({_values(fk.reference_fields)})",
                )
    return report.problems


def check_rows(frames: dict[str, pd.DataFrame], specs: dict[str, ResourceSpec]) -> list[Problem]:
    """Problems of data whose rows lack what the figures and the profile read."""
    problems = []
    for name, need in NEEDS.items():
        frame = frames.get(name)
        if frame is None or not need.rows:
            continue
        path, [key] = specs[name].path, need.primary_key
        present = set(frame[key].dropna())
        for value in need.rows:
            if value not in present:
                problems.append(
                    Problem(
                        path,
                        None,
                        key,
                        None,
                        f"a row for {value} (the figures and the profile read it)",
                    )
                )
        if need.has_only_these_rows:
            for line, value in frame[key].dropna().items():
                if value not in need.rows:
                    problems.append(
                        Problem(
                            path,
                            int(line),
                            key,
                            value,
                            f"one of the rows the figures draw and label: {_values(need.rows)}",
                        )
                    )
    recommendations = frames.get("recommendations")
    if recommendations is not None:
        for line, rec_id, scope in zip(
            recommendations.index,
            recommendations["rec_id"],
            recommendations["scope"],
            strict=True,
        ):
            if rec_id in GAP_RECOMMENDATIONS and scope != "listed":
                problems.append(
                    Problem(
                        specs["recommendations"].path,
                        int(line),
                        "scope",
                        scope,
                        f"listed: the civil society gap is defined by the Parties "
                        f"{' and '.join(GAP_RECOMMENDATIONS)} name",
                    )
                )
    parties, groups = frames.get("parties"), frames.get("country_groups")
    if parties is not None and groups is not None:
        grouped = set(groups["iso3"].dropna())
        for line, iso3 in parties["iso3"].dropna().items():
            if iso3 not in grouped:
                problems.append(
                    Problem(
                        specs["country_groups"].path,
                        None,
                        "iso3",
                        None,
                        f"a row for {iso3} (line {line} of {specs['parties'].path}): every "
                        "State has its EU membership and UN M49 sub-region",
                    )
                )
    return problems
