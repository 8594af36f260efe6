"""Start-up: one small figure (``--only indicators --lang en --format png``) against the floor.

The floor imports the plotting stack and saves one blank PNG of the same pixel size.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchlib import alternate, command, floor_command, png_size, print_ratio, run_once

TARGET = 1.3
FIGURE = "indicators"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        args = ["figures", "--only", FIGURE, "--lang", "en", "--format", "png", "--quiet"]
        try:
            run_once(command(*args, "--out", str(tmp / "size")))
        except RuntimeError as error:
            print(f"start-up not measured: {str(error).splitlines()[-1]}")
            return
        size = png_size(tmp / "size" / f"{FIGURE}.en.png")
        results = alternate(
            {
                "floor": floor_command(tmp / "floor", [size], ["png"]),
                "subject": command(*args, "--out", str(tmp / "subject")),
            }
        )
    print_ratio(
        f"start-up ({FIGURE}, en, png)",
        results["subject"].seconds,
        results["floor"].seconds,
        TARGET,
    )


if __name__ == "__main__":
    main()
