"""Who ran which command: recorded with every change in the audit log.

Kept apart from the store so that remembering the command line costs the
CLI's start-up nothing.
"""

from __future__ import annotations

import sys

_command: list[str] = []


def set_command(argv: list[str]) -> None:
    """Remember the command line of this run (called once by the CLI)."""
    _command[:] = argv


def command_line() -> str:
    import shlex  # here, with getpass below: only a write asks

    return shlex.join(_command or ["bmnn", *sys.argv[1:]])


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
