"""English and French labels, from one bilingual table (``labels.csv`` beside this file).

Translators edit that table only; code asks for a label by key and language.
"""

from __future__ import annotations

import csv
from functools import cache

from .paths import LABELS_FILE

LANGUAGES = ("en", "fr")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    return lang


@cache
def _table() -> dict[str, dict[str, str]]:
    with LABELS_FILE.open(encoding="utf-8", newline="") as f:
        return {row["key"]: {lang: row[lang] for lang in LANGUAGES} for row in csv.DictReader(f)}


def get_label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang``.

    Examples
    --------
    >>> get_label("gap.financing_only", "fr")
    'Citée par VII-2 seulement'
    """
    check_lang(lang)
    try:
        return _table()[key][lang]
    except KeyError:
        raise KeyError(f"No label {key!r} in {LABELS_FILE.name}") from None


def get_labels(prefix: str, lang: str = "en") -> dict[str, str]:
    """All labels whose key starts with ``prefix.``, keyed by the rest of the key.

    Examples
    --------
    >>> get_labels("level", "en")["require"]
    'Requires'
    """
    check_lang(lang)
    start = f"{prefix}."
    return {k.removeprefix(start): v[lang] for k, v in _table().items() if k.startswith(start)}


def get_colon(lang: str = "en") -> str:
    """A colon and the space after it: French puts a narrow no-break space before it.

    Examples
    --------
    >>> get_colon("en"), get_colon("fr")
    (': ', '\u202f: ')
    """
    return "\u202f: " if check_lang(lang) == "fr" else ": "


def quote_title(title: str, lang: str = "en") -> str:
    """An instrument's original title as a reader of ``lang`` expects it quoted.

    English keeps the title as it is; French puts it between guillemets with narrow
    no-break spaces inside, so that an English title reads as a title, not as text.

    Examples
    --------
    >>> quote_title("Child Protection Code", "fr")
    '«\u202fChild Protection Code\u202f»'
    """
    return f"«\u202f{title}\u202f»" if check_lang(lang) == "fr" else title


def all_label_keys() -> list[str]:
    """Every key of the table, in file order."""
    return list(_table())


def get_subregion_label(subregion: str, lang: str = "en") -> str:
    """The label of a UN M49 sub-region as ``country_groups.csv`` names it.

    Examples
    --------
    >>> get_subregion_label("Southern Europe", "fr")
    'Europe méridionale'
    """
    return get_label("subregion." + "_".join(str(subregion).lower().split()), lang)
