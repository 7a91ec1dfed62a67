"""What reminders may go out, what went out, and one sender at a time.

Which obligations are due and which stages went out are read in
`store.outstanding`; this module writes the log.

`reminder_log` holds one row per obligation, channel, due date and stage.
A row is written before the message is delivered, as a claim (`sent_at`
empty), in its own transaction: a second sender finds the stage taken and
leaves it alone. The claim is completed after delivery succeeded (the SMTP
server accepted the message, or the .eml file is on disk), in the same
transaction as its audit entry, and given back when delivery failed. A run
that dies in between leaves a claim, which the next run clears and sends
again: a crash may send a reminder twice but never marks an unsent one as
sent. The due date is part of the key: when a corrected plan moves a due
date, its stages start afresh.

`run_lock` keeps two runs that start at the same moment (two cron jobs, on
one host or several, or cron and an officer) from both sending: the second
one stops at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bmnn_cli.domain.reminders import Message
from bmnn_cli.errors import Busy
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.outstanding import logged
from bmnn_cli.store.writer import writer_of

CHANNELS = ("smtp", "eml")

CLAIMED = ""  # `sent_at` of a row that claims its stage for a message being delivered

_INSERT = (
    "INSERT INTO reminder_log"
    " (obligation_id, channel, due, stage, as_of, sent_at, recipients, message_id)"
    " VALUES (:oid, :channel, :due, :stage, :as_of, :sent_at, :recipients, :message_id)"
)
_STAGE = "obligation_id = :oid AND channel = :channel AND due = :due AND stage = :stage"


def claim(target: Any, message: Message, *, channel: str, message_id: str) -> bool:
    """Take every stage of `message` for this delivery, or none if one is taken already.

    Run in a writing transaction (which holds the write lock), before the
    message is handed to the server: a second sender, on any host, finds
    the rows and leaves the message alone. False when a stage was taken.
    `target` is a Writer (or a session, for callers not yet converted).
    """
    assert channel in CHANNELS, channel
    writer = writer_of(target)
    keys = [(r.item.obligation_id, r.item.effective_due, r.stage) for r in message.reminders]
    taken = logged(writer, [k[0] for k in keys], channel)
    if any((due, stage) in taken.get(oid, set()) for oid, due, stage in keys):
        return False
    writer.many(
        _INSERT, [_row(r, message, channel, CLAIMED, message_id) for r in message.reminders]
    )
    return True


def _row(
    reminder: Any,
    message: Message,
    channel: str,
    sent_at: str,
    message_id: str,
    recipients: str = "[]",
) -> dict[str, Any]:
    """The log row of one stage of one obligation: a claim, or a send recorded."""
    return {
        **_key(reminder, channel),
        "as_of": message.as_of,
        "sent_at": sent_at,
        "recipients": recipients,
        "message_id": message_id,
    }


def release(target: Any, message: Message, *, channel: str) -> None:
    """Give back the stages claimed for a message that was not delivered."""
    writer_of(target).many(
        f"DELETE FROM reminder_log WHERE {_STAGE} AND sent_at = :claimed",
        [{**_key(r, channel), "claimed": CLAIMED} for r in message.reminders],
    )


def clear_stale_claims(target: Any) -> int:
    """Claims left by a run that died between claiming and recording (under the run lock).

    Whether such a message went out is unknown; it is sent again rather than
    marked as sent.
    """
    sql = "DELETE FROM reminder_log WHERE sent_at = :claimed"
    return writer_of(target).execute(sql, {"claimed": CLAIMED})


def _key(reminder: Any, channel: str) -> dict[str, Any]:
    return {
        "oid": reminder.item.obligation_id,
        "channel": channel,
        "due": reminder.item.effective_due,
        "stage": reminder.stage,
    }


def record(
    target: Any,
    message: Message,
    *,
    channel: str,
    recipients: Sequence[str],
    message_id: str = "",
    where: str = "",
) -> None:
    """Log a delivered message: its claimed rows completed, one audit entry per reminder."""
    assert channel in CHANNELS, channel
    writer = writer_of(target)
    sent_at = audit.now()
    to = ", ".join(recipients)
    addressed = json.dumps(list(recipients), ensure_ascii=False)
    for reminder in message.reminders:
        item = reminder.item
        params = _row(reminder, message, channel, sent_at, message_id, addressed)
        done = writer.execute(
            "UPDATE reminder_log SET sent_at = :sent_at, recipients = :recipients,"
            f" message_id = :message_id WHERE {_STAGE} AND sent_at = :claimed",
            {**params, "claimed": CLAIMED},
        )
        if not done:  # not claimed first (a caller outside `remind`)
            writer.execute(_INSERT, params)
        detail = f"{channel}: stage {reminder.stage:+d}d of due {item.effective_due}"
        detail += f" ({item.period}); to {to or '-'}" + (f"; {where}" if where else "")
        audit.record(
            writer, "remind", plan=item.plan, task=item.task, agency=item.agency_id, detail=detail
        )


def lock_path(database: Path) -> Path:
    """The lock file of a SQLite database: beside the file itself, whatever the spelling.

    `k.db`, `./k.db`, `/abs/k.db` and a symbolic link to it all resolve to
    the same real path, so every run on that file shares one lock.
    """
    real = Path(os.path.realpath(database))
    return real.with_name(real.name + ".remind.lock")


REMIND_LOCK_KEY = 0x626D6E72  # "bmnr": the advisory lock of `bmnn remind` on PostgreSQL


@contextmanager
def run_lock(store: Any) -> Iterator[str]:
    """Hold the run lock of the database for the run, or raise `Busy` at once.

    On PostgreSQL the lock is a session advisory lock on the server, held by
    a connection kept open for the run: runs on any number of hosts exclude
    each other. On SQLite it is a lock file beside the real database file.
    Either way the lock dies with the process, so a crash never leaves it
    held. Yields where the lock is, for messages.
    """
    if getattr(store, "dialect", "sqlite") == "sqlite":
        with _file_lock(Path(store.path)) as path:
            yield str(path)
        return
    with _advisory_lock(store):
        yield f"pg_advisory_lock({REMIND_LOCK_KEY})"


@contextmanager
def _advisory_lock(store: Any) -> Iterator[None]:
    from sqlalchemy.exc import DBAPIError

    from bmnn_cli.store.reader import explain as _explain

    try:
        connection = store.engine.connect()
    except DBAPIError as error:
        raise _explain(store.where, error) from None
    try:
        taken = connection.exec_driver_sql(
            f"SELECT pg_try_advisory_lock({REMIND_LOCK_KEY})"
        ).scalar()
        connection.commit()
        if not taken:
            where = f"pg_advisory_lock({REMIND_LOCK_KEY})"
            raise Busy(t("err.store.remind_busy", database=store.where, path=where))
        try:
            yield
        finally:
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({REMIND_LOCK_KEY})")
            connection.commit()
    finally:
        connection.close()


@contextmanager
def _file_lock(database: Path) -> Iterator[Path]:
    """Hold `<real db>.remind.lock`, or raise `Busy` at once.

    The file stays after the run (removing a lock file races with a waiting
    locker). The database file itself is never locked by bmnn: closing a
    descriptor of it would drop SQLite's own locks.
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
