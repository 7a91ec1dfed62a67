"""Finding the plan, task and agency a person means, across provinces."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from bmnn_cli.domain.directory import Directory
from bmnn_cli.errors import NotFound, UsageError
from bmnn_cli.store.models import Agency, AgencyGroup, GroupMember, Plan, Province, Task
from bmnn_cli.store.plans import find_plan, load_registry
from bmnn_cli.text import did_you_mean, fold


@dataclass(frozen=True)
class Scope:
    """Filters shared by every listing; None means "all"."""

    plan_id: int | None = None
    agency_ids: tuple[int, ...] | None = None
    task_id: int | None = None


def directories(session: Session, province_id: int | None = None) -> dict[int, Directory]:
    query = select(Province)
    if province_id is not None:
        query = query.where(Province.id == province_id)
    return {p.id: Directory(load_registry(session, p)) for p in session.exec(query) if p.id}


def agency_ids(
    session: Session, text: str, *, province_id: int | None = None, groups: bool = True
) -> list[int]:
    """Agencies `text` names (a group gives its members), in one or all provinces."""
    exact = _exact_agency(session, text, province_id)
    if exact:
        return exact
    found: list[int] = []
    suggestions: list[str] = []
    kinds = ("agency", "group") if groups else ("agency",)
    for pid, directory in directories(session, province_id).items():
        try:
            ref = directory.find(text, kinds=kinds)
        except NotFound as error:
            suggestions += error.suggestions
            continue
        codes = (
            [ref.code] if ref.kind == "agency" else [a.code for a, _ in directory.members(ref.code)]
        )
        found += session.exec(
            select(Agency.id).where(Agency.province_id == pid).where(col(Agency.code).in_(codes))
        ).all()  # type: ignore[arg-type]
    if not found:
        hint = did_you_mean(suggestions)
        what = "agency or group" if groups else "agency"
        raise NotFound(f"unknown {what} {text!r}{hint}", value=text, suggestions=suggestions)
    return found


def _exact_agency(session: Session, text: str, province_id: int | None) -> list[int]:
    """The common case, an id or a name typed exactly, without reading the registry."""
    query = select(Agency.id).where((Agency.code == text) | (Agency.name == text))
    if province_id is not None:
        query = query.where(Agency.province_id == province_id)
    return [i for i in session.exec(query).all() if i is not None]


def group_ids(session: Session, text: str) -> list[int]:
    rows = session.exec(select(AgencyGroup)).all()
    matches = [
        g.id for g in rows if fold(text) in {fold(g.code), fold(g.name), *map(fold, _aliases(g))}
    ]
    if not matches:
        raise NotFound(
            f"unknown group {text!r} (groups: {', '.join(sorted({g.code for g in rows}))})",
            value=text,
        )
    return [m for m in matches if m is not None]


def _aliases(group: AgencyGroup) -> list[str]:
    import json

    return list(json.loads(group.aliases))


def members_of(session: Session, group_ids_: list[int]) -> list[int]:
    return list(
        session.exec(
            select(GroupMember.agency_id).where(col(GroupMember.group_id).in_(group_ids_))
        ).all()
    )


def scope(
    session: Session,
    *,
    plan: str | None = None,
    agency: str | None = None,
    group: str | None = None,
) -> Scope:
    plan_row = find_plan(session, plan) if plan else None
    province_id = plan_row.province_id if plan_row else None
    ids: set[int] | None = None
    if agency:
        ids = set(agency_ids(session, agency, province_id=province_id))
    if group:
        members = set(members_of(session, group_ids(session, group)))
        ids = members if ids is None else ids & members
    return Scope(plan_row.id if plan_row else None, tuple(sorted(ids)) if ids is not None else None)


def find_task(session: Session, text: str, *, plan: str | None = None) -> Task:
    """A task by its id in the document; "PLAN:ID" or --plan picks among plans."""
    if plan is None and ":" in text:
        plan, text = text.rsplit(":", 1)
    query = select(Task).where(col(Task.archived_at).is_(None))
    if plan:
        query = query.where(Task.plan_id == find_plan(session, plan).id)
    tasks = session.exec(query).all()
    matches = [t for t in tasks if fold(t.code) == fold(text)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        plans = session.exec(
            select(Plan.code).where(col(Plan.id).in_({t.plan_id for t in matches}))
        ).all()
        raise UsageError(f"task {text!r} is in several plans ({', '.join(plans)}); add --plan")
    import difflib

    close = difflib.get_close_matches(text, sorted({t.code for t in tasks}), n=3, cutoff=0.5)
    hint = did_you_mean(close)
    raise NotFound(f"unknown task {text!r}{hint}", value=text, suggestions=close)
