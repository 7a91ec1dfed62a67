"""The tables, as SQLModel classes.

The schema itself is created by the recorded migrations in `migrations`;
these classes mirror it (a test checks the two agree). Lists are stored as
JSON text. Obligations carry the outcome of their active submission and
waiver (`submitted_on`, `waived_on`) so that every listing is one indexed
scan; the `submission` and `waiver` tables keep the full history.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


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
    id: int | None = Field(default=None, primary_key=True)
    province_id: int = Field(foreign_key="province.id")
    code: str
    name: str
    aliases: str = "[]"
    position: int = 0


class GroupMember(SQLModel, table=True):
    __tablename__ = "group_member"
    group_id: int = Field(foreign_key="agency_group.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True)
    since: dt.date | None = None


class Plan(SQLModel, table=True):
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
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
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
    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    role: str
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    group_id: int | None = Field(default=None, foreign_key="agency_group.id")
    position: int = 0


class Request(SQLModel, table=True):
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
    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligation.id")
    waived_on: dt.date
    reason: str
    state: str = "active"  # active | revoked
    recorded_at: str
    recorded_by: str = ""


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
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
    id: int | None = Field(default=None, primary_key=True)
    obligation_id: int = Field(foreign_key="obligation.id")
    channel: str  # smtp | eml
    due: dt.date
    stage: int  # days from the due date: -7, 0, +14 …
    as_of: dt.date
    sent_at: str
    recipients: str = "[]"
    message_id: str = ""
