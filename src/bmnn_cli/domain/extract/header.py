"""The header of a plan: its number, place and date, kind, title, province and issuer.

Vietnamese administrative documents open the same way (Nghị định 30/2020/NĐ-CP on the form
of documents): the issuing body, the number ("Số: 198/KH-UBND"), the place and date ("Lào
Cai, ngày 20 tháng 02 năm 2026"), the kind of document ("KẾ HOẠCH") and its title. Reading
them is apart from the outline because they are read once, from the lines before it, and say
whose plan it is rather than what it asks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bmnn_cli.domain.extract.lexicon import canon, fold_text
from bmnn_cli.domain.extract.names import agencies, issuer_scope, province_in, provinces
from bmnn_cli.domain.extract.reader import Document
from bmnn_cli.domain.extract.structure import _KINDS, _SIGNATORY, _kind_title, body_start


@dataclass
class Header:
    number: str | None = None  # None: no "Số:" line; "" when left blank (a draft)
    place: str = ""
    issued: dt.date | None = None
    year: int | None = None
    kind: str = ""  # "Kế hoạch", "Quyết định" …
    title: str = ""
    province: str = ""  # name, as the header or text gives it
    issuer: str = ""
    title_line: int | None = None
    scope: str = "province"  # "national" (a ministry, the Prime Minister) | "province" | "commune"
    commune: str = ""  # "xã Lương Minh", for a commune's plan


_NUMBER = re.compile(r"(?:^|[\s|])so\s*:\s*(\d+\s/\S+|\S*/\S+|\S*)")
_DATE = re.compile(
    r"([^\W\d][^,|]{1,40}),\s*ngay\s*(\d{1,2})?\s*thang\s*(\d ?\d|\d)?\s*nam\s*(\d{4})"
)


_PROVINCE = re.compile(r"\b(?:tỉnh|thành phố) ((?:[^\W\d_]+)(?: [^\W\d_]+){0,3})")


def read_header(document: Document) -> Header:
    """Number, place and date, kind and title, and the province the plan is for."""
    lines = document.lines
    body = body_start(lines)
    header = Header()
    for index, line in enumerate(lines[:body]):
        folded = fold_text(line)
        number = _NUMBER.search(folded)
        if number and header.number is None:
            raw = line[number.start(1) : number.end(1)].strip(" .|")
            raw = re.sub(r"\s+/", "/", raw)
            header.number = "" if raw.startswith("/") or not raw else raw
        date = _DATE.search(folded)
        if date and not header.place:
            _read_date(header, line, date)
        if header.title_line is None and folded.strip(" #*").rstrip(".") in _KINDS:
            header.kind = line.strip(" #*").rstrip(".").capitalize()
            header.title_line = index + 1
            header.title = _title(lines, index + 1, body)
    _plan_title(lines, header)
    issuing = _issuing_body(lines)
    header.scope = issuer_scope(issuing) if issuing else "province"
    if header.scope == "national":
        header.issuer = _known_name(issuing)
    elif header.scope == "commune":
        header.commune = _commune(issuing)
        header.province = province_in(document.text)
        header.issuer = _commune_body(issuing, header.commune)
    else:
        header.province = _province(lines, body, header)
        header.issuer = _issuer(lines, header.province)
    if header.year is None:
        years = re.findall(r"\bnăm (\d{4})\b", header.title)
        header.year = int(years[0]) if years else None
    return header


def _plan_title(lines: list[str], header: Header) -> None:
    """A decision that issues a plan is tracked as that plan: its title is the plan's."""
    if fold_text(header.kind) != "quyet dinh" or header.title_line is None:
        return
    for index in range(header.title_line, len(lines)):
        if _kind_title(lines[index]) == "ke hoach":
            header.kind = "Kế hoạch"
            header.title_line = index + 1
            header.title = _title(lines, index + 1, len(lines))
            return


def _issuing_body(lines: list[str]) -> str:
    """The issuing body of the header block: the first cell of the first line."""
    for line in lines[:3]:
        first = re.split(r"\s\|\s|\bSố\s*:|CỘNG H[OÒ]A", line.strip(), maxsplit=1)[0].strip(" |")
        if first and not _kind_title(first):
            return first
    return ""


def _known_name(text: str) -> str:
    """A name in capitals written as the state-structure data spells it."""
    key = canon(text)
    for name, _kind in agencies():
        if canon(name) == key:
            return name
    return text[:1] + text[1:].lower() if text.isupper() else text


def _commune(text: str) -> str:
    """The commune or ward a body belongs to ("xã Lương Minh")."""
    m = re.search(
        r"\b(XÃ|PHƯỜNG|ĐẶC KHU|xã|phường|đặc khu)\s+((?:[^\W\d_]+\s*){1,3}?)"
        r"(?=\s+(?:BAN|Ban)\b|$)",
        text,
    )
    if not m:
        return ""
    return f"{m[1].lower()} {m[2].strip().title()}"


def _commune_body(text: str, commune: str) -> str:
    """ "Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh", from the header's capitals."""
    folded = " ".join(canon(text))
    if "mat tran to quoc" in folded:
        body = "Ủy ban Mặt trận Tổ quốc Việt Nam"
        body = ("Ban Thường trực " + body) if "ban thuong truc" in folded else body
    elif "hoi dong nhan dan" in folded:
        body = "Hội đồng nhân dân"
    elif "dang uy" in folded:
        body = "Đảng ủy"
    else:
        body = "Ủy ban nhân dân"
    return f"{body} {commune}".strip()


def _read_date(header: Header, line: str, m: re.Match[str]) -> None:
    header.place = line[m.start(1) : m.end(1)].strip(" |")
    header.year = int(m[4])
    if m[2] and m[3]:
        try:
            header.issued = dt.date(int(m[4]), int(m[3].replace(" ", "")), int(m[2]))
        except ValueError:
            header.issued = None


def _title(lines: list[str], start: int, stop: int) -> str:
    """The title lines after "KẾ HOẠCH", up to a blank line or the preamble."""
    parts: list[str] = []
    for line in lines[start:stop]:
        text = " ".join(line.strip(" #*").split())
        if not text:
            if parts:
                break
            continue
        if re.match(r"(can cu|thuc hien|tren co so|de trien khai)\b", fold_text(text)) and parts:
            break
        if parts and (text.startswith("(") or _SIGNATORY.match(fold_text(text))):
            break  # "(Kèm theo Quyết định …)", "BỘ TRƯỞNG BỘ …" close the title
        parts.append(text)
    title = " ".join(parts)
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def _province(lines: list[str], body: int, header: Header) -> str:
    """The province: from the header's "TỈNH X", the place of the date, or the text."""
    issuing = _issuing_body(lines)
    m = re.search(r"\b(?:TỈNH|THÀNH PHỐ) (.+)$", issuing)
    if m:
        return province_in(m[1]) or m[1].strip(" |").title()
    for line in lines[: header.title_line or body]:
        m = re.match(r"\s*(?:UBND |[UỦ][YỶ] BAN NHÂN DÂN )?(?:TỈNH|THÀNH PHỐ) (.+)$", line.strip())
        if m and m[1].isupper():
            return m[1].strip(" |").title()
    if header.place and not re.search(r"\d", header.place):
        return header.place
    counts: dict[str, int] = {}
    for line in lines:
        for m in _PROVINCE.finditer(line):
            name = _proper_name(m[1])
            if name:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def _proper_name(words: str) -> str:
    """The leading capitalised words ("Cao Bằng" of "Cao Bằng để phù hợp")."""
    kept: list[str] = []
    for word in words.split():
        if not word[:1].isupper():
            break
        kept.append(word)
    return " ".join(kept) if 1 <= len(kept) <= 3 else ""


def _issuer(lines: list[str], province: str) -> str:
    """The issuing body; plans of this kind are issued by the People's Committee."""
    text = fold_text("\n".join(lines))
    if "hoi dong nhan dan" in text[:400] and "uy ban nhan dan" not in text[:400]:
        body = "Hội đồng nhân dân"
    else:
        body = "Ủy ban nhân dân"
    if not province:
        return body
    word = "thành phố" if province in provinces()[:6] else "tỉnh"
    return f"{body} {word} {province}"
