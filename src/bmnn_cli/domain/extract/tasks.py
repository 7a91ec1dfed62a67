"""From the outline to task drafts: who, what, by when, and what to check.

A node of the outline becomes a task when someone is answerable for it:

- a node whose lines are labelled fields ("Cơ quan chủ trì: …", "Thời hạn
  hoàn thành: …", or a table row) is one task, its other lines its content;
- a node with items under it is a heading: a heading that names agencies
  ("1. Công an tỉnh", "8. Các sở, ban, ngành; UBND các xã, phường") makes
  them the lead of every item under it;
- any other node is a task when its text, its colon heading ("2. Sở Tư pháp:
  …") or the heading above it names a lead.

A node with an answerable agency and two explicit deadlines in different
clauses is two obligations and is split ("IV.1" -> "IV.1.a", "IV.1.b").
Everything not taken as a task is listed, with the reason, for the reviewer. The cutting
and reading of clauses is ``clauses``; the records made are ``drafts``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bmnn_cli.domain.extract import deadlines as dl
from bmnn_cli.domain.extract.agencies import Entry, Matcher, Mention
from bmnn_cli.domain.extract.clauses import (
    _deliverable,
    _read_deadline,
    _refs,
    _segments,
    _sub_code,
    _title,
)
from bmnn_cli.domain.extract.drafts import Skipped, TaskDraft
from bmnn_cli.domain.extract.fields import split_fields
from bmnn_cli.domain.extract.lexicon import (
    capitalised_after_head,
    fold_text,
    is_person,
    starts_with_head,
)
from bmnn_cli.domain.extract.roles import heading_agencies, roles
from bmnn_cli.domain.extract.structure import Node, is_heading
from bmnn_cli.i18n import t

_ACTORS = re.compile(r"to chuc thuc hien|trach nhiem|phan cong")
_PURPOSE = re.compile(r"(muc dich|yeu cau|quan diem)\b")


class Builder:
    """Walks the outline and collects task drafts and the items it passed over."""

    def __init__(self, matcher: Matcher, year: int | None) -> None:
        self.matcher, self.year = matcher, year
        self.tasks: list[TaskDraft] = []
        self.skipped: list[Skipped] = []

    def build(self, root: Node, progress: Callable[[int, int], None] | None = None) -> None:
        """Every task under `root`; `progress` hears of each section's nodes as it is read."""
        sizes = [sum(1 for _ in child.walk()) for child in root.children]
        for child, size in zip(root.children, sizes, strict=True):
            self.visit(child, [])
            if progress is not None:
                progress(size, sum(sizes))

    def visit(self, node: Node, context: list[Mention], actors: bool = False) -> None:
        _run_on(node)
        if node.children and is_heading(node) and _PURPOSE.match(fold_text(node.text)):
            self.skipped.extend(
                Skipped(n.code, n.line, t("extract.skipped.purposes")) for n in node.children
            )
            return
        labelled = _fields(node)
        if labelled is not None:
            self._fields_task(node, *labelled, context)
            return
        heading = heading_agencies(self.matcher, node.text)
        if heading is None and actors and node.children and _actor(node.text):
            name = node.text.strip(" :.")
            heading = ([Mention(0, len(name), name, Entry(None, name), "shape")], "")
        if node.children:
            self._heading(node, heading, context)
            return
        self._text_task(
            node,
            node.text if heading is None else heading[1],
            context if heading is None else heading[0],
        )

    def _heading(
        self, node: Node, heading: tuple[list[Mention], str] | None, context: list[Mention]
    ) -> None:
        _share_fields(node.children)
        own = roles(node.text, self.matcher.find(node.text)).lead if heading is None else []
        inner = heading[0] if heading else own or context
        tasks, skipped = len(self.tasks), len(self.skipped)
        actors = is_heading(node) and bool(_ACTORS.search(fold_text(node.text)))
        for child in node.children:
            self.visit(child, inner, actors)
        if len(self.tasks) == tasks and own:
            del self.skipped[skipped:]
            text = " ".join(n.text for n in node.walk())
            self._text_task(node, text, context)

    # -- a task from running text ----------------------------------------------

    def _text_task(self, node: Node, text: str, context: list[Mention]) -> None:
        mentions = self.matcher.find_opening(text)
        found = roles(text, mentions)
        if context and found.lead and all(is_person(m.text) for m in found.lead):
            found.lead = []  # "Đồng chí Chủ tịch …" under its body's heading: the body leads
        lead = found.lead or context
        deadlines = dl.in_text(text, self.year)
        if not lead:
            reason = (
                t("extract.skipped.no_agency_deadline", phrase=deadlines[0].phrase)
                if deadlines
                else t("extract.skipped.no_agency")
            )
            self.skipped.append(Skipped(node.code, node.line, reason))
            return
        segments = _segments(text, deadlines)
        letters = len(segments) > 1
        for index, segment in enumerate(segments):
            code = _sub_code(node.code, index) if letters else node.code
            support = [
                m
                for m in found.support
                if segment.start <= m.start < segment.start + len(segment.text)
            ]
            draft = self._draft(
                code, node.line, segment.text, lead, support, segment.found, bool(found.lead)
            )
            if letters:
                others = ", ".join(_sub_code(node.code, i) for i in range(len(segments)))
                draft.reviews.append(
                    t("review.split", code=node.code, count=len(segments), codes=others)
                )
            if found.vague_support and not support:
                draft.notes.append(t("extract.note.vague_support"))
            self.tasks.append(draft)

    # -- a task from labelled fields -------------------------------------------

    def _fields_task(
        self, node: Node, content: str, fields: list[tuple[str, str]], context: list[Mention]
    ) -> None:
        lead: list[Mention] = []
        support: list[Mention] = []
        for kind, value in fields:
            if kind in ("lead", "support"):
                got = roles(value, self.matcher.find_with_shapes(value), kind)
                lead += got.lead
                support += got.support
        own = roles(content, self.matcher.find(content))
        given_support = any(kind == "support" for kind, _ in fields)
        lead = lead or own.lead or context
        support += [] if given_support else own.support  # a "phối hợp" field says who, in full
        if not lead:
            self.skipped.append(Skipped(node.code, node.line, t("extract.skipped.no_lead_field")))
            return
        given = (dl.from_field(value, self.year) for kind, value in fields if kind == "deadline")
        found = [item for item in given if item is not None]
        draft = self._draft(
            node.code, node.line, content, lead, support, found or dl.in_text(content, self.year)
        )
        product = " ".join(v for k, v in fields if k == "product")
        if product:
            draft.deliverable = _deliverable(product, None) or draft.deliverable
        self.tasks.append(draft)

    # -- the draft itself ------------------------------------------------------

    def _draft(
        self,
        code: str,
        line: int,
        text: str,
        lead: list[Mention],
        support: list[Mention],
        found: list[dl.Found],
        in_text: bool = False,
    ) -> TaskDraft:
        leads = _refs(lead)
        supports = _refs(support)
        helping = {r.value for r in supports}
        if in_text and any(r.value not in helping for r in leads):
            # "Sở X, Sở Y / Sở X chủ trì, phối hợp với Sở Y": Y is named as a support
            leads = [r for r in leads if r.value not in helping]
        keys = {ref.value for ref in leads}
        draft = TaskDraft(
            code=code,
            title=_title(text, found),
            lead=leads,
            support=[ref for ref in supports if ref.value not in keys],
            deliverable="other",
            deadline="",
            parts=[{"kind": "continuous"}],
            source_line=line,
        )
        _read_deadline(draft, found)
        anchor = (found[0].start, found[0].end) if found and found[0].start >= 0 else None
        draft.deliverable = _deliverable(text, anchor) or "other"
        for ref in draft.lead + draft.support:
            if ref.via == "locality":
                draft.notes.append(t("extract.note.locality", agency=ref.value))
                draft.reviews.append(t("review.locality", agency=ref.value))
        return draft


def _run_on(node: Node) -> None:
    """An item whose sentence runs on into the one bullet under it is one task:
    "1. Sở … tham mưu … báo cáo … về Cục Cảnh sát … / - Cơ quan thường trực … trước ngày
    20 hằng tháng …"."""
    if len(node.children) != 1 or node.children[0].kind != "dash" or node.children[0].children:
        return
    text = node.text.rstrip()
    fields = split_fields(node.children[0].text)[1]
    if len(text.split()) > 12 and text[-1:].isalnum() and not fields:
        node.text = f"{text} {node.children[0].text}"
        node.children = []


def _actor(text: str) -> bool:
    """A short heading naming who acts, under "Tổ chức thực hiện": "3. Cán bộ phụ trách
    lĩnh vực giám sát", "2. Các tổ chức thành viên của MTTQ xã"."""
    words = text.strip(" :.").split()
    named = (starts_with_head(text) and capitalised_after_head(text)) or re.match(
        r"Các (?:tổ chức|hội|đoàn thể)\b", text
    )
    return bool(named) and 2 <= len(words) <= 14 and not text.rstrip().endswith(".")


def _share_fields(children: list[Node]) -> None:
    """Bullets written one after another, then the fields of them all, under the last:
    "- Tăng cường … / - Nâng cao … / Đơn vị thực hiện: … / Thời gian thực hiện: …".
    Each earlier bullet takes the fields of the next bullet that has them."""
    waiting: list[Node] = []
    for child in children:
        if child.kind != "dash" or child.children:
            waiting = []
            continue
        content, fields = split_fields(child.text)
        if not fields:
            waiting.append(child)
            continue
        labelled = child.text[len(content) :].lstrip(" .;")
        for earlier in waiting:
            earlier.text = f"{earlier.text.rstrip()} {labelled}"
        waiting = []


def _fields(node: Node) -> tuple[str, list[tuple[str, str]]] | None:
    """(content, fields) when the node is a task laid out in labelled fields."""
    content, fields = split_fields(node.text)
    fields = [
        (k, v) for k, v in node.cells.items() if k in ("lead", "support", "deadline", "product")
    ] + fields
    texts = [content]
    for child in node.children:
        before, found = split_fields(child.text)
        if found and not before:
            fields += found
            inner = [split_fields(n.text) for n in child.children]
            if all(f and not b for b, f in inner) and inner and not any(v for _, v in found):
                fields += [f for _, got in inner for f in got]  # "b) Cơ quan thực hiện:" + bullets
            elif any(k == "content" for k, _ in found):
                texts += [n.text for n in child.walk()[1:]]
        else:
            texts += [n.text for n in child.walk()]
    if not any(k in ("lead", "support", "deadline") for k, _ in fields):
        return None
    texts += [v for k, v in fields if k == "content" and v]
    return " ".join(text for text in texts if text).strip(), fields
