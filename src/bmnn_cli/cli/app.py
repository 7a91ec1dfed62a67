"""The Typer application: global options and the one place errors are shown.

Commands live in the modules named in `COMMAND_MODULES`: `cli.plans` (plan
files, registry, listings of what a plan says), `cli.tracking` (obligations,
submissions, overdue, status, report), `cli.admin` (log, backup, restore,
check, migrate), `cli.extract` (extract, explain) and `cli.remind` (remind,
ical). They parse options, call the domain, store or service layer, and
render the result through `render.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from bmnn_cli import __version__, i18n
from bmnn_cli.errors import BmnnError


class BmnnGroup(TyperGroup):
    """Turns every `BmnnError` into one line on stderr and its exit code."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Remember the command line for the audit log, however we were called."""
        from bmnn_cli.invocation import set_command

        words = sys.argv[1:] if args is None else list(args)
        set_command(["bmnn", *words])
        _refuse_control_characters(words)
        return super().main(args, *rest, **options)

    def invoke(self, ctx: Any) -> Any:  # click's Context, as vendored by Typer
        try:
            return super().invoke(ctx)
        except BmnnError as error:
            typer.echo(f"bmnn: {error.message}", err=True)
            ctx.exit(int(error.exit_code))


def _refuse_control_characters(words: list[str]) -> None:
    """Terminal escapes typed or pasted into a value are refused before anything runs."""
    from bmnn_cli.errors import ExitCode
    from bmnn_cli.i18n import t
    from bmnn_cli.text import control_character, shown_controls

    for word in words:
        found = control_character(word)
        if found is not None:
            chosen = words.index("--lang") + 1 if "--lang" in words else 0
            i18n.set_language(words[chosen] if 0 < chosen < len(words) else None)
            message = t("err.hostile.control_arg", value=shown_controls(word), char=ord(found))
            typer.echo(f"bmnn: {message}", err=True)
            sys.exit(int(ExitCode.USAGE))


app = typer.Typer(
    cls=BmnnGroup,
    name="bmnn",
    help=(
        "Track who owes what under a province's plans on protecting state secrets "
        "(bảo vệ bí mật nhà nước).\n\n"
        "Import a plan (bmnn import plan.toml), record what agencies send "
        "(bmnn submit), and ask: bmnn overdue, bmnn due --within 7d, bmnn status, "
        "bmnn report --quarter 3."
    ),
    no_args_is_help=True,
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
        typer.Option("--db", help="Database file (else $BMNN_DB, else the per-user default)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Interface language: vi (default) or en; also $BMNN_LANG."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
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


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def open_db(ctx: typer.Context, db: str | None, *, create: bool = False) -> Any:
    """The store for this run: --db on the command, then on `bmnn`, then env/default."""
    from bmnn_cli.store.db import open_store, resolve

    return open_store(resolve(db or state(ctx).db), create=create)


def open_as_of(ctx: typer.Context, db: str | None, as_of: Any) -> Any:
    """Open the store for a question, extending open-ended schedules to its year."""
    from bmnn_cli.store.plans import ensure_through, needs_extension

    store = open_db(ctx, db)
    with store.read() as session:
        extend = needs_extension(session, as_of.year)
    if extend:
        with store.write() as session:
            ensure_through(session, as_of.year)
    return store


@contextmanager
def reading(ctx: typer.Context, db: str | None, as_of: Any) -> Iterator[Any]:
    """A Reader for a read-only question as of a day.

    A SQLite file at the current schema whose schedules already reach the
    year is read with the standard `sqlite3` module (no SQLAlchemy to load);
    anything else goes through the store, which migrates, extends or
    explains what is wrong first.
    """
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.migrations import SCHEMA_VERSION
    from bmnn_cli.store.reader import SessionReader, sqlite_reader

    target = resolve(db or state(ctx).db)
    if not target.is_url:
        path = str(target.path)
        with sqlite_reader(path, path, schema=SCHEMA_VERSION, year=as_of.year) as reader:
            if reader is not None:
                yield reader
                return
    store = open_as_of(ctx, db, as_of)
    with store.read() as session:
        yield SessionReader(session)


# Modules whose commands register themselves on `app`, in the order of `--help`.
COMMAND_MODULES = ("plans", "extract", "tracking", "admin", "remind")


def register() -> None:
    from importlib import import_module

    for name in COMMAND_MODULES:
        import_module(f"bmnn_cli.cli.{name}")


register()
