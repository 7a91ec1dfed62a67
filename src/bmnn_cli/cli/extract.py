"""From a plan document to a draft plan file, and what a deadline phrase means.

`bmnn extract FILE` reads a plan (.txt, .docx, .pdf) and writes a draft plan
file for a person to review, then `bmnn import`; `--check` compares a
reviewed file with a fresh extraction. `bmnn explain PHRASE` shows how a
deadline phrase is read and when it falls due, as `task calc` does for
Taskwarrior dates.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bmnn_cli.cli.app import app, open_db, state
from bmnn_cli.cli.common import DbOpt, FormatOpt, parse_day, today
from bmnn_cli.errors import ExitCode, InputError, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Document, Format, Listing, render
from bmnn_cli.wording import parameters_text

if TYPE_CHECKING:
    from bmnn_cli.domain.extract import Extraction
    from bmnn_cli.domain.specs import RegistrySpec

CHECK_COLUMNS = [
    Column("task", "col.task"),
    Column("field", "col.field"),
    Column("in_file", "col.in_file"),
    Column("extracted", "col.extracted"),
]
PART_COLUMNS = [
    Column("part", "col.part", "int"),
    Column("kind", "col.kind"),
    Column("reading", "col.schedule"),
    Column("keys", "col.keys"),
]
DUE_COLUMNS = [
    Column("part", "col.part", "int"),
    Column("period", "col.period"),
    Column("scheduled_due", "col.scheduled_due", "date"),
    Column("effective_due", "col.effective_due", "date"),
    Column("weekday", "col.weekday"),
    Column("note", "col.note"),
    Column("begins", "col.begins", "date"),
    Column("expected", "col.expected", "date"),
]


@app.command("extract", help="help.extract")
def extract_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="help.extract.file", metavar="help.meta.document")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="help.extract.output"),
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            help="help.extract.registry",
        ),
    ] = None,
    plan_id: Annotated[str | None, typer.Option("--id", help="help.extract.plan_id")] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", min=1900, max=2200, help="help.extract.year"),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            help="help.extract.check",
        ),
    ] = None,
    registry_out: Annotated[
        Path | None,
        typer.Option(
            "--registry-out",
            help="help.extract.registry_out",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.extract.force")] = False,
    allow_classified: Annotated[
        bool,
        typer.Option(
            "--allow-classified",
            help="help.extract.allow_classified",
        ),
    ] = False,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
) -> None:
    """Read a plan document into a draft plan file, for review and `bmnn import`."""
    from bmnn_cli.domain.classified import refuse_classified
    from bmnn_cli.domain.extract import read_document
    from bmnn_cli.progress import steps

    _quiet_pdf_reader()
    with steps() as bar:
        document = read_document(file, bar.counter(t("progress.extract_pages")))
    if not allow_classified:
        if document.kind == "docx":  # first: it names the part the stamp stands in
            from bmnn_cli.domain.classified import refuse_classified_docx

            refuse_classified_docx(file)
        refuse_classified(document.text, str(file))
    if check is not None:
        _check(ctx, document, check, registry, year, fmt, db)
        return
    _extract(ctx, document, output, registry, plan_id, year, force, db, registry_out)


def _quiet_pdf_reader() -> None:
    """pypdf logs what it repairs as it goes; bmnn says in one line what it cannot read."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


def _extract(
    ctx: typer.Context,
    document: Any,
    output: Path | None,
    registry: Path | None,
    plan_id: str | None,
    year: int | None,
    force: bool,
    db: str | None,
    registry_out: Path | None = None,
) -> None:
    from bmnn_cli.domain.extract import extract, read_header
    from bmnn_cli.domain.extract.emit import to_toml
    from bmnn_cli.files import check_target, is_stdout
    from bmnn_cli.progress import steps

    if is_stdout(output):
        output = None
    if output is not None:
        check_target(output, replace=force)  # before any work: no symlink, no silent overwrite
    if registry_out is not None:
        check_target(registry_out, replace=force)
    spec = (
        _registry_file(registry)
        if registry is not None
        else _registry_in_db(ctx, db, read_header(document).province)
    )
    draft_registry = _draft_registry_path(output, registry_out) if spec is None else None
    with steps() as bar:
        result = extract(
            document,
            registry=spec,
            year=year,
            default_year=today().year,
            draft_registry=draft_registry is not None,
            progress=bar.counter(t("progress.extract")),
        )
    code = plan_id or f"{result.province}-bmnn-{result.year}"
    _note_existing_plan(ctx, db, code, result)
    base = (output or Path("plan.toml")).absolute().parent
    linked = registry if registry is not None else draft_registry
    text = to_toml(
        result,
        plan_id=code,
        source=_relative(Path(document.path), base),
        registry=_relative(linked, base) if linked is not None else None,
    )
    summary = t(
        "msg.extracted",
        tasks=len(result.tasks),
        reviews=result.review_count(),
        skipped=len(result.skipped),
    )
    if spec is None:
        typer.echo(t("msg.extract_unmatched", province=result.province_name or "?"), err=True)
    if draft_registry is not None:
        _write_draft_registry(result, draft_registry, force)
    if output is None:
        typer.echo(text, nl=False)
        typer.echo(summary, err=True)
        return
    from bmnn_cli.files import write_output

    write_output(output, text.encode("utf-8"), replace=force)
    typer.echo(f"{output}: {summary}")


def _draft_registry_path(output: Path | None, registry_out: Path | None) -> Path | None:
    """Where the draft registry goes: as asked, else beside the output file."""
    if registry_out is not None:
        return registry_out
    if output is None:
        return None
    return output.with_name(f"{output.stem}-agencies.toml")


def _write_draft_registry(result: Extraction, path: Path, force: bool) -> None:
    from bmnn_cli.domain.extract import registry as draft
    from bmnn_cli.files import write_output

    refs = draft.named(result)
    write_output(path, draft.to_toml(result).encode("utf-8"), replace=force)
    groups = sum(1 for ref in refs if ref.group)
    typer.echo(
        t("msg.registry_written", path=path, agencies=len(refs) - groups, groups=groups),
        err=True,
    )


def _relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (the folder of the plan file), with forward slashes."""
    try:
        return Path(os.path.relpath(path.absolute(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.absolute().as_posix()


def _registry_file(path: Path) -> RegistrySpec:
    from bmnn_cli.domain.planfile import load

    loaded = load(path)
    if loaded.registry is None:
        raise InputError(t("err.input.not_registry"), path=str(path))
    return loaded.registry


def _registry_in_db(ctx: typer.Context, db: str | None, province: str) -> RegistrySpec | None:
    """The registry of the province the document names, if the database has it."""
    from bmnn_cli.store.db import resolve
    from bmnn_cli.store.reader import reader_of
    from bmnn_cli.store.registry import find_registry

    target = resolve(db or state(ctx).db)
    if not province or (not target.is_url and not target.path.exists()):
        return None
    store = open_db(ctx, db)
    with store.read() as session:
        return find_registry(reader_of(session), province)


def _note_existing_plan(ctx: typer.Context, db: str | None, code: str, result: Extraction) -> None:
    """Warn in the draft when importing it would update a plan already in the database."""
    from bmnn_cli.store.catalog import plan_title
    from bmnn_cli.store.db import resolve

    target = resolve(db or state(ctx).db)
    if not target.is_url and not target.path.exists():
        return
    with open_db(ctx, db).read() as session:  # rolled back: read what is needed inside
        title = plan_title(session, code)
    if title is not None and title != result.title:
        result.reviews.append(t("review.plan_exists", code=code, title=title))


def _check(
    ctx: typer.Context,
    document: Any,
    reviewed_path: Path,
    registry: Path | None,
    year: int | None,
    fmt: Format,
    db: str | None,
) -> None:
    from bmnn_cli.domain.directory import Directory
    from bmnn_cli.domain.extract import extract
    from bmnn_cli.domain.extract.compare import differences, to_spec
    from bmnn_cli.domain.planfile import load
    from bmnn_cli.progress import steps

    reviewed = load(reviewed_path)
    if reviewed.plan is None:
        raise InputError(t("err.input.not_plan"), path=str(reviewed_path))
    plan = reviewed.plan
    spec = _registry_file(registry) if registry is not None else reviewed.registry
    if spec is None:
        spec = _registry_in_db(ctx, db, plan.province)
    with steps() as bar:
        progress = bar.counter(t("progress.extract"))
        result = extract(
            document,
            registry=spec,
            year=year or plan.year,
            default_year=plan.year,
            progress=progress,
        )
    found = differences(plan, to_spec(result, plan.code), Directory(spec) if spec else None)
    rows = [vars(d) for d in found]
    if fmt is not Format.table or rows:
        render(Listing(CHECK_COLUMNS, rows), fmt)
    if not rows:
        if fmt is Format.table:
            typer.echo(t("msg.check_same", path=reviewed_path))
        return
    typer.echo(t("msg.check_differs", count=len(rows), path=reviewed_path), err=True)
    raise typer.Exit(int(ExitCode.OVERDUE))


# -- explain -------------------------------------------------------------------


@app.command(help="help.explain")
def explain(
    phrase: Annotated[str, typer.Argument(help="help.explain.phrase", metavar="help.meta.phrase")],
    year: Annotated[
        int | None,
        typer.Option("--year", min=1900, max=2200, help="help.explain.year"),
    ] = None,
    years: Annotated[int, typer.Option("--years", min=1, max=10, help="help.explain.years")] = 1,
    event: Annotated[
        dt.date | None,
        typer.Option(
            "--event",
            parser=parse_day,
            metavar="help.meta.date",
            help="help.explain.event",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="help.explain.strict")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show how a deadline phrase is read: its schedule and its due dates."""
    from bmnn_cli.domain.extract.explain import explain_phrase

    first = year or today().year
    result = explain_phrase(phrase, year=first, years=years, event=event, strict=strict)
    if not result.parts:
        raise UsageError(t("err.input.phrase_unread", phrase=phrase))
    if fmt is Format.json:
        render(Document([], data=result.as_dict()), fmt)
        return
    due = [_shown(row) for row in result.due]
    if fmt is Format.csv:
        render(Listing(DUE_COLUMNS, due), fmt)
        return
    heading = t("explain.unread", text=result.unread) if result.unread else None
    listings = [
        Listing(
            PART_COLUMNS,
            _kinds_in_words(result.parts, result.schedule),
            title=t("explain.reading", phrase=phrase),
        ),
        Listing(DUE_COLUMNS, due, title=t("explain.due", first=first, last=first + years - 1)),
    ]
    render(Document(listings, heading=heading), fmt)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """A due row for people: the weekday's name, the notes in words."""
    weekday = row["weekday"]
    return {
        **row,
        "period": t("status.ongoing") if row["period"] == "ongoing" else row["period"],
        "weekday": "" if weekday is None else t(f"weekday.{weekday}"),
        "note": "; ".join(t(f"explain.{code}") for code in row["note"]),
    }


def _kinds_in_words(
    parts: list[dict[str, Any]], schedule: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Schedule kinds and their keys as a person reads them; JSON keeps those of the file."""
    return [
        {**part, "kind": t(f"schedule_kind.{part['kind']}"), "keys": parameters_text(keys)}
        for part, keys in zip(parts, schedule, strict=True)
    ]
