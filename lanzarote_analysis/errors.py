"""Exceptions with messages a person can act on."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Longest query shown back in full in an error message; longer ones are cut.
MAX_QUOTED_CHARS = 60


def quote_start(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)``, cut to its start when long, saying how long it was.

    Examples
    --------
    >>> quote_start("x" * 1000, limit=5)
    "'xxxxx…' (1000 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}"[:-1] + f"…' ({len(value)} characters)"
    return repr(value)


class LanzaroteError(Exception):
    """Base class of every error this package raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data: where it is, what was found, what was expected.

    ``row`` is the line number in the file as a text editor shows it (the header is
    line 1); ``None`` when the problem concerns the whole file or column. ``key``
    locates a problem inside ``datapackage.json`` (resource and key).
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    key: str | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, line {self.row}"
        if self.key is not None:
            where += f", {self.key}"
        if self.column is not None:
            where += f", column '{self.column}'"
        found = "" if self.value is None else f": found {self.value!r}"
        return f"{where}{found}; expected {self.expected}"


class DataValidationError(LanzaroteError, ValueError):
    """Every problem found while loading a data directory, reported together."""

    def __init__(self, data_dir: str, problems: Iterable[Problem]) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = sorted(
            set(problems),
            key=lambda p: (p.file, p.row or 0, p.key or "", p.column or "", str(p)),
        )
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in {data_dir}:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self):  # rebuildable when sent back from a worker process
        return (type(self), (self.data_dir, self.problems))


class ConfigurationError(LanzaroteError, ValueError):
    """A setting that cannot be used, such as an empty ``LANZAROTE_DATA_DIR``."""


class UnknownChoiceError(LanzaroteError, ValueError):
    """An option the package does not know: a language, a format, a figure, a view."""


class FileWriteError(LanzaroteError, OSError):
    """A file that could not be written, naming the file and the reason.

    Examples
    --------
    >>> import errno
    >>> str(FileWriteError("figures/a.png", OSError(errno.ENOSPC, "No space left on device")))
    'Cannot write figures/a.png: No space left on device'
    """

    def __init__(self, path: str | os.PathLike[str], error: BaseException | str) -> None:
        self.path = os.fspath(path)
        if isinstance(error, OSError):
            self.reason = error.strerror or type(error).__name__
            errno = error.errno
        else:
            self.reason, errno = str(error), None
        super().__init__(f"Cannot write {self.path}: {self.reason}")
        self.errno = errno

    def __str__(self) -> str:  # OSError would format its own arguments
        return str(self.args[0])

    def __reduce__(self):  # rebuildable when sent back from a worker process
        return (type(self), (self.path, OSError(self.errno, self.reason)))


class UnknownPartyError(LanzaroteError, LookupError):
    """A name or code that matches no State of ``parties.csv``."""

    def __init__(self, query: object, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"Unknown Party {quote_start(query)}: no ISO code, name or alias matches.{hint}"
        )

    def __str__(self) -> str:  # LookupError would quote the message like a key
        return str(self.args[0])

    def __reduce__(self):  # rebuildable when sent back from a worker process
        return (type(self), (self.query, self.suggestions))


class NotAPartyError(UnknownPartyError):
    """A State or territory known not to be a Party to the Convention (Belarus, Kosovo*).

    ``name`` is its name as the Council of Europe writes it, ``note`` the note that
    name needs (Kosovo*), ``source`` the locators of the fact.
    """

    def __init__(
        self, query: object, iso3: str, name: str, note: str = "", source: str = ""
    ) -> None:
        self.iso3, self.name, self.note, self.source = iso3, name, note, source
        LookupError.__init__(
            self,
            f"{name} is not a Party to the Lanzarote Convention, so the Committee's "
            f"monitoring does not cover it (source: {source.replace('|', ', ')})."
            + (f" {note}" if note else ""),
        )
        self.query, self.suggestions = query, []

    def __reduce__(self):  # rebuildable when sent back from a worker process
        return (type(self), (self.query, self.iso3, self.name, self.note, self.source))
