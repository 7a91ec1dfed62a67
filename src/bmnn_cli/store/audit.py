"""The audit log: every change, with when, which OS user and which command.

The record of who submitted what is evidence; the log is written in the same
transaction as the change it describes, so one never exists without the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn_cli.invocation import command_line, os_user
from bmnn_cli.store.writer import writer_of

__all__ = ["command_line", "now", "os_user", "record"]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(
    target: Any,
    action: str,
    *,
    plan: str = "",
    task: str = "",
    agency: str = "",
    detail: str = "",
) -> None:
    """Log `action` in the transaction of `target` (a Writer, or a session not yet converted)."""
    writer_of(target).execute(
        "INSERT INTO audit_log (at, os_user, command, action, plan, task, agency, detail)"
        " VALUES (:at, :os_user, :command, :action, :plan, :task, :agency, :detail)",
        {
            "at": now(),
            "os_user": os_user(),
            "command": command_line(),
            "action": action,
            "plan": plan,
            "task": task,
            "agency": agency,
            "detail": detail,
        },
    )
