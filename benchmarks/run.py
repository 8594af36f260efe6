"""Run every ``benchmarks/bench_*.py`` and gather their verdicts (``make bench``).

Each script runs in its own process and prints its own results: ratios of a subject
to a floor measured in the same run, with alternating repetitions (``BENCH_REPEAT``,
default 5, median kept). This is not a test: it never runs in ``make test``, and it
exits non-zero only when a script fails, not when a ratio is over its target.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    verdicts: list[str] = []
    failed: list[str] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=BENCH_DIR
        )
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.rstrip().endswith(("PASS", "OVER")):
                verdicts.append(f"{script.stem}: {line.strip()}")
        if process.wait() != 0:
            failed.append(script.name)
        print(f"   ({time.perf_counter() - start:.0f} s)\n", flush=True)

    print("== summary")
    for line in verdicts:
        print(line)
    over = sum(line.endswith("OVER") for line in verdicts)
    print(
        f"{len(verdicts) - over} PASS, {over} OVER"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
