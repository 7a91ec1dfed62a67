"""A task's text cut into clauses, and what each clause says: deadline, deliverable, title.

A node with two explicit deadlines in different clauses is two obligations ("IV.1" ->
"IV.1.a", "IV.1.b"); this module finds the cuts, reads the deadline of each piece into
the draft (with the reviews a person must check), names the deliverable (a report, a plan,
a training, an inspection) and shortens the text to a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bmnn_cli.domain.extract import deadlines as dl
from bmnn_cli.domain.extract.agencies import Mention
from bmnn_cli.domain.extract.drafts import AgencyRef, TaskDraft
from bmnn_cli.domain.extract.lexicon import fold_text
from bmnn_cli.domain.phrase_lexis import Part
from bmnn_cli.i18n import t

_TITLE_INTRO = re.compile(r"^(?:Căn cứ|Trên cơ sở) [^,;]{0,80}, ", re.IGNORECASE)


_CLAUSE = re.compile(r";|\.(?=\s+\S)")
_LETTERS = "abcdefghiklmnopqrstuvxy"
_MONITOR = re.compile(r"(?:theo doi|don doc|huong dan|giam sat)(?:,? (?:va )?\w+(?: \w+)?)?, $")
_DELIVERABLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "report",
        re.compile(
            r"che do (?:thong tin,? )?bao cao|bao cao (?:ket qua|dinh ky|dot xuat|so ket|tong ket"
            r"|tinh hinh|hang (?:nam|quy|thang)|6 thang)|(?:dinh ky|hang (?:nam|quy|thang)) bao cao"
            r"|(?:gui|xay dung|nop) bao cao"
        ),
    ),
    ("plan", re.compile(r"(?:xay dung|ban hanh|gui|lap|trinh) (?:ke hoach|chuong trinh)(?! so)")),
    ("training", re.compile(r"tap huan|boi duong|huan luyen")),
    ("inspection", re.compile(r"(?:tu )?kiem tra|thanh tra")),
)


@dataclass
class _Segment:
    text: str
    start: int
    found: list[dl.Found]


def _segments(text: str, found: list[dl.Found]) -> list[_Segment]:
    """The text cut before each clause that holds one more explicit deadline."""
    if not found:
        return [_Segment(text, 0, [])]
    top = max(f.rank for f in found)
    chosen = [f for f in found if f.rank == top]
    ad_hoc = [f for f in found if f.rank < top and _ad_hoc(f)] if top >= dl.EXPLICIT else []
    starts = [0] + [m.end() for m in _CLAUSE.finditer(text)]
    clause = [max(i for i, s in enumerate(starts) if s <= f.start) for f in chosen]
    kept = sorted(chosen + ad_hoc, key=lambda f: f.start)
    if top < dl.EXPLICIT or len(set(clause)) < 2:
        return [_Segment(text, 0, kept)]
    cuts = sorted({starts[c] for c in clause[1:]} - {starts[clause[0]]})
    bounds = [0, *cuts, len(text)]
    return [
        _Segment(text[a:b], a, [_shifted(f, -a) for f in kept if a <= f.start < b])
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]


def _ad_hoc(found: dl.Found) -> bool:
    """An ad-hoc report ("Đồng thời thực hiện báo cáo đột xuất khi có yêu cầu") adds to a
    dated deadline rather than competing with it: both are the task's."""
    return (
        found.confident
        and bool(found.parts)
        and all(p["kind"] == "on_request" for p in found.parts)
    )


def _shifted(found: dl.Found, offset: int) -> dl.Found:
    """The same phrase, its span counted from a segment's start."""
    return replace(found, start=found.start + offset, end=found.end + offset)


def _sub_code(code: str, index: int) -> str:
    """Letters of our own for a split item; numbers when the item already ends in a letter."""
    last = code.rsplit(".", 1)[-1]
    return (
        f"{code}.{index + 1}"
        if last.isalpha() and len(last) == 1
        else (f"{code}.{_LETTERS[index % len(_LETTERS)]}")
    )


def _read_deadline(draft: TaskDraft, found: list[dl.Found]) -> None:
    if not found:
        draft.notes.append(t("extract.note.no_deadline"))
        draft.reviews.append(t("review.no_deadline"))
        return
    first = found[0]
    if len(found) > 1 and any(f.parts != first.parts for f in found[1:]):
        if first.rank >= dl.EXPLICIT:
            draft.deadline = "; ".join(f.phrase for f in found)
            draft.parts = [p for f in found for p in f.parts]
            together = " | ".join(repr(f.phrase) for f in found)
            draft.reviews.append(t("review.deadlines_together", phrases=together))
            return
        others = ", ".join(repr(f.phrase) for f in found[1:])
        draft.reviews.append(t("review.also_says", phrases=others))
    draft.deadline = first.phrase
    if not first.confident or not first.parts:
        unread = first.unread or first.phrase
        draft.parts = first.parts or [{"kind": "continuous"}]
        draft.reviews.append(t("review.deadline_unread", phrase=first.phrase, unread=unread))
        return
    draft.parts = [_capitalised_event(p) for p in first.parts]
    if re.search(r"\bdinh ky\b(?! (?:hang|moi|6|sau|nua))", fold_text(first.phrase)) and any(
        p == {"kind": "yearly"} for p in first.parts
    ):
        draft.reviews.append(t("review.no_period"))


def _capitalised_event(part: Part) -> Part:
    """An event that starts a task names what happens ("Có văn bản đề nghị …"): written with
    a capital. A day counted back from an event ("95 ngày trước bầu cử") keeps its words."""
    event = part.get("event")
    if part.get("kind") == "after_event" and isinstance(event, str) and event:
        return {**part, "event": event[:1].upper() + event[1:]}
    return part


def _deliverable(text: str, anchor: tuple[int, int] | None) -> str | None:
    """What the task delivers: the kind named nearest its deadline, else the first named."""
    folded = fold_text(text)
    hits: list[tuple[int, str]] = []
    for kind, pattern in _DELIVERABLES:
        for m in pattern.finditer(folded):
            if kind == "inspection" and _MONITOR.search(folded[max(0, m.start() - 40) : m.start()]):
                continue
            named = (_plan_of(folded, m.end()) or kind) if kind == "plan" else kind
            distance = (
                m.start()
                if anchor is None
                else min(abs(m.start() - anchor[1]), abs(anchor[0] - m.end()))
            )
            hits.append((distance, named))
    return min(hits)[1] if hits else None


def _plan_of(folded: str, end: int) -> str | None:
    """A plan *for* an inspection or training ("Kế hoạch và tổ chức tự kiểm tra") is that."""
    tail = folded[end : end + 40]
    for kind in ("inspection", "training"):
        pattern = dict(_DELIVERABLES)[kind]
        if pattern.search(tail[:30]):
            return kind
    return None


def _refs(mentions: list[Mention]) -> list[AgencyRef]:
    out: list[AgencyRef] = []
    seen: set[str] = set()
    for mention in mentions:
        entry = mention.entry
        known = entry.code is None and mention.via != "shape"
        text = entry.name if known else mention.text  # a known name as the data spells it
        ref = AgencyRef(" ".join(text.split()), entry.code, mention.via, entry.group)
        key = ref.code or fold_text(ref.text)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _title(text: str, found: list[dl.Found]) -> str:
    """The first sentence without its bracketed deadline: a title a reviewer may shorten."""
    for item in sorted(found, key=lambda f: -f.start):
        if item.start >= 0 and text[item.start : item.start + 1] == "(":
            text = text[: item.start] + text[item.end :]
    text = _TITLE_INTRO.sub("", " ".join(text.split()))
    first = re.split(r"(?<=\.)\s+(?=\S)", text, maxsplit=1)[0].strip(" .;:,-–")
    if len(first) > 160:
        semicolon = first.find(";", 60)
        first = first[:semicolon] if 0 < semicolon <= 160 else first
    if len(first) > 160:
        first = first[:160].rsplit(" ", 1)[0].rstrip(" ,;") + " …"
    return first[:1].upper() + first[1:]
