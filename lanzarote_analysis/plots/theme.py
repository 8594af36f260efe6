"""The one visual theme of every figure: font, sizes, and reproducible output settings.

Figures are byte-reproducible only if every run uses the same settings, so the theme is
set here and nowhere else; colours are in ``palette.py``. The theme applies to our
figures only: :func:`theme` sets and restores just its own settings.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from ..io.paths import FONT_DIR
from .palette import BACKGROUND_COLOUR

#: DejaVu Sans cut down to the characters of Latin-script text and renamed
#: (``scripts/build_font.py``): saving a PDF subsets only this small font, not the
#: whole DejaVu Sans, and the glyphs are the same. Bundled, so every machine renders
#: the same glyphs.
FONT_FAMILY = "LZ Sans"
#: Where a character is missing from LZ Sans: the DejaVu Sans bundled with matplotlib.
FALLBACK_FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("LZSans.ttf", "LZSans-Bold.ttf")

RC_PARAMS: dict[str, Any] = {
    "font.family": [FONT_FAMILY, FALLBACK_FONT_FAMILY],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "figure.facecolor": BACKGROUND_COLOUR,
    "savefig.facecolor": BACKGROUND_COLOUR,
    "hatch.linewidth": 0.6,
    # Reproducible SVG: fixed ids, text as paths (no dependence on installed fonts).
    "svg.hashsalt": "lanzarote-analysis",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
    # Files of the report's size whatever the user's own settings: neither cropped
    # (savefig.bbox "tight") nor given a layout engine the figure was made without.
    "savefig.bbox": None,
    "figure.autolayout": False,
    "figure.constrained_layout.use": False,
}


@cache
def register_fonts() -> None:
    """Make LZ Sans known to matplotlib (once per process); no setting changes.

    Examples
    --------
    >>> from matplotlib import font_manager
    >>> register_fonts()
    >>> font_manager.findfont(FONT_FAMILY, fallback_to_default=False).endswith("LZSans.ttf")
    True
    """
    from matplotlib import font_manager

    for name in FONT_FILES:
        font_manager.fontManager.addfont(FONT_DIR / name)


@contextmanager
def theme() -> Iterator[None]:
    """Apply the project theme within a ``with`` block, and only there.

    Only the settings of :data:`RC_PARAMS` are set, and only they are restored on exit.
    ``matplotlib.rc_context`` would restore *every* setting, undoing what the first
    figure of a Jupyter kernel sets for good: creating it loads the inline backend,
    which switches interactive mode on so that every cell shows its figures. Undone,
    only the kernel's first figure would ever show.

    Examples
    --------
    >>> import matplotlib
    >>> with theme():
    ...     matplotlib.rcParams["font.family"]
    ['LZ Sans', 'DejaVu Sans']
    """
    import matplotlib as mpl

    register_fonts()

    settings: Any = mpl.rcParams  # typed with a literal per key; ours are plain strings
    saved = {key: settings[key] for key in RC_PARAMS}
    settings.update(RC_PARAMS)
    try:
        yield
    finally:
        settings.update(saved)
