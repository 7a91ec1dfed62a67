"""The one place that turns rows into output: table, plain, md, csv, json, xlsx, html.

Commands build `Listing`s (rows of plain values keyed by stable English
names) and hand them to `render`; no command formats output itself. Tables
use Rich on a terminal and plain aligned text otherwise (cron mail, pipes,
NO_COLOR). Each format is a module of this package, imported only when
asked for, so that a command pays for openpyxl only when it writes a
workbook; the shared types live in `base`, the listings' columns in
`columns`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from bmnn_cli.errors import UsageError
from bmnn_cli.files import write_atomically
from bmnn_cli.i18n import t
from bmnn_cli.render.base import (
    ALARM_KEYS,
    ROLLUP_LEVELS,
    Chart,
    Column,
    Document,
    Format,
    Listing,
    display,
)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "ALARM_KEYS",
    "ROLLUP_LEVELS",
    "Chart",
    "Column",
    "Document",
    "Format",
    "Listing",
    "display",
    "render",
    "to_string",
]


def render(
    output: Listing | Document,
    fmt: Format,
    out: IO[str] | None = None,
    *,
    path: Path | None = None,
    console: Console | None = None,
    wide: bool = False,
    people: bool = False,
) -> None:
    """Write `output` in `fmt` to `path`, else to `out` (default stdout).

    A table goes on `console` when one is given (tests draw on a terminal of
    a chosen width), else on a Rich console when `out` is a terminal.
    `people` makes a CSV for a person: the table's columns under their
    headings, values as the table shows them, marked UTF-8 for Excel.
    """
    doc = output if isinstance(output, Document) else Document([output])
    if path is not None:
        _write_file(doc, fmt, path, people=people)
        return
    out = out or sys.stdout
    if fmt is Format.csv:
        from bmnn_cli.render import csv

        if people:
            csv.write_for_people(doc.listings[0], out)
            return
        if not doc.data:
            csv.write(doc.listings[0], out)  # rows written as they are read
            return
    if fmt is Format.json and not doc.data:
        from bmnn_cli.render import json

        json.write(doc.listings[0], out)
        return
    for listing in doc.listings:  # the other formats need every row before the first
        if listing.json_lines is not None:
            raise ValueError("rows the database wrote as JSON are rendered as JSON only")
        if listing.stream is not None:
            listing.rows, listing.stream = list(listing.stream), None
    _write_whole(doc, fmt, out, console=console, wide=wide)


def _write_whole(
    doc: Document, fmt: Format, out: IO[str], *, console: Console | None, wide: bool
) -> None:
    """The formats that need every row first, each from its own module."""
    if fmt is Format.xlsx:
        _write_binary(_xlsx(doc), out)
    elif fmt is Format.html:
        from bmnn_cli.render import html

        out.write(html.page(doc))
    elif fmt is Format.json:
        from bmnn_cli.render import json

        json.write_data(doc.data, out)
    elif fmt is Format.csv:
        from bmnn_cli.render import csv

        csv.write(doc.listings[0], out)
    elif fmt is Format.md:
        from bmnn_cli.render import md

        out.write(md.text(doc))
    elif console is not None or _isatty(out):
        from bmnn_cli.render import table

        table.draw(doc, console or table.terminal(out), wide=wide)
    else:
        from bmnn_cli.render import plain

        out.write(plain.text(doc))


def _xlsx(doc: Document) -> bytes:
    from bmnn_cli.render.xlsx import workbook

    return workbook(doc)


def _write_file(doc: Document, fmt: Format, path: Path, *, people: bool = False) -> None:
    """Write the whole output at once, so a bad query leaves no half-written file."""
    if fmt is Format.xlsx:
        data = _xlsx(doc)
    else:
        buffer = io.StringIO()
        render(doc, fmt, buffer, people=people)
        data = buffer.getvalue().encode("utf-8")
    write_atomically(path, data)


def _write_binary(data: bytes, out: IO[str]) -> None:
    """A workbook on stdout, for `> file.xlsx`; never onto a terminal."""
    binary = getattr(out, "buffer", None)
    if binary is None or _isatty(out):
        raise UsageError(t("err.cli.binary_output"))
    out.flush()
    binary.write(data)
    binary.flush()


def _isatty(out: IO[str]) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def to_string(output: Listing | Document, fmt: Format) -> str:
    buffer = io.StringIO()
    render(output, fmt, buffer)
    return buffer.getvalue()
