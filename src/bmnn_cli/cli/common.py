"""Options shared by many commands, declared once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bmnn_cli.i18n import t
from bmnn_cli.render import Document, Format, Listing, render
from bmnn_cli.text import parse_date

VIETNAM = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no DST since 1975


def today() -> dt.date:
    return dt.datetime.now(VIETNAM).date()


def local_time(at: str) -> str:
    """A recorded UTC time as the officer's clock shows it (JSON keeps the UTC value)."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    return f"{moment.astimezone(VIETNAM):%d/%m/%Y %H:%M}"


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A date typed day-first (27/02/2026, 27-02-2026) or ISO (2026-02-27)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def parse_days(value: str | int) -> int:
    """A span such as 14d, 2w, 14 (days)."""
    if isinstance(value, int):
        return value
    match = re.fullmatch(
        r"\s*(\d{1,4})\s*([dw]|days?|weeks?|ngay|ngày|tuần|tuan)?\s*", value.lower()
    )
    if not match:
        raise typer.BadParameter(t("err.cli.span", value=value))
    count = int(match[1])
    return count * 7 if (match[2] or "d")[0] in "wt" else count


# -- completion: values read from the database, for the shells (cli.complete) ---------


def _rows(ctx: Any, sql: str) -> list[tuple[Any, ...]]:
    """Rows of `sql` from the database this command line names; none if it cannot be read."""
    import sqlite3  # here: only the shells' completion needs it, not every start-up

    from bmnn_cli.store.db import resolve

    option = None
    node = ctx
    while node is not None:  # --db on the command, else on `bmnn`
        option = option or node.params.get("db")
        node = node.parent
    try:
        target = resolve(option)
        if not target.is_url:
            from bmnn_cli.store.reader import file_uri

            with sqlite3.connect(file_uri(target.path, "ro"), uri=True, timeout=1) as connection:
                return list(connection.execute(sql))
        from bmnn_cli.store.migrations import NAMES
        from bmnn_cli.store.server_reader import server_reader

        # a database to migrate first offers nothing
        with server_reader(target.text, target.display, migrations=NAMES, year=0) as reader:
            return list(reader.rows(sql)) if reader is not None else []
    except Exception:  # completion prints nothing rather than an error
        return []


def _complete(sql: str) -> Callable[[Any, str], list[str]]:
    """Values of `sql` that go on from what was typed (Typer keeps only those that
    start with it exactly, so ids, typed in ASCII, are offered beside the names)."""

    def complete(ctx: Any, incomplete: str) -> list[str]:
        values = dict.fromkeys(str(row[0]) for row in _rows(ctx, sql) if row[0])
        return [v for v in values if v.startswith(incomplete)]

    return complete


complete_plan = _complete("SELECT code FROM plan ORDER BY year, code")
complete_task = _complete(
    "SELECT t.code FROM task t JOIN plan p ON p.id = t.plan_id "
    "WHERE t.archived_at IS NULL ORDER BY p.year, p.code, t.position"
)
complete_agency = _complete("SELECT code FROM agency UNION ALL SELECT name FROM agency")
complete_agency_or_group = _complete(
    "SELECT code FROM agency_group UNION ALL SELECT name FROM agency_group "
    "UNION ALL SELECT code FROM agency UNION ALL SELECT name FROM agency"
)


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="help.opt.db",
        metavar="help.meta.db",
        show_default=False,
    ),
]


QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def need_reason(reason: str) -> None:
    """Undoing or excusing is audited: a blank --reason is refused before any work."""
    if not reason.strip():
        raise typer.BadParameter(t("err.cli.reason_required"), param_hint="--reason")


def parse_quarter(value: str | int | None) -> int | None:
    """A quarter as plans write it: 3, III, "Quý III"."""
    if value is None or isinstance(value, int):
        return value
    text = value.strip().lower().removeprefix("quý").removeprefix("quy").strip()
    if text not in QUARTERS:
        raise typer.BadParameter(t("err.quarter", value=value))
    return QUARTERS[text]


def parse_format(value: str | Format) -> Format:
    """An output format by name, refused in the language of the run."""
    if isinstance(value, Format):
        return value
    try:
        return Format(value.strip().lower())
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise typer.BadParameter(t("err.format.unknown", value=value, names=names)) from None


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        parser=parse_format,
        metavar="help.meta.format",
        help="help.opt.format",
    ),
]
AsOfOpt = Annotated[
    dt.date | None,
    typer.Option(
        "--as-of",
        parser=parse_day,
        metavar="help.meta.date",
        help="help.opt.as_of",
        show_default=False,
    ),
]
PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        help="help.opt.plan",
        autocompletion=complete_plan,
    ),
]
AgencyOpt = Annotated[
    str | None,
    typer.Option(
        "--agency",
        "-a",
        help="help.opt.agency",
        autocompletion=complete_agency_or_group,
    ),
]
GroupOpt = Annotated[str | None, typer.Option("--group", "-g", help="help.opt.group")]
WideOpt = Annotated[
    bool,
    typer.Option("--wide", help="help.opt.wide"),
]


class Headers(StrEnum):
    keys = "keys"
    vi = "vi"


HeadersOpt = Annotated[
    Headers,
    typer.Option(
        "--headers",
        help="help.opt.headers",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="help.opt.output",
    ),
]


def emit(
    output: Listing | Document,
    fmt: Format,
    *,
    path: Path | None = None,
    wide: bool = False,
    headers: Headers = Headers.keys,
) -> None:
    """Render a listing to the screen (a workbook only into a pipe), or to `path`."""
    render(output, fmt, path=path, wide=wide, people=headers is Headers.vi)
    if path is not None:
        typer.echo(t("msg.written", path=path), err=True)
