"""One status rule, three forms: the Python function, the SQL CASE and the WHERE per status.

Random obligations (dates missing, equal, before and after the day asked
about) are written to a table of the obligation's shape in a real database
of the backend under test, through the project's store; the CASE that
listings select, each status's WHERE condition and `status_of` must give
every row the same status. The WHERE of a status still owed, split in parts
for the partial indexes of open rows (`owed_parts`), must select the same
rows, each by exactly one part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmnn_cli.domain.status import DATES, FALLEN_DUE, OPEN, Status, on_time, status_of
from bmnn_cli.store.db import Store, open_store
from bmnn_cli.store.queries import STATUS_SQL, STATUS_WHERE, owed_parts
from bmnn_cli.store.reader import reader_of
from conftest import Db

DAY = dt.date(2026, 6, 15)
_dates = st.one_of(st.none(), st.integers(-3, 3).map(lambda n: DAY + dt.timedelta(days=n)))
_obligation = st.fixed_dictionaries(dict.fromkeys(DATES, _dates))


@pytest.fixture
def probe(db: Db) -> Iterator[Store]:
    """The project's store, with a `probe` table of the obligation's date columns."""
    store = open_store(db, create=True)
    columns = ", ".join(("id", *DATES))
    with store.write() as session:
        session.connection().exec_driver_sql(
            f"CREATE TABLE probe AS SELECT {columns} FROM obligation WHERE 1 = 0"
        )
    yield store
    store.engine.dispose()


def _answers(store: Store, rows: list[dict[str, Any]], as_of: dt.date) -> dict[str, Any]:
    """The CASE's status per row, and the rows each WHERE condition selects."""
    from sqlalchemy import text

    params = {"as_of": as_of.isoformat(), "year": as_of.year}
    with store.write(dry_run=True) as session:
        session.execute(text("DELETE FROM probe"))
        if rows:
            marks = ", ".join(f":{name}" for name in ("id", *DATES))
            session.execute(text(f"INSERT INTO probe VALUES ({marks})"), rows)
        reader = reader_of(session)
        case = dict(reader.rows(f"SELECT o.id, {STATUS_SQL} FROM probe o", params))
        where = {
            status: {i for (i,) in reader.rows(f"SELECT o.id FROM probe o WHERE {cond}", params)}
            for status, cond in STATUS_WHERE.items()
        }
        parts = {
            status: [
                [i for (i,) in reader.rows(f"SELECT o.id FROM probe o WHERE {part}", params)]
                for part in owed_parts(status)
            ]
            for status in OWED
        }
    return {"case": case, "where": where, "parts": parts}


OWED = ("not_begun", "ongoing", "overdue", "pending")  # neither sent nor waived as of the day


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    obligations=st.lists(_obligation, max_size=12),
    as_of=st.integers(-2, 2).map(lambda n: DAY + dt.timedelta(days=n)),
)
def test_sql_and_python_give_the_same_status(
    probe: Store, obligations: list[dict[str, dt.date | None]], as_of: dt.date
) -> None:
    rows: list[dict[str, Any]] = [{"id": i, **dates} for i, dates in enumerate(obligations, 1)]
    expected = {i: status_of(as_of=as_of, **dates) for i, dates in enumerate(obligations, 1)}
    got = _answers(probe, rows, as_of)
    assert got["case"] == {i: status.value for i, status in expected.items()}
    for status in Status:
        wanted = {i for i, s in expected.items() if s is status}
        assert got["where"][status.value] == wanted, (status, STATUS_WHERE[status.value])
    for owed in OWED:
        selected = [i for part in got["parts"][owed] for i in part]
        assert sorted(selected) == sorted(got["where"][owed]), (owed, owed_parts(owed))


def test_only_statuses_still_owed_split_in_parts() -> None:
    for status in set(STATUS_WHERE) - set(OWED):
        with pytest.raises(ValueError, match="not a status of rows still owed"):
            owed_parts(status)


def test_every_status_has_a_where_condition() -> None:
    assert set(STATUS_WHERE) == {status.value for status in Status}


@pytest.mark.parametrize(
    ("dates", "as_of", "expected"),
    [
        ({"effective_due": DAY}, DAY, Status.PENDING),  # the due day itself is still in time
        ({"effective_due": DAY}, DAY + dt.timedelta(days=1), Status.OVERDUE),
        ({"effective_due": None}, DAY, Status.ONGOING),  # never overdue
        ({"effective_due": DAY, "submitted_on": DAY}, DAY, Status.DONE_ON_TIME),
        ({"effective_due": DAY, "submitted_on": DAY + dt.timedelta(days=1)},
         DAY + dt.timedelta(days=1), Status.DONE_LATE),
        # a submission dated after the day asked about does not count yet
        ({"effective_due": DAY, "submitted_on": DAY + dt.timedelta(days=1)}, DAY, Status.PENDING),
        ({"effective_due": DAY, "waived_on": DAY, "submitted_on": DAY}, DAY, Status.WAIVED),
        ({"effective_due": DAY, "begins_on": DAY + dt.timedelta(days=1)}, DAY, Status.NOT_BEGUN),
    ],
)  # fmt: skip
def test_status_of_reads_the_design_table(
    dates: dict[str, dt.date | None], as_of: dt.date, expected: Status
) -> None:
    assert status_of(as_of=as_of, **dates) is expected


def test_on_time_counts_the_due_day_and_has_no_due_date_late() -> None:
    assert on_time(DAY, DAY)
    assert not on_time(DAY + dt.timedelta(days=1), DAY)
    assert on_time(DAY, None)


def test_open_and_fallen_due_are_statuses_of_the_rule() -> None:
    assert set(OPEN) == {Status.PENDING, Status.OVERDUE}
    assert set(FALLEN_DUE) == {Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("status", ["overdue", "pending"])
def test_a_listing_of_open_obligations_ranges_over_the_due_date_index(
    probe: Store, status: str
) -> None:
    """The condition stays plain enough for SQLite to use `ix_obligation_due`."""
    with probe.read() as session:
        plan = list(
            reader_of(session).rows(
                f"EXPLAIN QUERY PLAN SELECT o.id FROM obligation o WHERE {STATUS_WHERE[status]}",
                {"as_of": DAY.isoformat()},
            )
        )
    assert any("ix_obligation_due" in str(row[-1]) for row in plan), plan


@pytest.mark.sqlite_only
def test_each_part_of_the_overdue_listing_ranges_over_its_partial_index(probe: Store) -> None:
    """Rows never sent nor waived, sent after the day, waived after it: an index each
    (migration 005), so an overdue listing does not walk the periods already done."""
    with probe.read() as session:
        reader = reader_of(session)
        used = [
            " ".join(
                str(row[-1])
                for row in reader.rows(
                    f"EXPLAIN QUERY PLAN SELECT o.id FROM obligation o WHERE {part}",
                    {"as_of": DAY.isoformat()},
                )
            )
            for part in owed_parts("overdue")
        ]
    for part, index in zip(used, ("open", "sent", "waived"), strict=True):
        assert f"ix_obligation_{index}" in part, used
