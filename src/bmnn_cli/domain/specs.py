"""What a plan or registry file says, as plain data shared by every layer.

A registry (province, groups, agencies and their mergers) and a plan (its
rules and tasks) read from a file or back from the database have one shape,
so one matching and one writing code serves both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bmnn_cli.domain.deadlines import Rules
from bmnn_cli.domain.schedule import Part


@dataclass
class Membership:
    group: str
    since: dt.date | None = None


@dataclass
class AgencySpec:
    code: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    groups: list[Membership] = field(default_factory=list)
    successor: str | None = None
    merged_on: dt.date | None = None


@dataclass
class GroupSpec:
    code: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class RegistrySpec:
    province: str
    name: str
    days_off: list[dt.date] = field(default_factory=list)
    working_days: list[dt.date] = field(default_factory=list)
    groups: list[GroupSpec] = field(default_factory=list)
    agencies: list[AgencySpec] = field(default_factory=list)


@dataclass
class TaskSpec:
    code: str
    title: str
    lead: list[str]
    support: list[str]
    deliverable: str
    deadline: str
    parts: list[Part]
    note: str = ""
    source_line: int | None = None


@dataclass
class PlanSpec:
    code: str
    title: str
    province: str
    year: int
    number: str = ""
    issuer: str = ""
    issued: dt.date | None = None
    source: str = ""
    rules: Rules = field(default_factory=Rules)
    tasks: list[TaskSpec] = field(default_factory=list)


@dataclass
class PlanFile:
    """What one file holds: a registry, a plan, or both."""

    path: str
    text: str
    registry: RegistrySpec | None = None
    plan: PlanSpec | None = None

    def line_of(self, value: str) -> int | None:
        """The first line where `value` appears quoted, to point a person at it."""
        needle = f'"{value}"'
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return number
        return None
