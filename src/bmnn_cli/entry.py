"""The `bmnn` executable.

`bmnn --version` answers before Typer, Rich or SQLAlchemy are imported:
cron runs this often and start-up time is most of a short run. Any other
command imports only the module that defines it (`command_asked`). Output to
a pipe closed early (`| head`) ends quietly with status 141. Any error
that is not a `BmnnError` is a bug; it is reported in one line (the
traceback only with BMNN_DEBUG=1) rather than shown to an officer.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from bmnn_cli import __version__

        print(f"bmnn {__version__}")
        return
    import bmnn_cli.cli

    bmnn_cli.cli.asked = command_asked(args)
    from bmnn_cli.cli.app import app
    from bmnn_cli.errors import ExitCode

    try:
        try:
            app(prog_name="bmnn")
        finally:
            sys.stdout.flush()  # here, not at exit: a closed pipe is seen, a full disk is an error
    except BrokenPipeError:
        closed_pipe()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last line of defence
        from bmnn_cli.i18n import t  # loaded already, with the language of this run

        if isinstance(error, OSError) and _disk_full(error):
            print(f"bmnn: {t('err.hostile.disk_full_stdout')}", file=sys.stderr)
            _drop_stdout()
            sys.exit(ExitCode.USAGE)
        if os.environ.get("BMNN_DEBUG", "") not in ("", "0"):
            raise

        report = t("err.cli.internal", kind=type(error).__name__, error=error)
        print(f"bmnn: {report}", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)


def command_asked(args: list[str]) -> str | None:
    """The command word of the line (`bmnn --db x.db overdue …` → "overdue"), or None where
    every command must be known: `bmnn`'s own help, a bare `bmnn`, shell completion."""
    if os.environ.get("_BMNN_COMPLETE"):
        return None
    index = 0
    while index < len(args):
        word = args[index]
        if word in ("--db", "--lang"):
            index += 2
        elif word.startswith(("--db=", "--lang=")):
            index += 1
        elif word.startswith("-"):
            return None  # `bmnn --help …`, or an option Click will refuse with the group's usage
        else:
            return word
    return None


def closed_pipe() -> NoReturn:
    """End quietly when the reader of our output has gone (`bmnn status | head -1`).

    The rest of the output goes nowhere, and the exit status is the one a
    shell reports for a program stopped by SIGPIPE (141), never 1, which
    means "found what you asked to fail on".
    """
    from bmnn_cli.errors import ExitCode

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered is dropped there
        os.close(devnull)
    except (OSError, ValueError):
        pass
    os._exit(ExitCode.CLOSED_PIPE)


def _disk_full(error: OSError) -> bool:
    import errno

    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _drop_stdout() -> None:
    """Standard output cannot take more; let the interpreter's final flush find nothing."""
    try:
        sys.stdout = open(os.devnull, "w")  # lives until exit
    except OSError:
        pass
