"""`bmnn remind` and `bmnn ical`: reminders by mail or files, and a calendar feed.

`remind` parses its options, hands the run to `delivery.run` (which chooses
the messages due, delivers and records them under a lock) and prints what
happened: a preview, one line per message as it goes out, then a summary or
JSON. Every line an officer reads comes from the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import AbstractContextManager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bmnn_cli.cli.app import app, open_as_of, reading, state
from bmnn_cli.cli.common import AgencyOpt, AsOfOpt, DbOpt, GroupOpt, PlanOpt, parse_days, today
from bmnn_cli.i18n import t

if TYPE_CHECKING:
    from bmnn_cli.delivery.config import Settings
    from bmnn_cli.delivery.run import Preview, Result, RunOutcome
    from bmnn_cli.domain.reminders import Message
    from bmnn_cli.store.transactions import Transactions


class Output(StrEnum):
    text = "text"
    json = "json"


ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        help="help.opt.config",
        show_default=False,
    ),
]


@app.command(help="help.remind")
def remind(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            "-w",
            help="help.remind.within",
            show_default=False,
        ),
    ] = None,
    include_overdue: Annotated[
        bool, typer.Option("--include-overdue", help="help.remind.include_overdue")
    ] = False,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    as_of: AsOfOpt = None,
    send: Annotated[bool, typer.Option("--send", help="help.remind.send")] = False,
    eml: Annotated[
        Path | None,
        typer.Option("--eml", metavar="help.meta.dir", help="help.remind.eml"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.remind.dry_run")] = False,
    fmt: Annotated[Output, typer.Option("--format", "-f", help="help.remind.fmt")] = Output.text,
    config: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """Remind agencies of obligations falling due soon (and overdue ones)."""
    from bmnn_cli.delivery import run
    from bmnn_cli.delivery.config import load
    from bmnn_cli.domain.reminders import lead_days

    if send and eml is not None:
        raise typer.BadParameter(t("err.cli.send_or_eml"))
    settings = load(config)
    days = _span(within) if within else lead_days(settings.stages)
    query = run.Query(as_of or today(), days, include_overdue, plan, agency, group)
    live = (send or eml is not None) and not dry_run
    route = run.route(settings, eml) if live else None
    if route is None:  # a question: nothing is recorded
        with reading(ctx, db, query.until) as reader:
            shown = run.preview(reader, query, settings, run.Route(eml).channel)
        _show(shown, query.as_of, settings, fmt, dry_run=dry_run)
        return
    from bmnn_cli.progress import steps

    with _run_database(ctx, db, query.until) as store, steps() as bar:

        def settled(result: Result) -> None:
            _announce(result, fmt)
            bar.advance()

        def started(total: int) -> None:
            bar.start(total, t("progress.remind"))

        outcome = run.deliver_due(store, query, settings, route, settled, on_start=started)
    _conclude(outcome, query.as_of, eml, fmt)


def _run_database(
    ctx: typer.Context, db: str | None, until: dt.date
) -> AbstractContextManager[Transactions]:
    """The database a live run claims and records in: over sqlite3 when the file is ready."""
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.transactions import for_run

    target = resolve(db or state(ctx).db)
    path = None if target.is_url else target.path
    return for_run(path, until.year, lambda: open_as_of(ctx, db, until))


def _span(within: str) -> int:
    try:
        return parse_days(within)
    except typer.BadParameter as error:
        raise typer.BadParameter(str(error), param_hint="--within") from None


# -- showing -------------------------------------------------------------------


def _show(
    preview: Preview, as_of: dt.date, settings: Settings, fmt: Output, *, dry_run: bool
) -> None:
    """Every message due; the count of those that would go out, then those without address.

    By SMTP a message to an agency without an address would not go out, so
    it is left out of the count and named below it; as .eml files it would
    be written (without a recipient), so it is counted and named as such
    (`delivery.run.Preview` decides which).
    """
    if fmt is Output.json:
        _dump(as_of, [_as_dict(m) for m in preview.messages], dry_run=True)
        return
    for message in preview.messages:
        typer.echo(_preview(message, settings.smtp.sender))
    if not preview.messages:
        typer.echo(t("remind.none", as_of=f"{as_of:%d/%m/%Y}"))
        return
    key = "remind.dry_run" if dry_run else "remind.preview"
    typer.echo(t(key, messages=len(preview.going), reminders=preview.reminders))
    warning = preview.warning()
    if warning:
        typer.echo(warning)


def _preview(message: Message, sender: str) -> str:
    to = f"<{', '.join(message.recipients)}>" if message.recipients else ""
    to = to or f"({t('remind.no_address')})"
    lines = [f"{t('remind.header_from')}: {sender}"] if sender else []
    lines += [
        f"{t('remind.header_to')}: {message.agency} {to}",
        f"{t('remind.header_subject')}: {message.subject}",
        "",
        message.body,
        "-" * 76,
    ]
    return "\n".join(lines)


def _as_dict(message: Message) -> dict[str, Any]:
    return {
        "agency_id": message.agency_id,
        "agency": message.agency,
        "province": message.province,
        "to": list(message.recipients),
        "subject": message.subject,
        "body": message.body,
        "reminders": [
            {
                "plan": r.item.plan,
                "plan_number": r.item.plan_number,
                "task": r.item.task,
                "title": r.item.title,
                "period": r.item.period,
                "deadline": r.item.deadline,
                "scheduled_due": r.item.scheduled_due,
                "effective_due": r.item.effective_due,
                "status": r.item.status,
                "days_left": r.days(message.as_of),
                "stage": r.stage,
            }
            for r in message.reminders
        ],
    }


def _dump(as_of: dt.date, messages: list[dict[str, Any]], *, dry_run: bool) -> None:
    payload = {"as_of": as_of, "recorded": not dry_run, "messages": messages}
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | Path):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


# -- a live run: progress, then the summary ------------------------------------


def _announce(result: Result, fmt: Output) -> None:
    if fmt is Output.json:
        return
    message = result.message
    count = len(message.reminders)
    if result.outcome == "failed":
        typer.echo(t("remind.failed", agency=message.agency, error=result.error), err=True)
    elif result.outcome == "no_address":
        return  # named together in the warning at the end, not one line each
    elif result.outcome == "taken":
        typer.echo(t("remind.taken", agency=message.agency, count=count))
    elif result.outcome == "written":
        key = "remind.written" if message.recipients else "remind.written_no_address"
        typer.echo(t(key, path=result.path, agency=message.agency, count=count))
    else:
        to = ", ".join(a for a in message.recipients if a not in result.refused)
        typer.echo(t("remind.sent", agency=message.agency, to=to, count=count))
    if result.refused:
        addresses = ", ".join(f"{a} ({why})" for a, why in result.refused.items())
        typer.echo(t("remind.refused", addresses=addresses, agency=message.agency), err=True)


def _conclude(outcome: RunOutcome, as_of: dt.date, folder: Path | None, fmt: Output) -> None:
    """Print the summary and, on stderr, the agencies without an address.

    Exit 7 (on stderr) when anything was not delivered; exit 3 when messages
    were due but no agency in scope has an address, so nothing could be sent
    (cron then mails the operator: the registry needs addresses). Agencies
    without an address beside ones that got theirs leave the exit code alone.
    """
    from bmnn_cli.errors import DeliveryFailed, InputError

    results, attempted = outcome.results, outcome.attempted
    if fmt is Output.json:
        _dump(as_of, [_as_dict(r.message) | _outcome(r) for r in results], dry_run=False)
    elif not results:
        typer.echo(t("remind.none", as_of=f"{as_of:%d/%m/%Y}"))
    elif attempted:
        done = outcome.delivered
        key = "remind.summary_sent" if outcome.channel == "smtp" else "remind.summary_written"
        count = sum(len(r.message.reminders) for r in done)
        typer.echo(t(key, done=len(done), total=len(attempted), reminders=count, folder=folder))
    warning = outcome.warning()
    if warning:
        typer.echo(warning, err=True)
    problem = outcome.problem()
    if problem:
        raise DeliveryFailed(problem)
    if outcome.unreachable:
        raise InputError(t("err.cli.no_addresses", count=len(results)))


def _outcome(result: Result) -> dict[str, Any]:
    return {
        "outcome": result.outcome,
        "error": result.error or None,
        "refused": result.refused or None,
        "file": str(result.path) if result.path else None,
    }


# -- calendar ------------------------------------------------------------------


@app.command("ical", help="help.ical")
def ical(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="help.meta.ics", help="help.ical.output"),
    ],
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    group: GroupOpt = None,
    open_only: Annotated[bool, typer.Option("--open", help="help.ical.open_only")] = False,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """Export obligations as an iCalendar feed (.ics) for a calendar program."""
    from bmnn_cli.delivery import ical as calendar
    from bmnn_cli.delivery.config import load
    from bmnn_cli.domain.status import OPEN, Status
    from bmnn_cli.store.lookup import scope
    from bmnn_cli.store.outstanding import dated

    settings = load(config)
    day = as_of or today()
    statuses = OPEN if open_only else tuple(Status)
    last = calendar.horizon(day)
    with reading(ctx, db, last) as reader:
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        rows = dated(reader, chosen, day, statuses=statuses, until=last)
    names = {row["agency"] for row in rows}
    title = t("ical.calname") + (f" – {names.pop()}" if agency and len(names) == 1 else "")
    data = calendar.feed(rows, name=title, as_of=day, sender=settings.sender)
    if str(output) == "-":
        typer.echo(data, nl=False)
        return
    calendar.write(output, data)
    typer.echo(t("ical.written", count=len(rows), path=output))
