"""Recognising a secrecy classification stamp (dấu chỉ độ mật) in a file.

bmnn stores metadata about obligations, never the content of secret
documents. A plan or register that carries a stamp — a line that is just
"MẬT", "TỐI MẬT" or "TUYỆT MẬT", possibly framed or in bold — is refused
unless the user says it is not secret. Prose such as "bảo vệ bí mật nhà
nước" never matches: only a line that is nothing but the mark does.
"""

from __future__ import annotations

import re

from bmnn_cli.errors import Refused
from bmnn_cli.i18n import t
from bmnn_cli.text import clean, fold

MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
_FOLDED = {fold(mark): mark for mark in MARKS}
_FRAME = re.compile(
    r"^[\s*_#>\"'“”\[\](){}|=+-]*(?:đ[ộo]\s*m[ậa]t\s*:\s*)?|[\s*_#\"'“”\[\](){}|=+.:-]*$", re.I
)


def find_stamp(text: str) -> tuple[int, str] | None:
    """The first line that is a classification stamp, and the mark on it."""
    for number, line in enumerate(text.splitlines(), start=1):
        core = _FRAME.sub("", clean(line))
        if not core or len(core) > 12:
            continue
        mark = _FOLDED.get(fold(core))
        if mark and core.isupper():
            return number, mark
    return None


def refuse_classified(text: str, path: str) -> None:
    """Raise `Refused` when the file bears a stamp; the message says why and how."""
    found = find_stamp(text)
    if found:
        line, mark = found
        raise Refused(t("err.input.classified", path=path, line=line, mark=mark))
