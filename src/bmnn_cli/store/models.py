"""The tables, as SQLModel classes.

The schema itself is created by the recorded migrations in `migrations`;
these classes mirror it, keys, indexes and constraints included (a test
checks the two agree). Lists are stored as JSON text. Obligations carry the
outcome of their active submission and waiver (`submitted_on`, `waived_on`)
so that every listing is one indexed scan; the `submission` and `waiver`
tables keep the full history.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _one_active(name: str) -> Index:
    """A partial unique index: one active submission (or waiver) per obligation."""
    active = text("state = 'active'")
    return Index(name, "obligation_id", unique=True, sqlite_where=active, postgresql_where=active)


def _partial(name: str, *columns: str, where: str) -> Index:
    """An index over the rows `where` holds of (migration 005: the rows still owed; 006: done)."""
    return Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))


_NEVER_SENT_NOR_WAIVED = "((submitted_on IS NULL) AND (waived_on IS NULL))"  # as migration 005
_SENT_NEVER_WAIVED = "((submitted_on IS NOT NULL) AND (waived_on IS NULL))"  # as migration 006
_DONE_COLUMNS = (  # what `status` reads of a done period (migration 006)
    "agency_id", "submitted_on", "effective_due", "year", "starts_on", "task_id", "waived_on",
)  # fmt: skip


def key(row: SQLModel) -> int:
    """The primary key of a row that has been flushed."""
    value = getattr(row, "id", None)
    assert isinstance(value, int), f"{type(row).__name__} has no id yet"
    return value


class Province(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    days_off: str = "[]"
    working_days: str = "[]"


class Agency(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("province_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    province_id: int = Field(foreign_key="province.id")
    code: str
    name: str
    kind: str
    aliases: str = "[]"
    emails: str = "[]"
    successor_id: int | None = Field(default=None, foreign_key="agency.id")
    merged_on: dt.date | None = None
    position: int = 0


class AgencyGroup(SQLModel, table=True):
    __tablename__ = "agency_group"
    __table_args__ = (UniqueConstraint("province_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    province_id: int = Field(foreign_key="province.id")
    code: str
    name: str
    aliases: str = "[]"
    position: int = 0


class GroupMember(SQLModel, table=True):
    __tablename__ = "group_member"
    __table_args__ = (Index("ix_group_member_agency", "agency_id"),)
    group_id: int = Field(foreign_key="agency_group.id", primary_key=True, ondelete="CASCADE")
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, ondelete="CASCADE")
    since: dt.date | None = None


class Plan(SQLModel, table=True):
    __table_args__ = (CheckConstraint("before_rule IN ('inclusive', 'strict')"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    province_id: int = Field(foreign_key="province.id")
    number: str = ""
    title: str
    issuer: str = ""
    issued: dt.date | None = None
    year: int
    source: str = ""
    before_rule: str = "inclusive"
    roll_to_working_day: bool = True
    yearly_due: str = "12-31"
    through_year: int
    imported_at: str


class Task(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE")
    code: str
    title: str
    deliverable: str
    deadline: str = ""
    schedule: str = "[]"
    note: str = ""
    source_line: int | None = None
    position: int = 0
    archived_at: str | None = None  # set when a re-import with --force drops the task


class TaskAgency(SQLModel, table=True):
    __tablename__ = "task_agency"
    __table_args__ = (
        CheckConstraint("role IN ('lead', 'support')"),
        CheckConstraint("(agency_id IS NULL) <> (group_id IS NULL)"),
        Index("ix_task_agency_task", "task_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", ondelete="CASCADE")
    role: str
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    group_id: int | None = Field(default=None, foreign_key="agency_group.id")
    position: int = 0


class Request(SQLModel, table=True):
    __table_args__ = (CheckConstraint("kind IN ('request', 'event')"),)
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    kind: str  # request | event
    happened_on: dt.date
    due: dt.date
    agencies: str = "[]"  # agency ids it was addressed to; [] = all answerable
    ref: str = ""
    note: str = ""
    recorded_at: str


class Obligation(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("task_id", "agency_id", "period"),
        Index("ix_obligation_due", "effective_due"),
        Index("ix_obligation_agency", "agency_id", "year"),
        _partial("ix_obligation_open", "effective_due", where=_NEVER_SENT_NOR_WAIVED),
        _partial("ix_obligation_sent", "submitted_on", where="submitted_on IS NOT NULL"),
        _partial("ix_obligation_waived", "waived_on", where="waived_on IS NOT NULL"),
        _partial("ix_obligation_done", *_DONE_COLUMNS, where=_SENT_NEVER_WAIVED),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    agency_id: int = Field(foreign_key="agency.id")
    period: str
    year: int
    starts_on: dt.date | None = None
    scheduled_due: dt.date | None = None
    effective_due: dt.date | None = None
    request_id: int | None = Field(default=None, foreign_key="request.id")
    inherited_from: int | None = Field(default=None, foreign_key="agency.id")
    submitted_on: dt.date | None = None
    begins_on: dt.date | None = None  # a span's first day: not yet begun before it
    waived_on: dt.date | None = None


class Submission(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("state IN ('active', 'superseded', 'retracted')"),
        _one_active("ux_submission_active"),
    )
    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligation.id")
    submitted_on: dt.date
    ref: str = ""
    note: str = ""
    state: str = "active"  # active | superseded | retracted
    replaces_id: int | None = Field(default=None, foreign_key="submission.id")
    reason: str = ""
    recorded_at: str
    recorded_by: str = ""


class Waiver(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("state IN ('active', 'revoked')"),
        _one_active("ux_waiver_active"),
    )
    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligation.id")
    waived_on: dt.date
    reason: str
    state: str = "active"  # active | revoked
    recorded_at: str
    recorded_by: str = ""


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: str
    os_user: str = ""
    command: str = ""
    action: str
    plan: str = ""
    task: str = ""
    agency: str = ""
    detail: str = ""


class ReminderLog(SQLModel, table=True):
    """A reminder delivered: which obligation, channel, due date and stage (days)."""

    __tablename__ = "reminder_log"
    __table_args__ = (
        CheckConstraint("channel IN ('smtp', 'eml')"),
        UniqueConstraint("obligation_id", "channel", "due", "stage"),
    )
    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligation.id", ondelete="CASCADE")
    channel: str  # smtp | eml
    due: dt.date
    stage: int  # days from the due date: -7, 0, +14 …
    as_of: dt.date
    sent_at: str
    recipients: str = "[]"
    message_id: str = ""
