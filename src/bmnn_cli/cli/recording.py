"""Recording what arrives: submissions, their amendments and retractions, waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from bmnn_cli.cli.app import app, writing
from bmnn_cli.cli.common import (
    AsOfOpt,
    DbOpt,
    PlanOpt,
    complete_agency,
    complete_task,
    need_reason,
    parse_day,
    today,
)
from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t

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
    from bmnn_cli.store import submissions

    day_of = as_of or today()
    if from_csv is not None:
        if task or agency:
            raise typer.BadParameter(t("err.cli.csv_or_task"))
        _submit_csv(ctx, db, from_csv, plan, day_of)
        return
    if not task or not agency:
        raise typer.BadParameter(t("err.cli.task_agency_required"))
    day = date or day_of
    with writing(ctx, db, year=day.year) as writer:
        outcome = submissions.submit(
            writer, task=task, agency=agency, day=day, as_of=day_of, plan=plan,
            period=period, ref=ref, note=note,
        )  # fmt: skip
    _say(outcome)


def _submit_csv(
    ctx: typer.Context, db: str | None, path: Path, plan: str | None, as_of: dt.date
) -> None:
    from bmnn_cli.domain.register import read_register
    from bmnn_cli.errors import InputError
    from bmnn_cli.store import submissions

    rows = read_register(path)
    items = [
        submissions.Sent(r.task, r.agency, r.date, r.ref, r.note, r.plan or plan, r.period)
        for r in rows
    ]
    latest = max((item.day.year for item in items), default=0)
    with writing(ctx, db, year=latest) as writer:
        try:
            outcomes = submissions.submit_many(writer, items, as_of=as_of)
        except submissions.SubmitFailed as failed:
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
    from bmnn_cli.store import corrections

    need_reason(reason)
    day_of = as_of or today()
    with writing(ctx, db) as writer:
        outcome = corrections.amend(
            writer, task=task, agency=agency, day=date, as_of=day_of, reason=reason,
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
    from bmnn_cli.store import corrections

    need_reason(reason)
    with writing(ctx, db) as writer:
        outcome = corrections.retract(
            writer, task=task, agency=agency, reason=reason, plan=plan, period=period
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
    from bmnn_cli.store import waivers

    need_reason(reason)
    day_of = as_of or today()
    with writing(ctx, db, year=day_of.year) as writer:
        outcome = waivers.waive(
            writer,
            task=task,
            agency=agency,
            reason=reason,
            as_of=day_of,
            plan=plan,
            period=period,
        )
    _say(outcome)
