"""The files a report carries for its reader to download: the data, as read.

Every file of the data package (``datapackage.json``, its tables, and the source texts
it bundles) is embedded byte for byte, with its SHA-256, and the digest of the whole
is checked against the one the tables were loaded with: a report never shows figures
from one version of the data and offers another for download.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from lanzarote_analysis.errors import DataValidationError, LanzaroteError, Problem
from lanzarote_analysis.io.data_package import _digest, load_data_package
from lanzarote_analysis.io.files import read_data_file
from lanzarote_analysis.io.paths import CITATION_FILE, DESCRIPTOR_NAME, get_data_dir

#: Media types of the files a report embeds, by suffix.
MEDIA_TYPES = {
    ".csv": "text/csv;charset=utf-8",
    ".json": "application/json;charset=utf-8",
    ".txt": "text/plain;charset=utf-8",
    ".cff": "text/plain;charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class DataChangedError(LanzaroteError):
    """The data directory changed while a report was being written."""


@dataclass(frozen=True)
class Download:
    """One file offered by a report: its name, its bytes and their SHA-256."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def href(self) -> str:
        """A ``data:`` address holding the file: it downloads with no network."""
        suffix = "." + self.name.rpartition(".")[2]
        media_type = MEDIA_TYPES.get(suffix, "application/octet-stream")
        return f"data:{media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_data_downloads(data_dir=None, *, digest: str) -> list[Download]:
    """Every file of the data package, read once; their digest must be ``digest``.

    ``digest`` is the one the report's tables were loaded with
    (``load_data_package(data_dir).digest``), so that the files offered are the data
    the report shows.

    Raises
    ------
    DataChangedError
        When the files are not those the tables were loaded from.
    """
    directory = get_data_dir(data_dir)
    descriptor = load_data_package(directory).descriptor
    names = [DESCRIPTOR_NAME] + [resource["path"] for resource in descriptor["resources"]]
    contents = []
    for name in names:
        content = read_data_file(directory, name)
        if isinstance(content, Problem):
            raise DataValidationError(str(directory), [content])
        contents.append(content)
    if _digest(contents) != digest:
        raise DataChangedError(
            f"The data in {directory} changed while the report was being written; run it again"
        )
    # The source texts the package bundles (the factsheet), as the descriptor names them.
    for source in descriptor.get("sources", []):
        path = source.get("path", "")
        if path and "://" not in path:
            content = read_data_file(directory, path)
            if isinstance(content, Problem):
                raise DataValidationError(str(directory), [content])
            contents.append(content)
    return [Download(content.name, content.data) for content in contents]


def read_citation() -> Download | None:
    """``CITATION.cff`` of the project (in the clone and in the wheel), or ``None``."""
    try:
        return Download(CITATION_FILE.name, CITATION_FILE.read_bytes())
    except FileNotFoundError:
        return None
