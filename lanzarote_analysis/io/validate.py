"""Validating a data directory: this library's checks, then the Data Package standard."""

from __future__ import annotations

from typing import Any

from ..errors import DataValidationError, Problem
from .data_package import PathLike, load_data_package
from .paths import DESCRIPTOR_NAME


def _frictionless_problems(descriptor: Any) -> list[Problem]:
    """Check the descriptor against the Data Package standard with the reference tool.

    Only the descriptor, and the one the tables were loaded with (not the file read
    again, which an editor may have saved since): the rows are checked by this
    library, which, unlike Frictionless, accepts and normalises a BOM and stray
    whitespace.
    """
    from frictionless import Package

    try:
        report = Package.validate_descriptor(descriptor)
    except Exception as error:  # a third-party validator: its failure is a finding too
        note = f"Frictionless could not check it: {type(error).__name__}: {error}"
        return [Problem(DESCRIPTOR_NAME, None, None, None, f"the Data Package standard ({note})")]
    return [
        Problem(DESCRIPTOR_NAME, None, None, None, f"the Data Package standard ({error.note})")
        for error in report.errors
    ]


def validate_data_dir(data_dir: PathLike = None) -> str:
    """Validate a data directory; return a one-line summary or raise ``DataValidationError``.

    The tables are checked by this library (see load.py) and, once that passes, the
    descriptor by Frictionless against the Data Package standard.
    """
    package = load_data_package(data_dir)
    problems = _frictionless_problems(package.descriptor)
    if problems:
        raise DataValidationError(str(package.data_dir), problems)
    rows = sum(len(t) for t in package.tables.values())
    return f"{package.data_dir}: valid ({len(package.tables)} tables, {rows} rows)"
