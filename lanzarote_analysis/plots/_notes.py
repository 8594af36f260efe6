"""The footnotes figures share: who the unconfirmed Party may be, acronyms spelled out."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n.labels import get_label
from ..i18n.typography import format_ordinal
from ..io.load import PathLike, load_indicators, load_parties


def get_theme_note(themes: Iterable[str], lang: str) -> str | None:
    """The footnote that spells out the term a short theme label abbreviates, if shown.

    Examples
    --------
    >>> get_theme_note(["financing", "csgsiv_projects"], "en")
    "CSGSIV: child self-generated sexual images and/or videos (the factsheet's acronym)."
    >>> get_theme_note(["financing"], "en") is None
    True
    """
    return get_label("cmp.note.csgsiv", lang) if "csgsiv_projects" in set(themes) else None


def count_unconfirmed(data_dir: PathLike) -> tuple[int, int]:
    """The number of confirmed Parties of the round and the number it monitored."""
    parties = load_parties(data_dir)
    n_covered = int(parties["round2_coverage"].eq("covered").sum())
    n_monitored = int(load_indicators(data_dir).loc["parties_monitored", "value"])
    return n_covered, n_monitored


def format_unconfirmed_candidates(data_dir: PathLike, lang: str) -> str:
    """The States that may be the Party our sources do not name, as one phrase.

    The phrase of ``labels.csv`` (``unconfirmed.candidates``) when it names exactly the
    States whose coverage is unconfirmed in the data; otherwise their names, listed.

    Examples
    --------
    >>> format_unconfirmed_candidates(None, "fr")
    'la Norvège ou le Royaume-Uni'
    """
    parties = load_parties(data_dir)
    names = parties.loc[parties["round2_coverage"].eq("unconfirmed"), f"name_{lang}"].tolist()
    phrase = get_label("unconfirmed.candidates", lang)
    if {name for name in parties[f"name_{lang}"] if name in phrase} == set(names):
        return phrase
    if len(names) < 2:
        return "".join(names)
    return get_label("list.or", lang).format(items=", ".join(names[:-1]), last=names[-1])


def get_unconfirmed_note(
    data_dir: PathLike, lang: str, key: str = "cmp.unconfirmed_note"
) -> str | None:
    """The note saying that the last Party monitored is not named, and our inference.

    ``None`` once every Party monitored is confirmed.

    Examples
    --------
    >>> get_unconfirmed_note(None, "en")  # doctest: +NORMALIZE_WHITESPACE
    'Our sources do not name the 43rd Party monitored: our inference, which no source
    states, is Norway or the United Kingdom, whose participation is not confirmed.'
    """
    n_covered, n_monitored = count_unconfirmed(data_dir)
    if n_covered >= n_monitored:
        return None
    return get_label(key, lang).format(
        ordinal=format_ordinal(n_monitored, lang),
        candidates=format_unconfirmed_candidates(data_dir, lang),
    )
