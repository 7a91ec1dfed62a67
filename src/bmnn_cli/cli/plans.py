"""Commands about plans themselves: init, import, export, and what they say."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bmnn_cli.cli.app import app, open_as_of, open_db
from bmnn_cli.cli.common import AgencyOpt, AsOfOpt, DbOpt, FormatOpt, GroupOpt, PlanOpt, today
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Document, Format, Listing, render

TASK_COLUMNS = [
    Column("plan", "col.plan"),
    Column("task", "col.task"),
    Column("title", "col.title"),
    Column("lead", "col.lead"),
    Column("support", "col.support"),
    Column("deliverable_text", "col.deliverable"),
    Column("deadline", "col.deadline"),
    Column("schedule", "col.schedule"),
]
# JSON and CSV keep the values of the plan file ("report", "department").
TASK_KEYS = ("plan", "task", "title", "lead", "support", "deliverable", "deadline", "schedule")
AGENCY_COLUMNS = [
    Column("agency_id", "col.id"),
    Column("name", "col.name"),
    Column("kind_text", "col.kind"),
    Column("aliases", "col.aliases"),
    Column("groups", "col.groups"),
    Column("successor", "col.successor"),
]
AGENCY_KEYS = ("agency_id", "name", "kind", "aliases", "groups", "successor")


@app.command()
def init(ctx: typer.Context, db: DbOpt = None) -> None:
    """Create the database, or bring an existing one up to date (safe to repeat)."""
    store = open_db(ctx, db, create=True)
    typer.echo(t("msg.init", path=store.where, version=store.schema_version()))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A plan file or an agency registry (TOML).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Check and summarise; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Archive tasks dropped from the plan even if work was recorded against them.",
        ),
    ] = False,
    allow_classified: Annotated[
        bool,
        typer.Option(
            "--allow-classified",
            help="Import even if a line looks like a secrecy stamp (MẬT, TỐI MẬT, TUYỆT MẬT).",
        ),
    ] = False,
    db: DbOpt = None,
) -> None:
    """Validate a plan (and its agency registry) and store it.

    Importing the same plan again updates it in place: tasks are matched by
    their number in the document, and submissions recorded against them are
    kept. What changed is listed. Nothing is written if anything is wrong.

    Example: bmnn import examples/lao-cai/bmnn-2026.toml
    """
    from bmnn_cli.domain.planfile import load
    from bmnn_cli.store.plans import import_file

    plan_file = load(file, allow_classified=allow_classified)
    store = open_db(ctx, db, create=True)
    with store.write(dry_run=dry_run) as session:
        result = import_file(session, plan_file, force=force)
    _print_import(result, dry_run)


def _print_import(result: object, dry_run: bool) -> None:
    from bmnn_cli.store.plans import ImportResult

    assert isinstance(result, ImportResult)
    if result.plan is None:
        typer.echo(
            t(
                "msg.would_import_registry" if dry_run else "msg.registry_imported",
                province=result.province,
                agencies=result.agencies,
                groups=result.groups,
            )
        )
    else:
        typer.echo(
            t(
                "msg.would_import" if dry_run else "msg.imported",
                plan=result.plan,
                tasks=result.tasks,
                agencies=result.answerable,
            )
        )
        years = [{"key": k if k != "ongoing" else t("msg.ongoing_obligations"), "value": v}
                 for k, v in result.per_year.items()]  # fmt: skip
        columns = [Column("key", "col.year"), Column("value", "col.obligations", "int")]
        render(Listing(columns, years, title=t("msg.obligations_per_year")), Format.table)
    if not result.new_plan and result.plan is not None:
        changes = [c for c in result.changes if not c.item.startswith(("agency", "group"))]
        if not changes:
            typer.echo(t("msg.unchanged"))
        else:
            rows = [
                {"change": t(f"change.{c.action}"), "key": c.item, "value": c.detail}
                for c in changes
            ]
            columns = [
                Column("change", "col.change"),
                Column("key", "col.key"),
                Column("value", "col.note"),
            ]
            render(Listing(columns, rows), Format.table)
    if dry_run:
        typer.echo(t("msg.dry_run"))


@app.command()
def export(
    ctx: typer.Context,
    plan: Annotated[str, typer.Argument(help="The plan's id or document number.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (- or none: standard output)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Write a plan back as a TOML plan file, with its agency registry inline.

    Importing the exported file gives the same database content. An existing
    file (a reviewed plan, perhaps) is kept unless --force.
    """
    from bmnn_cli.domain.planfile import dumps, plan_to_dict
    from bmnn_cli.files import check_target, is_stdout, write_output
    from bmnn_cli.store.plans import find_plan, plan_spec

    if output is not None:
        check_target(output, replace=force)  # before any work
    store = open_db(ctx, db)
    with store.read() as session:
        spec, registry = plan_spec(session, find_plan(session, plan))
    content = dumps(plan_to_dict(spec, registry))
    if output is None or is_stdout(output):
        typer.echo(content, nl=False)
        return
    write_output(output, content.encode("utf-8"), replace=force)
    typer.echo(t("msg.exported", plan=spec.code, path=output))


@app.command("plans")
def list_plans(ctx: typer.Context, fmt: FormatOpt = Format.table, db: DbOpt = None) -> None:
    """List the imported plans."""
    from bmnn_cli.store import catalog

    store = open_db(ctx, db)
    with store.read() as session:
        rows = catalog.plans(session)
    columns = [
        Column("plan", "col.plan"),
        Column("number", "col.number"),
        Column("province", "col.province"),
        Column("year", "col.year"),
        Column("tasks", "col.tasks", "int"),
        Column("title", "col.title"),
    ]
    render(Listing(columns, rows), fmt)


@app.command("agencies")
def list_agencies(
    ctx: typer.Context,
    group: GroupOpt = None,
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """List the agencies of the registry, with their short names and groups.

    Example: bmnn agencies --group "UBND các xã, phường"
    """
    from bmnn_cli.store import catalog
    from bmnn_cli.store.lookup import scope

    store = open_db(ctx, db)
    with store.read() as session:
        chosen = scope(session, plan=plan, group=group)
        rows = catalog.agencies(session, chosen, catalog.province_of_plan(session, chosen.plan_id))
    for row in rows:
        row["kind_text"] = t(f"agency_kind.{row['kind']}")
    render(Listing(AGENCY_COLUMNS, rows, keys=AGENCY_KEYS), fmt)


@app.command("tasks")
def list_tasks(
    ctx: typer.Context,
    plan: PlanOpt = None,
    agency: AgencyOpt = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """List a plan's tasks: who leads, who supports, and the deadline as written.

    With --agency, only the tasks naming that agency, directly or through one
    of its groups ("UBND các xã, phường").
    """
    from bmnn_cli.store import catalog
    from bmnn_cli.store.lookup import scope

    store = open_db(ctx, db)
    with store.read() as session:
        rows = catalog.tasks(session, scope(session, plan=plan, agency=agency))
    for row in rows:
        row["deliverable_text"] = t(f"deliverable.{row['deliverable']}")
    render(Listing(TASK_COLUMNS, rows, keys=TASK_KEYS), fmt)


@app.command()
def show(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help='Task id as numbered in the plan ("III.1.2").')],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Show one task in full, with each agency's obligations and their status."""
    from bmnn_cli.columns import OBLIGATION_COLUMNS, OBLIGATION_KEYS, obligation_rows
    from bmnn_cli.store import catalog, queries
    from bmnn_cli.store.lookup import Scope, find_task
    from bmnn_cli.store.models import Plan

    day = as_of or today()
    store = open_as_of(ctx, db, day)
    with store.read() as session:
        row = find_task(session, task, plan=plan)
        plan_row = session.get(Plan, row.plan_id)
        assert plan_row is not None
        detail = catalog.task_row(session, row, plan_row.code)
        owed = obligation_rows(queries.obligations(session, Scope(task_id=row.id), day))
    if fmt is Format.json:
        render(Document([], data={**detail, "obligations": owed}), fmt)
        return
    obligations = Listing(OBLIGATION_COLUMNS, owed, keys=OBLIGATION_KEYS)
    if fmt is Format.csv:  # one table per file: the obligations
        render(obligations, fmt)
        return
    detail["deliverable"] = t(f"deliverable.{detail['deliverable']}")
    facts = [Column("key", "col.key"), Column("value", "col.value")]
    fields = ["plan", "task", "title", "lead", "support", "deliverable", "deadline", "schedule",
              "source_line", "note"]  # fmt: skip
    headers = {c.key: c.header for c in TASK_COLUMNS}
    headers.update(deliverable="col.deliverable", source_line="col.line", note="col.note")
    rows = [
        {"key": t(headers[f]), "value": detail[f]} for f in fields if detail[f] not in ("", None)
    ]
    render(Document([Listing(facts, rows), obligations]), fmt)


@app.command()
def info(ctx: typer.Context, fmt: FormatOpt = Format.table, db: DbOpt = None) -> None:
    """Show which database is in use, what chose it, and its schema version.

    A PostgreSQL URL is shown without its password.
    """
    from bmnn_cli import __version__, i18n
    from bmnn_cli.cli.app import state
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
        from bmnn_cli.store import catalog

        store = open_db(ctx, db)
        facts["schema"] = store.schema_version()
        with store.read() as session:
            facts["plans"] = catalog.plan_count(session)
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
