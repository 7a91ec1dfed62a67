"""The role a list of names takes from the words around it: lead, support, or neither.

Names written one after another ("Công an tỉnh, Sở Nội vụ") form a list; "phối hợp (với)
<list>" makes it a support, "<list> chủ trì / có trách nhiệm" or a list that opens its
clause ("Giao <list> …") a lead, and "tham mưu <X>", "gửi về <X>", "của <X>" someone not
answerable. Kept apart from finding the names (``agencies``), which knows nothing of roles;
headings that name agencies ("1. Công an tỉnh") are read here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bmnn_cli.domain.extract.agencies import (
    _CLAUSE,
    _GAP_WORDS,
    _LEAD_AFTER,
    _UNITS_OF,
    Matcher,
    Mention,
)
from bmnn_cli.domain.extract.lexicon import VAGUE, fold_text


@dataclass
class Roles:
    lead: list[Mention] = field(default_factory=list)
    support: list[Mention] = field(default_factory=list)
    vague_support: bool = False  # "phối hợp với các cơ quan liên quan": nobody named


_SUPPORT_BEFORE = re.compile(
    r"phoi hop(?: chat che)?(?: voi)?\s*$"
    r"|phoi hop(?: chat che)? voi (?:cac )?(?:co quan|don vi)(?: chuyen mon)? thuoc\s*$"
)  # "phối hợp với cơ quan chuyên môn thuộc Bộ Tài chính": the ministry supports


_INTRO = re.compile(
    r"[\s\-–•.,]*(?:(?:can cu|tren co so|trong nam \d{4}|de|hang (?:nam|quy|thang)|dinh ky)\b"
    r"[^,;]*,\s*)?"
    r"(?:(?:giao|de nghi|yeu cau)\b\s*(?:cho\b\s*)?)?"
    r"(?:(?:thu truong|lanh dao|nguoi dung dau|chu tich)\b\s*)?(?:cac\b\s*)?"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:tham muu(?: cho| voi)?|cua|doi voi|cho|gui(?: ve| den| toi)?|ve|den|toi|trinh"
    r"|bao cao|de xuat|de nghi|qua|giup|tai|thuoc|voi|moi|kien toan|chi dao|huong dan|kien nghi)"
    r"(?:\s+(?:chu tich|pho chu tich|lanh dao|giam doc|thu truong))?\s*$"
)


def lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped into lists: names separated only by commas, "và", vague phrases."""
    folded = fold_text(text)
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        gap = folded[groups[-1][-1].end : mention.start] if groups else ""
        if fold_text(mention.text).startswith("bo "):
            gap = _UNITS_OF.sub(" ", gap)  # "…, cơ quan chuyên môn thuộc Bộ X": Bộ X in the list
        if groups and _joins(gap):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _joins(gap: str) -> bool:
    gap = VAGUE.sub(" ", gap)
    return _GAP_WORDS.fullmatch(gap) is not None and "." not in gap.replace("(", "").strip()


def _before(folded: str, start: int) -> str:
    """The words of the clause before ``start``, without a trailing vague phrase."""
    clause = 0
    for m in _CLAUSE.finditer(folded, 0, start):
        clause = m.end()
    before = folded[clause:start]
    vague = re.search(rf"(?:{VAGUE.pattern})[\s,;]*$", before)
    if vague and vague.start() > 0:
        before = before[: vague.start()]
    return before.rstrip(" ,;")


def role_of(text: str, group: list[Mention], mode: str = "text") -> str:
    """The role of a list of names: "lead", "support" or "" (named, not answerable).

    ``mode`` is "text" (running prose), "lead" (a "Cơ quan chủ trì/thực
    hiện" field) or "support" (a "Cơ quan phối hợp" field).
    """
    folded = fold_text(text)
    before = _before(folded, group[0].start)
    after = folded[group[-1].end : group[-1].end + 60]
    if _SUPPORT_BEFORE.search(before):
        return "support"
    if mode != "text":
        return "" if _OBJECT_BEFORE.search(before) else mode
    raw = folded[: group[0].start].rstrip()
    if _INTRO.fullmatch(before + ", " if raw.endswith(",") else before):
        return "lead"
    if _LEAD_AFTER.match(after) and not _OBJECT_BEFORE.search(before):
        return "lead"  # not "Sở, ban, ngành thuộc <UBND Thành phố> có trách nhiệm"
    return ""


def roles(text: str, mentions: list[Mention], mode: str = "text") -> Roles:
    """The answerable (lead) and coordinating (support) names of ``text``."""
    out = Roles()
    for group in lists(text, mentions):
        role = role_of(text, group, mode)
        if role == "lead":
            out.lead.extend(group)
        elif role == "support":
            out.support.extend(group)
    folded = fold_text(text)
    out.vague_support = bool(
        re.search(rf"phoi hop(?: chat che)?(?: voi)? (?:{VAGUE.pattern})", folded)
    )
    return out


_HEADING_PREFIX = re.compile(
    r"(?:(?:trach nhiem|nhiem vu) cua|doi voi|giao|de nghi)\s+|\b(?:co|chiu) trach nhiem\s*$", re.I
)


def heading_agencies(matcher: Matcher, text: str) -> tuple[list[Mention], str] | None:
    """(names, body) when a heading names agencies: "1. Công an tỉnh", "2. Sở Tư pháp: …"."""
    colon = text.find(":")
    head = text[:colon] if 0 <= colon < 200 else text
    body = text[colon + 1 :].strip() if 0 <= colon < 200 else ""
    if len(head.split()) > 25:
        return None
    mentions = matcher.find_with_shapes(head)
    if not mentions:
        return None
    rest = fold_text(head)
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    rest = _HEADING_PREFIX.sub(" ", rest)
    rest = re.sub(
        r"\([^)]*\)|\bcac\b|\bva\b|\bcap tinh\b|\b(?:co )?lien quan\b|[\s,;.&-]", "", rest
    )
    return (mentions, body) if not rest else None
