"""Worker processes that never outlive the process that started them.

The figures are built in worker processes (about 200 MB each). Whatever ends the
parent (an exception, Ctrl-C, ``kill``, ``kill -9``), its workers end too, and
remove the temporary file they were writing:

- on Linux, the kernel sends each worker SIGTERM when the parent dies
  (``PR_SET_PDEATHSIG``);
- everywhere, a thread in each worker waits on the pipe that multiprocessing keeps
  open to the parent, and ends the worker when the parent is gone;
- a worker's SIGTERM handler removes its temporary files and exits at once, and the
  parent ends its workers that way when it stops early (error or Ctrl-C);
- Ctrl-C in a terminal reaches every process of the group: the workers ignore it
  and leave it to the parent, so that only the parent reports it, in one line.

Anything these miss (a worker killed with SIGKILL mid-write) leaves a temporary
file, which the next run in the same folder removes (:mod:`.export`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

from .save import remove_own_temporaries

#: Exit status of a worker ended because its parent stopped (128 + SIGTERM).
STOPPED_STATUS = 128 + signal.SIGTERM
_PR_SET_PDEATHSIG = 1


def count_available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's count).

    Examples
    --------
    >>> count_available_cpus() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _exit_worker(signum: int | None = None, frame: object = None) -> None:
    remove_own_temporaries()
    os._exit(STOPPED_STATUS)


def _set_parent_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # readable once the parent has exited
    _exit_worker()


def initialise_worker(parent_pid: int) -> None:
    """Run first in every worker: tie its life to its parent's (see the module notes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_worker)
    if _set_parent_death_signal(signal.SIGTERM) and os.getppid() != parent_pid:
        _exit_worker()  # the parent died before the request took effect
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        threading.Thread(
            target=_watch_parent, args=(parent.sentinel,), name="watch-parent", daemon=True
        ).start()


def start_workers(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes tied to this process."""
    return ProcessPoolExecutor(
        max_workers=jobs, initializer=initialise_worker, initargs=(os.getpid(),)
    )


def stop_workers(executor: ProcessPoolExecutor, *, is_done: bool) -> None:
    """Shut ``executor`` down; unless its work is done, end its workers at once.

    Ctrl-C is ignored meanwhile (in the main thread), so that a second one cannot
    interrupt the clean-up and leave workers behind.
    """
    is_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if is_main else None
    try:
        if not is_done:
            # Python 3.14 has a public method; earlier versions only the process table.
            terminate = getattr(executor, "terminate_workers", None)
            if terminate is not None:
                terminate()
            else:
                for process in list(getattr(executor, "_processes", {}).values()):
                    with contextlib.suppress(OSError, ValueError):
                        process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
