"""JSON: a listing streamed one object per line, or a report's whole data at once."""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any

from bmnn_cli.render.base import Listing, rows_of


def write(listing: Listing, out: IO[str]) -> None:
    """Rows written as they are read: a listing of 100 000 rows never sits in memory.

    JSON is an array with one object per line, encoded by the C encoder
    (`indent` would switch to the pure-Python one, several times slower).
    """
    keys = listing.machine_keys()
    encode = json.JSONEncoder(ensure_ascii=False, default=_default).encode
    out.write("[")
    separator = "\n"
    for row in rows_of(listing):
        out.write(separator + encode({key: row.get(key) for key in keys}))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")


def write_data(data: dict[str, Any], out: IO[str]) -> None:
    """A document's JSON form (a report), indented for reading."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    out.write("\n")


def _default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")
