"""French and English typography: colons, quoted titles, ordinals.

French, as the Council of Europe writes it, puts a narrow no-break space (U+202F) before
« : », « ; », « ? », « ! » and inside « », and writes ordinals with a superscript
(« 2ᵉ », « 43ᵉ »); ``tests/test_french.py`` checks every French string the package emits.
"""

from __future__ import annotations

from .labels import check_lang


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


def format_ordinal(number: int, lang: str) -> str:
    """``43rd`` / ``43ᵉ`` (French ordinals take a superscript, feminine: ``1ʳᵉ`` Partie).

    Examples
    --------
    >>> format_ordinal(43, "en"), format_ordinal(11, "en"), format_ordinal(43, "fr")
    ('43rd', '11th', '43ᵉ')
    """
    if lang == "fr":
        return "1\u02b3\u1d49" if number == 1 else f"{number}\u1d49"
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
