"""Recognising a secrecy classification stamp (dấu chỉ độ mật) in a file.

bmnn stores metadata about obligations, never the content of secret
documents. A plan or register that carries a stamp — a line that is just
"MẬT", "TỐI MẬT" or "TUYỆT MẬT", possibly framed or in bold — is refused
unless the user says it is not secret. Prose such as "bảo vệ bí mật nhà
nước" never matches: only a line that is nothing but the mark does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bmnn_cli.errors import Refused
from bmnn_cli.i18n import t
from bmnn_cli.text import clean, fold

MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
_FOLDED = {fold(mark): mark for mark in MARKS}
_FRAME = re.compile(
    r"^[\s*_#>\"'“”\[\](){}|=+-]*(?:đ[ộo]\s*m[ậa]t\s*:\s*)?|[\s*_#\"'“”\[\](){}|=+.:-]*$", re.I
)


def find_stamp(text: str) -> tuple[int, str] | None:
    """The first line that is a classification stamp, and the mark on it.

    A line of table cells ("MẬT | Độc lập - Tự do - Hạnh phúc", the
    letterhead table) is a stamp when one of its cells is.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        for cell in line.split("|") if "|" in line else (line,):
            mark = _stamp(cell)
            if mark:
                return number, mark
    return None


def _stamp(text: str) -> str | None:
    core = _FRAME.sub("", clean(text))
    if not core or len(core) > 12:
        return None
    mark = _FOLDED.get(fold(core))
    return mark if mark and core.isupper() else None


# The parts of a .docx where text can stand: the body (with its tables and
# text boxes), section headers and footers, footnotes and endnotes.
_DOCX_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(archive: Any, path: Path) -> Iterator[tuple[str, str]]:
    """(part, text) of every paragraph of a .docx, wherever it stands.

    python-docx reads the body's own paragraphs and tables; a stamp usually
    stands elsewhere: in a section header, a text box (a paragraph inside a
    drawing inside a paragraph) or a cell of the letterhead table. Each
    `w:p` element of every text part gives its lines (split at line breaks),
    made of the runs that belong to it and not to a paragraph nested in it.
    """
    from lxml import etree  # type: ignore[import-untyped]  # python-docx brings it

    from bmnn_cli.files import MEMBER_LIMIT, read_member

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for name in sorted(n for n in archive.namelist() if _DOCX_PART.fullmatch(n)):
        data = read_member(archive, name, MEMBER_LIMIT, path)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            continue  # python-docx reports a broken body; a broken header hides nothing
        for paragraph in root.iter(f"{_W}p"):
            pieces = [
                node.text or "" if node.tag == f"{_W}t" else "\n"
                for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}cr")
                if _owner(node) is paragraph
            ]
            for line in "".join(pieces).split("\n"):  # a line break ends a line
                yield name, line


def _owner(node: Any) -> Any:
    """The nearest paragraph around a text node."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{_W}p":
        parent = parent.getparent()
    return parent


def refuse_classified_docx(path: Path) -> None:
    """Raise `Refused` when any paragraph of a .docx, anywhere, is a stamp."""
    from bmnn_cli.files import MEMBER_LIMIT, open_zip_checked

    with open_zip_checked(path, MEMBER_LIMIT) as archive:
        for part, text in docx_paragraphs(archive, path):
            mark = _stamp(text)
            if mark:
                raise Refused(t("err.hostile.classified_part", path=path, part=part, mark=mark))


def refuse_classified(text: str, path: str) -> None:
    """Raise `Refused` when the file bears a stamp; the message says why and how."""
    found = find_stamp(text)
    if found:
        line, mark = found
        raise Refused(t("err.input.classified", path=path, line=line, mark=mark))
