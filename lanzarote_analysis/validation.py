"""Checks on the typed tables: pandera for each table, then the links between tables."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from .errors import Problem
from .schema import FieldSpec, ResourceSpec

SOURCES_RESOURCE = "sources"
SOURCE_COLUMN = "source"


def _pandera():
    """Import pandera, keeping it from importing geopandas on every validation.

    pandera 0.35 asks ``is_geopandas_dtype(None)`` for a schema without a frame-level
    dtype, which imports geopandas (0.2 s, and a heavy module the tables do not
    need). ``None`` is never a geopandas dtype, so answer that case directly.
    """
    import pandera.pandas as pa
    from pandera.engines import pandas_engine

    probe = pandas_engine.is_geopandas_dtype
    if not getattr(probe, "skips_none", False):

        def is_geopandas_dtype(pd_dtype):
            return False if pd_dtype is None else probe(pd_dtype)

        is_geopandas_dtype.skips_none = True
        pandas_engine.is_geopandas_dtype = is_geopandas_dtype
    return pa


def _checks(spec: FieldSpec) -> list:
    pa = _pandera()

    checks = []
    if spec.enum is not None:
        checks.append(pa.Check.isin(list(spec.enum), error=f"one of: {', '.join(spec.enum)}"))
    if spec.pattern is not None:
        checks.append(pa.Check.str_matches(spec.pattern, error=f"text matching {spec.pattern}"))
    if spec.minimum is not None:
        checks.append(pa.Check.ge(spec.minimum, error=f"a value of at least {spec.minimum}"))
    if spec.maximum is not None:
        checks.append(pa.Check.le(spec.maximum, error=f"a value of at most {spec.maximum}"))
    return checks


def build_pandera_schema(spec: ResourceSpec):
    """The pandera schema of a resource, derived from its Table Schema."""
    pa = _pandera()

    columns = {
        f.name: pa.Column(
            None,  # types were converted (and checked) by tables.convert_types
            checks=_checks(f),
            nullable=not (f.required or f.name in spec.primary_key),
            unique=f.unique or spec.primary_key == (f.name,),
            report_duplicates="all",
        )
        for f in spec.fields
    }
    return pa.DataFrameSchema(
        columns,
        unique=list(spec.primary_key) if len(spec.primary_key) > 1 else None,
        report_duplicates="all",
        name=spec.name,
    )


def _describe(check: str, spec: ResourceSpec) -> str:
    if check == "not_nullable":
        return "a value (this column is required)"
    if check == "field_uniqueness":
        return "a value used on no other line (this column is a unique key)"
    if check == "multiple_fields_uniqueness":
        return f"a combination of ({', '.join(spec.primary_key)}) used on no other line"
    return check


def check_table(
    frame: pd.DataFrame, spec: ResourceSpec, skip: set[tuple[int, str]]
) -> list[Problem]:
    """Run the table's pandera schema lazily and turn every failure into a Problem."""
    pa = _pandera()

    try:
        build_pandera_schema(spec).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    problems = []
    composite: dict[int, dict[str, str]] = defaultdict(dict)
    for case in cases.itertuples(index=False):
        line = None if pd.isna(case.index) else int(case.index)
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        if case.check == "multiple_fields_uniqueness":
            composite[line][case.column] = value
            continue
        if line is not None and (line, case.column) in skip:
            continue  # already reported as a value of the wrong type
        problems.append(Problem(spec.path, line, case.column, value, _describe(case.check, spec)))
    for line, values in composite.items():
        problems.append(
            Problem(
                spec.path,
                line,
                ", ".join(values),
                ", ".join(values.values()),
                _describe("multiple_fields_uniqueness", spec),
            )
        )
    return problems


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
    problems = []
    for name, frame in frames.items():
        if SOURCE_COLUMN not in frame:
            continue
        for line, cell in frame[SOURCE_COLUMN].dropna().items():
            for locator in cell.split("|"):
                document = locator.split(":", 1)[0]
                if document not in known:
                    problems.append(
                        Problem(
                            specs[name].path,
                            int(line),
                            SOURCE_COLUMN,
                            locator,
                            f"a locator whose document is a source_id of "
                            f"{specs[SOURCES_RESOURCE].path} ({', '.join(sorted(known))})",
                        )
                    )
    return problems


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
