"""Commands about plans themselves: init, import, export, and what they say."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bmnn_cli.cli.app import app, open_db, reading, state, writing
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
    complete_task,
    emit,
    today,
)
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Document, Format, Listing, render
from bmnn_cli.text import matches

if TYPE_CHECKING:
    from bmnn_cli.store.catalog import TaskRow
    from bmnn_cli.store.db import Target
    from bmnn_cli.store.reader import Reader

TASK_COLUMNS = [
    Column("plan", "col.plan", fit="whole", drop=6),
    Column("task", "col.task", fit="whole"),
    Column("title", "col.title", fit="cut"),
    Column("lead", "col.lead", fit="cut", drop=2),
    Column("support", "col.support", fit="cut", drop=7),
    Column("deliverable_text", "col.deliverable", drop=4),
    Column("deadline", "col.deadline", fit="cut", drop=3),
    Column("schedule", "col.schedule", fit="cut", drop=5),
]
# JSON and CSV keep the values of the plan file ("report", "department").
TASK_KEYS = ("plan", "task", "title", "lead", "support", "deliverable", "deadline", "schedule")
AGENCY_COLUMNS = [
    Column("agency_id", "col.id", fit="whole", drop=1),
    Column("name", "col.name"),
    Column("kind_text", "col.kind", drop=3),
    Column("aliases", "col.aliases", fit="cut", drop=5),
    Column("groups", "col.groups", fit="cut", drop=4),
    Column("successor", "col.successor", drop=2),
]
AGENCY_KEYS = ("agency_id", "name", "kind", "aliases", "groups", "successor")
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", "-s", help="help.opt.search"),
]


@app.command(help="help.init")
def init(ctx: typer.Context, db: DbOpt = None) -> None:
    """Create the database, or bring an existing one up to date (safe to repeat)."""
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.migrations import SCHEMA_VERSION

    _create(ctx, db)
    with writing(ctx, db):
        pass  # the store migrates and brings due dates to the calendar; a current file needs none
    where = resolve(db or state(ctx).db).display
    typer.echo(t("msg.init", path=where, version=SCHEMA_VERSION))  # migrated, or refused


def _create(ctx: typer.Context, db: str | None) -> None:
    """A SQLite file not there yet is made at the current schema (the first run only);
    a server's database is made by its administrator and migrated by the store."""
    from bmnn_cli.store.db import create_sqlite, resolve

    target = resolve(db or state(ctx).db)
    if not target.is_url:
        create_sqlite(target.path, make_folder=target.source == "default")


@app.command("import", help="help.import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="help.import.file", metavar="help.meta.file")],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="help.import.dry_run")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="help.import.force",
        ),
    ] = False,
    allow_classified: Annotated[
        bool,
        typer.Option(
            "--allow-classified",
            help="help.import.allow_classified",
        ),
    ] = False,
    db: DbOpt = None,
) -> None:
    """Validate a plan (and its agency registry) and store it."""
    from bmnn_cli.cli.imported import print_import
    from bmnn_cli.domain.planfile import load
    from bmnn_cli.progress import steps
    from bmnn_cli.store.plans import import_file

    plan_file = load(file, allow_classified=allow_classified)
    _create(ctx, db)
    with steps() as bar, writing(ctx, db, dry_run=dry_run) as writer:
        progress = bar.counter(t("progress.import"))
        result = import_file(writer, plan_file, force=force, progress=progress)
    print_import(result, dry_run)


@app.command(help="help.export")
def export(
    ctx: typer.Context,
    plan: Annotated[str, typer.Argument(help="help.export.plan", metavar="help.meta.plan")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="help.export.output"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.export.force")] = False,
    db: DbOpt = None,
) -> None:
    """Write a plan back as a TOML plan file, with its agency registry inline."""
    from bmnn_cli.domain.plan_writer import dumps, plan_to_dict
    from bmnn_cli.files import check_target, is_stdout, write_output
    from bmnn_cli.store.catalog import plan_spec

    if output is not None:
        check_target(output, replace=force)  # before any work
    with reading(ctx, db, None) as reader:
        spec, registry = plan_spec(reader, plan)
    content = dumps(plan_to_dict(spec, registry))
    if output is None or is_stdout(output):
        typer.echo(content, nl=False)
        return
    write_output(output, content.encode("utf-8"), replace=force)
    typer.echo(t("msg.exported", plan=spec.code, path=output))


@app.command("plans", help="help.plans")
def list_plans(
    ctx: typer.Context,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List the imported plans."""
    from bmnn_cli.store import catalog

    with reading(ctx, db, None) as reader:
        rows = catalog.plans(reader)
    columns = [
        Column("plan", "col.plan", fit="whole"),
        Column("number", "col.number", fit="whole", drop=1),
        Column("province", "col.province", drop=2),
        Column("year", "col.year", fit="whole"),
        Column("tasks", "col.tasks", "int"),
        Column("title", "col.title", fit="cut"),
    ]
    emit(Listing(columns, [dict(r) for r in rows]), fmt, path=output, wide=wide, headers=headers)


@app.command("agencies", help="help.agencies")
def list_agencies(
    ctx: typer.Context,
    group: GroupOpt = None,
    plan: PlanOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List the agencies of the registry, with their short names and groups."""
    from bmnn_cli.store import catalog
    from bmnn_cli.store.lookup import scope

    with reading(ctx, db, None) as reader:
        chosen = scope(reader, plan=plan, group=group)
        found = catalog.agencies(reader, chosen, catalog.province_of_plan(reader, chosen.plan_id))
    if search:
        found = [r for r in found if matches(search, r["agency_id"], r["name"], *r["aliases"])]
    rows = [{**row, "kind_text": t(f"agency_kind.{row['kind']}")} for row in found]
    emit(
        Listing(AGENCY_COLUMNS, rows, keys=AGENCY_KEYS),
        fmt,
        path=output,
        wide=wide,
        headers=headers,
    )


@app.command("tasks", help="help.tasks")
def list_tasks(
    ctx: typer.Context,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    search: SearchOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """List a plan's tasks: who leads, who supports, and the deadline as written."""
    from bmnn_cli.store import catalog
    from bmnn_cli.store.lookup import scope

    with reading(ctx, db, None) as reader:
        found = catalog.tasks(reader, scope(reader, plan=plan, agency=agency))
    if search:
        found = [r for r in found if _task_matches(search, r)]
    rows = [{**row, "deliverable_text": t(f"deliverable.{row['deliverable']}")} for row in found]
    emit(Listing(TASK_COLUMNS, rows, keys=TASK_KEYS), fmt, path=output, wide=wide, headers=headers)


def _task_matches(words: str, row: TaskRow) -> bool:
    return matches(words, row["task"], row["title"], row["deadline"], row["note"] or "")


def _find(reader: Reader, text: str, plan: str | None) -> int:
    """The task `text` names by its id, else the one task whose words it holds."""
    from bmnn_cli.errors import NotFound, UsageError
    from bmnn_cli.render.columns import short
    from bmnn_cli.store import catalog
    from bmnn_cli.store.lookup import scope, task_id

    try:
        return task_id(reader, text, plan=plan)
    except NotFound:
        found = [
            r for r in catalog.tasks(reader, scope(reader, plan=plan)) if _task_matches(text, r)
        ]
        if not found:
            raise
    if len(found) > 1:
        named = "; ".join(f"{r['task']} ({short(r['title'], 40)})" for r in found[:12])
        raise UsageError(t("err.find.several_tasks", text=text, count=len(found), tasks=named))
    return task_id(reader, found[0]["task"], plan=found[0]["plan"])


@app.command(help="help.show")
def show(
    ctx: typer.Context,
    task: Annotated[
        str,
        typer.Argument(
            help="help.show.task",
            metavar="help.meta.task",
            autocompletion=complete_task,
        ),
    ],
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """Show one task in full, with each agency's obligations and their status."""
    from bmnn_cli.render.columns import OBLIGATION_COLUMNS, OBLIGATION_KEYS, obligation_rows
    from bmnn_cli.store import catalog, history, queries
    from bmnn_cli.store.lookup import Scope, scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:
        found = _find(reader, task, plan)
        detail: dict[str, Any] = {**catalog.task(reader, found)}
        agencies = scope(reader, agency=agency).agency_ids if agency else None
        chosen = Scope(task_id=found, agency_ids=agencies)
        owed = obligation_rows(queries.obligations(reader, chosen, day))
        refs = {
            (s["agency_id"], s["period"]): s["ref"]
            for s in history.submissions(reader, chosen, history.Filter(until=day))
            if s["state"] == "active"
        }
    shown = [{**item, "ref": refs.get((item["agency_id"], item["period"]), "")} for item in owed]
    if fmt is Format.json:
        emit(Document([], data={**detail, "obligations": shown}), fmt, path=output, headers=headers)
        return
    columns = [*OBLIGATION_COLUMNS, Column("ref", "col.ref", fit="whole", drop=1)]
    obligations = Listing(columns, shown, keys=(*OBLIGATION_KEYS, "ref"))
    if fmt is Format.csv:  # one table per file: the obligations
        emit(obligations, fmt, path=output, headers=headers)
        return
    detail["deliverable"] = t(f"deliverable.{detail['deliverable']}")
    facts = [Column("key", "col.key"), Column("value", "col.value")]
    fields = ["plan", "task", "title", "lead", "support", "deliverable", "deadline", "schedule",
              "source_line", "note"]  # fmt: skip
    labels = {c.key: c.header for c in TASK_COLUMNS}
    labels.update(deliverable="col.deliverable", source_line="col.line", note="col.note")
    rows = [
        {"key": t(labels[f]), "value": detail[f]} for f in fields if detail[f] not in ("", None)
    ]
    emit(
        Document([Listing(facts, rows), obligations]), fmt, path=output, wide=wide, headers=headers
    )


def _schema_and_plans(ctx: typer.Context, db: str | None, target: Target) -> tuple[int, int]:
    """The schema version and plan count, in plain sqlite3 when the file needs nothing done.

    So `bmnn info`, often the first thing run on a new machine, does not import
    SQLAlchemy and SQLModel just to print a path; any other database goes
    through the store, which migrates it or says what is wrong.
    """
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.reader import sqlite_reader

    if not target.is_url:
        path = str(target.path)
        with sqlite_reader(path, target.display, schema=SCHEMA_VERSION, year=0) as reader:
            if reader is not None:
                ((plans,),) = reader.rows("SELECT COUNT(*) FROM plan")
                return SCHEMA_VERSION, int(plans)
    from bmnn_cli.store import catalog

    store = open_db(ctx, db)
    with store.read() as session:
        return store.schema_version(), catalog.plan_count(session)


@app.command(help="help.info")
def info(ctx: typer.Context, fmt: FormatOpt = Format.table, db: DbOpt = None) -> None:
    """Show which database is in use, what chose it, and its schema version."""
    from bmnn_cli import __version__, i18n
    from bmnn_cli.store.db import resolve

    target = resolve(db or state(ctx).db)
    exists = target.is_url or target.path.exists()
    facts: dict[str, object] = {
        "database": target.display,
        "source": t(f"source.{target.source}"),
        "exists": exists,
        "version": __version__,
        "language": i18n.language(),
    }
    if exists:
        facts["schema"], facts["plans"] = _schema_and_plans(ctx, db, target)
    if fmt in (Format.json, Format.csv):
        render(Document([], data=facts), Format.json)
        return
    labels = {"exists": "info.exists", "schema": "info.schema", "plans": "info.plans"}
    rows = [
        {
            "key": t(labels.get(k, f"info.{k}")),
            "value": t("yes" if v else "no") if isinstance(v, bool) else v,
        }
        for k, v in facts.items()
    ]
    render(Listing([Column("key", "col.key"), Column("value", "col.value")], rows), fmt)
