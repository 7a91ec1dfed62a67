"""What was recorded, and taking it back: submissions, unwaive, cancel."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bmnn_cli.cli.app import app, reading, writing
from bmnn_cli.cli.common import (
    AgencyOpt,
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
    local_time,
    need_reason,
    parse_day,
    today,
)
from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Format, Listing

if TYPE_CHECKING:
    from bmnn_cli.store.history import SubmissionRow

SUBMISSION_COLUMNS = [
    Column("agency", "col.agency"),
    Column("plan", "col.plan", fit="whole", drop=6),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period", drop=3),
    Column("submitted_on", "col.submitted_on", "date"),
    Column("ref", "col.ref", fit="whole"),
    Column("given_text", "col.given", drop=2),
    Column("state_text", "col.state", fit="cut"),
    Column("recorded_by", "col.user", fit="whole", drop=5),
    Column("recorded_text", "col.recorded_at", fit="whole", drop=4),
]
SUBMISSION_KEYS = (
    "id", "agency_id", "agency", "plan", "task", "period", "submitted_on", "ref", "note",
    "given", "state", "reason", "replaces", "replaced_by", "recorded_at", "recorded_by",
)  # fmt: skip


@app.command(help="help.submissions")
def submissions(
    ctx: typer.Context,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    task: Annotated[
        str | None,
        typer.Option(
            "--task",
            "-t",
            help="help.submissions.task",
            autocompletion=complete_task,
        ),
    ] = None,
    since: Annotated[
        dt.date | None,
        typer.Option(
            "--since", parser=parse_day, metavar="help.meta.date", help="help.submissions.since"
        ),
    ] = None,
    until: Annotated[
        dt.date | None,
        typer.Option(
            "--until", parser=parse_day, metavar="help.meta.date", help="help.submissions.until"
        ),
    ] = None,
    ref: Annotated[
        str | None,
        typer.Option("--ref", help="help.submissions.ref"),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List what was recorded: each submission, its reference and what it answered."""
    from bmnn_cli.store import history
    from bmnn_cli.store.lookup import scope

    with reading(ctx, db, today()) as reader:
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        wanted = history.Filter(task=task, since=since, until=until, ref=ref)
        rows = [_shown(row) for row in history.submissions(reader, chosen, wanted)]
    nothing = t("msg.no_submissions")
    emit(
        Listing(SUBMISSION_COLUMNS, rows, keys=SUBMISSION_KEYS, empty=nothing),
        fmt,
        path=output,
        wide=wide,
        headers=headers,
    )


def _shown(row: SubmissionRow) -> dict[str, Any]:
    """The submission with the texts its columns show."""
    if row["state"] == "superseded":
        state = t("state.superseded", reason=row["reason"] or "–")
    elif row["state"] == "retracted":
        state = t("state.retracted", reason=row["reason"] or "–")
    elif row["replaces"] is not None:
        state = t("state.amended", reason=row["reason"] or "–")
    else:
        state = t("state.active")
    return {
        **row,
        "period_text": period_label(row["period"]),
        "given_text": t(f"status.{row['given']}"),
        "recorded_text": local_time(row["recorded_at"]),
        "state_text": state,
    }


ReasonOpt = Annotated[str, typer.Option("--reason", help="help.opt.reason")]


@app.command(help="help.unwaive")
def unwaive(
    ctx: typer.Context,
    task: Annotated[
        str,
        typer.Option("--task", "-t", help="help.unwaive.task", autocompletion=complete_task),
    ],
    agency: Annotated[
        str,
        typer.Option("--agency", "-a", help="help.unwaive.agency", autocompletion=complete_agency),
    ],
    reason: ReasonOpt = "",
    period: Annotated[
        str | None,
        typer.Option("--period", help="help.unwaive.period"),
    ] = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Revoke a waiver given in error; the agency owes that period again."""
    from bmnn_cli.store import waivers

    need_reason(reason)
    with writing(ctx, db) as writer:
        done = waivers.unwaive(
            writer, task=task, agency=agency, reason=reason, plan=plan, period=period
        )
    typer.echo(
        t(
            done.message,
            agency=done.agency,
            task=done.task,
            period=period_label(done.period),
            date=f"{done.date:%d/%m/%Y}" if done.date else "–",
            reason=done.status,
        )
    )


@app.command(help="help.cancel")
def cancel(
    ctx: typer.Context,
    task: Annotated[
        str,
        typer.Option("--task", "-t", help="help.cancel.task", autocompletion=complete_task),
    ],
    reason: ReasonOpt = "",
    ref: Annotated[str | None, typer.Option("--ref", help="help.cancel.ref")] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="help.cancel.period"),
    ] = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Cancel a request or an event recorded in error, with the obligations it created."""
    from bmnn_cli.store import undo

    need_reason(reason)
    with writing(ctx, db) as writer:
        done = undo.cancel(writer, task=task, reason=reason, ref=ref, period=period, plan=plan)
    typer.echo(
        t(
            f"msg.cancelled_{done.kind}",
            task=done.task,
            period=period_label(done.period),
            ref=done.ref or "–",
            count=done.count,
        )
    )
