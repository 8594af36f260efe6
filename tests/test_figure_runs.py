"""Figure runs clean up after themselves: workers end with their parent, however it ends;
partial files of an interrupted run are removed by the next run; workers are capped by
the CPUs available; Ctrl-C gives one line and status 130; OS errors name the file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lanzarote_analysis.cli import main
from lanzarote_analysis.output import save as export
from lanzarote_analysis.output import workers
from lanzarote_analysis.output.figure_run import write_figures
from lanzarote_analysis.output.registry import FigureSpec
from lanzarote_analysis.output.save import TEMP_PREFIX, TEMP_SUFFIX, atomic_write

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to find the workers"
)

WAIT = 60  # seconds allowed for a process to start or to end
# Orphaned workers would go on with their queue (12 slow figures, 5 s each, 2 workers:
# 30 s), so ending within 20 s shows that they ended with their parent.
END_WAIT = 20
SLOW_FIGURES, SLOW_SECONDS = 12, 5


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def is_alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by its new parent, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_for(condition, what: str, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def partial_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))


# A run whose figures take long enough to be killed mid-way: each worker writes a
# large file slowly, so temporary files exist while the parent is killed.
SLOW_RUN = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from lanzarote_analysis.output import workers
    from lanzarote_analysis.output.registry import FigureSpec
    from lanzarote_analysis.output.figure_run import write_figures
    if {without_pdeathsig!r}:
        workers._set_parent_death_signal = lambda signum: False
    registry = tuple(
        FigureSpec(f"slow{{i}}", "test_figure_runs:plot_slow", "slow")
        for i in range({count})
    )
    write_figures({out!r}, registry=registry, langs=["en"], formats=["png"], jobs=2)
    """
)


def plot_slow(data=None, *, lang="en", data_dir=None, ax=None):
    """A figure whose saving takes seconds: the canvas draws slowly."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))

    def slow_draw(renderer, _draw=fig.draw):
        time.sleep(SLOW_SECONDS)
        return _draw(renderer)

    fig.draw = slow_draw
    return ax


def start_slow_run(out: Path, *, without_pdeathsig: bool = False) -> subprocess.Popen:
    code = SLOW_RUN.format(
        tests=str(Path(__file__).parent),
        out=str(out),
        without_pdeathsig=without_pdeathsig,
        count=SLOW_FIGURES,
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


@pytest.fixture
def reap():
    """Pids to kill after the test, so that a failing test leaves no worker behind."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if is_alive(pid):
            os.kill(pid, signal.SIGKILL)


def kill_mid_run(
    out: Path, signum: int, *, group: bool, reap: list[int], without_pdeathsig=False
) -> list[int]:
    """Start a run, wait until its workers write, send ``signum``; return the workers."""
    proc = start_slow_run(out, without_pdeathsig=without_pdeathsig)
    reap.append(proc.pid)
    try:
        wait_for(lambda: len(children_of(proc.pid)) >= 2, "two workers")
        wait_for(lambda: partial_files(out), "a partial file")
        found = children_of(proc.pid)
        reap.extend(found)
        if group:
            os.killpg(proc.pid, signum)
        else:
            os.kill(proc.pid, signum)
        proc.wait(timeout=WAIT)
        return found
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stderr.close()


def rerun(out: Path) -> None:
    registry = (FigureSpec("quick", "test_figure_runs:plot_quick", "quick"),)
    write_figures(out, registry=registry, langs=["en"], formats=["svg"], jobs=1)


def plot_quick(data=None, *, lang="en", data_dir=None, ax=None):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(1, 1))[1]


@pytest.mark.slow
@pytest.mark.timeout(4 * WAIT)
@pytest.mark.parametrize(
    ("signum", "without_pdeathsig"),
    [(signal.SIGKILL, False), (signal.SIGTERM, False), (signal.SIGKILL, True)],
    ids=["kill -9", "kill", "kill -9, no PR_SET_PDEATHSIG"],
)
def test_workers_die_with_their_parent(tmp_path, reap, signum, without_pdeathsig):
    out = tmp_path / "figures"
    found = kill_mid_run(out, signum, group=False, reap=reap, without_pdeathsig=without_pdeathsig)
    wait_for(lambda: not any(is_alive(pid) for pid in found), "the workers to end", END_WAIT)
    rerun(out)
    assert not partial_files(out)


@pytest.mark.slow
@pytest.mark.timeout(4 * WAIT)
def test_the_next_run_removes_partial_files_of_a_killed_group(tmp_path, reap):
    # kill -9 of the whole process group: nobody can clean up, so the next run does.
    out = tmp_path / "figures"
    found = kill_mid_run(out, signal.SIGKILL, group=True, reap=reap)
    wait_for(lambda: not any(is_alive(pid) for pid in found), "the workers to end", END_WAIT)
    assert partial_files(out)  # what the killed run left
    rerun(out)
    assert not partial_files(out)
    assert (out / "quick.en.svg").is_file()


@pytest.mark.slow
@pytest.mark.timeout(4 * WAIT)
def test_ctrl_c_exits_130_with_one_line(tmp_path, reap):
    out = tmp_path / "figures"
    proc = subprocess.Popen(
        [sys.executable, "-m", "lanzarote_analysis", "figures", "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As in a terminal: Ctrl-C reaches the whole process group.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        reap.append(proc.pid)
        wait_for(lambda: len(children_of(proc.pid)) >= 2, "two workers")
        found = children_of(proc.pid)
        reap.extend(found)
        wait_for(lambda: partial_files(out) or list(out.glob("*.png")), "the first files")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err.count("\n") == 1 and err.startswith("error: interrupted"), err
    wait_for(lambda: not any(is_alive(pid) for pid in found), "the workers to end", END_WAIT)
    assert not partial_files(out)


def record_pid(data=None, *, lang="en", data_dir=None, ax=None, folder=""):
    import matplotlib.pyplot as plt

    (Path(folder) / f"pid-{os.getpid()}").touch()
    return plt.subplots(figsize=(1, 1))[1]


@pytest.mark.slow  # worker processes
def test_workers_are_capped_by_the_cpus_available(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "count_available_cpus", lambda: 2)
    pids = tmp_path / "pids"
    pids.mkdir()
    registry = tuple(
        FigureSpec(f"f{i}", "test_figure_runs:record_pid", "pid", {"folder": str(pids)})
        for i in range(6)
    )
    write_figures(tmp_path / "out", registry=registry, formats=["svg"], jobs=64)
    assert 1 <= len(list(pids.iterdir())) <= 2


def test_a_run_leaves_the_partial_files_of_a_running_writer(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".tmp-a.png.{sleeper.pid}-0123abcd.part"
        live.write_bytes(b"being written")
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        stale = tmp_path / f".tmp-b.png.{int(dead.stdout)}-89abcdef.part"
        stale.write_bytes(b"truncated")
        old_style = tmp_path / ".tmp-c.png.1a2b3c4d.part"  # named before pids were added
        old_style.write_bytes(b"truncated")
        assert sorted(export.remove_stale_temporaries(tmp_path)) == sorted([stale, old_style])
        assert live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_full_disk_names_the_file(tmp_path, monkeypatch, capsys):
    from matplotlib.figure import Figure

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", full)
    out = tmp_path / "figures"
    args = ["figures", "--out", str(out), "--only", "indicators", "--lang", "en"]
    assert main([*args, "--format", "png", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err == f"error: Cannot write {out / 'indicators.en.png'}: No space left on device\n"
    assert not partial_files(out)


def test_atomic_write_names_the_file_it_cannot_create(tmp_path):
    target = tmp_path / "missing" / "note.txt"
    with (
        pytest.raises(OSError, match=r"Cannot write .*missing.*note\.txt"),
        atomic_write(target) as handle,
    ):
        handle.write(b"never")


@pytest.mark.parametrize("out", ["", " "])
def test_an_empty_output_folder_is_an_error(tmp_path, capsys, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    assert main(["figures", "--out", out, "--only", "indicators"]) == 1
    assert "empty path" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
