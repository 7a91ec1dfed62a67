"""Obligations as an iCalendar feed (RFC 5545) an officer can subscribe to.

One all-day event per obligation on its effective due date. The UID is
built from what identifies the obligation in the plan (plan, task, period,
agency), not from database row ids, so it stays the same across exports,
re-imports and a rebuilt database: a calendar program that refreshes the
feed updates its events instead of doubling them.

`icalendar` is imported here only, when a feed is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn_cli import __version__
from bmnn_cli.domain.reminders import Sender, due_text, plan_label
from bmnn_cli.domain.status import OPEN as _OPEN
from bmnn_cli.files import write_atomically
from bmnn_cli.i18n import t

if TYPE_CHECKING:
    from icalendar import Event

    from bmnn_cli.store.outstanding import DatedRow

OPEN = tuple(status.value for status in _OPEN)  # the statuses whose events say what is owed
AHEAD_DAYS = 31  # a feed shows the coming month, whichever year it falls in


def horizon(as_of: dt.date) -> dt.date:
    """The last due date a feed made on `as_of` holds: the end of the year a month ahead
    (from December on, next year's deadlines too)."""
    return dt.date((as_of + dt.timedelta(days=AHEAD_DAYS)).year, 12, 31)


def uid(row: DatedRow) -> str:
    return f"{row['plan']}/{row['task']}/{row['period']}/{row['agency_id']}@bmnn"


def feed(
    rows: Iterable[DatedRow],
    *,
    name: str,
    as_of: dt.date,
    sender: Sender,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The calendar, as bytes ready to write (CRLF lines, folded at 75 octets)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//bmnn//bmnn {__version__}//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    for row in rows:
        calendar.add_component(_event(row, as_of, sender, stamp))
    return bytes(calendar.to_ical())


def _event(row: DatedRow, as_of: dt.date, sender: Sender, stamp: dt.datetime) -> Event:
    from icalendar import Event

    due = row["effective_due"]
    status = t(f"status.{row['status']}")
    event = Event()
    event.add("uid", uid(row))
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + dt.timedelta(days=1))
    event.add("summary", t("ical.summary", task=row["task"], agency=row["agency"], status=status))
    event.add("description", _description(row, as_of, sender, status))
    event.add("categories", [status])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
    return event


def _description(row: DatedRow, as_of: dt.date, sender: Sender, status: str) -> str:
    from bmnn_cli.store.outstanding import as_open

    item = as_open(row)
    lines = [
        t("remind.task", task=item.task, title=item.title),
        t("remind.plan", plan=plan_label(item)),
        t("remind.deadline", phrase=item.deadline or "–"),
        due_text(item, as_of)
        if row["status"] in OPEN
        else t("ical.status", as_of=f"{as_of:%d/%m/%Y}", status=status),
        t("ical.results_to", recipient=sender.results_for(item.province)),
    ]
    return "\n".join(lines)


def write(path: Path, data: bytes) -> None:
    """Replace `path` whole, so a calendar fetching it never reads half a file."""
    write_atomically(path, data)
