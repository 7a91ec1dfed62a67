"""Reading a plan document into numbered lines: .txt, .docx, .doc, .pdf, .html.

Every later step works on lines, so that each task can name the line it
starts on. In a .txt file a line is a line; in a .docx file it is a
paragraph or a table row (cells joined by " | ", the layout the structure
reader knows for tables; a merged cell is given on every row it covers),
with Word's automatic numbering ("1.", "a)", "-") written back in front of
the paragraph, since python-docx leaves it out, and the text of text boxes
and of the first page's header (where an issuer block may stand); an old
Word .doc is read through the Debian converter antiword, whose tables come
out as "|" rows; in a PDF a line is a line of the text pypdf extracts; a
web page saved by Word (.htm, .html: windows-1252 or UTF-8, with HTML
entities) gives one line per paragraph and per table row. Markdown emphasis
("*…*", "**…**") carries no meaning and is removed here, once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
from collections.abc import Callable
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
    kind: str  # txt | docx | doc | pdf | html

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def strip_emphasis(line: str) -> str:
    """The line without markdown emphasis marks."""
    return _EMPHASIS.sub("", line)


def read_document(path: Path, progress: Callable[[int, int], None] | None = None) -> Document:
    """The document at ``path`` as lines; an InputError a person can act on otherwise.

    ``progress`` hears of each page of a PDF as it is read (the slow kind).
    """
    from bmnn_cli.files import check_document

    name = str(path)
    data = check_document(path, MAX_BYTES)  # a regular file within the limit; no zip bomb
    suffix = path.suffix.lower()
    if suffix == ".doc":
        lines, kind = _doc_lines(path), "doc"
    elif suffix == ".docx":
        lines, kind = _docx_lines(path), "docx"
    elif suffix == ".pdf":
        lines, kind = _pdf_lines(path, data, progress), "pdf"
    elif suffix in (".htm", ".html"):
        lines, kind = _html_lines(path), "html"
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
    lines: list[str] = _header_lines(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            lines.extend(_text_boxes(child, document))
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_rows(Table(child, document)))
    return lines


def _header_lines(document: Any) -> list[str]:
    """The first page's header, where some plans put the issuer and number block."""
    try:
        header = document.sections[0].header
    except (IndexError, AttributeError):
        return []
    if header.is_linked_to_previous:
        return []
    lines = [p.text for p in header.paragraphs if p.text.strip()]
    for table in header.tables:
        lines.extend(_table_rows(table))
    return lines


def _text_boxes(element: Any, document: Any) -> list[str]:
    """The paragraphs of the text boxes anchored in a paragraph (python-docx skips them)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for box in element.iter(qn("w:txbxContent")):
        out.extend(Paragraph(p, document).text for p in box.iter(qn("w:p")))
    return [line for line in out if line.strip()]


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


def _doc_lines(path: Path) -> list[str]:
    """An old Word .doc, through antiword (Debian package antiword), as UTF-8 text."""
    import shutil
    import subprocess

    program = shutil.which("antiword")
    if program is None:
        raise InputError(t("err.input.doc_converter_missing"), path=str(path))
    try:
        done = subprocess.run(
            [program, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(t("err.input.doc_unreadable", error=error), path=str(path)) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").replace(str(path), "").splitlines()
        why = reason[-1].strip(" .:").removeprefix("is ") if reason else done.returncode
        raise InputError(t("err.input.doc_unreadable", error=why), path=str(path))
    text = done.stdout.decode("utf-8", "replace")
    return _antiword_rows(text.splitlines())


def _antiword_rows(lines: list[str]) -> list[str]:
    """antiword writes a table row as "|cell|cell|", wrapping each cell over several lines
    within its column; a line whose first cell is empty continues the row above. Rows are
    given back as the " | " lines the outline reads."""
    out: list[str] = []
    row: list[str] | None = None
    for line in [*lines, ""]:
        stripped = line.strip()
        cells = stripped.strip("|").split("|") if stripped.startswith("|") else None
        if cells is not None and len(cells) >= 2:
            if row is not None and not cells[0].strip() and len(cells) == len(row):
                row = [f"{a} {b.strip()}".strip() for a, b in zip(row, cells, strict=True)]
                continue
            if row is not None:
                out.append(" | ".join(" ".join(c.split()) for c in row))
            row = [c.strip() for c in cells]
            continue
        if row is not None:
            out.append(" | ".join(" ".join(c.split()) for c in row))
            row = None
        out.append(line)
    return out[:-1]


def _html_lines(path: Path) -> list[str]:
    """A web page saved by Word: one line per paragraph, one " | " line per table row."""
    from bmnn_cli.domain.extract.html import page_lines

    data = path.read_bytes()
    return page_lines(data)


PDF_STREAM_LIMIT = 2 * 1024 * 1024  # bytes one PDF stream may inflate to (a page is KBs)
PDF_TOKEN_LIMIT = 100_000  # operators and operands in one page's content (a page: thousands)
PDF_PAGE_LIMIT = 1_000  # pages (a plan has tens)
PDF_TEXT_LIMIT = 2_000_000  # characters of text in the whole PDF (a plan: about 100 000)


def _pdf_lines(
    path: Path, data: bytes, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """The PDF's text, from the bytes already read and checked (pypdf never opens the path)."""
    try:
        import pypdf
        from pypdf.errors import PdfReadError, PyPdfError
    except ImportError:
        raise InputError(t("err.input.pdf_missing"), path=str(path)) from None
    try:
        with _pdf_bounds(pypdf):
            pages = _pdf_pages(pypdf.PdfReader(io.BytesIO(data)), path, progress)
    except (PdfReadError, ValueError, KeyError) as error:
        raise InputError(t("err.input.pdf_unreadable", error=error), path=str(path)) from None
    except PyPdfError:  # pypdf's LimitReachedError: a stream inflating beyond the bounds
        raise InputError(
            t("err.pdf.bomb", limit=PDF_STREAM_LIMIT, tokens=PDF_TOKEN_LIMIT), path=str(path)
        ) from None
    lines: list[str] = []
    for page in pages:
        lines.extend(line for line in page.splitlines() if not re.fullmatch(r"\s*\d{1,3}\s*", line))
    if not any(line.strip() for line in lines):
        raise InputError(t("err.input.pdf_no_text"), path=str(path))
    return lines


def _pdf_pages(
    reader: Any, path: Path, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """The text of each page, refused once the pages or the text pass what a plan can be."""
    if len(reader.pages) > PDF_PAGE_LIMIT:
        raise InputError(
            t("err.pdf.pages", count=len(reader.pages), limit=PDF_PAGE_LIMIT), path=str(path)
        )
    pages: list[str] = []
    total = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        total += len(pages[-1])
        if total > PDF_TEXT_LIMIT:
            raise InputError(t("err.pdf.text", limit=PDF_TEXT_LIMIT), path=str(path))
        if progress is not None:
            progress(1, len(reader.pages))
    return pages


def _pdf_bounds(pypdf: Any) -> contextlib.AbstractContextManager[Any]:
    """pypdf's own limits, tightened: no stream inflates, no page parses, beyond a plan's size."""
    if not hasattr(pypdf, "apply_configuration"):  # pypdf before its Configuration: the constants
        for name in ("ZLIB", "LZW", "RUN_LENGTH"):
            setattr(pypdf.filters, f"{name}_MAX_OUTPUT_LENGTH", PDF_STREAM_LIMIT)
        return contextlib.nullcontext()
    limits = {
        "zlib_maximum_output_length": PDF_STREAM_LIMIT,
        "lzw_maximum_output_length": PDF_STREAM_LIMIT,
        "run_length_maximum_output_length": PDF_STREAM_LIMIT,
        "brotli_maximum_output_length": PDF_STREAM_LIMIT,
        "array_based_stream_maximum_output_length": PDF_STREAM_LIMIT,
        "stream_decoding_work_maximum_length": 4 * PDF_STREAM_LIMIT,
        "stream_parsing_work_maximum_count": PDF_TOKEN_LIMIT,
    }
    known = {field.name for field in dataclasses.fields(pypdf.Configuration)}
    bounds: contextlib.AbstractContextManager[Any] = pypdf.apply_configuration(
        **{key: value for key, value in limits.items() if key in known}
    )
    return bounds
