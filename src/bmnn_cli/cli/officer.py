"""Views of the officer's day: one agency's whole picture."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bmnn_cli.cli.app import app, reading
from bmnn_cli.cli.common import (
    AsOfOpt,
    DbOpt,
    FormatOpt,
    OutputOpt,
    PlanOpt,
    WideOpt,
    emit,
    today,
)
from bmnn_cli.cli.records import SUBMISSION_COLUMNS, _shown
from bmnn_cli.columns import OBLIGATION_COLUMNS, obligation_rows, period_label
from bmnn_cli.i18n import t
from bmnn_cli.render import Column, Document, Format, Listing

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


@app.command()
def agency(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The agency: id, name or short name.")],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    wide: WideOpt = False,
    db: DbOpt = None,
) -> None:
    """One agency's whole picture, across plans: what it owes, sent, was excused from.

    Every obligation with its status as of --as-of; its submissions with
    their references; waivers; requests and events addressed to it;
    reminders sent (stage, date, addresses); its contacts.

    Example: bmnn agency "Sở Tài chính" --as-of 31/10/2026
    """
    from bmnn_cli.store import history, queries
    from bmnn_cli.store.lookup import Scope, agency_ids, scope

    day = as_of or today()
    with reading(ctx, db, day) as reader:
        plan_id = scope(reader, plan=plan).plan_id if plan else None
        ids = tuple(sorted(set(agency_ids(reader, name, groups=False))))
        chosen = Scope(plan_id=plan_id, agency_ids=ids)
        picture = {
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
    emit(document, fmt, path=output, wide=wide)


def _picture(picture: dict[str, list[dict[str, Any]]], day: Any) -> Document:
    """The agency's picture as listings, one per kind of record; JSON gets them all."""
    for row in picture["waivers"]:
        row["period_text"] = period_label(row["period"])
        row["state_text"] = t(f"waiver_state.{row['state']}")
    for row in picture["requests"]:
        row["period_text"] = period_label(row["period"])
        row["kind_text"] = t(f"action.{row['kind']}")
    for row in picture["reminders"]:
        row["period_text"] = period_label(row["period"])
        row["stage_text"] = _stage(row["stage"])
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


def _facts(contact: dict[str, Any]) -> list[dict[str, Any]]:
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


def _stage(days: int) -> str:
    """A reminder's stage as a person says it: 7 days before, on the day, 14 days after."""
    if days < 0:
        return t("stage.before", days=-days)
    if days == 0:
        return t("stage.on_the_day")
    return t("stage.after", days=days)
