"""Recording what creates, dates or ends obligations: ad-hoc requests and events."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from bmnn_cli.cli.app import app, writing
from bmnn_cli.cli.common import AsOfOpt, DbOpt, PlanOpt, parse_day, today
from bmnn_cli.cli.recording import DateOpt, TaskOpt
from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t

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
    from bmnn_cli.store import requests

    day_of = as_of or today()
    day = date or day_of
    with writing(ctx, db) as writer:
        done = requests.record_request(
            writer, task=task, kind=kind, day=day, due=due, days=days, agencies=agencies,
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
