"""What an import changed, as it lists it and records it in the audit log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    action: str  # added | removed | changed
    item: str
    detail: str = ""


def update_row(row: Any, values: dict[str, Any], item: str) -> list[Change]:
    changes = []
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            changes.append(Change("changed", item, f"{name}: {old!r} → {value!r}"))
            setattr(row, name, value)
    return changes


def as_json(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)
