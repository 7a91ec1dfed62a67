"""Errors about a PDF that would take more work to read than any plan can need.

A small PDF can hold a stream that inflates to gigabytes or pages of
content that take minutes to parse; bmnn stops at bounds far above a
plan's size and says which bound was passed.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "err.pdf.bomb": (
        "tệp PDF có một luồng giải nén vượt {limit} byte hoặc một trang vượt {tokens} "
        "lệnh vẽ (tệp có thể là bom nén); bmnn không đọc tiếp",
        "the PDF has a stream that inflates beyond {limit} bytes or a page beyond "
        "{tokens} drawing operations (the file may be a decompression bomb); bmnn stops reading",
    ),
    "err.pdf.pages": (
        "tệp PDF có {count} trang, vượt mức {limit} trang bmnn đọc",
        "the PDF has {count} pages, beyond the limit of {limit} that bmnn reads",
    ),
    "err.pdf.text": (
        "chữ trong tệp PDF vượt {limit} ký tự, mức tối đa bmnn đọc",
        "the PDF's text passes {limit} characters, the most bmnn reads",
    ),
}
