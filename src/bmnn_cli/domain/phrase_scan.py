"""The scanner that walks a folded phrase word by word, trying the grammar rules in order.

It knows nothing of the rules themselves (the scan carries them), so the rule modules can
re-scan a segment (an event's words) without importing the module that lists them; a word
no rule reads is set aside as unread rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bmnn_cli.domain.phrase_lexis import FILLER, GAP, TOKEN_END, Part


@dataclass
class Scan:
    """Scanner state: the text, what has been read so far, and what has not."""

    folded: str
    text: str
    end: int
    year: int | None
    events: bool = True
    parts: list[Part] = field(default_factory=list)
    unread: list[list[int]] = field(default_factory=list)
    after_unread: bool = False
    rules: tuple[Rule, ...] = ()  # the grammar, in the order its rules are tried

    def match(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """Match at ``pos``, never past this scan's end (a segment when checking events)."""
        return pattern.match(self.folded, pos, self.end)

    def last(self, kinds: tuple[str, ...]) -> Part | None:
        """The part just read, if it is of one of ``kinds`` and nothing unread came since."""
        if self.parts and not self.after_unread and self.parts[-1]["kind"] in kinds:
            return self.parts[-1]
        return None


Rule = Callable[[Scan, int], int | None]


def _apply(scan: Scan, pos: int) -> int | None:
    """Read one part at ``pos``, allowing words like "báo cáo", "thực hiện" before it."""
    at: int | None = pos
    while at is not None:
        for rule in scan.rules:
            end = rule(scan, at)
            if end is not None:
                scan.after_unread = False
                return end
        filler = scan.match(FILLER, at)
        at = filler.end() if filler else None
    return None


def _skip_unread(scan: Scan, pos: int) -> int:
    """Set one word aside as unread, joining it to unread text just before it."""
    token = TOKEN_END.search(scan.folded, pos + 1, scan.end)
    end = token.start() if token else scan.end
    if scan.after_unread and scan.unread:
        scan.unread[-1][1] = end
    else:
        scan.unread.append([pos, end])
    scan.after_unread = True
    return end


def run(scan: Scan, pos: int) -> None:
    """Read parts from ``pos`` to the end, word by word past anything not understood."""
    while True:
        gap = scan.match(GAP, pos)
        pos = gap.end() if gap else pos
        if pos >= scan.end:
            return
        end = _apply(scan, pos)
        pos = end if end is not None else _skip_unread(scan, pos)
