"""How a table fits a terminal: which columns stay, how wide each is, which headers shorten.

Plain Python over the cells' text, so that the choice can be tested without
a terminal and `render.table` only draws what is decided here. The rule, in order:

1. a table that fits is shown whole, with full headers;
2. else number columns take their short header, explained in a legend;
3. else columns are left out, least needed first (`Column.drop`, highest
   first; 0 never), until the narrowest the rest can be fits;
4. the space left is shared out: text that wraps wraps between words,
   text that is cut ends in "…", and ids, dates and numbers are never
   broken (`Column.fit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

# The narrowest a column of words or a cut title is made, in cells, when its
# text is longer: narrower than this, a name takes more lines than it is worth.
WRAP_FLOOR = 14
CUT_FLOOR = 16


@dataclass(frozen=True)
class Spec:
    """What fitting needs to know of a column."""

    header: str
    short: str | None  # a short header for a narrow table, or None
    fit: str  # "wrap" (between words), "cut" (one line, "…") or "whole"
    drop: int  # 0: always shown; else left out first when higher


@dataclass(frozen=True)
class Fitted:
    """The columns shown (indexes into the specs), their widths and headers."""

    shown: list[int]
    widths: list[int]
    headers: list[str]
    legend: list[tuple[str, str]]  # (short header, full header) of the shown columns
    hidden: list[str]  # full headers of the columns left out


def overhead(count: int) -> int:
    """Cells a table of `count` columns spends outside its text: one space each side
    of a column, a separator between columns (no edges, see render)."""
    return max(3 * count - 3, 0)


def fit(specs: Sequence[Spec], body: Sequence[Sequence[str]], width: int | None) -> Fitted:
    """The columns of `body` to show within `width` cells (None: all, at full width)."""
    everything = list(range(len(specs)))
    headers = [s.header for s in specs]
    natural = [_natural(h, [r[i] for r in body]) for i, h in enumerate(headers)]
    if width is None or sum(natural) + overhead(len(specs)) <= width:
        return Fitted(everything, natural, headers, [], [])
    headers = [s.short or s.header for s in specs]
    cells = [[r[i] for r in body] for i in everything]
    natural = [_natural(h, cells[i]) for i, h in enumerate(headers)]
    least = [_least(specs[i].fit, headers[i], cells[i], natural[i]) for i in everything]
    shown = _choose(specs, least, width)
    widths = _share([natural[i] for i in shown], [least[i] for i in shown], width)
    legend = [(headers[i], specs[i].header) for i in shown if headers[i] != specs[i].header]
    hidden = [specs[i].header for i in everything if i not in shown]
    return Fitted(shown, widths, [headers[i] for i in shown], legend, hidden)


def _natural(header: str, cells: Sequence[str]) -> int:
    return max([cell_len(header), *(_longest_line(c) for c in cells)])


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _least(how: str, header: str, cells: Sequence[str], natural: int) -> int:
    """The narrowest a column can be while keeping its words, ids and numbers whole."""
    words = max([_longest_word(header), *(_longest_word(c) for c in cells)])
    if how == "whole":
        return natural
    if how == "cut":
        return min(natural, max(CUT_FLOOR, _longest_word(header)))
    return min(natural, max(WRAP_FLOOR, words))


def _choose(specs: Sequence[Spec], least: Sequence[int], width: int) -> list[int]:
    """Leave out columns, least needed first, until the rest fit at their narrowest."""
    shown = list(range(len(specs)))
    droppable = sorted((i for i in shown if specs[i].drop), key=lambda i: (-specs[i].drop, -i))
    for index in droppable:
        if sum(least[i] for i in shown) + overhead(len(shown)) <= width:
            break
        shown.remove(index)
    return shown


def _share(natural: list[int], least: list[int], width: int) -> list[int]:
    """Widths within `width`: the widest columns give way first, none below its least."""
    widths = list(natural)
    excess = sum(widths) + overhead(len(widths)) - width
    while excess > 0:
        giving = [i for i, w in enumerate(widths) if w > least[i]]
        if not giving:
            break  # even the narrowest does not fit: the terminal folds what is left
        widest = max(widths[i] for i in giving)
        for i in giving:
            if widths[i] == widest and excess > 0:
                widths[i] -= 1
                excess -= 1
    return widths
