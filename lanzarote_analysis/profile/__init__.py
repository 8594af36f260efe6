"""Everything chapter VII says about one Party: gap, recommendations, practices, sources.

The profile keeps three situations apart, because confusing them would misreport a
State: a covered Party that a recommendation did not name (*not received*), a State
whose participation in the round is unconfirmed (*not known*: nothing was assessed as
far as our sources go) and a State the round did not cover (*not covered*).

Matplotlib and ipywidgets are imported inside the functions that draw, so the command
line can print a profile without loading them.
"""

from .compute import (
    DEFAULT_PARTY,
    STATUS_DTYPE,
    STATUSES,
    PartyProfile,
    compute_party_profile,
    tabulate_party_identity,
    tabulate_party_profile,
)
from .plot import PartyPicker, build_party_picker, plot_party_profile
from .text import CSV_COLUMNS, FORMATS, add_profile_command, format_party_profile

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_PARTY",
    "FORMATS",
    "STATUSES",
    "STATUS_DTYPE",
    "PartyPicker",
    "PartyProfile",
    "add_profile_command",
    "build_party_picker",
    "compute_party_profile",
    "format_party_profile",
    "plot_party_profile",
    "tabulate_party_identity",
    "tabulate_party_profile",
]
