"""Recording what arrives: submissions, corrections, waivers, requests, events.

Nothing is overwritten: an amendment supersedes the earlier submission and a
retraction marks it, both kept with the reason; the obligation row carries
the outcome in force so that listings stay one scan.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import NoReturn

from sqlmodel import Session, col, select

from bmnn_cli.columns import period_label
from bmnn_cli.domain.deadlines import due_after_event, rolled
from bmnn_cli.domain.schedule import Part
from bmnn_cli.errors import BmnnError, NotFound, Refused, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store import audit, upkeep
from bmnn_cli.store import obligations as obl_store
from bmnn_cli.store.lookup import agency_ids, find_task
from bmnn_cli.store.models import (
    Agency,
    Obligation,
    Plan,
    Province,
    Request,
    Submission,
    Task,
    Waiver,
    key,
)
from bmnn_cli.text import clean, fold


@dataclass(frozen=True)
class Outcome:
    """What a recording command did, for the message the CLI prints."""

    message: str  # catalogue key
    agency: str
    task: str
    period: str
    date: dt.date | None = None
    status: str = ""
    old: dt.date | None = None
    changed: bool = True
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Change:
    """One field an amendment changed: "date", "ref" or "note", before and after."""

    field: str
    old: str | dt.date
    new: str | dt.date


@dataclass(frozen=True)
class Requested:
    """What `record_request` did: the request in force and the obligations it made."""

    task: str
    period: str  # "request-N", the period key of its obligations
    date: dt.date
    due: dt.date  # as the request sets it or as counted from the event
    count: int  # new obligations
    ref: str = ""
    changed: bool = True
    effective: dt.date | None = None  # the due date in force (None: `due`)
    kind: str = "after_event"  # the task's part the event concerns
    days: int | None = None  # before_event: days counted back from the event


def _target(
    session: Session, task_text: str, agency_text: str, plan: str | None
) -> tuple[Task, Plan, Agency]:
    task = find_task(session, task_text, plan=plan)
    plan_row = session.get(Plan, task.plan_id)
    assert plan_row is not None
    ids = agency_ids(session, agency_text, province_id=plan_row.province_id, groups=False)
    agency = session.get(Agency, ids[0])
    assert agency is not None
    return task, plan_row, agency


class _Finder:
    """`_target` with each task and each agency looked up once (a register names few)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tasks: dict[tuple[str, str | None], tuple[Task, Plan]] = {}
        self.agencies: dict[tuple[str, int], Agency] = {}

    def __call__(self, task: str, agency: str, plan: str | None) -> tuple[Task, Plan, Agency]:
        if (task, plan) not in self.tasks:
            task_row = find_task(self.session, task, plan=plan)
            plan_row = self.session.get(Plan, task_row.plan_id)
            assert plan_row is not None
            self.tasks[(task, plan)] = (task_row, plan_row)
        task_row, plan_row = self.tasks[(task, plan)]
        where = (agency, plan_row.province_id)
        if where not in self.agencies:
            ids = agency_ids(self.session, agency, province_id=plan_row.province_id, groups=False)
            agency_row = self.session.get(Agency, ids[0])
            assert agency_row is not None
            self.agencies[where] = agency_row
        return task_row, plan_row, self.agencies[where]


def _obligations(session: Session, task: Task, agency: Agency) -> list[Obligation]:
    rows = session.exec(
        select(Obligation)
        .where(Obligation.task_id == task.id)
        .where(Obligation.agency_id == agency.id)
        .order_by(col(Obligation.effective_due).is_(None), col(Obligation.effective_due))
    ).all()
    if not rows:
        raise NotFound(
            t("err.store.not_answerable", agency=agency.name, code=agency.code, task=task.code),
            value=agency.code,
        )
    return list(rows)


def _pick(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    if period is None:
        raise AssertionError
    for row in rows:
        if row.period == period.strip():
            return row
    wanted = fold(period)
    for row in rows:
        if fold(period_label(row.period)) == wanted:
            return row
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=_labels(rows)),
        value=period,
    )


def _labels(rows: list[Obligation]) -> str:
    """The periods of `rows` as people read them ("2026, yêu cầu số 1")."""
    return ", ".join(period_label(r.period) for r in rows)


def _day(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


def _check_date(
    day: dt.date, as_of: dt.date, plan: Plan, obligation: Obligation | None = None
) -> None:
    if day > as_of:
        raise UsageError(t("err.store.date_after_as_of", day=day, as_of=as_of))
    earliest = plan.issued or dt.date(plan.year - 1, 1, 1)
    if obligation and obligation.starts_on:
        earliest = max(earliest, obligation.starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )


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


@dataclass
class _Owed:
    """An obligation as a submission sees it (plain values, no ORM object per row)."""

    id: int
    period: str
    year: int
    starts_on: dt.date | None
    effective_due: dt.date | None
    submitted_on: dt.date | None
    waived_on: dt.date | None


@dataclass(frozen=True)
class _Recorded:
    """An active submission: its date, its folded number/symbol and the period it answers."""

    day: dt.date
    ref: str
    period: str


def submit(
    session: Session,
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
    """Record that `agency` sent what `task` asks for on `day`; idempotent."""
    sent = Sent(task, agency, day, ref, note, plan, period)
    try:
        return submit_many(session, [sent], as_of=as_of)[0]
    except SubmitFailed as failed:
        raise failed.error from None


def submit_many(session: Session, items: list[Sent], *, as_of: dt.date) -> list[Outcome]:
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
    upkeep.ensure_through(session, max(item.day.year for item in items))
    find = _Finder(session)
    chosen: list[tuple[Task, Plan, Agency]] = []
    for index, item in enumerate(items):
        try:
            chosen.append(find(item.task, item.agency, item.plan))
            _check_date(item.day, as_of, chosen[-1][1])
        except BmnnError as error:
            raise SubmitFailed(error, index) from None
    owed, sent = _load(session, {(key(t), key(a)) for t, _p, a in chosen})
    submissions: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    logs: list[dict[str, object]] = []
    stamp, user, command = audit.now(), audit.os_user(), audit.command_line()
    outcomes: dict[int, Outcome] = {}
    for index in sorted(range(len(items)), key=lambda i: items[i].day):  # earliest sent first
        item, (task_row, plan_row, agency_row) = items[index], chosen[index]
        pair = (key(task_row), key(agency_row))
        try:
            if pair not in owed:
                raise NotFound(
                    t("err.store.not_answerable", agency=agency_row.name, code=agency_row.code,
                      task=task_row.code),
                    value=agency_row.code,
                )  # fmt: skip
            outcome, obligation = _answer(owed[pair], sent.setdefault(pair, []), item,
                                          task_row, agency_row, plan_row, as_of)  # fmt: skip
        except BmnnError as error:
            raise SubmitFailed(error, index) from None
        outcomes[index] = outcome
        if obligation is None:
            continue
        obligation.submitted_on = item.day
        sent[pair].append(_Recorded(item.day, fold(item.ref), obligation.period))
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
    _write(session, submissions, updates, logs)
    return [outcomes[i] for i in range(len(items))]


class SubmitFailed(BmnnError):
    """Item `index` of a batch of submissions was refused; `error` says why."""

    def __init__(self, error: BmnnError, index: int) -> None:
        super().__init__(error.message)
        self.error, self.index = error, index
        self.exit_code = error.exit_code


def _load(
    session: Session, pairs: set[tuple[int, int]]
) -> tuple[dict[tuple[int, int], list[_Owed]], dict[tuple[int, int], list[_Recorded]]]:
    """The obligations and active submissions of these (task, agency) pairs, in few queries."""
    from bmnn_cli.store.reader import as_date, reader_of

    reader = reader_of(session)
    owed: dict[tuple[int, int], list[_Owed]] = {}
    sent: dict[tuple[int, int], list[_Recorded]] = {}
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
                    _Owed(obligation_id, period, year, as_date(starts), as_date(due),
                          as_date(submitted), as_date(waived))
                )  # fmt: skip
        rows = reader.rows(
            "SELECT o.task_id, o.agency_id, s.submitted_on, s.ref, o.period FROM submission s"
            f" JOIN obligation o ON o.id = s.obligation_id WHERE s.state = 'active' AND {where}",
            params,
        )
        for task, agency, day, ref, period in rows:
            if (task, agency) in pairs:
                recorded = _Recorded(as_date(day) or dt.date.min, fold(ref or ""), period)
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
    owed: list[_Owed],
    sent: list[_Recorded],
    item: Sent,
    task: Task,
    agency: Agency,
    plan: Plan,
    as_of: dt.date,
) -> tuple[Outcome, _Owed | None]:
    """What one submission does: the outcome, and the obligation it answers (None: nothing)."""
    outcome = {"agency": agency.name, "task": task.code, "date": item.day}
    ref = fold(item.ref)
    same = next((s for s in sent if s.day == item.day and s.ref == ref), None)
    if same is not None:
        return Outcome("msg.already_submitted", period=same.period, changed=False, **outcome), None  # type: ignore[arg-type]
    if item.period is not None:
        obligation = _pick_owed(owed, item.period, task)
        if obligation.submitted_on is not None:
            raise Refused(
                t("err.store.already_submitted", agency=agency.name, task=task.code,
                  period=period_label(obligation.period), day=obligation.submitted_on)
            )  # fmt: skip
    else:
        obligation = _earliest_open(owed, item.day) or _refuse_none_open(
            owed, item.day, task, agency
        )
    _check_start(item.day, plan, obligation.starts_on)
    on_time = obligation.effective_due is None or item.day <= obligation.effective_due
    status = "status.done_on_time" if on_time else "status.done_late"
    return Outcome("msg.submitted", period=obligation.period, status=status, **outcome), obligation  # type: ignore[arg-type]


def _begun(period: str, year: int, day: dt.date) -> bool:
    """Whether a period can be answered on `day`: a yearly, quarterly or monthly one
    from its year on; a one-off or requested one at any time (its start says when)."""
    return not period[:4].isdigit() or year <= day.year


def _earliest_open(owed: list[_Owed], day: dt.date) -> _Owed | None:
    """The earliest open period with a due date that had begun by `day`."""
    return next(
        (
            o
            for o in owed
            if o.effective_due is not None
            and o.submitted_on is None
            and o.waived_on is None
            and (o.starts_on or day) <= day
            and _begun(o.period, o.year, day)
        ),
        None,
    )


def _refuse_none_open(owed: list[_Owed], day: dt.date, task: Task, agency: Agency) -> NoReturn:
    """Nothing dated is open: name the undated duties (for --period), or what was done."""
    undated = [
        o
        for o in owed
        if o.effective_due is None and o.submitted_on is None and o.waived_on is None
    ]
    if undated:
        periods = ", ".join(repr(period_label(o.period)) for o in undated)
        raise Refused(
            t("err.store.submit_only_undated", agency=agency.name, task=task.code, periods=periods)
        )
    done = ", ".join(
        f"{period_label(o.period)}: {_day(o.submitted_on or o.waived_on)}"
        for o in owed
        if o.submitted_on or o.waived_on
    )
    raise Refused(t("err.store.nothing_open_done", agency=agency.name, task=task.code, done=done))


def _pick_owed(owed: list[_Owed], period: str, task: Task) -> _Owed:
    """The obligation of `period`: its key ("once", "request-3") or its label ("một lần")."""
    for row in owed:
        if row.period == period.strip():
            return row
    wanted = fold(period)
    for row in owed:
        if fold(period_label(row.period)) == wanted:
            return row
    labels = ", ".join(period_label(r.period) for r in owed)
    raise NotFound(
        t("err.store.no_such_period", task=task.code, period=period, periods=labels), value=period
    )


def _check_start(day: dt.date, plan: Plan, starts_on: dt.date | None) -> None:
    earliest = plan.issued or dt.date(plan.year - 1, 1, 1)
    if starts_on:
        earliest = max(earliest, starts_on)
    if day < earliest:
        raise UsageError(
            t("err.store.date_before_start", day=day, earliest=earliest, plan=plan.code)
        )


def _write(
    session: Session,
    submissions: list[dict[str, object]],
    updates: list[dict[str, object]],
    logs: list[dict[str, object]],
) -> None:
    """Insert the submissions and their audit entries and mark their obligations, in bulk."""
    from sqlalchemy import bindparam, insert, update

    from bmnn_cli.store.models import AuditLog

    if not submissions:
        return
    session.flush()
    # Core statements on the tables: the ORM's bulk path costs more than the rows
    session.execute(insert(Submission.__table__), submissions)  # type: ignore[attr-defined]
    table = Obligation.__table__  # type: ignore[attr-defined]
    session.execute(
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values(submitted_on=bindparam("day")),
        updates,
    )
    session.execute(insert(AuditLog.__table__), logs)  # type: ignore[attr-defined]
    session.expire_all()  # ORM objects loaded earlier see the new values


def _open_for(
    rows: list[Obligation], day: dt.date, *, dated_only: bool = False
) -> Obligation | None:
    """The obligation a waiver given on `day` most likely concerns.

    The oldest open dated one that had started by then; else (unless
    `dated_only`) an ongoing one.
    """
    open_rows = _open_rows(rows, day)
    dated = [r for r in open_rows if r.effective_due is not None and r.year <= day.year]
    candidates = dated or ([] if dated_only else [r for r in open_rows if r.effective_due is None])
    return candidates[0] if candidates else None


def _open_rows(rows: list[Obligation], day: dt.date) -> list[Obligation]:
    return [
        r
        for r in rows
        if r.submitted_on is None and r.waived_on is None and (r.starts_on or day) <= day
    ]


def _active_submission(session: Session, obligation: Obligation) -> Submission:
    row = session.exec(
        select(Submission)
        .where(Submission.obligation_id == obligation.id)
        .where(Submission.state == "active")
    ).first()
    if row is None:
        raise NotFound(
            t("err.store.no_submission_for_period", period=period_label(obligation.period)),
            value=obligation.period,
        )
    return row


def _latest_done(rows: list[Obligation], period: str | None, task: Task) -> Obligation:
    if period is not None:
        return _pick(rows, period, task)
    done = [r for r in rows if r.submitted_on is not None]
    if not done:
        raise NotFound(t("err.store.no_submission_for_task", task=task.code), value=task.code)
    return max(done, key=lambda r: r.submitted_on or dt.date.min)


def amend(
    session: Session,
    *,
    task: str,
    agency: str,
    as_of: dt.date,
    reason: str,
    day: dt.date | None = None,
    plan: str | None = None,
    period: str | None = None,
    ref: str | None = None,
    note: str | None = None,
) -> Outcome:
    """Correct a submission: the old one is kept as superseded, with the reason.

    Only what is given changes (date, ref, note); the rest is carried over.
    Giving only what is already recorded changes nothing.
    """
    if day is None and ref is None and note is None:
        raise UsageError(t("err.store.amend_nothing"))
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    obligation = _latest_done(_obligations(session, task_row, agency_row), period, task_row)
    if day is not None:
        _check_date(day, as_of, plan_row, obligation)
    old = _active_submission(session, obligation)
    new = Submission(
        obligation_id=key(obligation),
        submitted_on=old.submitted_on if day is None else day,
        ref=old.ref if ref is None else ref,
        note=old.note if note is None else note,
        replaces_id=old.id,
        reason=reason,
        recorded_at=audit.now(),
        recorded_by=audit.os_user(),
    )
    changes = tuple(
        Change(field, getattr(old, name), getattr(new, name))
        for field, name in (("date", "submitted_on"), ("ref", "ref"), ("note", "note"))
        if getattr(old, name) != getattr(new, name)
    )
    outcome = Outcome(
        "msg.amended_fields" if changes else "msg.amend_unchanged",
        agency_row.name,
        task_row.code,
        obligation.period,
        date=new.submitted_on,
        old=old.submitted_on,
        changed=bool(changes),
        changes=changes,
    )
    if not changes:
        return outcome
    old.state = "superseded"
    session.add(old)
    session.flush()
    session.add(new)
    obligation.submitted_on = new.submitted_on
    session.add(obligation)
    what = "; ".join(f"{c.field} {c.old or '-'} -> {c.new or '-'}" for c in changes)
    audit.record(
        session, "amend", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {what}; {reason}",
    )  # fmt: skip
    return outcome


def retract(
    session: Session,
    *,
    task: str,
    agency: str,
    reason: str,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Withdraw a submission recorded in error; it stays in the history."""
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    obligation = _latest_done(_obligations(session, task_row, agency_row), period, task_row)
    old = _active_submission(session, obligation)
    audit.record(
        session, "retract", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {old.submitted_on}; {reason}",
    )  # fmt: skip
    old.state = "retracted"
    old.reason = reason
    session.add(old)
    obligation.submitted_on = None
    session.add(obligation)
    return Outcome(
        "msg.retracted", agency_row.name, task_row.code, obligation.period, date=old.submitted_on
    )


def waive(
    session: Session,
    *,
    task: str,
    agency: str,
    reason: str,
    as_of: dt.date,
    plan: str | None = None,
    period: str | None = None,
) -> Outcome:
    """Excuse an agency from one period of a task, with a reason; idempotent.

    Without --period: the oldest open dated period, never a duty without a
    due date (that one only when --period names it). The same waiver given
    again (same reason, same day) is recognised and changes nothing.
    """
    if not reason.strip():
        raise UsageError(t("err.store.waiver_needs_reason"))
    task_row, plan_row, agency_row = _target(session, task, agency, plan)
    upkeep.ensure_through(session, as_of.year)
    rows = _obligations(session, task_row, agency_row)
    if period is None:
        latest = _latest_waiver(session, rows)
        if latest is not None and (
            latest[0].waived_on == as_of and clean(latest[0].reason) == clean(reason)
        ):
            return _already_waived(latest[0], latest[1], task_row, agency_row)
        obligation = _open_for(rows, as_of, dated_only=True)
        if obligation is None:
            _refuse_nothing_dated(rows, as_of, task_row, agency_row)
    else:
        obligation = _pick(rows, period, task_row)
    if obligation.waived_on is not None:
        waiver = _active_waiver(session, obligation)
        return _already_waived(waiver, obligation, task_row, agency_row)
    if obligation.submitted_on is not None:  # a waiver would hide what was sent
        raise Refused(
            t(
                "err.store.waive_submitted",
                agency=agency_row.name,
                task=task_row.code,
                period=period_label(obligation.period),
                day=obligation.submitted_on,
            )
        )
    session.add(
        Waiver(
            obligation_id=key(obligation),
            waived_on=as_of,
            reason=reason,
            recorded_at=audit.now(),
            recorded_by=audit.os_user(),
        )
    )
    obligation.waived_on = as_of
    session.add(obligation)
    audit.record(
        session, "waive", plan=plan_row.code, task=task_row.code, agency=agency_row.code,
        detail=f"{obligation.period}: {reason}",
    )  # fmt: skip
    return Outcome("msg.waived", agency_row.name, task_row.code, obligation.period, status=reason)


def _latest_waiver(session: Session, rows: list[Obligation]) -> tuple[Waiver, Obligation] | None:
    """The agency's latest active waiver for the task, with its obligation."""
    by_id = {r.id: r for r in rows}
    waiver = session.exec(
        select(Waiver)
        .where(col(Waiver.obligation_id).in_(list(by_id)))
        .where(Waiver.state == "active")
        .order_by(col(Waiver.waived_on).desc(), col(Waiver.id).desc())
    ).first()
    return None if waiver is None else (waiver, by_id[waiver.obligation_id])


def _active_waiver(session: Session, obligation: Obligation) -> Waiver | None:
    return session.exec(
        select(Waiver)
        .where(Waiver.obligation_id == obligation.id)
        .where(Waiver.state == "active")
        .order_by(col(Waiver.id).desc())
    ).first()


def _already_waived(
    waiver: Waiver | None, obligation: Obligation, task: Task, agency: Agency
) -> Outcome:
    return Outcome(
        "msg.already_waived", agency.name, task.code, obligation.period,
        date=waiver.waived_on if waiver else obligation.waived_on,
        status=waiver.reason if waiver else "–", changed=False,
    )  # fmt: skip


def _refuse_nothing_dated(
    rows: list[Obligation], day: dt.date, task: Task, agency: Agency
) -> NoReturn:
    """Nothing dated is open: name the duties without a due date, if any, for --period."""
    undated = [r for r in _open_rows(rows, day) if r.effective_due is None]
    if not undated:
        raise Refused(t("err.store.nothing_open", agency=agency.name, task=task.code))
    raise Refused(
        t(
            "err.store.only_undated_open",
            agency=agency.name,
            task=task.code,
            periods=", ".join(repr(period_label(r.period)) for r in undated),
        )
    )


_KINDS = {"request": ("on_request",), "event": ("after_event", "before_event", "until_event")}


def _part(task: Task, kind: str) -> Part:
    """The part a request or an event concerns: "sau khi …", "N ngày trước …", "đến khi …"."""
    for part in obl_store.task_parts(task):
        if part.kind in _KINDS[kind]:
            return part
    keys = {"request": "err.store.no_request_schedule", "event": "err.store.no_event_schedule"}
    raise Refused(t(keys[kind], task=task.code, deadline=task.deadline))


def record_request(
    session: Session,
    *,
    task: str,
    kind: str,
    day: dt.date,
    due: dt.date | None,
    days: int | None,
    agencies: list[str],
    as_of: dt.date,
    plan: str | None = None,
    ref: str = "",
    note: str = "",
) -> Requested:
    """An ad-hoc request or the event that starts a task: new obligations.

    A document already recorded for the task (same --ref) is not recorded twice.
    """
    if due is not None and days is not None:
        raise UsageError(t("err.store.due_and_days"))
    task_row = find_task(session, task, plan=plan)
    plan_row = session.get(Plan, task_row.plan_id)
    province = session.get(Province, plan_row.province_id if plan_row else None)
    assert plan_row is not None and province is not None
    part = _part(task_row, kind)
    same = _same_ref(session, task_row, ref)
    rules, calendar = obl_store.rules_of(plan_row), obl_store.calendar_of(province)
    if same is not None:
        return Requested(
            task_row.code, f"request-{same.id}", same.happened_on, same.due, 0, same.ref,
            changed=False, effective=rolled(same.due, rules=rules, calendar=calendar),
        )  # fmt: skip
    # an event counted back from ("95 ngày trước bầu cử") is dated before it happens
    _check_date(day, max(day, as_of) if part.kind == "before_event" else as_of, plan_row)
    if part.kind in ("before_event", "until_event") and (due, days) != (None, None):
        raise UsageError(
            t("err.event.no_due_or_days", task=task_row.code, deadline=task_row.deadline)
        )
    _check_bounded(task_row, part, day)
    due = (
        day
        if part.kind == "until_event"
        else _request_due(day, due, days or part.days, part, province)
    )
    if due < day and part.kind != "before_event":
        raise UsageError(t("err.store.due_before_request", due=due, day=day))
    ids = sorted(
        {i for text in agencies for i in agency_ids(session, text, province_id=province.id)}
    )
    _check_answerable(session, task_row, plan_row, ids)
    request = Request(
        task_id=key(task_row),
        kind=kind,
        happened_on=day,
        due=due,
        agencies=json.dumps([_code(session, i) for i in ids]),
        ref=ref,
        note=note,
        recorded_at=audit.now(),
    )
    session.add(request)
    session.flush()
    ended = _end_duty(session, task_row, request) if part.kind == "until_event" else 0
    audit.record(
        session, kind, plan=plan_row.code, task=task_row.code,
        detail=f"{day.isoformat()} due {due.isoformat()} {ref}".rstrip()
        + (f"; {ended} ended" if part.kind == "until_event" else ""),
    )  # fmt: skip
    before = _count(session, task_row)
    obl_store.sync_obligations(session, plan_row, through=max(plan_row.through_year, due.year))
    count = ended or _count(session, task_row) - before
    effective = rolled(due, rules=rules, calendar=calendar)
    return Requested(
        task_row.code, f"request-{key(request)}", day, due, count, ref, effective=effective,
        kind=part.kind, days=part.days if part.kind == "before_event" else None,
    )  # fmt: skip


def _check_bounded(task: Task, part: Part, day: dt.date) -> None:
    """An event ending a duty falls on or after its start; one the plan dates is not re-dated."""
    if part.kind == "until_event" and part.begins and day < part.begins:
        raise UsageError(t("err.event.before_duty", task=task.code, day=day, begins=part.begins))
    if part.kind == "before_event" and part.event_date is not None:
        raise Refused(t("err.event.dated_by_plan", task=task.code, event_date=part.event_date))


def _end_duty(session: Session, task: Task, request: Request) -> int:
    """The event ends the task's open continuous obligations on its day ("đến khi …").

    Each is closed as not applicable from then on (a waiver whose reason says so,
    stamped like the event so that `cancel` takes both back): never overdue or late.
    """
    rows = session.exec(
        select(Obligation)
        .where(Obligation.task_id == task.id)
        .where(col(Obligation.effective_due).is_(None))
        .where(col(Obligation.waived_on).is_(None))
        .where(col(Obligation.submitted_on).is_(None))
    ).all()
    reason = t("msg.event.ended_reason", date=f"{request.happened_on:%d/%m/%Y}", ref=request.ref)
    for row in rows:
        session.add(
            Waiver(
                obligation_id=key(row), waived_on=request.happened_on, reason=reason.strip(),
                recorded_at=request.recorded_at, recorded_by=audit.os_user(),
            )
        )  # fmt: skip
        row.waived_on = request.happened_on
        session.add(row)
    return len(rows)


def _same_ref(session: Session, task: Task, ref: str) -> Request | None:
    """The request or event already recorded for `task` under the number/symbol `ref`."""
    wanted = fold(ref)
    if not wanted:
        return None
    requests = session.exec(
        select(Request).where(Request.task_id == task.id).order_by(col(Request.id))
    ).all()
    return next((r for r in requests if fold(r.ref) == wanted), None)


def _request_due(
    day: dt.date, due: dt.date | None, days: int | None, part: Part, province: Province
) -> dt.date:
    if due is not None:
        return due
    if days is None:
        raise UsageError(t("err.store.due_or_days"))
    if part.kind == "before_event":  # N days before the event, counted back from its day
        return day - dt.timedelta(days=days)
    calendar = obl_store.calendar_of(province)
    return due_after_event(day, days, working_days=part.working_days, calendar=calendar)


def _check_answerable(session: Session, task: Task, plan: Plan, ids: list[int]) -> None:
    answerable = set(
        session.exec(
            select(Obligation.agency_id).where(Obligation.task_id == task.id).distinct()
        ).all()
    )
    for agency_id in ids:
        if agency_id not in answerable:
            raise NotFound(
                t("err.store.code_not_answerable", code=_code(session, agency_id), task=task.code),
                value=str(agency_id),
            )


def _code(session: Session, agency_id: int) -> str:
    agency = session.get(Agency, agency_id)
    return agency.code if agency else str(agency_id)


def _count(session: Session, task: Task) -> int:
    return len(session.exec(select(Obligation.id).where(Obligation.task_id == task.id)).all())
