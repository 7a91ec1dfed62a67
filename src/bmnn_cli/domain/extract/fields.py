"""Labelled fields of a task: "Cơ quan chủ trì: …", "Thời hạn hoàn thành: …".

Plans laid out as content / agency / time give each task's parts as
labelled lines (dash bullets, lettered items, table cells) or run them
together in one paragraph ("Cơ quan chủ trì: X; thời gian: Quý II/2026").
A label counts at the start of a line or after "." / ";", followed by ":"
(a content label such as "a) Nội dung" may stand alone).
"""

from __future__ import annotations

import re

from bmnn_cli.domain.extract.lexicon import fold_text

_AGENCY = r"(?:co quan|don vi)(?:,? (?:co quan|don vi|to chuc))?"
_ASIDE = r"(?: ?\([^()]{1,30}\))?"  # "Đơn vị chủ trì (tham mưu) thực hiện", "phối hợp (thực hiện)"
LABELS: tuple[tuple[str, str], ...] = (
    ("support", rf"{_AGENCY} phoi hop{_ASIDE}(?: thuc hien)?{_ASIDE}|phoi hop(?: thuc hien)?"),
    (
        "lead",
        rf"{_AGENCY} (?:chu tri|thuc hien|chiu trach nhiem|duoc giao){_ASIDE}(?: thuc hien)?"
        rf"{_ASIDE}|chu tri(?: thuc hien)?|trach nhiem (?:thuc hien|chu tri)",
    ),
    (
        "deadline",
        r"(?:thoi han|thoi gian|tien do|thoi diem|han)(?: (?:hoan thanh|thuc hien|bao cao|gui"
        r"|trien khai|nop|hoan thien))*",
    ),
    ("product", r"san pham(?: (?:dau ra|chu yeu))?|ket qua(?: dau ra)?|hinh thuc van ban"),
    ("content", r"noi dung(?: (?:cong viec|thuc hien|nhiem vu))?|nhiem vu|ten nhiem vu"),
)
_LABEL = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=[.;]))\s*(?:[-–+•]\s*)?(?:"
    + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in LABELS)
    + r")\s*(?::|$)"
)

Field = tuple[str, str]


def split_fields(text: str) -> tuple[str, list[Field]]:
    """(text before the first label, [(kind, value), …]) of one paragraph."""
    folded = fold_text(text)
    found = [m for m in _LABEL.finditer(folded) if m.lastgroup]
    if not found:
        return text, []
    fields: list[Field] = []
    for index, m in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        value = text[m.end() : end].strip(" ;")
        fields.append((str(m.lastgroup), value))
    return text[: found[0].start()].strip(" ;"), fields
