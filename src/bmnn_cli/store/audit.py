"""The audit log: every change, with when, which OS user and which command.

The record of who submitted what is evidence; the log is written in the same
transaction as the change it describes, so one never exists without the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from bmnn_cli.invocation import command_line, os_user
from bmnn_cli.store.models import AuditLog

__all__ = ["command_line", "entries", "now", "os_user", "record"]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(
    session: Session,
    action: str,
    *,
    plan: str = "",
    task: str = "",
    agency: str = "",
    detail: str = "",
) -> None:
    session.add(
        AuditLog(
            at=now(),
            os_user=os_user(),
            command=command_line(),
            action=action,
            plan=plan,
            task=task,
            agency=agency,
            detail=detail,
        )
    )


def entries(
    session: Session,
    *,
    since: dt.date | None = None,
    agency_codes: list[str] | None = None,
    plan: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Newest first; `since` is inclusive (a UTC day)."""
    where, params = ["1 = 1"], {}
    if since is not None:
        where.append("at >= :since")
        params["since"] = since.isoformat()
    if agency_codes is not None:
        names = [f":a{i}" for i in range(len(agency_codes))]
        params.update({f"a{i}": c for i, c in enumerate(agency_codes)})
        where.append(f"agency IN ({', '.join(names) or 'NULL'})")
    if plan is not None:
        where.append("plan = :plan")
        params["plan"] = plan
    sql = (
        "SELECT at, os_user, action, plan, task, agency, detail, command FROM audit_log "
        f"WHERE {' AND '.join(where)} ORDER BY id DESC"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(r) for r in session.connection().execute(text(sql), params).mappings()]
