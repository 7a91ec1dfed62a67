"""Questions on PostgreSQL over psycopg alone give the store's answers.

On a PostgreSQL database at the current schema, whose schedules reach the
year asked and whose due dates follow this bmnn's calendar data, the
read-only commands read with psycopg (`store.server_reader`) instead of
through SQLAlchemy's session. These tests hold the two paths to the same
answers, check when each is taken, and that a question then imports neither
SQLAlchemy nor SQLModel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bmnn_cli.domain.calendar_data import fingerprint
from bmnn_cli.store import server_reader as server_reader_module
from bmnn_cli.store.db import open_store
from bmnn_cli.store.migrations import NAMES
from bmnn_cli.store.reader import SessionReader
from bmnn_cli.store.server_reader import ServerReader, server_reader, to_psycopg
from conftest import CAO_BANG, LAO_CAI, Cli, Templates, loaded_by
from test_reader import DAYS, RECORDED, answers

KNOWN = list(NAMES)


@pytest.fixture
def recorded(templates: Templates, db: str) -> str:
    """Both example plans, with submissions on time, late, retracted, and a waiver."""
    templates.copy((LAO_CAI, CAO_BANG), db, then=RECORDED)
    return db


@pytest.mark.no_database
def test_parameters_are_written_as_psycopg_reads_them() -> None:
    sql = "SELECT '%' || :name, x::date, :as_of FROM t WHERE a = :name AND b LIKE 'a%'"
    assert to_psycopg(sql) == (
        "SELECT '%%' || %(name)s, x::date, %(as_of)s FROM t WHERE a = %(name)s AND b LIKE 'a%%'"
    )


@pytest.mark.postgresql_only
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_both_paths_give_the_same_answers(recorded: str, day: dt.date) -> None:
    with open_store(recorded, create=False).read() as session:
        through_session = answers(SessionReader(session), day)
    with server_reader(recorded, "x", migrations=KNOWN, year=day.year) as reader:
        assert isinstance(reader, ServerReader)
        through_psycopg = answers(reader, day)
    assert through_psycopg == through_session
    assert through_session["status"] and through_session["tasks"]  # not two empty answers
    assert through_session["submissions"] and through_session["dated"]


@pytest.mark.postgresql_only
def test_a_database_that_needs_the_store_first_is_not_read_directly(recorded: str) -> None:
    calendar = fingerprint()
    with server_reader(recorded, "x", migrations=KNOWN, year=2026, calendar=calendar) as reader:
        assert reader is not None
    for migrations, year, other in (
        (KNOWN[:-1], 2026, calendar),  # a migration this bmnn does not know: refused by the store
        ([*KNOWN, "999_later"], 2026, calendar),  # one to apply
        (KNOWN, 2099, calendar),  # schedules to extend to 2099 first, which writes
        (KNOWN, 2026, "other calendar data"),  # due dates to compute again
    ):
        with server_reader(recorded, "x", migrations=migrations, year=year, calendar=other) as r:
            assert r is None, (migrations[-1], year, other)
    other_driver = recorded.replace("postgresql+psycopg://", "postgresql+psycopg2://")
    with server_reader(other_driver, "x", migrations=KNOWN, year=2026) as reader:
        assert reader is None


@pytest.mark.postgresql_only
@pytest.mark.slow  # a fresh interpreter per command
@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "2026-03-05", "--format", "json"],
        ["status", "--as-of", "2026-03-05"],
        ["tasks", "--format", "json"],
    ],
    ids=lambda args: args[0],
)
def test_a_question_loads_neither_sqlalchemy_nor_sqlmodel(
    cli: Cli, recorded: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    done, loaded = loaded_by(recorded, args)
    assert loaded == "LOADED 0 []", done.stderr
    monkeypatch.setattr(server_reader_module, "server_reader", _never)
    assert done.stdout == cli(*args)  # what the same command says through the store's path


@contextmanager
def _never(*_args: object, **_options: object) -> Iterator[None]:
    """A `server_reader` that always sends the question to the store."""
    yield None


@pytest.mark.no_database
def test_a_server_that_cannot_be_reached_is_one_line(cli: Cli) -> None:
    url = "postgresql+psycopg://officer:secret@127.0.0.1:1/bmnn"
    err = cli.fail("--db", url, "overdue", "--as-of", "2026-03-05", code=5)
    assert err.startswith("bmnn: postgresql+psycopg://officer:***@127.0.0.1:1/bmnn: cannot connect")
    assert "secret" not in err and len(err.strip().splitlines()) == 1
