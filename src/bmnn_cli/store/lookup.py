"""Finding the plan, task and agency a person means, across provinces.

Plain SQL over a Reader (a SQLAlchemy session is wrapped on the way in), so
that the read-only listings resolve `--plan`, `--agency` and `--group`
without loading SQLAlchemy.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.i18n import t
from bmnn_cli.store.reader import Reader, reader_of
from bmnn_cli.text import did_you_mean, fold

if TYPE_CHECKING:
    from sqlmodel import Session

    from bmnn_cli.domain.directory import Directory
    from bmnn_cli.store.rows import Task

    Source: TypeAlias = Reader | Session


@dataclass(frozen=True)
class Scope:
    """Filters shared by every listing; None means "all"."""

    plan_id: int | None = None
    agency_ids: tuple[int, ...] | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class PlanRef:
    id: int
    code: str
    province_id: int


def plan_ref(source: Source, text: str) -> PlanRef:
    """The plan `text` names by its code or its document number (case and accents aside)."""
    plans = [
        (PlanRef(i, code, province), number)
        for i, code, number, province in reader_of(source).rows(
            "SELECT id, code, number, province_id FROM plan ORDER BY id"
        )
    ]
    for plan, number in plans:
        if fold(text) in (fold(plan.code), fold(number or "\0")):
            return plan
    codes = [plan.code for plan, _ in plans]
    close = difflib.get_close_matches(text, codes, n=3, cutoff=0.5)
    if close:
        message = t("err.store.unknown_plan", text=text, hint=did_you_mean(close))
    else:
        listed = ", ".join(codes) or t("err.store.no_plans_yet")
        message = t("err.store.unknown_plan_listed", text=text, plans=listed)
    raise NotFound(message, value=text, suggestions=close)


def directories(source: Source, province_id: int | None = None) -> dict[int, Directory]:
    from bmnn_cli.domain.directory import Directory
    from bmnn_cli.store.registry import load_registry

    reader = reader_of(source)
    ids = [row[0] for row in reader.rows("SELECT id FROM province ORDER BY id")]
    return {
        pid: Directory(load_registry(reader, pid))
        for pid in ids
        if province_id is None or pid == province_id
    }


def agency_ids(
    source: Source, text: str, *, province_id: int | None = None, groups: bool = True
) -> list[int]:
    """Agencies `text` names (a group gives its members), in one or all provinces."""
    reader = reader_of(source)
    exact = _exact_agency(reader, text, province_id)
    if exact:
        return exact
    found: list[int] = []
    suggestions: list[str] = []
    kinds = ("agency", "group") if groups else ("agency",)
    for pid, directory in directories(reader, province_id).items():
        try:
            ref = directory.find(text, kinds=kinds)
        except NotFound as error:
            suggestions += error.suggestions
            continue
        codes = (
            [ref.code] if ref.kind == "agency" else [a.code for a, _ in directory.members(ref.code)]
        )
        found += _ids_of_codes(reader, pid, codes)
    if not found:
        key = "err.store.unknown_agency_or_group" if groups else "err.store.unknown_agency"
        raise NotFound(
            t(key, text=text, hint=did_you_mean(suggestions) or t("hint.see_agencies")),
            value=text,
            suggestions=suggestions,
        )
    return found


def _exact_agency(reader: Reader, text: str, province_id: int | None) -> list[int]:
    """The common case, an id or a name typed exactly, without reading the registry."""
    sql = "SELECT id FROM agency WHERE (code = :text OR name = :text)"
    if province_id is not None:
        sql += " AND province_id = :province"
    return [
        row[0] for row in reader.rows(sql + " ORDER BY id", {"text": text, "province": province_id})
    ]


def _ids_of_codes(reader: Reader, province_id: int, codes: list[str]) -> list[int]:
    wanted = set(codes)
    rows = reader.rows(
        "SELECT id, code FROM agency WHERE province_id = :province ORDER BY id",
        {"province": province_id},
    )
    return [agency_id for agency_id, code in rows if code in wanted]


def group_ids(source: Source, text: str) -> list[int]:
    """Groups named by id, name or short name; else the one name that holds the words typed.

    "cac xa phuong" finds "UBND các xã, phường": case, accents and punctuation
    aside, the words typed stand in one group's name (the same group of
    several provinces counts once).
    """
    rows = list(reader_of(source).rows("SELECT id, code, name, aliases FROM agency_group"))
    names = {
        gid: {_bare(code), _bare(name), *map(_bare, json.loads(al))} for gid, code, name, al in rows
    }
    wanted = _bare(text)
    exact = [gid for gid, known in names.items() if wanted in known]
    if exact:
        return exact
    within = [gid for gid, known in names.items() if any(f" {wanted} " in f" {n} " for n in known)]
    if wanted and len({_bare(name) for gid, _, name, _ in rows if gid in within}) == 1:
        return within
    known = ", ".join(sorted({code for _, code, _, _ in rows}))
    raise NotFound(t("err.store.unknown_group", text=text, groups=known), value=text)


def _bare(text: str) -> str:
    """`text` without case, accents or punctuation, its words single-spaced."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def members_of(source: Source, group_ids_: list[int]) -> list[int]:
    wanted = set(group_ids_)
    rows = reader_of(source).rows("SELECT group_id, agency_id FROM group_member")
    return [agency_id for group_id, agency_id in rows if group_id in wanted]


def scope(
    source: Source,
    *,
    plan: str | None = None,
    agency: str | None = None,
    group: str | None = None,
) -> Scope:
    reader = reader_of(source)
    plan_row = plan_ref(reader, plan) if plan else None
    province_id = plan_row.province_id if plan_row else None
    ids: set[int] | None = None
    if agency:
        ids = set(agency_ids(reader, agency, province_id=province_id))
    if group:
        members = set(members_of(reader, group_ids(reader, group)))
        ids = members if ids is None else ids & members
    return Scope(plan_row.id if plan_row else None, tuple(sorted(ids)) if ids is not None else None)


def find_task(source: Source, text: str, *, plan: str | None = None) -> Task:
    """The task `text` names (see `task_id`), as a stored row, for a record against it."""
    from bmnn_cli.store import rows

    reader = reader_of(source)
    return rows.one(reader, rows.Task, task_id(reader, text, plan=plan))


def task_id(source: Source, text: str, *, plan: str | None = None) -> int:
    """A task by its id in the document; "PLAN:ID" or --plan picks among plans."""
    reader = reader_of(source)
    if plan is None and ":" in text:
        plan, text = text.rsplit(":", 1)
    sql = "SELECT t.id, t.code, p.code FROM task t JOIN plan p ON p.id = t.plan_id"
    sql += " WHERE t.archived_at IS NULL"
    params: dict[str, Any] = {}
    if plan:
        sql += " AND t.plan_id = :plan"
        params["plan"] = plan_ref(reader, plan).id
    tasks = list(reader.rows(sql + " ORDER BY t.id", params))
    matches = [(found, plan_code) for found, code, plan_code in tasks if fold(code) == fold(text)]
    if len(matches) == 1:
        return int(matches[0][0])
    if len(matches) > 1:
        plans = ", ".join(sorted({plan_code for _, plan_code in matches}))
        raise UsageError(t("err.store.task_in_several_plans", text=text, plans=plans))
    close = difflib.get_close_matches(text, sorted({code for _, code, _ in tasks}), n=3, cutoff=0.5)
    raise NotFound(
        t("err.store.unknown_task", text=text, hint=did_you_mean(close)),
        value=text,
        suggestions=close,
    )
