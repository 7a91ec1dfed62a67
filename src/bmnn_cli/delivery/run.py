"""One `bmnn remind` run: choose the messages due, deliver them, record what went out.

The command parses options and prints; the workflow lives here so that its
rules hold whoever calls it. `due_messages` asks the domain which reminder
stages are due (given the log of what went out on the channel) and builds
one message per agency. `deliver_due` holds a lock for the whole run, the
choice included, so two runs started at once never pick the same stages;
`delivery.dispatch` records each message only after the server accepted it
(or the .eml file is on disk), one transaction per message, so a failure
half-way leaves the rest to the next run and marks nothing unsent as sent.

An agency without an e-mail address in the registry is not a delivery
failure: retrying cannot help until someone adds one. By SMTP its message
is left out, unsent and unrecorded (so it goes out on the first run after
the address is imported), and the run reports it as a warning; exit 7 stays
for the server's failures. Only when no agency in the run's scope has an
address at all, so that nothing could ever be sent, is the run an error
(`RunOutcome.unreachable`, exit 3 like a missing setting). As .eml files,
its message is written as usual, without a To: header, to be addressed by
hand.

The store, SMTP and e-mail modules are imported inside the functions: the
CLI imports this module only for `remind`, but a caller that just wants the
types should not pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn_cli.i18n import t

if TYPE_CHECKING:
    from bmnn_cli.delivery.config import Settings
    from bmnn_cli.domain.reminders import Message
    from bmnn_cli.store.db import Store
    from bmnn_cli.store.reader import Reader
    from bmnn_cli.store.transactions import Transactions


@dataclass
class Query:
    """What to remind of: the day, how far ahead, overdue or not, and the scope."""

    as_of: dt.date
    days: int
    include_overdue: bool
    plan: str | None = None
    agency: str | None = None
    group: str | None = None

    @property
    def until(self) -> dt.date:
        """The last due date reminded of: the stores must know the schedules that far."""
        return self.as_of + dt.timedelta(days=self.days)


@dataclass(frozen=True)
class Route:
    """Where a live run delivers: .eml files into `folder`, else by SMTP with `secret`."""

    folder: Path | None = None
    secret: str = field(default="", repr=False)

    @property
    def channel(self) -> str:
        """The reminder log's channel: stages sent by mail and written as files are apart."""
        return "smtp" if self.folder is None else "eml"


@dataclass
class Result:
    """What became of one message."""

    message: Message
    outcome: str  # sent | written | failed | taken (by another sender) | no_address (SMTP)
    error: str = ""
    refused: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


@dataclass
class RunOutcome:
    """What a delivering run did, message by message: the summary and the exit code."""

    channel: str
    results: list[Result]
    unreachable: bool = False  # messages were due, yet no agency in scope has an address

    @property
    def attempted(self) -> list[Result]:
        """The messages handed to the channel (all but those kept back for want of an address)."""
        return [r for r in self.results if r.outcome not in ("no_address", "taken")]

    @property
    def delivered(self) -> list[Result]:
        return [r for r in self.results if r.outcome in ("sent", "written")]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.outcome == "failed"]

    @property
    def unaddressed(self) -> list[Result]:
        """Messages to agencies without an address: kept back (SMTP), or written without To:."""
        return [r for r in self.results if not r.message.recipients and r.outcome != "failed"]

    def warning(self) -> str:
        """What the officer should fix in the registry, or "" when every agency has an address."""
        return _warning([r.message for r in self.unaddressed], self.channel)

    def problem(self) -> str:
        """Why the run must not look successful (exit 7), or "" when all went out."""
        failed, refused = self.failed, [r for r in self.results if r.refused]
        parts = []
        if failed:
            names = ", ".join(f"{r.message.agency} ({r.error})" for r in failed[:_NAMED])
            more = t("err.cli.and_more", count=len(failed) - _NAMED) if len(failed) > _NAMED else ""
            parts.append(
                t(
                    "err.cli.not_delivered",
                    failed=len(failed),
                    total=len(self.attempted),
                    names=names,
                    more=more,
                )
            )
        if refused:
            names = ", ".join(f"{a} ({r.message.agency})" for r in refused for a in r.refused)
            parts.append(t("err.cli.addresses_refused", names=names))
        return "; ".join(parts)


@dataclass
class Preview:
    """The messages a run on `channel` would deliver, shown before (or instead of) sending."""

    channel: str
    messages: list[Message]

    @property
    def going(self) -> list[Message]:
        """Those that would go out: by SMTP only those with an address; as files, every one."""
        return [m for m in self.messages if m.recipients or self.channel == "eml"]

    @property
    def reminders(self) -> int:
        """The reminders the messages that would go out carry."""
        return sum(len(m.reminders) for m in self.going)

    def warning(self) -> str:
        """The agencies without an address, and what becomes of their messages; else ""."""
        return _warning(self.messages, self.channel)


def preview(source: Store | Reader, query: Query, settings: Settings, channel: str) -> Preview:
    """What a run would send now on `channel`, recording nothing."""
    return Preview(channel, due_messages(source, query, settings, channel))


def _warning(messages: list[Message], channel: str) -> str:
    if all(m.recipients for m in messages):
        return ""
    key = "remind.no_address_list" if channel == "smtp" else "remind.eml_no_address"
    return t("remind.warning", text=unaddressed_text(messages, key))


_NAMED = 5  # agencies named in a summary line before "and N more"


def unaddressed_text(messages: list[Message], key: str = "remind.no_address_list") -> str:
    """The agencies of `messages` that have no address, named compactly, and what to do."""
    names = [m.agency for m in messages if not m.recipients]
    shown = ", ".join(names[:_NAMED])
    more = t("err.cli.and_more", count=len(names) - _NAMED) if len(names) > _NAMED else ""
    return t(key, n=len(names), names=shown, more=more)


def route(settings: Settings, folder: Path | None) -> Route:
    """Check the settings a live run needs, before anything is sent; read the password.

    Checked before the database is opened, so a misconfigured cron job says
    what to set rather than failing on its first message.
    """
    from bmnn_cli.delivery.config import password
    from bmnn_cli.errors import InputError

    if not settings.smtp.sender:
        raise InputError(t("err.cli.no_sender", path=settings.path))
    if folder is not None:
        return Route(folder)
    if not settings.smtp.host:
        raise InputError(t("err.cli.no_smtp_host", path=settings.path))
    return Route(secret=password(settings.smtp))


def due_messages(
    source: Store | Transactions | Reader, query: Query, settings: Settings, channel: str = "smtp"
) -> list[Message]:
    """The messages due now: stages not yet logged on `channel`, one per agency.

    `source` is a Reader for a question (a dry run, the morning view: no
    SQLAlchemy on a SQLite file), or the database of a live run
    (`store.transactions`: no SQLAlchemy on a ready SQLite file either).
    """
    from bmnn_cli.domain import reminders as domain
    from bmnn_cli.store import outstanding
    from bmnn_cli.store.lookup import scope

    until = query.until
    with _reader(source) as reader:
        chosen = scope(reader, plan=query.plan, agency=query.agency, group=query.group)
        items = outstanding.open_items(
            reader, chosen, query.as_of, until=until, include_overdue=query.include_overdue
        )
        sent = outstanding.logged(reader, [i.obligation_id for i in items], channel)
    picked = domain.select(items, settings.stages, query.as_of, sent)
    return [
        domain.compose(group, query.as_of, settings.sender) for group in domain.by_agency(picked)
    ]


@contextmanager
def _reader(source: Store | Transactions | Reader) -> Iterator[Reader]:
    """The Reader itself, or one over a read transaction of the run's database or the store."""
    from bmnn_cli.store.reader import Reader, reader_of

    if isinstance(source, Reader):
        yield source
        return
    with source.read() as session_or_reader:
        yield reader_of(session_or_reader)


def deliver_due(
    store: Store | Transactions,
    query: Query,
    settings: Settings,
    route: Route,
    on_result: Callable[[Result], None],
    on_start: Callable[[int], None] | None = None,
) -> RunOutcome:
    """Choose and deliver the messages due, holding the run lock throughout.

    `on_result` hears of each message as soon as it is settled, so progress
    shows while a slow server works through the rest. By SMTP, a message to
    an agency without an address is settled at once as `no_address`: never
    handed to the server, never recorded. `on_start` hears how many messages
    are due before the first goes out. Raises `Busy` when another run holds
    the lock.
    """
    from bmnn_cli.delivery import dispatch
    from bmnn_cli.store.reminders import clear_stale_claims, run_lock

    results: list[Result] = []
    with run_lock(store):
        with store.write() as writer:  # claims of a run that died: unknown, so sent again
            clear_stale_claims(writer)
        messages = due_messages(store, query, settings, route.channel)
        by_smtp = route.channel == "smtp"
        held = [m for m in messages if by_smtp and not m.recipients]
        unreachable = bool(held) and len(held) == len(messages) and not _any_address(store, query)
        if on_start is not None:
            on_start(len(messages))
        with dispatch.channel(store, settings, route) as deliver_one:  # SMTP connects on first use
            for message in messages:
                if by_smtp and not message.recipients:
                    results.append(Result(message, "no_address", t("remind.no_address")))
                else:
                    results.append(deliver_one(message))
                on_result(results[-1])
    return RunOutcome(route.channel, results, unreachable)


def _any_address(store: Store | Transactions, query: Query) -> bool:
    """Whether any agency answerable within the run's scope has an e-mail address."""
    from bmnn_cli.store import outstanding
    from bmnn_cli.store.lookup import scope

    with _reader(store) as reader:
        chosen = scope(reader, plan=query.plan, agency=query.agency, group=query.group)
        return outstanding.any_address(reader, chosen, query.as_of)
