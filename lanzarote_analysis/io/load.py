"""The tables of the data package, one function each: validated, typed, indexed by key.

Every table of a directory is read and validated together (``data_package.py``), so a
load reports all the problems of the directory at once; each function returns a copy,
so that a caller who edits a frame cannot change what the next caller gets.
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataValidationError, Problem
from .data_package import PathLike as PathLike  # the type of every data_dir= argument
from .data_package import read_data_package
from .paths import DESCRIPTOR_NAME, get_data_dir


def load_tables(data_dir: PathLike = None) -> dict[str, pd.DataFrame]:
    """Every table of the data package, validated and typed, keyed by resource name.

    Raises
    ------
    DataValidationError
        Listing every problem of the directory (file, line, column, value, expectation).
    """
    package = read_data_package(get_data_dir(data_dir))
    # Copies, so that a caller who edits a frame cannot corrupt the cache.
    return {name: frame.copy() for name, frame in package.tables.items()}


def _load(name: str, data_dir: PathLike) -> pd.DataFrame:
    directory = get_data_dir(data_dir)
    tables = read_data_package(directory).tables
    if name not in tables:  # contract.py makes every resource read here required
        raise DataValidationError(
            str(directory),
            [Problem(DESCRIPTOR_NAME, None, None, None, f"a resource named '{name}'")],
        )
    # A copy, so that a caller who edits the frame cannot corrupt the cache.
    return tables[name].copy()


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
