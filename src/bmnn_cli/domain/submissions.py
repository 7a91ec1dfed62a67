"""Which period a submission answers, and when it is the same submission again.

Plain rules over plain values: the store loads an agency's obligations of
a task and its active submissions, asks `answer`, and records (or refuses)
what it decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bmnn_cli.domain.periods import period_key
from bmnn_cli.domain.status import on_time
from bmnn_cli.text import fold

Label = Callable[[str], str]  # a period key ("request-3") as a person reads it


class Dated(Protocol):
    """What the rules read of an obligation (an `Owed`, or a stored row)."""

    @property
    def period(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def starts_on(self) -> dt.date | None: ...
    @property
    def effective_due(self) -> dt.date | None: ...
    @property
    def submitted_on(self) -> dt.date | None: ...
    @property
    def waived_on(self) -> dt.date | None: ...


D = TypeVar("D", bound=Dated)


@dataclass
class Owed:
    """An obligation as a submission sees it (plain values, no ORM object per row)."""

    id: int
    period: str
    year: int
    starts_on: dt.date | None
    effective_due: dt.date | None
    submitted_on: dt.date | None
    waived_on: dt.date | None


@dataclass(frozen=True)
class Recorded:
    """An active submission: its date, its folded number/symbol and the period it answers."""

    day: dt.date
    ref: str  # folded (`bmnn_cli.text.fold`)
    period: str


@dataclass(frozen=True)
class Duplicate:
    """The same document was recorded already, for `period`: nothing to do."""

    period: str


@dataclass(frozen=True)
class Answers:
    """The submission answers `owed`, on time or late."""

    owed: Owed
    on_time: bool


@dataclass(frozen=True)
class NoSuchPeriod:
    """The period named is none of the task's for this agency."""

    labels: str  # the periods there are, as people read them


@dataclass(frozen=True)
class AlreadySubmitted:
    """The period named was answered already (by another document)."""

    owed: Owed


@dataclass(frozen=True)
class NoneOpen:
    """No dated period is open: the undated ones (for --period), else what was done."""

    undated: tuple[Owed, ...]
    done: tuple[Owed, ...]


Decision = Duplicate | Answers | NoSuchPeriod | AlreadySubmitted | NoneOpen


def same_submission(sent: Sequence[Recorded], day: dt.date, ref: str) -> Recorded | None:
    """The submission already recorded with this date and number/symbol.

    Within one task and agency; the number/symbol is compared with case and
    accents aside ("123/BC-STP" is "123/bc-stp").
    """
    wanted = fold(ref)
    return next((s for s in sent if s.day == day and s.ref == wanted), None)


def begun(period: str, year: int, day: dt.date) -> bool:
    """Whether a period can be answered on `day`: a yearly, quarterly or monthly one
    from its year on; a one-off or requested one at any time (its start says when)."""
    return not period[:4].isdigit() or year <= day.year


def earliest_open(owed: Sequence[D], day: dt.date) -> D | None:
    """The earliest open period with a due date that had begun by `day` (`owed` by due date)."""
    return next(
        (
            o
            for o in owed
            if o.effective_due is not None
            and o.submitted_on is None
            and o.waived_on is None
            and (o.starts_on or day) <= day
            and begun(o.period, o.year, day)
        ),
        None,
    )


def none_open(owed: Sequence[Owed]) -> NoneOpen:
    """Why nothing is open: the undated duties still open, and the periods done or waived."""
    undated = tuple(
        o
        for o in owed
        if o.effective_due is None and o.submitted_on is None and o.waived_on is None
    )
    done = tuple(o for o in owed if o.submitted_on or o.waived_on)
    return NoneOpen(undated, () if undated else done)


def pick(rows: Sequence[D], period: str, label: Label) -> D | None:
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    keys = {period.strip(), period_key(period)}
    for row in rows:
        if row.period in keys:
            return row
    wanted = fold(period)
    return next((row for row in rows if fold(label(row.period)) == wanted), None)


def answer(
    owed: Sequence[Owed],
    sent: Sequence[Recorded],
    *,
    day: dt.date,
    ref: str,
    period: str | None,
    label: Label,
) -> Decision:
    """What one submission sent on `day` does, among `owed` (ordered by due date).

    The same document again is a duplicate. A period named is answered unless
    it was already; without one, the earliest open dated period begun by
    `day` is, never a duty without a due date ("thường xuyên").
    """
    same = same_submission(sent, day, ref)
    if same is not None:
        return Duplicate(same.period)
    if period is not None:
        chosen = pick(owed, period, label)
        if chosen is None:
            return NoSuchPeriod(", ".join(label(o.period) for o in owed))
        if chosen.submitted_on is not None:
            return AlreadySubmitted(chosen)
    else:
        chosen = earliest_open(owed, day)
        if chosen is None:
            return none_open(owed)
    return Answers(chosen, on_time(day, chosen.effective_due))


def earliest_day(issued: dt.date | None, plan_year: int, starts_on: dt.date | None) -> dt.date:
    """The first day a document for a plan's obligation may be dated.

    The plan's date of issue (else 1 January of the year before its own),
    or the obligation's own start if later.
    """
    earliest = issued or dt.date(plan_year - 1, 1, 1)
    return max(earliest, starts_on) if starts_on else earliest
