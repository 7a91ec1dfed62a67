"""Progress of long work, drawn on a terminal only.

A bar on stderr while `remind --send` goes through a hundred agencies or
`migrate` copies a large database; nothing at all when stderr is not a
terminal (a pipe, cron mail), so scripts and logs see only the results.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Steps:
    """A count of steps done out of a total, shown as a bar when there is a terminal."""

    def __init__(self, progress: Any = None) -> None:
        self._progress, self._task = progress, None

    def start(self, total: int, description: str = "") -> None:
        if self._progress is not None and self._task is None and total > 1:
            self._task = self._progress.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, steps)


def on_terminal() -> bool:
    """Whether a bar may be drawn: stderr is a terminal (not a pipe, not cron)."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


@contextmanager
def steps() -> Iterator[Steps]:
    """A `Steps` that draws a transient bar on a terminal, and does nothing elsewhere."""
    if not on_terminal():
        yield Steps()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield Steps(progress)
