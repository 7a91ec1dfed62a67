"""Plans and registries written back as plan files (TOML), for `bmnn export`.

The writer follows docs/plan-format.md, so an exported file imports as the
same plan; empty fields are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bmnn_cli.domain.schedule import part_to_dict
from bmnn_cli.domain.specs import AgencySpec, PlanSpec, RegistrySpec, TaskSpec


def registry_to_dict(registry: RegistrySpec) -> dict[str, Any]:
    province: dict[str, Any] = {"id": registry.province, "name": registry.name}
    if registry.days_off:
        province["days_off"] = registry.days_off
    if registry.working_days:
        province["working_days"] = registry.working_days
    return {
        "province": province,
        "groups": [
            _drop_empty({"id": g.code, "name": g.name, "aliases": g.aliases})
            for g in registry.groups
        ],
        "agencies": [_agency_dict(a) for a in registry.agencies],
    }


def _agency_dict(agency: AgencySpec) -> dict[str, Any]:
    groups: list[Any] = [
        {"group": m.group, "since": m.since} if m.since else m.group for m in agency.groups
    ]
    return _drop_empty(
        {
            "id": agency.code,
            "name": agency.name,
            "aliases": agency.aliases,
            "kind": agency.kind,
            "groups": groups,
            "emails": agency.emails,
            "successor": agency.successor,
            "merged_on": agency.merged_on,
        }
    )


def plan_to_dict(plan: PlanSpec, registry: RegistrySpec | None) -> dict[str, Any]:
    header = _drop_empty(
        {
            "id": plan.code,
            "number": plan.number,
            "title": plan.title,
            "issuer": plan.issuer,
            "province": plan.province,
            "issued": plan.issued,
            "year": plan.year,
            "source": plan.source,
        }
    )
    header["number"] = plan.number
    header["deadlines"] = {
        "before": plan.rules.before,
        "roll_to_working_day": plan.rules.roll_to_working_day,
        "yearly_due": "{:02d}-{:02d}".format(*plan.rules.yearly_due),
    }
    out: dict[str, Any] = registry_to_dict(registry) if registry else {}
    out["plan"] = header
    out["tasks"] = [_task_dict(t) for t in plan.tasks]
    return out


def _task_dict(task: TaskSpec) -> dict[str, Any]:
    out = _drop_empty(
        {
            "id": task.code,
            "title": task.title,
            "lead": task.lead,
            "support": task.support,
            "deliverable": task.deliverable,
            "deadline": task.deadline,
            "note": task.note,
            "source_line": task.source_line,
        }
    )
    out["deadline"] = task.deadline
    out["schedule"] = [part_to_dict(p) for p in task.parts]
    return out


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def dumps(data: Mapping[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data)
