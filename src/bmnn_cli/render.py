"""The one place that turns rows into output: table, json, csv, markdown, xlsx, html.

Commands build `Listing`s (rows of plain values keyed by stable English
names) and hand them here; no command formats output itself. Tables use Rich
on a terminal and plain aligned text otherwise (cron mail, pipes, NO_COLOR).
The formats people open in another program (an Excel workbook, an HTML page
with charts) live in `render_xlsx` and `render_html`, imported only when
asked for so that other commands do not pay for openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from bmnn_cli.errors import UsageError
from bmnn_cli.files import write_atomically
from bmnn_cli.i18n import language, t


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"

    @property
    def machine(self) -> bool:
        """Made for programs: stable English keys, values as stored, no translated text."""
        return self in (Format.json, Format.csv)

    @property
    def opened(self) -> bool:
        """Made to be opened in another program (Excel, a browser), not read in a terminal."""
        return self in (Format.xlsx, Format.html)


# Conventions the file formats share: columns where a number above zero is
# bad news (shown in red), and status rows that add up others (shown bold).
ALARM_KEYS = frozenset(("overdue", "days_late"))
ROLLUP_LEVELS = frozenset(("group", "total"))


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # message key in the catalogue
    kind: str = "text"  # text | date | int | rate


@dataclass
class Listing:
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    keys: Sequence[str] | None = None  # fields for json/csv; default the columns' keys
    name: str | None = None  # a short name where the title is too long (a sheet's tab)
    # rows still to be read (from a database cursor): json and csv write them as
    # they come; the other formats read them all into `rows` first
    stream: Iterator[dict[str, Any]] | None = None
    empty: str | None = None  # what an empty listing says ("nothing overdue as of …")

    def machine_keys(self) -> list[str]:
        return list(self.keys) if self.keys else [c.key for c in self.columns]

    def nothing(self) -> str:
        return self.empty or t("msg.no_rows")


@dataclass
class Chart:
    """Numbers to draw: html draws them, xlsx tabulates them, text formats leave them out.

    Kinds, each reading fixed keys of `listing.rows`:
    - "figures": the one row's columns as big numbers (a report's totals);
    - "rates": one bar per row, on_time / late / overdue as parts of fallen_due;
    - "weeks": per week, due and submitted, with running totals; `marker` is
      the as-of day, drawn as a line on the time axis.
    """

    kind: str
    listing: Listing
    marker: dt.date | None = None

    def drawable(self) -> bool:
        """Whether any row has a number other than zero: a chart of nothing says nothing."""
        return any(
            isinstance(value, int | float) and value
            for row in self.listing.rows
            for value in row.values()
        )


@dataclass
class Document:
    """Several listings printed together (a report); `data` is its JSON form."""

    listings: list[Listing]
    heading: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)


def render(
    output: Listing | Document,
    fmt: Format,
    out: IO[str] | None = None,
    *,
    path: Path | None = None,
) -> None:
    """Write `output` in `fmt` to `path`, else to `out` (default stdout)."""
    doc = output if isinstance(output, Document) else Document([output])
    if path is not None:
        _write_file(doc, fmt, path)
        return
    out = out or sys.stdout
    if fmt in (Format.json, Format.csv) and not doc.data:
        _stream(doc.listings[0], fmt, out)
        return
    for listing in doc.listings:  # the other formats need every row before the first
        if listing.stream is not None:
            listing.rows, listing.stream = list(listing.stream), None
    if fmt is Format.xlsx:
        _write_binary(_xlsx(doc), out)
    elif fmt is Format.html:
        out.write(_html(doc))
    elif fmt is Format.json:
        out.write(json.dumps(doc.data, ensure_ascii=False, indent=2, default=_json_default))
        out.write("\n")
    elif fmt is Format.csv:
        _write_csv(doc.listings[0], out)
    elif fmt is Format.md:
        out.write(_markdown(doc))
    elif _fancy(out):
        _rich(doc, out)
    else:
        out.write(_plain(doc))


def _xlsx(doc: Document) -> bytes:
    from bmnn_cli.render_xlsx import workbook

    return workbook(doc)


def _html(doc: Document) -> str:
    from bmnn_cli.render_html import page

    return page(doc)


def _write_file(doc: Document, fmt: Format, path: Path) -> None:
    """Write the whole output at once, so a bad query leaves no half-written file."""
    if fmt is Format.xlsx:
        data = _xlsx(doc)
    else:
        buffer = io.StringIO()
        render(doc, fmt, buffer)
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


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _stream(listing: Listing, fmt: Format, out: IO[str]) -> None:
    """Rows written as they are read: a listing of 100 000 rows never sits in memory.

    JSON is an array with one object per line, encoded by the C encoder
    (`indent` would switch to the pure-Python one, several times slower).
    """
    if fmt is Format.csv:
        _write_csv(listing, out)
        return
    keys = listing.machine_keys()
    encode = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    out.write("[")
    separator = "\n"
    for row in _rows(listing):
        out.write(separator + encode({key: row.get(key) for key in keys}))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def _csv_cell(value: object) -> str:
    """Plain text for a cell, with spreadsheet formulas neutralised."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text  # a spreadsheet also reads a formula after a leading TAB or CR
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _rows(listing: Listing) -> Iterable[dict[str, Any]]:
    return listing.stream if listing.stream is not None else listing.rows


def _write_csv(listing: Listing, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    keys = listing.machine_keys()
    writer.writerow(keys)
    for row in _rows(listing):
        writer.writerow([_csv_cell(row.get(key)) for key in keys])


def display(value: object, kind: str = "text") -> str:
    """A value as a person reads it: dates day-first, rates as percentages."""
    if value is None or value == "":
        return "–" if kind in ("date", "rate") else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind == "rate" and isinstance(value, int | float):
        percent = f"{value * 100:.1f}%"  # Vietnamese writes the decimal mark as a comma
        return percent.replace(".", ",") if language() == "vi" else percent
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _cells(listing: Listing) -> tuple[list[str], list[list[str]]]:
    headers = [t(c.header) for c in listing.columns]
    body = [[display(row.get(c.key), c.kind) for c in listing.columns] for row in listing.rows]
    return headers, body


def _isatty(out: IO[str]) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _fancy(out: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return _isatty(out)


def _plain(doc: Document) -> str:
    parts: list[str] = []
    if doc.heading:
        parts.append(doc.heading + "\n\n")
    for listing in doc.listings:
        if listing.title:
            parts.append(listing.title + "\n")
        parts.append(_plain_table(listing) + "\n")
    return "".join(parts).rstrip("\n") + "\n"


def _plain_table(listing: Listing) -> str:
    headers, body = _cells(listing)
    if not body:
        return listing.nothing() + "\n"
    widths = [max(len(r[i]) for r in [headers, *body]) for i in range(len(headers))]
    right = [c.kind in ("int", "rate") for c in listing.columns]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(w) if r else cell.ljust(w)
            for cell, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in body)]) + "\n"


def _markdown(doc: Document) -> str:
    parts: list[str] = []
    if doc.heading:
        parts.append(f"# {_md_text(doc.heading)}\n\n")
    for listing in doc.listings:
        if listing.title:
            parts.append(f"## {_md_text(listing.title)}\n\n")
        headers, body = _cells(listing)
        if not body:
            parts.append(listing.nothing() + "\n\n")
            continue
        parts.append("| " + " | ".join(headers) + " |\n")
        aligns = ["---:" if c.kind in ("int", "rate") else "---" for c in listing.columns]
        parts.append("| " + " | ".join(aligns) + " |\n")
        for row in body:
            parts.append(
                "| " + " | ".join(_md_text(cell).replace("|", "\\|") for cell in row) + " |\n"
            )
        parts.append("\n")
    return "".join(parts)


def _md_text(text: str) -> str:
    """Text for a Markdown file: viewers render inline HTML, so `<`, `>` and `&` are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rich(doc: Document, out: IO[str]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out)
    if doc.heading:
        console.print(f"[bold]{doc.heading}[/bold]")
    for listing in doc.listings:
        headers, body = _cells(listing)
        table = Table(title=listing.title, box=box.SIMPLE_HEAVY, title_justify="left")
        for header, column in zip(headers, listing.columns, strict=True):
            numeric = column.kind in ("int", "rate")
            # dates and figures are never cut; long text wraps inside its column instead
            table.add_column(
                header,
                justify="right" if numeric else "left",
                no_wrap=column.kind != "text",
                overflow="fold",
            )
        for row in body:
            table.add_row(*row)
        if not body:
            console.print(listing.nothing())
        else:
            console.print(table)


def to_string(output: Listing | Document, fmt: Format) -> str:
    buffer = io.StringIO()
    render(output, fmt, buffer)
    return buffer.getvalue()
