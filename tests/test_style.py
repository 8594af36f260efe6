"""The shared theme and annotation: figures an analyst composes from several plots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import lanzarote_analysis as la
from lanzarote_analysis.plots._base import annotate


def source_texts(ax):
    return [t for t in ax.texts if "Source" in t.get_text()]


def test_sources_of_plots_sharing_a_figure_do_not_overlap():
    fig, axs = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
    try:
        la.plot_addressees_by_recommendation(ax=axs[0])
        la.plot_indicators(ax=axs[1])
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        [left] = source_texts(axs[0])
        [right] = source_texts(axs[1])
        left_box, right_box = left.get_window_extent(renderer), right.get_window_extent(renderer)
        assert not left_box.overlaps(right_box)
        # Each source line sits under its own Axes.
        for ax, text in ((axs[0], left_box), (axs[1], right_box)):
            assert text.y1 <= ax.get_window_extent(renderer).y0
    finally:
        plt.close(fig)


def test_alone_in_its_figure_the_source_line_is_laid_out_under_the_tick_labels():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    try:
        ax.set_yticks([0, 1], ["a long tick label", "b"])
        annotate(ax, title="T", source="Source: S")
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        [source] = source_texts(ax)
        box = source.get_window_extent(renderer)
        ticks = ax.yaxis.get_tightbbox(renderer)
        # Under the x tick labels, from the left edge of the y tick labels, in the figure.
        assert box.y1 < ax.xaxis.get_tightbbox(renderer).y0
        assert box.x0 == pytest.approx(ticks.x0)
        assert fig.bbox.contains(box.x0, box.y0)
        # The layout made room for it: it is part of the Axes' box, not laid over it.
        assert source.get_in_layout()
        assert ax.get_tightbbox(renderer).y0 == pytest.approx(box.y0)
    finally:
        plt.close(fig)


def test_an_axes_made_outside_the_theme_gets_no_stray_spines():
    fig, ax = plt.subplots()  # default rcParams: four spines
    try:
        la.plot_indicators(ax=ax)
        assert not any(spine.get_visible() for spine in ax.spines.values())
    finally:
        plt.close(fig)
