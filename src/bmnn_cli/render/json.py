"""JSON: a listing streamed one object per line, or a report's whole data at once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

from bmnn_cli.render.base import Listing, rows_of


def write(listing: Listing, out: IO[str]) -> None:
    """Rows written as they are read: a listing of 100 000 rows never sits in memory.

    JSON is an array with one object per line, without spaces, as SQLite's
    `json_object` and PostgreSQL's `row_to_json` write rows the database
    encodes itself (`Listing.json_lines`); others are encoded by the C encoder
    (`indent` would switch to the pure-Python one, several times slower).
    """
    lines = iter(listing.json_lines if listing.json_lines is not None else _encoded(listing))
    out.write("[")
    separator = "\n"
    while batch := list(islice(lines, 1000)):  # a thousand lines a write
        out.write(separator + ",\n".join(batch))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def _encoded(listing: Listing) -> Iterator[str]:
    keys = listing.machine_keys()
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)
    for row in rows_of(listing):
        yield encoder.encode({key: row.get(key) for key in keys})


def write_data(data: dict[str, Any], out: IO[str]) -> None:
    """A document's JSON form (a report), indented for reading."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    out.write("\n")


def _default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")
