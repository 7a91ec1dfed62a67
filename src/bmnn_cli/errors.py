"""The errors a user can cause, each with its documented exit code.

The CLI turns every `BmnnError` into one line on stderr and its exit code, in
one place (`bmnn_cli.cli.app.BmnnGroup`); nothing else prints errors.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes; the README documents the same table."""

    OK = 0
    OVERDUE = 1  # --fail-on-overdue found overdue obligations
    USAGE = 2  # bad option or argument (Click's own code)
    INPUT = 3  # a plan, registry or CSV file that cannot be read or is invalid
    NOT_FOUND = 4  # unknown plan, task, agency or group
    DATABASE = 5  # the database cannot be opened, read or written
    REFUSED = 6  # a change the tool will not make (it would lose records)
    DELIVERY = 7  # some reminders could not be delivered; the rest went out
    INTERNAL = 70  # a bug: please report it
    TEMPFAIL = 75  # another run holds the lock (sysexits EX_TEMPFAIL): try again later
    CLOSED_PIPE = 141  # the reader of the output went away (`| head`): 128 + SIGPIPE, as cat


class BmnnError(Exception):
    """Base of every error shown to a user; `str()` is the message."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(BmnnError):
    """A file or value given by the user is unreadable or invalid."""

    exit_code = ExitCode.INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = path or ""
        if path and line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.column = column


class UsageError(BmnnError):
    """An option value that makes no sense (same code as Click's usage errors)."""

    exit_code = ExitCode.USAGE


class NotFound(BmnnError):
    """A reference to a plan, task, agency or group that does not exist."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, *, value: str, suggestions: list[str] | None = None) -> None:
        self.value = value
        self.suggestions = suggestions or []
        super().__init__(message)


class DatabaseError(BmnnError):
    """The database file is missing, not SQLite, read-only, locked or too new."""

    exit_code = ExitCode.DATABASE


class Refused(BmnnError):
    """A change that would lose recorded work; the message says how to force it."""

    exit_code = ExitCode.REFUSED


class DeliveryFailed(BmnnError):
    """Some reminders were not delivered (server down, address refused); others were."""

    exit_code = ExitCode.DELIVERY


class Busy(BmnnError):
    """Another run holds the lock; nothing was done, the next run will do it."""

    exit_code = ExitCode.TEMPFAIL


__all__ = [
    "BmnnError",
    "Busy",
    "DatabaseError",
    "DeliveryFailed",
    "ExitCode",
    "InputError",
    "NotFound",
    "Refused",
    "UsageError",
]
