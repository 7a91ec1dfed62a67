"""Markdown, for pasting a listing or a report into a written report."""

from __future__ import annotations

from bmnn_cli.render.base import Document, cells


def text(doc: Document) -> str:
    parts: list[str] = []
    if doc.heading:
        parts.append(f"# {_escape(doc.heading)}\n\n")
    for listing in doc.listings:
        if listing.title:
            parts.append(f"## {_escape(listing.title)}\n\n")
        headers, body = cells(listing)
        if not body:
            parts.append(listing.nothing() + "\n\n")
            continue
        parts.append("| " + " | ".join(headers) + " |\n")
        aligns = ["---:" if c.kind in ("int", "rate") else "---" for c in listing.columns]
        parts.append("| " + " | ".join(aligns) + " |\n")
        for row in body:
            parts.append(
                "| " + " | ".join(_escape(cell).replace("|", "\\|") for cell in row) + " |\n"
            )
        parts.append("\n")
    return "".join(parts)


def _escape(text: str) -> str:
    """Text for a Markdown file: viewers render inline HTML, so `<`, `>` and `&` are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
