"""Rich tables on a terminal, fitted to its width (see fit.py), with or without colour.

Rich is imported inside the functions: a command that prints plain text off
a terminal never loads it.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any

from bmnn_cli.i18n import t
from bmnn_cli.render.base import Document, Listing, cells
from bmnn_cli.render.fit import Fitted, Spec, fit, overhead

if TYPE_CHECKING:
    from rich.console import Console


def terminal(out: IO[str]) -> Console:
    """A console on `out`, without colour when NO_COLOR is set."""
    from rich.console import Console

    return Console(file=out, no_color=bool(os.environ.get("NO_COLOR")))


def draw(doc: Document, console: Console, *, wide: bool = False) -> None:
    """Tables fitted to the terminal's width (`fit`); `wide` shows every column whole."""
    from rich.text import Text

    # Every text from the data goes in as a Text, never as markup: a title
    # "Kế hoạch [theo mẫu]" keeps its brackets and "[/b]" is only two characters.
    if doc.heading:
        console.print(Text(doc.heading, style="bold"))
    for number, listing in enumerate(doc.listings):
        if number or doc.heading:
            console.print()
        headers, body = cells(listing)
        if not body:
            if listing.title:
                console.print(Text(listing.title))
            console.print(Text(listing.nothing()))
            continue
        fitted = fit(_specs(listing, headers), body, None if wide else console.width)
        table = _table(listing, fitted, body, plain=console.no_color)
        _print_wide(console, table, sum(fitted.widths) + overhead(len(fitted.shown)))
        for line in _notes(fitted):
            console.print(Text(line, style="" if console.no_color else "dim"))


def _print_wide(console: Console, table: Any, width: int) -> None:
    """Print `table` at `width` at least, even past the terminal's edge (`--wide`)."""
    shown = console.width
    console.width = max(width, shown)
    try:
        console.print(table)
    finally:
        console.width = shown


def _specs(listing: Listing, headers: list[str]) -> list[Spec]:
    from bmnn_cli.i18n import MESSAGES

    return [
        Spec(
            header,
            t(f"{column.header}.short") if f"{column.header}.short" in MESSAGES else None,
            column.fit or ("wrap" if column.kind == "text" else "whole"),
            column.drop,
        )
        for header, column in zip(headers, listing.columns, strict=True)
    ]


def _table(listing: Listing, fitted: Fitted, body: list[list[str]], *, plain: bool) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    title = Text(listing.title) if listing.title else None
    table = Table(
        title=title,
        box=_plain_box() if plain else box.SIMPLE_HEAVY,
        title_justify="left",
        header_style="" if plain else "bold",
        show_edge=False,
        pad_edge=False,
    )
    for index, width, header in zip(fitted.shown, fitted.widths, fitted.headers, strict=True):
        column = listing.columns[index]
        how = column.fit or ("wrap" if column.kind == "text" else "whole")
        table.add_column(
            Text(header, no_wrap=False, overflow="fold"),
            justify="right" if column.kind in ("int", "rate") else "left",
            width=width,
            no_wrap=how != "wrap",
            overflow="ellipsis" if how == "cut" else "fold",
        )
    for row in body:
        table.add_row(*(Text(row[i]) for i in fitted.shown))
    return table


def _notes(fitted: Fitted) -> list[str]:
    """The legend of short headers, and what was left out, under a fitted table."""
    notes = []
    if fitted.legend:
        notes.append("; ".join(f"{short}: {full}" for short, full in fitted.legend))
    if fitted.hidden:
        notes.append(t("table.hidden", columns=", ".join(fitted.hidden)))
    return notes


# No colour, no box drawing (NO_COLOR): a rule of dashes under the headers, as in plain text.
def _plain_box() -> Any:
    from rich.box import Box

    return Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
