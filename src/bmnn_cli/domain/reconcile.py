"""What a re-import or a recompute does to the recorded obligations of a task.

The plan (with the registry's mergers) says what is owed; the records say
what was owed before and where work was recorded. Obligations are matched by
(agency, period): a new one is added, one whose dates or owner moved is
updated, and one no longer owed is deleted unless work was recorded against
it (a submission, even one since retracted, or a waiver), which keeps it on
record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.mergers import Key, owner
from bmnn_cli.domain.obligations import Wanted


@dataclass(frozen=True)
class Owed:
    """One obligation as it should be stored, after mergers."""

    agency: str
    period: str
    year: int
    starts_on: dt.date | None
    scheduled_due: dt.date | None
    effective_due: dt.date | None
    request_id: int | None
    inherited_from: str | None  # the merged agency whose duty this was
    begins_on: dt.date | None

    @property
    def key(self) -> Key:
        return (self.agency, self.period)


@dataclass(frozen=True)
class Recorded:
    """One stored obligation and whether work was recorded against it."""

    owed: Owed
    done: bool = False  # submitted or waived now
    history: bool = False  # a submission was ever recorded, even one since retracted

    @property
    def kept(self) -> bool:
        """Whether it stays on record when the plan no longer asks for it."""
        return self.done or self.history


@dataclass
class Reconciled:
    """The changes that make the records match the plan."""

    added: list[Owed] = field(default_factory=list)
    updated: list[Owed] = field(default_factory=list)
    deleted: list[Key] = field(default_factory=list)


def owed(wanted: list[Wanted], directory: Directory, done: set[Key]) -> dict[Key, Owed]:
    """What the task owes, keyed by (agency, period), mergers applied.

    When a successor owes a period itself, that duty wins over the one it
    inherits from a merged agency for the same period.
    """
    out: dict[Key, Owed] = {}
    for item in wanted:
        agency, inherited = owner(item, directory, done)
        key = (agency, item.period)
        if key in out and inherited is not None:
            continue  # the successor owes this period itself
        out[key] = Owed(
            agency=agency,
            period=item.period,
            year=item.year,
            starts_on=item.starts_on,
            scheduled_due=item.scheduled_due,
            effective_due=item.effective_due,
            request_id=item.request_id,
            inherited_from=inherited,
            begins_on=item.begins_on,
        )
    return out


def reconcile(
    wanted: list[Wanted], recorded: Mapping[Key, Recorded], directory: Directory
) -> Reconciled:
    """Which obligations of a task to add, update and delete (plan order kept)."""
    done = {key for key, row in recorded.items() if row.done}
    desired = owed(wanted, directory, done)
    out = Reconciled(added=[o for key, o in desired.items() if key not in recorded])
    for key, row in recorded.items():
        target = desired.get(key)
        if target is None:
            if not row.kept:
                out.deleted.append(key)
        elif target != row.owed:
            out.updated.append(target)
    return out
