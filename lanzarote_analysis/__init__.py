"""lanzarote-analysis: data and tools on the Lanzarote Committee's monitoring of civil society
involvement and co-operation (2nd monitoring round, chapter VII).

>>> import lanzarote_analysis as la
>>> la.compute_civil_society_gaps()["gap"].value_counts()["financing_only"]
np.int64(9)
"""

from .errors import DataValidationError, LanzaroteError, Problem, UnknownPartyError
from .load import (
    load_addressees,
    load_country_groups,
    load_indicators,
    load_levels,
    load_parties,
    load_practices,
    load_recommendations,
    load_sources,
    load_tables,
)

__version__ = "0.1.0"

__all__ = [
    "DataValidationError",
    "LanzaroteError",
    "Problem",
    "UnknownPartyError",
    "load_addressees",
    "load_country_groups",
    "load_indicators",
    "load_levels",
    "load_parties",
    "load_practices",
    "load_recommendations",
    "load_sources",
    "load_tables",
]
