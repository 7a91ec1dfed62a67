"""Reading a plan document into a draft plan file (`bmnn extract`).

The pipeline is pure (no database, no clock): `reader` turns a .txt, .docx
or .pdf into numbered lines, `header` reads the header and `structure` the
numbered outline, `agencies` finds who is named and `roles` in which role,
`deadlines` where each deadline is written, `tasks` puts them together into
task drafts (`clauses` cuts and reads a task's clauses, `drafts` holds the
records), and `emit` writes the draft as a plan file with "# review:" comments. `compare`
lists the differences between two plan files (`bmnn extract --check`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bmnn_cli.domain.extract import deadlines as dl
from bmnn_cli.domain.extract.agencies import Matcher
from bmnn_cli.domain.extract.drafts import AgencyRef, Skipped, TaskDraft
from bmnn_cli.domain.extract.fields import split_fields
from bmnn_cli.domain.extract.header import Header, read_header
from bmnn_cli.domain.extract.reader import Document, read_document
from bmnn_cli.domain.extract.structure import Node, outline
from bmnn_cli.domain.extract.tasks import Builder
from bmnn_cli.domain.phrase_lexis import Part
from bmnn_cli.domain.specs import RegistrySpec
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.text import fold, slug

__all__ = [
    "AgencyRef",
    "Document",
    "Extraction",
    "Header",
    "Skipped",
    "TaskDraft",
    "extract",
    "read_document",
    "read_header",
]


NATIONAL = ("toan-quoc", "Toàn quốc")  # the "province" of a ministry's or the Government's plan


@dataclass
class Extraction:
    """What a document says, as far as it could be read, and what a person must check."""

    source: str
    header: Header
    province: str  # registry id (or a slug of the name the document gives)
    province_name: str
    year: int
    tasks: list[TaskDraft]
    skipped: list[Skipped]
    matched: bool  # agencies were matched against a registry
    reviews: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        kind = self.header.kind or "Kế hoạch"
        return f"{kind} {self.header.title}".strip()

    def review_count(self) -> int:
        return len(self.reviews) + sum(len(task.reviews) for task in self.tasks)


def extract(
    document: Document,
    *,
    registry: RegistrySpec | None = None,
    year: int | None = None,
    default_year: int | None = None,
    draft_registry: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read ``document`` into task drafts; ``registry`` names the agencies it may match.

    ``year`` overrides the plan's year; ``default_year`` is used only when
    neither the header nor any deadline gives one. With ``draft_registry``
    (a draft registry is written beside the draft, each name marked for
    review there), a task flags only the names read by their shape alone.
    ``progress`` hears how much of the outline is read, for a long document.
    """
    header = read_header(document)
    reviews: list[str] = []
    province, name = _province(header, registry, reviews)
    root = outline(document)
    plan_year = year or header.year or _deadline_year(root)
    if plan_year is None:
        if default_year is None:
            raise InputError(t("err.input.document_no_year"), path=document.path)
        plan_year = default_year
        reviews.append(t("review.no_year", year=plan_year))
    elif year is None and header.year is None:
        reviews.append(t("review.year_from_deadlines", year=plan_year))
    builder = Builder(Matcher(registry, name, header.scope), plan_year)
    builder.build(root, progress)
    _unique_codes(builder.tasks)
    _header_reviews(header, reviews)
    if registry is None:
        reviews.append(t("review.draft_registry" if draft_registry else "review.no_registry"))
    _unknown_agencies(builder.tasks, registry.province if registry else None, draft_registry)
    return Extraction(
        document.path,
        header,
        province,
        name,
        plan_year,
        builder.tasks,
        builder.skipped,
        registry is not None,
        reviews,
    )


def _province(header: Header, registry: RegistrySpec | None, reviews: list[str]) -> tuple[str, str]:
    if registry is None:
        if header.scope == "national":
            return NATIONAL
        if not header.province:
            reviews.append(t("review.no_province"))
        return slug(header.province) or "tinh", header.province
    if header.province and fold(header.province) != fold(registry.name):
        reviews.append(t("review.other_province", named=header.province, registry=registry.name))
    return registry.province, registry.name


def _deadline_year(root: Node) -> int | None:
    """The earliest year the deadlines name, for a document without a date line."""
    years: list[int] = []
    for node in root.walk():
        for text in [node.text, *node.cells.values()]:
            _, fields = split_fields(text)
            found = [dl.from_field(v, None) for k, v in fields if k == "deadline"]
            for item in [f for f in found if f] + dl.in_text(text, None):
                years += [y for part in item.parts if (y := _year_of(part))]
    return min(years) if years else None


def _year_of(part: Part) -> int | None:
    date = part.get("date")
    if isinstance(date, dt.date):
        return date.year
    for key in ("year", "from"):
        value = part.get(key)
        if isinstance(value, int):
            return value
    return None


def _unique_codes(tasks: list[TaskDraft]) -> None:
    seen: dict[str, int] = {}
    for task in tasks:
        count = seen.get(task.code, 0)
        seen[task.code] = count + 1
        if count:
            task.reviews.append(t("review.same_number", code=task.code))
            task.code = f"{task.code}-{count + 1}"


def _header_reviews(header: Header, reviews: list[str]) -> None:
    if header.number is None:
        reviews.append(t("review.no_number"))
    elif header.number == "":
        reviews.append(t("review.blank_number"))
    if header.issued is None:
        reviews.append(t("review.no_issued"))
    if not header.title:
        reviews.append(t("review.no_title"))


def _unknown_agencies(tasks: list[TaskDraft], province: str | None, drafted: bool) -> None:
    """Flag every name kept as written: the registry lacks it, or there is no registry."""
    for task in tasks:
        for ref in task.lead + task.support:
            if ref.code is not None:
                continue
            if drafted:
                if ref.via == "shape":
                    task.reviews.append(t("review.shape_name", name=ref.text))
            elif province is None:
                task.reviews.append(t("review.unmatched_no_registry", name=ref.text))
            else:
                task.reviews.append(t("review.not_in_registry", name=ref.text, province=province))
