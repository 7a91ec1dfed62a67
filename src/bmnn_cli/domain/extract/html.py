"""Text of a web page saved by Word (.htm/.html), with the standard library's parser.

Word writes such pages in windows-1252 (or the charset its <meta> names)
with HTML entities for every other character ("&#7899;", "&agrave;"); text
is decoded, entities resolved, and the page laid out as lines: one per
paragraph, heading or list item, one per table row (cells joined by " | ",
as in a .txt plan), nothing from <head>, <style> or <script>.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "title"}
_SKIP = {"head", "style", "script", "xml"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.I)


def decode(data: bytes) -> str:
    """The page's text, in the charset it declares (windows-1252 when it names none)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    found = _CHARSET.search(data[:4096])
    charset = found[1].decode("ascii").lower() if found else "windows-1252"
    try:
        return data.decode(charset, "replace")
    except LookupError:
        return data.decode("windows-1252", "replace")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.cells: list[str] | None = None
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th"):
            self._cell()
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self._cell()
        elif tag == "tr":
            self._cell()
            if self.cells is not None and any(self.cells):
                self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in _BLOCKS and self.cells is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)

    def _words(self) -> str:
        words = " ".join("".join(self.text).replace("\xa0", " ").split())
        self.text = []
        return words

    def _cell(self) -> None:
        words = self._words()
        if self.cells is not None and words:
            self.cells.append(words)

    def _flush(self) -> None:
        if self.cells is not None:
            self.text.append(" ")  # inside a table row, paragraphs belong to the cell
            return
        words = self._words()
        if words:
            self.lines.append(words)


def page_lines(data: bytes) -> list[str]:
    """The lines of a saved web page, NFC-normalised."""
    page = _Page()
    page.feed(decode(data))
    page.close()
    page._flush()
    return [unicodedata.normalize("NFC", line) for line in page.lines]
