"""English and French labels, from one bilingual table (``labels.csv`` beside this file).

Translators edit that table only; code asks for a label by key and language.
"""

from __future__ import annotations

import csv
from functools import cache

from ..io.paths import LABELS_FILE
from ..vocabulary import LANGUAGES, check_choice


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ``ValueError``."""
    return check_choice(lang, LANGUAGES, what="language")


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
