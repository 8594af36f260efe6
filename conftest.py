"""Doctests of the package and the tests share this: every figure is closed after each test.

The examples in docstrings draw figures as a reader would, without closing them; closing
them here keeps pyplot from accumulating figures over a test run.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
