"""Finding a State from any of its names or codes."""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from functools import cache

from ..errors import NotAPartyError, UnknownPartyError
from ..io.load import PathLike, load_parties
from ..io.paths import NON_PARTIES_FILE

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

#: Longest query looked up: far longer than any name, and refused at once when longer
#: (comparing a long text with every name to suggest the closest would take minutes).
MAX_QUERY_CHARS = 200


def normalise_name(text: str) -> str:
    """Fold case, accents, punctuation and spacing, so that variants compare equal.

    Examples
    --------
    >>> normalise_name("  Bosnie-Herzégovine ")
    'bosnie herzegovine'
    >>> normalise_name("TÜRKIYE") == normalise_name("turkiye")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", ascii_only).strip()


def party_names(data_dir: PathLike = None) -> dict[str, str]:
    """Every normalised code, name and alias of ``parties.csv``, mapped to its ISO3.

    Raises ``ValueError`` when one name would point to two States.
    """
    parties = load_parties(data_dir)
    names: dict[str, str] = {}
    columns = (parties[column] for column in ("iso2", "name_en", "name_fr", "aliases"))
    for iso3, iso2, name_en, name_fr, alias_list in zip(parties.index, *columns, strict=True):
        aliases = alias_list.split("|") if isinstance(alias_list, str) else []
        for name in (iso3, iso2, name_en, name_fr, *aliases):
            key = normalise_name(name)
            if names.setdefault(key, iso3) != iso3:
                raise ValueError(
                    f"parties.csv: the name {name!r} is used for both {names[key]} and {iso3}"
                )
    return names


def resolve_party(name_or_code: str, *, data_dir: PathLike = None) -> str:
    """Return the ISO3 code of a State given any of its codes, names or aliases.

    Accepts ISO2 and ISO3 codes, English and French names, and the aliases of
    ``parties.csv``, in any case, with or without accents and extra spaces.

    Raises
    ------
    NotAPartyError
        For a State or territory known not to be a Party (``non_parties.csv``), saying so.
    UnknownPartyError
        When nothing matches; its ``suggestions`` hold the closest names. A query of
        more than :data:`MAX_QUERY_CHARS` characters matches nothing, and its message
        quotes only its start.

    Examples
    --------
    >>> resolve_party("Turkey"), resolve_party("slovaquie"), resolve_party("mk")
    ('TUR', 'SVK', 'MKD')
    >>> try:
    ...     resolve_party("Moldavia")
    ... except UnknownPartyError as error:
    ...     print(error.suggestions)
    ['Moldavie']
    >>> resolve_party("Belarus")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lanzarote_analysis.errors.NotAPartyError: Belarus is not a Party to the Lanzarote ...
    """
    if not isinstance(name_or_code, str) or len(name_or_code) > MAX_QUERY_CHARS:
        raise UnknownPartyError(name_or_code)
    names = party_names(data_dir)
    key = normalise_name(name_or_code)
    if key in names:
        return names[key]
    if key in (non_parties := _non_party_names()):
        row = non_parties[key]
        raise NotAPartyError(
            name_or_code, row["iso3"], row["name_en"], row["note_en"], row["source"]
        )
    raise UnknownPartyError(name_or_code, suggest_parties(key, data_dir=data_dir))


@cache
def load_non_parties() -> tuple[dict[str, str], ...]:
    """The States and territories known not to be Parties (``non_parties.csv``), as rows.

    A package table, not data: it only lets a question about such a State be answered
    plainly. Its ``source`` column gives the locators (``sources.csv``) of each fact.

    Examples
    --------
    >>> [row["name_fr"] for row in load_non_parties()]
    ['Bélarus', 'Kosovo*']
    """
    with NON_PARTIES_FILE.open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@cache
def _non_party_names() -> dict[str, dict[str, str]]:
    names = {}
    for row in load_non_parties():
        aliases = row["aliases"].split("|") if row["aliases"] else []
        for name in (row["iso3"], row["iso2"], row["name_en"], row["name_fr"], *aliases):
            names[normalise_name(name)] = row
    return names


def suggest_parties(query: str, *, data_dir: PathLike = None, n: int = 3) -> list[str]:
    """The names closest to ``query``, at most one per State, best first.

    A query that is a word or the start of a name ("Bosnia", "Macedonia") ranks that
    name first; otherwise names are ranked by similarity of spelling.

    Examples
    --------
    >>> suggest_parties("bosnia")
    ['Bosnia and Herzegovina']
    """
    if len(query) > MAX_QUERY_CHARS:
        return []
    key = normalise_name(query)
    best: dict[str, tuple[float, str]] = {}
    for iso3, row in load_parties(data_dir).iterrows():
        aliases = row["aliases"].split("|") if isinstance(row["aliases"], str) else []
        for name in (row["name_en"], row["name_fr"], *aliases):
            candidate = normalise_name(name)
            score = difflib.SequenceMatcher(None, key, candidate).ratio()
            if key and (candidate.startswith(key) or f" {key}" in f" {candidate}"):
                score = max(score, 0.9)
            if score >= 0.6 and score > best.get(iso3, (0.0, ""))[0]:
                best[iso3] = (score, name)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))
    # Far weaker matches than the best one only distract.
    return [name for score, name in ranked[:n] if score >= ranked[0][0] - 0.15]
