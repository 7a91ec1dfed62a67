"""What the extractor proposes: task drafts, the agencies they name, and the nodes it skipped.

Plain records shared by the builder that makes them, the registry that resolves their
agencies and the writer that emits them as a plan file, so none of those depends on how
the outline was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bmnn_cli.domain.phrase_lexis import Part


@dataclass
class AgencyRef:
    """An agency or group as the draft names it: a registry id, or the words as written."""

    text: str
    code: str | None
    via: str = ""
    group: bool = False

    @property
    def value(self) -> str:
        return self.code or self.text


@dataclass
class TaskDraft:
    code: str
    title: str
    lead: list[AgencyRef]
    support: list[AgencyRef]
    deliverable: str
    deadline: str
    parts: list[Part]
    source_line: int
    notes: list[str] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    code: str
    line: int
    reason: str
