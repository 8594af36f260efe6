"""Saving figures: reproducible bytes in every format, atomic writes, no run-specific metadata.

The figures here are small synthetic ones (text, hatches, clip paths: the parts of a
figure that carry ids or font subsets), built twice from scratch and saved twice.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from lanzarote_analysis.output import save as export
from lanzarote_analysis.output.save import PNG_DPI, atomic_write, save_figure
from lanzarote_analysis.plots.theme import theme
from lanzarote_analysis.vocabulary import IMAGE_FORMATS

FIGSIZE = (3.0, 2.0)


def make_figure():
    """A small figure with text (fonts), hatching and clipping, like the report's."""
    with theme():
        fig, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
        ax.bar(["Implication", "Financement"], [3, 5], hatch="////", edgecolor="#555555")
        ax.set_title("Lacune relative à la société civile")
        ax.text(0, 4, "é à ç œ", clip_on=True)
    return fig


@pytest.mark.parametrize("fmt", IMAGE_FORMATS)
def test_two_saves_of_two_builds_give_the_same_bytes(tmp_path, fmt):
    outputs = []
    for run in range(2):
        fig = make_figure()
        outputs.append(save_figure(fig, tmp_path / f"run{run}.{fmt}").read_bytes())
        plt.close(fig)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


@pytest.mark.parametrize(
    ("fmt", "forbidden"),
    [
        ("png", [b"Software", b"matplotlib version"]),
        ("svg", [b"<dc:date>", b"Matplotlib v"]),
        ("pdf", [b"/CreationDate", b"/Producer", b"/Creator"]),
    ],
)
def test_no_date_nor_version_is_stamped(tmp_path, fmt, forbidden):
    fig = make_figure()
    data = save_figure(fig, tmp_path / f"figure.{fmt}").read_bytes()
    plt.close(fig)
    for marker in forbidden:
        assert marker not in data


def test_png_is_saved_at_200_dpi_whatever_the_rc_settings(png_size, tmp_path):
    fig = make_figure()
    with plt.rc_context({"savefig.dpi": 72}):
        data = save_figure(fig, tmp_path / "figure.png").read_bytes()
    plt.close(fig)
    assert png_size(data) == (round(FIGSIZE[0] * PNG_DPI), round(FIGSIZE[1] * PNG_DPI))


def test_the_theme_is_applied_at_save_time(tmp_path):
    # svg.hashsalt is read when saving: without the theme, ids would change per run.
    fig = make_figure()
    with plt.rc_context({"svg.hashsalt": None}):
        first = save_figure(fig, tmp_path / "a.svg").read_bytes()
        second = save_figure(fig, tmp_path / "b.svg").read_bytes()
    plt.close(fig)
    assert first == second


@pytest.mark.parametrize("fmt", IMAGE_FORMATS)
def test_a_save_draws_once_and_gives_what_matplotlib_gives(tmp_path, fmt, monkeypatch):
    # The layout runs in the draw that renders the file, not in a draw of its own:
    # the bytes are those of matplotlib's own two-draw save.
    from matplotlib.figure import Figure

    fig = make_figure()
    engine = fig.get_layout_engine()
    ours = save_figure(fig, tmp_path / f"ours.{fmt}").read_bytes()
    assert fig.get_layout_engine() is engine and not fig.artists  # left as it was
    draws = []
    draw = Figure.draw
    monkeypatch.setattr(
        Figure, "draw", lambda self, renderer: draws.append(1) or draw(self, renderer)
    )
    again = save_figure(fig, tmp_path / f"again.{fmt}").read_bytes()
    assert len(draws) == 1
    draws.clear()
    with theme():
        fig.savefig(tmp_path / f"theirs.{fmt}", dpi=PNG_DPI, metadata=export.SAVE_METADATA[fmt])
    assert len(draws) == 2  # what a save costs without this
    plt.close(fig)
    assert ours == again == (tmp_path / f"theirs.{fmt}").read_bytes()


def test_user_settings_neither_crop_a_file_nor_lay_it_out_again(tmp_path, png_size):
    fig = make_figure()
    expected = save_figure(fig, tmp_path / "plain.png").read_bytes()
    settings = {"savefig.bbox": "tight", "figure.constrained_layout.use": True}
    with plt.rc_context(settings):
        data = save_figure(fig, tmp_path / "with-settings.png").read_bytes()
    plt.close(fig)
    assert png_size(data) == (round(FIGSIZE[0] * PNG_DPI), round(FIGSIZE[1] * PNG_DPI))
    assert data == expected


def test_an_unknown_format_is_refused_before_writing(tmp_path):
    fig = make_figure()
    with pytest.raises(ValueError, match="Unknown format 'jpg'; expected one of: png, svg, pdf"):
        save_figure(fig, tmp_path / "figure.jpg")
    plt.close(fig)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_save_leaves_the_previous_file_and_no_temporary(
    tmp_path, monkeypatch, interruption
):
    target = tmp_path / "figure.png"
    target.write_bytes(b"the previous figure")
    fig = make_figure()
    real_savefig = fig.savefig
    written = []

    def savefig_then_fail(handle, **kwargs):
        # Write half of a real PNG, then fail, as a full disk or Ctrl-C would.
        buffer = io.BytesIO()
        real_savefig(buffer, **kwargs)
        handle.write(buffer.getvalue()[: len(buffer.getvalue()) // 2])
        handle.flush()
        written.append(os.fstat(handle.fileno()).st_size)
        raise interruption("interrupted midway")

    monkeypatch.setattr(fig, "savefig", savefig_then_fail)
    with pytest.raises(interruption):
        save_figure(fig, target)
    plt.close(fig)
    assert written and written[0] > 0  # the failure did happen midway through a write
    assert target.read_bytes() == b"the previous figure"
    assert [p.name for p in tmp_path.iterdir()] == ["figure.png"]


def test_an_interrupted_first_save_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), atomic_write(tmp_path / "new.svg") as handle:
        handle.write(b"<svg")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    # A published figure must be readable like any new file (mkstemp would give 0600).
    umask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "figure.pdf") as handle:
            handle.write(b"%PDF")
    finally:
        os.umask(umask)
    assert (tmp_path / "figure.pdf").stat().st_mode & 0o777 == 0o644


def test_temporary_files_live_beside_the_target(tmp_path, monkeypatch):
    # os.replace is atomic only within one file system: the temporary must be a sibling.
    seen = []
    real_replace = os.replace

    def spy(source, target):
        seen.append((Path(source).parent, Path(target).parent, Path(source).name))
        real_replace(source, target)

    monkeypatch.setattr(export.os, "replace", spy)
    with atomic_write(tmp_path / "figure.png") as handle:
        handle.write(b"png")
    [(source_dir, target_dir, name)] = seen
    assert source_dir == target_dir == tmp_path
    assert name.startswith(export.TEMP_PREFIX) and name.endswith(export.TEMP_SUFFIX)
