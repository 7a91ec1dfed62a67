"""Asking who is late: overdue, due, status and the quarter's report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from itertools import islice
from typing import Annotated, Any, Generic, TypeVar

import typer

from bmnn_cli.cli.app import app, reading
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
    emit,
    parse_days,
    parse_quarter,
    today,
)
from bmnn_cli.errors import ExitCode
from bmnn_cli.i18n import t
from bmnn_cli.render import Format, Listing, render
from bmnn_cli.render.columns import (
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
    status_rows,
)

Item = TypeVar("Item")

LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="help.opt.limit")]


class By(StrEnum):
    agency = "agency"
    task = "task"


ByOpt = Annotated[By | None, typer.Option("--by", help="help.opt.by")]


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
    from bmnn_cli.store import json_lines, queries
    from bmnn_cli.store.lookup import scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:  # rows are written as they are read
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        nothing = t("msg.none_overdue", date=f"{day:%d/%m/%Y}")
        groups: int | None = None
        rows: Counted[Any]
        if fmt is Format.json and headers is Headers.keys and not by:
            rows = Counted(json_lines.overdue(reader, chosen, day))  # the database's JSON
            listing = Listing(OVERDUE_COLUMNS, [], keys=OBLIGATION_KEYS, empty=nothing)
            listing.json_lines = _first(rows, limit)
        else:
            machine = fmt.machine and headers is Headers.keys and not by  # values as stored
            if machine:
                rows = Counted(queries.iter_overdue(reader, chosen, day, as_text=True))
            else:
                rows = Counted(iter_obligation_rows(queries.iter_overdue(reader, chosen, day)))
            listing, groups = _listing(OVERDUE_COLUMNS, rows, by, limit, "days_late", nothing)
        emit(listing, fmt, path=output, wide=wide, headers=headers)
        _say_limited(rows, limit, groups)
    if fail_on_overdue and rows.count:
        raise typer.Exit(int(ExitCode.OVERDUE))


def _listing(
    columns: list[Any],
    rows: Counted[Any],
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
    stream = _first(rows, limit)
    return Listing(columns, [], keys=OBLIGATION_KEYS, stream=stream, empty=nothing), None


def _first(rows: Counted[Item], limit: int | None) -> Iterator[Item]:
    """The rows, or the first `limit` of them (--limit)."""
    return iter(rows) if limit is None else islice(iter(rows), limit)


def _say_limited(rows: Counted[Any], limit: int | None, groups: int | None) -> None:
    """Say on stderr how many rows --limit left out (the rest are read to be counted)."""
    if limit is None:
        return
    if groups is None:
        for _ in rows:
            pass
    total = rows.count if groups is None else groups
    if total > limit:
        typer.echo(t("msg.limited", shown=limit, total=total), err=True)


class Counted(Generic[Item]):
    """An iterable that remembers how many items went through it."""

    def __init__(self, items: Iterator[Item]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Item]:
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
    from bmnn_cli.store import json_lines, queries
    from bmnn_cli.store.lookup import scope

    try:
        days = parse_days(within)
    except typer.BadParameter as error:
        raise typer.BadParameter(str(error), param_hint="--within") from None
    day = as_of or today()
    end = day + dt.timedelta(days=days)
    nothing = t("msg.none_due", start=f"{day:%d/%m/%Y}", end=f"{end:%d/%m/%Y}")
    with reading(ctx, db, end) as reader:
        chosen = scope(reader, plan=plan, agency=agency, group=group)
        if fmt is Format.json and headers is Headers.keys and not by:
            lines = Counted(json_lines.due(reader, chosen, day, days))  # the database's
            listing = Listing(DUE_COLUMNS, [], keys=OBLIGATION_KEYS, empty=nothing)
            listing.json_lines = _first(lines, limit)
            emit(listing, fmt, path=output, wide=wide, headers=headers)
            _say_limited(lines, limit, None)
            return
        rows = queries.due_within(reader, chosen, day, days)
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
    from bmnn_cli.store import counts
    from bmnn_cli.store.lookup import scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:
        rows = counts.status(reader, scope(reader, plan=plan, agency=agency, group=group), day)
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
