"""``import lanzarote_analysis`` and loading (validating) every table, against ``import pandas``."""

from __future__ import annotations

from benchlib import alternate, print_ratio, python

TARGET = 2.0


def main() -> None:
    results = alternate(
        {
            "floor": python("-c", "import pandas"),
            "subject": python("-c", "import lanzarote_analysis as la; la.load_tables()"),
        }
    )
    # Every process validates what it reads (nothing is recorded on disk; see load.py).
    print_ratio(
        "import + load_tables(), validating every table",
        results["subject"].seconds,
        results["floor"].seconds,
        TARGET,
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
