"""Reading a plan document into numbered lines: .txt, .docx (python-docx), .pdf (pypdf).

Every later step works on lines, so that each task can name the line it
starts on. In a .txt file a line is a line; in a .docx file it is a
paragraph or a table row (cells joined by " | ", the layout the structure
reader knows for tables), with Word's automatic numbering ("1.", "a)", "-")
written back in front of the paragraph, since python-docx leaves it out; in
a PDF it is a line of the text pypdf extracts. Markdown emphasis ("*…*",
"**…**") carries no meaning and is removed here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

MAX_BYTES = 20 * 1024 * 1024
_EMPHASIS = re.compile(r"\*+|(?<!\w)__|__(?!\w)")


@dataclass(frozen=True)
class Document:
    """A document as numbered lines (``lines[0]`` is line 1)."""

    path: str
    lines: list[str]
    kind: str  # txt | docx | pdf

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def strip_emphasis(line: str) -> str:
    """The line without markdown emphasis marks."""
    return _EMPHASIS.sub("", line)


def read_document(path: Path) -> Document:
    """The document at ``path`` as lines; an InputError a person can act on otherwise."""
    from bmnn_cli.files import check_document

    name = str(path)
    check_document(path, MAX_BYTES)  # a regular file within the limit; a .docx no zip bomb
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError(t("err.input.old_doc"), path=name)
    if suffix == ".docx":
        lines, kind = _docx_lines(path), "docx"
    elif suffix == ".pdf":
        lines, kind = _pdf_lines(path), "pdf"
    else:
        lines, kind = _text_lines(path), "txt"
    if not any(line.strip() for line in lines):
        raise InputError(t("err.input.document_no_text"), path=name)
    from bmnn_cli.text import without_controls

    return Document(name, [strip_emphasis(without_controls(line)).rstrip() for line in lines], kind)


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if data.startswith((b"%PDF", b"PK\x03\x04")):
        raise InputError(t("err.input.misnamed_binary"), path=str(path))
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return data.decode(encoding).splitlines()
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(t("err.input.not_utf8"), path=str(path), line=line) from None


def _docx_lines(path: Path) -> list[str]:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise InputError(t("err.input.docx_missing"), path=str(path)) from None
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a bad file
        raise InputError(t("err.input.docx_unreadable", error=error), path=str(path)) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_rows(Table(child, document)))
    return lines


def _table_rows(table: Any) -> list[str]:
    """One line per row; a cell merged across columns is given once."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or text != cells[-1]:
                cells.append(text)
        rows.append(" | ".join(cells))
    return rows


class _Numbering:
    """Word's automatic list numbering, written back as the text a reader sees."""

    _FORMATS = ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet")

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        from docx.oxml.ns import qn

        abstract: dict[str, dict[int, tuple[str, str]]] = {}
        for item in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str]] = {}
            for lvl in item.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                )
            abstract[item.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = abstract.get(ref.get(qn("w:val")) if ref is not None else "", {})
            for ilvl, spec in levels.items():
                self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, paragraph: Any) -> str:
        """The marker Word shows before this paragraph ("2. ", "a) ", "- "), or ""."""
        from docx.oxml.ns import qn

        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        key = num_id.get(qn("w:val")) if num_id is not None else ""
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        fmt, text = self.levels.get((key, level), ("bullet", ""))
        if fmt == "bullet" or fmt not in self._FORMATS:
            return "- "
        counts = self.counters.setdefault(key, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        return re.sub(r"%(\d)", lambda m: self._format(fmt, counts[int(m[1]) - 1]), text) + " "

    @staticmethod
    def _format(fmt: str, number: int) -> str:
        if fmt.endswith("Letter"):
            letter = "abcdefghiklmnopqrstuvxy"[(number - 1) % 23]
            return letter.upper() if fmt.startswith("upper") else letter
        if fmt.endswith("Roman"):
            roman = _roman(number)
            return roman if fmt.startswith("upper") else roman.lower()
        return str(number)


def _num_pr(paragraph: Any) -> Any:
    """The paragraph's numbering properties, its own or its style's ("List Number")."""
    from docx.oxml.ns import qn

    props = paragraph._p.pPr
    found = props.find(qn("w:numPr")) if props is not None else None
    style = paragraph.style
    while found is None and style is not None:
        props = style.element.pPr
        found = props.find(qn("w:numPr")) if props is not None else None
        style = style.base_style
    return found


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _pdf_lines(path: Path) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError(t("err.input.pdf_missing"), path=str(path)) from None
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise InputError(t("err.input.pdf_unreadable", error=error), path=str(path)) from None
    lines: list[str] = []
    for page in pages:
        lines.extend(line for line in page.splitlines() if not re.fullmatch(r"\s*\d{1,3}\s*", line))
    if not any(line.strip() for line in lines):
        raise InputError(t("err.input.pdf_no_text"), path=str(path))
    return lines
