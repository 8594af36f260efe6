"""Reading a data directory as one validated data package, cached per directory.

Every table of a directory is read and validated together, so a load reports all
the problems of the directory at once, cross-table ones included.

What is validated is exactly what is used: each file is read once per load (see
files.py), and the same bytes are hashed, parsed, validated and returned. A file
that changes while the directory is read makes the load read the whole directory
again, so a save in an editor gives the old or the new content, never a mixture.

Validation takes a few milliseconds, so it runs on every load that reads new
content; nothing is recorded on disk. Within a process, the last tables of each
directory are kept with the SHA-256 of the bytes they came from: a load reads the
files again (about 50 KB) and reuses the tables only when the digest is the same,
so any edit is seen, even one that keeps a file's size and modification time.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataValidationError, Problem
from .contract import check_descriptor_needs, check_rows
from .descriptor import load_descriptor_json, parse_descriptor
from .files import FileChangedError, FileContent, check_unchanged, read_data_file
from .paths import DESCRIPTOR_NAME, get_data_dir
from .specs import ResourceSpec
from .table_reader import convert_types, read_raw_table
from .validation import (
    check_addressee_rules,
    check_foreign_keys,
    check_source_locators,
    check_table,
)

PathLike = str | os.PathLike[str] | None

#: How many times a load reads a directory whose files keep changing before giving up.
READ_ATTEMPTS = 5
#: Data directories whose tables are kept in memory (the most recently used).
CACHED_DIRECTORIES = 8


@dataclass(frozen=True)
class DataPackage:
    """The validated tables of a data directory, the descriptor they were read with,
    and the SHA-256 of the bytes of every file read (the identity of this content)."""

    data_dir: Path
    tables: dict[str, pd.DataFrame]
    descriptor: Any
    digest: str


_cache: OrderedDict[Path, DataPackage] = OrderedDict()
_lock = threading.Lock()


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


def _digest(contents: list[FileContent]) -> str:
    digest = hashlib.sha256()
    for content in contents:
        digest.update(content.name.encode() + b"\0")
        digest.update(len(content.data).to_bytes(8, "big") + content.data)
    return digest.hexdigest()


def _validate(
    specs: dict[str, ResourceSpec],
    contents: dict[str, FileContent],
    problems: list[Problem],
    is_descriptor_valid: bool,
) -> dict[str, pd.DataFrame]:
    """Parse, type and check every table read; add what is wrong to ``problems``."""
    frames: dict[str, pd.DataFrame] = {}
    # Rows that could not be read make every reference to them unreliable: the links
    # between tables are checked once each table is read whole.
    is_complete = len(contents) == len(specs)
    for name, content in contents.items():
        spec = specs[name]
        raw, found = read_raw_table(content.data, spec)
        problems += found
        is_complete = is_complete and not found
        if raw is None:
            continue
        typed, found, failed = convert_types(raw, spec)
        problems += found
        problems += check_table(typed, raw, spec, skip=failed)
        frames[name] = typed
    if is_descriptor_valid and is_complete:
        # A cell already reported (e.g. a level outside its enumeration) is not reported
        # a second time as a dangling reference.
        flagged = {(p.file, p.row, p.column) for p in problems}
        checks = (check_foreign_keys, check_source_locators, check_addressee_rules, check_rows)
        problems += [
            p
            for check in checks
            for p in check(frames, specs)
            if (p.file, p.row, p.column) not in flagged
        ]
    return frames


@functools.lru_cache(maxsize=CACHED_DIRECTORIES)
def _parse_descriptor(data: bytes) -> tuple[dict[str, ResourceSpec], tuple[Problem, ...]]:
    """The specs of a descriptor and its problems, the code's needs included.

    Kept by content: most loads read a descriptor parsed before, and parsing is half
    the cost of a load whose tables are already in memory.
    """
    specs, problems = parse_descriptor(data)
    if not problems:
        problems = check_descriptor_needs(specs)
    return specs, tuple(problems)


def _read_once(data_dir: Path) -> DataPackage:
    """Read and validate every file of ``data_dir`` once, or reuse the tables in memory."""
    descriptor = read_data_file(
        data_dir, DESCRIPTOR_NAME, missing="a Data Package descriptor (datapackage.json)"
    )
    if isinstance(descriptor, Problem):
        raise DataValidationError(str(data_dir), [descriptor])
    specs, found = _parse_descriptor(descriptor.data)
    problems = list(found)
    is_descriptor_valid = not problems
    contents: dict[str, FileContent] = {}
    for name, spec in specs.items():
        content = read_data_file(data_dir, spec.path)
        if isinstance(content, Problem):
            problems.append(content)
        else:
            contents[name] = content
    read = [descriptor, *contents.values()]
    digest = _digest(read)
    cached = _cache.get(data_dir)
    if cached is not None and cached.digest == digest:
        check_unchanged(read)
        return cached
    frames = _validate(specs, contents, problems, is_descriptor_valid)
    # Only now: a file saved while the others were read would make a mixture.
    check_unchanged(read)
    if problems:
        raise DataValidationError(str(data_dir), problems)
    tables = {name: _finalise(frames[name], specs[name]) for name in specs}
    return DataPackage(data_dir, tables, load_descriptor_json(descriptor.data), digest)


def load_data_package(data_dir: PathLike = None) -> DataPackage:
    """The validated tables of a data directory with the descriptor they were read with.

    The tables and the descriptor are the caller's own copies.

    Raises
    ------
    DataValidationError
        Listing every problem of the directory (file, line, column, value, expectation).
    """
    package = read_data_package(get_data_dir(data_dir))
    # Copies, so that a caller who edits a frame cannot corrupt the cache.
    return DataPackage(
        package.data_dir,
        {name: frame.copy() for name, frame in package.tables.items()},
        copy.deepcopy(package.descriptor),
        package.digest,
    )


def read_data_package(directory: Path) -> DataPackage:
    """The package of ``directory``, read now (the tables are shared: callers copy them)."""
    with _lock:
        package = _load_directory(directory)
        _cache[directory] = package
        _cache.move_to_end(directory)
        while len(_cache) > CACHED_DIRECTORIES:
            _cache.popitem(last=False)
    return package


def _load_directory(directory: Path) -> DataPackage:
    if not directory.is_dir():
        raise DataValidationError(
            str(directory),
            [Problem(str(directory), None, None, None, "an existing data directory")],
        )
    changed = []
    for _ in range(READ_ATTEMPTS):
        try:
            return _read_once(directory)
        except FileChangedError as error:
            changed.append(str(error))
    raise DataValidationError(
        str(directory),
        [
            Problem(
                name,
                None,
                None,
                None,
                f"a file that stays the same while it is read (it changed during "
                f"{READ_ATTEMPTS} attempts to read the directory; try again once it is saved)",
            )
            for name in dict.fromkeys(changed)
        ],
    )
