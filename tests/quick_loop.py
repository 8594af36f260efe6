"""Which cases the quick loop runs: ``make test-fast`` leaves out the tests marked ``slow``.

A check repeated for each language of each figure runs, in the quick loop, in one
language per figure, English and French in turn from one figure to the next; ``make
test`` (and CI) runs every case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from lanzarote_analysis.vocabulary import LANGUAGES


def in_one_language_when_quick(
    cases: Sequence[tuple[Any, ...]],
    *,
    group: Callable[[tuple[Any, ...]], str],
    lang: Callable[[tuple[Any, ...]], str],
    ids: Sequence[str] | None = None,
) -> list[Any]:
    """``cases`` (tuples of parameter values) as ``pytest.param``, marked ``slow`` except
    one language of each ``group``; a group drawn in one language only is always run.

    >>> params = in_one_language_when_quick(
    ...     [("a", "en"), ("a", "fr"), ("b", "en"), ("b", "fr"), ("c", "en")],
    ...     group=lambda case: case[0], lang=lambda case: case[1])
    >>> [(p.values, bool(p.marks)) for p in params]  # doctest: +NORMALIZE_WHITESPACE
    [(('a', 'en'), False), (('a', 'fr'), True), (('b', 'en'), True), (('b', 'fr'), False),
     (('c', 'en'), False)]
    """
    order = {name: index for index, name in enumerate(dict.fromkeys(map(group, cases)))}
    sizes = Counter(map(group, cases))
    params = []
    for index, case in enumerate(cases):
        name = group(case)
        is_quick = sizes[name] == 1 or lang(case) == LANGUAGES[order[name] % len(LANGUAGES)]
        params.append(
            pytest.param(
                *case,
                id=None if ids is None else ids[index],
                marks=() if is_quick else pytest.mark.slow,
            )
        )
    return params
