"""The words of the data and of the code, each defined once.

Every value below is a code that the data package, the tables, the figures and the
labels (``i18n/labels.csv``) share. The descriptor (``data/datapackage.json``) declares
the same enumerations for the data; ``io/contract.py`` checks that it still does, so that
data that validates always has a label and a colour for each value.

Vocabulary, one word per concept (see CONTRIBUTING.md):

- a recommendation is **addressed** to a Party: every covered Party for the
  recommendations to all Parties, the Parties its footnote names for a listed one;
- **named** means named in a footnote, the evidence for a listed recommendation;
- a State's **coverage** says whether the 2nd monitoring round assessed it;
- the **civil society gap** (our analytical term) is which of VII-1 and VII-2 name a
  covered Party.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UnknownChoiceError

#: Languages of every label, figure and text output.
LANGUAGES = ("en", "fr")

#: Coverage of a State by the 2nd monitoring round.
COVERAGE_VALUES = ("covered", "unconfirmed", "not_covered")
#: Levels of a recommendation, weakest first (the order of ``categoriesOrdered``).
LEVEL_VALUES = ("invite", "request", "require")
#: To whom a recommendation is addressed: the Parties its footnote names, or all.
SCOPE_VALUES = ("listed", "all_parties")
#: What each recommendation is about (our classification, ``data/README.md``).
THEME_VALUES = (
    "involvement",
    "financing",
    "co_operation",
    "sustainability",
    "csgsiv_projects",
    "child_participation",
    "children_views_on_legislation",
)
#: What the factsheet cites a State for.
KIND_VALUES = ("promising_practice", "childrens_rights_body")
#: UN M49 sub-regions of the States of ``parties.csv``.
SUBREGION_VALUES = (
    "Eastern Europe",
    "Northern Europe",
    "Southern Europe",
    "Western Europe",
    "Western Asia",
    "Northern Africa",
)

#: The recommendations of chapter VII, in number order.
RECOMMENDATION_IDS = tuple(f"VII-{n}" for n in range(1, 8))
#: The listed recommendations whose footnotes define the civil society gap.
INVOLVEMENT_REC = "VII-1"
FINANCING_REC = "VII-2"
GAP_RECOMMENDATIONS = (INVOLVEMENT_REC, FINANCING_REC)

#: The factsheet's headline figures (``indicators.csv``), in the order they are drawn.
INDICATOR_IDS = (
    "parties_monitored",
    "parties_supporting_adult_awareness",
    "parties_reporting_child_friendly_material",
    "children_participating",
    "parties_with_child_participants",
)

#: Civil society gap of a State, from the most to the least to do; the order of every
#: table and legend. The last two say that the round did not assess the State.
GAP_CATEGORIES = (
    "both",
    "involvement_only",
    "financing_only",
    "none",
    "unconfirmed",
    "not_covered",
)
#: The gap categories of a State the round assessed.
ASSESSED_GAPS = GAP_CATEGORIES[:4]

#: What a State's profile says of each recommendation.
PROFILE_STATUSES = ("addressed", "not_addressed", "not_known", "not_covered")

#: Formats of the report's figures.
IMAGE_FORMATS = ("png", "svg", "pdf")
#: Formats of the gap table on the command line.
GAP_TABLE_FORMATS = ("csv", "markdown")
#: Formats of a State's profile on the command line.
PROFILE_FORMATS = ("text", "markdown", "csv")
#: Formats of the exported tables (``lanzarote-analysis export``).
EXPORT_FORMATS = ("xlsx", "csv", "json")


def check_choice(value: str, allowed: Sequence[str], *, what: str) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise ``UnknownChoiceError``.

    The one wording for every refused option (a language, a format, a figure), so
    that the library and the command line say what is expected the same way.

    Examples
    --------
    >>> check_choice("fr", LANGUAGES, what="language")
    'fr'
    >>> check_choice("de", LANGUAGES, what="language")
    Traceback (most recent call last):
    ...
    lanzarote_analysis.errors.UnknownChoiceError: Unknown language 'de'; expected one of: en, fr
    """
    if value not in allowed:
        raise UnknownChoiceError(f"Unknown {what} {value!r}; expected one of: {', '.join(allowed)}")
    return value
