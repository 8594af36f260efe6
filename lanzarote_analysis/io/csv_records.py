"""A strict CSV reader (RFC 4180): every record with its line, or where the syntax breaks.

The standard ``csv`` module forgives: a quote inside an unquoted cell is kept as text,
and with a closing quote lost it reads on into the next cells, so a row can come out
shifted without any error. Here a quote may only open a cell or be doubled inside a
quoted one; anything else stops the reading with the line and what was expected, so
that a damaged file is reported and never misread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

#: Longest cell read, in characters (the limit of the standard ``csv`` module).
MAX_CELL_CHARS = 131_072

# A quoted cell (quotes doubled inside; possessive, so that an unterminated quote in a
# large file fails in linear time) or an unquoted one (no quote, comma or line break).
_CELL = re.compile(r'"((?:[^"]|"")*+)"|([^",\r\n]*+)')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class CsvSyntaxError(ValueError):
    """Where a file stops being CSV: the line, and what was expected there."""

    def __init__(self, line: int, expected: str) -> None:
        super().__init__(f"line {line}: expected {expected}")
        self.line = line
        self.expected = expected


def read_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of ``text`` as (line where it starts, its cells).

    Line breaks inside quoted cells are kept; lines count as a text editor shows them.

    Raises
    ------
    CsvSyntaxError
        At the first place that is not CSV.

    Examples
    --------
    >>> list(read_records('a,b\\n1,"say ""hi"", then go"\\n'))
    [(1, ['a', 'b']), (2, ['1', 'say "hi", then go'])]
    >>> list(read_records('a,b\\n1,"x, y\\n'))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lanzarote_analysis.io.csv_records.CsvSyntaxError: line 2: expected a closing quote ...
    """
    position, line, end = 0, 1, len(text)
    while position < end:
        start, cells = line, []
        while True:
            # The pattern matches an empty cell too, so there is always a match.
            match = cast(re.Match[str], _CELL.match(text, position))
            quoted, plain = match.groups()
            if quoted is not None:
                cell = quoted.replace('""', '"')
                line += len(_LINE_BREAK.findall(quoted))
            elif position < end and text[position] == '"':
                raise CsvSyntaxError(
                    line,
                    "a closing quote for the quoted cell that starts on this line "
                    "(the file ends inside it)",
                )
            else:
                cell = plain
            if len(cell) > MAX_CELL_CHARS:
                raise CsvSyntaxError(start, f"cells of at most {MAX_CELL_CHARS} characters")
            cells.append(cell)
            position = match.end()
            if position >= end:
                break
            char = text[position]
            if char == ",":
                position += 1
                continue
            if char in "\r\n":
                position += 2 if text.startswith("\r\n", position) else 1
                line += 1
                break
            within = "" if line == start else f" (in the row that starts on line {start})"
            if quoted is not None:
                raise CsvSyntaxError(
                    line,
                    "a comma or the end of the line after a closing quote "
                    f'(a quote inside a quoted cell is written twice: ""){within}',
                )
            raise CsvSyntaxError(
                line,
                "quotes only around a whole cell (a cell with a quote in it is written "
                f'in quotes, with the quote doubled: "a ""b"" c"){within}',
            )
        yield start, cells
