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
from typing import IO, TYPE_CHECKING, Any

from bmnn_cli.errors import UsageError
from bmnn_cli.files import write_atomically
from bmnn_cli.fit import Fitted, Spec, fit, overhead
from bmnn_cli.i18n import language, t

if TYPE_CHECKING:
    from rich.console import Console


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
    # on a narrow terminal (see fit.py): "wrap" between words, "cut" with "…",
    # "whole" never broken; default: text wraps, the other kinds stay whole
    fit: str = ""
    drop: int = 0  # left out of a narrow table, highest first; 0: always shown


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
    if fmt is Format.csv and people:
        _write_people_csv(doc.listings[0], out)
        return
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
    elif console is not None:
        _rich(doc, console, wide=wide)
    elif _isatty(out):
        _rich(doc, _terminal(out), wide=wide)
    else:
        out.write(_plain(doc))


def _xlsx(doc: Document) -> bytes:
    from bmnn_cli.render_xlsx import workbook

    return workbook(doc)


def _html(doc: Document) -> str:
    from bmnn_cli.render_html import page

    return page(doc)


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


def _write_people_csv(listing: Listing, out: IO[str]) -> None:
    """The table as a person reads it, for Excel: headings in the language of the run,
    dates day-first, statuses in words; a byte-order mark so Excel reads it as UTF-8."""
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow([t(c.header) for c in listing.columns])
    for row in _rows(listing):
        writer.writerow([_csv_cell(display(row.get(c.key), c.kind)) for c in listing.columns])


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


def _terminal(out: IO[str]) -> Console:
    from rich.console import Console

    return Console(file=out, no_color=bool(os.environ.get("NO_COLOR")))


def _rich(doc: Document, console: Console, *, wide: bool = False) -> None:
    """Tables fitted to the terminal's width (`fit`); `wide` shows every column whole."""
    from rich.text import Text

    # Every text from the data goes in as a Text, never as markup: a title
    # "Kế hoạch [theo mẫu]" keeps its brackets and "[/b]" is only two characters.
    if doc.heading:
        console.print(Text(doc.heading, style="bold"))
    for number, listing in enumerate(doc.listings):
        if number or doc.heading:
            console.print()
        headers, body = _cells(listing)
        if not body:
            if listing.title:
                console.print(Text(listing.title))
            console.print(Text(listing.nothing()))
            continue
        fitted = fit(_specs(listing, headers), body, None if wide else console.width)
        table = _table(listing, fitted, body, plain=console.no_color)
        _print_wide(console, table, sum(fitted.widths) + overhead(len(fitted.shown)))
        for line in _notes(fitted):
            console.print(Text(line, style="" if console.no_color else "dim"))


def _print_wide(console: Console, table: Any, width: int) -> None:
    """Print `table` at `width` at least, even past the terminal's edge (`--wide`)."""
    shown = console.width
    console.width = max(width, shown)
    try:
        console.print(table)
    finally:
        console.width = shown


def _specs(listing: Listing, headers: list[str]) -> list[Spec]:
    from bmnn_cli.i18n import MESSAGES

    return [
        Spec(
            header,
            t(f"{column.header}.short") if f"{column.header}.short" in MESSAGES else None,
            column.fit or ("wrap" if column.kind == "text" else "whole"),
            column.drop,
        )
        for header, column in zip(headers, listing.columns, strict=True)
    ]


def _table(listing: Listing, fitted: Fitted, body: list[list[str]], *, plain: bool) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    title = Text(listing.title) if listing.title else None
    table = Table(
        title=title,
        box=_plain_box() if plain else box.SIMPLE_HEAVY,
        title_justify="left",
        header_style="" if plain else "bold",
        show_edge=False,
        pad_edge=False,
    )
    for index, width, header in zip(fitted.shown, fitted.widths, fitted.headers, strict=True):
        column = listing.columns[index]
        how = column.fit or ("wrap" if column.kind == "text" else "whole")
        table.add_column(
            Text(header, no_wrap=False, overflow="fold"),
            justify="right" if column.kind in ("int", "rate") else "left",
            width=width,
            no_wrap=how != "wrap",
            overflow="ellipsis" if how == "cut" else "fold",
        )
    for row in body:
        table.add_row(*(Text(row[i]) for i in fitted.shown))
    return table


def _notes(fitted: Fitted) -> list[str]:
    """The legend of short headers, and what was left out, under a fitted table."""
    notes = []
    if fitted.legend:
        notes.append("; ".join(f"{short}: {full}" for short, full in fitted.legend))
    if fitted.hidden:
        notes.append(t("table.hidden", columns=", ".join(fitted.hidden)))
    return notes


# No colour, no box drawing (NO_COLOR): a rule of dashes under the headers, as in plain text.
def _plain_box() -> Any:
    from rich.box import Box

    return Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)


def to_string(output: Listing | Document, fmt: Format) -> str:
    buffer = io.StringIO()
    render(output, fmt, buffer)
    return buffer.getvalue()
