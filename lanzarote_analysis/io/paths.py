"""Every path the project reads or writes, in one place.

The data directory defaults to the bundled data (``lanzarote_analysis/data`` in an
installed wheel, ``data/`` in a source checkout) and is overridden, for every
command and function at once, by the ``LANZAROTE_DATA_DIR`` environment variable; a
function's own ``data_dir=`` argument wins over both. An empty value of either is an
error rather than a silent fall-back to the bundled data.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from ..errors import ConfigurationError, DataValidationError, Problem

#: Name of the environment variable that overrides the data directory.
DATA_DIR_ENV_VAR = "LANZAROTE_DATA_DIR"

#: The folder of the top-level package, wherever this module sits inside it.
PACKAGE_DIR = Path(str(files("lanzarote_analysis"))).resolve()
#: A source checkout's root; in an installed wheel, the site-packages folder (nothing of ours).
PROJECT_DIR = PACKAGE_DIR.parent


def find_bundled_dir(name: str) -> Path:
    """``name`` inside the installed package (a wheel), else the checkout's ``name/``.

    The build copies ``data/`` and ``notebooks/`` into the package as
    ``lanzarote_analysis/data`` and ``lanzarote_analysis/notebooks`` (see pyproject.toml);
    a source checkout and an editable install read them where they are edited.

    Examples
    --------
    >>> find_bundled_dir("data").joinpath(DESCRIPTOR_NAME).is_file()
    True
    """
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PROJECT_DIR / name


BUNDLED_DATA_DIR = find_bundled_dir("data")
NOTEBOOKS_DIR = find_bundled_dir("notebooks")
#: The committed figures of a source checkout (not part of the installed package).
FIGURES_DIR = PROJECT_DIR / "figures"
LABELS_FILE = PACKAGE_DIR / "i18n" / "labels.csv"
#: The figures' font, LZ Sans (``scripts/build_font.py``), with its licence.
FONT_DIR = PACKAGE_DIR / "plots" / "fonts"
#: How to cite the package (a link to the root's CITATION.cff in a clone, a copy in the wheel).
CITATION_FILE = PACKAGE_DIR / "CITATION.cff"
#: States and territories known not to be Parties, so that asking for one says so.
NON_PARTIES_FILE = PACKAGE_DIR / "analysis" / "non_parties.csv"

DESCRIPTOR_NAME = "datapackage.json"
#: Where the commands write by default, relative to the working directory.
DEFAULT_FIGURES_DIR = "figures"
DEFAULT_REPORT_DIR = "report"
BASEMAP_RELATIVE_PATH = Path("geo") / "europe_50m.gpkg"


def get_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory in force, as an absolute path without symbolic links.

    Parameters
    ----------
    data_dir
        Explicit directory; when ``None``, ``$LANZAROTE_DATA_DIR`` or the bundled
        ``data/``.

    Raises
    ------
    ConfigurationError
        When ``data_dir`` or ``$LANZAROTE_DATA_DIR`` is an empty string.
    DataValidationError
        When the path is a loop of symbolic links.

    Examples
    --------
    >>> get_data_dir("/tmp/my-data").as_posix()
    '/tmp/my-data'
    """
    if data_dir is None:
        from_env = os.environ.get(DATA_DIR_ENV_VAR)
        if from_env is not None and not from_env.strip():
            raise ConfigurationError(
                f"{DATA_DIR_ENV_VAR} is set but empty; unset it to use the bundled data, "
                "or set it to a data directory"
            )
        data_dir = from_env or BUNDLED_DATA_DIR
    elif not os.fspath(data_dir).strip():
        raise ConfigurationError("The data directory is an empty path; expected a directory")
    path = Path(data_dir).expanduser()
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before Python 3.13
        raise DataValidationError(
            str(path),
            [Problem(str(path), None, None, None, "a directory, not a loop of symbolic links")],
        ) from None
