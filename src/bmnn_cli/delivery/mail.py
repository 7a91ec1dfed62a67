"""Reminders as e-mail: RFC 5322 messages, written to .eml files or sent by SMTP.

Messages are UTF-8 plain text. The subject and display names are encoded
(RFC 2047) by the standard library; the body goes out as 8-bit text where
the server announces 8BITMIME (every current server does) and as
quoted-printable otherwise, so a .eml file stays readable in an editor.

`Auto-Submitted: auto-generated` (RFC 3834) keeps vacation auto-replies
from answering the reminder, and the Message-ID is derived from the
reminders it carries: a message resent after a crash has the same one, so
mail programs can see it is a duplicate.
"""

from __future__ import annotations

import datetime as dt
import errno
import smtplib
import socket
import ssl
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from types import TracebackType

from bmnn_cli import __version__
from bmnn_cli.delivery.config import Smtp
from bmnn_cli.domain.reminders import Message
from bmnn_cli.i18n import t
from bmnn_cli.text import without_controls

VIETNAM = dt.timezone(dt.timedelta(hours=7), "+07")


class ConnectionFailed(Exception):
    """The server cannot be reached or refuses us: every later message would fail too."""


class UnsafeMessage(ValueError):
    """A message that cannot be built safely (a bad address): one failed delivery."""


# Raw header values are never refolded: refolding parses them again, and the
# parser of Python 3.11/3.12 decodes encoded words into real line breaks
# (CVE-2024-6923). Every value set here is one line or already folded.
POLICY = SMTP.clone(refold_source="none")
_HEADER_NAMES = frozenset(
    {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "auto-submitted",
        "x-mailer",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
    }
)


def build(message: Message, sender: str, *, now: dt.datetime | None = None) -> EmailMessage:
    """The RFC 5322 form of one agency's reminder.

    Raises `UnsafeMessage` when an address cannot be put into a header.
    """
    email = EmailMessage(policy=POLICY)
    email.set_raw("From", mailbox(sender))
    if message.recipients:
        email.set_raw("To", ",\r\n ".join(_to(message.agency, a) for a in message.recipients))
    # Encoded by hand: the default folding drops the space where it breaks a
    # line between two encoded words ("Sở Tư pháp" came out "SởTư pháp").
    subject = without_controls(" ".join(message.subject.split()))
    email.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())
    email["Date"] = format_datetime(now or dt.datetime.now(VIETNAM))
    email["Message-ID"] = f"<bmnn.{message.fingerprint()}@{domain_of(sender)}>"
    email["Auto-Submitted"] = "auto-generated"
    email["X-Mailer"] = f"bmnn {__version__}"
    email.set_content(message.body, charset="utf-8", cte="8bit")
    return email


def mailbox(text: str) -> str:
    """A From: value ("Name <addr>" encoded, or the bare address); UnsafeMessage if none."""
    from bmnn_cli.domain.addresses import split_mailbox

    found = split_mailbox(text)
    if found is None:
        raise UnsafeMessage(t("err.hostile.bad_recipient", address=text))
    name, address = found
    return _mailbox(name, address)


def _to(name: str, address: str) -> str:
    from bmnn_cli.domain.addresses import is_address

    if not is_address(address):
        raise UnsafeMessage(t("err.hostile.bad_recipient", address=address))
    return _mailbox(name, address)


def _mailbox(name: str, address: str) -> str:
    """`"Name" <addr>`: the name always as encoded words, so no byte of it is syntax."""
    name = without_controls(" ".join(name.split()))
    if not name:
        return address
    encoded = Header(name, "utf-8", header_name="To").encode(linesep="\r\n")
    return f"{encoded}\r\n <{address}>" if "\n" in encoded else f"{encoded} <{address}>"


def as_bytes(email: EmailMessage) -> bytes:
    """The message as sent or written, after checking its header block once more.

    Whatever the Python version does, the block must hold only the fields
    `build` set, each once: an injected Bcc: never leaves this function.
    """
    data = email.as_bytes(policy=POLICY)
    head = data.split(b"\r\n\r\n", 1)[0]
    names = [
        line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
        for line in head.split(b"\r\n")
        if line and line[:1] not in (b" ", b"\t")
    ]
    odd = [n for n in names if n not in _HEADER_NAMES] or [
        n for n in set(names) if names.count(n) > 1
    ]
    if odd or b"\r" in head.replace(b"\r\n", b"") or b"\n" in head.replace(b"\r\n", b""):
        raise UnsafeMessage(t("err.hostile.unsafe_header", header=", ".join(odd) or "CR/LF"))
    return data


def domain_of(sender: str) -> str:
    from bmnn_cli.domain.addresses import split_mailbox

    found = split_mailbox(sender)
    return found[1].rpartition("@")[2] if found else "localhost"


def file_name(message: Message) -> str:
    """Unique per agency and set of reminders; sorts by day."""
    return f"{message.as_of:%Y%m%d}-{message.agency_id}-{message.fingerprint()[:8]}.eml"


def write_eml(folder: Path, message: Message, email: EmailMessage) -> Path:
    """Write the message whole or not at all (a temporary file renamed into place)."""
    from bmnn_cli.files import write_output

    data = as_bytes(email)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name(message)
    write_output(target, data, replace=True)
    return target


class Mailer:
    """One SMTP session for a run, opened on the first message, reopened after a drop."""

    def __init__(self, settings: Smtp, password: str) -> None:
        self.settings = settings
        self._password = password
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()

    def send(self, email: EmailMessage, recipients: list[str]) -> dict[str, str]:
        """Send; return the recipients the server refused (when it took some).

        Raises `ConnectionFailed` when the server cannot be used at all, and
        smtplib's errors when it refuses this one message.
        """
        client = self._client or self._connect()
        options = ["BODY=8BITMIME"] if client.has_extn("8bitmime") else []
        if not options:
            email = _seven_bit(email)
        data = as_bytes(email)  # before anything goes to the server
        sender = _envelope_sender(self.settings.sender)
        try:
            refused = client.sendmail(sender, recipients, data, mail_options=options)
        except (smtplib.SMTPServerDisconnected, OSError):
            self._client = None  # reconnect for the next message
            raise
        except smtplib.SMTPException:
            self._reset()
            raise
        return {address: reply_text(code, text) for address, (code, text) in refused.items()}

    def _reset(self) -> None:
        try:
            if self._client is not None:
                self._client.rset()
        except (smtplib.SMTPException, OSError):
            self._client = None

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        try:
            client = self._open()
            if settings.user:
                client.login(settings.user, self._password)
        except UnicodeEncodeError:
            raise ConnectionFailed(t("err.cli.smtp_ascii")) from None
        except smtplib.SMTPAuthenticationError as error:
            reply = reply_text(error.smtp_code, error.smtp_error)
            raise ConnectionFailed(
                t("err.cli.smtp_login", user=settings.user, reply=reply)
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise ConnectionFailed(
                t(
                    "err.cli.smtp_unusable",
                    host=settings.host,
                    port=settings.port,
                    security=settings.security,
                    error=describe(error),
                )
            ) from None
        self._client = client
        return client

    def _open(self) -> smtplib.SMTP:
        settings = self.settings
        context = ssl.create_default_context(cafile=settings.cafile or None)
        client: smtplib.SMTP
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.starttls(context=context)
        client.ehlo()  # (again, after STARTTLS): the extensions decide BODY=8BITMIME
        return client


def _seven_bit(email: EmailMessage) -> EmailMessage:
    """A copy whose body is quoted-printable, for a server without 8BITMIME.

    A deep copy keeps the raw header values as built (assigning them one by
    one would parse and refold them).
    """
    import copy as copying

    seven = copying.deepcopy(email)
    seven.set_content(email.get_content(), charset="utf-8", cte="quoted-printable")
    return seven


def _envelope_sender(sender: str) -> str:
    from bmnn_cli.domain.addresses import split_mailbox

    found = split_mailbox(sender)
    if found is None:
        raise UnsafeMessage(t("err.hostile.bad_recipient", address=sender))
    return found[1]


def reply_text(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip()


# Network failures said in words, the system's own text kept beside them.
_NETWORK = {
    errno.ECONNREFUSED: "net.refused",
    errno.ETIMEDOUT: "net.timeout",
    errno.EHOSTUNREACH: "net.unreachable",
    errno.ENETUNREACH: "net.unreachable",
    errno.ECONNRESET: "net.reset",
}


def describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return reply_text(error.smtp_code, error.smtp_error)
    if isinstance(error, socket.gaierror):
        return f"{t('net.unknown_host')} ({error.strerror or error})"
    if isinstance(error, TimeoutError):
        return f"{t('net.timeout')} ({error.strerror or type(error).__name__})"
    if isinstance(error, ssl.SSLError):
        return f"{t('net.tls')} ({error.strerror or error})"
    if isinstance(error, OSError) and error.errno in _NETWORK:
        return f"{t(_NETWORK[error.errno])} ({error.strerror})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
