"""A province's registry written to the database: its agencies, groups and mergers.

Saving updates in place and never deletes an agency, so the obligations,
submissions and reminders recorded against one keep their owner. Reading the
registry back is `store.registry` (plain SQL, for questions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.specs import AgencySpec, GroupSpec, RegistrySpec
from bmnn_cli.store.changes import Change, as_json, update_row
from bmnn_cli.store.models import Agency, AgencyGroup, GroupMember, Province, key


def stored_registry(session: Session, province: Province) -> RegistrySpec:
    """The registry as a spec, so one matching code serves files and database."""
    from bmnn_cli.store import registry
    from bmnn_cli.store.reader import reader_of

    return registry.load_registry(reader_of(session), key(province))


def save_registry(session: Session, spec: RegistrySpec) -> tuple[Province, list[Change]]:
    """Insert or update a province's registry; agencies are never deleted."""
    changes: list[Change] = []
    province = session.exec(select(Province).where(Province.code == spec.province)).first()
    values: dict[str, Any] = {
        "name": spec.name,
        "days_off": as_json(sorted(d.isoformat() for d in spec.days_off)),
        "working_days": as_json(sorted(d.isoformat() for d in spec.working_days)),
    }
    if province is None:
        province = Province(code=spec.province, **values)
        session.add(province)
        changes.append(Change("added", f"province {spec.province}"))
    else:
        changes += update_row(province, values, f"province {spec.province}")
    session.flush()
    assert province.id is not None
    groups = _save_groups(session, province.id, spec.groups, changes)
    agencies = _save_agencies(session, province.id, spec.agencies, changes)
    _save_links(session, province.id, spec, groups, agencies, changes)
    return province, changes


def _save_groups(
    session: Session, province_id: int, specs: list[GroupSpec], changes: list[Change]
) -> dict[str, AgencyGroup]:
    rows = {
        g.code: g
        for g in session.exec(select(AgencyGroup).where(AgencyGroup.province_id == province_id))
    }
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "aliases": as_json(spec.aliases),
            "position": position,
        }
        if spec.code in rows:
            changes += update_row(rows[spec.code], values, f"group {spec.code}")
        else:
            rows[spec.code] = AgencyGroup(province_id=province_id, code=spec.code, **values)
            session.add(rows[spec.code])
            changes.append(Change("added", f"group {spec.code}"))
    session.flush()
    return rows


def _save_agencies(
    session: Session, province_id: int, specs: list[AgencySpec], changes: list[Change]
) -> dict[str, Agency]:
    rows = {
        a.code: a for a in session.exec(select(Agency).where(Agency.province_id == province_id))
    }
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "aliases": as_json(spec.aliases),
            "emails": as_json(spec.emails),
            "merged_on": spec.merged_on,
            "position": position,
        }
        if spec.code in rows:
            changes += update_row(rows[spec.code], values, f"agency {spec.code}")
        else:
            rows[spec.code] = Agency(province_id=province_id, code=spec.code, **values)
            session.add(rows[spec.code])
            changes.append(Change("added", f"agency {spec.code}"))
    session.flush()
    return rows


def _save_links(
    session: Session,
    province_id: int,
    spec: RegistrySpec,
    groups: dict[str, AgencyGroup],
    agencies: dict[str, Agency],
    changes: list[Change],
) -> None:
    memberships = _memberships(session, province_id)
    for agency_spec in spec.agencies:
        row = agencies[agency_spec.code]
        successor = agencies[agency_spec.successor].id if agency_spec.successor else None
        if row.successor_id != successor:
            row.successor_id = successor
            if successor is not None:
                changes.append(
                    Change("changed", f"agency {row.code}", f"merged into {agency_spec.successor}")
                )
        wanted = {(key(groups[m.group]), m.since) for m in agency_spec.groups}
        current = memberships.get(key(row), set())
        if wanted != current:
            session.execute(delete(GroupMember).where(col(GroupMember.agency_id) == row.id))
            for group_id, since in wanted:
                session.add(GroupMember(group_id=group_id, agency_id=key(row), since=since))
            if current:
                changes.append(Change("changed", f"agency {row.code}", "groups"))
    session.flush()


def _memberships(session: Session, province_id: int) -> dict[int, set[tuple[int, dt.date | None]]]:
    """The stored (group, since) pairs of each agency of a province, in one query."""
    out: dict[int, set[tuple[int, dt.date | None]]] = {}
    for agency_id, group_id, since in session.exec(
        select(GroupMember.agency_id, GroupMember.group_id, col(GroupMember.since))
        .join(Agency, col(Agency.id) == GroupMember.agency_id)
        .where(Agency.province_id == province_id)
    ):
        out.setdefault(agency_id, set()).add((group_id, since))
    return out


def registry_ids(session: Session, directory: Directory) -> tuple[dict[str, int], dict[str, int]]:
    province = session.exec(
        select(Province).where(Province.code == directory.registry.province)
    ).one()
    agencies = dict(
        session.exec(select(Agency.code, Agency.id).where(Agency.province_id == province.id)).all()
    )
    groups = dict(
        session.exec(
            select(AgencyGroup.code, AgencyGroup.id).where(AgencyGroup.province_id == province.id)
        ).all()
    )
    return agencies, groups  # type: ignore[return-value]
