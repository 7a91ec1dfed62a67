"""Plain aligned text: tables off a terminal (cron mail, pipes), every column whole."""

from __future__ import annotations

from bmnn_cli.render.base import Document, Listing, cells


def text(doc: Document) -> str:
    parts: list[str] = []
    if doc.heading:
        parts.append(doc.heading + "\n\n")
    for listing in doc.listings:
        if listing.title:
            parts.append(listing.title + "\n")
        parts.append(_table(listing) + "\n")
    return "".join(parts).rstrip("\n") + "\n"


def _table(listing: Listing) -> str:
    headers, body = cells(listing)
    if not body:
        return listing.nothing() + "\n"
    widths = [max(len(r[i]) for r in [headers, *body]) for i in range(len(headers))]
    right = [c.kind in ("int", "rate") for c in listing.columns]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(w) if r else cell.ljust(w)
            for cell, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in body)]) + "\n"
