"""CSV: stable English keys and stored values for scripts, or the table for a person."""

from __future__ import annotations

import csv
import datetime as dt
from typing import IO

from bmnn_cli.i18n import t
from bmnn_cli.render.base import Listing, display, rows_of


def write(listing: Listing, out: IO[str]) -> None:
    """One row per record under the machine keys, written as the rows are read."""
    writer = csv.writer(out, lineterminator="\n")
    keys = listing.machine_keys()
    writer.writerow(keys)
    for row in rows_of(listing):
        writer.writerow([cell(row.get(key)) for key in keys])


def write_for_people(listing: Listing, out: IO[str]) -> None:
    """The table as a person reads it, for Excel: headings in the language of the run,
    dates day-first, statuses in words; a byte-order mark so Excel reads it as UTF-8."""
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow([t(c.header) for c in listing.columns])
    for row in rows_of(listing):
        writer.writerow([cell(display(row.get(c.key), c.kind)) for c in listing.columns])


def cell(value: object) -> str:
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
