"""Where a task's deadline is written, and the phrase as written.

Three places, in order of authority:

1. a labelled field ("Thời hạn hoàn thành: Quý III/2026", a "Thời gian"
   column of a table): the whole value is the phrase;
2. an explicit mark in the text: a bracketed phrase the phrase parser reads
   ("(*định kỳ hằng năm*)", "(trước ngày 30/10 hàng năm và báo cáo đột
   xuất)"), or a dated phrase in the running text ("gửi về Công an tỉnh
   trước ngày 27/02/2026", "hoàn thành trong tháng 6/2026");
3. an adverb of frequency in the running text ("Thường xuyên đôn đốc …",
   "định kỳ báo cáo …", "báo cáo định kỳ, đột xuất"), or a condition that
   waits for texts to be issued ("… khi Chính phủ … ban hành các văn bản
   hướng dẫn"): the task starts with that event.

In the text, a phrase starts at its trigger word and runs as far as the
phrase parser reads it completely ("định kỳ, đột xuất về công tác …" gives
"định kỳ, đột xuất"). Open-ended years in running prose ("trong năm 2026 và
các năm tiếp theo") are not triggers: there they say when work should
improve, not when it is due; in a field they are the deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bmnn_cli.domain.extract.lexicon import fold_text
from bmnn_cli.domain.phrase_lexis import Part
from bmnn_cli.domain.phrases import parse_phrase

FIELD, EXPLICIT, ADVERB = 3, 2, 1

_EXPLICIT = (
    r"truoc ngay|cham nhat|khong (?:muon|cham|qua) hon|han chot|hoan thanh (?:trong|truoc)"
    r"|truoc (?:thang|quy)|trong (?:thang|quy) (?:\d|i|v)|(?:trong|trong vong|trong thoi han)"
    r" \d{1,3} ngay|quy (?:iv|iii|ii|i|[1-4]) ?/ ?\d{4}"
)
_ADVERB = (
    r"thuong xuyen|dinh ky|(?:hang|moi) (?:nam|quy|thang)|dot xuat|khi co yeu cau"
    r"|(?:6|sau) thang (?:mot lan|/ ?lan)"
    # a year after the verb it dates ("hoàn thành phê duyệt phương án trong năm 2026"), not
    # one opening a sentence or running on ("trong năm 2026 và các năm tiếp theo")
    r"|(?<=[a-z] )trong nam(?= \d{4}(?![0-9]| ?,? (?:va |den |cho den )?(?:nhung|cac) nam| tro))"
    # a condition that waits for texts to be issued: "… khi Chính phủ … ban hành …"
    r"|(?:sau )?khi(?= [^;.()]{0,120}?(?<![a-z])"
    r"(?:ban hanh|co hieu luc|phe duyet|thong qua|cong bo)(?![a-z]))"
)
_TRIGGER = re.compile(
    rf"(?<![a-z0-9])(?<!chi )(?<!kinh phi )(?:(?P<explicit>{_EXPLICIT})|(?P<adverb>{_ADVERB}))"
    r"(?![a-z0-9])"
)
_TIMELY = re.compile(
    r"\b(?:truoc|sau khi|xong|hoan thanh|thoi han|han chot|cham nhat|dinh ky|thuong xuyen"
    r"|hang (?:nam|quy|thang)|ngay \d|thang \d|quy [ivx\d]|nam \d{4})\b"
)
_CLAUSE_END = re.compile(r"[;()]|\.(?=\s|$)")
_JOINER = re.compile(r"va|hoac|tu|den")
_TIME_WORD = re.compile(
    r"\d{1,2}/\d{1,2}(?:/\d{4})?|\d{4}|\d{1,2}|va|hoac|truoc|ngay|thang|quy|nam|hang|moi"
    r"|dinh|ky|dot|xuat|[ivx]+|chậm|cham|nhat|tu|den"
)
_MAX_WORDS = 30


@dataclass(frozen=True)
class Found:
    """A deadline phrase found in a task, as written, with the parser's reading."""

    phrase: str
    rank: int
    start: int = -1  # where in the searched text (-1: a field)
    end: int = -1
    parts: list[Part] = field(default_factory=list)
    confident: bool = True
    unread: str = ""


def clean_phrase(text: str) -> str:
    """The phrase without surrounding spaces, brackets or end punctuation."""
    text = " ".join(text.split()).strip(" .,;:")
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip(" .,;:")
    return re.sub(r"(?:\s+(?:và|hoặc))+$", "", text)  # "hàng năm và [dài hạn]"


def from_field(value: str, year: int | None) -> Found | None:
    """The deadline a "Thời hạn …:" field gives (kept even when not understood)."""
    phrase = clean_phrase(value)
    if not phrase:
        return None
    reading = parse_phrase(phrase, year=year)
    return Found(
        phrase, FIELD, parts=reading.parts, confident=reading.confident, unread=reading.unread
    )


def in_text(text: str, year: int | None) -> list[Found]:
    """Deadline phrases of running text, in order: bracketed ones and triggered ones."""
    found = _bracketed(text, year)
    masked = re.sub(r"\([^()]*\)", lambda m: "(" + " " * (len(m[0]) - 2) + ")", text)
    folded = fold_text(masked)
    consumed = 0
    for m in _TRIGGER.finditer(folded):
        if m.start() < consumed:
            continue
        hit = _longest_reading(text, folded, m.start(), year, EXPLICIT if m["explicit"] else ADVERB)
        if hit is not None:
            if hit.rank == ADVERB and re.search(_EXPLICIT, fold_text(hit.phrase)):
                hit = replace(hit, rank=EXPLICIT)  # "định kỳ trước ngày 01/6 …"
            found.append(hit)
            consumed = hit.end
    return _joined(text, sorted(found, key=lambda f: f.start), year)


def _joined(text: str, found: list[Found], year: int | None) -> list[Found]:
    """A bracketed alternative right after a phrase is part of it:
    "trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)"."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        bracket = text[item.start : item.start + 1] == "("
        if (
            previous is not None
            and bracket
            and previous.end >= 0
            and not text[previous.end : item.start].strip()
            and re.match(r"(?:hoac|va)\b", fold_text(item.phrase))
        ):
            phrase = clean_phrase(text[previous.start : item.end])
            reading = parse_phrase(phrase, year=year)
            out[-1] = Found(
                phrase, max(previous.rank, item.rank), previous.start, item.end,
                reading.parts or previous.parts + item.parts,
                reading.confident, reading.unread,
            )  # fmt: skip
            continue
        out.append(item)
    return out


def _bracketed(text: str, year: int | None) -> list[Found]:
    """Bracketed deadlines; one the parser cannot read is kept when it sounds like one."""
    out: list[Found] = []
    for m in re.finditer(r"\(([^()]{2,240})\)", text):
        phrase = clean_phrase(m[1])
        reading = parse_phrase(phrase, year=year)
        if not reading.parts and _TIMELY.search(fold_text(phrase)):
            out.append(Found(phrase, EXPLICIT, m.start(), m.end(), [], False, phrase))
        elif reading.confident or len(reading.unread) * 2 < len(phrase):
            out.append(
                Found(
                    phrase,
                    EXPLICIT,
                    m.start(),
                    m.end(),
                    reading.parts,
                    reading.confident,
                    reading.unread,
                )
            )
    return out


def _extent(folded: str, start: int, end: int) -> int:
    """Where the words of a deadline that start at ``start`` stop: dates, quarters, years,
    frequencies and the words joining them ("trước ngày 01/6 và 15/11 hằng năm")."""
    cursor = start
    for m in re.finditer(r"\S+", folded[start:end]):
        word = m[0].strip(",")
        if not _TIME_WORD.fullmatch(word):
            break
        if not _JOINER.fullmatch(word):
            cursor = start + m.end()  # a phrase does not end on "và", "hoặc"
    return cursor


def _longest_reading(
    text: str, folded: str, start: int, year: int | None, rank: int
) -> Found | None:
    """The longest run of words from ``start`` that the parser reads completely.

    A phrase whose time words run on past what the parser reads ("trước ngày
    01/6 và 15/11 hằng năm") is kept whole, as written, marked for review.
    """
    stop = _CLAUSE_END.search(folded, start)
    end = stop.start() if stop else len(text)
    ends = [m.end() for m in re.finditer(r"\S+", text[start:end])][:_MAX_WORDS]
    extent = _extent(folded, start, end) - start
    for cut in reversed(ends):
        phrase = clean_phrase(text[start : start + cut])
        reading = parse_phrase(phrase, year=year)
        if reading.parts and reading.confident:
            if rank == EXPLICIT and extent > cut:
                longer = clean_phrase(text[start : start + extent])
                more = parse_phrase(longer, year=year)
                return Found(
                    longer, rank, start, start + extent, more.parts or reading.parts,
                    more.confident, more.unread,
                )  # fmt: skip
            return Found(phrase, rank, start, start + cut, reading.parts)
    if rank == EXPLICIT and ends:
        phrase = clean_phrase(text[start : start + ends[min(len(ends), 8) - 1]])
        reading = parse_phrase(phrase, year=year)
        return Found(
            phrase, rank, start, start + len(phrase), reading.parts, False, reading.unread or phrase
        )
    return None
