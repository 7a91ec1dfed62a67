"""Which obligation a waiver excuses, and when it is the same waiver again.

Plain rules over an agency's obligations of one task (`Dated` rows in due
date order): the store loads them and its waivers, asks these, and records
or refuses what they decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bmnn_cli.domain.submissions import D
from bmnn_cli.text import clean


@dataclass(frozen=True)
class Given:
    """A waiver in force: the day it was given and its reason."""

    day: dt.date
    reason: str


def same_waiver(latest: Given | None, day: dt.date, reason: str) -> bool:
    """Whether waiving on `day` for `reason` repeats the latest waiver (nothing to do).

    The same day and the same reason, spaces and Unicode forms aside.
    """
    return latest is not None and latest.day == day and clean(latest.reason) == clean(reason)


def open_rows(rows: Sequence[D], day: dt.date) -> list[D]:
    """The obligations neither submitted nor waived, that had started by `day`."""
    return [
        r
        for r in rows
        if r.submitted_on is None and r.waived_on is None and (r.starts_on or day) <= day
    ]


def open_for(rows: Sequence[D], day: dt.date, *, dated_only: bool = False) -> D | None:
    """The obligation a waiver given on `day` most likely concerns.

    The oldest open dated one that had started by then (of a year up to
    `day`'s); else, unless `dated_only`, a duty without a due date.
    """
    still_open = open_rows(rows, day)
    dated = [r for r in still_open if r.effective_due is not None and r.year <= day.year]
    undated = [] if dated_only else [r for r in still_open if r.effective_due is None]
    candidates = dated or undated
    return candidates[0] if candidates else None


def undated_open(rows: Sequence[D], day: dt.date) -> list[D]:
    """The duties without a due date still open on `day`: what --period may name instead."""
    return [r for r in open_rows(rows, day) if r.effective_due is None]


def hides_submission(row: D) -> bool:
    """A waiver would hide what was sent: an answered obligation is not waived."""
    return row.submitted_on is not None
