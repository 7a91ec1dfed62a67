"""JSON: a listing streamed one object per line, or a report's whole data at once."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import IO, Any, AnyStr

from bmnn_cli.render.base import Listing, rows_of


def write(listing: Listing, out: IO[str]) -> None:
    """Rows written as they are read: a listing of 100 000 rows never sits in memory.

    JSON is an array with one object per line, without spaces, as SQLite's
    `json_object` and PostgreSQL's `row_to_json` write rows the database
    encodes itself (`Listing.json_lines`, UTF-8 passed through as it is to a
    UTF-8 stream); others are encoded by the C encoder (`indent` would switch
    to the pure-Python one, several times slower).
    """
    if listing.json_lines is None:
        _array(_encoded(listing), out.write, _TEXT)
        return
    binary = getattr(out, "buffer", None)
    if binary is None or codecs.lookup(getattr(out, "encoding", None) or "ascii").name != "utf-8":
        _array((line.decode() for line in listing.json_lines), out.write, _TEXT)
        return
    out.flush()  # what went before, then the database's UTF-8 as it is
    _array(listing.json_lines, binary.write, _UTF8)


_TEXT = ("[", "\n", ",\n", "\n]\n", "]\n")  # open, first line, between, close, close of []
_UTF8 = tuple(mark.encode() for mark in _TEXT)


def _array(
    lines: Iterator[AnyStr], write: Callable[[AnyStr], object], marks: Sequence[AnyStr]
) -> None:
    """The lines as one JSON array, a thousand lines a write; `marks` in str or bytes."""
    start, first, between, close, close_empty = marks
    write(start)
    opened = False
    while batch := list(islice(lines, 1000)):
        write((between if opened else first) + between.join(batch))
        opened = True
    write(close if opened else close_empty)


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
