"""What every comparison figure shares: its Axes, its annotations, its wording helpers."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import style
from .labels import get_label
from .load import PathLike, load_indicators, load_parties

#: Height of one line of the 8.5-point subtitle, in points.
SUBTITLE_LINE_HEIGHT = 10.5


def create_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new figure of the report's size for this figure.

    The figure's constrained layout makes room for the title, subtitle and source line
    that ``annotate`` writes: they are laid out like any label of the Axes.
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    figure: Figure
    figure, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def annotate(
    ax: Axes,
    *,
    title: str,
    subtitle: str | None,
    lang: str,
    source_keys: tuple[str, ...] = ("cmp.source",),
    subtitle_width: int = 100,
    subtitle_lift: float = 0.0,
    note: str | None = None,
) -> None:
    """Title, subtitle and source line (``style.annotate``), for subtitles of any length.

    The subtitle is wrapped at ``subtitle_width`` characters and the title raised to
    clear all its lines; ``subtitle_lift`` (points) raises both above what sits on top
    of the Axes (top tick labels, a legend): matplotlib does not move annotations.
    A ``note`` is written above the source line, in the same text.
    """
    lines = [
        line
        for paragraph in (subtitle or "").split("\n")
        for line in textwrap.wrap(paragraph, subtitle_width)
    ]
    source = [get_label(key, lang) for key in source_keys]
    style.annotate(
        ax,
        title=title,
        subtitle="\n".join(lines) or None,
        source="\n".join(([note] if note else []) + source),
    )
    if lines:
        style.find_text(ax, "subtitle").xyann = (0, 6 + subtitle_lift)
        ax.set_title(
            title,
            loc="left",
            fontweight="bold",
            color=style.TEXT_COLOUR,
            pad=10 + len(lines) * SUBTITLE_LINE_HEIGHT + subtitle_lift,
        )


def join_notes(*notes: str | None) -> str | None:
    """Footnotes, one per line (``None`` when there is none)."""
    return "\n".join(note for note in notes if note) or None


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
