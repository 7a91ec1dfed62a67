"""What an import changed, as it lists it and records it in the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bmnn_cli.store.writer import Writer


@dataclass(frozen=True)
class Change:
    action: str  # added | removed | changed
    item: str
    detail: str = ""


def update_row(
    writer: Writer, table: str, row: Any, values: dict[str, Any], item: str
) -> list[Change]:
    """Write to `row` (a stored row with an `id`) the values that differ; a Change for each.

    One `UPDATE` of the columns that changed, none when nothing did; `row`
    takes the new values too, so the caller goes on with the row as stored.
    """
    changes, changed = [], {}
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            changes.append(Change("changed", item, f"{name}: {old!r} → {value!r}"))
            changed[name] = value
            setattr(row, name, value)
    if changed:
        sets = ", ".join(f"{name} = :{name}" for name in changed)
        writer.execute(f"UPDATE {table} SET {sets} WHERE id = :id", {**changed, "id": row.id})
    return changes


def as_json(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)
