"""What a reader of an HTML page reads: its text, cell by cell, and its labels.

Used by the tests of the interactive map's page and of the HTML report to check the
French of what they show. Scripts and style sheets are not read, nor what the page
marks as another language (``lang="en"``: titles and notes quoted as written), nor
codes (source locators, file digests: ``class="lz-locator"``), nor preformatted text
(the citation file).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: Elements whose text is one cell of reading (a label, a cell, a paragraph, an item).
BLOCKS = {"td", "th", "p", "li", "br", "tr", "div", "h1", "h2", "h3", "h4", "dt", "dd"}
BLOCKS |= {"option", "label", "caption", "title", "figcaption", "summary", "cite"}
SKIPPED = {"script", "style", "pre"}
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "source", "wbr"}
TAGS = re.compile(r"<[^>]+>")
ASCII_SPACE = re.compile(r"[ \t\r\n]+")


class PageText(HTMLParser):
    """Collects the text segments and the reader-facing attributes of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments: list[str] = [""]
        self.stack: list[tuple[str, bool]] = []

    def _is_skipped(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        skipped = (
            tag in SKIPPED
            or attributes.get("lang", "fr") not in ("fr", None)
            or "lz-locator" in (attributes.get("class") or "").split()
        )
        if tag in BLOCKS:
            self.segments.append("")
        if not self._is_skipped() and not skipped:
            for name in ("aria-label", "title", "alt", "placeholder"):
                if attributes.get(name):
                    self.segments.append(attributes[name])
                    self.segments.append("")
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag) -> None:
        # Close up to the matching element (HTML lets some end tags be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in BLOCKS:
            self.segments.append("")

    def handle_data(self, data) -> None:
        if not self._is_skipped():
            self.segments[-1] += data


def read_segments(page: str) -> list[str]:
    """The text of ``page`` as a reader reads it, one segment per cell or paragraph."""
    parser = PageText()
    parser.feed(page)
    parser.close()
    # Only ASCII white space is collapsed: no-break spaces are part of the typography.
    return [ASCII_SPACE.sub(" ", s).strip() for s in parser.segments if s.strip()]


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment (a tooltip), lines kept apart."""
    return html.unescape(TAGS.sub("\n", fragment))
