"""The texts of every report figure as it is saved, for a floor that draws only them.

About half of what the figures cost is matplotlib measuring and drawing their texts
in each format; no change that keeps the figures' looks can remove it. The floor with
texts (``floor.py --texts``) saves blank figures of the same sizes showing these texts
(same strings, fonts, sizes, colours, angles, alignments and places; no Axes, no
layout, no arrows or halos) with the theme's text settings and fonts. Writing them
takes this package; drawing them takes only matplotlib.

    python benchmarks/figure_texts.py --out /tmp/texts.json
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("MPLBACKEND", "Agg")

#: The theme's settings that change how text is measured, drawn or embedded.
TEXT_SETTINGS = ("font.", "text.", "pdf.", "svg.", "ps.", "mathtext.")


def read_texts(fig: Any, *, dpi: float) -> list[dict[str, Any]]:
    """Every visible text of ``fig`` as ``fig.text`` keyword arguments, where a draw at
    ``dpi`` places it (in figure fraction), aligned as it is (so its lines too).
    Decorations (an annotation's arrow, a halo) are left out.

    The constrained layout depends on the resolution (hinted text is measured in
    pixels), so the texts are read from a draw at the saved file's: 200 dpi puts them
    where the PNG has them.
    """
    from lanzarote_analysis.plots.theme import theme

    resolution = fig.dpi
    fig.set_dpi(dpi)
    try:
        with theme():  # as save_figure draws
            fig.draw_without_rendering()
            return [describe_text(text, fig) for text in find_drawn_texts(fig)]
    finally:
        fig.set_dpi(resolution)


def find_drawn_texts(fig: Any) -> list[Any]:
    """The texts of ``fig`` that a draw shows: visible, and not empty."""
    from matplotlib.text import Text

    return [text for text in fig.findobj(Text) if text.get_visible() and text.get_text()]


def describe_text(text: Any, fig: Any) -> dict[str, Any]:
    """``fig.text`` keyword arguments that draw ``text`` again where the last draw put it."""
    from matplotlib.colors import to_hex
    from matplotlib.text import Text

    width, height = fig.bbox.size
    # Text's own box: an Annotation's would include its arrow.
    box = Text.get_window_extent(text, fig.canvas.get_renderer())
    align = text.get_horizontalalignment()
    x = {"left": box.x0, "center": (box.x0 + box.x1) / 2, "right": box.x1}[align]
    font = text.get_fontproperties()
    return {
        "x": x / width,
        "y": box.y0 / height,
        "s": text.get_text(),
        "fontfamily": font.get_family(),
        "fontsize": font.get_size_in_points(),
        "fontweight": font.get_weight(),
        "fontstyle": font.get_style(),
        "color": to_hex(text.get_color(), keep_alpha=True),
        "rotation": text.get_rotation(),
        "linespacing": text.get_linespacing(),
        "ha": align,
        "va": "bottom",
    }


def collect_figure_texts() -> dict[str, Any]:
    """The texts of every report figure and language, keyed ``<name>.<lang>`` as the
    files of ``lanzarote-analysis figures``, with the theme's text settings and fonts."""
    import matplotlib.pyplot as plt

    from lanzarote_analysis.io.paths import FONT_DIR
    from lanzarote_analysis.output.figure_run import build_figure
    from lanzarote_analysis.output.registry import REPORT_FIGURES
    from lanzarote_analysis.output.save import PNG_DPI
    from lanzarote_analysis.plots.theme import FONT_FILES, RC_PARAMS
    from lanzarote_analysis.vocabulary import LANGUAGES

    figures = {}
    for spec in REPORT_FIGURES:
        for lang in LANGUAGES:
            fig = build_figure(spec, lang=lang)
            figures[f"{spec.name}.{lang}"] = read_texts(fig, dpi=PNG_DPI)
            plt.close(fig)
    settings = {key: value for key, value in RC_PARAMS.items() if key.startswith(TEXT_SETTINGS)}
    fonts = [str(FONT_DIR / name) for name in FONT_FILES]
    return {"settings": settings, "fonts": fonts, "figures": figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    args = parser.parse_args()
    args.out.write_text(json.dumps(collect_figure_texts(), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
