"""`bmnn calendar`: the working calendar in force, and where each day comes from."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import typer

from bmnn_cli.cli.app import app, state
from bmnn_cli.cli.common import DbOpt, FormatOpt, today
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Format, Listing, render

CALENDAR_COLUMNS = [
    Column("date", "col.date", "date"),
    Column("weekday_text", "col.weekday"),
    Column("kind_text", "col.day_kind"),
    Column("name", "col.day_name"),
    Column("source_text", "col.source"),
    Column("status_text", "col.year_status"),
]
CALENDAR_KEYS = ("date", "kind", "name", "source", "notice", "notice_date", "note", "status",
                 "province")  # fmt: skip


@app.command("calendar", help="help.calendar")
def calendar_command(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Argument(min=1900, max=2200, help="help.calendar.year", metavar="help.meta.year"),
    ] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """The working calendar in force: days off, make-up working days, the source of each."""
    from bmnn_cli.domain.national import national
    from bmnn_cli.domain.official import year_entries

    chosen = year or today().year
    entries = year_entries(chosen, national(chosen), provinces=_provinces(ctx, db))
    rows = [_row(entry) for entry in entries]
    render(Listing(CALENDAR_COLUMNS, rows, keys=CALENDAR_KEYS, title=_title(chosen)), fmt)


def _title(year: int) -> str:
    from bmnn_cli.domain.official import PROJECTED, official

    data = official()
    key = "calendar.title_projected" if data.status(year) == PROJECTED else "calendar.title"
    return t(key, year=year, version=data.fingerprint)


def _provinces(
    ctx: typer.Context, db: str | None
) -> tuple[tuple[str, frozenset[dt.date], frozenset[dt.date]], ...]:
    """Each province's own days off and working days, when there is a database to read."""
    from bmnn_cli.cli.app import reading
    from bmnn_cli.store.db import resolve

    target = resolve(db or state(ctx).db)
    if not target.is_url and not target.path.exists():
        return ()
    with reading(ctx, db, None) as reader:
        rows = list(reader.rows("SELECT name, days_off, working_days FROM province ORDER BY id"))
    return tuple(
        (
            name,
            frozenset(dt.date.fromisoformat(d) for d in json.loads(off)),
            frozenset(dt.date.fromisoformat(d) for d in json.loads(on)),
        )
        for name, off, on in rows
    )


def _row(entry: Any) -> dict[str, Any]:
    source = {
        "official": t("calendar.source_notice", notice=entry.notice)
        if entry.notice
        else t("calendar.source_unchecked"),
        "law": t("calendar.source_law"),
        "province": t("calendar.source_province", province=entry.province),
    }[entry.source]
    return {
        "date": entry.date,
        "weekday_text": t(f"weekday.{entry.date.weekday()}"),
        "kind": entry.kind,
        "kind_text": t(f"calendar.kind_{entry.kind}"),
        "name": entry.name,
        "source": entry.source,
        "source_text": source,
        "notice": entry.notice,
        "notice_date": entry.notice_date,
        "note": entry.note,
        "status": entry.status,
        "status_text": t(f"calendar.status_{entry.status}"),
        "province": entry.province,
    }
