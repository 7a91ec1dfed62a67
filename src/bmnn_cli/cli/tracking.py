"""Commands about obligations: recording what arrives and asking who is late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from bmnn_cli.cli.app import app, open_db, reading
from bmnn_cli.cli.common import (
    AgencyOpt,
    AsOfOpt,
    DbOpt,
    FormatOpt,
    GroupOpt,
    Headers,
    HeadersOpt,
    OutputOpt,
    PlanOpt,
    WideOpt,
    complete_agency,
    complete_task,
    emit,
    parse_day,
    parse_days,
    parse_quarter,
    today,
)
from bmnn_cli.columns import (
    BY_KEYS,
    DUE_COLUMNS,
    OBLIGATION_KEYS,
    OVERDUE_COLUMNS,
    STATUS_COLUMNS,
    STATUS_KEYS,
    by_columns,
    grouped,
    iter_obligation_rows,
    obligation_rows,
    period_label,
    status_rows,
)
from bmnn_cli.errors import ExitCode
from bmnn_cli.i18n import t
from bmnn_cli.render import Format, Listing, render

LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="help.opt.limit")]


class By(StrEnum):
    agency = "agency"
    task = "task"


ByOpt = Annotated[By | None, typer.Option("--by", help="help.opt.by")]

TaskOpt = Annotated[
    str,
    typer.Option(
        "--task",
        "-t",
        help="help.opt.task",
        autocompletion=complete_task,
    ),
]
AgencyReq = Annotated[
    str,
    typer.Option(
        "--agency",
        "-a",
        help="help.opt.agency_req",
        autocompletion=complete_agency,
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="help.opt.period",
    ),
]
DateOpt = Annotated[
    dt.date | None,
    typer.Option(
        "--date",
        "-d",
        parser=parse_day,
        metavar="help.meta.date",
        help="help.opt.date",
    ),
]

AmendDateOpt = Annotated[
    dt.date | None,
    typer.Option(
        "--date",
        "-d",
        parser=parse_day,
        metavar="help.meta.date",
        help="help.opt.amend_date",
    ),
]


# -- recording -------------------------------------------------------------------


def _say(outcome: Any) -> None:
    date = outcome.date.strftime("%d/%m/%Y") if outcome.date else ""
    old = outcome.old.strftime("%d/%m/%Y") if outcome.old else ""
    typer.echo(
        t(
            outcome.message,
            agency=outcome.agency,
            task=outcome.task,
            period=period_label(outcome.period),
            date=date,
            status=t(outcome.status) if outcome.status.startswith("status.") else outcome.status,
            old=old,
            new=date,
            reason=outcome.status,
            changes="; ".join(map(_change_text, outcome.changes)),
        )
    )


def _change_text(change: Any) -> str:
    """One field an amendment changed: "ngày gửi 20/02/2026 → 02/03/2026"."""

    def shown(value: str | dt.date) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        return value or t("amend.blank")

    return t(f"amend.{change.field}", old=shown(change.old), new=shown(change.new))


@app.command(help="help.submit")
def submit(
    ctx: typer.Context,
    task: Annotated[
        str | None,
        typer.Option("--task", "-t", help="help.submit.task", autocompletion=complete_task),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", "-a", help="help.submit.agency", autocompletion=complete_agency),
    ] = None,
    date: DateOpt = None,
    ref: Annotated[str, typer.Option("--ref", help="help.submit.ref")] = "",
    note: Annotated[str, typer.Option("--note", help="help.submit.note")] = "",
    period: PeriodOpt = None,
    from_csv: Annotated[
        Path | None,
        typer.Option("--from-csv", help="help.submit.from_csv"),
    ] = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
) -> None:
    """Record that an agency sent its plan or report (gửi về Công an tỉnh)."""
    from bmnn_cli.store import tracking

    day_of = as_of or today()
    if from_csv is not None:
        if task or agency:
            raise typer.BadParameter(t("err.cli.csv_or_task"))
        _submit_csv(ctx, db, from_csv, plan, day_of)
        return
    if not task or not agency:
        raise typer.BadParameter(t("err.cli.task_agency_required"))
    store = open_db(ctx, db)
    with store.write() as session:
        outcome = tracking.submit(
            session, task=task, agency=agency, day=date or day_of, as_of=day_of, plan=plan,
            period=period, ref=ref, note=note,
        )  # fmt: skip
    _say(outcome)


def _submit_csv(
    ctx: typer.Context, db: str | None, path: Path, plan: str | None, as_of: dt.date
) -> None:
    from bmnn_cli.domain.register import read_register
    from bmnn_cli.errors import InputError
    from bmnn_cli.store import tracking

    rows = read_register(path)
    store = open_db(ctx, db)
    items = [
        tracking.Sent(r.task, r.agency, r.date, r.ref, r.note, r.plan or plan, r.period)
        for r in rows
    ]
    with store.write() as session:
        try:
            outcomes = tracking.submit_many(session, items, as_of=as_of)
        except tracking.SubmitFailed as failed:
            line = rows[failed.index].line
            raise InputError(failed.message, path=str(path), line=line) from None
    new = sum(outcome.changed for outcome in outcomes)
    typer.echo(t("msg.csv_imported", count=len(rows), path=path, new=new, dup=len(rows) - new))


@app.command(help="help.amend")
def amend(
    ctx: typer.Context,
    task: TaskOpt,
    agency: AgencyReq,
    date: AmendDateOpt = None,
    reason: Annotated[str, typer.Option("--reason", help="help.amend.reason")] = "",
    ref: Annotated[str | None, typer.Option("--ref", help="help.amend.ref")] = None,
    note: Annotated[str | None, typer.Option("--note", help="help.amend.note")] = None,
    period: PeriodOpt = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
) -> None:
    """Correct a recorded submission; the earlier record is kept, marked superseded."""
    from bmnn_cli.store import tracking

    if not reason.strip():
        raise typer.BadParameter(t("err.cli.reason_required"), param_hint="--reason")
    day_of = as_of or today()
    store = open_db(ctx, db)
    with store.write() as session:
        outcome = tracking.amend(
            session, task=task, agency=agency, day=date, as_of=day_of, reason=reason,
            plan=plan, period=period, ref=ref, note=note,
        )  # fmt: skip
    _say(outcome)


@app.command(help="help.retract")
def retract(
    ctx: typer.Context,
    task: TaskOpt,
    agency: AgencyReq,
    reason: Annotated[str, typer.Option("--reason", help="help.retract.reason")] = "",
    period: PeriodOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Withdraw a submission recorded in error; it stays in the history."""
    from bmnn_cli.store import tracking

    if not reason.strip():
        raise typer.BadParameter(t("err.cli.reason_required"), param_hint="--reason")
    store = open_db(ctx, db)
    with store.write() as session:
        outcome = tracking.retract(
            session, task=task, agency=agency, reason=reason, plan=plan, period=period
        )
    _say(outcome)


@app.command(help="help.waive")
def waive(
    ctx: typer.Context,
    task: TaskOpt,
    agency: AgencyReq,
    reason: Annotated[str, typer.Option("--reason", help="help.waive.reason")] = "",
    period: PeriodOpt = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
) -> None:
    """Excuse an agency from one period of a task (miễn / không áp dụng)."""
    from bmnn_cli.store import tracking

    if not reason.strip():
        raise typer.BadParameter(t("err.cli.reason_required"), param_hint="--reason")
    store = open_db(ctx, db)
    with store.write() as session:
        outcome = tracking.waive(
            session,
            task=task,
            agency=agency,
            reason=reason,
            as_of=as_of or today(),
            plan=plan,
            period=period,
        )
    _say(outcome)


AgenciesOpt = Annotated[
    list[str] | None,
    typer.Option("--agency", "-a", help="help.opt.agencies"),
]


@app.command(help="help.request")
def request(
    ctx: typer.Context,
    task: TaskOpt,
    due: Annotated[
        dt.date | None,
        typer.Option("--due", parser=parse_day, metavar="help.meta.date", help="help.request.due"),
    ] = None,
    days: Annotated[int | None, typer.Option("--days", min=1, help="help.request.days")] = None,
    date: DateOpt = None,
    agency: AgenciesOpt = None,
    ref: Annotated[str, typer.Option("--ref", help="help.request.ref")] = "",
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
) -> None:
    """Record an ad-hoc request (báo cáo đột xuất); it creates obligations."""
    _record(ctx, db, "request", task, date, due, days, agency or [], ref, plan, as_of)


@app.command(help="help.event")
def event(
    ctx: typer.Context,
    task: TaskOpt,
    date: DateOpt = None,
    days: Annotated[int | None, typer.Option("--days", min=1, help="help.event.days")] = None,
    due: Annotated[
        dt.date | None,
        typer.Option("--due", parser=parse_day, metavar="help.meta.date", help="help.event.due"),
    ] = None,
    agency: AgenciesOpt = None,
    ref: Annotated[str, typer.Option("--ref", help="help.event.ref")] = "",
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
) -> None:
    """Record the event that starts, dates or ends a task's duty."""
    _record(ctx, db, "event", task, date, due, days, agency or [], ref, plan, as_of)


def _record(
    ctx: typer.Context,
    db: str | None,
    kind: str,
    task: str,
    date: dt.date | None,
    due: dt.date | None,
    days: int | None,
    agencies: list[str],
    ref: str,
    plan: str | None,
    as_of: dt.date | None,
) -> None:
    from bmnn_cli.store import tracking

    day_of = as_of or today()
    day = date or day_of
    store = open_db(ctx, db)
    with store.write() as session:
        done = tracking.record_request(
            session, task=task, kind=kind, day=day, due=due, days=days, agencies=agencies,
            as_of=day_of, plan=plan, ref=ref,
        )  # fmt: skip
    if not done.changed:
        key = "msg.already_requested"
    elif kind == "request":
        key = "msg.requested"
    else:
        key = _EVENT_SAYS.get(done.kind, "msg.event")
    typer.echo(
        t(
            key,
            task=done.task,
            due=_due_in_force(done.due, done.effective),
            date=f"{done.date:%d/%m/%Y}",
            count=done.count,
            ref=done.ref,
            period=period_label(done.period),
            days=done.days,
        )
    )


_EVENT_SAYS = {"before_event": "msg.event.counted_back", "until_event": "msg.event.ended"}


def _due_in_force(written: dt.date, effective: dt.date | None) -> str:
    """The due date in force, and the date it was moved from, with the reason."""
    from bmnn_cli.domain.deadlines import moved_reason

    shown = f"{effective or written:%d/%m/%Y}"
    if moved_reason(written, effective) == "day_off":
        shown += t("msg.due_moved_day_off", date=f"{written:%d/%m/%Y}")
    return shown


# -- questions -------------------------------------------------------------------


@app.command(help="help.overdue")
def overdue(
    ctx: typer.Context,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    as_of: AsOfOpt = None,
    fail_on_overdue: Annotated[
        bool,
        typer.Option("--fail-on-overdue", help="help.overdue.fail_on_overdue"),
    ] = False,
    limit: LimitOpt = None,
    by: ByOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List unmet obligations past their due date, most days late first (quá hạn)."""
    from bmnn_cli.store import queries
    from bmnn_cli.store.lookup import scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:  # rows are written as they are read
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        machine = fmt.machine and headers is Headers.keys and not by  # values as stored
        found = queries.iter_overdue(reader, chosen, day, as_text=machine)
        rows = Counted(found if machine else iter_obligation_rows(found))
        nothing = t("msg.none_overdue", date=f"{day:%d/%m/%Y}")
        listing, groups = _listing(OVERDUE_COLUMNS, rows, by, limit, "days_late", nothing)
        emit(listing, fmt, path=output, wide=wide, headers=headers)
        _say_limited(rows, limit, groups)
    if fail_on_overdue and rows.count:
        raise typer.Exit(int(ExitCode.OVERDUE))


def _listing(
    columns: list[Any],
    rows: Counted,
    by: By | None,
    limit: int | None,
    days: str,
    nothing: str,
) -> tuple[Listing, int | None]:
    """The obligations as listed, grouped (--by) or the first --limit of them;
    with the number of groups before the limit (None when not grouped)."""
    if by:
        groups = grouped(rows, by, days)
        listing = Listing(by_columns(by, days), groups[:limit], keys=BY_KEYS[by], empty=nothing)
        return listing, len(groups)
    stream = iter(rows) if limit is None else islice(iter(rows), limit)
    return Listing(columns, [], keys=OBLIGATION_KEYS, stream=stream, empty=nothing), None


def _say_limited(rows: Counted, limit: int | None, groups: int | None) -> None:
    """Say on stderr how many rows --limit left out (the rest are read to be counted)."""
    if limit is None:
        return
    if groups is None:
        for _ in rows:
            pass
    total = rows.count if groups is None else groups
    if total > limit:
        typer.echo(t("msg.limited", shown=limit, total=total), err=True)


class Counted:
    """An iterable that remembers how many items went through it."""

    def __init__(self, items: Iterator[dict[str, Any]]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for item in self.items:
            self.count += 1
            yield item


@app.command(help="help.due")
def due(
    ctx: typer.Context,
    within: Annotated[
        str, typer.Option("--within", "-w", help="help.due.within", show_default=True)
    ] = "7d",
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    as_of: AsOfOpt = None,
    limit: LimitOpt = None,
    by: ByOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List open obligations falling due soon (from the as-of day, inclusive)."""
    from bmnn_cli.store import queries
    from bmnn_cli.store.lookup import scope

    try:
        days = parse_days(within)
    except typer.BadParameter as error:
        raise typer.BadParameter(str(error), param_hint="--within") from None
    day = as_of or today()
    with reading(ctx, db, day + dt.timedelta(days=days)) as reader:
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        rows = queries.due_within(reader, chosen, day, days)
    end = day + dt.timedelta(days=days)
    nothing = t("msg.none_due", start=f"{day:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")
    counted = Counted(iter(obligation_rows(rows)))
    listing, groups = _listing(DUE_COLUMNS, counted, by, limit, "days_left", nothing)
    emit(listing, fmt, path=output, wide=wide, headers=headers)
    _say_limited(counted, limit, groups)


@app.command(help="help.status")
def status(
    ctx: typer.Context,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """Per agency: obligations fallen due, done on time, late, overdue, pending."""
    from bmnn_cli.store import queries
    from bmnn_cli.store.lookup import scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:
        rows = queries.status(reader, scope(reader, plan=plan, agency=agency, group=group), day)
    nothing = t("msg.none_owed", date=f"{day:%d/%m/%Y}")
    listing = Listing(STATUS_COLUMNS, status_rows(rows), keys=STATUS_KEYS, empty=nothing)
    emit(listing, fmt, path=output, wide=wide, headers=headers)


@app.command(help="help.report")
def report(
    ctx: typer.Context,
    quarter: Annotated[
        int | None,
        typer.Option(
            "--quarter",
            "-q",
            parser=parse_quarter,
            metavar="help.meta.quarter",
            help="help.report.quarter",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", min=1900, max=2200, help="help.report.year"),
    ] = None,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """Report a quarter (or a year): outcome per agency, totals, worst, overdue."""
    from bmnn_cli import reporting

    if fmt.opened and output is None:
        raise typer.BadParameter(t("err.cli.needs_output", fmt=fmt), param_hint="--output")
    day = as_of or today()
    period = reporting.period(quarter, year or day.year)
    with reading(ctx, db, max(day, period.end)) as reader:
        report = reporting.build(reader, period, day, plan=plan, agency=agency, group=group)
    people = headers is Headers.vi
    render(report.document(opened=fmt.opened), fmt, path=output, wide=wide, people=people)
    if output is not None:
        typer.echo(t("msg.report_written", path=output))
