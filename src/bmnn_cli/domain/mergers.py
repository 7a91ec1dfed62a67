"""Who owes an obligation once agencies have merged (the 2025 reorganisation).

A merged agency's open duties pass to its successor (following chains of
mergers); what it finished before the merger stays on its own record.
"""

from __future__ import annotations

from collections.abc import Collection

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.obligations import Wanted

Key = tuple[str, str]  # (agency code, period)


def owner(item: Wanted, directory: Directory, done: Collection[Key]) -> tuple[str, str | None]:
    """The agency that owes `item`, and the merged one it came from (None: its own).

    `done` holds the (agency, period) pairs with a submission or a waiver
    recorded: a period due before the merger and done by the old agency is
    kept on the old agency's record.
    """
    successor = directory.final_successor(item.agency)
    agency = directory.agencies[item.agency]
    if successor is None or agency.merged_on is None:
        return item.agency, None
    due = item.effective_due
    if due is not None and due < agency.merged_on and (item.agency, item.period) in done:
        return item.agency, None  # done before the merger: it stays on record
    return successor, item.agency
