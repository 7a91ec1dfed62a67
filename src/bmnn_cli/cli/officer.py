"""Views of the officer's day: one agency's whole picture, and the morning view."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bmnn_cli.cli.app import app, reading
from bmnn_cli.cli.common import (
    AsOfOpt,
    DbOpt,
    FormatOpt,
    Headers,
    HeadersOpt,
    OutputOpt,
    PlanOpt,
    WideOpt,
    complete_agency,
    emit,
    today,
)
from bmnn_cli.cli.records import SUBMISSION_COLUMNS, _shown
from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Document, Format, Listing
from bmnn_cli.render.columns import (
    DUE_COLUMNS,
    OBLIGATION_COLUMNS,
    OBLIGATION_KEYS,
    by_columns,
    grouped,
    iter_obligation_rows,
    obligation_rows,
)
from bmnn_cli.text import vietnamese_key
from bmnn_cli.wording import stage_text

if TYPE_CHECKING:
    from bmnn_cli.store.history import ContactRow
    from bmnn_cli.store.reader import Reader

WAIVER_COLUMNS = [
    Column("plan", "col.plan", fit="whole", drop=2),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period"),
    Column("waived_on", "col.waived_on", "date"),
    Column("reason", "col.reason", fit="cut"),
    Column("state_text", "col.state", drop=1),
]
REQUEST_COLUMNS = [
    Column("kind_text", "col.kind"),
    Column("plan", "col.plan", fit="whole", drop=2),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period", drop=1),
    Column("happened_on", "col.happened_on", "date"),
    Column("due", "col.due", "date"),
    Column("ref", "col.ref", fit="whole"),
]
REMINDER_COLUMNS = [
    Column("plan", "col.plan", fit="whole", drop=3),
    Column("task", "col.task", fit="whole"),
    Column("period_text", "col.period", drop=2),
    Column("due", "col.due", "date"),
    Column("stage_text", "col.stage"),
    Column("sent_on", "col.sent_on", "date"),
    Column("recipients", "col.recipients", fit="cut", drop=1),
]
FACT_COLUMNS = [Column("key", "col.key"), Column("value", "col.value")]


@app.command(help="help.agency")
def agency(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="help.agency.name", metavar="help.meta.agency", autocompletion=complete_agency
        ),
    ],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """One agency's whole picture, across plans: what it owes, sent, was excused from."""
    from bmnn_cli.store import history, queries
    from bmnn_cli.store.lookup import Scope, agency_ids, scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:
        plan_id = scope(reader, plan=plan).plan_id if plan else None
        ids = tuple(sorted(set(agency_ids(reader, name, groups=False))))
        chosen = Scope(plan_id=plan_id, agency_ids=ids)
        picture: dict[str, Any] = {
            "agency": history.contacts(reader, ids),
            "obligations": queries.obligations(reader, chosen, day),
            "submissions": [_shown(r) for r in history.submissions(reader, chosen)],
            "waivers": history.waivers(reader, chosen),
            "requests": history.requests(reader, chosen),
            "reminders": history.reminders(reader, chosen),
        }
    document = _picture(picture, day)
    if fmt is Format.csv:  # one table per file: the obligations
        document = Document([document.listings[1]])
    emit(document, fmt, path=output, wide=wide, headers=headers)


def _picture(picture: dict[str, Any], day: Any) -> Document:
    """The agency's picture as listings, one per kind of record; JSON gets them all."""
    picture["waivers"] = [
        {**row, "period_text": period_label(row["period"]),
         "state_text": t(f"waiver_state.{row['state']}")}
        for row in picture["waivers"]
    ]  # fmt: skip
    picture["requests"] = [
        {**row, "period_text": period_label(row["period"]),
         "kind_text": t(f"action.{row['kind']}")}
        for row in picture["requests"]
    ]  # fmt: skip
    picture["reminders"] = [
        {**row, "period_text": period_label(row["period"]), "stage_text": stage_text(row["stage"])}
        for row in picture["reminders"]
    ]
    owed = obligation_rows(picture["obligations"])
    facts = [fact for contact in picture["agency"] for fact in _facts(contact)]
    several = len(picture["agency"]) > 1  # the same name in two provinces
    drop_agency = [c for c in OBLIGATION_COLUMNS if several or c.key != "agency"]
    sent = [c for c in SUBMISSION_COLUMNS if several or c.key != "agency"]
    listings = [
        Listing(FACT_COLUMNS, facts),
        Listing(drop_agency, owed, title=t("agency.obligations", date=f"{day:%d/%m/%Y}")),
        Listing(sent, picture["submissions"], title=t("agency.submissions"),
                empty=t("msg.no_submissions")),
        Listing(WAIVER_COLUMNS, picture["waivers"], title=t("agency.waivers"),
                empty=t("agency.no_waivers")),
        Listing(REQUEST_COLUMNS, picture["requests"], title=t("agency.requests"),
                empty=t("agency.no_requests")),
        Listing(REMINDER_COLUMNS, picture["reminders"], title=t("agency.reminders"),
                empty=t("agency.no_reminders")),
    ]  # fmt: skip
    heading = ", ".join(c["agency"] for c in picture["agency"])
    data = {"as_of": day, **picture}
    return Document(listings, heading=heading, data=data)


def _facts(contact: ContactRow) -> list[dict[str, Any]]:
    emails = ", ".join(contact["emails"]) or t("agency.no_email")
    facts = [
        ("col.id", contact["agency_id"]),
        ("col.name", contact["agency"]),
        ("col.province", contact["province"]),
        ("col.email", emails),
        ("col.aliases", ", ".join(contact["aliases"])),
        ("col.successor", contact["successor"] or ""),
    ]
    return [{"key": t(k), "value": v} for k, v in facts if v]


TOTAL_COLUMNS = [
    Column("fallen_due", "col.fallen_due", "int"),
    Column("on_time", "col.on_time", "int"),
    Column("late", "col.late", "int"),
    Column("overdue", "col.overdue", "int"),
    Column("pending", "col.pending", "int"),
    Column("rate", "col.rate", "rate"),
]
ARRIVED_COLUMNS = [c for c in SUBMISSION_COLUMNS if c.key not in ("recorded_by", "state_text")]
NEXT_RUN_COLUMNS = [
    Column("agency", "col.agency"),
    Column("reminders", "col.obligations", "int"),
    Column("first_due", "col.first_due", "date"),
    Column("to", "col.recipients", fit="cut"),
]
NOTE_COLUMNS = [Column("note", "col.warning")]
SOON = 7  # days ahead and back the morning view looks
SHOWN = 10  # rows of a long section shown; the title gives the whole count


@app.command("today", help="help.today")
def today_view(
    ctx: typer.Context,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    headers: HeadersOpt = Headers.keys,
    db: DbOpt = None,
) -> None:
    """The morning view: totals, who is most overdue, what falls due and what arrived."""
    from bmnn_cli.store import counts, history, queries
    from bmnn_cli.store.lookup import scope

    day = as_of or today()
    ahead = day + dt.timedelta(days=SOON)
    with reading(ctx, db, ahead) as reader:
        chosen = scope(reader, plan=plan)
        morning: dict[str, Any] = {
            "as_of": day,
            "totals": [r for r in counts.status(reader, chosen, day) if r["level"] == "total"],
            "most_overdue": grouped(
                iter_obligation_rows(queries.iter_overdue(reader, chosen, day)),
                "agency",
                "days_late",
            ),
            "due_soon": obligation_rows(queries.due_within(reader, chosen, day, SOON)),
            "arrived": [
                _shown(r)
                for r in history.submissions(
                    reader, chosen, history.Filter(since=day - dt.timedelta(days=SOON), until=day)
                )
                if r["state"] == "active"
            ],
        }
        morning["next_run"], morning["no_email"] = _next_run(reader, day, plan)
    morning["projected"] = _projected_years(day, ahead, morning["due_soon"])
    document = _morning(morning)
    if fmt is Format.csv:  # one table per file: what falls due
        document = Document([document.listings[2]])
    emit(document, fmt, path=output, wide=wide, headers=headers)


def _projected_years(day: dt.date, ahead: dt.date, due: list[dict[str, Any]]) -> list[int]:
    """Years of this view whose days off the Government has not announced: their
    due dates may still move when it does (bmnn calendar)."""
    from bmnn_cli.domain.official import PROJECTED, official

    calendar = official()
    years = {day.year, ahead.year} | {
        row["effective_due"].year for row in due if isinstance(row.get("effective_due"), dt.date)
    }
    return sorted(year for year in years if calendar.status(year) == PROJECTED)


def _next_run(
    reader: Reader, day: dt.date, plan: str | None
) -> tuple[list[dict[str, Any]], list[str]]:
    """What `bmnn remind` would send today, and the agencies owing something
    (overdue or due within a week) that no reminder can reach."""
    from bmnn_cli.delivery import run
    from bmnn_cli.delivery.config import load
    from bmnn_cli.domain.reminders import lead_days

    settings = load(None)
    query = run.Query(day, lead_days(settings.stages), False, plan)
    messages = run.due_messages(reader, query, settings, "smtp")
    owing = run.due_messages(reader, run.Query(day, SOON, True, plan), settings, "smtp")
    rows = [
        {
            "agency_id": m.agency_id,
            "agency": m.agency,
            "reminders": len(m.reminders),
            "first_due": min(r.item.effective_due for r in m.reminders),
            "to": ", ".join(m.recipients),
        }
        for m in messages
        if m.recipients  # the others get nothing: named among the warnings
    ]
    return rows, sorted({m.agency for m in owing if not m.recipients}, key=vietnamese_key)


def _morning(morning: dict[str, Any]) -> Document:
    day = morning["as_of"]
    worst = morning["most_overdue"][:5]
    going = morning["next_run"]
    soon = morning["due_soon"]
    notes = []
    if morning["no_email"]:
        names = ", ".join(morning["no_email"][:SHOWN])
        more = len(morning["no_email"]) - SHOWN
        notes.append(t("today.no_email", count=len(morning["no_email"]), names=names)
                     + (t("today.and_more", count=more) if more > 0 else ""))  # fmt: skip
    for year in morning["projected"]:
        notes.append(t("today.projected", year=year))
    listings = [
        Listing(TOTAL_COLUMNS, morning["totals"], title=t("today.totals"),
                empty=t("msg.none_owed", date=f"{day:%d/%m/%Y}")),
        Listing(by_columns("agency", "days_late"), worst, title=t("today.most_overdue"),
                empty=t("msg.none_overdue", date=f"{day:%d/%m/%Y}")),
        Listing(DUE_COLUMNS, soon[:SHOWN], keys=OBLIGATION_KEYS,
                title=t("today.due_soon", days=SOON, shown=min(len(soon), SHOWN), count=len(soon)),
                empty=t("today.nothing_due", days=SOON)),
        Listing(ARRIVED_COLUMNS, morning["arrived"], title=t("today.arrived", days=SOON),
                empty=t("today.nothing_arrived", days=SOON)),
        Listing(NEXT_RUN_COLUMNS, going[:SHOWN],
                title=t("today.next_run", shown=min(len(going), SHOWN), count=len(going)),
                empty=t("today.no_reminders")),
        Listing(NOTE_COLUMNS, [{"note": n} for n in notes], title=t("today.warnings"),
                empty=t("today.no_warnings")),
    ]  # fmt: skip
    data = {**morning, "warnings": notes}
    return Document(listings, heading=t("today.heading", date=f"{day:%d/%m/%Y}"), data=data)
