"""PDFs built in the test: text drawn by Flate-compressed content streams, of any size."""

from __future__ import annotations

import zlib
from pathlib import Path

TEXT_LINE = b"(" + b"A" * 200 + b") Tj T*\n"
FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def pdf_with_text(path: Path, size: int, pages: int = 1) -> Path:
    """A PDF whose pages each draw `size` bytes of text operations, Flate-compressed."""
    body = b"BT /F1 12 Tf 14 TL\n" + TEXT_LINE * (size // len(TEXT_LINE)) + b"ET\n"
    content = zlib.compress(body, 9)
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages)
    for n in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            + FONT
            + b" /Contents %d 0 R >>" % (4 + 2 * n)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(data))
    return path
