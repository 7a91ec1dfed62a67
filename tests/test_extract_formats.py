"""`bmnn extract` reads every input format into the same draft as the plain text.

The .docx and Word .htm inputs are built here from the corpus texts
(tests/extract_inputs.py: real Word tables with merged cells, automatic
numbering); the .doc and .pdf were made once with LibreOffice and are
committed (tests/data/README.md). For each, the tasks, their leads,
supports and deadline phrases must be those of the .txt.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from bmnn_cli.domain.extract import extract, read_document
from bmnn_cli.errors import InputError
from conftest import EXAMPLES, Cli
from extract_inputs import to_docx, to_word_html

CORPUS = EXAMPLES / "corpus"
DATA = Path(__file__).parent / "data"
ALL = sorted(CORPUS.glob("*.txt")) + sorted((EXAMPLES / "documents").glob("*.txt"))

Facts = set[tuple[str, tuple[str, ...], tuple[str, ...], str]]


def facts(path: Path) -> Facts:
    result = extract(read_document(path), default_year=2026)
    return {
        (t.code, tuple(r.value for r in t.lead), tuple(r.value for r in t.support), t.deadline)
        for t in result.tasks
    }


@pytest.mark.no_database
@pytest.mark.parametrize("text", ALL, ids=[p.stem[:12] for p in ALL])
def test_docx_with_word_tables_and_numbering_reads_as_the_text(tmp_path: Path, text: Path) -> None:
    """Every corpus plan and both seeds."""
    built = to_docx(text, tmp_path / f"{text.stem}.docx")
    xml = zipfile.ZipFile(built).read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" in xml  # automatic numbering
    assert ("<w:tbl>" in xml) == (" | " in text.read_text(encoding="utf-8"))  # real tables
    assert facts(built) == facts(text)


@pytest.mark.no_database
def test_docx_numbering_and_merged_cells_are_written_back(tmp_path: Path) -> None:
    """python-docx gives neither the "1." of a numbered list nor a merged cell's text on
    the rows it covers: the reader writes both back."""
    stem = "05-hcm-2820-csdl-quy-hoach-2025"
    built = to_docx(CORPUS / f"{stem}.txt", tmp_path / "05.docx")
    xml = zipfile.ZipFile(built).read("word/document.xml").decode("utf-8")
    assert 'w:vMerge w:val="restart"' in xml  # a cell merged down over rows
    grouped = to_docx(CORPUS / "06-dongthap-617-cds-doanh-nghiep-2025.txt", tmp_path / "06.docx")
    assert "<w:gridSpan" in zipfile.ZipFile(grouped).read("word/document.xml").decode("utf-8")
    assert ">1. Mục đích<" not in xml  # the number is Word's, not the paragraph's
    lines = read_document(built).lines
    assert "1. Mục đích" in lines and "2. Yêu cầu" in lines
    continued = next(line for line in lines if line.startswith("1 | Xây dựng hạ tầng kỹ thuật"))
    assert continued.endswith("| Quý IV/2026 | Cổng thông tin cơ sở dữ liệu quốc gia về quy hoạch"
                              " | Đầu tư công hoặc nguồn vốn hợp pháp khác (nếu có)")  # fmt: skip


@pytest.mark.no_database
def test_docx_text_boxes_and_header_are_read(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    anchor = document.add_paragraph()
    anchor._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><w:pict><w:txbxContent><w:p><w:r><w:t>Số: 7/KH-UBND</w:t>'
            "</w:r></w:p></w:txbxContent></w:pict></w:r>"
        )
    )
    document.add_paragraph("KẾ HOẠCH")
    document.save(str(tmp_path / "boxes.docx"))
    lines = read_document(tmp_path / "boxes.docx").lines
    assert lines[:3] == ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "Số: 7/KH-UBND", ""]


@pytest.mark.no_database
@pytest.mark.parametrize("text", ALL, ids=[p.stem[:12] for p in ALL])
def test_word_web_page_reads_as_the_text(tmp_path: Path, text: Path) -> None:
    page = to_word_html(text, tmp_path / f"{text.stem}.htm")
    raw = page.read_bytes()
    assert b"charset=windows-1252" in raw and re.search(rb"&#\d{4};", raw)
    assert facts(page) == facts(text)


@pytest.mark.no_database
def test_old_word_doc_reads_through_antiword() -> None:
    assert shutil.which("antiword"), "scripts/test.sh installs antiword (debian-packages.txt)"
    doc = DATA / "corpus-09.doc"
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE2 Word 97 file
    assert facts(doc) == facts(CORPUS / "09-bnnmt-2200-nd180-carbon-rung-2026.txt")


@pytest.mark.no_database
def test_doc_without_antiword_says_what_to_install(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = cli.fail("extract", str(DATA / "corpus-09.doc"), code=3)
    assert out == (
        f"bmnn: {DATA / 'corpus-09.doc'}: a .doc file (Word 97–2003) needs the antiword "
        "program to be read (Debian: apt-get install antiword), or save it again as .docx\n"
    )


@pytest.mark.no_database
def test_pdf_with_a_text_layer_reads_as_the_text() -> None:
    pdf = DATA / "corpus-04.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert facts(pdf) == facts(CORPUS / "04-hanoi-308-nq214-du-lieu-2025.txt")


@pytest.mark.no_database
def test_scanned_pdf_gets_a_clear_message(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text layer, as a scan
    scan = tmp_path / "scan.pdf"
    with scan.open("wb") as out:
        writer.write(out)
    assert cli.fail("extract", str(scan), code=3) == (
        f"bmnn: {scan}: the PDF has no text layer (a scan?); use the .docx or a text copy\n"
    )
    with pytest.raises(InputError):
        read_document(scan)


@pytest.mark.no_database
def test_text_with_tab_separated_tables(tmp_path: Path) -> None:
    text = CORPUS / "09-bnnmt-2200-nd180-carbon-rung-2026.txt"
    tabs = tmp_path / "tabs.txt"
    tabs.write_text(text.read_text(encoding="utf-8").replace(" | ", "\t"), encoding="utf-8")
    assert facts(tabs) == facts(text)
