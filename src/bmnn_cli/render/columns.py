"""The listings' columns, declared once by name, and the display fields they read.

`overdue`, `due` and `status` show these listings on their own; `report`
shows them again, some cut down or extended, in its sections. Each listing
is declared under its name in `LISTINGS`, and one derived from another picks
its columns by key (`pick`), never by position: a column added to or moved
in `status` cannot shift a report's section. The display fields the columns
read (`status_text`, `short_title`, `period_text`, `level_text`) are added
to the rows here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t
from bmnn_cli.render.base import Column
from bmnn_cli.store.queries import ObligationRow

LISTINGS: dict[str, tuple[Column, ...]] = {}


def declare(name: str, *columns: Column) -> list[Column]:
    """Record the columns of the listing `name` (each key once, each name once); a
    copy comes back, so a caller that extends its list leaves the registry alone."""
    keys = [c.key for c in columns]
    if name in LISTINGS or len(set(keys)) != len(keys):
        raise ValueError(f"listing {name!r} declared twice, or with a key twice: {keys}")
    LISTINGS[name] = columns
    return list(columns)


def pick(listing: str, *keys: str) -> list[Column]:
    """The columns of the declared `listing` with these keys, in the order given."""
    by_key = {c.key: c for c in LISTINGS[listing]}
    missing = [key for key in keys if key not in by_key]
    if missing:
        raise KeyError(f"listing {listing!r} has no column {', '.join(missing)}")
    return [by_key[key] for key in keys]


# On a narrow terminal the columns that answer the question stay (agency, task,
# due date, days late or left, status); `drop` says which go first (render, fit.py).
OBLIGATION_COLUMNS = declare(
    "obligations",
    Column("agency", "col.agency"),
    Column("plan", "col.plan", fit="whole", drop=4),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period", drop=2),
    Column("scheduled_due", "col.scheduled_due", "date", drop=3),
    Column("effective_due", "col.effective_due", "date"),
    Column("status_text", "col.status"),
    Column("submitted_on", "col.submitted_on", "date", drop=1),
)
OVERDUE_COLUMNS = declare(
    "overdue",
    Column("agency", "col.agency"),
    Column("plan", "col.plan", fit="whole", drop=4),
    Column("task", "col.task", fit="whole"),
    Column("short_title", "col.title", fit="cut", drop=2),
    Column("scheduled_due", "col.scheduled_due", "date", drop=3),
    Column("effective_due", "col.effective_due", "date"),
    Column("days_late", "col.days_late", "int"),
    Column("deadline", "col.deadline", fit="cut", drop=5),
)
_WHAT_AND_WHEN = ("agency", "plan", "task", "short_title", "scheduled_due", "effective_due")
DUE_COLUMNS = declare(
    "due",
    *pick("overdue", *_WHAT_AND_WHEN),
    Column("days_left", "col.days_left", "int"),
    *pick("overdue", "deadline"),
)
STATUS_COLUMNS = declare(
    "status",
    Column("agency", "col.agency"),
    Column("level_text", "col.level", drop=5),
    Column("fallen_due", "col.fallen_due", "int"),
    Column("on_time", "col.on_time", "int"),
    Column("late", "col.late", "int"),
    Column("overdue", "col.overdue", "int"),
    Column("pending", "col.pending", "int", drop=2),
    Column("waived", "col.waived", "int", drop=3),
    Column("ongoing", "col.ongoing", "int", drop=1),
    Column("rate", "col.rate", "rate"),
    Column("last_submission", "col.last_submission", "date", drop=4),
    Column("not_begun", "col.not_begun", "int", drop=6),
)

OBLIGATION_KEYS = (
    "agency_id", "agency", "plan", "task", "title", "period", "scheduled_due", "effective_due",
    "status", "submitted_on", "days_late", "days_left", "deadline",
)  # fmt: skip
STATUS_KEYS = (
    "agency_id", "agency", "level", "obligations", "fallen_due", "on_time", "late", "overdue",
    "pending", "waived", "ongoing", "rate", "last_submission", "not_begun",
)  # fmt: skip

# The report's own sections.
_COUNTS = ("fallen_due", "on_time", "late", "overdue", "pending")
REPORT_TASK_COLUMNS = declare(
    "report.tasks",
    Column("task", "col.task", fit="whole"),
    Column("title", "col.title", fit="cut", drop=6),
    Column("deadline", "col.deadline", fit="cut", drop=7),
    Column("obligations", "col.obligations", "int"),
    *pick("status", *_COUNTS, "waived", "rate", "last_submission"),
)
REPORT_OVERDUE_COLUMNS = declare(
    "report.overdue",
    *pick("overdue", "agency", "plan", "task"),
    Column("title", "col.title", fit="cut", drop=2),
    Column("period_text", "col.period", drop=1),
    *pick("overdue", "scheduled_due", "effective_due", "days_late", "deadline"),
)
# The status columns but "ongoing": a report counts what falls due in its period, and a duty
# without a due date never does, so that column would always read 0.
REPORT_STATUS_COLUMNS = declare(
    "report.status",
    *pick("status", "agency", "level_text", *_COUNTS, "waived", "rate", "last_submission"),
    *pick("status", "not_begun"),
)
WORST_COLUMNS = declare("report.worst", *pick("status", "agency", "overdue"))
# a report's totals, as big numbers
FIGURE_COLUMNS = declare("report.figures", *pick("status", *_COUNTS, "rate"))
WEEK_COLUMNS = declare(
    "report.weeks",
    Column("week", "col.week", "date"),
    Column("due", "col.due_count", "int"),
    Column("submitted", "col.submitted_count", "int"),
    Column("cumulative_due", "col.cumulative_due", "int"),
    Column("cumulative_submitted", "col.cumulative_submitted", "int"),
)


def short(text: str, width: int = 60) -> str:
    """`text` cut to `width` with an ellipsis, so a long title keeps a table narrow."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class ShownObligation(ObligationRow):
    """An obligation row with what the obligation columns show in words."""

    status_text: str  # the status, translated
    short_title: str  # the title, cut with "…" only where a terminal's table must fit
    period_text: str  # the period as a person reads it ("Quý I/2026")


def obligation_rows(rows: Iterable[ObligationRow]) -> list[ShownObligation]:
    """The rows with the translated status and the title the obligation columns show."""
    return list(iter_obligation_rows(rows))


def iter_obligation_rows(rows: Iterable[ObligationRow]) -> Iterator[ShownObligation]:
    """The same, one row at a time, for listings streamed from the database.

    A listing of a hundred thousand rows repeats a few statuses, titles and
    periods; each is worked out once.
    """
    status_text = _Remembered(lambda status: t(f"status.{status}"))
    period_text = _Remembered(period_label)
    for row in rows:
        yield {
            **row,
            "status_text": status_text(row["status"]),
            "short_title": row["title"],  # whole: a terminal's table cuts it to fit (`fit="cut"`)
            "period_text": period_text(row["period"]),
        }


class _Remembered:
    """A text made from a value once, then given again for the same value."""

    def __init__(self, make: Callable[[str], str]) -> None:
        self.make, self.known = make, dict[str, str]()

    def __call__(self, value: str) -> str:
        known = self.known.get(value)
        if known is None:
            known = self.known[value] = self.make(value)
        return known


def status_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the translated level, and name the total row, for the status columns."""
    for row in rows:
        row["level_text"] = t(f"level.{row['level']}")
        if row["level"] == "total":
            row["agency"] = t("total")
    return rows


# `overdue --by` and `due --by`: one row per agency or per task, with counts.
BY_AGENCY_COLUMNS = declare(
    "by.agency",
    Column("agency", "col.agency"),
    Column("count", "col.count", "int"),
    Column("days", "col.most_days_late", "int"),
    Column("first_due", "col.first_due", "date"),
    Column("tasks", "col.tasks_owed", fit="cut", drop=1),
)
BY_TASK_COLUMNS = declare(
    "by.task",
    Column("plan", "col.plan", fit="whole", drop=2),
    Column("task", "col.task", fit="whole"),
    Column("short_title", "col.title", fit="cut", drop=1),
    Column("count", "col.count", "int"),
    Column("days", "col.most_days_late", "int"),
    Column("first_due", "col.first_due", "date"),
)


def by_columns(by: str, days: str) -> list[Column]:
    """The grouped columns, the days one named for what it holds (most late, fewest left)."""
    header = "col.most_days_late" if days == "days_late" else "col.fewest_days_left"
    columns = LISTINGS["by.agency" if by == "agency" else "by.task"]
    return [Column(c.key, header, "int") if c.key == "days" else c for c in columns]


BY_KEYS = {
    "agency": ("agency_id", "agency", "count", "days", "first_due", "tasks"),
    "task": ("plan", "task", "title", "count", "days", "first_due"),
}


def grouped(rows: Iterable[Mapping[str, Any]], by: str, days: str) -> list[dict[str, Any]]:
    """Obligation rows added up per agency or per task: how many, the most `days`
    (late, or left for `due`: then the fewest), the first due date; most first."""
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    fewest = days == "days_left"
    for row in rows:
        key = (row["agency_id"],) if by == "agency" else (row["plan"], row["task"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "agency_id": row["agency_id"], "agency": row["agency"], "plan": row["plan"],
                "task": row["task"], "title": row["title"], "short_title": row["title"],
                "count": 0, "days": row[days], "first_due": row["effective_due"], "owed": [],
            }  # fmt: skip
        group["count"] += 1
        choose = min if fewest else max
        group["days"] = choose(d for d in (group["days"], row[days]) if d is not None)
        group["first_due"] = min(group["first_due"], row["effective_due"])
        if row["task"] not in group["owed"]:
            group["owed"].append(row["task"])
    out = list(groups.values())
    for group in out:
        group["tasks"] = ", ".join(group.pop("owed"))
    out.sort(key=lambda g: (-g["count"], g["first_due"]))
    return out
