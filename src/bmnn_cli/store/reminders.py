"""What reminders may go out, what went out, and one sender at a time.

`reminder_log` holds one row per obligation, channel, due date and stage
sent. A row is written only after delivery succeeded (the SMTP server
accepted the message, or the .eml file is on disk), in the same transaction
as its audit entry; so a crash may send a reminder twice but never marks an
unsent one as sent. The due date is part of the key: when a corrected plan
moves a due date, its stages start afresh.

`run_lock` keeps two runs that start at the same moment (two cron jobs, or
cron and an officer) from both sending: the second one stops at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from bmnn_cli.domain.reminders import Message, Open
from bmnn_cli.errors import Busy
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.lookup import Scope
from bmnn_cli.store.models import ReminderLog
from bmnn_cli.store.queries import STATUS_SQL, _where

CHANNELS = ("smtp", "eml")

_COLUMNS = """
  o.id AS obligation_id, a.id AS agency_key, a.code AS agency_id, a.name AS agency,
  a.emails AS emails, pr.name AS province, p.code AS plan, p.number AS plan_number,
  p.title AS plan_title, t.code AS task, t.title AS title, t.deadline AS deadline,
  o.period AS period, o.scheduled_due AS scheduled_due, o.effective_due AS effective_due,
  o.submitted_on AS submitted_on, {status} AS status,
  a.province_id AS _province, a.position AS _agency, t.position AS _task
"""


def dated(
    session: Session,
    scope: Scope,
    as_of: dt.date,
    *,
    statuses: Sequence[str],
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Obligations with a due date (up to `until`) in `statuses` as of `as_of`.

    Ordered by province, agency, due date and task: the order of messages
    and of their items.
    """
    params: dict[str, Any] = {"as_of": as_of.isoformat()}
    params["year"] = max(as_of.year, until.year if until else as_of.year)
    where = _where(scope, params) + " AND o.effective_due IS NOT NULL"
    if until is not None:
        where += " AND o.effective_due <= :until"
        params["until"] = until.isoformat()
    names = [f":s{i}" for i in range(len(statuses))]
    params.update({f"s{i}": s for i, s in enumerate(statuses)})
    sql = f"""
      SELECT * FROM (
        SELECT {_COLUMNS.format(status=STATUS_SQL)}
        FROM obligation o JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id
        JOIN agency a ON a.id = o.agency_id
        JOIN province pr ON pr.id = a.province_id
        WHERE {where}
      ) AS d WHERE status IN ({", ".join(names) or "NULL"})
      ORDER BY _province, _agency, effective_due, plan, _task, period
    """
    rows = session.connection().execute(text(sql), params).mappings()
    return [_typed(dict(row)) for row in rows]


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("scheduled_due", "effective_due", "submitted_on"):
        value = row[key]
        row[key] = dt.date.fromisoformat(value) if isinstance(value, str) else value
    row["emails"] = tuple(json.loads(row["emails"] or "[]"))
    return row


def open_items(
    session: Session,
    scope: Scope,
    as_of: dt.date,
    *,
    until: dt.date,
    include_overdue: bool,
) -> list[Open]:
    """Open obligations due by `until`: pending ones, and overdue ones if asked."""
    statuses = ("pending", "overdue") if include_overdue else ("pending",)
    rows = dated(session, scope, as_of, statuses=statuses, until=until)
    fields = set(Open.__dataclass_fields__)
    return [Open(**{k: v for k, v in row.items() if k in fields}) for row in rows]


def any_address(session: Session, scope: Scope, as_of: dt.date) -> bool:
    """Whether any agency answerable within `scope` has an e-mail address in the registry."""
    params: dict[str, Any] = {"as_of": as_of.isoformat(), "year": as_of.year}
    sql = f"""
      SELECT DISTINCT a.emails FROM obligation o JOIN task t ON t.id = o.task_id
      JOIN agency a ON a.id = o.agency_id WHERE {_where(scope, params)}
    """
    rows = session.connection().execute(text(sql), params)
    return any(json.loads(emails or "[]") for (emails,) in rows)


def logged(
    session: Session, obligation_ids: Sequence[int], channel: str
) -> dict[int, set[tuple[dt.date, int]]]:
    """For each obligation, the (due date, stage) pairs already sent on `channel`."""
    out: dict[int, set[tuple[dt.date, int]]] = {}
    ids = list(obligation_ids)
    for start in range(0, len(ids), 500):  # stay far below SQLite's variable limit
        chunk = ids[start : start + 500]
        names = ", ".join(f":i{i}" for i in range(len(chunk)))
        params: dict[str, Any] = {f"i{i}": v for i, v in enumerate(chunk)}
        params["channel"] = channel
        sql = (
            "SELECT obligation_id, due, stage FROM reminder_log "
            f"WHERE channel = :channel AND obligation_id IN ({names})"
        )
        for oid, due, stage in session.connection().execute(text(sql), params):
            day = dt.date.fromisoformat(due) if isinstance(due, str) else due
            out.setdefault(oid, set()).add((day, int(stage)))
    return out


def record(
    session: Session,
    message: Message,
    *,
    channel: str,
    recipients: Sequence[str],
    message_id: str = "",
    where: str = "",
) -> None:
    """Log a delivered message: one log row and one audit entry per reminder."""
    assert channel in CHANNELS, channel
    sent_at = audit.now()
    to = ", ".join(recipients)
    for reminder in message.reminders:
        item = reminder.item
        session.add(
            ReminderLog(
                obligation_id=item.obligation_id,
                channel=channel,
                due=item.effective_due,
                stage=reminder.stage,
                as_of=message.as_of,
                sent_at=sent_at,
                recipients=json.dumps(list(recipients), ensure_ascii=False),
                message_id=message_id,
            )
        )
        detail = f"{channel}: stage {reminder.stage:+d}d of due {item.effective_due}"
        detail += f" ({item.period}); to {to or '-'}" + (f"; {where}" if where else "")
        audit.record(
            session, "remind", plan=item.plan, task=item.task, agency=item.agency_id, detail=detail
        )


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".remind.lock")


def lock_anchor(store: Any) -> Path:
    """The file the lock sits beside: the SQLite database itself.

    A server database has no file; its runs are kept apart per machine, by a
    lock named after the database in the user's state folder.
    """
    if getattr(store, "dialect", "sqlite") == "sqlite":
        return Path(store.path)
    import hashlib

    import platformdirs

    folder = platformdirs.user_state_path("bmnn")
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(str(getattr(store, "where", "")).encode()).hexdigest()[:16]
    return folder / f"server-{name}"


@contextmanager
def run_lock(database: Path) -> Iterator[Path]:
    """Hold `<db>.remind.lock` for the run, or raise `Busy` at once.

    The file stays after the run (removing a lock file races with a waiting
    locker); the lock itself dies with the process, so a crash never leaves
    it held.
    """
    import fcntl

    path = lock_path(database)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(t("err.store.remind_busy", database=database, path=path)) from None
        yield path
    finally:
        os.close(fd)
