"""The shared types of output: a listing's columns and rows, a document, a chart, the format.

Commands and the report build these; each format module (table, plain, md,
csv, json, xlsx, html) reads them and none reads another, so a format's
library is loaded only when that format is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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
    # on a narrow terminal (see fit.py): "wrap" between words, "cut" with "…",
    # "whole" never broken; default: text wraps, the other kinds stay whole
    fit: str = ""
    drop: int = 0  # left out of a narrow table, highest first; 0: always shown


@dataclass
class Listing:
    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]]
    title: str | None = None
    keys: Sequence[str] | None = None  # fields for json/csv; default the columns' keys
    name: str | None = None  # a short name where the title is too long (a sheet's tab)
    # rows still to be read (from a database cursor): json and csv write them as
    # they come; the other formats read them all into `rows` first
    stream: Iterator[Mapping[str, Any]] | None = None
    empty: str | None = None  # what an empty listing says ("nothing overdue as of …")
    # rows the database already wrote as JSON objects (the machine keys, in order), as
    # UTF-8: only the json format takes them, writing each as it comes
    json_lines: Iterator[bytes] | None = None

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


def rows_of(listing: Listing) -> Iterable[Mapping[str, Any]]:
    """The rows still to be read, else the rows read."""
    return listing.stream if listing.stream is not None else listing.rows


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


def cells(listing: Listing) -> tuple[list[str], list[list[str]]]:
    """The translated headers and every row's values as a person reads them."""
    headers = [t(c.header) for c in listing.columns]
    body = [[display(row.get(c.key), c.kind) for c in listing.columns] for row in listing.rows]
    return headers, body
