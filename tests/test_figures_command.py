"""The ``figures`` command and the figure registry.

The machinery (naming, languages, formats, workers, closing, errors) is tested with a
tiny plotting function defined here and passed in a test registry; the real registry
is checked against the issue's list and the package's public plotting API, and the
real command is run twice on a map and a chart to check that the bytes repeat.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import lanzarote_analysis as la
from lanzarote_analysis.cli import main
from lanzarote_analysis.i18n.labels import get_label
from lanzarote_analysis.output.figure_run import FigureBuildError, is_progress_shown, write_figures
from lanzarote_analysis.output.registry import REPORT_FIGURES, FigureSpec, select_figures
from lanzarote_analysis.output.save import PNG_DPI
from lanzarote_analysis.plots.theme import theme
from lanzarote_analysis.vocabulary import IMAGE_FORMATS, LANGUAGES

TINY_SIZE = (2.0, 1.5)


def plot_tiny(data=None, *, lang="en", data_dir=None, ax=None, value=3):
    """A contract-following plotting function: a bar and a translated label."""
    la.load_parties(data_dir)  # reads the data like the real figures do
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=TINY_SIZE, layout="constrained")
        ax.bar([get_label("gap.both", lang)], [value], hatch="//")
        ax.set_title(get_label("column.gap", lang))
    return ax


def plot_broken(data=None, *, lang="en", data_dir=None, ax=None):
    raise la.UnknownPartyError("Atlantis", ["Andorra"])


TINY_REGISTRY = (
    FigureSpec("tiny", f"{__name__}:plot_tiny", "A bar"),
    FigureSpec("tiny_five", f"{__name__}:plot_tiny", "A taller bar", {"value": 5}),
)


def read_tree(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def png_dimensions(path: Path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header (IHDR comes first)."""
    header = path.read_bytes()[16:24]
    return int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")


def run_cli(*args: str) -> int:
    return main(["figures", *args])


# The registry.


def test_the_registry_names_every_report_figure_once():
    # Each recommendation that names its Parties (scope "listed") gets a map.
    recs = la.load_recommendations()
    mapped = [f"rec_{rec_id}_map" for rec_id in recs.index[recs["scope"] == "listed"]]
    expected = {
        "gap_map",
        *mapped,
        "recommendation_matrix",
        "addressees_by_recommendation",
        "gap_overlap",
        "gaps_by_group",
        "practices_vs_gaps",
        "indicators",
    }
    names = [spec.name for spec in REPORT_FIGURES]
    assert len(names) == len(set(names))
    assert set(names) == expected


def test_every_registered_function_is_public_api():
    for spec in REPORT_FIGURES:
        module, _, function = spec.function.partition(":")
        assert module == la._LAZY[function], spec.name
        assert "\n" not in spec.description and 0 < len(spec.description) <= 90


def test_each_recommendation_map_passes_its_recommendation():
    for spec in REPORT_FIGURES:
        if spec.name.startswith("rec_"):
            rec_id = spec.name.removeprefix("rec_").removesuffix("_map")
            assert dict(spec.kwargs) == {"rec_id": rec_id}
            assert rec_id in la.load_recommendations().index


def test_list_prints_every_name_and_description(capsys):
    assert run_cli("--list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [spec.name for spec in REPORT_FIGURES]
    for line, spec in zip(lines, REPORT_FIGURES, strict=True):
        assert line.endswith(spec.description)


def test_selection_keeps_registry_order_and_drops_duplicates():
    chosen = select_figures(["tiny_five", "tiny", "tiny_five"], TINY_REGISTRY)
    assert [spec.name for spec in chosen] == ["tiny", "tiny_five"]


# Writing figures.


#: Worker processes take a second to start: make test-fast runs the serial case only.
JOBS = [1, pytest.param(2, marks=pytest.mark.slow)]


@pytest.mark.parametrize("jobs", JOBS)
def test_files_are_named_by_figure_language_and_format(tmp_path, jobs):
    results = write_figures(tmp_path, registry=TINY_REGISTRY, jobs=jobs)
    expected = {
        f"{s.name}.{lang}.{fmt}"
        for s in TINY_REGISTRY
        for lang in LANGUAGES
        for fmt in IMAGE_FORMATS
    }
    assert {p.name for p in tmp_path.iterdir()} == expected
    assert [(r.name, r.lang) for r in results] == [
        (s.name, lang) for s in TINY_REGISTRY for lang in LANGUAGES
    ]
    assert all(r.seconds > 0 for r in results)


def test_each_language_gets_its_own_labels(tmp_path):
    write_figures(tmp_path, registry=TINY_REGISTRY, formats=["svg"], jobs=1)
    # SVG text is drawn as paths, so compare files rather than strings.
    assert (tmp_path / "tiny.en.svg").read_bytes() != (tmp_path / "tiny.fr.svg").read_bytes()


@pytest.mark.slow  # worker processes
def test_workers_and_serial_give_the_same_bytes(tmp_path):
    write_figures(tmp_path / "serial", registry=TINY_REGISTRY, jobs=1)
    write_figures(tmp_path / "parallel", registry=TINY_REGISTRY, jobs=2)
    assert read_tree(tmp_path / "serial") == read_tree(tmp_path / "parallel")


def test_png_is_at_report_size_and_200_dpi(tmp_path):
    write_figures(
        tmp_path, names=["tiny"], langs=["en"], formats=["png"], registry=TINY_REGISTRY, jobs=1
    )
    assert png_dimensions(tmp_path / "tiny.en.png") == (
        TINY_SIZE[0] * PNG_DPI,
        TINY_SIZE[1] * PNG_DPI,
    )


def test_figures_are_closed_after_saving(tmp_path):
    before = plt.get_fignums()
    write_figures(tmp_path, registry=TINY_REGISTRY, formats=["png"], jobs=1)
    assert plt.get_fignums() == before


def test_a_closed_figure_is_freed_at_once(monkeypatch):
    # Left to Python's rare full collections, closed figures pile up in memory.
    import gc
    import weakref

    from lanzarote_analysis.output.figure_run import free_closed_figures

    monkeypatch.setattr(gc, "freeze", lambda: None)  # this test process stays as it is
    fig = plot_tiny().figure
    alive = weakref.ref(fig)
    plt.close(fig)
    del fig
    assert alive() is not None  # reference cycles: closing is not enough
    free_closed_figures()
    assert alive() is None


def test_a_serial_run_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    write_figures(tmp_path / "a", registry=TINY_REGISTRY, formats=["png"], jobs=1)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller's frozen objects are its own: they stay frozen
    try:
        frozen = gc.get_freeze_count()
        write_figures(tmp_path / "b", registry=TINY_REGISTRY, formats=["png"], jobs=1)
        # Neither unfrozen nor grown (a frozen object that dies leaves the count).
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    assert read_tree(tmp_path / "a") == read_tree(tmp_path / "b")


@pytest.mark.parametrize("jobs", JOBS)
def test_a_failing_figure_is_named_and_leaves_existing_files(tmp_path, jobs):
    registry = (*TINY_REGISTRY, FigureSpec("broken", f"{__name__}:plot_broken", "Fails"))
    (tmp_path / "broken.en.png").write_bytes(b"previous")
    with pytest.raises(FigureBuildError, match=r"figure broken \(en\): Unknown Party"):
        write_figures(tmp_path, registry=registry, formats=["png"], jobs=jobs)
    assert (tmp_path / "broken.en.png").read_bytes() == b"previous"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_interrupted_run_keeps_complete_figures_only(tmp_path, monkeypatch):
    # Ctrl-C while the second file is being written: the first is complete, the
    # second keeps its previous content, and no temporary file is left behind.
    from matplotlib.figure import Figure

    (tmp_path / "tiny.en.svg").write_bytes(b"previous")
    open_before = plt.get_fignums()
    real_savefig = Figure.savefig

    def savefig(self, handle, **kwargs):
        real_savefig(self, handle, **kwargs)
        if kwargs["format"] == "svg":
            raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", savefig)
    with pytest.raises(KeyboardInterrupt):
        write_figures(tmp_path, registry=TINY_REGISTRY, formats=["png", "svg"], jobs=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.en.png", "tiny.en.svg"]
    assert (tmp_path / "tiny.en.svg").read_bytes() == b"previous"
    assert png_dimensions(tmp_path / "tiny.en.png") == (
        TINY_SIZE[0] * PNG_DPI,
        TINY_SIZE[1] * PNG_DPI,
    )
    assert plt.get_fignums() == open_before


@pytest.mark.parametrize("jobs", [0, -1, True, 1.5])
def test_a_bad_job_count_is_refused(tmp_path, jobs):
    with pytest.raises(ValueError, match="jobs must be a positive integer"):
        write_figures(tmp_path / "out", registry=TINY_REGISTRY, jobs=jobs)
    assert not (tmp_path / "out").exists()


# Errors of the command: exit 1, one line, nothing written.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "gap_map", "nope"], "Unknown figure 'nope'; expected one of: gap_map, "),
        (["--lang", "de"], "Unknown language 'de'; expected one of: en, fr"),
        (["--format", "jpg"], "Unknown format 'jpg'; expected one of: png, svg, pdf"),
    ],
)
def test_a_bad_argument_exits_1_with_one_line(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert run_cli("--out", str(out), *args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_an_unknown_name_lists_every_valid_name(capsys, tmp_path):
    run_cli("--out", str(tmp_path), "--only", "map")
    err = capsys.readouterr().err
    assert all(spec.name in err for spec in REPORT_FIGURES)


def test_bad_data_writes_nothing_not_even_the_folder(tmp_path, data_copy, capsys):
    (data_copy / "parties.csv").write_text("iso3\n", encoding="utf-8")
    out = tmp_path / "figures"
    args = ["figures", "--only", "indicators", "--out", str(out), "--data-dir", str(data_copy)]
    assert main(args) == 1
    assert "parties.csv" in capsys.readouterr().err
    assert not out.exists()


def test_an_uncreatable_output_directory_exits_1(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    assert run_cli("--out", str(blocker / "figures"), "--only", "indicators") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Cannot create output directory") and err.count("\n") == 1


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permission bits do not bind root"
)
def test_an_unwritable_output_directory_exits_1(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert run_cli("--out", str(locked), "--only", "indicators") == 1
    assert capsys.readouterr().err.startswith("error: Cannot write to output directory")


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert is_progress_shown(stream=Terminal())
    assert not is_progress_shown(quiet=True, stream=Terminal())
    assert not is_progress_shown(stream=open(__file__))  # noqa: SIM115
    monkeypatch.setenv("CI", "true")
    assert not is_progress_shown(stream=Terminal())


def test_other_commands_and_list_do_not_import_matplotlib():
    code = (
        "import sys, io, contextlib\n"
        "from lanzarote_analysis.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['gaps']); main(['figures', '--list'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'matplotlib', 'seaborn', 'geopandas', 'tqdm'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# The real command.


@pytest.mark.slow
def test_the_command_twice_gives_the_same_bytes(tmp_path):
    # A map and a chart: the two kinds of figure; once with workers, once without.
    names = ["gap_map", "indicators"]
    assert run_cli("--out", str(tmp_path / "a"), "--only", *names, "--quiet") == 0
    assert run_cli("--out", str(tmp_path / "b"), "--only", *names, "--quiet", "--jobs", "1") == 0
    first, second = read_tree(tmp_path / "a"), read_tree(tmp_path / "b")
    assert set(first) == {
        f"{n}.{lang}.{fmt}" for n in names for lang in LANGUAGES for fmt in IMAGE_FORMATS
    }
    stale = sorted(name for name in first if first[name] != second[name])
    assert not stale, f"files differ between two runs: {stale}"
