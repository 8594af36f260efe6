"""``import lanzarote_analysis`` and loading (validating) every table, against ``import pandas``."""

from __future__ import annotations

from benchlib import alternate, print_ratio, python

TARGET = 2.0


# A fresh, empty cache: the load cannot know the content was validated before.
COLD = (
    "import os, tempfile; os.environ['XDG_CACHE_HOME'] = tempfile.mkdtemp(); "
    "import lanzarote_analysis as la; la.load_tables()"
)


def main() -> None:
    results = alternate(
        {
            "floor": python("-c", "import pandas"),
            "subject": python("-c", "import lanzarote_analysis as la; la.load_tables()"),
            "cold": python("-c", COLD),
        }
    )
    print_ratio(
        "import + load_tables(), content validated before (the usual case)",
        results["subject"].seconds,
        results["floor"].seconds,
        TARGET,
    )
    # Reported, not judged: the first load of new content pays pandera's import,
    # which alone costs about as much as importing pandas (see load.py).
    print_ratio(
        "import + load_tables(), first validation of new content (imports pandera)",
        results["cold"].seconds,
        results["floor"].seconds,
        None,
    )
    print_ratio(
        "  its peak memory",
        results["subject"].max_rss_mib,
        results["floor"].max_rss_mib,
        None,
        unit="MiB",
    )


if __name__ == "__main__":
    main()
