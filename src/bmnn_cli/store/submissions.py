"""Recording submissions: one, or a register of many, in one transaction.

Which period each one answers, and when it is the same one again, is
decided by `bmnn_cli.domain.submissions`; this module loads the rows it
needs in a few queries and writes what is decided in bulk, in plain SQL
through a Writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NoReturn

from bmnn_cli.domain import submissions as rules
from bmnn_cli.domain.periods import period_label
from bmnn_cli.domain.status import Status
from bmnn_cli.domain.submissions import Owed, Recorded
from bmnn_cli.errors import BmnnError, NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit
from bmnn_cli.store.reader import Reader, as_date
from bmnn_cli.store.recording import (
    Finder,
    Outcome,
    check_date,
    day_text,
    ensure_through,
    not_answerable,
)
from bmnn_cli.store.rows import Agency, Plan, Task
from bmnn_cli.store.writer import Writer, writer_of
from bmnn_cli.text import fold


@dataclass(frozen=True)
class Sent:
    """One document to record: what `submit` is given, or one row of a register."""

    task: str
    agency: str
    day: dt.date
    ref: str = ""
    note: str = ""
    plan: str | None = None
    period: str | None = None


def submit(
    source: Any,
    *,
    task: str,
    agency: str,
    day: dt.date,
    as_of: dt.date,
    plan: str | None = None,
    period: str | None = None,
    ref: str = "",
    note: str = "",
) -> Outcome:
    """Record that `agency` sent what `task` asks for on `day`; idempotent.

    `source`: a Writer, or a session (wrapped in one).
    """
    sent = Sent(task, agency, day, ref, note, plan, period)
    try:
        return submit_many(source, [sent], as_of=as_of)[0]
    except SubmitFailed as failed:
        raise failed.error from None


def submit_many(source: Any, items: list[Sent], *, as_of: dt.date) -> list[Outcome]:
    """Record many submissions in the open transaction, by the rule `submit` follows.

    The same submission (task, agency, date, number/symbol) recorded twice is
    one submission. Without a period named, a submission answers the earliest
    open period with a due date that has begun by its date; a duty without a
    due date ("thường xuyên") only when `period` names it; with nothing open
    it is refused. Rows are read and written in bulk, so a register of a
    hundred thousand rows takes seconds. Documents are taken in the order of
    their dates, so the earlier one answers the earlier period whatever the
    order of the rows. A refused row raises `SubmitFailed` (its `index` says
    which), and the caller's transaction then records none of them.
    """
    if not items:
        return []
    writer = writer_of(source)
    ensure_through(writer, max(item.day.year for item in items))
    find = Finder(writer)
    chosen: list[tuple[Task, Plan, Agency]] = []
    for index, item in enumerate(items):
        try:
            chosen.append(find(item.task, item.agency, item.plan))
            check_date(item.day, as_of, chosen[-1][1])
        except BmnnError as error:
            raise SubmitFailed(error, index) from None
    owed, sent = _load(writer, {(t.id, a.id) for t, _p, a in chosen})
    submissions: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    logs: list[dict[str, object]] = []
    stamp, user, command = audit.now(), audit.os_user(), audit.command_line()
    outcomes: dict[int, Outcome] = {}
    for index in sorted(range(len(items)), key=lambda i: items[i].day):  # earliest sent first
        item, (task_row, plan_row, agency_row) = items[index], chosen[index]
        pair = (task_row.id, agency_row.id)
        try:
            if pair not in owed:
                raise not_answerable(writer, agency_row, task_row)
            outcome, obligation = _answer(owed[pair], sent.setdefault(pair, []), item,
                                          task_row, agency_row, plan_row, as_of)  # fmt: skip
        except BmnnError as error:
            raise SubmitFailed(error, index) from None
        outcomes[index] = outcome
        if obligation is None:
            continue
        obligation.submitted_on = item.day
        sent[pair].append(Recorded(item.day, fold(item.ref), obligation.period))
        submissions.append({
            "obligation_id": obligation.id, "submitted_on": item.day, "ref": item.ref,
            "note": item.note, "state": "active", "replaces_id": None, "reason": "",
            "recorded_at": stamp, "recorded_by": user,
        })  # fmt: skip
        updates.append({"row_id": obligation.id, "day": item.day})
        logs.append({
            "at": stamp, "os_user": user, "command": command, "action": "submit",
            "plan": plan_row.code, "task": task_row.code, "agency": agency_row.code,
            "detail": f"{obligation.period}: {item.day.isoformat()} {item.ref}".rstrip(),
        })  # fmt: skip
    _write(writer, submissions, updates, logs)
    return [outcomes[i] for i in range(len(items))]


class SubmitFailed(BmnnError):
    """Item `index` of a batch of submissions was refused; `error` says why."""

    def __init__(self, error: BmnnError, index: int) -> None:
        super().__init__(error.message)
        self.error, self.index = error, index
        self.exit_code = error.exit_code


def _load(
    reader: Reader, pairs: set[tuple[int, int]]
) -> tuple[dict[tuple[int, int], list[Owed]], dict[tuple[int, int], list[Recorded]]]:
    """The obligations and active submissions of these (task, agency) pairs, in few queries."""
    owed: dict[tuple[int, int], list[Owed]] = {}
    sent: dict[tuple[int, int], list[Recorded]] = {}
    for where, params in _filters(pairs):
        rows = reader.rows(
            "SELECT o.task_id, o.agency_id, o.id, o.period, o.year, o.starts_on, o.effective_due,"
            f" o.submitted_on, o.waived_on FROM obligation o WHERE {where}"
            " ORDER BY o.effective_due IS NULL, o.effective_due, o.id",
            params,
        )
        for task, agency, *values in rows:
            if (task, agency) in pairs:
                obligation_id, period, year, starts, due, submitted, waived = values
                owed.setdefault((task, agency), []).append(
                    Owed(obligation_id, period, year, as_date(starts), as_date(due),
                          as_date(submitted), as_date(waived))
                )  # fmt: skip
        rows = reader.rows(
            "SELECT o.task_id, o.agency_id, s.submitted_on, s.ref, o.period FROM submission s"
            f" JOIN obligation o ON o.id = s.obligation_id WHERE s.state = 'active' AND {where}",
            params,
        )
        for task, agency, day, ref, period in rows:
            if (task, agency) in pairs:
                recorded = Recorded(as_date(day) or dt.date.min, fold(ref or ""), period)
                sent.setdefault((task, agency), []).append(recorded)
    return owed, sent


def _filters(pairs: set[tuple[int, int]]) -> list[tuple[str, dict[str, int]]]:
    """SQL conditions that find the rows of `pairs`: each pair for a few, else whole tasks."""
    if len(pairs) <= 20:
        return [
            ("o.task_id = :task AND o.agency_id = :agency", {"task": task, "agency": agency})
            for task, agency in sorted(pairs)
        ]
    tasks = sorted({task for task, _ in pairs})
    out = []
    for chunk in (tasks[i : i + 500] for i in range(0, len(tasks), 500)):
        marks = ", ".join(f":t{n}" for n in range(len(chunk)))
        out.append((f"o.task_id IN ({marks})", {f"t{n}": task for n, task in enumerate(chunk)}))
    return out


def _answer(
    owed: list[Owed],
    sent: list[Recorded],
    item: Sent,
    task: Task,
    agency: Agency,
    plan: Plan,
    as_of: dt.date,
) -> tuple[Outcome, Owed | None]:
    """What one submission does: the outcome, and the obligation it answers (None: nothing)."""
    decision = rules.answer(
        owed, sent, day=item.day, ref=item.ref, period=item.period, label=period_label
    )
    if isinstance(decision, rules.Duplicate):
        duplicate = Outcome(
            "msg.already_submitted", agency.name, task.code, decision.period, date=item.day,
            changed=False,
        )  # fmt: skip
        return duplicate, None
    if isinstance(decision, rules.NoSuchPeriod):
        assert item.period is not None
        raise NotFound(
            t("err.store.no_such_period", task=task.code, period=item.period,
              periods=decision.labels),
            value=item.period,
        )  # fmt: skip
    if isinstance(decision, rules.AlreadySubmitted):
        raise Refused(
            t("err.store.already_submitted", agency=agency.name, task=task.code,
              period=period_label(decision.owed.period), day=decision.owed.submitted_on)
        )  # fmt: skip
    if isinstance(decision, rules.NoneOpen):
        _refuse_none_open(decision, task, agency)
    _check_start(item.day, plan, decision.owed.starts_on)
    done = Status.DONE_ON_TIME if decision.on_time else Status.DONE_LATE
    outcome = Outcome(
        "msg.submitted", agency.name, task.code, decision.owed.period, date=item.day,
        status=f"status.{done.value}",
    )  # fmt: skip
    return outcome, decision.owed


def _refuse_none_open(none: rules.NoneOpen, task: Task, agency: Agency) -> NoReturn:
    """Nothing dated is open: name the undated duties (for --period), or what was done."""
    if none.undated:
        periods = ", ".join(repr(period_label(o.period)) for o in none.undated)
        raise Refused(
            t("err.store.submit_only_undated", agency=agency.name, task=task.code, periods=periods)
        )
    done = ", ".join(
        f"{period_label(o.period)}: {day_text(o.submitted_on or o.waived_on)}" for o in none.done
    )
    raise Refused(t("err.store.nothing_open_done", agency=agency.name, task=task.code, done=done))


def _check_start(day: dt.date, plan: Plan, starts_on: dt.date | None) -> None:
    earliest = rules.earliest_day(plan.issued, plan.year, starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )


def _write(
    writer: Writer,
    submissions: list[dict[str, object]],
    updates: list[dict[str, object]],
    logs: list[dict[str, object]],
) -> None:
    """Insert the submissions and their audit entries and mark their obligations, in bulk."""
    if not submissions:
        return
    writer.many(
        "INSERT INTO submission (obligation_id, submitted_on, ref, note, state, replaces_id,"
        " reason, recorded_at, recorded_by) VALUES (:obligation_id, :submitted_on, :ref, :note,"
        " :state, :replaces_id, :reason, :recorded_at, :recorded_by)",
        submissions,
    )
    writer.many("UPDATE obligation SET submitted_on = :day WHERE id = :row_id", updates)
    writer.many(
        "INSERT INTO audit_log (at, os_user, command, action, plan, task, agency, detail)"
        " VALUES (:at, :os_user, :command, :action, :plan, :task, :agency, :detail)",
        logs,
    )
