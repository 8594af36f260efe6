"""Loading the data package: validated, typed tables, cached per data directory.

Every table of a directory is read and validated together, so a load reports all
the problems of the directory at once, cross-table ones included. The result is
cached and read again as soon as any file of the directory changes, so an analyst
can edit a CSV while a notebook is open.

Validation (pandera) is the costly part of a load, mostly for importing pandera.
Content that has passed it once is recorded by its SHA-256 (together with the code
that validates it) in the user cache directory, and later loads of the same bytes
skip it. Any change to a file, or to the validation code, validates again.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pandas as pd

from . import schema, tables, validation
from .errors import DataValidationError, Problem
from .paths import DESCRIPTOR_NAME, get_cache_dir, get_data_dir
from .schema import ResourceSpec, parse_descriptor
from .tables import convert_types, read_raw_table
from .validation import (
    check_addressee_rules,
    check_foreign_keys,
    check_source_locators,
    check_table,
)

PathLike = str | os.PathLike[str] | None

_cache: dict[Path, tuple[tuple, dict[str, pd.DataFrame]]] = {}
_lock = threading.Lock()


def _signature(data_dir: Path) -> tuple:
    """What identifies the directory's current content, cheaply (names, sizes, mtimes)."""
    entries = []
    for path in sorted(data_dir.glob("*")):
        if path.suffix in {".csv", ".json"} and path.is_file():
            stat = path.stat()
            entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def _finalise(frame: pd.DataFrame, spec: ResourceSpec) -> pd.DataFrame:
    """Categoricals for enumerations, plain dtypes for required columns, key as index."""
    out = frame.copy()
    for field in spec.fields:
        if field.required and field.type == "boolean":
            out[field.name] = out[field.name].astype(bool)
        elif field.required and field.type == "integer":
            out[field.name] = out[field.name].astype("int64")
        if field.enum is not None:
            dtype = pd.CategoricalDtype(list(field.enum), ordered=field.is_ordered)
            out[field.name] = out[field.name].astype(dtype)
    out = out.reset_index(drop=True)
    if spec.primary_key:
        out = out.set_index(list(spec.primary_key))
    return out


def _validated_marker(data_dir: Path, specs: dict[str, ResourceSpec]) -> Path:
    """The cache file that records that this exact content passed validation."""
    digest = hashlib.sha256()
    for module in (schema, tables, validation):
        digest.update(Path(module.__file__).read_bytes())
    for path in [data_dir / DESCRIPTOR_NAME] + [data_dir / s.path for s in specs.values()]:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return get_cache_dir() / "validated" / digest.hexdigest()


def _record_valid(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only home only costs the next load a validation


def _read_and_validate(data_dir: Path) -> dict[str, pd.DataFrame]:
    if not data_dir.is_dir():
        raise DataValidationError(
            str(data_dir), [Problem(str(data_dir), None, None, None, "an existing data directory")]
        )
    specs, problems = parse_descriptor(data_dir)
    marker = _validated_marker(data_dir, specs)
    is_known_valid = not problems and marker.is_file()
    frames: dict[str, pd.DataFrame] = {}
    for name, spec in specs.items():
        raw, found = read_raw_table(data_dir, spec)
        problems += found
        if raw is None:
            continue
        typed, found, failed = convert_types(raw, spec)
        problems += found
        if not is_known_valid:
            problems += check_table(typed, spec, skip=failed)
        frames[name] = typed
    if not is_known_valid:
        # A cell already reported (e.g. a level outside its enumeration) is not reported
        # a second time as a dangling reference.
        flagged = {(p.file, p.row, p.column) for p in problems}
        problems += [
            p
            for check in (check_foreign_keys, check_source_locators, check_addressee_rules)
            for p in check(frames, specs)
            if (p.file, p.row, p.column) not in flagged
        ]
    if problems:
        raise DataValidationError(str(data_dir), problems)
    if not is_known_valid:
        _record_valid(marker)
    return {name: _finalise(frames[name], specs[name]) for name in specs}


def load_tables(data_dir: PathLike = None) -> dict[str, pd.DataFrame]:
    """Every table of the data package, validated and typed, keyed by resource name.

    Raises
    ------
    DataValidationError
        Listing every problem of the directory (file, line, column, value, expectation).
    """
    directory = get_data_dir(data_dir)
    signature = _signature(directory) if directory.is_dir() else ()
    with _lock:
        cached = _cache.get(directory)
        if cached is None or cached[0] != signature:
            _cache[directory] = (signature, _read_and_validate(directory))
        tables = _cache[directory][1]
    # Copies, so that a caller who edits a frame cannot corrupt the cache.
    return {name: frame.copy() for name, frame in tables.items()}


def _load(name: str, data_dir: PathLike) -> pd.DataFrame:
    directory = get_data_dir(data_dir)
    tables = load_tables(directory)
    if name not in tables:
        raise DataValidationError(
            str(directory),
            [Problem(DESCRIPTOR_NAME, None, None, None, f"a resource named '{name}'")],
        )
    return tables[name]


def load_parties(data_dir: PathLike = None) -> pd.DataFrame:
    """States that are Parties or Council of Europe members, indexed by ``iso3``.

    Examples
    --------
    >>> parties = load_parties()
    >>> parties.loc["MLT", ["name_en", "name_fr", "round2_coverage"]].tolist()
    ['Malta', 'Malte', 'covered']
    """
    return _load("parties", data_dir)


def load_recommendations(data_dir: PathLike = None) -> pd.DataFrame:
    """Recommendations VII-1 to VII-7, indexed by ``rec_id``; ``level`` is ordered.

    Examples
    --------
    >>> recs = load_recommendations()
    >>> recs.loc["VII-1", "level"] > recs.loc["VII-2", "level"]  # require > request
    True
    """
    return _load("recommendations", data_dir)


def load_addressees(data_dir: PathLike = None) -> pd.DataFrame:
    """The Parties each listed recommendation names, indexed by ``(rec_id, iso3)``.

    Examples
    --------
    >>> load_addressees().groupby("rec_id").size().to_dict()
    {'VII-1': 8, 'VII-2': 17}
    """
    return _load("addressees", data_dir)


def load_practices(data_dir: PathLike = None) -> pd.DataFrame:
    """Promising practices and national children's-rights bodies, indexed by ``practice_id``.

    Examples
    --------
    >>> sorted(load_practices().query("kind == 'promising_practice'")["iso3"].unique())
    ['CHE', 'CYP', 'EST', 'LUX', 'TUR']
    """
    return _load("practices", data_dir)


def load_indicators(data_dir: PathLike = None) -> pd.DataFrame:
    """The factsheet's headline figures, indexed by ``indicator_id``.

    Examples
    --------
    >>> int(load_indicators().loc["parties_supporting_adult_awareness", "value"])
    27
    """
    return _load("indicators", data_dir)


def load_levels(data_dir: PathLike = None) -> pd.DataFrame:
    """The three recommendation levels with the factsheet's definitions, indexed by ``level``."""
    return _load("levels", data_dir)


def load_sources(data_dir: PathLike = None) -> pd.DataFrame:
    """The documents that source locators name, indexed by ``source_id``."""
    return _load("sources", data_dir)


def load_country_groups(data_dir: PathLike = None) -> pd.DataFrame:
    """EU membership at adoption and UN M49 sub-region of every State, indexed by ``iso3``."""
    return _load("country_groups", data_dir)
