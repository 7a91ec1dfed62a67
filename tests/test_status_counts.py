"""The counts of `bmnn status` and a report, held to the status rule on random obligations.

`store.counts.status` counts the periods done by the day from an index of their
dates (`settled_sql`, migration 006) and gives the other rows the rule's CASE;
a report's window counts in one pass over the due-date index. Random
obligations (dates missing, equal, before and after the day asked about; years
and start days in and out of scope; an archived task) are written to a real
database of the backend under test, and every agency's, group's and the total's
counts must be what `status_of` says of each row in scope.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bmnn_cli.domain.status import FALLEN_DUE, Status, settled_sql, status_of
from bmnn_cli.store import counts
from bmnn_cli.store.db import Store, open_store
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.queries import Window
from bmnn_cli.store.reader import reader_of
from conftest import Db

DAY = dt.date(2026, 6, 15)
AGENCIES = ("a1", "a2", "a3")  # a1 and a2 form the group
TASKS = ("t1", "t2", "t3")  # t2 is archived: its rows are counted nowhere; t3 of plan 2
_FIELD = {Status.DONE_ON_TIME: "on_time", Status.DONE_LATE: "late"}


def _near(days: int) -> list[dt.date]:
    return [DAY + dt.timedelta(days=n) for n in range(-days, days + 1)]


def _mostly(usual: Any, *rare: Any) -> Any:
    """`usual` four times in five: most rows in scope, so that most examples count some."""
    return st.sampled_from([usual] * 4 * len(rare) + list(rare))


_ONE = dt.timedelta(days=1)
_obligation = st.fixed_dictionaries(
    {
        "agency": _mostly("a1", "a2", "a3"),
        "task": _mostly("t1", "t2", "t3"),
        "year": _mostly(DAY.year, DAY.year - 1, DAY.year + 1),
        "starts_on": _mostly(None, DAY, DAY + _ONE),
        "begins_on": _mostly(None, DAY, DAY + _ONE),
        "effective_due": st.sampled_from([None, None, *_near(2)]),
        "submitted_on": st.sampled_from([None, None, *_near(2)]),
        "waived_on": _mostly(None, DAY - _ONE, DAY, DAY + _ONE),
    }
)


@pytest.fixture
def registry(db: Db) -> Iterator[tuple[Store, dict[str, int]]]:
    """Three agencies, a group of two, a plan with a task and an archived one, a second plan."""
    store = open_store(db, create=True)
    with store.write() as session:
        sql = session.connection().exec_driver_sql
        sql("INSERT INTO province (id, code, name) VALUES (1, 'p', 'Tỉnh')")
        for number, code in enumerate(AGENCIES, 1):
            sql(
                "INSERT INTO agency (id, province_id, code, name, kind, position) "
                f"VALUES ({number}, 1, '{code}', 'Sở {code}', 'department', {number})"
            )
        sql("INSERT INTO agency_group (id, province_id, code, name) VALUES (1, 1, 'g', 'Nhóm')")
        sql("INSERT INTO group_member (group_id, agency_id) VALUES (1, 1), (1, 2)")
        for plan in (1, 2):
            sql(
                "INSERT INTO plan (id, code, province_id, title, year, through_year, imported_at) "
                f"VALUES ({plan}, 'kh{plan}', 1, 'Kế hoạch', 2025, 2030, '2026-01-01')"
            )
        for number, code in enumerate(TASKS, 1):
            archived = "'2026-01-01'" if code == "t2" else "NULL"
            plan = 2 if code == "t3" else 1
            sql(
                "INSERT INTO task (id, plan_id, code, title, deliverable, position, archived_at) "
                f"VALUES ({number}, {plan}, '{code}', 'Nhiệm vụ', 'report', {number}, {archived})"
            )
    yield store, {code: number for number, code in enumerate(AGENCIES, 1)}
    store.engine.dispose()


def _counted(
    store: Store, rows: list[dict[str, Any]], as_of: dt.date, scope: Scope, window: Window | None
) -> list[dict[str, Any]]:
    """`counts.status` over these obligations, in a transaction rolled back after."""
    from sqlalchemy import text

    columns = ("id", "task_id", "agency_id", "period", "year", "starts_on", "begins_on",
               "effective_due", "submitted_on", "waived_on")  # fmt: skip
    with store.write(dry_run=True) as session:
        if rows:
            marks = ", ".join(f":{name}" for name in columns)
            sql = f"INSERT INTO obligation ({', '.join(columns)}) VALUES ({marks})"
            session.execute(text(sql), rows)
        return counts.status(reader_of(session), scope, as_of, window)


def _expected(
    obligations: list[dict[str, Any]],
    as_of: dt.date,
    agencies: set[str],
    window: Window | None,
    first_plan: bool,
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each agency's, the group's and the total's counts, by `status_of` row by row."""
    tallies: dict[str, Counter[Status]] = {}
    last: dict[str, dt.date | None] = {}
    for row in obligations:
        due = row["effective_due"]
        if (
            row["task"] == "t2"
            or (first_plan and row["task"] == "t3")
            or row["agency"] not in agencies
            or row["year"] > as_of.year
            or (row["starts_on"] is not None and row["starts_on"] > as_of)
            or (window is not None and (due is None or not window.start <= due <= window.end))
        ):
            continue
        dates = {k: row[k] for k in ("begins_on", "effective_due", "submitted_on", "waived_on")}
        tallies.setdefault(row["agency"], Counter())[status_of(as_of=as_of, **dates)] += 1
        sent = row["submitted_on"]
        before = last.get(row["agency"])
        if sent is not None and sent <= as_of and (before is None or sent > before):
            last[row["agency"]] = sent
        else:
            last[row["agency"]] = before

    def row_of(members: Sequence[str]) -> dict[str, Any]:
        tally = sum((tallies[m] for m in members), Counter[Status]())
        fallen_due = sum(tally[s] for s in FALLEN_DUE)
        days = [day for m in members if (day := last[m]) is not None]
        return {
            "obligations": sum(tally.values()), "fallen_due": fallen_due,
            **{_FIELD.get(s, s.value): tally[s] for s in Status},
            "last_submission": max(days) if days else None,
            "rate": tally[Status.DONE_ON_TIME] / fallen_due if fallen_due else None,
        }  # fmt: skip

    out = {("agency", code): row_of([code]) for code in AGENCIES if code in tallies}
    if members := [code for code in ("a1", "a2") if code in tallies]:
        out["group", "g"] = row_of(members)
    if tallies:
        out["total", ""] = row_of(list(tallies))
    return out


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    obligations=st.lists(_obligation, min_size=6, max_size=16),
    as_of=st.sampled_from(_near(2)),
    agencies=st.sets(st.sampled_from(AGENCIES), min_size=1).map(frozenset) | st.none(),
    first_plan=st.booleans(),  # a plan's scope: tasks tested row by row
    window=_mostly(None, Window(DAY - dt.timedelta(days=1), DAY)),
)
@example(  # an agency whose only period done belongs to an archived task: not listed
    obligations=[
        {"agency": "a3", "task": "t2", "year": DAY.year, "starts_on": None, "begins_on": None,
         "effective_due": DAY, "submitted_on": DAY, "waived_on": None},
        {"agency": "a1", "task": "t1", "year": DAY.year, "starts_on": None, "begins_on": None,
         "effective_due": DAY, "submitted_on": DAY, "waived_on": None},
    ],
    as_of=DAY,
    agencies=None,
    first_plan=False,
    window=None,
)  # fmt: skip
def test_status_counts_what_the_rule_says_of_each_row(
    registry: tuple[Store, dict[str, int]],
    obligations: list[dict[str, Any]],
    as_of: dt.date,
    agencies: frozenset[str] | None,
    first_plan: bool,
    window: Window | None,
) -> None:
    store, ids = registry
    rows = [
        {**row, "id": i, "period": f"p{i}", "agency_id": ids[row["agency"]],
         "task_id": TASKS.index(row["task"]) + 1}
        for i, row in enumerate(obligations, 1)
    ]  # fmt: skip
    for row in rows:
        del row["agency"], row["task"]
    chosen = None if agencies is None else tuple(ids[a] for a in agencies)
    scope = Scope(plan_id=1 if first_plan else None, agency_ids=chosen)
    got = _counted(store, rows, as_of, scope, window)
    wanted = _expected(obligations, as_of, set(agencies or AGENCIES), window, first_plan)
    keys = ["obligations", "fallen_due", *(_FIELD.get(s, s.value) for s in Status)]
    keys += ["last_submission", "rate"]
    assert {(r["level"], r["agency_id"]): {k: r[k] for k in keys} for r in got} == wanted


def test_settled_rows_are_those_sent_by_the_day_and_never_waived() -> None:
    """The rule's shape that lets done periods be counted from their index alone."""
    assert settled_sql("o") == (
        "o.submitted_on <= :as_of AND o.waived_on IS NULL",
        "o.submitted_on > o.effective_due",
    )


@pytest.mark.sqlite_only
def test_done_periods_are_counted_from_their_index_alone(
    registry: tuple[Store, dict[str, int]],
) -> None:
    """Every statement of `status` without a window ranges over an index, the done
    periods over a covering one (the archived tasks' rows, taken away, by task): no
    statement walks the obligations table."""
    store, _ = registry
    statements: list[str] = []
    with store.read() as session:
        reader = reader_of(session)

        class Explained:
            dialect = reader.dialect

            def rows(self, sql: str, params: Any = None) -> Iterator[tuple[Any, ...]]:
                plan = reader.rows(f"EXPLAIN QUERY PLAN {sql}", params)
                statements.append(" | ".join(str(row[-1]) for row in plan))
                return reader.rows(sql, params)

            def mappings(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
                raise AssertionError("status reads rows as tuples")

        counts.status(Explained(), Scope(), DAY)
    done, unsettled = statements[0], statements[1]
    assert "SCAN o USING COVERING INDEX ix_obligation_done |" in done, done
    assert "SCAN o |" not in done, done  # the archived tasks' rows: found by task
    assert "sqlite_autoindex_obligation_1 (task_id=?)" in done, done
    for index in ("ix_obligation_open", "ix_obligation_sent", "ix_obligation_waived"):
        assert index in unsettled, unsettled
    assert "SCAN o |" not in unsettled and not unsettled.endswith("SCAN o"), unsettled
