"""The frame every figure shares: its Axes, title, subtitle, notes and source line.

Every plotting function draws under the theme (``theme.py``) into the Axes its caller
gives, or into a new figure of the report's size (:func:`figure_frame`; the contract
itself is in ``_contract.py``), and writes its texts with :func:`annotate`.

The texts around the Axes take part in the layout, so that a constrained layout makes
room for them and ``bbox_inches="tight"`` (Jupyter's inline default) keeps them whole and
in place: the title and subtitle above the Axes, the notes and the source line under the
box of the Axes with its tick labels and legend.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from .palette import MUTED_TEXT_COLOUR, TEXT_COLOUR
from .theme import RC_PARAMS, register_fonts, theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.text import Text


#: Title, subtitle and source line, in points.
SUBTITLE_FONT_SIZE = 8.5
SUBTITLE_LINE_HEIGHT = 10.5
SUBTITLE_GAP_POINTS = 6.0
TITLE_GAP_POINTS = 4.0
SOURCE_FONT_SIZE = 7.0
#: Gap between the box of an Axes (with its tick labels and legend) and its source line.
SOURCE_GAP_POINTS = 4.0
#: Points kept free on each side of a source line wrapped to its figure's width.
SOURCE_MARGIN_POINTS = 6.0


def get_root_figure(ax: Axes) -> Figure:
    """The figure ``ax`` belongs to: an Axes always has one once it is created."""
    return cast("Figure", ax.get_figure(root=True))


@contextmanager
def figure_frame(ax: Axes | None, figsize: tuple[float, float]) -> Iterator[Axes]:
    """Draw under the theme into ``ax``, or into the Axes of a new figure of ``figsize``.

    A new figure uses the constrained layout, which makes room for the texts that
    :func:`annotate` writes; a caller's figure keeps its own layout.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with figure_frame(None, (4, 3)) as ax:
    ...     ax.get_figure().get_size_inches().tolist()
    [4.0, 3.0]
    >>> plt.close(ax.figure)
    """
    with theme():
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=figsize, layout="constrained")
        yield ax


def annotate(
    ax: Axes,
    *,
    title: str,
    subtitle: str | None = None,
    notes: Iterable[str | None] = (),
    source: str | None = None,
    subtitle_width: int | None = None,
    subtitle_lift: float = 0.0,
) -> None:
    """Write a figure's title and subtitle above ``ax``, its notes and source line below.

    The subtitle is wrapped at ``subtitle_width`` characters where given (it starts at
    the Axes' left edge, which only the layout knows: a figure with long tick labels on
    the left says how many characters fit), else to the figure's width, and the title
    is raised to clear all its lines;
    ``subtitle_lift`` (points) raises both above what sits on top of the Axes (top tick
    labels): matplotlib does not move annotations. The notes (``None`` ones are left
    out) and the source line make one text (``gid="source"``), wrapped to the figure's
    width; it hangs under the box of ``ax`` with its tick labels and legend, starting at
    that box's left edge, alone in its figure or in an analyst's grid.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> annotate(ax, title="Title", subtitle="Subtitle", notes=["* A note."], source="Source")
    >>> [t.get_text() for t in ax.texts]
    ['Subtitle', '* A note.\\nSource']
    >>> plt.close(fig)
    """
    figure_width = get_root_figure(ax).get_figwidth() * 72 - 2 * SOURCE_MARGIN_POINTS
    if subtitle_width is None:
        subtitle = wrap_to_width(subtitle or "", figure_width, fontsize=SUBTITLE_FONT_SIZE)
    lines = [
        line
        for paragraph in (subtitle or "").split("\n")
        for line in (textwrap.wrap(paragraph, subtitle_width) if subtitle_width else [paragraph])
        if line
    ]
    pad = TITLE_GAP_POINTS + subtitle_lift
    if lines:
        pad += SUBTITLE_GAP_POINTS + len(lines) * SUBTITLE_LINE_HEIGHT
        offset = SUBTITLE_GAP_POINTS + subtitle_lift
        _write_muted(ax, "subtitle", "\n".join(lines), (0, 1), "axes fraction", offset)
    ax.set_title(title, loc="left", fontweight="bold", color=TEXT_COLOUR, pad=pad)
    footer = "\n".join([*(note for note in notes if note), *([source] if source else [])])
    if footer:
        footer = wrap_to_width(footer, figure_width, fontsize=SOURCE_FONT_SIZE)
        _write_muted(ax, "source", footer, (0, 0), _below(ax), -SOURCE_GAP_POINTS)


@lru_cache(maxsize=512)
def wrap_to_width(text: str, width: float, *, fontsize: float) -> str:
    """``text`` with every line (``\\n`` starts one) wrapped to ``width`` points.

    Words are measured in the theme's font at ``fontsize``, so that a source line is
    never wider than its figure: a wider text would make the constrained layout shrink
    the Axes to fit it. Only plain spaces break a line, never a no-break space. The
    answer is remembered: measuring shapes every candidate line, and a figure drawn
    again (in a notebook, in tests) wraps the same texts.

    Examples
    --------
    >>> wrap_to_width("Source: Lanzarote Committee", 60, fontsize=7)
    'Source:\\nLanzarote\\nCommittee'
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    register_fonts()
    font = FontProperties(family=RC_PARAMS["font.family"], size=fontsize)

    def measure(line: str) -> float:
        return text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]

    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > width:
                lines.append(line)
                candidate = word
            line = candidate
        lines.append(line)
    return "\n".join(lines)


def write_label(
    ax: Axes,
    text: str,
    xy: tuple[float, float],
    *,
    offset: tuple[float, float] = (0.0, 0.0),
    fontsize: float = 8.5,
    **kwargs: Any,
) -> Text:
    """Write ``text`` in bold at ``xy`` (data coordinates unless ``xycoords`` says other),
    moved by ``offset`` points: a count at the end of a bar, a heading over bars.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> write_label(ax, "27", (27, 0), offset=(3, 0)).get_fontweight()
    'bold'
    """
    options: dict[str, Any] = {"ha": "left", "va": "center", "color": TEXT_COLOUR} | kwargs
    return ax.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        fontsize=fontsize,
        fontweight="bold",
        **options,
    )


def add_legend_below(ax: Axes, handles: list[Any], **kwargs: Any) -> Legend:
    """A legend of ``handles`` in one row under the box of ``ax``, from its left edge.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from matplotlib.patches import Patch
    >>> fig, ax = plt.subplots()
    >>> add_legend_below(ax, [Patch(label="a"), Patch(label="b")])._ncols
    2
    """
    options: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (0, 0), "ncols": len(handles)}
    return ax.legend(handles=handles, **(options | kwargs))


def find_text(ax: Axes, gid: str) -> Text | None:
    """The ``"subtitle"`` or ``"source"`` that :func:`annotate` wrote on ``ax``, or ``None``."""
    return next((text for text in ax.texts if text.get_gid() == gid), None)


def hide_spines(ax: Axes) -> None:
    """Hide all four spines: an Axes passed in by the caller was not made under the theme."""
    for spine in ax.spines.values():
        spine.set_visible(False)


def _write_muted(
    ax: Axes, gid: str, text: str, xy: tuple[float, float], xycoords: Any, offset: float
) -> None:
    """The ``"subtitle"`` (above ``xy``) or the ``"source"`` line (below it), in grey."""
    is_subtitle = gid == "subtitle"
    ax.annotate(
        text,
        xy=xy,
        xycoords=xycoords,
        xytext=(0, offset),
        textcoords="offset points",
        ha="left",
        va="bottom" if is_subtitle else "top",
        fontsize=SUBTITLE_FONT_SIZE if is_subtitle else SOURCE_FONT_SIZE,
        color=MUTED_TEXT_COLOUR,
        gid=gid,
    )


def _below(ax: Axes) -> Callable[[Any], Any]:
    """The box of ``ax`` with its tick labels and legend, as annotate's coordinates.

    Computed at draw time from the Axes' own parts only (never from the source line
    itself), so that the source keeps the same place relative to the Axes whatever
    the figure's size or the caller's ``bbox_inches``.
    """
    from matplotlib.transforms import Bbox

    def box(renderer: Any) -> Bbox:
        boxes = [ax.get_window_extent(renderer)]
        for artist in (ax.xaxis, ax.yaxis, ax.get_legend()):
            if artist is None or not artist.get_visible():
                continue
            extent = artist.get_tightbbox(renderer)
            if extent is not None and extent.width > 0 and extent.height > 0:
                boxes.append(extent)
        return Bbox.union(boxes)

    return box
