"""What `bmnn import` prints: the plan or registry stored, obligations per year, the changes."""

from __future__ import annotations

import typer

from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Format, Listing, render
from bmnn_cli.wording import change_text, item_text


def print_import(result: object, dry_run: bool) -> None:
    """What an import stored (or would store): counts per year, then what changed."""
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
                {
                    "change": t(f"change.{c.action}"),
                    "key": item_text(c.item),
                    "value": change_text(c.detail),
                }
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
