"""How two readings of one plan differ: a reviewed plan file and a fresh extraction.

Titles and notes are a person's summaries and are not compared; what is
compared is what the tracker acts on: the tasks, who leads and supports
each (as registry ids, so "Sở Tư pháp" and "so-tu-phap" agree), the
deliverable, the deadline phrase, its schedule and the source line.
The same items, as sets, give the precision and recall of the extractor
(benchmarks/extract_quality.py and the golden tests).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.extract import Extraction
from bmnn_cli.domain.schedule import part_from_dict, part_to_dict
from bmnn_cli.domain.specs import PlanSpec, TaskSpec
from bmnn_cli.errors import NotFound
from bmnn_cli.i18n import t

FIELDS = ("lead", "support", "deliverable", "deadline", "schedule", "source_line")
HEADER = ("number", "issued", "year", "province")
CATEGORIES = ("tasks", "roles", "deadlines", "schedules", "deliverables")


@dataclass(frozen=True)
class Difference:
    task: str  # task id, or "[plan]"
    field: str
    in_file: str
    extracted: str


def to_spec(extraction: Extraction, plan_id: str) -> PlanSpec:
    """The extraction as the plan a file with its content would load as."""
    header = extraction.header
    plan = PlanSpec(
        plan_id,
        extraction.title,
        extraction.province,
        extraction.year,
        header.number or "",
        header.issuer,
        header.issued,
    )
    for task in extraction.tasks:
        where = t("err.input.where_task_code", code=task.code)
        parts = [part_from_dict(p, where=where) for p in task.parts]
        plan.tasks.append(
            TaskSpec(
                task.code,
                task.title,
                [r.value for r in task.lead],
                [r.value for r in task.support],
                task.deliverable,
                task.deadline,
                parts,
                " ".join(task.notes),
                task.source_line,
            )
        )
    return plan


def _ref(directory: Directory | None, text: str) -> str:
    if directory is None:
        return text
    try:
        return directory.find(text).code
    except NotFound:
        return text


def task_facts(task: TaskSpec, directory: Directory | None) -> dict[str, str]:
    """The compared fields of one task, as text."""
    return {
        "lead": ", ".join(_ref(directory, r) for r in task.lead),
        "support": ", ".join(_ref(directory, r) for r in task.support),
        "deliverable": task.deliverable,
        "deadline": task.deadline,
        "schedule": json.dumps(
            [part_to_dict(p) for p in task.parts], ensure_ascii=False, default=str
        ),
        "source_line": "" if task.source_line is None else str(task.source_line),
    }


def differences(
    reviewed: PlanSpec, fresh: PlanSpec, directory: Directory | None
) -> list[Difference]:
    """Every field where the reviewed plan and the fresh extraction disagree."""
    out: list[Difference] = []
    for name in HEADER:
        mine, theirs = getattr(reviewed, name), getattr(fresh, name)
        if mine != theirs:
            out.append(Difference("[plan]", name, _show(mine), _show(theirs)))
    old = {t.code: t for t in reviewed.tasks}
    new = {t.code: t for t in fresh.tasks}
    for code in [*old, *(c for c in new if c not in old)]:
        if code not in new:
            out.append(Difference(code, "task", old[code].title, ""))
        elif code not in old:
            out.append(Difference(code, "task", "", new[code].title))
        else:
            mine_facts = task_facts(old[code], directory)
            fresh_facts = task_facts(new[code], directory)
            out += [
                Difference(code, f, mine_facts[f], fresh_facts[f])
                for f in FIELDS
                if mine_facts[f] != fresh_facts[f]
            ]
    return out


def _show(value: object) -> str:
    return "" if value is None else str(value)


def items(plan: PlanSpec, directory: Directory | None) -> dict[str, set[tuple[str, ...]]]:
    """The plan as sets of facts, for precision and recall."""
    out: dict[str, set[tuple[str, ...]]] = {k: set() for k in CATEGORIES}
    for task in plan.tasks:
        facts = task_facts(task, directory)
        out["tasks"].add((task.code,))
        out["roles"] |= {(task.code, "lead", _ref(directory, r)) for r in task.lead}
        out["roles"] |= {(task.code, "support", _ref(directory, r)) for r in task.support}
        out["deadlines"].add((task.code, task.deadline))
        out["schedules"].add((task.code, facts["schedule"]))
        out["deliverables"].add((task.code, task.deliverable))
    return out


def precision_recall(
    found: set[tuple[str, ...]], truth: set[tuple[str, ...]]
) -> tuple[float, float]:
    """(precision, recall); 1.0 for an empty set, which misses and invents nothing."""
    hit = len(found & truth)
    return (hit / len(found) if found else 1.0, hit / len(truth) if truth else 1.0)
