"""Who a sentence names: the registry's agencies, standard names, and names by shape.

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
otherwise, and inside "Cơ quan phối hợp:" a support. The roles are read by ``roles``;
this module finds the names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bmnn_cli.domain.extract import names
from bmnn_cli.domain.extract.lexicon import (
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


_LEAD_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:chu tri|lam dau moi|co trach nhiem|chiu trach nhiem"
    r"|phoi hop thuc hien|la co quan (?:chu tri|thuong truc))\b"
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
