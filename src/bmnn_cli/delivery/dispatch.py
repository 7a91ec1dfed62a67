"""Deliver one reminder message: claim its stages, send or write it, record it.

A message's stages are claimed before it goes out and recorded only after
the server accepted it (or the .eml file is on disk), each step in its own
transaction; a failure releases the claim, so the next run sends it again
and nothing unsent is marked as sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn_cli.delivery.run import Result
from bmnn_cli.i18n import t

if TYPE_CHECKING:
    from email.message import EmailMessage

    from bmnn_cli.delivery.config import Settings
    from bmnn_cli.delivery.mail import Mailer
    from bmnn_cli.delivery.run import Route
    from bmnn_cli.domain.reminders import Message
    from bmnn_cli.store.db import Store
    from bmnn_cli.store.transactions import Transactions

    Database = Store | Transactions  # a run's database: over sqlite3, or the store's sessions


@contextmanager
def channel(
    store: Database, settings: Settings, route: Route
) -> Iterator[Callable[[Message], Result]]:
    """Deliver one message at a time: into a file, or over one SMTP session for the run."""
    if route.folder is not None:
        folder = route.folder
        yield lambda message: _write_one(store, message, settings, folder)
        return
    from bmnn_cli.delivery.mail import Mailer

    with Mailer(settings.smtp, route.secret) as mailer:
        yield _Smtp(store, mailer, settings).send


@dataclass
class _Smtp:
    """Sends over one session; once the server proves unusable, fails the rest unsent."""

    store: Database
    mailer: Mailer
    settings: Settings
    fatal: str = ""

    def send(self, message: Message) -> Result:
        from bmnn_cli.delivery.mail import ConnectionFailed

        if self.fatal:
            return Result(message, "failed", self.fatal)
        try:
            return _send_one(self.store, self.mailer, message, self.settings)
        except ConnectionFailed as error:
            self.fatal = str(error)  # the server is unusable: do not try every agency
            return Result(message, "failed", self.fatal)


def _send_one(store: Database, mailer: Mailer, message: Message, settings: Settings) -> Result:
    import smtplib

    from bmnn_cli.delivery import mail

    assert message.recipients, "deliver_due keeps back messages without an address"
    built = _built_and_claimed(store, message, settings, "smtp")
    if isinstance(built, Result):
        return built
    email, message_id = built
    try:
        refused = mailer.send(email, list(message.recipients))
    except mail.UnsafeMessage as error:
        return _released(store, Result(message, "failed", str(error)), "smtp")
    except smtplib.SMTPRecipientsRefused as error:
        reasons = [f"{a}: {mail.reply_text(c, m)}" for a, (c, m) in error.recipients.items()]
        return _released(store, Result(message, "failed", "; ".join(reasons)), "smtp")
    except (smtplib.SMTPException, OSError) as error:
        return _released(store, Result(message, "failed", mail.describe(error)), "smtp")
    except BaseException:
        _release(store, message, "smtp")
        raise
    accepted = [a for a in message.recipients if a not in refused]
    _record(store, message, "smtp", accepted, message_id)
    return Result(message, "sent", refused=refused)


def _write_one(store: Database, message: Message, settings: Settings, folder: Path) -> Result:
    from bmnn_cli.delivery import mail
    from bmnn_cli.errors import BmnnError

    built = _built_and_claimed(store, message, settings, "eml")
    if isinstance(built, Result):
        return built
    email, message_id = built
    try:
        path = mail.write_eml(folder, message, email)
    except mail.UnsafeMessage as error:
        return _released(store, Result(message, "failed", str(error)), "eml")
    except BmnnError as error:
        return _released(store, Result(message, "failed", error.message), "eml")
    except OSError as error:
        return _released(store, Result(message, "failed", f"{folder}: {error.strerror}"), "eml")
    except BaseException:
        _release(store, message, "eml")
        raise
    where = f"file {path.name}"
    _record(store, message, "eml", list(message.recipients), message_id, where)
    return Result(message, "written", path=path)


def _built_and_claimed(
    store: Database, message: Message, settings: Settings, channel: str
) -> tuple[EmailMessage, str] | Result:
    """The message built and its stages claimed, or what became of it instead."""
    from bmnn_cli.delivery import mail

    try:
        email = mail.build(message, settings.smtp.sender)
    except mail.UnsafeMessage as error:
        return Result(message, "failed", str(error))
    message_id = str(email["Message-ID"])
    unclaimed = _claim(store, message, channel, message_id)
    return (email, message_id) if unclaimed is None else unclaimed


def _claim(store: Database, message: Message, channel: str, message_id: str) -> Result | None:
    """Take the message's stages before delivering it: None when taken, else what became of it.

    Another sender holding a stage settles the message as `taken`. A database
    too busy to take the claim means the message is not sent this run (a
    failure, retried next run), never sent without a record.
    """
    from bmnn_cli.errors import BmnnError
    from bmnn_cli.store import reminders as log

    try:
        with store.write() as writer:
            claimed = log.claim(writer, message, channel=channel, message_id=message_id)
    except BmnnError as error:
        return Result(message, "failed", error.message)
    return None if claimed else Result(message, "taken")


def _release(store: Database, message: Message, channel: str) -> None:
    from bmnn_cli.errors import BmnnError
    from bmnn_cli.store import reminders as log

    try:
        with store.write() as writer:
            log.release(writer, message, channel=channel)
    except BmnnError:
        pass  # a claim left behind is cleared by the next run, which sends again


def _released(store: Database, result: Result, channel: str) -> Result:
    _release(store, result.message, channel)
    return result


def _record(
    store: Database,
    message: Message,
    channel: str,
    recipients: list[str],
    message_id: str,
    where: str = "",
) -> None:
    """Log one delivered message in its own transaction (with its audit entries)."""
    from bmnn_cli.errors import BmnnError, DatabaseError
    from bmnn_cli.store import reminders as log

    try:
        with store.write() as writer:
            log.record(
                writer,
                message,
                channel=channel,
                recipients=recipients,
                message_id=message_id,
                where=where,
            )
    except BmnnError as error:
        raise DatabaseError(
            t("err.cli.not_recorded", error=error.message, agency=message.agency)
        ) from None
