"""A province's stored registry read back as the spec it was imported from.

One shape for files and database means one matching code (the domain's
`Directory`) finds an agency typed by a person, whether the registry came
from a TOML file or from the tables. Plain SQL over a Reader, so that a
read-only question can match names without loading SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json

from bmnn_cli.domain.specs import AgencySpec, GroupSpec, Membership, RegistrySpec
from bmnn_cli.store.reader import Reader, as_date
from bmnn_cli.text import fold, slug


def load_registry(reader: Reader, province_id: int) -> RegistrySpec:
    param = {"province": province_id}
    code, name, days_off, working_days = next(
        reader.rows(
            "SELECT code, name, days_off, working_days FROM province WHERE id = :province", param
        )
    )
    groups = list(
        reader.rows(
            "SELECT id, code, name, aliases FROM agency_group "
            "WHERE province_id = :province ORDER BY position, id",
            param,
        )
    )
    group_codes = {group_id: group_code for group_id, group_code, _, _ in groups}
    group_order = {group_code: i for i, group_code in enumerate(group_codes.values())}
    memberships: dict[int, list[Membership]] = {}
    for group_id, agency_id, since in reader.rows(
        "SELECT m.group_id, m.agency_id, m.since FROM group_member m "
        "JOIN agency_group g ON g.id = m.group_id WHERE g.province_id = :province",
        param,
    ):
        memberships.setdefault(agency_id, []).append(
            Membership(group_codes[group_id], as_date(since))
        )
    agencies = list(
        reader.rows(
            "SELECT id, code, name, kind, aliases, emails, successor_id, merged_on FROM agency "
            "WHERE province_id = :province ORDER BY position, id",
            param,
        )
    )
    agency_codes = {row[0]: row[1] for row in agencies}
    return RegistrySpec(
        province=code,
        name=name,
        days_off=_dates(days_off),
        working_days=_dates(working_days),
        groups=[GroupSpec(c, n, json.loads(aliases)) for _, c, n, aliases in groups],
        agencies=[
            AgencySpec(
                code=a_code,
                name=a_name,
                kind=kind,
                aliases=json.loads(aliases),
                emails=json.loads(emails),
                groups=sorted(memberships.get(a_id, []), key=lambda m: group_order[m.group]),
                successor=agency_codes.get(successor_id) if successor_id else None,
                merged_on=as_date(merged_on),
            )
            for a_id, a_code, a_name, kind, aliases, emails, successor_id, merged_on in agencies
        ],
    )


def find_registry(reader: Reader, province: str) -> RegistrySpec | None:
    """The registry of the province `province` names (its id, or its name as typed), if stored."""
    for province_id, code, name in reader.rows("SELECT id, code, name FROM province ORDER BY id"):
        if code == slug(province) or fold(name) == fold(province):
            return load_registry(reader, province_id)
    return None


def agency_names(reader: Reader) -> dict[tuple[str, str], str]:
    """(plan, agency id) → the agency's name; ("", id) for entries without a plan."""
    rows = reader.rows(
        "SELECT a.code, a.name, p.code FROM agency a "
        "LEFT JOIN plan p ON p.province_id = a.province_id"
    )
    names: dict[tuple[str, str], str] = {}
    for code, name, plan in rows:
        names[(plan or "", code)] = name
        names.setdefault(("", code), name)
    return names


def _dates(text: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for d in json.loads(text)]
