"""Who a sentence names, and in which role.

Names are found by the longest match of canonical words (see `lexicon`)
against the registry's names and aliases, then against the standard names
of provincial agencies (kept verbatim and flagged: the registry does not
know them), and, in headings and "Cơ quan …:" fields only, by the shape of
an agency name ("Trung tâm …", "Sở …"). "Địa phương" right after "các sở,
ban, ngành" stands for the communes and wards.

Names written one after another ("Công an tỉnh, Sở Nội vụ"; "các sở, ban,
ngành; UBND các xã, phường") form a list, and a list takes its role from the
words around it, in the grammar these plans share:

- "phối hợp (chặt chẽ) (với) <list>" -> support;
- "<list> chủ trì / làm đầu mối / có trách nhiệm" -> lead;
- a list that opens its clause ("Căn cứ …, Thủ trưởng <list> xây dựng …",
  "Giao <list> …") -> lead;
- anything else ("tham mưu <X>", "gửi về <X>", "của <X>", "đối với <X>")
  names someone who is not answerable.

Inside a "Cơ quan chủ trì/thực hiện:" field a list is a lead unless marked
otherwise, and inside "Cơ quan phối hợp:" a support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from bmnn_cli.domain.extract import names
from bmnn_cli.domain.extract.lexicon import (
    VAGUE,
    canon,
    canon_words,
    capitalised_after_head,
    fold_text,
    is_person,
    name_by_shape,
    starts_with_head,
)
from bmnn_cli.domain.specs import RegistrySpec


@dataclass(frozen=True)
class Entry:
    """What a name refers to: a registry id, or (``code`` None) a name the registry lacks."""

    code: str | None
    name: str
    group: bool = False
    communes: bool = False  # the group "địa phương" stands for
    departments: bool = False  # "các sở, ban, ngành": may be followed by "địa phương"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str  # as written
    entry: Entry
    via: str = ""  # how it was read when not by name: "locality" | "shape"


@dataclass
class Roles:
    lead: list[Mention] = field(default_factory=list)
    support: list[Mention] = field(default_factory=list)
    vague_support: bool = False  # "phối hợp với các cơ quan liên quan": nobody named


_SUPPORT_BEFORE = re.compile(
    r"phoi hop(?: chat che)?(?: voi)?\s*$"
    r"|phoi hop(?: chat che)? voi (?:cac )?(?:co quan|don vi)(?: chuyen mon)? thuoc\s*$"
)  # "phối hợp với cơ quan chuyên môn thuộc Bộ Tài chính": the ministry supports
_LEAD_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:chu tri|lam dau moi|co trach nhiem|chiu trach nhiem"
    r"|phoi hop thuc hien|la co quan (?:chu tri|thuong truc))\b"
)
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
_CLAUSE = re.compile(r"[;:(]|\.(?=\s|$)")
_UNITS_OF = re.compile(r"\b(?:cac )?(?:co quan|don vi)(?: chuyen mon)? thuoc\s*$")
_GAP_WORDS = re.compile(r"(?:[\s,;&/]|\bva\b|\bcung\b|\bhoac\b|\([^)]*\))*")
_LOCALITY = re.compile(r"\s*(?:,|;|\bva\b)?\s*(?:cac\s+)?dia phuong\b")


class Matcher:
    """Finds agency and group names in text, registry first."""

    def __init__(
        self, registry: RegistrySpec | None, province: str = "", scope: str = "province"
    ) -> None:
        self.trie: dict[str, Any] = {}
        self.registry = registry
        self.province = canon(province) if province else ()
        self.communes: Entry | None = None
        if registry is not None:
            self._add_registry(registry)
        for name, kind in names.groups():
            if kind in ("ministries", "provinces") and scope != "national":
                continue  # a provincial plan tracks the province's agencies only
            communes = kind == "local"
            entry = Entry(None, name, True, communes, kind == "departments")
            self._add(name, entry)
            if communes and self.communes is None:
                self.communes = entry
        for name, _kind in names.agencies():
            self._add(name, Entry(None, name))
        if province:
            for name, _kind in names.provincial_names(province):
                self._add(name, Entry(None, name))

    def _add_registry(self, registry: RegistrySpec) -> None:
        kinds = {a.code: a.kind for a in registry.agencies}
        for group in registry.groups:
            members = [
                a.code for a in registry.agencies if any(m.group == group.code for m in a.groups)
            ]
            local = sum(kinds[m] in ("commune", "ward") for m in members)
            labels = [group.name, *group.aliases]
            communes = bool(members) and local * 2 > len(members)
            departments = any("so ban nganh" in " ".join(canon(label)) for label in labels)
            entry = Entry(group.code, group.name, True, communes, departments and not communes)
            if communes and self.communes is None:
                self.communes = entry
            for label in labels:
                self._add(label, entry)
        for agency in registry.agencies:
            for label in (agency.name, *agency.aliases):
                self._add(label, Entry(agency.code, agency.name))

    def _add(self, label: str, entry: Entry) -> None:
        words = canon(label)
        variants = [words, words[1:]] if words[:1] == ("cac",) and len(words) > 2 else [words]
        for key in variants:
            node = self.trie
            for word in key:
                node = node.setdefault(word, {})
            node.setdefault("", entry)

    # -- finding ---------------------------------------------------------------

    def find(self, text: str) -> list[Mention]:
        """Registry and standard names in ``text``, longest first, left to right."""
        words = canon_words(text)
        found: list[Mention] = []
        index = 0
        while index < len(words):
            match = self._longest(words, index) if words[index].first else None
            if match is None:
                index += 1
                continue
            last, entry = match
            last = self._province_suffix(words, last)
            start, end = words[index].start, words[last].end
            if not _one_of_group(entry, text, start, end):
                found.append(Mention(start, end, text[start:end], entry))
            index = last + 1
        return self._localities(text, found)

    def _longest(self, words: list[Any], index: int) -> tuple[int, Entry] | None:
        node = self.trie
        best: tuple[int, Entry] | None = None
        for position in range(index, len(words)):
            node = node.get(words[position].text, {})
            if not node:
                break
            if "" in node and words[position].last:
                best = (position, node[""])
        return best

    def _province_suffix(self, words: list[Any], last: int) -> int:
        """Extend "Công an tỉnh" over a following "Lào Cai" (the province's name)."""
        size = len(self.province)
        if not size or words[last].text != "tinh":
            return last
        following = tuple(w.text for w in words[last + 1 : last + 1 + size])
        return last + size if following == self.province else last

    def _localities(self, text: str, found: list[Mention]) -> list[Mention]:
        """Add the communes and wards where "địa phương" follows "các sở, ban, ngành"."""
        if self.communes is None:
            return found
        folded = fold_text(text)
        out: list[Mention] = []
        for mention in found:
            out.append(mention)
            m = _LOCALITY.match(folded, mention.end) if mention.entry.departments else None
            if m:
                start = folded.index("dia phuong", m.start())
                out.append(
                    Mention(start, m.end(), text[start : m.end()], self.communes, "locality")
                )
        return out

    def find_opening(self, text: str) -> list[Mention]:
        """As `find`, plus names read by their shape where the registry and the data know
        none: a list of names opening the text ("Cục Viễn thám quốc gia chủ trì …",
        "Trung tâm Truyền thông …, Báo …, Tạp chí … có trách nhiệm …"), and the names
        after "phối hợp với" ("… phối hợp với Cục Kiểm soát ô nhiễm môi trường, Vụ Môi
        trường hoàn thiện …")."""
        found = self.find(text)
        shapes: list[Mention] = []
        for start in [0, *(m.end() for m in _SENTENCE.finditer(text))]:
            if not any(start <= f.start <= start + 2 for f in found):
                shapes += [replace(m, start=m.start + start, end=m.end + start)
                           for m in _opening_shapes(text[start:])]  # fmt: skip
        for m in _SUPPORT_SPAN.finditer(fold_text(text)):
            shapes += _shape_list(text, m.end())
        taken = [(f.start, f.end) for f in found]
        extra = [
            s
            for s in shapes
            if not any(a < s.end and s.start < b for a, b in taken)
            and not (is_person(s.text) and any(0 <= a - s.end <= 12 for a, _ in taken))
        ]  # "Thủ trưởng các sở, ban, ngành": the agencies, not the title
        return sorted([*found, *extra], key=lambda m: m.start)

    def find_with_shapes(self, text: str) -> list[Mention]:
        """As `find`, plus names read by their shape in what is left ("Trung tâm X")."""
        found = self.find(text)
        spans = [(m.start, m.end) for m in found]
        for start, end in _residual_pieces(text, spans):
            name = name_by_shape(text[start:end])
            piece = text[start:end]
            tail = fold_text(piece[piece.index(name) + len(name) :]) if name else ""
            if name and not re.match(r"[\s,]*(?:co )?lien quan\b", tail):
                begin = start + text[start:end].index(name)
                found.append(Mention(begin, begin + len(name), name, Entry(None, name), "shape"))
        return sorted(found, key=lambda m: m.start)


_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ])")
_SUPPORT_SPAN = re.compile(r"phoi hop(?: chat che)? voi\s+")
_LIST_GAP = re.compile(r"\s*(?:[,;]|\bvà\b)\s*")


_DESCRIBED = re.compile(r"\s*\((?:cac )?(?:co quan|don vi)\b")


def _one_of_group(entry: Entry, text: str, start: int, end: int) -> bool:
    """ "Sở, Ngành (cơ quan đăng ký đầu tư)": one body of the group, described by its role
    and named by nobody, not the whole group ("các sở, ngành")."""
    folded = fold_text(text)
    return (
        entry.group
        and not folded.startswith("cac ", start)
        and _DESCRIBED.match(folded, end) is not None
    )


def _shape_list(text: str, start: int) -> list[Mention]:
    """Names read by shape one after another from ``start``, joined by commas or "và"."""
    out: list[Mention] = []
    cursor = start
    while cursor < len(text):
        piece = re.split(r"[,;()]", text[cursor : cursor + 160], maxsplit=1)[0]
        if not starts_with_head(piece) or not capitalised_after_head(piece):
            break
        name = name_by_shape(piece)
        if name is None or not piece.startswith(name):
            break
        out.append(Mention(cursor, cursor + len(name), name, Entry(None, name), "shape"))
        cursor += len(name)
        gap = _LIST_GAP.match(text, cursor)
        if gap is None:
            break
        cursor = gap.end()
        rest = text[cursor : cursor + 80]
        if out and rest[:1].isupper() and not starts_with_head(rest) and text[gap.start()] == ",":
            name = name_by_shape(
                text[out[-1].start : cursor] + rest
            )  # "Viện Chiến lược, Chính sách …"
            if name:
                end = out[-1].start + len(name)
                out[-1] = Mention(
                    out[-1].start,
                    end,
                    text[out[-1].start : end],
                    Entry(None, text[out[-1].start : end]),
                    "shape",
                )
                cursor = end
                gap = _LIST_GAP.match(text, cursor)
                if gap is None:
                    break
                cursor = gap.end()
    return out


def _opening_shapes(text: str) -> list[Mention]:
    """A list of names by shape that opens the text and is followed by a verb."""
    lead = len(text) - len(text.lstrip(" -–•+"))
    found = _shape_list(text, lead)
    if not found:
        return []
    after = text[found[-1].end : found[-1].end + 40].lstrip(" ,")
    return found if after[:1].islower() or _LEAD_AFTER.match(fold_text(after)) else []


def _residual_pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of ``text`` outside ``spans``, split at commas and semicolons.

    A piece that opens with a capital but not with an agency's head word
    continues the one before it ("Sở Văn hóa, Thể thao và Du lịch").
    """
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end in [*sorted(spans), (len(text), len(text))]:
        segment_start = cursor
        for m in re.finditer(r"[^,;()]+", text[cursor:start]):
            piece = (segment_start + m.start(), segment_start + m.end())
            chunk = text[piece[0] : piece[1]].strip()
            if not chunk:
                continue
            joins = pieces and chunk[:1].isupper() and not starts_with_head(chunk)
            if joins and starts_with_head(text[pieces[-1][0] : pieces[-1][1]]):
                pieces[-1] = (pieces[-1][0], piece[1])
            else:
                pieces.append(piece)
        cursor = end
    return pieces


# -- roles -----------------------------------------------------------------------


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
