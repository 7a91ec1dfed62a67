"""Progress of long work, drawn on a terminal only.

A bar on stderr while `remind --send` goes through a hundred agencies,
`migrate` copies a large database, `import` stores a large plan or `extract`
reads a long document; nothing at all when stderr is not a terminal (a pipe,
cron mail), so scripts and logs see only the results.

The layers below the commands know nothing of bars: they take a plain
`Counter`, told "this many more steps of that many are done".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Counter = Callable[[int, int], None]  # (steps just done, steps in all)


class Steps:
    """A count of steps done out of a total, shown as a bar when there is a terminal.

    Work in phases (read a document's pages, then build its tasks) starts a
    new bar for each description; the one before is finished.
    """

    def __init__(self, progress: Any = None) -> None:
        self._progress, self._task, self._description = progress, None, ""

    def start(self, total: int, description: str = "") -> None:
        if self._progress is None:
            return
        if self._task is not None and description != self._description:
            self._progress.remove_task(self._task)
            self._task = None
        if self._task is None and total > 1:
            self._task = self._progress.add_task(description, total=total)
            self._description = description

    def advance(self, steps: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, steps)

    def counter(self, description: str) -> Counter:
        """A `Counter` for the layers below, drawn on this bar under `description`."""

        def count(steps: int, total: int) -> None:
            self.start(total, description)
            self.advance(steps)

        return count


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
