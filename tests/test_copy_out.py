"""``data copy DIR``, ``data path``, ``notebooks DIR``: copies to edit and run, all or nothing."""

from __future__ import annotations

import json
import re
import shutil

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.cli import main
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, NOTEBOOKS_DIR
from lanzarote_analysis.output import copy_out

#: What would tie a notebook to a clone of the repository rather than to the package.
REPOSITORY_PATHS = re.compile(r"""["'](\.\./|\./)?(data|notebooks|figures|docs)/|\.\./|__file__""")


def tree(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_data_copy_is_the_data_in_force_and_can_be_edited(tmp_path, capsys):
    target = tmp_path / "my-data"
    assert main(["data", "copy", str(target)]) == 0
    assert tree(target) == tree(BUNDLED_DATA_DIR)
    assert f"validate {target}" in capsys.readouterr().err
    assert main(["validate", str(target)]) == 0
    # An edit in the copy is what --data-dir reads, and the bundled data is untouched.
    parties = target / "parties.csv"
    parties.write_text(parties.read_text("utf-8").replace(",Malte,", ",République de Malte,"))
    capsys.readouterr()
    assert main(["gaps", "--lang", "fr", "--data-dir", str(target)]) == 0
    assert "MLT,République de Malte," in capsys.readouterr().out
    assert la.load_parties().loc["MLT", "name_fr"] == "Malte"


def test_data_copy_of_a_data_dir_and_into_an_empty_folder(tmp_path, data_copy):
    (data_copy / "indicators.csv").write_bytes(b"edited")  # copied as it is, not validated
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["data", "copy", "--data-dir", str(data_copy), str(empty)]) == 0
    assert (empty / "indicators.csv").read_bytes() == b"edited"


def test_data_copy_refuses_a_folder_that_holds_something(tmp_path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["data", "copy", str(target)]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"error: Cannot write {target}: the folder is not empty; name a new or empty folder\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["data", "copy", str(tmp_path / "file")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_an_interrupted_copy_leaves_nothing(tmp_path, monkeypatch):
    copied = []
    real = shutil.copyfile

    def copy_then_fail(source, destination):
        if len(copied) == 3:
            raise KeyboardInterrupt
        copied.append(destination)
        return real(source, destination)

    monkeypatch.setattr(copy_out.shutil, "copyfile", copy_then_fail)
    with pytest.raises(KeyboardInterrupt):
        copy_out.copy_data(tmp_path / "my-data")
    assert len(copied) == 3
    assert list(tmp_path.iterdir()) == []


#: A copy that stops after its first file, for as long as the test needs to kill it.
STALLED_COPY = """
import shutil, time
from lanzarote_analysis.output import copy_out
real = shutil.copyfile
def copy_then_stall(source, destination):
    real(source, destination)
    time.sleep(60)
copy_out.shutil.copyfile = copy_then_stall
copy_out.copy_data({target!r})
"""


@pytest.mark.slow  # a process killed mid-copy
def test_a_copy_killed_outright_leaves_a_folder_the_next_copy_removes(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "my-data"
    code = STALLED_COPY.format(target=str(target))
    process = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while not any(p.is_dir() and any(p.iterdir()) for p in tmp_path.glob(".tmp-*.part")):
            assert process.poll() is None and time.monotonic() < deadline, "no copy started"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    [left] = tmp_path.iterdir()  # kill -9 runs no clean-up: the half copy stays hidden
    assert left.name.startswith(".tmp-my-data.") and not target.exists()
    assert main(["data", "copy", str(target)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["my-data"]
    assert tree(target) == tree(BUNDLED_DATA_DIR)


def test_a_copy_removes_only_what_dead_copies_to_the_same_folder_left(tmp_path):
    import os

    from lanzarote_analysis.output.save import own_temporary

    dead_pid = 2**22 + 1  # above the largest pid Linux gives: no process has it
    stale = tmp_path / f".tmp-my-data.{dead_pid}-0123abcd.part"
    kept = [
        tmp_path / f".tmp-my-data.{os.getppid()}-89abcdef.part",  # its writer runs
        tmp_path / f".tmp-my-data.{os.getpid()}-fedcba98.part",  # this process's, running
        tmp_path / f".tmp-my-data.v2.{dead_pid}-01234567.part",  # another target's
        tmp_path / f".tmp-notebooks.{dead_pid}-01234567.part",  # another target's
        tmp_path / ".tmp-my-data.part",  # not named by a copy: no pid
        tmp_path / ".tmp-my-data.backup.part",
    ]
    for folder in (stale, *kept):
        folder.mkdir()
        (folder / "parties.csv").write_text("half", encoding="utf-8")
    user_file = tmp_path / ".tmp-my-data.notes.part"  # a file of the user's, so named
    user_file.write_text("mine", encoding="utf-8")
    with own_temporary(kept[1]):
        copy_out.copy_data(tmp_path / "my-data")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (*kept, user_file, tmp_path / "my-data")
    )


def test_a_copy_whose_folder_is_removed_meanwhile_fails_rather_than_end_incomplete(
    tmp_path, monkeypatch
):
    real = shutil.copyfile
    copied = []

    def copy_then_lose_the_folder(source, destination):
        real(source, destination)
        copied.append(destination)
        if len(copied) == 1:  # the whole folder goes, as a wrong clean-up would take it
            shutil.rmtree(next(p for p in destination.parents if p.name.startswith(".tmp-")))

    monkeypatch.setattr(copy_out.shutil, "copyfile", copy_then_lose_the_folder)
    with pytest.raises(la.FileWriteError, match="my-data"):
        copy_out.copy_data(tmp_path / "my-data")
    assert list(tmp_path.iterdir()) == []


def test_data_path_prints_the_directory_in_force(tmp_path, capsys, monkeypatch, data_copy):
    assert main(["data", "path"]) == 0
    assert capsys.readouterr().out == f"{BUNDLED_DATA_DIR}\n"
    monkeypatch.setenv("LANZAROTE_DATA_DIR", str(data_copy))
    assert main(["data", "path"]) == 0
    assert capsys.readouterr().out == f"{data_copy}\n"


def test_notebooks_copy_holds_every_notebook(tmp_path):
    target = tmp_path / "nb"
    assert main(["notebooks", str(target)]) == 0
    copied = tree(target)
    assert copied == {
        p.name: p.read_bytes() for p in sorted(NOTEBOOKS_DIR.iterdir()) if p.is_file()
    }
    assert sum(name.endswith(".ipynb") for name in copied) == 5
    assert main(["notebooks", str(target)]) == 1  # not into a folder that holds them


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_code_does_not_rely_on_the_repository_layout(path):
    cells = json.loads(path.read_text("utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    found = [line for cell in code for line in cell.splitlines() if REPOSITORY_PATHS.search(line)]
    assert not found
    assert any("import lanzarote_analysis as la" in cell for cell in code)


def test_the_pattern_catches_repository_paths():
    for line in ('open("data/sources/factsheet.txt")', "Path('../figures/x.png')", "'./data/'"):
        assert REPOSITORY_PATHS.search(line), line
    assert not REPOSITORY_PATHS.search('la.load_tables()["sources"]')
