"""A province's registry written to the database: its agencies, groups and mergers.

Saving updates in place and never deletes an agency, so the obligations,
submissions and reminders recorded against one keep their owner. Plain SQL
through a Writer, so an import on a ready SQLite file loads no SQLAlchemy.
Reading the registry back is `store.registry` (plain SQL, for questions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.specs import AgencySpec, GroupSpec, RegistrySpec
from bmnn_cli.store import rows
from bmnn_cli.store.changes import Change, as_json, update_row
from bmnn_cli.store.reader import Reader, as_date, reader_of
from bmnn_cli.store.writer import Writer, writer_of


def stored_registry(source: Any, province_id: int) -> RegistrySpec:
    """The registry as a spec, so one matching code serves files and database."""
    from bmnn_cli.store import registry

    return registry.load_registry(reader_of(source), province_id)


def province_named(reader: Reader, code: str) -> rows.Province | None:
    found = rows.all_of(reader, rows.Province, "FROM province WHERE code = :code", {"code": code})
    return found[0] if found else None


def save_registry(target: Any, spec: RegistrySpec) -> tuple[rows.Province, list[Change]]:
    """Insert or update a province's registry; agencies are never deleted.

    `target` is a Writer, or a session (wrapped).
    """
    writer = writer_of(target)
    changes: list[Change] = []
    province = province_named(writer, spec.province)
    values: dict[str, Any] = {
        "name": spec.name,
        "days_off": as_json(sorted(d.isoformat() for d in spec.days_off)),
        "working_days": as_json(sorted(d.isoformat() for d in spec.working_days)),
    }
    if province is None:
        province_id = writer.insert(
            "INSERT INTO province (code, name, days_off, working_days)"
            " VALUES (:code, :name, :days_off, :working_days) RETURNING id",
            {"code": spec.province, **values},
        )
        province = rows.one(writer, rows.Province, province_id)
        changes.append(Change("added", f"province {spec.province}"))
    else:
        changes += update_row(writer, "province", province, values, f"province {spec.province}")
    groups = _save_groups(writer, province.id, spec.groups, changes)
    agencies = _save_agencies(writer, province.id, spec.agencies, changes)
    _save_links(writer, province.id, spec, groups, agencies, changes)
    return province, changes


def _save_groups(
    writer: Writer, province_id: int, specs: list[GroupSpec], changes: list[Change]
) -> dict[str, int]:
    """The groups saved in the order of the file; their ids by code."""
    where = {"province": province_id}
    stored = {
        g.code: g
        for g in rows.all_of(
            writer, rows.AgencyGroup, "FROM agency_group WHERE province_id = :province", where
        )
    }
    ids = {code: group.id for code, group in stored.items()}
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "aliases": as_json(spec.aliases),
            "position": position,
        }
        if spec.code in stored:
            changes += update_row(
                writer, "agency_group", stored[spec.code], values, f"group {spec.code}"
            )
        else:
            ids[spec.code] = writer.insert(
                "INSERT INTO agency_group (province_id, code, name, aliases, position)"
                " VALUES (:province, :code, :name, :aliases, :position) RETURNING id",
                {**where, "code": spec.code, **values},
            )
            changes.append(Change("added", f"group {spec.code}"))
    return ids


def _save_agencies(
    writer: Writer, province_id: int, specs: list[AgencySpec], changes: list[Change]
) -> dict[str, rows.Agency]:
    """The agencies saved in the order of the file: new ones in one statement."""
    where = {"province": province_id}
    stored = {
        a.code: a
        for a in rows.all_of(
            writer, rows.Agency, "FROM agency WHERE province_id = :province", where
        )
    }
    added: list[dict[str, Any]] = []
    for position, spec in enumerate(specs):
        values: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "aliases": as_json(spec.aliases),
            "emails": as_json(spec.emails),
            "merged_on": spec.merged_on,
            "position": position,
        }
        if spec.code in stored:
            changes += update_row(
                writer, "agency", stored[spec.code], values, f"agency {spec.code}"
            )
        else:
            added.append({**where, "code": spec.code, **values})
            changes.append(Change("added", f"agency {spec.code}"))
    if added:
        writer.many(
            "INSERT INTO agency (province_id, code, name, kind, aliases, emails, merged_on,"
            " position) VALUES (:province, :code, :name, :kind, :aliases, :emails, :merged_on,"
            " :position)",
            added,
        )
        new = {a["code"] for a in added}
        stored |= {
            a.code: a
            for a in rows.all_of(
                writer, rows.Agency, "FROM agency WHERE province_id = :province", where
            )
            if a.code in new
        }
    return stored


def _save_links(
    writer: Writer,
    province_id: int,
    spec: RegistrySpec,
    groups: dict[str, int],
    agencies: dict[str, rows.Agency],
    changes: list[Change],
) -> None:
    """Mergers (successors) and group memberships, each agency's as the file has them."""
    memberships = _memberships(writer, province_id)
    successors: list[dict[str, Any]] = []
    for agency_spec in spec.agencies:
        row = agencies[agency_spec.code]
        successor = agencies[agency_spec.successor].id if agency_spec.successor else None
        if row.successor_id != successor:
            row.successor_id = successor
            successors.append({"id": row.id, "successor": successor})
            if successor is not None:
                changes.append(
                    Change("changed", f"agency {row.code}", f"merged into {agency_spec.successor}")
                )
        wanted = {(groups[m.group], m.since) for m in agency_spec.groups}
        current = memberships.get(row.id, set())
        if wanted != current:
            if current:
                writer.execute("DELETE FROM group_member WHERE agency_id = :id", {"id": row.id})
            writer.many(
                "INSERT INTO group_member (group_id, agency_id, since)"
                " VALUES (:group, :agency, :since)",
                [
                    {"group": group_id, "agency": row.id, "since": since}
                    for group_id, since in wanted
                ],
            )
            if current:
                changes.append(Change("changed", f"agency {row.code}", "groups"))
    if successors:
        writer.many("UPDATE agency SET successor_id = :successor WHERE id = :id", successors)


def _memberships(reader: Reader, province_id: int) -> dict[int, set[tuple[int, dt.date | None]]]:
    """The stored (group, since) pairs of each agency of a province, in one query."""
    out: dict[int, set[tuple[int, dt.date | None]]] = {}
    for agency_id, group_id, since in reader.rows(
        "SELECT m.agency_id, m.group_id, m.since FROM group_member m"
        " JOIN agency a ON a.id = m.agency_id WHERE a.province_id = :province",
        {"province": province_id},
    ):
        out.setdefault(agency_id, set()).add((group_id, as_date(since)))
    return out


def registry_ids(source: Any, directory: Directory) -> tuple[dict[str, int], dict[str, int]]:
    """The ids of a registry's agencies and of its groups, by code."""
    reader = reader_of(source)
    where = {"code": directory.registry.province}
    agencies = dict(
        reader.rows(
            "SELECT a.code, a.id FROM agency a JOIN province p ON p.id = a.province_id"
            " WHERE p.code = :code",
            where,
        )
    )
    groups = dict(
        reader.rows(
            "SELECT g.code, g.id FROM agency_group g JOIN province p ON p.id = g.province_id"
            " WHERE p.code = :code",
            where,
        )
    )
    return agencies, groups
