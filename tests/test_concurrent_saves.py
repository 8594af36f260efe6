"""A file saved while loads run: every load gives the valid content or an error, never
invalid content, and nothing remembers the invalid content as valid afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import lanzarote_analysis as la

LOADS = 200


def make_bad(good: bytes) -> bytes:
    bad = good.replace(b"VII-1,2,VII,1,require,", b"VII-1,2,VII,1,requires,")
    assert bad != good
    return bad


def replace_atomically(path: Path, content: bytes, index: int) -> None:
    temp = path.with_name(f".save-{index}.tmp")
    temp.write_bytes(content)
    os.replace(temp, path)


def write_in_place(path: Path, content: bytes, index: int) -> None:
    path.write_bytes(content)  # truncates, then writes: an editor that saves in place


def load_while_saving(data_dir: Path, save) -> Counter:
    path = data_dir / "recommendations.csv"
    good = path.read_bytes()
    bad = make_bad(good)
    expected = la.load_recommendations(data_dir)
    stop = threading.Event()

    def writer() -> None:
        index = 0
        while not stop.is_set():
            save(path, bad if index % 2 == 0 else good, index)
            index += 1

    outcomes: Counter = Counter()
    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        for _ in range(LOADS):
            try:
                recommendations = la.load_recommendations(data_dir)
            except la.DataValidationError as error:
                outcomes["refused"] += 1
                assert error.problems
                continue
            pd.testing.assert_frame_equal(recommendations, expected)
            outcomes["valid"] += 1
    finally:
        stop.set()
        thread.join()
    # Leave the invalid version in place.
    replace_atomically(path, bad, -1)
    return outcomes


def assert_rejected_everywhere(data_dir: Path) -> None:
    with pytest.raises(la.DataValidationError, match="requires"):
        la.load_recommendations(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "lanzarote_analysis", "validate", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "'requires'" in result.stderr


@pytest.mark.slow  # a race run 200 times: make test runs it, make test-fast leaves it out
@pytest.mark.timeout(300)
@pytest.mark.parametrize("save", [replace_atomically, write_in_place], ids=["rename", "in place"])
def test_loads_during_saves_never_return_invalid_content(data_copy, save):
    outcomes = load_while_saving(data_copy, save)
    # Both versions were seen, so the race was really run.
    assert outcomes["valid"] and outcomes["refused"], outcomes
    assert_rejected_everywhere(data_copy)
