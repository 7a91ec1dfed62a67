"""Plan documents in the other input formats, built from the corpus texts.

`to_docx` lays a corpus text out as Word would: the header block and every
table of tasks as real Word tables (a row with fewer cells continues the
row above: its number and trailing cells are merged down, vMerge, as
in the source document), and the numbered items of each section ("1.",
"2." …) as automatic Word numbering (numbering.xml; the number is not in
the paragraph's text, and each section restarts it). `to_word_html` writes
the page Word saves as "Web Page": windows-1252 with every other character
as an HTML entity, one <p> per paragraph and one <tr> per table row.

The committed tests/data/*.doc and *.pdf were made once from `to_docx`
output with LibreOffice (see tests/data/README.md), so that the tests need
only the readers (antiword, pypdf), not LibreOffice.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from bmnn_cli.domain.extract.structure import _header_columns, cells_of

_ITEM = re.compile(r"(\d{1,2})\. (\S.*)")
_SECTION = re.compile(r"[IVX]{1,5}\. \S")


def _numbering(document: Any) -> tuple[Any, str]:
    """The numbering part, and the id of an abstract "%1." decimal list added to it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    first_num = part.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    return part, "90"


def _new_list(part: Any, abstract: str, num_id: int) -> str:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    return str(num_id)


def _numbered(paragraph: Any, num_id: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    props = paragraph._p.get_or_add_pPr()
    props.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def to_docx(text: Path, out: Path) -> Path:
    """The corpus text ``text`` as a .docx with Word tables and automatic numbering."""
    import docx

    document = docx.Document()
    document.add_paragraph("x", style="List Number")  # makes the template's numbering part
    body = document.element.body
    body.remove(body[0])
    part, abstract = _numbering(document)
    lines = text.read_text(encoding="utf-8").splitlines()
    list_id, expected, next_id = "", 1, 100
    index = 0
    while index < len(lines):
        line = lines[index]
        if cells_of(line):
            rows: list[list[str]] = []
            while index < len(lines) and (cells_of(lines[index]) or _continues(rows, lines, index)):
                rows.append([c.strip() for c in lines[index].strip().strip("|").split(" | ")])
                index += 1
            _table(document, rows)
            continue
        if _SECTION.match(line):
            list_id, expected = "", 1
        item = _ITEM.fullmatch(line)
        if item and int(item[1]) == expected:
            if not list_id:
                list_id, next_id = _new_list(part, abstract, next_id), next_id + 1
            _numbered(document.add_paragraph(item[2]), list_id)
            expected += 1
        else:
            document.add_paragraph(line)
        index += 1
    document.save(str(out))
    return out


def _continues(rows: list[list[str]], lines: list[str], index: int) -> bool:
    """A group heading line inside a table ("I. NÂNG CAO NHẬN THỨC …") stays in it."""
    return (
        bool(rows)
        and bool(_SECTION.match(lines[index]))
        and index + 1 < len(lines)
        and bool(cells_of(lines[index + 1]))
    )


def _table(document: Any, rows: list[list[str]]) -> None:
    """A Word table; a short row is merged into the row above, as the source had it."""
    width = max(len(r) for r in rows)
    kinds = (_header_columns(rows[0]) or []) + [""] * width
    table = document.add_table(rows=len(rows), cols=width)
    for r, cells in enumerate(rows):
        if len(cells) == 1:  # a group heading: one cell across the table
            merged = table.cell(r, 0).merge(table.cell(r, width - 1))
            merged.text = cells[0]
            continue
        short = len(cells) < width and r > 0 and not re.fullmatch(r"[\dIVXa-zđ.)]+", cells[0])
        offset = 1 if short and width - len(cells) >= 1 else 0
        for c, value in enumerate(cells):
            table.cell(r, c + offset).text = value
        if short:
            table.cell(r - 1, 0).merge(table.cell(r, 0))
            for c in range(offset + len(cells), width):
                if kinds[c] != "support":  # the text gives no support there: left empty
                    table.cell(r - 1, c).merge(table.cell(r, c))


def to_word_html(text: Path, out: Path) -> Path:
    """The corpus text as Word's "Web Page" (.htm): windows-1252 with HTML entities."""
    parts = [
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">',
        "<style>p.MsoNormal {margin:0cm}</style></head><body lang=VI>",
    ]
    rows: list[str] = []
    for line in text.read_text(encoding="utf-8").splitlines():
        cells = cells_of(line)
        if cells:
            rows.append(
                "<tr>"
                + "".join(f"<td><p class=MsoNormal>{_entities(c)}</p></td>" for c in cells)
                + "</tr>"
            )
            continue
        if rows:
            parts.append("<table border=1>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p class=MsoNormal>{_entities(line)}</p>")
    if rows:
        parts.append("<table border=1>" + "".join(rows) + "</table>")
    parts.append("</body></html>")
    out.write_bytes("\n".join(parts).encode("windows-1252"))
    return out


def _entities(text: str) -> str:
    """Escaped as Word does: named entities where HTML has one, else numeric ones."""
    out = []
    for char in html.escape(text, quote=False):
        try:
            char.encode("windows-1252")
            out.append(char)
        except UnicodeEncodeError:
            out.append(f"&#{ord(char)};")
    return "".join(out).replace("\u00e0", "&agrave;")
