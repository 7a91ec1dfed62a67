"""`bmnn overdue --format json` as the database writes it: the same bytes as Python would.

The overdue listing's JSON is built by SQLite's `json_object` or PostgreSQL's
`row_to_json`, so a hundred thousand rows never become Python dictionaries.
Every line must be what Python's encoder makes of the row the listing reads
otherwise (keys in order, no spaces, non-ASCII kept, the same escapes), on
both engines, with names and titles holding quotes, backslashes, control
characters and letters outside the BMP.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bmnn_cli.render.columns import OBLIGATION_KEYS
from bmnn_cli.store.db import open_store
from bmnn_cli.store.json_lines import JSON_KEYS
from bmnn_cli.store.json_lines import overdue as iter_overdue_json
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.queries import Window, iter_overdue
from conftest import Cli, Db

AS_OF = dt.date(2026, 11, 27)
HOSTILE = 'Sở "Tư pháp" \\ C:\\tmp\n\tline\r\x01\x1f\x7f\u2028 Đắk Lắk 😀 </script>'


def _python_lines(db: Db, window: Window | None = None) -> list[str]:
    """The overdue rows as Python's encoder writes them, from the listing's plain rows."""
    store = open_store(db, create=False)
    try:
        with store.read() as session:
            rows = list(iter_overdue(session, Scope(), AS_OF, window, as_text=True))
    finally:
        store.engine.dispose()
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso).encode
    plain: list[dict[str, object]] = [dict(row) for row in rows]
    return [encode({key: row[key] for key in JSON_KEYS}) for row in plain]


def _sql_lines(db: Db, window: Window | None = None) -> list[str]:
    store = open_store(db, create=False)
    try:
        with store.read() as session:
            return [line.decode() for line in iter_overdue_json(session, Scope(), AS_OF, window)]
    finally:
        store.engine.dispose()


def _iso(value: object) -> str:
    assert isinstance(value, dt.date)
    return value.isoformat()


def _hostile(db: Db) -> None:
    """Give an agency, a task's title and its deadline text characters JSON must escape."""
    from sqlalchemy import text

    store = open_store(db, create=False)
    try:
        with store.write() as session:
            agency = "(SELECT agency_id FROM obligation WHERE effective_due < :day LIMIT 1)"
            session.execute(text(f"UPDATE agency SET name = :n WHERE id = {agency}"),
                            {"n": HOSTILE, "day": AS_OF.isoformat()})  # fmt: skip
            task = "(SELECT task_id FROM obligation WHERE effective_due < :day LIMIT 1)"
            session.execute(
                text(f"UPDATE task SET title = :n, deadline = :n WHERE id = {task}"),
                {"n": HOSTILE[::-1], "day": AS_OF.isoformat()},
            )
    finally:
        store.engine.dispose()


def test_the_keys_are_the_listings_machine_keys() -> None:
    assert JSON_KEYS == OBLIGATION_KEYS


def test_each_line_is_what_python_writes_of_the_row(lao_cai: Db) -> None:
    _hostile(lao_cai)
    expected, got = _python_lines(lao_cai), _sql_lines(lao_cai)
    assert len(got) > 10 and any(HOSTILE in json.loads(line)["agency"] for line in got)
    assert got == expected
    first: dict[str, Any] = json.loads(got[0])
    assert list(first) == list(JSON_KEYS) and first["status"] == "overdue"
    assert first["days_late"] == (AS_OF - dt.date.fromisoformat(first["effective_due"])).days
    assert first["days_left"] is None


def test_a_window_keeps_the_same_rows_as_the_plain_listing(lao_cai: Db) -> None:
    window = Window(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    got = _sql_lines(lao_cai, window)
    assert got and got == _python_lines(lao_cai, window)
    assert all("2026-01-01" <= json.loads(line)["effective_due"] <= "2026-06-30" for line in got)


@pytest.mark.parametrize("limit", [None, "3"])
def test_the_command_writes_the_lines_as_one_json_array(
    lao_cai: Db, cli: Cli, limit: str | None
) -> None:
    _hostile(lao_cai)  # the database's UTF-8 passed through as it is, hostile names too
    args = ["overdue", "--as-of", AS_OF.isoformat(), "--format", "json"]
    out = cli(*args, *(["--limit", limit] if limit else []))
    lines = _python_lines(lao_cai)[: int(limit) if limit else None]
    assert out == "[\n" + ",\n".join(lines) + "\n]\n"
    assert json.loads(out) == [json.loads(line) for line in lines]


@pytest.mark.sqlite_only
def test_lines_read_as_bytes_leave_other_reads_text(lao_cai: Db) -> None:
    """Between two batches of UTF-8 lines the same connection still reads text."""
    import sqlite3

    from bmnn_cli.store.reader import SqliteReader

    connection = sqlite3.connect(str(lao_cai))
    try:
        reader = SqliteReader(connection, str(lao_cai))
        sql = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
            "SELECT json_object('i', i, 'name', 'Sở Tư pháp') FROM n"
        )
        lines = reader.utf8(sql)
        first = [next(lines) for _ in range(1001)]  # past the first batch
        ((name,),) = reader.rows("SELECT name FROM agency LIMIT 1")
        rest = list(lines)
    finally:
        connection.close()
    assert isinstance(name, str) and name
    assert all(isinstance(line, bytes) for line in first + rest)
    assert [json.loads(line) for line in first + rest] == [
        {"i": i, "name": "Sở Tư pháp"} for i in range(1, 2501)
    ]


def test_nothing_overdue_is_an_empty_array(lao_cai: Db, cli: Cli) -> None:
    assert cli("overdue", "--as-of", "2020-01-01", "--format", "json") == "[]\n"


def test_rows_written_as_json_are_refused_by_other_formats() -> None:
    from bmnn_cli.render import Format, Listing, render

    listing = Listing([], [], json_lines=iter([b"{}"]))
    with pytest.raises(ValueError, match="JSON only"):
        render(listing, Format.md)


@pytest.mark.parametrize("days", [0, 30])
def test_due_lines_are_what_python_writes_of_the_due_rows(lao_cai: Db, days: int) -> None:
    from bmnn_cli.store.json_lines import due
    from bmnn_cli.store.queries import due_within

    _hostile(lao_cai)
    day = dt.date(2026, 12, 1)
    store = open_store(lao_cai, create=False)
    try:
        with store.read() as session:
            rows: list[dict[str, object]] = [
                dict(r) for r in due_within(session, Scope(), day, days)
            ]
            got = [line.decode() for line in due(session, Scope(), day, days)]
    finally:
        store.engine.dispose()
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso).encode
    assert got == [encode({key: row[key] for key in JSON_KEYS}) for row in rows]
    assert (len(got) > 5) is (days == 30)
    assert all(json.loads(line)["days_left"] >= 0 for line in got)


def test_the_due_command_writes_the_lines_as_one_json_array(lao_cai: Db, cli: Cli) -> None:
    from bmnn_cli.store.json_lines import due

    store = open_store(lao_cai, create=False)
    try:
        with store.read() as session:
            lines = [line.decode() for line in due(session, Scope(), dt.date(2026, 12, 1), 30)]
    finally:
        store.engine.dispose()
    out = cli("due", "--within", "30d", "--as-of", "2026-12-01", "--format", "json")
    assert out == "[\n" + ",\n".join(lines) + "\n]\n" and len(lines) > 5
