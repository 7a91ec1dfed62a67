"""Commands that look after the database: log, backup, restore, check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from bmnn_cli import i18n
from bmnn_cli.cli.app import app, open_db, reading, state
from bmnn_cli.cli.common import (
    AgencyOpt,
    DbOpt,
    FormatOpt,
    Headers,
    HeadersOpt,
    OutputOpt,
    PlanOpt,
    WideOpt,
    emit,
    local_time,
    parse_day,
)
from bmnn_cli.errors import ExitCode, Refused
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Format, Listing, render
from bmnn_cli.render.columns import short
from bmnn_cli.wording import audit_text

LOG_COLUMNS = [
    Column("at_text", "col.at", fit="whole"),
    Column("os_user", "col.user", fit="whole", drop=2),
    Column("action_text", "col.action"),
    Column("plan", "col.plan", fit="whole", drop=4),
    Column("task", "col.task", fit="whole", drop=1),
    Column("agency_name", "col.agency", fit="cut", drop=3),
    Column("short_detail", "col.note", fit="cut"),
]


@app.command("log", help="help.log")
def show_log(
    ctx: typer.Context,
    agency: AgencyOpt = None,
    plan: PlanOpt = None,
    since: Annotated[
        dt.date | None,
        typer.Option("--since", parser=parse_day, metavar="help.meta.date", help="help.log.since"),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="help.log.limit")] = 200,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """Show the audit log: every change, when, by which OS user and command."""
    from bmnn_cli.store.history import log_entries
    from bmnn_cli.store.lookup import agency_ids
    from bmnn_cli.store.registry import agency_names

    with reading(ctx, db, None) as reader:
        ids = agency_ids(reader, agency) if agency else None
        entries = log_entries(reader, since=since, agency_ids=ids, plan=plan, limit=limit)
        names = agency_names(reader)
    rows: list[dict[str, Any]] = []
    for entry in entries:
        action = f"action.{entry['action']}"
        rows.append(
            {
                **entry,
                "short_detail": short(audit_text(entry["action"], entry["detail"]), 90),
                "agency_name": names.get((entry["plan"], entry["agency"]), entry["agency"]),
                "at_text": local_time(entry["at"]),
                "action_text": t(action) if action in i18n.MESSAGES else entry["action"],
            }
        )
    keys = ["at", "os_user", "action", "plan", "task", "agency", "detail", "command"]
    emit(Listing(LOG_COLUMNS, rows, keys=keys), fmt, path=output, wide=wide, headers=headers)


ForceOpt = Annotated[bool, typer.Option("--force", help="help.opt.force")]


@app.command(help="help.backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="help.backup.file", metavar="help.meta.file")],
    force: ForceOpt = False,
    db: DbOpt = None,
) -> None:
    """Write a consistent copy of the database, safe while others are writing."""
    from bmnn_cli.store import maintenance

    path = _current_file(ctx, db)
    if path is None:  # PostgreSQL, or a file the store must migrate first
        store = open_db(ctx, db)
        if store.dialect != "sqlite":
            raise Refused(t("err.cli.pg_backups", where=store.where))
        path = store.path
    size = maintenance.backup(path, file, force=force)
    typer.echo(t("msg.backup", path=file, size=size))


@app.command(help="help.restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="help.restore.file", metavar="help.meta.file")],
    force: ForceOpt = False,
    db: DbOpt = None,
) -> None:
    """Replace the database's content by a backup (refuses to overwrite without --force)."""
    from bmnn_cli.store import audit, maintenance
    from bmnn_cli.store.db import open_store, resolve

    target = resolve(db or state(ctx).db)
    if target.is_url:
        raise Refused(t("err.cli.pg_backups", where=target.display))
    maintenance.restore(file, target.path, force=force)
    store = open_store(target, create=False)
    with store.write() as session:
        audit.record(session, "restore", detail=str(file))
    typer.echo(t("msg.restored", path=target.path, source=file))


@app.command(help="help.check")
def check(ctx: typer.Context, fmt: FormatOpt = Format.table, db: DbOpt = None) -> None:
    """Check the database's integrity and foreign keys; exit 1 if anything is wrong."""
    from bmnn_cli.store import maintenance
    from bmnn_cli.store.db import resolve

    target = resolve(db or state(ctx).db)
    if not target.is_url and target.path.is_file():  # as it is, over sqlite3, read-only
        # even a file the store could not open (damaged, truncated): that is what is found
        problems, where = maintenance.check(target.path), str(target.path)
    else:  # PostgreSQL checks its own constraints on every write; opening proves it answers
        store = open_db(ctx, db)
        problems, where = [], store.where
    if problems or fmt is not Format.table:
        rows = [{"problem": p} for p in problems]
        render(Listing([Column("problem", "col.problem")], rows), fmt)
    else:
        typer.echo(t("msg.check_ok", path=where))
    if problems:
        raise typer.Exit(int(ExitCode.OVERDUE))


def _current_file(ctx: typer.Context, db: str | None) -> Path | None:
    """The SQLite file to back up or check as it is (over sqlite3), or None: the store opens it."""
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.maintenance import is_current

    target = resolve(db or state(ctx).db)
    if target.is_url or not is_current(target.path):
        return None
    return target.path


@app.command(help="help.migrate")
def migrate(
    ctx: typer.Context,
    source: Annotated[str, typer.Option("--from", help="help.migrate.source")],
    destination: Annotated[
        str,
        typer.Option("--to", help="help.migrate.destination"),
    ],
) -> None:
    """Copy a whole database to another one, e.g. a province's SQLite file to PostgreSQL."""
    from bmnn_cli.progress import steps
    from bmnn_cli.store.db import open_store, resolve
    from bmnn_cli.store.transfer import copy_all

    origin = open_store(resolve(source), create=False)
    target = open_store(resolve(destination), create=True)
    with steps() as bar:

        def table_done(total: int) -> None:
            bar.start(total, t("progress.migrate"))
            bar.advance()

        copied = copy_all(origin, target, table_done)
    rows = [{"key": c.table, "value": c.rows} for c in copied]
    render(
        Listing([Column("key", "col.key"), Column("value", "col.count", "int")], rows), Format.table
    )
    typer.echo(t("msg.migrated", source=origin.where, target=target.where))
