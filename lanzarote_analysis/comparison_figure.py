"""What every comparison figure shares: its Axes, its annotations, its wording helpers."""

from __future__ import annotations

import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import style
from .labels import get_label
from .load import PathLike, load_indicators, load_parties

#: Height of one line of the 8.5-point subtitle, in points.
SUBTITLE_LINE_HEIGHT = 10.5
#: Characters per line of a footnote in the 7-point source font, across a 7-inch figure.
NOTE_WIDTH = 115


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
        source="\n".join(wrap_note(note) + source),
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


def wrap_note(note: str | None) -> list[str]:
    """The lines of a footnote written above the source line."""
    return textwrap.wrap(note, NOTE_WIDTH) if note else []


def count_unconfirmed(data_dir: PathLike) -> tuple[int, int]:
    """The number of confirmed Parties of the round and the number it monitored."""
    parties = load_parties(data_dir)
    n_covered = int(parties["round2_coverage"].eq("covered").sum())
    n_monitored = int(load_indicators(data_dir).loc["parties_monitored", "value"])
    return n_covered, n_monitored


def format_ordinal(number: int, lang: str) -> str:
    """``43rd`` / ``43e``.

    Examples
    --------
    >>> format_ordinal(43, "en"), format_ordinal(11, "en"), format_ordinal(43, "fr")
    ('43rd', '11th', '43e')
    """
    if lang == "fr":
        return "1re" if number == 1 else f"{number}e"
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
