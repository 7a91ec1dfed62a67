"""The Typer application: global options and the one place errors are shown.

Commands live in the modules named in `COMMAND_MODULES`: `cli.plans` (plan
files, registry, listings of what a plan says), `cli.recording` (submit,
amend, retract, waive), `cli.events` (request, event), `cli.tracking`
(overdue, due, status, report), `cli.records` (submissions, unwaive,
cancel), `cli.officer` (agency, today), `cli.admin` (log, backup, restore,
check, migrate), `cli.extract` (extract, explain), `cli.remind` (remind,
ical), `cli.calendar` (calendar) and `cli.complete` (completion). They
parse options, call the domain, store or service layer, and render the
result through the `render` package.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer._click.exceptions import ClickException  # Typer vendors its Click
from typer.core import TyperGroup

from bmnn_cli import __version__, i18n
from bmnn_cli.errors import BmnnError
from bmnn_cli.frame import show_usage_error, translate_help


class BmnnGroup(TyperGroup):
    """Turns every `BmnnError` into one line on stderr and its exit code."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Remember the command line for the audit log, however we were called."""
        from bmnn_cli.invocation import set_command

        typed = sys.argv[1:] if args is None else list(args)
        set_command(["bmnn", *typed])
        words = _language_first(typed)
        i18n.set_language(_language_asked(words))  # before Click can refuse anything
        translate_help(self)
        _refuse_control_characters(words)
        if os.environ.get("_BMNN_COMPLETE"):  # a shell asks for completions (cli.complete)
            from typer._completion_classes import completion_init

            completion_init()
        standalone = options.pop("standalone_mode", True)
        options["standalone_mode"] = False
        if not standalone:
            return super().main(words, *rest, **options)
        try:
            code = super().main(words, *rest, **options)
        except ClickException as error:  # Click's own: a bad option or argument
            show_usage_error(error)
            sys.exit(error.exit_code)
        except typer.Abort:  # typer.exceptions.Abort from 0.28 on, Click's before
            typer.echo(i18n.t("click.aborted"), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:  # click's Context, as vendored by Typer
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # before Click turns it into exit status 1
            from bmnn_cli.entry import closed_pipe

            closed_pipe()
        except BmnnError as error:
            typer.echo(f"bmnn: {error.message}", err=True)
            ctx.exit(int(error.exit_code))
        finally:
            _close_server_connections()


def _close_server_connections() -> None:
    """Close what the command kept open on a database server (none when it opened none)."""
    opened = sys.modules.get("bmnn_cli.store.db")  # not imported: no database was opened
    if opened is not None:
        opened.close_all()


def _language_first(words: list[str]) -> list[str]:
    """The line with its `--lang` moved to the front, where `bmnn` takes it, wherever it was
    typed (`bmnn submit --lang en --help`); given twice, the last one counts."""
    rest: list[str] = []
    chosen: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            rest += words[index:]
            break
        if word == "--lang" and index + 1 < len(words):
            chosen, index = [word, words[index + 1]], index + 2
            continue
        if word.startswith("--lang="):
            chosen = [word]
        else:
            rest.append(word)
        index += 1
    return [*chosen, *rest]


def _language_asked(words: list[str]) -> str | None:
    """The --lang given before the command, for Click's errors met before it is parsed."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--lang="):
            return word.removeprefix("--lang=")
        if not word.startswith("-"):
            break  # the command: later words are its own
        index += 2 if word == "--db" else 1
    return None


def _refuse_control_characters(words: list[str]) -> None:
    """Terminal escapes typed or pasted into a value are refused before anything runs."""
    from bmnn_cli.errors import ExitCode
    from bmnn_cli.i18n import t
    from bmnn_cli.text import control_character, shown_controls

    for word in words:
        found = control_character(word)
        if found is not None:
            message = t("err.hostile.control_arg", value=shown_controls(word), char=ord(found))
            typer.echo(f"bmnn: {message}", err=True)
            sys.exit(int(ExitCode.USAGE))


app = typer.Typer(
    cls=BmnnGroup,
    name="bmnn",
    help=("help.bmnn"),
    invoke_without_command=True,  # a bare `bmnn`: the morning view, or help (see `main`)
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    db: str | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bmnn {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="help.bmnn.db", metavar="help.meta.db"),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="help.bmnn.lang", metavar="help.meta.lang"),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="help.bmnn.version"),
    ] = False,
) -> None:
    if lang and lang.lower()[:2] not in i18n.LANGUAGES:
        # This option chooses the language, so none is chosen yet, and whoever
        # mistyped it may read either: say it in both, Vietnamese (the default) first.
        vi, en = i18n.MESSAGES["err.cli.lang"]
        both = f"{lang!r}: {vi} / {en}"
        raise typer.BadParameter(both, param_hint="--lang")
    i18n.set_language(lang)
    ctx.obj = State(db=db)
    if ctx.invoked_subcommand is None:
        _bare(ctx, db)


def _bare(ctx: typer.Context, db: str | None) -> None:
    """A bare `bmnn` shows the morning view (`bmnn today`) once there is a database,
    and the help before, when there is nothing yet to show."""
    from bmnn_cli.store.db import resolve

    target = resolve(db)
    if not target.is_url and not target.path.is_file():
        typer.echo(ctx.get_help())
        raise typer.Exit()
    from bmnn_cli.cli.officer import today_view
    from bmnn_cli.render import Format

    today_view(ctx, plan=None, as_of=None, fmt=Format.table, output=None, wide=False, db=None)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def open_db(ctx: typer.Context, db: str | None, *, create: bool = False) -> Any:
    """The store for this run: --db on the command, then on `bmnn`, then env/default."""
    from bmnn_cli.store.db import open_store, resolve

    return open_store(resolve(db or state(ctx).db), create=create)


def open_as_of(ctx: typer.Context, db: str | None, as_of: Any) -> Any:
    """Open the store for a question as of a day; it never writes.

    Where open-ended schedules are stored only up to an earlier year, each
    session works out the rest and rolls it back (`Store.extend_to`), so the
    answer is the one the stored periods would give and the file is unchanged.
    """
    from bmnn_cli.store.upkeep import calendar_is_stale, check_year, needs_extension

    store = open_db(ctx, db)
    with store.read() as session:
        check_year(session, as_of.year)
        if needs_extension(session, as_of.year):
            store.extend_to = as_of.year
        store.refresh = store.extend_to is not None or calendar_is_stale(session)
    return store


@contextmanager
def reading(ctx: typer.Context, db: str | None, as_of: Any) -> Iterator[Any]:
    """A Reader for a read-only question as of a day (None: a question of no day).

    A SQLite file at the current schema whose schedules already reach the
    year, with due dates computed with this bmnn's calendar data, is read
    with the standard `sqlite3` module (no SQLAlchemy to load), a PostgreSQL
    database in that state with psycopg alone (`store.server_reader`);
    anything else goes through the store, which migrates, extends or
    explains what is wrong first. A question of no day (the plans, tasks
    and agencies, the log) asks the file only to be at the current schema.
    """
    from bmnn_cli.domain.calendar_data import fingerprint
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.reader import SessionReader, sqlite_reader

    target = resolve(db or state(ctx).db)
    year, calendar = (0, None) if as_of is None else (as_of.year, fingerprint())
    if target.is_url:
        from bmnn_cli.store.migrations import NAMES
        from bmnn_cli.store.server_reader import server_reader

        with server_reader(
            target.text, target.display, migrations=NAMES, year=year, calendar=calendar
        ) as found:
            if found is not None:
                yield found
                return
    else:
        path = str(target.path)
        with sqlite_reader(
            path, path, schema=SCHEMA_VERSION, year=year, calendar=calendar
        ) as found:
            if found is not None:
                yield found
                return
    store = open_db(ctx, db) if as_of is None else open_as_of(ctx, db, as_of)
    with store.read() as session:
        yield SessionReader(session)


@contextmanager
def writing(
    ctx: typer.Context, db: str | None, *, dry_run: bool = False, year: int = 0
) -> Iterator[Any]:
    """A Writer for one writing transaction: committed when the block ends, unless `dry_run`.

    A SQLite file at the current schema, with due dates computed with this
    bmnn's calendar data and schedules that reach `year` (the latest a
    recording looks at; 0: none), is written with the standard `sqlite3`
    module (no SQLAlchemy to load); anything else goes through the store,
    which migrates the file, brings it up to the calendar or extends the
    schedules first, in the same transaction.
    """
    from bmnn_cli.domain.calendar_data import fingerprint
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.writer import SessionWriter, sqlite_writer

    target = resolve(db or state(ctx).db)
    if not target.is_url and target.path.is_file():
        path = str(target.path)
        with sqlite_writer(
            path, path, schema=SCHEMA_VERSION, calendar=fingerprint(), year=year, dry_run=dry_run
        ) as found:
            if found is not None:
                yield found
                return
    with open_db(ctx, db).write(dry_run=dry_run) as session:
        yield SessionWriter(session)


# Modules whose commands register themselves on `app`, in the order of `--help`, with the
# commands each defines (tests/test_startup.py holds this to what each module registers).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "plans": ("init", "import", "export", "plans", "agencies", "tasks", "show", "info"),
    "extract": ("extract", "explain"),
    "recording": ("submit", "amend", "retract", "waive"),
    "events": ("request", "event"),
    "tracking": ("overdue", "due", "status", "report"),
    "records": ("submissions", "unwaive", "cancel"),
    "officer": ("agency", "today"),
    "admin": ("log", "backup", "restore", "check", "migrate"),
    "remind": ("remind", "ical"),
    "calendar": ("calendar",),
    "complete": ("completion",),
}


def register(command: str | None = None) -> None:
    """Import the modules whose commands register on `app`: every one, or only the one
    defining `command` when the `bmnn` executable knows which command it runs.

    Typer makes Click parameters of every registered command's signature on each
    run, and each module brings its own imports: a run of one command pays for
    one module and one command (about 90 ms of CPU less for `bmnn overdue`). A
    group help, a bare `bmnn`, a mistyped command and the tests need them all.
    """
    from importlib import import_module

    wanted = [name for name, names in COMMAND_MODULES.items() if command in names]
    for name in wanted or COMMAND_MODULES:
        import_module(f"bmnn_cli.cli.{name}")
    if wanted:  # and of that module's commands (or another's it imports), that one only
        app.registered_commands[:] = [c for c in app.registered_commands if _name(c) == command]


def _name(command: Any) -> str:
    """A registered command's name, as Typer gives it: its own, or its function's."""
    return str(command.name or command.callback.__name__.lower().replace("_", "-"))


def _asked() -> str | None:
    from bmnn_cli import cli

    return cli.asked


register(_asked())
