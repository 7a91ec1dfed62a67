"""Writing an extraction as a plan file, with "# review:" comments for a person.

tomli-w cannot write comments, so the file is laid out here line by line
and tomli-w renders each value (strings, dates, numbers), which keeps the
quoting and escaping of TOML in one trusted place. The result loads with
`planfile.load` and, once every agency is in the registry, imports as is.
"""

from __future__ import annotations

from typing import Any

import tomli_w

from bmnn_cli.domain.extract import Extraction
from bmnn_cli.domain.extract.drafts import TaskDraft
from bmnn_cli.i18n import t

REVIEW = "# review: "


def value(item: Any) -> str:
    """One TOML value; lists inline."""
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    return tomli_w.dumps({"v": item})[len("v = ") :].rstrip("\n")


def _line(key: str, item: Any) -> str:
    return f"{key} = {value(item)}"


def to_toml(extraction: Extraction, *, plan_id: str, source: str, registry: str | None) -> str:
    """The draft plan file's text; ``registry`` is the path to write as ``registry = …``."""
    lines = _preamble(extraction)
    if registry is not None:
        lines += [_line("registry", registry), ""]
    lines += _plan(extraction, plan_id, source)
    for task in extraction.tasks:
        lines += ["", *_task(task)]
    return "\n".join(lines) + "\n"


def _preamble(extraction: Extraction) -> list[str]:
    name = extraction.source.replace("\\", "/").rsplit("/", 1)[-1]
    lines = ["# " + line for line in t("extract.preamble", name=name).splitlines()]
    if extraction.skipped:
        lines += ["#", "# " + t("extract.skipped_heading")]
        lines += [
            "# - " + t("extract.skipped_item", code=s.code, line=s.line, reason=s.reason)
            for s in extraction.skipped
        ]
    return [*lines, ""]


def _plan(extraction: Extraction, plan_id: str, source: str) -> list[str]:
    header = extraction.header
    lines = ["[plan]", *(REVIEW + r for r in extraction.reviews)]
    lines += [
        _line("id", plan_id),
        _line("number", header.number or ""),
        _line("title", extraction.title),
        _line("issuer", header.issuer or f"Ủy ban nhân dân tỉnh {extraction.province_name}"),
        _line("province", extraction.province),
    ]
    if header.issued is not None:
        lines.append(_line("issued", header.issued))
    lines += [_line("year", extraction.year), _line("source", source)]
    return lines


def _task(task: TaskDraft) -> list[str]:
    lines = ["[[tasks]]", *(REVIEW + r for r in task.reviews)]
    lines += [
        _line("id", task.code),
        _line("title", task.title),
        _line("lead", [ref.value for ref in task.lead]),
    ]
    if task.support:
        lines.append(_line("support", [ref.value for ref in task.support]))
    lines += [
        _line("deliverable", task.deliverable),
        _line("deadline", task.deadline),
        _line("source_line", task.source_line),
    ]
    if task.notes:
        lines.append(_line("note", " ".join(task.notes)))
    for part in task.parts:
        lines += ["", "[[tasks.schedule]]", *(_line(k, v) for k, v in part.items())]
    return lines
