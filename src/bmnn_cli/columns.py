"""Columns of the obligation and status listings, shared by the commands and the report.

`overdue`, `due` and `status` show these listings on their own; `report`
shows them again, some cut down or extended, in its sections. Keeping every
column set in one module keeps the slices below next to what they slice, so
a reordered column cannot silently shift a report's section. The display
fields the columns read (`status_text`, `short_title`, `level_text`) are
added to the rows here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t
from bmnn_cli.render import Column

# On a narrow terminal the columns that answer the question stay (agency, task,
# due date, days late or left, status); `drop` says which go first (render, fit.py).
OBLIGATION_COLUMNS = [
    Column("agency", "col.agency"),
    Column("plan", "col.plan", fit="whole", drop=4),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period", drop=2),
    Column("scheduled_due", "col.scheduled_due", "date", drop=3),
    Column("effective_due", "col.effective_due", "date"),
    Column("status_text", "col.status"),
    Column("submitted_on", "col.submitted_on", "date", drop=1),
]
OVERDUE_COLUMNS = [
    Column("agency", "col.agency"),
    Column("plan", "col.plan", fit="whole", drop=4),
    Column("task", "col.task", fit="whole"),
    Column("short_title", "col.title", fit="cut", drop=2),
    Column("scheduled_due", "col.scheduled_due", "date", drop=3),
    Column("effective_due", "col.effective_due", "date"),
    Column("days_late", "col.days_late", "int"),
    Column("deadline", "col.deadline", fit="cut", drop=5),
]
DUE_COLUMNS = [
    *OVERDUE_COLUMNS[:6],
    Column("days_left", "col.days_left", "int"),
    OVERDUE_COLUMNS[7],
]
STATUS_COLUMNS = [
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
    Column("not_begun", "col.not_begun", "int", drop=6),  # last: the report slices by position
]

OBLIGATION_KEYS = (
    "agency_id", "agency", "plan", "task", "title", "period", "scheduled_due", "effective_due",
    "status", "submitted_on", "days_late", "days_left", "deadline",
)  # fmt: skip
STATUS_KEYS = (
    "agency_id", "agency", "level", "obligations", "fallen_due", "on_time", "late", "overdue",
    "pending", "waived", "ongoing", "rate", "last_submission", "not_begun",
)  # fmt: skip

# The report's own sections.
REPORT_TASK_COLUMNS = [
    Column("task", "col.task", fit="whole"),
    Column("title", "col.title", fit="cut", drop=6),
    Column("deadline", "col.deadline", fit="cut", drop=7),
    Column("obligations", "col.obligations", "int"),
    *STATUS_COLUMNS[2:8],
    STATUS_COLUMNS[9],
    STATUS_COLUMNS[10],
]
REPORT_OVERDUE_COLUMNS = [
    *OVERDUE_COLUMNS[:3],
    Column("title", "col.title", fit="cut", drop=2),
    Column("period_text", "col.period", drop=1),
    *OVERDUE_COLUMNS[4:],
]
WORST_COLUMNS = [STATUS_COLUMNS[0], STATUS_COLUMNS[5]]  # agency, overdue
FIGURE_COLUMNS = [*STATUS_COLUMNS[2:7], STATUS_COLUMNS[9]]  # a report's totals, as big numbers
WEEK_COLUMNS = [
    Column("week", "col.week", "date"),
    Column("due", "col.due_count", "int"),
    Column("submitted", "col.submitted_count", "int"),
    Column("cumulative_due", "col.cumulative_due", "int"),
    Column("cumulative_submitted", "col.cumulative_submitted", "int"),
]


def short(text: str, width: int = 60) -> str:
    """`text` cut to `width` with an ellipsis, so a long title keeps a table narrow."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def obligation_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the translated status and the short title the obligation columns show."""
    return list(iter_obligation_rows(rows))


def iter_obligation_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The same, one row at a time, for listings streamed from the database.

    A listing of a hundred thousand rows repeats a few statuses, titles and
    periods; each is worked out once.
    """
    texts: dict[tuple[str, str], str] = {}
    for row in rows:
        for target, source, make in _DERIVED:
            value = row[source]
            known = texts.get((source, value))
            if known is None:
                known = texts[(source, value)] = make(value)
            row[target] = known
        yield row


def _status_text(status: str) -> str:
    return t(f"status.{status}")


_DERIVED: list[tuple[str, str, Callable[[str], str]]] = [
    ("status_text", "status", _status_text),
    ("short_title", "title", short),
    ("period_text", "period", period_label),
]


def status_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the translated level, and name the total row, for the status columns."""
    for row in rows:
        row["level_text"] = t(f"level.{row['level']}")
        if row["level"] == "total":
            row["agency"] = t("total")
    return rows


# `overdue --by` and `due --by`: one row per agency or per task, with counts.
BY_AGENCY_COLUMNS = [
    Column("agency", "col.agency"),
    Column("count", "col.count", "int"),
    Column("days", "col.most_days_late", "int"),
    Column("first_due", "col.first_due", "date"),
    Column("tasks", "col.tasks_owed", fit="cut", drop=1),
]
BY_TASK_COLUMNS = [
    Column("plan", "col.plan", fit="whole", drop=2),
    Column("task", "col.task", fit="whole"),
    Column("short_title", "col.title", fit="cut", drop=1),
    Column("count", "col.count", "int"),
    Column("days", "col.most_days_late", "int"),
    Column("first_due", "col.first_due", "date"),
]


def by_columns(by: str, days: str) -> list[Column]:
    """The grouped columns, the days one named for what it holds (most late, fewest left)."""
    header = "col.most_days_late" if days == "days_late" else "col.fewest_days_left"
    columns = BY_AGENCY_COLUMNS if by == "agency" else BY_TASK_COLUMNS
    return [Column(c.key, header, "int") if c.key == "days" else c for c in columns]


BY_KEYS = {
    "agency": ("agency_id", "agency", "count", "days", "first_due", "tasks"),
    "task": ("plan", "task", "title", "count", "days", "first_due"),
}


def grouped(rows: Iterable[dict[str, Any]], by: str, days: str) -> list[dict[str, Any]]:
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
                "task": row["task"], "title": row["title"], "short_title": short(row["title"]),
                "count": 0, "days": row[days], "first_due": row["effective_due"], "owed": [],
            }  # fmt: skip
        group["count"] += 1
        pick = min if fewest else max
        group["days"] = pick(d for d in (group["days"], row[days]) if d is not None)
        group["first_due"] = min(group["first_due"], row["effective_due"])
        if row["task"] not in group["owed"]:
            group["owed"].append(row["task"])
    out = list(groups.values())
    for group in out:
        group["tasks"] = ", ".join(group.pop("owed"))
    out.sort(key=lambda g: (-g["count"], g["first_due"]))
    return out
