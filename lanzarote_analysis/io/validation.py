"""Checks on the typed tables: each column's constraints, then the links between tables.

The constraints of a Table Schema (required, unique, enum, pattern, minimum, maximum,
primary key) are checked in plain Python: the tables are a few hundred rows, and
this takes a few milliseconds where importing a validation library would take a
quarter of a second on every load. Every load therefore validates what it reads, and
no record of earlier validations is kept (see load.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pandas as pd

from ..errors import Problem
from .specs import FieldSpec, ResourceSpec

SOURCES_RESOURCE = "sources"
SOURCE_COLUMN = "source"

REQUIRED = "a value (this column is required)"
UNIQUE = "a value used on no other line (this column is a unique key)"


def _fails(spec: FieldSpec, value: Any) -> str | None:
    """What a present value should have been, or ``None`` when it meets the constraints."""
    if spec.enum is not None and value not in spec.enum:
        return f"one of: {', '.join(spec.enum)}"
    if spec.pattern is not None and not re.fullmatch(spec.pattern, str(value)):
        return f"text matching {spec.pattern}"
    if spec.minimum is not None and value < spec.minimum:
        return f"a value of at least {spec.minimum}"
    if spec.maximum is not None and value > spec.maximum:
        return f"a value of at most {spec.maximum}"
    return None


def check_table(
    frame: pd.DataFrame, raw: pd.DataFrame, spec: ResourceSpec, skip: set[tuple[int, str]]
) -> list[Problem]:
    """Check every cell of a typed table against its field's constraints and the key.

    ``raw`` holds the cells as written (for messages); cells in ``skip`` did not parse
    as their type and are already reported.
    """
    problems = []
    lines = [int(line) for line in frame.index]
    for field in spec.fields:
        is_required = field.required or field.name in spec.primary_key
        is_unique = field.unique or spec.primary_key == (field.name,)
        seen: dict[object, list[int]] = defaultdict(list)
        written = raw[field.name].tolist()
        for line, value, text in zip(lines, frame[field.name].tolist(), written, strict=True):
            if (line, field.name) in skip:
                continue
            if value is None or value is pd.NA or value != value:  # missing (None, NA, NaT)
                if is_required:
                    problems.append(Problem(spec.path, line, field.name, None, REQUIRED))
                continue
            expected = _fails(field, value)
            if expected is not None:
                problems.append(Problem(spec.path, line, field.name, text, expected))
            if is_unique:
                seen[value].append(line)
        for value_lines in seen.values():
            if len(value_lines) > 1:
                problems += [
                    Problem(spec.path, line, field.name, raw.at[line, field.name], UNIQUE)
                    for line in value_lines
                ]
    if len(spec.primary_key) > 1:
        problems += _check_composite_key(frame, raw, spec)
    return problems


def _check_composite_key(frame: pd.DataFrame, raw: pd.DataFrame, spec: ResourceSpec):
    key = list(spec.primary_key)
    seen: dict[tuple, list[int]] = defaultdict(list)
    for line, values in zip(
        frame.index, frame[key].itertuples(index=False, name=None), strict=True
    ):
        if not any(v is None or v is pd.NA or v != v for v in values):
            seen[values].append(int(line))
    expected = f"a combination of ({', '.join(key)}) used on no other line"
    return [
        Problem(spec.path, line, ", ".join(key), ", ".join(raw.loc[line, key]), expected)
        for lines in seen.values()
        if len(lines) > 1
        for line in lines
    ]


def check_foreign_keys(
    frames: dict[str, pd.DataFrame], specs: dict[str, ResourceSpec]
) -> list[Problem]:
    """Every foreign-key value must exist in the table it refers to."""
    problems = []
    for name, frame in frames.items():
        spec = specs[name]
        for fk in spec.foreign_keys:
            target = frames.get(fk.resource)
            if target is None:
                continue  # the target's own problems are already reported
            keys = set(target[list(fk.reference_fields)].itertuples(index=False, name=None))
            for line, values in zip(
                frame.index, frame[list(fk.fields)].itertuples(index=False, name=None), strict=True
            ):
                if any(pd.isna(v) for v in values) or values in keys:
                    continue
                problems.append(
                    Problem(
                        spec.path,
                        int(line),
                        ", ".join(fk.fields),
                        ", ".join(map(str, values)),
                        f"a value of {specs[fk.resource].path} column "
                        f"'{', '.join(fk.reference_fields)}'",
                    )
                )
    return problems


def check_source_locators(
    frames: dict[str, pd.DataFrame], specs: dict[str, ResourceSpec]
) -> list[Problem]:
    """Each locator in a ``source`` column must name a document listed in sources.csv."""
    sources = frames.get(SOURCES_RESOURCE)
    if sources is None:
        return []
    known = set(sources["source_id"].dropna())
    expected = (
        f"a locator whose document is a source_id of "
        f"{specs[SOURCES_RESOURCE].path} ({', '.join(sorted(known))})"
    )
    return [
        Problem(specs[name].path, int(line), SOURCE_COLUMN, locator, expected)
        for name, frame in frames.items()
        if SOURCE_COLUMN in frame
        for line, cell in frame[SOURCE_COLUMN].dropna().items()
        for locator in cell.split("|")
        if locator.split(":", 1)[0] not in known
    ]


def check_addressee_rules(
    frames: dict[str, pd.DataFrame], specs: dict[str, ResourceSpec]
) -> list[Problem]:
    """Rules of the data a Table Schema cannot express, about who a recommendation names.

    A listed recommendation names at least one Party; only listed recommendations name
    Parties; and only Parties the round covered can have been named (a State whose
    coverage is unconfirmed was, as far as our sources go, not assessed).
    """
    addressees = frames.get("addressees")
    recommendations = frames.get("recommendations")
    parties = frames.get("parties")
    if addressees is None or recommendations is None or parties is None:
        return []
    path = specs["addressees"].path
    scope = dict(zip(recommendations["rec_id"], recommendations["scope"], strict=True))
    coverage = dict(zip(parties["iso3"], parties["round2_coverage"], strict=True))
    problems = []
    for line, rec_id, iso3 in zip(
        addressees.index, addressees["rec_id"], addressees["iso3"], strict=True
    ):
        if scope.get(rec_id, "listed") != "listed":
            problems.append(
                Problem(
                    path,
                    int(line),
                    "rec_id",
                    rec_id,
                    f"a recommendation whose scope is 'listed' ({rec_id} is addressed to "
                    "all Parties and names none)",
                )
            )
        if coverage.get(iso3, "covered") != "covered":
            problems.append(
                Problem(
                    path,
                    int(line),
                    "iso3",
                    iso3,
                    f"a Party the round covered (parties.csv gives {iso3} coverage "
                    f"'{coverage[iso3]}')",
                )
            )
    named = set(addressees["rec_id"])
    for line, rec_id, rec_scope in zip(
        recommendations.index, recommendations["rec_id"], recommendations["scope"], strict=True
    ):
        if rec_scope == "listed" and rec_id not in named:
            problems.append(
                Problem(
                    specs["recommendations"].path,
                    int(line),
                    "scope",
                    rec_scope,
                    f"at least one row of {path} naming a Party for {rec_id}",
                )
            )
    return problems
